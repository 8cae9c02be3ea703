"""The files a review is built from: reading and merging exports, never a database."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..errors import InvalidInput
from ..exchange import PROFILE_FULL, PROFILE_PROGRESS
from ..i18n import _
from ..model import (
    Record,
)
from ..privacy import shareable_records

# --- the files a review is built from -------------------------------------------------------


class SourceFile(NamedTuple):
    """One export that went into a review (what the screen and reports list as sources)."""

    path: str
    owner: str
    name: str
    exported_at: str
    profile: str
    records: int


class ReviewData:
    """Merged records plus where they came from.

    The records are kept as :func:`plgcycle.privacy.shareable` makes them, so
    the review, its detail, the reports and the agenda never hold a private
    text, also when they are made from a teacher's own database.
    """

    def __init__(
        self, records: list[Record], files: list[SourceFile] | None = None, conflicts: int = 0
    ) -> None:
        self.records = shareable_records(records)
        self.files = files if files is not None else []
        self.conflicts = conflicts

    def __repr__(self) -> str:
        return f"ReviewData({len(self.records)} records, {len(self.files)} files)"

    @property
    def limited_owners(self) -> frozenset[str]:
        """Teachers of whom only a progress export was read (no results, no reflections)."""
        full = {f.owner for f in self.files if f.profile != PROFILE_PROGRESS}
        return frozenset(
            f.owner for f in self.files if f.profile == PROFILE_PROGRESS and f.owner not in full
        )


def find_exports(paths: Iterable[str | Path]) -> list[Path]:
    """The export files named, with folders expanded to the ``*.plgcycle.json`` files inside."""
    from ..exchange import expand_export_paths

    found = expand_export_paths(paths)
    if not found:
        raise InvalidInput(_("Name at least one export file or folder."))
    return found


def load_exports(paths: Iterable[str | Path]) -> ReviewData:
    """Read and merge exports; never touches a database.

    Full exports are merged first; a progress export only adds records that no
    full export holds, so a teacher who shared both is shown with everything.
    Raises ExchangeError (naming the file) when a file cannot be used.
    """
    from ..exchange import merge, read_export
    from ..gctools import gc_paused

    # The merged records live as long as the review: out of the collector's rounds.
    with gc_paused(freeze=True):
        parsed = [read_export(path) for path in find_exports(paths)]
        files = [
            SourceFile(
                str(p.path),
                str(p.exported_by.get("id") or ""),
                str(p.exported_by.get("name") or ""),
                p.exported_at,
                p.profile or PROFILE_FULL,
                len(p.records),
            )
            for p in parsed
        ]
        result = merge(*(p.records for p in parsed if p.profile != PROFILE_PROGRESS))
        from_full = set(result.records)
        progress = merge(*(p.records for p in parsed if p.profile == PROFILE_PROGRESS))
        for record_id, record in progress.records.items():
            if record_id not in from_full:
                result.records[record_id] = record
        data = ReviewData(result.as_list(), files, len(result.conflicts) + len(progress.conflicts))
    return data
