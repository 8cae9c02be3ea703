"""A run chart of one measure for the terminal: values over dates, legible without colour.

What improvement teams read first: the values on their dates, where the series
started (the baseline) and where it should go (the target), and when the
try-outs and the new rounds happened.  At 76 columns, 7 rows high::

    Opgaven af (%) · hoger is beter
    70 ┤═════════════════════════════════════●═══════════════════ doel 70
       │                         ┊
       │                         ┊                              ●
    60 ┤                   ●     ┊
       │                         ┊
       │                         ┊
    50 ┤○┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄ beginwaarde 50
       └────────────▲────────────┴──────────────────△────────────
                    U1           R2                 U1
        1 sep 2026                                    30 nov 2026
    ● meting  ○ beginmeting  ┄┄ beginwaarde 50 %  ══ doel 70 %
    ▲ uitproberen (U1, U2 …)  △ uitproberen gepland  ┊ R2 begin van ronde 2
    Waarden: 1 sep 2026 50 % (beginwaarde) · 1 okt 2026 60 % · 31 okt 2026 70 %
    30 nov 2026 65 %

Each element has its own character (``●`` value, ``○`` baseline measured,
``┄`` baseline, ``═`` target, ``▲``/``△`` try-out carried out/planned, ``┊``
a new round), the lines are labelled, and a legend says what each one is, so
nothing depends on colour.  The chart is a list of lines, each a list of
``(text, role)`` segments; :func:`plain` joins them and :func:`as_rich` makes a
``rich.text.Text`` (never markup) in which a screen may colour the roles.
People's text (the measure's name and unit) is shown literally.

The scale helpers (:func:`nice_ticks`, :func:`date_range`) are shared with the
SVG chart in :mod:`plgcycle.runchart_svg`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date

from rich.cells import cell_len, set_cell_size

from .i18n import _, format_date
from .measurepoints import DOWN, UP
from .measurepoints import number_text as num
from .series import Series, point_date
from .textsafe import printable

# The roles of the segments; a screen maps them to styles.
TITLE, AXIS, VALUE, BASELINE, TARGET, TRYOUT, ROUND, MUTED = (
    "title",
    "axis",
    "value",
    "baseline",
    "target",
    "tryout",
    "round",
    "muted",
)

VALUE_MARK, BASELINE_MARK = "●", "○"
BASELINE_LINE, TARGET_LINE, ROUND_LINE = "┄", "═", "┊"
TRYOUT_DONE, TRYOUT_PLANNED = "▲", "△"
MIN_WIDTH = 30
DEFAULT_STYLES = {
    TITLE: "bold",
    VALUE: "bold",
    TARGET: "bold",
    TRYOUT: "bold",
    AXIS: "dim",
    ROUND: "dim",
    MUTED: "dim",
}

Segment = tuple[str, str]
Line = list[Segment]


# --- scales (shared with the SVG chart) ------------------------------------------------------


def nice_ticks(low: float, high: float, max_ticks: int = 6) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low..high."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(max_ticks - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for factor in (1, 2, 2.5, 5):
        if factor * magnitude >= raw:
            step = factor * magnitude
            break
    start = math.floor(low / step + 1e-9) * step
    stop = math.ceil(high / step - 1e-9) * step
    count = round((stop - start) / step)
    return [round(start + i * step, 10) for i in range(count + 1)]


def chart_values(series: Series) -> list[float]:
    """Every value the y axis must show: the dated points, the baseline and the target."""
    values = [p.value for p in series.dated]
    values += [v for v in (series.baseline, series.target) if v is not None]
    return values


def date_range(series: Series) -> tuple[date, date] | None:
    """The first and last date the x axis shows: points, try-outs and new rounds."""
    days = [point_date(p) for p in series.dated]
    days += [t.date for t in series.tryouts]
    days += [r.start for r in series.rounds[1:] if r.start]
    return (min(days), max(days)) if days else None


def boundaries(series: Series) -> list:
    """The rounds after the first with a known start: where a new round begins."""
    return [r for r in series.rounds[1:] if r.start is not None]


def title_text(series: Series) -> str:
    """``Opgaven af (%) · hoger is beter``, the measure's name and unit as typed."""
    text = printable(series.name, single_line=True) or _("Measure")
    if series.unit.strip():
        text += f" ({printable(series.unit, single_line=True)})"
    if series.better in (UP, DOWN):
        text += " · " + (_("higher is better") if series.better == UP else _("lower is better"))
    return text


def unit_suffix(series: Series) -> str:
    unit = printable(series.unit, single_line=True).strip()
    return f" {unit}" if unit else ""


def tryout_label(number: int) -> str:
    return _("T{n}").format(n=number)


def round_label(number: int) -> str:
    return _("R{round}").format(round=number)


# --- text --------------------------------------------------------------------------------------


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (wide characters count double), with an ellipsis."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + "…" if width > 0 else ""


def _merge(cells: Iterable[Segment]) -> Line:
    line: Line = []
    for text, role in cells:
        if line and line[-1][1] == role:
            line[-1] = (line[-1][0] + text, role)
        else:
            line.append((text, role))
    return line


def _wrap(items: Sequence[Line], width: int, gap: str = "  ") -> list[Line]:
    """Legend items side by side, as many per line as fit in ``width``."""
    lines: list[Line] = []
    current: Line = []
    used = 0
    for item in items:
        size = sum(cell_len(t) for t, _r in item)
        if size > width:  # a single item wider than the chart: cut its text
            item = [
                (fit(t, max(width - sum(cell_len(x) for x, _ in item[:i]), 0)), r)
                for i, (t, r) in enumerate(item)
            ]
            size = sum(cell_len(t) for t, _r in item)
        if current and used + len(gap) + size > width:
            lines.append(current)
            current, used = [], 0
        if current:
            current.append((gap, ""))
            used += len(gap)
        current += item
        used += size
    if current:
        lines.append(current)
    return lines


def text_chart(
    series: Series, width: int = 80, height: int = 10, *, values: bool = True
) -> list[Line]:
    """The run chart of ``series`` in ``width`` terminal cells (at least :data:`MIN_WIDTH`).

    ``height`` is the number of rows of the plot; with ``values`` the chart ends
    with every value and its date, so nothing has to be read off the scale.
    """
    width = max(width, MIN_WIDTH)
    height = max(height, 3)
    lines: list[Line] = [[(fit(title_text(series), width), TITLE)]]
    span = date_range(series)
    if span is None or not series.dated:
        lines.append([(fit(_("No values with a date yet."), width), MUTED)])
        return lines + (_value_lines(series, width) if values else [])
    ticks = nice_ticks(
        min(chart_values(series)), max(chart_values(series)), max(2, height // 2 + 1)
    )
    top, bottom = ticks[-1], ticks[0]

    def row_of(value: float) -> int:
        return round((top - value) / (top - bottom) * (height - 1))

    tick_rows: dict[int, str] = {}
    for tick in ticks:
        tick_rows.setdefault(row_of(tick), num(tick))
    label_w = max(cell_len(t) for t in tick_rows.values())
    line_labels = []  # (row, text, role) of the lines, written at their right end when wide enough
    if series.baseline is not None:
        line_labels.append(
            (
                row_of(series.baseline),
                _("baseline {value}").format(value=num(series.baseline)),
                BASELINE,
            )
        )
    if series.target is not None:
        line_labels.append(
            (row_of(series.target), _("target {value}").format(value=num(series.target)), TARGET)
        )
    right_w = 0
    if width >= 60 and line_labels:
        right_w = min(max(cell_len(t) for _r, t, _k in line_labels) + 1, 18)
    plot_w = width - label_w - 2 - right_w
    first, last = span
    days = max((last - first).days, 1)

    def col_of(day: date) -> int:
        if first == last:
            return plot_w // 2
        return round((day - first).days / days * (plot_w - 1))

    grid: list[list[Segment]] = [[(" ", "")] * plot_w for _row in range(height)]
    starts = boundaries(series)
    for mark in starts:
        for row in grid:
            row[col_of(mark.start)] = (ROUND_LINE, ROUND)
    for value, char, role in (
        (series.baseline, BASELINE_LINE, BASELINE),
        (series.target, TARGET_LINE, TARGET),
    ):
        if value is not None:
            grid[row_of(value)] = [(char, role)] * plot_w
    for point in series.dated:
        col = col_of(point_date(point))
        cell = grid[row_of(point.value)][col]
        if point.baseline and cell[0] != VALUE_MARK:
            grid[row_of(point.value)][col] = (BASELINE_MARK, BASELINE)
        elif not point.baseline:
            grid[row_of(point.value)][col] = (VALUE_MARK, VALUE)
    right: dict[int, Segment] = {}
    for at, text, role in line_labels:
        for candidate in (at, at - 1, at + 1):
            if right_w and 0 <= candidate < height and candidate not in right:
                right[candidate] = (" " + fit(text, right_w - 1), role)
                break
    for r, row in enumerate(grid):
        prefix = tick_rows.get(r, "").rjust(label_w) + " " + ("┤" if r in tick_rows else "│")
        lines.append(_merge([(prefix, AXIS), *row, right.get(r, ("", ""))]))
    lines += _x_axis(series, starts, label_w, plot_w, col_of)
    lines += _legend(series, width)
    if values:
        lines += _value_lines(series, width)
    return [line for line in (_merge(x for x in line if x[0]) for line in lines)]


def _x_axis(series: Series, starts: list, label_w: int, plot_w: int, col_of) -> list[Line]:
    axis: list[Segment] = [("─", AXIS)] * plot_w
    labels: list[tuple[int, int, str, str]] = []  # (priority, column, text, role)
    for mark in starts:
        axis[col_of(mark.start)] = ("┴", ROUND)
        labels.append((0, col_of(mark.start), round_label(mark.number), ROUND))
    for mark in series.tryouts:
        col = col_of(mark.date)
        axis[col] = (TRYOUT_DONE if mark.done else TRYOUT_PLANNED, TRYOUT)
        labels.append((1, col, tryout_label(mark.number), TRYOUT))
    # Labels that would touch another are left out; their mark on the axis stays.
    taken = [False] * (plot_w + 1)
    row: list[Segment] = [(" ", "")] * plot_w
    for _priority, col, text, role in sorted(labels):
        col = max(min(col, plot_w - len(text)), 0)  # a label at the right end ends there
        end = col + len(text)
        if end > plot_w or any(taken[max(col - 1, 0) : min(end + 1, plot_w)]):
            continue
        for i, char in enumerate(text):
            row[col + i] = (char, role)
            taken[col + i] = True
    pad = " " * (label_w + 1)
    lines = [_merge([(pad + "└", AXIS), *axis])]
    if labels:
        lines.append(_merge([(pad + " ", ""), *row]))
    lines.append([(pad + " " + _date_row(series, plot_w), MUTED)])
    return lines


def _date_row(series: Series, plot_w: int) -> str:
    span = date_range(series)
    assert span is not None
    first, last = (format_date(d) for d in span)
    if span[0] == span[1]:
        return fit(first.center(plot_w).rstrip(), plot_w)
    if len(first) + len(last) + 1 > plot_w:
        return fit(first, plot_w)
    return first + last.rjust(plot_w - len(first))


def _legend(series: Series, width: int) -> list[Line]:
    unit = unit_suffix(series)
    items: list[Line] = [[(VALUE_MARK, VALUE), (" " + _("value"), MUTED)]]
    if any(p.baseline for p in series.dated):
        items.append([(BASELINE_MARK, BASELINE), (" " + _("baseline measured"), MUTED)])
    if series.baseline is not None:
        items.append(
            [
                (BASELINE_LINE * 2, BASELINE),
                (" " + _("baseline {value}").format(value=num(series.baseline)) + unit, MUTED),
            ]
        )
    if series.target is not None:
        items.append(
            [
                (TARGET_LINE * 2, TARGET),
                (" " + _("target {value}").format(value=num(series.target)) + unit, MUTED),
            ]
        )
    if any(t.done for t in series.tryouts):
        items.append(
            [
                (TRYOUT_DONE, TRYOUT),
                (
                    " "
                    + _("try-out ({first}, {second} …)").format(
                        first=tryout_label(1), second=tryout_label(2)
                    ),
                    MUTED,
                ),
            ]
        )
    if any(not t.done for t in series.tryouts):
        items.append([(TRYOUT_PLANNED, TRYOUT), (" " + _("try-out planned"), MUTED)])
    for mark in boundaries(series)[:1]:
        items.append(
            [
                (ROUND_LINE + " " + round_label(mark.number), ROUND),
                (" " + _("round {n} begins").format(n=mark.number), MUTED),
            ]
        )
    if any(p.estimated for p in series.points):
        items.append([("≈", MUTED), (" " + _("date derived from the round or try-out"), MUTED)])
    return _wrap(items, width)


def value_text(point, unit: str = "") -> str:
    """``≈14 sep 2026 55 %`` (begin): one value with its date, as the chart lists them."""
    day = format_date(point.date) if point.date else _("no date")
    text = ("≈" if point.estimated and point.date else "") + f"{day} {num(point.value)}{unit}"
    return text + (" (" + _("baseline") + ")" if point.baseline else "")


def _value_lines(series: Series, width: int) -> list[Line]:
    if not series.points:
        return [[(fit(_("No values yet."), width), MUTED)]]
    unit = unit_suffix(series)
    items: list[Line] = [
        [(value_text(p, unit), BASELINE if p.baseline else VALUE)] for p in series.points
    ]
    items[0] = [(_("Values:") + " ", MUTED), *items[0]]
    return _wrap(items, width, gap=" · ")


def plain(lines: Sequence[Line]) -> list[str]:
    """The chart as plain text lines (no trailing spaces)."""
    return ["".join(text for text, _role in _trimmed(line)) for line in lines]


def as_rich(lines: Sequence[Line], styles: dict[str, str] | None = None):
    """The chart as one ``rich.text.Text``; ``styles`` maps roles to Rich styles (never markup)."""
    from rich.text import Text

    styles = DEFAULT_STYLES if styles is None else styles
    out = Text(no_wrap=True, overflow="crop")
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
        for text, role in _trimmed(line):
            out.append(text, styles.get(role, ""))
    return out


def _trimmed(line: Line) -> Line:
    """``line`` without trailing spaces, as :func:`plain` writes it."""
    segments = list(line)
    while segments and not segments[-1][0].rstrip():
        segments.pop()
    if segments:
        text, role = segments[-1]
        segments[-1] = (text.rstrip(), role)
    return segments


def signed(value: float) -> str:
    """``+13``, ``−2,5`` (a real minus sign), ``0``."""
    text = num(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def summary_text(series: Series) -> str:
    """One sentence under a chart: ``Begin 55 %, laatste 74 % (+19), doel 70 %: gehaald.``"""
    unit = unit_suffix(series)
    parts = []
    if series.baseline is not None:
        parts.append(_("baseline {value}").format(value=num(series.baseline)) + unit)
    if series.latest is not None:
        latest = _("latest {value}").format(value=num(series.latest)) + unit
        if series.change is not None:
            latest += f" ({signed(series.change)})"
        parts.append(latest)
    if series.target is not None:
        target = _("target {value}").format(value=num(series.target)) + unit
        met = series.target_met
        if met is not None:
            target += ": " + (_("reached") if met else _("not reached yet"))
        parts.append(target)
    if not parts:
        return _("No values yet.")
    text = ", ".join(parts) + "."
    return text[0].upper() + text[1:]
