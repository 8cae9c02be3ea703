"""The group's figures: the feedback flow between teachers and the counts over all rows.

The feedback flow (who gave how much feedback to whom) is counted once, in one
pass over the feedback records, when the overview is built; the rows need it for
their feedback counts.  :class:`GroupFigures` gathers it with the numbers over
the whole group (teachers, questions, no movement, no feedback, overdue actions)
and works out the counts per step and per decision when first read.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from ..cycle import DECISION_VALUES, RecordIndex, filled
from ..model import FB_ADOPTED, step_data
from ..verdict import noted_for_someone_else
from .constants import CLOSED
from .row_building import RowContext, summary_int

if TYPE_CHECKING:
    from .overview import Overview


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
        noted: dict[str, int] | None = None,
        adopted: dict[str, int] | None = None,
        adopted_in_flow: dict[str, int] | None = None,
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
        self.given = given  # pieces each person gave and wrote down themselves
        self.received = received
        self.noted = noted or {}  # pieces each person noted for a colleague who gave it aloud
        self.adopted = adopted or {}  # pieces each person received and marked taken on
        # The same, of the pieces in ``flow`` only (noted feedback is counted apart).
        self.adopted_in_flow = adopted_in_flow or {}
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

    @property
    def received_total(self) -> int:
        """Pieces of feedback received over all rounds (noted ones too)."""
        return sum(self.received.values())

    @property
    def adopted_total(self) -> int:
        """Pieces of feedback received over all rounds that their receiver marked taken on."""
        return sum(self.adopted.values())

    @cached_property
    def only_gives(self) -> list[str]:
        """Teachers who gave feedback (all rounds) and received none yet, by name."""
        return self._one_way(lambda pid: self.given.get(pid, 0) > 0 >= self.received.get(pid, 0))

    @cached_property
    def only_receives(self) -> list[str]:
        """Teachers who received feedback (all rounds) and gave none yet, by name."""
        return self._one_way(lambda pid: self.received.get(pid, 0) > 0 >= self.given.get(pid, 0))

    def _one_way(self, test) -> list[str]:
        people = {row.person_id: row.name for row in self.overview.rows}
        return sorted(
            (pid for pid in people if test(pid)), key=lambda pid: (people[pid].casefold(), pid)
        )

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


class FeedbackFlow(NamedTuple):
    """The feedback counted once for the whole overview."""

    flow: Counter  # (giver key, receiver person id) -> pieces of feedback
    given: Counter  # giver key -> pieces given (written down by the giver themselves)
    received: Counter  # receiver person id -> pieces received
    per_round: Counter  # round id -> pieces received on it
    noted: Counter  # person id -> pieces they wrote down for a colleague who gave it aloud
    adopted_per_round: Counter  # round id -> pieces received on it that were taken on
    adopted: Counter  # receiver person id -> pieces taken on, over all their rounds
    adopted_in_flow: Counter  # the same, of the pieces in ``flow`` only (not noted ones)


def feedback_flow(
    index: RecordIndex, people: dict[str, str], limited_owners: frozenset[str]
) -> FeedbackFlow:
    """Who gave what to whom, from the feedback records and the progress exports' counts.

    Self-feedback is not a flow.  Feedback counts as given by the person who wrote it
    down (its owner, who signed it).  Feedback a teacher noted for a colleague who gave
    it aloud (:func:`plgcycle.verdict.noted_for_someone_else`) is received on the round
    like any other, but counted apart (``noted``, by whoever noted it): it never raises
    the stated giver's "feedback given", nor appears as their flow.

    Feedback counts as taken on (``adopted``) when the receiver marked it so on their
    round (``feedback_status``: what a teacher did with feedback lives on their own
    round, never on the giver's record), counted among the pieces received.
    """
    # One pass over the feedback records; no per-round views needed.
    pairs: list[tuple[str, str]] = []  # (giver, receiver): given by whoever wrote it down
    round_ids: list[str] = []  # every piece received on a round, noted ones too
    noted: Counter = Counter()
    noted_received: Counter = Counter()
    adopted_ids: list[str] = []  # rounds, once per piece received on it and taken on
    adopted_in_flow: Counter = Counter()
    rounds = index.rounds
    for fb in index.feedback:
        round_id = fb.data.get("round")
        if not isinstance(round_id, str) or (rnd := rounds.get(round_id)) is None:
            continue
        in_flow = False
        if noted_for_someone_else(fb, people.get(fb.owner, "")):
            noted[fb.owner] += 1
            noted_received[rnd.owner] += 1
        elif fb.owner == rnd.owner:
            continue  # feedback on one's own work is not a flow
        else:
            pairs.append((fb.owner, rnd.owner))
            in_flow = True
        round_ids.append(round_id)
        statuses = rnd.data.get("feedback_status")
        if isinstance(statuses, dict) and statuses.get(fb.id) == FB_ADOPTED:
            adopted_ids.append(round_id)
            if in_flow:
                adopted_in_flow[rnd.owner] += 1
    flow = Counter(pairs)
    given = Counter(giver for giver, _receiver in pairs)
    received = Counter(receiver for _giver, receiver in pairs) + noted_received
    per_round = Counter(round_ids)
    adopted_per_round = Counter(adopted_ids)
    adopted = Counter(rounds[rid].owner for rid in adopted_ids)
    # Progress exports carry counts instead of feedback records.
    for rnd in index.rounds.values() if limited_owners else ():
        if rnd.owner in limited_owners:
            extra = summary_int(rnd, "feedback_given")
            if extra and not given.get(rnd.owner):
                given[rnd.owner] += extra
    return FeedbackFlow(
        flow, given, received, per_round, noted, adopted_per_round, adopted, adopted_in_flow
    )


def group_figures(ov: Overview, context: RowContext) -> GroupFigures:
    """The figures over the whole group, from the overview and what its rows were built with."""
    rows, index = ov.rows, ov.index
    questions = [row for row in rows if row.has_question]
    return GroupFigures(
        flow=dict(context.flow),
        people=dict(context.people),
        given=dict(context.given),
        received=dict(context.received),
        noted=dict(context.noted or {}),
        adopted=dict(context.adopted or {}),
        adopted_in_flow=dict(context.adopted_in_flow or {}),
        teachers=len({r.person_id for r in rows} | set(index.persons)),
        questions=len(questions),
        stalled=sum(1 for r in questions if r.stalled),
        without_feedback=sum(1 for r in questions if not r.closed and r.feedback_received == 0),
        overdue=sum(1 for r in rows if r.action_overdue),
        limited=sum(1 for r in questions if r.limited),
        without_question=len(rows) - len(questions),
        overview=ov,
    )
