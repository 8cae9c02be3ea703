"""Terminal charts for the facilitator's group figures: bars and a who-gives-to-whom grid.

Labels are people's names and step titles; they are drawn as ``rich.text.Text``
(never markup) and made printable, so a name can never style or break the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from plgcycle.textsafe import printable, shorten

FULL, PARTS = "█", " ▏▎▍▌▋▊▉"


def bar(value: float, top: float, width: int) -> str:
    """A bar of ``width`` cells for ``value`` out of ``top``, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = round(width * 8 * min(value, top) / top)
    whole, rest = divmod(eighths, 8)
    return FULL * whole + (PARTS[rest] if rest else "")


def bar_text(
    bars: Sequence[tuple[str, int]],
    *,
    width: int = 30,
    label_width: int | None = None,
    colour: str = "",
) -> Text:
    """Rows of ``label  ████▌   n``; the longest bar is ``width`` cells.

    ``colour`` is the theme's accent (Rich text knows no theme variables: see
    ``review_kit.theme_colours``).
    """
    labels = [printable(label, single_line=True) for label, _value in bars]
    label_width = label_width or max((len(label) for label in labels), default=0)
    top = max((value for _label, value in bars), default=0)
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, ((_label, value), label) in enumerate(zip(bars, labels, strict=False)):
        if i:
            text.append("\n")
        text.append(shorten(label, label_width).ljust(label_width) + " ")
        drawn = bar(value, top, width)
        text.append(drawn, style=f"bold {colour}".strip())
        text.append(" " * (width - len(drawn)))
        text.append(f" {value:>3}")
    return text


def flow_text(
    people: Sequence[tuple[str, str]],
    flow: dict[tuple[str, str], int],
    receivers: Sequence[str],
    *,
    name_width: int = 18,
    given_label: str = "",
    received_label: str = "",
    colour: str = "",
    adopted: dict[str, int] | None = None,
    adopted_label: str = "",
) -> Text:
    """A grid: one row per giver, one numbered column per receiver, counts in the cells.

    With ``adopted`` (receiver -> pieces taken on) a last line says how much of what each
    receiver got was taken on.
    """
    number = {key: i for i, key in enumerate(receivers, start=1)}
    cell = max(3, len(str(len(receivers))) + 1)
    received = {key: 0 for key in receivers}
    for (_giver, receiver), n in flow.items():
        if receiver in received:
            received[receiver] += n
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" " * (name_width + 1))
    for key in receivers:
        text.append(str(number[key]).rjust(cell), style="bold")
    text.append("  " + given_label, style="bold")
    top = max(flow.values(), default=0) or 1
    for key, name in people:
        prefix = f"{number[key]}. " if key in number else "   "
        text.append("\n")
        text.append(
            shorten(prefix + printable(name, single_line=True), name_width).ljust(name_width) + " "
        )
        total = 0
        for receiver in receivers:
            n = flow.get((key, receiver), 0)
            total += n
            if n:
                strength = f"bold {colour}".strip() if n * 2 > top else colour
                text.append(str(n).rjust(cell), style=strength)
            else:
                text.append("·".rjust(cell), style="dim")
        text.append(f"  {total:>3}")
    text.append("\n")
    text.append(shorten(received_label, name_width).ljust(name_width) + " ", style="bold")
    for receiver in receivers:
        text.append(str(received[receiver]).rjust(cell), style="bold")
    if adopted is not None:
        text.append("\n")
        text.append(shorten(adopted_label, name_width).ljust(name_width) + " ")
        for receiver in receivers:
            text.append(str(adopted.get(receiver, 0)).rjust(cell))
    return text


class BarChart(Static):
    """Horizontal bars with labels and values."""

    DEFAULT_CSS = """
    BarChart { height: auto; width: auto; }
    """

    def __init__(
        self,
        bars: Sequence[tuple[str, int]],
        *,
        width: int = 30,
        id: str | None = None,
        classes: str | None = None,
    ):
        super().__init__(bar_text(bars, width=width), id=id, classes=classes, markup=False)
        self.bars = list(bars)
