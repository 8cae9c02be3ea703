"""Building the rows: one per question round, one per teacher without a question.

A row is made from the round, the records linked to it and what the whole
overview worked out once (:class:`RowContext`: the threshold, names, feedback
counts, actions).  Its details (the step rules, try-outs, open feedback,
measures) are worked out when first read.  For rounds from progress exports the
summary fields those files carry stand in for the records they leave out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from functools import partial
from typing import NamedTuple

from ..cycle import (
    DECISION_VALUES,
    RecordIndex,
    RoundView,
    action_overdue,
    tryout_done,
    tryout_planned,
)
from ..i18n import _
from ..model import (
    ACTION,
    FB_OPEN,
    FEEDBACK,
    STEP_KEYS,
    Record,
    parse_date,
    parse_iso,
)
from ..privacy import is_withheld, withheld_label
from .rows import Row, RowDetails
from .thresholds import Threshold


class RowContext(NamedTuple):
    """What building rows needs besides the index (kept for rows built later)."""

    threshold: Threshold
    people: dict[str, str]
    given: Counter
    received: Counter
    flow: Counter
    per_round: Counter
    actions_by_owner: dict[str, list[Record]]
    limited_owners: frozenset[str]
    noted: Counter | None = None  # person id -> feedback they noted for someone else
    unsigned: frozenset[str] = frozenset()  # ids of records that carry no signature
    no_new_file: frozenset[str] = frozenset()  # teachers without an own file since the threshold
    adopted_per_round: Counter | None = None  # round id -> pieces received on it and taken on
    adopted: Counter | None = None  # person id -> pieces they took on, over all rounds
    adopted_in_flow: Counter | None = None  # the same, of the pieces in ``flow`` only
    subgroups: dict[str, str] | None = None  # person id -> the subgroup the facilitator set


def subgroup_of(person: Record | None, context: RowContext | None) -> str:
    """The facilitator's subgroup for the person (the PLG record's), else what they typed."""
    if person is None:
        return ""
    assigned = (context.subgroups or {}).get(person.id) if context is not None else None
    return assigned or person.text("subgroup").strip()


def summary_int(rnd: Record, *keys: str) -> int:
    """The first count a progress export states under ``keys`` (also in ``feedback``), else 0."""
    for key in keys:
        value = rnd.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    nested = rnd.data.get("feedback")
    if isinstance(nested, dict):
        for key in keys:
            short = key.removeprefix("feedback_")
            value = nested.get(short)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
    return 0


def _summary_progress(rnd: Record) -> tuple[bool, ...] | None:
    """The step progress a progress export states, when it states one."""
    value = rnd.data.get("progress")
    if (
        isinstance(value, list)
        and len(value) == len(STEP_KEYS)
        and all(isinstance(v, bool) for v in value)
    ):
        return tuple(value)
    for key in ("steps_done", "steps_complete"):
        value = rnd.data.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(k in value for k in STEP_KEYS)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= len(STEP_KEYS):
            return tuple(i < value for i in range(len(STEP_KEYS)))
    for key in ("step_reached", "current_step"):
        value = rnd.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(STEP_KEYS):
            done = value if key == "step_reached" else value - 1
            return tuple(i < done for i in range(len(STEP_KEYS)))
    return None


class _View(RoundView):
    """A RoundView that works out each step's completeness once (a row asks several times)."""

    @classmethod
    def of(cls, view: RoundView) -> _View:
        return cls(view.round, view.tryouts, view.measures, view.feedback, view.actions)

    def step_complete(self, step_key: str) -> bool:
        cache = self.__dict__.setdefault("_complete", {})
        if step_key not in cache:
            cache[step_key] = super().step_complete(step_key)
        return cache[step_key]


def _own_activity(owner: str, rnd: Record, linked: Iterable[Record]) -> datetime | None:
    """The newest change the teacher made to this round (feedback by others is not movement)."""
    stamps = [rec.updated_at for rec in (rnd, *linked) if rec.owner == owner and rec.updated_at]
    if not stamps:
        return None
    # As plgcycle writes them (UTC, to the microsecond) the newest text is the newest moment.
    if all(len(s) == 32 and s[10] == "T" and s[19] == "." and s[26:] == "+00:00" for s in stamps):
        try:
            return parse_iso(max(stamps))
        except ValueError:
            pass
    newest = None
    for stamp in stamps:
        try:
            moment = parse_iso(stamp)
        except ValueError:
            continue
        if newest is None or moment > newest:
            newest = moment
    return newest


def round_row(
    index: RecordIndex, rnd: Record, today: date, context: RowContext, *, latest: bool
) -> Row:
    """The row of one question round (``latest``: the newest round of its question)."""
    linked = index.linked(rnd.id)
    owner = rnd.owner
    limited = owner in context.limited_owners
    person = index.persons.get(owner)
    received = context.per_round[rnd.id]
    if limited and not any(rec.kind == FEEDBACK for rec in linked):
        received = summary_int(rnd, "feedback_count", "feedback_received")
    plain = RoundView(rnd)  # what the round record itself says
    decision = plain.decision
    if decision is None and rnd.data.get("decision") in DECISION_VALUES:
        decision = rnd.data.get("decision")
    last = _own_activity(owner, rnd, linked)
    action = _action_for(
        rnd, [rec for rec in linked if rec.kind == ACTION], context.actions_by_owner.get(owner, [])
    )
    return Row(
        person_id=owner,
        name=context.people.get(owner) or _("unknown colleague"),
        subgroup=subgroup_of(person, context),
        round_id=rnd.id,
        chain_id=rnd.data.get("chain") or rnd.id,
        question=plain.question,
        round_no=plain.number,
        latest=latest,
        closed=plain.closed,
        decision=decision,
        closed_on=parse_date(rnd.data.get("closed_at")),
        last_activity=last,
        days_since=(today - last.date()).days if last else None,
        stalled=bool(latest and last is not None and last.date() < context.threshold.since),
        feedback_received=received,
        feedback_adopted=context.adopted_per_round.get(rnd.id, 0)
        if context.adopted_per_round
        else 0,
        feedback_given=context.given.get(owner, 0),
        feedback_noted=context.noted.get(owner, 0) if context.noted else 0,
        unsigned=rnd.id in context.unsigned,
        no_new_file=owner in context.no_new_file,
        limited=limited,
        has_question=True,
        work=partial(_details, index, rnd, limited),
        **_action_fields(action, today, limited),
    )


def _details(index: RecordIndex, rnd: Record, limited: bool) -> RowDetails:
    """A row's details (see :class:`Row`): the step rules, try-outs, open feedback, measures."""
    view = _View.of(index.view(rnd.id))
    stated = _summary_progress(rnd) if limited else None
    progress = stated if stated is not None else view.progress
    if stated is not None:
        reached = max((n for n, done in enumerate(progress, start=1) if done), default=0)
        explicit = rnd.data.get("step_reached")
        if isinstance(explicit, int) and not isinstance(explicit, bool) and 1 <= explicit <= 5:
            reached = max(reached, explicit)
    else:
        reached = view.step_reached
    planned = [t for t in view.tryouts if tryout_planned(t) or tryout_done(t)]
    n_planned = len(planned)
    n_done = sum(1 for t in view.tryouts if tryout_done(t))
    if limited and not view.tryouts:
        n_planned = summary_int(rnd, "tryouts_planned") or (1 if progress[1] else 0)
        n_done = summary_int(rnd, "tryouts_done") or (1 if progress[2] else 0)
    upcoming = sorted(
        d
        for d in (
            parse_date(t.data.get("planned_date")) for t in view.tryouts if not tryout_done(t)
        )
        if d
    )
    feedback = view.feedback
    # A measure without any number (a progress export withholds them) says nothing here.
    measures = [
        (
            m.text("name"),
            m.text("unit"),
            as_number(m.data.get("baseline")),
            as_number(m.data.get("value")),
        )
        for m in view.measures
    ]
    return RowDetails(
        progress=tuple(progress),
        current_step=next(
            (n for n, done in enumerate(progress, start=1) if not done), len(STEP_KEYS)
        ),
        step_reached=reached,
        tryouts_planned=n_planned,
        tryouts_done=n_done,
        tryouts_draft=len(view.tryouts) - len(planned),
        next_tryout=upcoming[0] if upcoming else None,
        feedback_open=sum(1 for fb in feedback if view.feedback_status(fb.id) == FB_OPEN),
        feedback_on_plan=sum(
            1 for fb in feedback if fb.data.get("step") == "approach" or fb.data.get("tryout")
        ),
        measures=[m for m in measures if m[2] is not None or m[3] is not None],
    )


def _no_question_details() -> RowDetails:
    return RowDetails(
        progress=(False,) * len(STEP_KEYS),
        current_step=1,
        step_reached=0,
        tryouts_planned=0,
        tryouts_done=0,
        tryouts_draft=0,
        next_tryout=None,
        feedback_open=0,
        feedback_on_plan=0,
        measures=[],
    )


def person_row(
    person: Record,
    people: dict[str, str],
    given: Counter,
    limited: bool,
    actions: list[Record],
    today: date,
    context: RowContext | None = None,
) -> Row:
    """A teacher without a learning question: shown, so nobody drops out of sight."""
    return Row(
        person_id=person.id,
        name=people.get(person.id) or _("unknown colleague"),
        subgroup=subgroup_of(person, context),
        round_id="person:" + person.id,
        chain_id="person:" + person.id,
        question="",
        round_no=0,
        latest=True,
        closed=False,
        decision=None,
        closed_on=None,
        last_activity=None,
        days_since=None,
        stalled=False,
        feedback_received=0,
        feedback_given=given.get(person.id, 0),
        feedback_noted=context.noted.get(person.id, 0) if context and context.noted else 0,
        unsigned=context is not None and person.id in context.unsigned,
        limited=limited,
        has_question=False,
        work=_no_question_details,
        **_action_fields(_action_for(None, (), actions), today, limited),
    )


def _action_for(
    rnd: Record | None, round_actions: Iterable[Record], owner_actions: list[Record]
) -> Record | None:
    """The between-meeting action of this round, else the teacher's open one without a round."""
    own = [a for a in round_actions if a.owner == rnd.owner] if rnd is not None else []
    if not own:
        own = [a for a in owner_actions if not a.data.get("round")]
    if not own:
        return None
    open_ = [a for a in own if not a.data.get("done")]
    pool = open_ or own
    return min(pool, key=lambda a: (a.data.get("due") or "9999", a.updated_at))


def _action_fields(action: Record | None, today: date, limited: bool = False) -> dict:
    if action is None:
        return {"action": "", "action_due": None, "action_done": False, "action_overdue": False}
    text = action.text("text")
    if not text and not limited and is_withheld(action.data.get("text")):
        text = withheld_label()  # a private action: there is one, its words stay home
    return {
        "action": text,
        "action_due": parse_date(action.data.get("due")),
        "action_done": bool(action.data.get("done")),
        "action_overdue": action_overdue(action, today),
    }


def as_number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None
