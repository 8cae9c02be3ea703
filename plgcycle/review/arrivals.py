"""Per teacher: which file of theirs is the newest, which are superseded, and who sent nothing.

A facilitator's folder fills up with files over the weeks.  "No movement" in a
question must never be confused with "no file": :func:`teacher_files` says for
every teacher in the review when their newest own file was made and arrived,
which older files of theirs it supersedes, whether they sent nothing since the
last meeting (the threshold of "no movement"), their controlecode, whether it
was confirmed, and whether another person has the same name.

A teacher's own file is one they signed (version 2), or, for a version-1 file,
one whose ``exported_by`` names them (not verifiable, so marked not signed).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..model import PERSON, parse_date
from ..signing import controlecode, valid_public_key
from .sources import ReviewData, SourceFile


class TeacherFiles(NamedTuple):
    """What the files tab shows of one teacher."""

    person_id: str
    name: str
    controlecode: str  # "" when their key is not known (version-1 files only)
    confirmed: bool  # the controlecode was compared for the key in use
    newest: SourceFile | None  # their newest own file, None when they sent none
    superseded: tuple[SourceFile, ...]  # their older own files, newest first
    quiet: bool  # nothing of their own made since ``since``
    same_name: bool  # another person in the review has the same name
    unsigned: bool  # their newest own file is a version-1 file


def _order(f: SourceFile) -> tuple[str, str]:
    return (f.exported_at, f.path)


def teacher_files(data: ReviewData, since: date | None) -> list[TeacherFiles]:
    """Every teacher of the review (by name), with their files; pure."""
    names = {r.id: r.text("name") for r in data.records if r.kind == PERSON and not r.deleted}
    own: dict[str, list[SourceFile]] = {}
    for f in data.files:
        if f.sender:
            own.setdefault(f.sender, []).append(f)
    keys, confirmed = data.keys, data.confirmed
    twins = {pid for group in data.same_name for pid in group}
    out = []
    for pid in sorted(set(names) | set(own), key=lambda p: (names.get(p, "").casefold(), p)):
        files = sorted(own.get(pid, []), key=_order, reverse=True)
        newest = files[0] if files else None
        made = parse_date(newest.exported_at) if newest else None
        key = keys.get(pid)
        out.append(
            TeacherFiles(
                pid,
                names.get(pid) or (newest.name if newest else ""),
                controlecode(key) if isinstance(key, str) and valid_public_key(key) else "",
                pid in confirmed,
                newest,
                tuple(files[1:]),
                made is None or (since is not None and made < since),
                pid in twins,
                newest is not None and newest.version < 2,
            )
        )
    return out
