"""The files a review is built from: reading them through the trust rules, never a database.

:func:`load_exports` is the one way the review, the report and the agenda read
export files.  It asks :func:`plgcycle.trust.resolve` (the rules an import and
a merge apply too) which records count, so a forged, re-keyed or foreign
record is never shown as someone's work, and the result never depends on the
order of the files.  What was left out is kept as one line per file
(:attr:`ReviewData.lines`); records that carry no signature (version-1 files)
are marked (:attr:`ReviewData.unsigned`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, MutableSet
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import ExchangeError, InvalidInput
from ..exchange import PROFILE_FULL, PROFILE_PROGRESS
from ..i18n import _
from ..model import PERSON, Record, iso
from ..privacy import shareable_records

if TYPE_CHECKING:
    from ..verdict import TrustResult

# --- the files a review is built from -------------------------------------------------------


class SourceFile(NamedTuple):
    """One export that went into a review (what the screen and reports list as sources)."""

    path: str
    owner: str  # exported_by.id as the file states it ("" for a merged file)
    name: str
    exported_at: str
    profile: str
    records: int
    version: int = 1
    signature: str = "none"  # does the file's own signature verify: valid, invalid, none
    own_for: str = ""  # the person whose own signed file this is (their key verified it)
    arrived: str = ""  # when the file arrived here (its modification time, UTC)
    left_out: int = 0  # records the trust rules left out

    @property
    def sender(self) -> str:
        """Whose own file this is: verified for a signed file, as stated for a version-1 file."""
        if self.own_for:
            return self.own_for
        return self.owner if self.version < 2 else ""


class ReviewData:
    """Merged records plus where they came from, and what the trust rules said of them.

    The records are kept as :func:`plgcycle.privacy.shareable` makes them, so
    the review, its detail, the reports and the agenda never hold a private
    text, also when they are made from a teacher's own database.
    """

    def __init__(
        self,
        records: list[Record],
        files: list[SourceFile] | None = None,
        conflicts: int = 0,
        *,
        trust: TrustResult | None = None,
        unsigned: Iterable[str] = (),
        confirmations: Mapping[str, str] | None = None,
    ) -> None:
        self.records = shareable_records(records)
        self.files = files if files is not None else []
        self.conflicts = conflicts
        self.trust = trust
        self.unsigned = frozenset(unsigned)  # ids of records without a signature
        self.confirmations = dict(confirmations or {})  # person id -> key compared with them
        self.skipped: list[str] = []  # files in a folder that cannot be read now, a line each

    @classmethod
    def from_database(cls, records: list[Record], me: str | None) -> ReviewData:
        """A teacher's own database: colleagues' records without a signature are marked."""
        unsigned = (r.id for r in records if r.owner != me and r.sig is None)
        return cls(records, unsigned=unsigned)

    def __repr__(self) -> str:
        return f"ReviewData({len(self.records)} records, {len(self.files)} files)"

    @property
    def limited_owners(self) -> frozenset[str]:
        """Teachers of whom only a progress export was read (no results, no reflections)."""
        full = {f.owner for f in self.files if f.profile != PROFILE_PROGRESS}
        return frozenset(
            f.owner for f in self.files if f.profile == PROFILE_PROGRESS and f.owner not in full
        )

    @property
    def keys(self) -> dict[str, str]:
        """Person id -> the key that counts for them (empty without files)."""
        return dict(self.trust.keys) if self.trust is not None else {}

    @property
    def confirmed(self) -> set[str]:
        """Persons whose controlecode was compared for the key they use now."""
        return self.trust.confirmed(self.confirmations) if self.trust is not None else set()

    @property
    def noted_by(self) -> dict[str, str]:
        """Feedback id -> the person who wrote it down for a colleague who gave it aloud."""
        return dict(self.trust.noted_by) if self.trust is not None else {}

    @property
    def same_name(self) -> list[tuple[str, ...]]:
        """Groups of person ids that share one name: flagged, never silently two people."""
        if self.trust is not None:
            return list(self.trust.same_name)
        from ..verdict import normalised_name

        groups: dict[str, set[str]] = {}
        for record in self.records:
            if record.kind == PERSON and not record.deleted and record.text("name").strip():
                groups.setdefault(normalised_name(record.text("name")), set()).add(record.id)
        return sorted(tuple(sorted(ids)) for ids in groups.values() if len(ids) > 1)

    @property
    def lines(self) -> list[str]:
        """What the trust rules have to say, one line each: changed keys, then per file."""
        return self.trust.lines() if self.trust is not None else []

    def same_name_lines(self) -> list[str]:
        """A line per name that two or more persons share."""
        from ..signing import controlecode, valid_public_key
        from ..textsafe import printable, shorten

        names = {r.id: r.text("name") for r in self.records if r.kind == PERSON}
        keys = self.keys
        out = []
        for group in self.same_name:
            codes = ", ".join(
                controlecode(keys[pid]) if valid_public_key(keys.get(pid)) else _("no key")
                for pid in group
            )
            out.append(
                _(
                    "{n} different people are called {name} (check codes {codes}); they are "
                    "counted apart: check who is who."
                ).format(
                    n=len(group),
                    name=shorten(printable(names.get(group[0], ""), single_line=True), 60),
                    codes=codes,
                )
            )
        return out

    def notices(self) -> list[str]:
        """Every line a reader of the review should see: the trust lines and same names."""
        return self.skipped + self.lines + self.same_name_lines()


def find_exports(paths: Iterable[str | Path]) -> list[Path]:
    """The export files named, with folders expanded to the ``*.plgcycle.json`` files inside."""
    from ..exchange import expand_export_paths

    found = expand_export_paths(paths)
    if not found:
        raise InvalidInput(_("Name at least one export file or folder."))
    return found


def _arrived(path: Path | None) -> str:
    try:
        moment = os.stat(path).st_mtime if path is not None else None
    except OSError:
        return ""
    return iso(datetime.fromtimestamp(moment, UTC)) if moment is not None else ""


def load_exports(
    paths: Iterable[str | Path],
    *,
    pins: Mapping[str, str] | None = None,
    accepted: Mapping[str, str] | None = None,
    confirmations: Mapping[str, str] | None = None,
    verified: MutableSet[bytes] | None = None,
) -> ReviewData:
    """Read exports and keep what the trust rules accept; never touches a database.

    Full exports come first: a progress export only adds records that no full
    export holds, so a teacher who shared both is shown with everything.  Raises
    ExchangeError (naming the file) when a file named cannot be read at all; one
    found in a folder (a shared folder may hold a half-synced file) is skipped
    with a line in :attr:`ReviewData.skipped`, and the rest is read.  A file
    that can be read but brings records that do not count keeps the rest, and
    says what it lost in :attr:`ReviewData.lines`.
    """
    from ..exchange import is_conflict, read_export, winner
    from ..gctools import gc_paused
    from ..signing import Signed
    from ..trust import resolve

    # The merged records live as long as the review: out of the collector's rounds.
    with gc_paused(freeze=True):
        paths = list(paths)
        named = {Path(p).expanduser().resolve() for p in paths if not Path(p).expanduser().is_dir()}
        parsed, skipped = [], []
        for path in find_exports(paths):
            try:
                parsed.append(read_export(path))
            except ExchangeError as error:
                if path.resolve() in named:
                    raise  # a file the facilitator named: its problem is the answer
                # A file found in a folder (half synced, or not an export after all): the
                # rest of the folder is still read, and the file again next time.
                skipped.append(str(error))
        result = resolve(
            [p.trust_file() for p in parsed], pins=pins, accepted=accepted, verified=verified
        )
        chosen = dict(result.records)
        full: dict[str, Record] = {}
        conflicted: set[str] = set()
        for export, verdict in zip(parsed, result.files, strict=True):
            for entry in verdict.passed:
                record = entry.record
                best = chosen[record.id].record
                if record is not best and is_conflict(best, record):
                    conflicted.add(record.id)
                if export.profile != PROFILE_PROGRESS:
                    current = full.get(record.id)
                    full[record.id] = record if current is None else winner(current, record)
        for rid, record in full.items():  # a full version over a newer progress copy
            if record is not chosen[rid].record:
                chosen[rid] = Signed(record, record.sig)
        files = [
            SourceFile(
                str(p.path),
                str(p.exported_by.get("id") or ""),
                str(p.exported_by.get("name") or ""),
                p.exported_at,
                p.profile or PROFILE_FULL,
                len(p.records),
                p.version,
                p.signature,
                verdict.own_for or "",
                _arrived(p.path),
                len(verdict.refused),
            )
            for p, verdict in zip(parsed, result.files, strict=True)
        ]
        unsigned = [rid for rid, entry in chosen.items() if entry.sig is None]
        data = ReviewData(
            [entry.record for entry in chosen.values()],
            files,
            len(conflicted),
            trust=result,
            unsigned=unsigned,
            confirmations=confirmations,
        )
        data.skipped = skipped
    return data
