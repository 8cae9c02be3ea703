"""Where a round stands: which steps are complete, the current step, the advice.

Pure functions over a round and its try-outs and measures (:class:`RoundView`
gathers them), so that the teacher's own screens, a facilitator's overview and
an export all read a round's progress the same way.

A teacher may visit any step at any time; "current step" is only advice: the
first step that is not complete yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import InvalidInput
from .i18n import _, format_date
from .model import (
    ABANDON,
    DECISIONS,
    FB_OPEN,
    STEP_BY_KEY,
    STEP_KEYS,
    TRYOUT_PLAN_FIELDS,
    TRYOUT_RUN_FIELDS,
    Record,
    parse_date,
    parse_iso,
    step_data,
)
from .privacy import filled

DECISION_VALUES = tuple(value for value, _label in DECISIONS)

# --- try-outs and measures -----------------------------------------------------------


def tryout_planned(tryout: Record) -> bool:
    """The plan has its minimum fields (class, what, success, prediction)."""
    return all(filled(tryout.data.get(f.key)) for f in TRYOUT_PLAN_FIELDS if f.required)


def tryout_done(tryout: Record) -> bool:
    """The try-out has been logged as carried out (date and what happened)."""
    return all(filled(tryout.data.get(f.key)) for f in TRYOUT_RUN_FIELDS if f.required)


def tryout_overdue(tryout: Record, today: date | None) -> bool:
    """Its planned date has passed and it has not been logged as carried out."""
    planned = parse_date(tryout.data.get("planned_date"))
    return bool(today and planned and planned < today and not tryout_done(tryout))


def tryout_has_result(tryout: Record, measures: Iterable[Record] = ()) -> bool:
    if filled(tryout.data.get("observations")) or filled(tryout.data.get("reactions")):
        return True
    return any(
        m.data.get("tryout") == tryout.id and m.data.get("value") is not None for m in measures
    )


def measure_change(measure: Record) -> float | None:
    """New value minus baseline, when both are numbers."""
    base, value = measure.data.get("baseline"), measure.data.get("value")
    if (
        isinstance(base, (int, float))
        and isinstance(value, (int, float))
        and not isinstance(base, bool)
        and not isinstance(value, bool)
    ):
        return value - base
    return None


# --- a round's place in its question --------------------------------------------------


def round_number(round_rec: Record) -> int:
    """The round's number within its question (1 when it has none that makes sense)."""
    value = round_rec.data.get("round_no")
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def round_order(round_rec: Record) -> tuple:
    """The order of the rounds of one question: by number, then by their last change."""
    return (round_rec.data.get("round_no") or 0, round_rec.updated_at)


# --- a round with everything that belongs to it -------------------------------------------


@dataclass
class RoundView:
    """A question round together with its try-outs, measures and feedback."""

    round: Record
    tryouts: list[Record] = field(default_factory=list)
    measures: list[Record] = field(default_factory=list)
    feedback: list[Record] = field(default_factory=list)
    actions: list[Record] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.round.id

    @property
    def question(self) -> str:
        return self.round.text("question")

    @property
    def number(self) -> int:
        return round_number(self.round)

    @property
    def closed(self) -> bool:
        return filled(self.round.data.get("closed_at"))

    @property
    def decision(self) -> str | None:
        value = step_data(self.round, "apply").get("decision")
        return value if value in DECISION_VALUES else None

    def step_complete(self, step_key: str) -> bool:
        return step_complete(step_key, self.round, self.tryouts, self.measures)

    @property
    def progress(self) -> tuple[bool, ...]:
        return tuple(self.step_complete(key) for key in STEP_KEYS)

    @property
    def steps_done(self) -> int:
        return sum(self.progress)

    @property
    def current_step(self) -> int:
        """1-5: the first step that is not complete; 5 when all are."""
        for number, done in enumerate(self.progress, start=1):
            if not done:
                return number
        return 5

    @property
    def step_reached(self) -> int:
        """The furthest step with anything filled in (0 when nothing yet)."""
        reached = 0
        for number, key in enumerate(STEP_KEYS, start=1):
            if self.step_complete(key) or _step_started(key, self):
                reached = number
        return reached

    def next_action(self, today: date | None = None) -> str:
        return next_action(self, today)

    def feedback_status(self, feedback_id: str) -> str:
        statuses = self.round.data.get("feedback_status") or {}
        value = statuses.get(feedback_id)
        return value if isinstance(value, str) else FB_OPEN

    @property
    def last_activity(self) -> datetime | None:
        stamps = [
            r.updated_at
            for r in (self.round, *self.tryouts, *self.measures, *self.feedback, *self.actions)
            if r.updated_at
        ]
        moments = []
        for stamp in stamps:
            try:
                moments.append(parse_iso(stamp))
            except ValueError:
                continue
        return max(moments) if moments else None


def _step_started(step_key: str, view: RoundView) -> bool:
    values = step_data(view.round, step_key)
    step = STEP_BY_KEY[step_key]
    if any(filled(values.get(f.key)) for f in step.fields if not f.always_private):
        return True
    if step_key == "approach":
        return bool(view.tryouts)
    if step_key == "implement":
        return any(tryout_done(t) for t in view.tryouts)
    if step_key == "analyse":
        return any(m.data.get("value") is not None for m in view.measures)
    return False


def step_complete(
    step_key: str,
    round_rec: Record,
    tryouts: Iterable[Record] = (),
    measures: Iterable[Record] = (),
) -> bool:
    """Whether the minimum of a step is recorded.

    1 Baseline: which data and what it shows.
    2 Approach: a chosen approach and at least one fully planned try-out.
    3 Carry out: at least one try-out logged as carried out.
    4 Effect: what worked, and a result (a measured value, observations or reactions).
    5 Apply: conclusions and a decision.
    """
    if step_key not in STEP_BY_KEY:
        raise InvalidInput(_("Unknown step {step}.").format(step=step_key))
    tryouts, measures = list(tryouts), list(measures)
    values = step_data(round_rec, step_key)
    own = all(filled(values.get(f.key)) for f in STEP_BY_KEY[step_key].fields if f.required)
    if step_key == "approach":
        return own and any(tryout_planned(t) for t in tryouts)
    if step_key == "implement":
        return any(tryout_done(t) for t in tryouts)
    if step_key == "analyse":
        return own and (
            any(m.data.get("value") is not None for m in measures)
            or any(tryout_has_result(t) for t in tryouts)
        )
    if step_key == "apply":
        return own and values.get("decision") in DECISION_VALUES
    return own


def next_action(view: RoundView, today: date | None = None) -> str:
    """One short sentence: what the teacher could do next on this round."""
    if view.closed:
        if view.decision == ABANDON:
            return _(
                "Round closed: you dropped this approach. Start a new question when you are ready."
            )
        return _("Round closed. Start the next round to carry your conclusions forward.")
    step = view.current_step
    if step == 1:
        return _("Map the baseline: which data do you have, and what does it show?")
    if step == 2:
        if not filled(step_data(view.round, "approach").get("approach")):
            return _("Choose an approach that builds on what the data shows.")
        if not view.tryouts:
            return _("Plan a try-out in class: class, date, what, evidence, success, prediction.")
        return _("Complete the try-out plan: class, what, success and your prediction.")
    if step == 3:
        planned = [t for t in view.tryouts if tryout_planned(t) and not tryout_done(t)]
        dates = sorted(d for d in (parse_date(t.data.get("planned_date")) for t in planned) if d)
        if dates and today is not None and dates[0] < today:
            return _(
                "The try-out planned for {date} is not logged yet: note what happened, "
                "or give it a new date."
            ).format(date=format_date(dates[0]))
        if dates:
            return _("Carry out the try-out planned for {date} and log what happened.").format(
                date=format_date(dates[0])
            )
        return _("Carry out the try-out and log what happened.")
    if step == 4:
        return _("Analyse the effect: compare the results with your prediction.")
    if view.steps_done == 5:
        return _("Close the round with your decision.")
    return _("Draw conclusions and decide: keep, adjust or drop.")
