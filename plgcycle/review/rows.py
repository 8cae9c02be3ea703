"""One row per question round: what the facilitator sees of it (details worked out later)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from typing import NamedTuple

from .constants import CLOSED, TRYOUT_DONE, TRYOUT_DRAFT, TRYOUT_NONE, TRYOUT_PLANNED

# --- one row per question round ----------------------------------------------------------------


class MeasureMove(NamedTuple):
    """A measure of one question, from its first to its latest value."""

    person_id: str
    name: str
    round_id: str
    question: str
    measure: str
    unit: str
    first: float
    last: float
    points: int

    @property
    def change(self) -> float:
        return self.last - self.first


class RowDetails(NamedTuple):
    """What is worked out of a row the first time any of it is read (see :class:`Row`)."""

    progress: tuple[bool, ...]  # step complete, for each of the five steps
    current_step: int  # 1-5: the first step that is not complete
    step_reached: int  # 0-5
    tryouts_planned: int
    tryouts_done: int
    tryouts_draft: int
    next_tryout: date | None
    feedback_open: int
    feedback_on_plan: int
    measures: list  # (name, unit, baseline, latest value) for every measure with a number


DETAILS = RowDetails._fields


class Row:
    """What the facilitator sees of one question round.

    The fields below are set when the row is made: enough to list, sort by name
    and count who has not moved, has no feedback or let an action date pass.
    The details are worked out on first use (a large PLG's review opens before
    anyone reads them), all at once:

    * ``progress`` (five booleans), ``current_step`` (1-5), ``step_reached`` (0-5);
    * ``tryouts_planned``, ``tryouts_done``, ``tryouts_draft``, ``next_tryout``;
    * ``feedback_open``, ``feedback_on_plan``;
    * ``measures``: (name, unit, baseline, latest value) for every measure with a number.
    """

    def __init__(
        self,
        *,
        person_id: str,
        name: str,
        subgroup: str,
        round_id: str,
        chain_id: str,
        question: str,
        round_no: int,
        latest: bool,
        closed: bool,
        decision: str | None,
        closed_on: date | None,
        last_activity: datetime | None,
        days_since: int | None,
        stalled: bool,
        feedback_received: int,
        feedback_given: int,
        action: str,
        action_due: date | None,
        action_done: bool,
        action_overdue: bool,
        limited: bool,
        has_question: bool,
        work: Callable[[], RowDetails],
        feedback_noted: int = 0,
        feedback_adopted: int = 0,
        unsigned: bool = False,
        no_new_file: bool = False,
    ) -> None:
        # A plain class rather than a dataclass: making a dataclass costs the review's
        # start more than all its rows do (see docs/design.md).
        self.person_id = person_id
        self.name = name
        self.subgroup = subgroup
        self.round_id = round_id
        self.chain_id = chain_id
        self.question = question
        self.round_no = round_no
        self.latest = latest
        self.closed = closed
        self.decision = decision
        self.closed_on = closed_on
        self.last_activity = last_activity
        self.days_since = days_since
        self.stalled = stalled
        self.feedback_received = feedback_received
        self.feedback_given = feedback_given
        self.action = action
        self.action_due = action_due
        self.action_done = action_done
        self.action_overdue = action_overdue
        self.limited = limited
        self.has_question = has_question
        # Feedback this teacher wrote down for colleagues who gave it aloud: counted apart
        # from what they gave themselves (feedback_given).
        self.feedback_noted = feedback_noted
        # Of the feedback received on this round: how much its teacher marked taken on.
        self.feedback_adopted = feedback_adopted
        # The round (or, without a question, the person record) carries no signature: it
        # came from a version-1 file, and is shown as "not signed".
        self.unsigned = unsigned
        # Reviewed from files: the teacher sent no file of their own since the threshold
        # (the last meeting), so "no movement" may only mean "no new file".
        self.no_new_file = no_new_file
        self._work: Callable[[], RowDetails] | None = work

    def __repr__(self) -> str:
        return f"Row({self.name!r}, round {self.round_no}, {self.round_id!r})"

    @cached_property
    def details(self) -> RowDetails:
        """The details, worked out the first time any of them is read (then kept)."""
        work, self._work = self._work, None
        assert work is not None
        return work()

    @property
    def details_known(self) -> bool:
        """Whether the details have been worked out already (listing needs none of them)."""
        return "details" in self.__dict__

    # The details by name, as the views read them.
    progress = property(lambda self: self.details.progress)
    current_step = property(lambda self: self.details.current_step)
    step_reached = property(lambda self: self.details.step_reached)
    tryouts_planned = property(lambda self: self.details.tryouts_planned)
    tryouts_done = property(lambda self: self.details.tryouts_done)
    tryouts_draft = property(lambda self: self.details.tryouts_draft)
    next_tryout = property(lambda self: self.details.next_tryout)
    feedback_open = property(lambda self: self.details.feedback_open)
    feedback_on_plan = property(lambda self: self.details.feedback_on_plan)
    measures = property(lambda self: self.details.measures)

    @property
    def steps_done(self) -> int:
        return sum(self.progress)

    @property
    def step_filter(self) -> int:
        """1-5, or CLOSED: what a step filter compares with."""
        return CLOSED if self.closed else self.current_step

    @property
    def tryout_state(self) -> str:
        if self.tryouts_done:
            return TRYOUT_DONE
        if self.tryouts_planned:
            return TRYOUT_PLANNED
        if self.tryouts_draft:
            return TRYOUT_DRAFT
        return TRYOUT_NONE

    @property
    def last_activity_date(self) -> date | None:
        return self.last_activity.date() if self.last_activity else None
