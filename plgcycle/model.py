"""The records of plgcycle and the five steps of the improvement cycle.

Every record shares one envelope (``id``, ``kind``, ``owner``, ``rev``,
``updated_at``, ``deleted``) and keeps its content in ``data``.  The fields of
each kind are described by :class:`FieldDef` so that forms, validation, the
export schema and the documentation all read the same definitions.

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
from typing import NamedTuple

from .i18n import N_

# --- kinds -----------------------------------------------------------------

PERSON = "person"
ROUND = "round"
TRYOUT = "tryout"
MEASURE = "measure"
FEEDBACK = "feedback"
ACTION = "action"
KINDS = (PERSON, ROUND, TRYOUT, MEASURE, FEEDBACK, ACTION)

KIND_LABELS = {
    PERSON: N_("person"),
    ROUND: N_("question round"),
    TRYOUT: N_("try-out"),
    MEASURE: N_("measure"),
    FEEDBACK: N_("feedback"),
    ACTION: N_("action"),
}

MAX_TEXT = 100_000  # characters in one text field
MAX_NUMBER = 2**53 - 1  # the largest measured value either way: numbers kept exactly
PRIVATE_KEY = "private"  # data[PRIVATE_KEY]: list of field paths the owner keeps private
NOTES = "notes"  # a private notebook field, present on most kinds, never exported


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


# --- field definitions -------------------------------------------------------

TEXT, LONGTEXT, DATE, NUMBER, CHOICE, BOOL = "text", "longtext", "date", "number", "choice", "bool"


class FieldDef(NamedTuple):
    """One field of a form: what it stores, how to ask for it, whether it is needed."""

    key: str
    label: str  # msgid; translate with i18n._ at display time
    prompt: str = ""  # guidance shown under the field (msgid)
    type: str = TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label msgid)
    required: bool = False  # needed for the step (or plan) to count as complete
    max_length: int = MAX_TEXT
    # Always shared: what colleagues need to know whose work it is and what it is about
    # (a name, the learning question, the feedback given to them).
    public: bool = False

    @property
    def always_private(self) -> bool:
        return self.key == NOTES

    @property
    def can_be_private(self) -> bool:
        """A free-text field its owner may mark private (private notes always are)."""
        return self.type in (TEXT, LONGTEXT) and not self.public and not self.always_private


NOTES_FIELD = FieldDef(
    NOTES,
    N_("Private notes"),
    N_("Only for you: never exported, never shown to colleagues."),
    LONGTEXT,
)

# --- decisions and feedback vocabularies ------------------------------------

ADOPT, ADAPT, ABANDON = "adopt", "adapt", "abandon"
DECISIONS = (
    (ADOPT, N_("keep it (vasthouden)")),
    (ADAPT, N_("adjust it (bijstellen)")),
    (ABANDON, N_("drop it (loslaten)")),
)
DECISION_SHORT = {ADOPT: N_("keep"), ADAPT: N_("adjust"), ABANDON: N_("drop")}

TOP, TIP, QUESTION = "top", "tip", "question"
FEEDBACK_TYPES = ((TOP, N_("top")), (TIP, N_("tip")), (QUESTION, N_("question")))

FB_OPEN, FB_ADOPTED, FB_NOT_ADOPTED = "open", "adopted", "not_adopted"
FEEDBACK_STATUSES = (
    (FB_OPEN, N_("open")),
    (FB_ADOPTED, N_("taken on")),
    (FB_NOT_ADOPTED, N_("not taken on")),
)

# --- the five steps ------------------------------------------------------------


class StepDef(NamedTuple):
    number: int
    key: str
    title: str  # short label, e.g. "Baseline" / "Beginsituatie"
    activity: str  # e.g. "collect data" / "gegevens verzamelen"
    guidance: str
    fields: tuple[FieldDef, ...]


STEPS: tuple[StepDef, ...] = (
    StepDef(
        1,
        "baseline",
        N_("Baseline"),
        N_("collect data"),
        N_(
            "Where do your students stand now? Name the data you use (test scores, "
            "observations, student feedback, work) and what it shows. Use classes or "
            "groups, never student names."
        ),
        (
            FieldDef(
                "sources",
                N_("Which data?"),
                N_("Test scores, observations, student feedback, student work..."),
                LONGTEXT,
                required=True,
            ),
            FieldDef(
                "findings",
                N_("What does it show?"),
                N_("Strengths and weaknesses you see in the data."),
                LONGTEXT,
                required=True,
            ),
            FieldDef(
                "baseline_figure",
                N_("Baseline figure"),
                N_(
                    "A number to compare with later, if there is one (e.g. 55% finishes the exercise)."
                ),
                TEXT,
            ),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        2,
        "approach",
        N_("Approach"),
        N_("develop strategies"),
        N_(
            "Which ideas build on strengths and tackle weaknesses? Choose one approach "
            "and plan a try-out in class: which class, when, what exactly, which evidence "
            "you will collect, what counts as success, and what you expect to happen."
        ),
        (
            FieldDef(
                "ideas",
                N_("Ideas"),
                N_("Several options, also ones you will not choose."),
                LONGTEXT,
            ),
            FieldDef(
                "approach",
                N_("Chosen approach"),
                N_("What will you do differently, and why do you expect it to help?"),
                LONGTEXT,
                required=True,
            ),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        3,
        "implement",
        N_("Carry out"),
        N_("implement"),
        N_(
            "Run the try-out in class and log each one as it happened: date, class, "
            "what you did and what went differently from the plan."
        ),
        (
            FieldDef(
                "remarks",
                N_("Remarks while carrying out"),
                N_("Anything that struck you across the try-outs."),
                LONGTEXT,
            ),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        4,
        "analyse",
        N_("Effect"),
        N_("analyse impact"),
        N_(
            "Measure again, look at observations and students' reactions. Compare with "
            "your prediction: what worked, what did not, and why?"
        ),
        (
            FieldDef("worked", N_("What worked?"), "", LONGTEXT, required=True),
            FieldDef("not_worked", N_("What did not work?"), "", LONGTEXT),
            FieldDef("why", N_("Why, do you think?"), "", LONGTEXT),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        5,
        "apply",
        N_("Apply"),
        N_("apply in the next round"),
        N_(
            "Draw conclusions and decide: keep it, adjust it or drop it. What will the "
            "next round do? Starting the next round carries your question and "
            "conclusions forward."
        ),
        (
            FieldDef("conclusions", N_("Conclusions"), "", LONGTEXT, required=True),
            FieldDef("decision", N_("Decision"), "", CHOICE, DECISIONS, required=True),
            FieldDef("next", N_("What will the next round do?"), "", LONGTEXT),
            NOTES_FIELD,
        ),
    ),
)
STEP_KEYS = tuple(step.key for step in STEPS)
STEP_BY_KEY = {step.key: step for step in STEPS}

# --- the other kinds ------------------------------------------------------------

ROUND_FIELDS = (
    FieldDef(
        "question",
        N_("Learning question"),
        N_(
            "About your own teaching and your students' learning, concrete and close "
            "to your classroom. E.g. 'How can short instruction videos make my 3 havo "
            "students practise more actively in class?'"
        ),
        LONGTEXT,
        required=True,
        max_length=2_000,
        public=True,
    ),
    FieldDef(
        "goal_link",
        N_("Link with team or school goals"),
        N_("Optional: which team or school goal does this question serve?"),
        TEXT,
    ),
)

PERSON_FIELDS = (
    FieldDef(
        "name",
        N_("Name"),
        N_("As colleagues know you."),
        TEXT,
        required=True,
        max_length=200,
        public=True,
    ),
    FieldDef("school", N_("School"), "", TEXT, max_length=200, public=True),
    FieldDef("subject", N_("Subject"), "", TEXT, max_length=200, public=True),
    FieldDef("plg", N_("PLG name"), "", TEXT, max_length=200, public=True),
    FieldDef(
        "subgroup",
        N_("Subgroup"),
        N_("Your subgroup of 3-4 colleagues, if any."),
        TEXT,
        max_length=200,
        public=True,
    ),
    FieldDef("next_meeting", N_("Next meeting"), N_("DD-MM-YYYY"), DATE),
)

TRYOUT_PLAN_FIELDS = (
    FieldDef(
        "class_group",
        N_("Class or group"),
        N_("E.g. 3 havo B. No student names."),
        TEXT,
        required=True,
        max_length=200,
    ),
    FieldDef("planned_date", N_("Planned date"), N_("DD-MM-YYYY"), DATE),
    FieldDef(
        "what",
        N_("What exactly?"),
        N_("The lesson, assignment or approach you will use."),
        LONGTEXT,
        required=True,
    ),
    FieldDef(
        "evidence",
        N_("Evidence to collect"),
        N_("Scores, observations, exit tickets, students' reactions..."),
        LONGTEXT,
    ),
    FieldDef("success", N_("What counts as success?"), "", LONGTEXT, required=True),
    FieldDef(
        "prediction",
        N_("What do you expect to happen?"),
        N_("Your prediction; step 4 shows it beside the result."),
        LONGTEXT,
        required=True,
    ),
)
TRYOUT_RUN_FIELDS = (
    FieldDef("run_date", N_("Date carried out"), N_("DD-MM-YYYY"), DATE, required=True),
    FieldDef("happened", N_("What happened?"), "", LONGTEXT, required=True),
    FieldDef("deviations", N_("What went differently from the plan?"), "", LONGTEXT),
)
TRYOUT_RESULT_FIELDS = (
    FieldDef("observations", N_("Observations"), "", LONGTEXT),
    FieldDef("reactions", N_("Students' reactions"), "", LONGTEXT),
)
TRYOUT_FIELDS = TRYOUT_PLAN_FIELDS + TRYOUT_RUN_FIELDS + TRYOUT_RESULT_FIELDS + (NOTES_FIELD,)

MEASURE_FIELDS = (
    FieldDef(
        "name",
        N_("Measure"),
        N_("E.g. exercises finished, test score, % on task."),
        TEXT,
        required=True,
        max_length=200,
        public=True,
    ),
    FieldDef("unit", N_("Unit"), N_("E.g. %, points, minutes."), TEXT, max_length=50, public=True),
    FieldDef("baseline", N_("Baseline value"), "", NUMBER),
    FieldDef("value", N_("New value"), "", NUMBER),
    FieldDef("note", N_("Note"), "", TEXT),
)

FEEDBACK_FIELDS = (
    FieldDef("type", N_("Kind"), "", CHOICE, FEEDBACK_TYPES, required=True),
    FieldDef(
        "text",
        N_("Feedback"),
        N_("Concrete rather than polite."),
        LONGTEXT,
        required=True,
        max_length=5_000,
        public=True,
    ),
    FieldDef(
        "giver_name",
        N_("From"),
        N_("The colleague who gave it."),
        TEXT,
        required=True,
        max_length=200,
        public=True,
    ),
    FieldDef("given_on", N_("Date"), N_("DD-MM-YYYY"), DATE),
)

ACTION_FIELDS = (
    FieldDef(
        "text",
        N_("What will I do before the next meeting?"),
        "",
        LONGTEXT,
        required=True,
        max_length=5_000,
    ),
    FieldDef("due", N_("By when?"), N_("DD-MM-YYYY"), DATE),
    FieldDef("done", N_("Done"), "", BOOL),
    FieldDef("went_well", N_("What went well?"), "", LONGTEXT),
    FieldDef("improve", N_("What could be better?"), "", LONGTEXT),
    FieldDef("need", N_("What do I need?"), "", LONGTEXT),
    NOTES_FIELD,
)

FIELDS_BY_KIND: dict[str, tuple[FieldDef, ...]] = {
    PERSON: PERSON_FIELDS,
    ROUND: ROUND_FIELDS,
    TRYOUT: TRYOUT_FIELDS,
    MEASURE: MEASURE_FIELDS,
    FEEDBACK: FEEDBACK_FIELDS,
    ACTION: ACTION_FIELDS,
}

# Link fields (ids of other records) per kind; None allowed where optional.
LINKS: dict[str, tuple[str, ...]] = {
    PERSON: (),
    ROUND: ("parent", "chain"),
    TRYOUT: ("round",),
    MEASURE: ("round", "tryout"),
    FEEDBACK: ("round", "tryout", "giver"),
    ACTION: ("round",),
}


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


# What a next round carries from the step "apply" of the round before it: the same
# keys, under data["carried"].  A copy of a private text is private too (see
# plgcycle.cycle.start_next_round and plgcycle.privacy).
CARRIED_KEYS = ("conclusions", "decision", "next")


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
