"""The run chart of one measure as inline SVG for the HTML report, with its values as a table.

The same elements as the terminal chart (:mod:`plgcycle.runchart`): values on
their dates joined by a line, the baseline and the target as labelled
horizontal lines, try-outs and new rounds marked where they happened, and a
legend.  Nothing depends on colour, so it reads in print and in greyscale:
the baseline is dashed, the target dash-dotted and heavier, values are filled
circles, baseline measurements open squares, try-outs triangles (filled when
carried out, open when planned), a new round a solid vertical line.

Every style is a presentation attribute, so the SVG looks the same without the
report's CSS; no script, no external reference.  All text from people is
escaped (:func:`plgcycle.textsafe.html_text`), and :func:`run_chart_html` puts
every value in a small table beside the picture, for screen readers and for
anyone who wants the exact numbers.
"""

from __future__ import annotations

from datetime import date
from html import escape

from .i18n import _, format_date, ngettext
from .measurepoints import number_text as num
from .runchart import (
    boundaries,
    chart_values,
    date_range,
    nice_ticks,
    round_label,
    summary_text,
    title_text,
    tryout_label,
    unit_suffix,
    value_text,
)
from .series import Series, point_date
from .textsafe import html_text, printable

INK, GREY, LIGHT = "#1d2433", "#5b6474", "#d9dee7"
VALUE_COLOUR = "#2a6f97"  # dark enough to stay distinct from the grey lines in greyscale
BASELINE_DASH, TARGET_DASH, TRYOUT_DASH = "6 4", "10 4 2 4", "1 3"
INSET = 10  # pixels between the y axis and the first date, and after the last
CHAR_W = 6.6  # the average width of a character at 12px, to keep labels apart
FONT = 'font-family="Segoe UI, Helvetica Neue, Arial, sans-serif" font-size="12"'

RUNCHART_CSS = """
figure.runchart { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure.runchart svg { max-width: 100%; height: auto; display: block; }
figure.runchart figcaption { margin: 4px 0 8px; }
table.runchart-values { width: auto; font-size: 12px; }
table.runchart-values td.num { text-align: right; font-variant-numeric: tabular-nums; }
"""
"""CSS for the report's ``<style>``: layout only; the chart itself needs none."""


def _attr(text: str) -> str:
    return escape(printable(text, single_line=True), quote=True)


def _clip(text: str, pixels: float) -> str:
    chars = max(int(pixels / CHAR_W), 1)
    return text if len(text) <= chars else text[: max(chars - 1, 0)] + "…"


def chart_title(series: Series) -> str:
    """What the picture shows, for ``<title>`` and ``aria-label``."""
    span = date_range(series)
    n = len(series.dated)
    if span is None or not n:
        return title_text(series) + ": " + _("no values with a date yet")
    return (
        title_text(series)
        + ": "
        + ngettext(
            "{n} value from {first} to {last}", "{n} values from {first} to {last}", n
        ).format(n=n, first=format_date(span[0]), last=format_date(span[1]))
    )


def run_chart_svg(series: Series, width: int = 640, plot_height: int = 200) -> str:
    """The chart as one ``<svg>`` element, ``width`` pixels wide."""
    label = _attr(chart_title(series))
    span = date_range(series)
    if span is None or not series.dated:
        note = html_text(_("No values with a date yet."))
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="30" '
            f'viewBox="0 0 {width} 30" aria-label="{label}"><title>{label}</title>'
            f'<text x="0" y="20" {FONT} fill="{GREY}">{note}</text></svg>'
        )
    values = chart_values(series)
    # A little room below and above, so that no line or point lies on the axis itself.
    pad = (max(values) - min(values)) * 0.06
    ticks = nice_ticks(min(values) - pad, max(values) + pad, 6)
    low, high = ticks[0], ticks[-1]
    unit = unit_suffix(series)
    line_labels = []
    if series.baseline is not None:
        line_labels.append(
            (series.baseline, _("baseline {value}").format(value=num(series.baseline)) + unit)
        )
    if series.target is not None:
        line_labels.append(
            (series.target, _("target {value}").format(value=num(series.target)) + unit)
        )
    left = 14 + CHAR_W * max(len(num(t)) for t in ticks)
    right = max(44, min(150, 12 + CHAR_W * max((len(t) for _v, t in line_labels), default=0)))
    top, plot_w = 24, width - left - right
    bottom = top + plot_height
    first, last = span
    days = max((last - first).days, 1)

    def x(day: date) -> float:
        # A little room at both ends, so that no point sits on the y axis or on the edge.
        if first == last:
            return round(left + plot_w / 2, 1)
        return round(left + INSET + (plot_w - 2 * INSET) * (day - first).days / days, 1)

    def y(value: float) -> float:
        return round(bottom - plot_height * (value - low) / (high - low), 1)

    out: list[str] = []
    for tick in ticks:
        out.append(
            f'<line x1="{left}" y1="{y(tick)}" x2="{left + plot_w}" y2="{y(tick)}" stroke="{LIGHT}"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4}" text-anchor="end" fill="{INK}">{num(tick)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="{INK}"/>'
        f'<line x1="{left}" y1="{bottom}" x2="{left + plot_w}" y2="{bottom}" stroke="{INK}"/>'
    )
    starts = boundaries(series)
    if starts:
        out.append(
            f'<text x="{left + 3}" y="{top - 8}" fill="{GREY}">'
            f"{html_text(round_label(series.rounds[0].number))}</text>"
        )
    for mark in starts:
        bx = x(mark.start)
        out.append(
            f'<line x1="{bx}" y1="{top - 4}" x2="{bx}" y2="{bottom}" stroke="{INK}" stroke-width="1.2"/>'
            f'<text x="{bx + 3}" y="{top - 8}" fill="{INK}">{html_text(round_label(mark.number))}</text>'
        )
    out += _tryouts(series, x, top, bottom)
    for value, dash, stroke, weight in _lines(series):
        ly = y(value)
        out.append(
            f'<line x1="{left}" y1="{ly}" x2="{left + plot_w}" y2="{ly}" stroke="{stroke}" '
            f'stroke-width="{weight}" stroke-dasharray="{dash}"/>'
        )
    out += _line_labels(line_labels, y, left + plot_w + 6, right - 8)
    dated = series.dated
    if len(dated) > 1:
        path = " ".join(f"{x(point_date(p))},{y(p.value)}" for p in dated)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{VALUE_COLOUR}" stroke-width="2"/>'
        )
    for point in dated:
        px, py = x(point_date(point)), y(point.value)
        tip = f"<title>{html_text(value_text(point, unit))}</title>"
        if point.baseline:
            out.append(
                f'<rect x="{px - 4.5}" y="{py - 4.5}" width="9" height="9" fill="#fff" '
                f'stroke="{INK}" stroke-width="2">{tip}</rect>'
            )
        else:
            out.append(
                f'<circle cx="{px}" cy="{py}" r="4.5" fill="{VALUE_COLOUR}" stroke="#fff" '
                f'stroke-width="1">{tip}</circle>'
            )
    out += _date_labels(series, x, bottom + 44, width)
    legend, legend_h = _legend(series, width, bottom + 66)
    out += legend
    height = round(bottom + 66 + legend_h)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{label}" {FONT}><title>{label}</title>'
        + "".join(out)
        + "</svg>"
    )


def _lines(series: Series) -> list[tuple]:
    """(value, dash pattern, colour, stroke width) of the baseline and the target."""
    out = []
    if series.baseline is not None:
        out.append((series.baseline, BASELINE_DASH, GREY, 1.5))
    if series.target is not None:
        out.append((series.target, TARGET_DASH, INK, 2))
    return out


def _line_labels(line_labels, y, lx: float, room: float) -> list[str]:
    out: list[str] = []
    used: list[float] = []
    for value, text in line_labels:
        ly = y(value) + 4
        while any(abs(ly - other) < 14 for other in used):  # baseline and target close together
            ly += 14
        used.append(ly)
        out.append(f'<text x="{lx}" y="{ly}" fill="{INK}">{html_text(_clip(text, room))}</text>')
    return out


def _tryouts(series: Series, x, top: float, bottom: float) -> list[str]:
    out: list[str] = []
    placed: list[float] = []
    for mark in series.tryouts:
        tx = x(mark.date)
        fill = INK if mark.done else "#fff"
        out.append(
            f'<line x1="{tx}" y1="{top}" x2="{tx}" y2="{bottom}" stroke="{GREY}" '
            f'stroke-dasharray="{TRYOUT_DASH}"/>'
            f'<path d="M{tx},{bottom + 3} l6,10 h-12 z" fill="{fill}" stroke="{INK}" stroke-width="1.2">'
            f"<title>{html_text(_tryout_tip(mark))}</title></path>"
        )
        if all(
            abs(tx - other) >= 24 for other in placed
        ):  # labels too close are left out, marks stay
            placed.append(tx)
            out.append(
                f'<text x="{tx}" y="{bottom + 27}" text-anchor="middle" fill="{INK}">'
                f"{html_text(tryout_label(mark.number))}</text>"
            )
    return out


def _tryout_tip(mark) -> str:
    what = _("carried out {date}") if mark.done else _("planned for {date}")
    return f"{round_label(mark.round_no)} {tryout_label(mark.number)}: " + what.format(
        date=format_date(mark.date)
    )


def _date_labels(series: Series, x, ty: float, width: float) -> list[str]:
    """Dates under the axis: the first, the last and the points' dates in between that fit."""
    span = date_range(series)
    assert span is not None

    def extent(day: date) -> tuple[float, float, str]:
        dx, size = x(day), CHAR_W * len(format_date(day))
        if dx - size / 2 < 0:
            return dx, dx + size, "start"
        if dx + size / 2 > width:
            return dx - size, dx, "end"
        return dx - size / 2, dx + size / 2, "middle"

    chosen: list[date] = []
    for day in sorted({span[0], span[1], *(point_date(p) for p in series.dated)}):
        if chosen and extent(day)[0] < extent(chosen[-1])[1] + 10:
            if day != span[1] or len(chosen) == 1:
                continue
            chosen.pop()  # the last date always shows, in place of the one before it
        chosen.append(day)
    out = []
    for day in chosen:
        dx, anchor = x(day), extent(day)[2]
        out.append(
            f'<line x1="{dx}" y1="{ty - 44}" x2="{dx}" y2="{ty - 40}" stroke="{INK}"/>'
            f'<text x="{dx}" y="{ty}" text-anchor="{anchor}" fill="{INK}">{html_text(format_date(day))}</text>'
        )
    return out


def _legend(series: Series, width: int, ly: float) -> tuple[list[str], float]:
    unit = unit_suffix(series)
    items: list[tuple[str, str]] = [
        (
            f'<line x1="0" y1="0" x2="22" y2="0" stroke="{VALUE_COLOUR}" stroke-width="2"/>'
            f'<circle cx="11" cy="0" r="4.5" fill="{VALUE_COLOUR}"/>',
            _("value"),
        )
    ]
    if any(p.baseline for p in series.dated):
        items.append(
            (
                f'<rect x="6.5" y="-4.5" width="9" height="9" fill="#fff" stroke="{INK}" stroke-width="2"/>',
                _("baseline measured"),
            )
        )
    if series.baseline is not None:
        items.append(
            (
                f'<line x1="0" y1="0" x2="22" y2="0" stroke="{GREY}" stroke-width="1.5" '
                f'stroke-dasharray="{BASELINE_DASH}"/>',
                _("baseline {value}").format(value=num(series.baseline)) + unit,
            )
        )
    if series.target is not None:
        items.append(
            (
                f'<line x1="0" y1="0" x2="22" y2="0" stroke="{INK}" stroke-width="2" '
                f'stroke-dasharray="{TARGET_DASH}"/>',
                _("target {value}").format(value=num(series.target)) + unit,
            )
        )
    if any(t.done for t in series.tryouts):
        items.append(
            (
                f'<path d="M11,-6 l6,10 h-12 z" fill="{INK}"/>',
                _("try-out ({first}, {second} …)").format(
                    first=tryout_label(1), second=tryout_label(2)
                ),
            )
        )
    if any(not t.done for t in series.tryouts):
        items.append(
            (
                f'<path d="M11,-6 l6,10 h-12 z" fill="#fff" stroke="{INK}" stroke-width="1.2"/>',
                _("try-out planned"),
            )
        )
    for mark in boundaries(series)[:1]:
        items.append(
            (
                f'<line x1="11" y1="-7" x2="11" y2="7" stroke="{INK}" stroke-width="1.2"/>',
                _("round {n} begins").format(n=mark.number),
            )
        )
    out, cx, row = [], 0.0, 0
    for swatch, text in items:
        text = _clip(text, width - 40)
        size = 30 + CHAR_W * len(text) + 18
        if cx and cx + size > width:
            cx, row = 0.0, row + 1
        out.append(
            f'<g transform="translate({round(cx, 1)},{ly + row * 20})">{swatch}'
            f'<text x="28" y="4" fill="{INK}">{html_text(text)}</text></g>'
        )
        cx += size
    return out, (row + 1) * 20


def run_chart_table(series: Series) -> str:
    """Every value of the series in a small table: date, round, try-out, value, kind, note."""
    unit = unit_suffix(series)
    tryouts = {t.tryout_id: t for t in series.tryouts}
    heads = [
        (_("Date"), ""),
        (_("Round"), ""),
        (_("Try-out"), ""),
        (_("Value"), "num"),
        (_("Kind"), ""),
        (_("Note"), ""),
    ]
    caption = html_text(_("Values of {measure}").format(measure=title_text(series)))
    out = [f'<table class="runchart-values"><caption>{caption}</caption><thead><tr>']
    out += [
        f'<th class="{cls}">{html_text(h)}</th>' if cls else f"<th>{html_text(h)}</th>"
        for h, cls in heads
    ]
    out.append("</tr></thead><tbody>")
    # Outside the f-strings below, so that the catalog tool finds these texts.
    kinds = {True: _("baseline"), False: _("measurement")}
    for point in series.points:
        day = format_date(point.date) if point.date else _("no date")
        if point.estimated and point.date:
            day = "≈ " + day
        mark = tryouts.get(point.tryout_id or "")
        out.append(
            f"<tr><td>{html_text(day)}</td><td>{html_text(round_label(point.round_no))}</td>"
            f"<td>{html_text(tryout_label(mark.number)) if mark else ''}</td>"
            f'<td class="num">{html_text(num(point.value) + unit)}</td>'
            f"<td>{html_text(kinds[point.baseline])}</td>"
            f"<td>{html_text(point.note)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def run_chart_html(series: Series, width: int = 640) -> str:
    """A ``<figure>``: the SVG, a one-sentence summary, and the table of values."""
    parts = [
        f'<figure class="runchart">{run_chart_svg(series, width)}',
        f"<figcaption>{html_text(summary_text(series))}</figcaption>",
        run_chart_table(series),
    ]
    if any(p.estimated for p in series.points):
        parts.append(
            '<p class="meta">'
            + html_text(
                _(
                    "≈ The date was derived from the round or the try-out; the value was saved without one."
                )
            )
            + "</p>"
        )
    parts.append("</figure>")
    return "".join(parts)
