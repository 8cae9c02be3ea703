"""Dates a teacher types that are probably not meant: far from today, or on the wrong side.

The forms ask before keeping such a date (they never refuse it: a teacher may log
a try-out of long ago on purpose).  Which side of today a date belongs on is part
of what the field means: the next meeting is still to come, feedback was given
before it is noted.
"""

from __future__ import annotations

from datetime import date

from .i18n import _, format_date

#: How far from today a date may lie before the teacher is asked (about two years).
PLAUSIBLE_DAYS = 730

#: Fields whose date is still to come, and fields whose date has already been.
FUTURE_FIELDS = frozenset({"next_meeting"})
# (A try-out carried out in the future is refused by its screen, not asked about.)
PAST_FIELDS = frozenset({"given_on"})


def date_doubt(key: str, value: date, today: date) -> str | None:
    """Why ``value`` in the field ``key`` looks unintended, or None when it looks fine."""
    shown = format_date(value)
    if (today - value).days > PLAUSIBLE_DAYS:
        return _("{date} is more than two years ago.").format(date=shown)
    if (value - today).days > PLAUSIBLE_DAYS:
        return _("{date} is more than two years from now.").format(date=shown)
    if key in FUTURE_FIELDS and value < today:
        return _("{date} has already passed, and the next meeting is still to come.").format(
            date=shown
        )
    if key in PAST_FIELDS and value > today:
        return _("{date} is still to come.").format(date=shown)
    return None
