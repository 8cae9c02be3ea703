"""Building the overview: every row, the group figures and the measures that moved."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cached_property, partial
from typing import NamedTuple

from ..cycle import (
    DECISION_VALUES,
    RecordIndex,
    RoundView,
    action_overdue,
    filled,
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
    step_data,
)
from ..privacy import is_withheld, withheld_label
from .constants import CLOSED, OUTSIDE, SORT_NAME
from .rows import MeasureMove, Row, RowDetails
from .sorting import sort_rows
from .sources import ReviewData, SourceFile
from .thresholds import StalledRule, Threshold


class GroupFigures:
    """Figures over the whole group (latest round of each question unless said otherwise).

    The counts per step and per decision are worked out when first read.
    """

    def __init__(
        self,
        *,
        flow: dict[tuple[str, str], int],
        people: dict[str, str],
        given: dict[str, int],
        received: dict[str, int],
        teachers: int,
        questions: int,
        stalled: int,
        without_feedback: int,
        overdue: int,
        limited: int,
        without_question: int,
        overview: Overview,
    ) -> None:
        self.flow = flow  # (giver key, receiver person id) -> pieces of feedback
        self.people = people  # person id or "name:<name>" -> name
        self.given = given
        self.received = received
        self.teachers = teachers
        self.questions = questions
        self.stalled = stalled
        self.without_feedback = without_feedback
        self.overdue = overdue
        self.limited = limited
        self.without_question = without_question
        self.overview = overview

    @cached_property
    def step_counts(self) -> dict[int, int]:
        """1-5 and CLOSED -> questions."""
        steps = {n: 0 for n in (1, 2, 3, 4, 5, CLOSED)}
        for row in self.overview.rows:
            if row.has_question:
                steps[row.step_filter] += 1
        return steps

    @cached_property
    def decisions(self) -> dict[str, int]:
        """Decision -> closed rounds, over every closed round."""
        ov = self.overview
        decisions = {value: 0 for value in DECISION_VALUES}
        for rnd in ov.index.rounds.values():
            if not filled(rnd.data.get("closed_at")):
                continue
            decision = step_data(rnd, "apply").get("decision")
            if decision not in DECISION_VALUES and rnd.owner in ov.limited_owners:
                decision = rnd.data.get("decision")
            if decision in DECISION_VALUES:
                decisions[decision] += 1
        return decisions


class _Context(NamedTuple):
    """What building rows needs besides the index (kept for rows built later)."""

    threshold: Threshold
    people: dict[str, str]
    given: Counter
    received: Counter
    flow: Counter
    per_round: Counter
    actions_by_owner: dict[str, list[Record]]
    limited_owners: frozenset[str]


class Overview:
    """The rows of the latest rounds; every round, the figures and the measures on demand.

    Only what the first screen needs is computed up front; ``rounds`` (for CSV),
    ``figures`` and ``measures_moved`` are computed when first asked for.
    """

    def __init__(
        self,
        today: date,
        threshold: Threshold,
        rows: list[Row],
        index: RecordIndex,
        files: list[SourceFile],
        limited_owners: frozenset[str],
        plg: str,
        context: _Context,
    ) -> None:
        self.today = today
        self.threshold = threshold
        self.rows = rows  # the latest round of every question (and teachers without one), by name
        self.index = index
        self.files = files
        self.limited_owners = limited_owners
        self.plg = plg
        self._context = context

    def __repr__(self) -> str:
        return f"Overview({self.today}, {len(self.rows)} rows)"

    @property
    def subgroups(self) -> list[str]:
        return sorted({r.subgroup for r in self.rows if r.subgroup}, key=str.casefold)

    @cached_property
    def rounds(self) -> list[Row]:
        """Every round of every question, question by question, first round first."""
        known = {r.round_id: r for r in self.rows if r.has_question}
        out = []
        for chain_rounds in _chains(self.index):
            for rnd in chain_rounds:
                out.append(
                    known.get(rnd.id)
                    or _row(self.index, rnd, self.today, self._context, latest=False)
                )
        return out

    def row(self, round_id: str) -> Row | None:
        found = next((r for r in self.rows if r.round_id == round_id), None)
        return found or next((r for r in self.rounds if r.round_id == round_id), None)

    @cached_property
    def figures(self) -> GroupFigures:
        return _figures(self)

    @cached_property
    def measures_moved(self) -> list[MeasureMove]:
        """Measures whose latest value differs from the first, per question (not for progress exports)."""
        index = self.index
        moved: list[MeasureMove] = []
        for row in self.rows:
            if row.limited or not row.has_question:
                continue
            rnd = index.rounds[row.round_id]
            names: dict[str, tuple[str, str]] = {}
            for chained in index.chain(rnd):
                for m in index.view(chained.id).measures:
                    key = m.text("name").strip().casefold()
                    if key and key not in names:
                        names[key] = (m.text("name").strip(), m.text("unit").strip())
            for shown, unit in names.values():
                points = index.measure_series(rnd, shown)
                if len(points) >= 2 and points[0][1] != points[-1][1]:
                    moved.append(
                        MeasureMove(
                            row.person_id,
                            row.name,
                            row.round_id,
                            row.question,
                            shown,
                            unit,
                            points[0][1],
                            points[-1][1],
                            len(points),
                        )
                    )
        moved.sort(key=lambda m: (m.name.casefold(), m.measure.casefold()))
        return moved

    def flow_by_subgroup(self) -> dict[tuple[str, str], int]:
        """Feedback between subgroups: (giver's subgroup, receiver's subgroup) -> pieces.

        For groups too large for a person-by-person grid.  Teachers without a
        subgroup count as "" and givers from outside the files as OUTSIDE.
        """
        subgroup = {r.person_id: r.subgroup for r in self.rows}
        flow: Counter = Counter()
        for (giver, receiver), n in self.figures.flow.items():
            flow[(subgroup.get(giver, OUTSIDE), subgroup.get(receiver, ""))] += n
        return dict(flow)


def build_overview(
    data: ReviewData | Sequence[Record], today: date, rule: StalledRule | None = None
) -> Overview:
    """Everything the facilitator's screen and reports show, built from the records."""
    if not isinstance(data, ReviewData):
        data = ReviewData(list(data))
    rule = rule or StalledRule()
    index = RecordIndex(data.records)
    limited_owners = data.limited_owners
    threshold = rule.resolve(today, index.persons.values())
    people = {
        pid: person.text("name") or _("unknown colleague") for pid, person in index.persons.items()
    }
    by_name: dict[str, str] = {}
    for pid, name in people.items():
        by_name.setdefault(name.strip().casefold(), pid)

    # Feedback flow: who gave what to whom (self-feedback is not a flow).  One pass over
    # the feedback records; no per-round views needed.
    pairs: list[tuple[str, str]] = []
    round_ids: list[str] = []
    rounds = index.rounds
    for fb in index.feedback:
        round_id = fb.data.get("round")
        if not isinstance(round_id, str) or (rnd := rounds.get(round_id)) is None:
            continue
        giver = fb.data.get("giver")
        if not (isinstance(giver, str) and giver in people):  # else by the name noted
            giver = _giver_key(fb, people, by_name)
        if giver == rnd.owner:
            continue
        if giver.startswith("name:") and giver not in people:
            people[giver] = fb.text("giver_name").strip()
        pairs.append((giver, rnd.owner))
        round_ids.append(round_id)
    flow = Counter(pairs)
    given = Counter(giver for giver, _receiver in pairs)
    received = Counter(receiver for _giver, receiver in pairs)
    per_round = Counter(round_ids)
    # Progress exports carry counts instead of feedback records.
    for rnd in index.rounds.values() if limited_owners else ():
        if rnd.owner in limited_owners:
            extra = _summary_int(rnd, "feedback_given")
            if extra and not given.get(rnd.owner):
                given[rnd.owner] += extra

    actions_by_owner: dict[str, list[Record]] = defaultdict(list)
    for action in index.actions:
        actions_by_owner[action.owner].append(action)
    context = _Context(
        threshold, people, given, received, flow, per_round, actions_by_owner, limited_owners
    )

    rows = [_row(index, rnd, today, context, latest=True) for rnd in index.latest_rounds()]
    with_question = {r.person_id for r in rows}
    for pid, person in index.persons.items():
        if pid not in with_question:
            rows.append(
                _person_row(
                    person,
                    people,
                    given,
                    pid in limited_owners,
                    actions_by_owner.get(pid, []),
                    today,
                )
            )
    plgs = Counter(p.text("plg").strip() for p in index.persons.values() if p.text("plg").strip())
    plg = plgs.most_common(1)[0][0] if plgs else ""
    return Overview(
        today,
        threshold,
        sort_rows(rows, SORT_NAME),
        index,
        list(data.files),
        limited_owners,
        plg,
        context,
    )


def _chains(index: RecordIndex) -> list[list[Record]]:
    seen: set[str] = set()
    chains = []
    for rnd in sorted(index.rounds.values(), key=lambda r: r.updated_at):
        key = rnd.data.get("chain") or rnd.id
        if key in seen:
            continue
        seen.add(key)
        chains.append(index.chain(rnd))
    return chains


def _giver_key(fb: Record, people: dict[str, str], by_name: dict[str, str]) -> str:
    giver = fb.data.get("giver")
    if isinstance(giver, str) and giver in people:
        return giver
    name = fb.text("giver_name").strip()
    if name and name.casefold() in by_name:
        return by_name[name.casefold()]
    if name:
        return "name:" + name.casefold()
    return fb.owner


def _summary_int(rnd: Record, *keys: str) -> int:
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


def _row(index: RecordIndex, rnd: Record, today: date, context: _Context, *, latest: bool) -> Row:
    linked = index.linked(rnd.id)
    owner = rnd.owner
    limited = owner in context.limited_owners
    person = index.persons.get(owner)
    received = context.per_round[rnd.id]
    if limited and not any(rec.kind == FEEDBACK for rec in linked):
        received = _summary_int(rnd, "feedback_count", "feedback_received")
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
        subgroup=(person.text("subgroup").strip() if person else ""),
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
        feedback_given=context.given.get(owner, 0),
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
        n_planned = _summary_int(rnd, "tryouts_planned") or (1 if progress[1] else 0)
        n_done = _summary_int(rnd, "tryouts_done") or (1 if progress[2] else 0)
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


def _person_row(
    person: Record,
    people: dict[str, str],
    given: Counter,
    limited: bool,
    actions: list[Record],
    today: date,
) -> Row:
    """A teacher without a learning question: shown, so nobody drops out of sight."""
    return Row(
        person_id=person.id,
        name=people.get(person.id) or _("unknown colleague"),
        subgroup=person.text("subgroup").strip(),
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


def _figures(ov: Overview) -> GroupFigures:
    rows, index, context = ov.rows, ov.index, ov._context
    questions = [row for row in rows if row.has_question]
    return GroupFigures(
        flow=dict(context.flow),
        people=dict(context.people),
        given=dict(context.given),
        received=dict(context.received),
        teachers=len({r.person_id for r in rows} | set(index.persons)),
        questions=len(questions),
        stalled=sum(1 for r in questions if r.stalled),
        without_feedback=sum(1 for r in questions if not r.closed and r.feedback_received == 0),
        overdue=sum(1 for r in rows if r.action_overdue),
        limited=sum(1 for r in questions if r.limited),
        without_question=len(rows) - len(questions),
        overview=ov,
    )
