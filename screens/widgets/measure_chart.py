"""A small horizontal bar chart of one measure across try-outs and rounds.

The points come from :meth:`plgcycle.index.RecordIndex.measure_series`::

    Opgaven af (%)
    R1 begin  ███████████████████▎          55
    R1 U1     ███████████████████████▊      68
    R2 begin  ███████████████████████▊      68

Bars start at zero when every value is positive (so 55 and 68 look like 55 and
68, not like 0 and 100); with negative values they start at the minimum.  The
chart fits any width and never hides a value: labels and numbers are always
printed.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from plgcycle.i18n import _

from .text import format_number, one_line

EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int) -> str:
    """A bar of ``fraction`` (0..1) of ``width`` cells, in eighths of a cell (not padded)."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[rest] if rest else "")


def chart_lines(points: list[tuple[str, float]], width: int) -> list[tuple[str, str, str]]:
    """(label, bar, value) per point for a chart ``width`` cells wide."""
    if not points:
        return []
    labels = [label for label, _v in points]
    values = [value for _l, value in points]
    shown = [format_number(v) for v in values]
    label_w = min(max(len(label) for label in labels), 14)
    value_w = max(len(s) for s in shown)
    bar_w = max(width - label_w - value_w - 4, 4)
    low = min(0.0, min(values))
    high = max(values)
    span = (high - low) or 1.0
    return [
        (
            one_line(label, label_w).ljust(label_w),
            bar((v - low) / span, bar_w).ljust(bar_w),
            s.rjust(value_w),
        )
        for label, v, s in zip(labels, values, shown, strict=False)
    ]


class MeasureChart(Widget):
    """Bars for one measure; empty text when there is nothing to show yet."""

    DEFAULT_CSS = """
    MeasureChart { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        name: str,
        unit: str,
        points: list[tuple[str, float]],
        *,
        id: str | None = None,
        classes: str | None = None,
    ):
        super().__init__(id=id, classes=classes)
        self.measure_name = name
        self.unit = unit
        self.points = points

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + max(len(self.points), 1)

    def render(self) -> Content:
        title = one_line(self.measure_name, 60)
        if self.unit:
            title += f" ({one_line(self.unit, 20)})"
        lines: list = [(title, "bold")]
        if not self.points:
            lines += ["\n", (_("No values yet."), "$text-muted")]
            return Content.assemble(*lines)
        for label, bar_text, value in chart_lines(self.points, self.size.width or 60):
            filled = bar_text.rstrip()
            lines += [
                "\n",
                (label, "$text-muted"),
                "  ",
                (filled, "$text-accent"),
                " " * (len(bar_text) - len(filled)),
                "  ",
                value,
            ]
        return Content.assemble(*lines)
