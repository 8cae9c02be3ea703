"""The run chart of one measure in a screen: values over dates, baseline, target, try-outs.

The chart itself is the core's (:func:`plgcycle.runchart.text_chart`), drawn
again at the widget's width whenever it changes; every element has its own
character and a legend, so it reads without colour.  Below it one sentence
sums it up (:func:`plgcycle.runchart.summary_text`).
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.widget import Widget

from plgcycle.runchart import (
    AXIS,
    BASELINE,
    MUTED,
    ROUND,
    TARGET,
    TITLE,
    TRYOUT,
    VALUE,
    as_rich,
    summary_text,
    text_chart,
)
from plgcycle.series import Series, teacher_series

PLOT_ROWS = 7
STYLES = {
    TITLE: "bold",
    VALUE: "bold",
    TARGET: "bold",
    TRYOUT: "bold",
    BASELINE: "",
    AXIS: "dim",
    ROUND: "dim",
    MUTED: "dim",
}


class RunChart(Widget):
    """One series as a run chart, as wide as the widget."""

    DEFAULT_CSS = """
    RunChart { height: auto; width: 1fr; margin: 0 0 1 0; }
    """

    def __init__(self, series: Series, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.series = series

    def lines(self, width: int) -> list:
        return text_chart(self.series, max(width, 1), PLOT_ROWS)

    def summary(self, width: int) -> list[str]:
        return textwrap.wrap(summary_text(self.series), max(width, 20)) or [""]

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width)) + len(self.summary(width))

    def render(self) -> Text:
        width = self.size.width or 76
        chart = as_rich(self.lines(width), STYLES)
        for line in self.summary(width):
            chart.append("\n")
            chart.append(line)
        return chart


def run_charts(records, owner: str, measures) -> list[RunChart]:
    """A chart per series that ``measures`` belong to (each series once), in the series' order."""
    wanted = {m.id for m in measures}
    return [
        RunChart(s, classes="chart")
        for s in teacher_series(records, owner)
        if any(m.id in wanted for m in s.measures)
    ]
