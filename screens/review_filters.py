"""The review's filter bar: which rows are shown, in which order, and what needs attention.

The steps ``s`` cycles through, the names of the sort orders ``o`` cycles
through, and the two lines below the heading that say what the table shows
and how many rows had no movement, no feedback or an action date passed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from plgcycle import review as rv
from plgcycle.i18n import N_, _
from plgcycle.textsafe import printable

SORT_LABELS = {
    rv.SORT_NAME: N_("name"),
    rv.SORT_STEP: N_("step"),
    rv.SORT_ACTIVITY: N_("longest without movement first"),
    rv.SORT_SUBGROUP: N_("subgroup"),
}
STEP_CYCLE: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5, rv.CLOSED)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def filter_text(
    ov: rv.Overview,
    *,
    step: int | None,
    stalled_only: bool,
    subgroup: str | None,
    sort: str,
    colour: Callable[[str], str],
) -> Text:
    """The filter bar's two lines; ``colour`` gives a theme colour by name, asked only when used."""
    line = Text(_("Showing: "))
    line.append(rv.step_filter_label(step))
    line.append(" · " + (_("only without movement") if stalled_only else _("everyone")))
    line.append(
        " · "
        + (
            _("subgroup {name}").format(name=printable(subgroup, single_line=True))
            if subgroup is not None
            else _("all subgroups")
        )
    )
    line.append(" · " + _("sorted by {order}").format(order=_(SORT_LABELS[sort])))
    line.append("\n")
    stalled = ov.figures.stalled
    line.append(upper_first(ov.threshold.describe()) + ": ")
    line.append(str(stalled), style=f"bold {colour('warm')}" if stalled else "bold")
    line.append(" · " + _("no feedback yet this round: {n}").format(n=ov.figures.without_feedback))
    line.append(" · " + _("action date passed: {n}").format(n=ov.figures.overdue))
    line.append("   t " + _("since when"), style="dim")
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line
