"""When "no movement" starts: the previous meeting, a date or a number of days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from ..errors import InvalidInput
from ..i18n import _, format_date
from ..model import (
    Record,
    parse_date,
)
from .constants import DEFAULT_INTERVAL

# --- when "no movement" starts ------------------------------------------------------------------


class Threshold(NamedTuple):
    """No change on or after ``since`` counts as "no movement"."""

    since: date
    source: str  # "since" (given date), "days" (given days), "meeting" or "interval"
    next_meeting: date | None = None
    previous_meeting: date | None = None

    days: int = 0  # from ``since`` to today

    def describe(self) -> str:
        when = format_date(self.since)
        if self.source == "meeting":
            return _("no movement since the previous meeting ({date})").format(date=when)
        return _("no movement since {date} ({days} days)").format(date=when, days=self.days)


class StalledRule(NamedTuple):
    """How the facilitator wants "no movement" decided; see :meth:`resolve`."""

    since: date | None = None
    days: int | None = None
    interval: int = DEFAULT_INTERVAL

    def validate(self, today: date) -> StalledRule:
        if self.since is not None and self.since > today:
            raise InvalidInput(_("The date for 'no movement since' lies in the future."))
        if self.days is not None and not 0 < self.days <= 3650:
            raise InvalidInput(_("The number of days must be between 1 and 3650."))
        if not 1 <= self.interval <= 365:
            raise InvalidInput(_("The meeting interval must be between 1 and 365 days."))
        return self

    def resolve(self, today: date, persons: Iterable[Record] = ()) -> Threshold:
        """The threshold date: a given date, today minus given days, or the previous meeting.

        The previous meeting is the most common ``next_meeting`` of the teachers
        minus the interval when that date is still ahead, or that date itself
        when it has passed (the meeting has taken place).  Without any
        ``next_meeting`` it is today minus the interval.
        """
        meeting = common_next_meeting(persons)
        previous = None
        if meeting is not None:
            previous = meeting - timedelta(days=self.interval) if meeting > today else meeting
        upcoming = meeting if meeting is not None and meeting > today else None
        if self.since is not None:
            return Threshold(self.since, "since", upcoming, previous, (today - self.since).days)
        if self.days is not None:
            return Threshold(
                today - timedelta(days=self.days), "days", upcoming, previous, self.days
            )
        if previous is not None:
            return Threshold(previous, "meeting", upcoming, previous, (today - previous).days)
        return Threshold(
            today - timedelta(days=self.interval), "interval", None, None, self.interval
        )


def common_next_meeting(persons: Iterable[Record]) -> date | None:
    """The ``next_meeting`` most teachers have noted (the latest date on a tie)."""
    counts = Counter(d for d in (parse_date(p.data.get("next_meeting")) for p in persons) if d)
    if not counts:
        return None
    return max(counts, key=lambda d: (counts[d], d))
