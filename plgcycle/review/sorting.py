"""Sorting and filtering the rows, as the screen and the reports do."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InvalidInput
from ..i18n import _, format_date
from .constants import SORT_ACTIVITY, SORT_KEYS, SORT_NAME, SORT_STEP, SORT_SUBGROUP
from .rows import Row

# --- sorting and filtering ------------------------------------------------------------------------


def sort_rows(rows: Iterable[Row], key: str = SORT_NAME) -> list[Row]:
    """Rows in the order the facilitator asked for; the name always breaks ties."""
    if key not in SORT_KEYS:
        raise InvalidInput(_("Unknown sort order {key}.").format(key=key))

    def by_name(row: Row):
        return (row.name.casefold(), row.question.casefold(), row.round_no)

    if key == SORT_STEP:
        return sorted(rows, key=lambda r: (r.step_filter, r.steps_done, *by_name(r)))
    if key == SORT_ACTIVITY:
        # Longest without movement first; rows without any date last.
        return sorted(
            rows,
            key=lambda r: (
                r.last_activity is None,
                r.last_activity.timestamp() if r.last_activity else 0,
                *by_name(r),
            ),
        )
    if key == SORT_SUBGROUP:
        return sorted(rows, key=lambda r: (not r.subgroup, r.subgroup.casefold(), *by_name(r)))
    return sorted(rows, key=by_name)


def filter_rows(
    rows: Iterable[Row],
    *,
    step: int | None = None,
    stalled: bool = False,
    subgroup: str | None = None,
) -> list[Row]:
    """Rows at ``step`` (1-5 or CLOSED), only those without movement, only one subgroup."""
    out = []
    for row in rows:
        if step is not None and row.step_filter != step:
            continue
        if stalled and not row.stalled:
            continue
        if subgroup is not None and row.subgroup != subgroup:
            continue
        out.append(row)
    return out


def movement_phrase(row: Row) -> str:
    """A neutral description of the last movement, for tables and agendas."""
    if not row.has_question:
        return _("no learning question shared yet")
    if row.last_activity is None:
        return _("no date known")
    when = format_date(row.last_activity_date)
    if row.stalled and row.no_new_file:  # nothing arrived: not the same as no movement
        return _("no movement since {date}; no new file of theirs since then").format(date=when)
    if row.stalled:
        return _("no movement since {date}").format(date=when)
    return when
