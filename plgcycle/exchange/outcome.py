"""What an import or a merge did with each record of each file, worked out before it is written.

A :class:`Plan` holds, per file, a :class:`FileSummary`: the records added and
updated, how many were unchanged, the ones ignored with their reason
(:data:`REASONS`: the trust rules' reasons, and older versions), the
conflicts the merge rule settled, and what the trust rules said of the file.  :mod:`.planning`
and :mod:`.merging` make plans; :mod:`.describing` puts them into words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..i18n import _
from ..model import PERSON, Record
from ..verdict import REASONS as TRUST_REASONS
from ..verdict import FileVerdict, Refusal, TrustResult
from .fileformat import ExportFile

YOURS = "yours"  # owned by the local teacher
OLDER = "older"  # the database (or another file) has a newer version
TAKEOVER = "takeover"  # the id belongs to a record of another owner or kind
FOREIGN = "foreign"  # attached to someone else's question
# The other reasons come from the trust rules (plgcycle.verdict.REASONS): a signature that
# does not verify, another or an unknown key, a record that is not signed although its
# owner's key is known, a person record that is not that person's own.

REASONS = TRUST_REASONS + (OLDER,)


@dataclass
class Conflict:
    """Two versions with the same revision and different content; the rule kept one."""

    kept: Record
    other: Record
    kept_from_file: bool  # True when the version from this file won
    kept_local: bool = False  # True when the version in the database won


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
    verdict: FileVerdict | None = None  # what the trust rules made of the file
    refusals: list[Refusal] = field(default_factory=list)  # each record they left out, in words

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
    trust: TrustResult | None = None  # what the trust rules decided, for all files at once
    added: int = 0  # records new to the database (or to the merged file)
    updated: int = 0  # records whose content changes
    pins: dict[str, str] = field(default_factory=dict)  # first keys seen: the database keeps them
    accepted: dict[str, str] = field(default_factory=dict)  # key changes the teacher accepted

    @property
    def changes(self) -> int:
        """How many records the import adds or changes (the same whatever the file order)."""
        return self.added + self.updated

    def notices(self) -> list[str]:
        """One line per colleague whose key is not used as the files offer it."""
        return [notice.message for notice in self.trust.notices] if self.trust else []

    def name_of(self, person_id: str | None) -> str:
        return self.names.get(person_id or "", "") or _("unknown colleague")


def person_names(records: Iterable[Record]) -> dict[str, str]:
    """Person id -> name, for the people among ``records``."""
    return {r.id: r.text("name") for r in records if r.kind == PERSON and not r.deleted}
