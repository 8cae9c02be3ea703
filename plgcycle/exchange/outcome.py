"""What an import or a merge did with each record of each file, worked out before it is written.

A :class:`Plan` holds, per file, a :class:`FileSummary`: the records added and
updated, how many were unchanged, the ones ignored with their reason
(:data:`REASONS`) and the conflicts the merge rule settled.  :mod:`.planning`
and :mod:`.merging` make plans; :mod:`.describing` puts them into words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..i18n import _
from ..model import PERSON, Record
from .fileformat import ExportFile

YOURS = "yours"  # owned by the local teacher
OLDER = "older"  # the database (or an earlier file) has a newer version
TAKEOVER = "takeover"  # the id belongs to a record of another owner or kind
FOREIGN = "foreign"  # attached to someone else's question

REASONS = (YOURS, TAKEOVER, FOREIGN, OLDER)


@dataclass
class Conflict:
    """Two versions with the same revision and different content; the rule kept one."""

    kept: Record
    other: Record
    kept_from_file: bool  # True when the version from the file won


@dataclass
class FileSummary:
    """The outcome of one file of an import or merge."""

    file: ExportFile
    added: list[Record] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    unchanged: int = 0
    ignored: list[tuple[Record, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    carried: Counter = field(default_factory=Counter)  # owner id -> records not from the sender

    @property
    def ignored_by_reason(self) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {}
        for record, reason in self.ignored:
            out.setdefault(reason, []).append(record)
        return {reason: out[reason] for reason in REASONS if reason in out}

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)


@dataclass
class Plan:
    """An import or merge worked out before anything is written."""

    summaries: list[FileSummary]
    writes: dict[str, Record]  # id -> record to write (import) or the merged records (merge)
    names: dict[str, str]  # person id -> name, for describing records and owners
    merging: bool = False

    @property
    def changes(self) -> int:
        return sum(s.changes for s in self.summaries)

    def name_of(self, person_id: str | None) -> str:
        return self.names.get(person_id or "", "") or _("unknown colleague")


def person_names(records: Iterable[Record]) -> dict[str, str]:
    """Person id -> name, for the people among ``records``."""
    return {r.id: r.text("name") for r in records if r.kind == PERSON and not r.deleted}
