"""The fields of each kind of record, described once for forms, checks, schema and docs.

A :class:`FieldDef` says what a field stores, how a form asks for it, whether
it is needed and whether it is always shared.  The definitions per kind
(:data:`FIELDS_BY_KIND`) are what forms, validation, the export schema and the
documentation all read; the fields of a round's five steps are in
:mod:`plgcycle.steps`.  Private notes (:data:`NOTES`) are on most kinds and
never leave the machine.
"""

from __future__ import annotations

from typing import NamedTuple

from .i18n import N_
from .kinds import (
    ACTION,
    FEEDBACK,
    MEASURE,
    MEETING,
    PERSON,
    PLG,
    ROUND,
    SCAN_RESPONSE,
    SCAN_ROUND,
    TRYOUT,
)

MAX_TEXT = 100_000  # characters in one text field
MAX_NUMBER = 2**53 - 1  # the largest measured value either way: numbers kept exactly
NOTES = "notes"  # a private notebook field, present on most kinds, never exported
# Never exported: the notes, and whether a try-out's prediction held (plgcycle.predictions).
# The facilitator's logbook (per teacher, on the PLG and on a meeting) is never exported either.
LOGBOOK = "logbook"
ALWAYS_PRIVATE = frozenset({NOTES, "prediction_held", LOGBOOK})

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
        return self.key in ALWAYS_PRIVATE

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

# --- feedback vocabularies ---------------------------------------------------

TOP, TIP, QUESTION = "top", "tip", "question"
FEEDBACK_TYPES = ((TOP, N_("top")), (TIP, N_("tip")), (QUESTION, N_("question")))

FB_OPEN, FB_ADOPTED, FB_NOT_ADOPTED = "open", "adopted", "not_adopted"
FEEDBACK_STATUSES = (
    (FB_OPEN, N_("open")),
    (FB_ADOPTED, N_("taken on")),
    (FB_NOT_ADOPTED, N_("not taken on")),
)

# --- the fields of each kind ----------------------------------------------------

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

# The PLG as a group and its meetings: shared with every member, so nothing here is private
# except the facilitator's notes (their logbook).  The lists a PLG and a meeting hold (dates,
# subgroups, attendance, agreements, actions) are described in the schema and kept by
# plgcycle.group; these are the fields a form asks for.
PLG_FIELDS = (
    FieldDef("name", N_("Name of the PLG"), "", TEXT, required=True, max_length=200, public=True),
    FieldDef(
        "goal",
        N_("Shared goal"),
        N_("What the PLG works towards together."),
        LONGTEXT,
        max_length=5_000,
        public=True,
    ),
    FieldDef(
        "agreements",
        N_("Working agreements"),
        N_("How the PLG works together: one agreement per line."),
        LONGTEXT,
        max_length=5_000,
        public=True,
    ),
    NOTES_FIELD,
)

MEETING_FIELDS = (
    FieldDef("went_well", N_("Retro: what went well?"), "", LONGTEXT, public=True),
    FieldDef("improve", N_("Retro: what could be better?"), "", LONGTEXT, public=True),
    NOTES_FIELD,
)

# The school scan: a round's label; a response's answers are described in the schema and
# checked by plgcycle.scan (never shown one person at a time).
SCAN_ROUND_FIELDS = (
    FieldDef(
        "label",
        N_("Name of the scan round"),
        N_("For example: moment 1, autumn 2026"),
        TEXT,
        required=True,
        max_length=200,
        public=True,
    ),
)

FIELDS_BY_KIND: dict[str, tuple[FieldDef, ...]] = {
    PERSON: PERSON_FIELDS,
    ROUND: ROUND_FIELDS,
    TRYOUT: TRYOUT_FIELDS,
    MEASURE: MEASURE_FIELDS,
    FEEDBACK: FEEDBACK_FIELDS,
    ACTION: ACTION_FIELDS,
    PLG: PLG_FIELDS,
    MEETING: MEETING_FIELDS,
    SCAN_ROUND: SCAN_ROUND_FIELDS,
    SCAN_RESPONSE: (),
}
