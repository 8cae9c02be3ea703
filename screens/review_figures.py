"""The review's "Group figures" tab: questions per step, decisions, feedback, measures, attendance.

:func:`figure_widgets` makes the tab's empty widgets (mounted after the first
frame); :func:`fill_figures` draws the figures of an overview into them.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

from plgcycle import review as rv
from plgcycle.i18n import _
from screens.widgets.group_chart import BarChart, bar_text

from .review_attendance import attendance_content
from .review_texts import flow_content, measures_content


def figure_widgets() -> list[Widget]:
    """The tab's titles, two bar charts and the feedback and measures texts, still empty."""

    def title(text: str) -> Static:
        return Static(Text(text), classes="figure-title", markup=False)

    return [
        Horizontal(
            Vertical(
                title(_("Learning questions per step")),
                BarChart([], width=24, id="chart-steps"),
            ),
            Vertical(
                title(_("Decisions (closed rounds)")),
                BarChart([], width=16, id="chart-decisions"),
            ),
            id="figures-bars",
        ),
        title(rv.flow_title()),
        Static(id="flow", markup=False),
        title(_("Measures that moved")),
        Static(id="measures", markup=False),
        title(_("Attendance over the year")),
        Static(id="attendance", markup=False),
    ]


def fill_figures(root: DOMNode, ov: rv.Overview, accent: str, warm: str = "yellow") -> None:
    """Draw the figures of ``ov`` into the widgets of :func:`figure_widgets` below ``root``.

    Raises :class:`~textual.css.query.NoMatches` while those widgets are not mounted yet.
    """
    from plgcycle.report import decision_bars, step_bars

    root.query_one("#chart-steps", BarChart).update(
        bar_text(step_bars(ov), width=24, colour=accent)
    )
    root.query_one("#chart-decisions", BarChart).update(
        bar_text(decision_bars(ov), width=16, colour=accent)
    )
    root.query_one("#flow", Static).update(flow_content(ov, accent))
    root.query_one("#measures", Static).update(measures_content(ov, accent))
    root.query_one("#attendance", Static).update(attendance_content(ov, warm))
