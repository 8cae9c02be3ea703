"""The merge rule, and merging export files into one.

For every id the version with the higher ``(rev, updated_at, owner)`` wins
(:func:`winner`); at a full tie the version with the most content wins (a full
version over its progress copy), then the canonical JSON.  That is a total
order, so merging is commutative, associative and idempotent.  Ties with really
different content are reported as conflicts (:func:`is_conflict`).

:func:`merged_envelope` is the envelope of a merged file (for a subgroup or a
facilitator); :func:`.planning.plan_merge` works out what goes in it, through the
trust rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import orjson

from ..model import Record
from ..privacy import WITHHELD
from .fileformat import ExportFile, canonical
from .outcome import Plan
from .profiles import PROFILE_FULL, PROFILE_PROGRESS, PROGRESS_KEEP, _data_leaves, progress_record
from .writing import merged_file


def _content(record: Record) -> bytes:
    """The whole record as bytes, for comparing versions (true and 1 differ)."""
    raw = record.to_dict()
    try:
        return orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return canonical(raw)


def version_key(record: Record) -> tuple:
    return (record.rev, record.updated_at, record.owner)


def _withheld_count(record: Record) -> int:
    """How many fields a version withholds (a progress copy withholds more than a full one)."""
    keep = PROGRESS_KEEP.get(record.kind, frozenset())
    return sum(1 for path, value in _data_leaves(record) if value is WITHHELD and path not in keep)


def winner(a: Record, b: Record) -> Record:
    """The version that survives a merge; a pure, symmetric choice."""
    ka, kb = version_key(a), version_key(b)
    if ka != kb:
        return a if ka > kb else b
    ca, cb = _content(a), _content(b)
    if ca == cb:
        return a
    wa, wb = _withheld_count(a), _withheld_count(b)
    if wa != wb:
        return a if wa < wb else b
    return a if ca >= cb else b


def same_version_shared_differently(a: Record, b: Record) -> bool:
    """True when two versions differ only because one was exported as progress."""
    return _content(progress_record(a)) == _content(progress_record(b))


def is_conflict(a: Record, b: Record) -> bool:
    """Two versions with the same (rev, updated_at, owner) and really different content."""
    if version_key(a) != version_key(b):
        return False
    if _content(a) == _content(b):
        return False
    if a.kind == b.kind and a.deleted == b.deleted and same_version_shared_differently(a, b):
        return False
    return True


@dataclass
class MergeResult:
    records: dict[str, Record] = field(default_factory=dict)
    conflicts: list[tuple[Record, Record]] = field(default_factory=list)

    def as_list(self) -> list[Record]:
        return list(self.records.values())


def merge(*record_sets: Iterable[Record]) -> MergeResult:
    """Merge record sets: per id the winner; ties with different content are listed."""
    result = MergeResult()
    records = result.records
    for record_set in record_sets:
        for record in record_set:
            current = records.get(record.id)
            if current is None:
                records[record.id] = record
                continue
            if current is record:
                continue
            if is_conflict(current, record):
                result.conflicts.append((current, record))
            records[record.id] = winner(current, record)
    return result


def merged_sources(files: Sequence[ExportFile]) -> list[dict]:
    """Who contributed to a merged file: the exporters, or the sources of merged inputs."""
    found: dict[tuple, dict] = {}
    for export in files:
        entries = export.sources or [
            {
                "id": export.exported_by.get("id"),
                "name": export.sender_name,
                "exported_at": export.exported_at,
            }
        ]
        for entry in entries:
            key = (entry.get("id"), entry.get("name"))
            if key not in found or entry["exported_at"] > found[key]["exported_at"]:
                found[key] = {
                    "id": entry.get("id"),
                    "name": entry.get("name", ""),
                    "exported_at": entry["exported_at"],
                }
    return sorted(found.values(), key=lambda s: (s["name"].casefold(), s["exported_at"]))


def merged_envelope(files: Sequence[ExportFile], plan: Plan, now: datetime | None = None) -> dict:
    """The envelope of a merged file: made by nobody in particular, from these sources."""
    sources = merged_sources(files)
    names = ", ".join(s["name"] for s in sources if s["name"])
    profile = (
        PROFILE_PROGRESS
        if files and all(f.profile == PROFILE_PROGRESS for f in files)
        else PROFILE_FULL
    )
    records = sorted(plan.writes.values(), key=lambda r: (r.kind, r.owner, r.id))
    return merged_file(records, {"id": None, "name": names}, now, profile, sources)
