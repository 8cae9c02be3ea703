"""The records of plgcycle: one envelope for every kind, and the place to import the model from.

Every record shares one envelope (``id``, ``kind``, ``owner``, ``rev``,
``updated_at``, ``deleted``) and keeps its content in ``data``: that is
:class:`Record`, with the timestamps and dates records hold.  The kinds are
named in :mod:`plgcycle.kinds`; the fields of each kind are described by
:class:`~plgcycle.fields.FieldDef` in :mod:`plgcycle.fields`, and the five
steps of the improvement cycle in :mod:`plgcycle.steps`, so that forms,
validation, the export schema and the documentation all read the same
definitions.  This module re-exports all of them.

No student names: the model only knows classes and groups (``class_group``).
Private fields (``notes`` everywhere, plus any field the owner marks) never
leave the machine; :mod:`plgcycle.privacy` holds the one rule that says what
may.
"""

from __future__ import annotations

import copy
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from .fields import (
    ACTION_FIELDS,
    BOOL,
    CHOICE,
    DATE,
    FB_ADOPTED,
    FB_NOT_ADOPTED,
    FB_OPEN,
    FEEDBACK_FIELDS,
    FEEDBACK_STATUSES,
    FEEDBACK_TYPES,
    FIELDS_BY_KIND,
    LOGBOOK,
    LONGTEXT,
    MAX_NUMBER,
    MAX_TEXT,
    MEASURE_FIELDS,
    MEETING_FIELDS,
    NOTES,
    NOTES_FIELD,
    NUMBER,
    PERSON_FIELDS,
    PLG_FIELDS,
    QUESTION,
    ROUND_FIELDS,
    TEXT,
    TIP,
    TOP,
    TRYOUT_FIELDS,
    TRYOUT_PLAN_FIELDS,
    TRYOUT_RESULT_FIELDS,
    TRYOUT_RUN_FIELDS,
    FieldDef,
)
from .kinds import (
    ACTION,
    FEEDBACK,
    KIND_LABELS,
    KINDS,
    LINKS,
    MEASURE,
    MEETING,
    PERSON,
    PLG,
    ROUND,
    SCAN_RESPONSE,
    SCAN_ROUND,
    TRYOUT,
)
from .steps import (
    ABANDON,
    ADAPT,
    ADOPT,
    CARRIED_KEYS,
    DECISION_SHORT,
    DECISIONS,
    STEP_BY_KEY,
    STEP_KEYS,
    STEPS,
    StepDef,
)

__all__ = [
    # defined here
    "PRIVATE_KEY",
    "new_id",
    "utcnow",
    "iso",
    "parse_iso",
    "parse_date",
    "DateFormatError",
    "read_date",
    "Record",
    "step_data",
    "set_step_data",
    "private_field_paths",
    "notes_paths",
    # from plgcycle.kinds
    "PERSON",
    "ROUND",
    "TRYOUT",
    "MEASURE",
    "FEEDBACK",
    "ACTION",
    "PLG",
    "MEETING",
    "SCAN_ROUND",
    "SCAN_RESPONSE",
    "KINDS",
    "KIND_LABELS",
    "LINKS",
    # from plgcycle.fields
    "MAX_TEXT",
    "MAX_NUMBER",
    "NOTES",
    "TEXT",
    "LONGTEXT",
    "DATE",
    "NUMBER",
    "CHOICE",
    "BOOL",
    "FieldDef",
    "NOTES_FIELD",
    "TOP",
    "TIP",
    "QUESTION",
    "FEEDBACK_TYPES",
    "FB_OPEN",
    "FB_ADOPTED",
    "FB_NOT_ADOPTED",
    "FEEDBACK_STATUSES",
    "ROUND_FIELDS",
    "PERSON_FIELDS",
    "TRYOUT_PLAN_FIELDS",
    "TRYOUT_RUN_FIELDS",
    "TRYOUT_RESULT_FIELDS",
    "TRYOUT_FIELDS",
    "MEASURE_FIELDS",
    "FEEDBACK_FIELDS",
    "ACTION_FIELDS",
    "PLG_FIELDS",
    "MEETING_FIELDS",
    "LOGBOOK",
    "FIELDS_BY_KIND",
    # from plgcycle.steps
    "ADOPT",
    "ADAPT",
    "ABANDON",
    "DECISIONS",
    "DECISION_SHORT",
    "StepDef",
    "STEPS",
    "STEP_KEYS",
    "STEP_BY_KEY",
    "CARRIED_KEYS",
]

PRIVATE_KEY = "private"  # data[PRIVATE_KEY]: list of field paths the owner keeps private

# --- ids, timestamps and dates ------------------------------------------------------


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with microseconds, the one timestamp format we write."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_iso(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def parse_date(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string as a date, or None when empty or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")


class DateFormatError(ValueError):
    """Text that is not written as a date at all."""


def read_date(text: str) -> date:
    """A date typed by a person: ``2026-12-05`` or the Dutch way, ``5-12-2026``.

    Also ``5/12/2026``, ``5.12.2026`` and two-digit years (``5-12-26``).  Raises
    :class:`DateFormatError` when the text is not a date at all, and ``ValueError``
    when it looks like one that is not in the calendar (``31-02-2026``).
    """
    text = text.strip()
    iso_match = _ISO_DATE.fullmatch(text)
    if iso_match:
        year, month, day = (int(g) for g in iso_match.groups())
    else:
        dutch = _DUTCH_DATE.fullmatch(text)
        if not dutch:
            raise DateFormatError(text)
        day, month, year = (int(g) for g in dutch.groups())
        if year < 100:
            year += 2000
    return date(year, month, day)


# --- the record ---------------------------------------------------------------------


@dataclass(slots=True)
class Record:
    """One stored or exchanged record: the envelope plus its ``data``."""

    kind: str
    owner: str
    data: dict = field(default_factory=dict)
    id: str = field(default_factory=new_id)
    rev: int = 0
    updated_at: str = ""
    deleted: bool = False
    # The owner's signature as received (export format version 2), kept by the database
    # for a colleague's record; None for an unsigned one and for the local teacher's own
    # work, which is signed when it is exported.  Not part of the envelope (to_dict).
    sig: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "owner": self.owner,
            "rev": self.rev,
            "updated_at": self.updated_at,
            "deleted": self.deleted,
            "data": self.data,
        }

    @classmethod
    def from_dict(cls, raw: dict) -> Record:
        get = raw.get
        rev, deleted = get("rev", 0), get("deleted", False)
        return cls(
            raw["kind"],
            raw["owner"],
            get("data") or {},
            raw["id"],
            rev if type(rev) is int else int(rev),
            get("updated_at", ""),
            deleted if type(deleted) is bool else bool(deleted),
            get("sig"),
        )

    def copy(self) -> Record:
        return Record(
            self.kind,
            self.owner,
            copy.deepcopy(self.data),
            self.id,
            self.rev,
            self.updated_at,
            self.deleted,
            self.sig,
        )

    def get(self, key: str, default=None):
        value = self.data.get(key, default)
        return default if value is None else value

    def text(self, key: str) -> str:
        """A text field, always a string ("" when missing)."""
        value = self.data.get(key)
        return value if isinstance(value, str) else ""

    @property
    def private_paths(self) -> set[str]:
        return set(self.data.get(PRIVATE_KEY) or ())

    def is_private(self, path: str) -> bool:
        return path.split(".")[-1] == NOTES or path in self.private_paths

    def set_private(self, path: str, private: bool) -> None:
        paths = self.private_paths
        paths.add(path) if private else paths.discard(path)
        self.data[PRIVATE_KEY] = sorted(paths)


# --- the steps of a round and what may be private ---------------------------------


def step_data(round_rec: Record, step_key: str) -> dict:
    """The stored fields of one step of a round (empty dict when untouched)."""
    steps = round_rec.data.get("steps") or {}
    value = steps.get(step_key)
    return value if isinstance(value, dict) else {}


def set_step_data(round_rec: Record, step_key: str, values: dict) -> None:
    steps = dict(round_rec.data.get("steps") or {})
    merged = dict(steps.get(step_key) or {})
    merged.update(values)
    steps[step_key] = merged
    round_rec.data["steps"] = steps


def private_field_paths(kind: str) -> tuple[str, ...]:
    """The paths in ``data`` of every field of ``kind`` that its owner may mark private.

    Read from the field definitions, so a new free-text field is covered (the
    privacy tests walk these paths) without being listed again.
    """
    if kind == ROUND:
        paths = [f.key for f in ROUND_FIELDS if f.can_be_private]
        for step in STEPS:
            paths += [f"steps.{step.key}.{f.key}" for f in step.fields if f.can_be_private]
        apply = {f.key: f for f in STEP_BY_KEY["apply"].fields}
        paths += [f"carried.{key}" for key in CARRIED_KEYS if apply[key].can_be_private]
        return tuple(paths)
    return tuple(f.key for f in FIELDS_BY_KIND.get(kind, ()) if f.can_be_private)


def notes_paths(kind: str) -> tuple[str, ...]:
    """The paths in ``data`` of the private notes a record of ``kind`` has in its forms."""
    if kind == ROUND:
        return tuple(
            f"steps.{step.key}.{NOTES}"
            for step in STEPS
            if any(f.always_private for f in step.fields)
        )
    return tuple(f.key for f in FIELDS_BY_KIND.get(kind, ()) if f.always_private)
