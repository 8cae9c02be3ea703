"""The scan for the HTML report: a spider chart as inline SVG, the same values as a table.

The chart has twelve axes (the five elements, then the seven conditions), a polygon for
*nu* and one for *gewenst* of the latest moment, and a line for *nu* at up to two earlier
moments.  It must read in print and in greyscale, so series differ by dash pattern and
marker shape, not only by colour, and a legend draws each.  A withheld value leaves a gap
in its line (the line is never drawn through a value that is not shown).  Every value the
chart draws is also in :func:`html_table`, for screen readers and for anyone who wants the
numbers.  Everything is escaped; there is no script, and styles are presentation attributes
so the SVG looks the same inside any page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..i18n import _
from ..textsafe import html_text, printable
from .figures import (
    DimensionFigures,
    ScanFigures,
    dimension_score,
    format_number,
    number_text,
    respondents_line,
    why_nothing,
)
from .reading import read
from .responses import DESIRED, NOW, Response
from .statements import ALL, DIMENSIONS, GROUPS, citation, group_label

MAX_MOMENTS = 3  # latest plus two earlier, as in the research's three measurements

WIDTH, HEIGHT_TOP = 640, 470
CX, CY, RADIUS = 320, 240, 175
SCALE_MAX = 5

# (stroke, dash pattern, marker, fill) per series; dash and marker carry the meaning in grey.
_NOW = ("#1f4e79", "", "circle", "#1f4e79")
_DESIRED = ("#a0522d", "9 5", "square", "#ffffff")
_OWN = ("#2e7d32", "6 3 1 3", "diamond", "#2e7d32")  # the respondent's own, in their copy only
_EARLIER = (
    ("#555555", "2 4", "triangle", "#555555"),
    ("#777777", "12 4 3 4", "diamond", "#ffffff"),
)


# For the report's stylesheet (the report appends it to its own): the table's group rows
# and caption; the chart itself needs no CSS.
SCAN_CSS = """
table.scan caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.scan th[scope=rowgroup] { background: #eef4f8; color: #1d2433; font-size: 12px; }
table.scan th[scope=row] { font-weight: normal; }
table.scan td.num, table.scan th.num { text-align: right; font-variant-numeric: tabular-nums; }
section.scan svg { max-width: 100%; height: auto; break-inside: avoid; page-break-inside: avoid; }
section.scan .muted { color: #5b6474; font-style: italic; }
section.scan .meta { color: #5b6474; }
"""


def _h(text: str) -> str:
    # One line: a label's newline must not become a <br> inside an SVG attribute or title.
    return html_text(printable(text, single_line=True))


def _point(axis: float, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * axis / len(DIMENSIONS)
    r = RADIUS * value / SCALE_MAX
    return round(CX + r * math.cos(angle), 1), round(CY + r * math.sin(angle), 1)


def _wrap(text: str, width: int = 18) -> list[str]:
    """At most two lines of about ``width`` characters, split at a space."""
    if len(text) <= width or " " not in text:
        return [text]
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1 :]]


def _marker(kind: str, x: float, y: float, stroke: str, fill: str) -> str:
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="1.6"'
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="4" {common}/>'
    if kind == "square":
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" {common}/>'
    if kind == "triangle":
        return f'<path d="M{x} {y - 5}L{x + 4.5} {y + 3.5}L{x - 4.5} {y + 3.5}Z" {common}/>'
    return f'<path d="M{x} {y - 5}L{x + 5} {y}L{x} {y + 5}L{x - 5} {y}Z" {common}/>'


def _series(values: list[float | None], style: tuple[str, str, str, str], *, area: bool) -> str:
    """A closed polygon when every value is shown; otherwise lines only between neighbours."""
    stroke, dash, marker, fill = style
    points = [_point(i, v) if v is not None else None for i, v in enumerate(values)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = []
    drawn = [p for p in points if p is not None]
    if len(drawn) == len(points):
        d = "M" + "L".join(f"{x} {y}" for x, y in drawn) + "Z"
        area_fill = f'fill="{fill}" fill-opacity="0.10"' if area else 'fill="none"'
        out.append(f'<path d="{d}" {area_fill} stroke="{stroke}" stroke-width="2.4"{dash_attr}/>')
    else:
        n = len(points)
        for i in range(n):
            a, b = points[i], points[(i + 1) % n]
            if a is not None and b is not None:
                out.append(
                    f'<path d="M{a[0]} {a[1]}L{b[0]} {b[1]}" fill="none" stroke="{stroke}" '
                    f'stroke-width="2.4"{dash_attr}/>'
                )
    out += [_marker(marker, x, y, stroke, fill) for p in points if p is not None for x, y in [p]]
    return "".join(out)


def _drawn_moments(figures: ScanFigures, moment: str | None) -> list[str]:
    """The latest moment and up to two before it, oldest first."""
    keys = [m.key for m in figures.moments]
    last = keys.index(figures.moment(moment).key)
    return keys[max(0, last - MAX_MOMENTS + 1) : last + 1]


def _label(figures: ScanFigures, key: str) -> str:
    return figures.moment(key).label or key


def spider_svg(
    figures: ScanFigures,
    group: str = ALL,
    moment: str | None = None,
    own: Sequence[float | None] | None = None,
) -> str:
    """The spider chart of ``group`` at ``moment`` (latest when ``None``) as an inline SVG.

    ``own``: the respondent's own *nu* per dimension, drawn beside the group's: only for the
    respondent's own copy (:func:`own_section`), never in a report for others.
    """
    drawn = _drawn_moments(figures, moment)
    latest = figures.group(drawn[-1], group)
    title = _("Scan De school als PLG: {group}, {moment}").format(
        group=group_label(group), moment=_label(figures, drawn[-1])
    )
    series = []  # (label, style, values, area)
    for i, key in enumerate(drawn[:-1]):
        cell = figures.group(key, group)
        series.append(
            (
                _("now at {moment}").format(moment=_label(figures, key)),
                _EARLIER[(len(drawn) - 2 - i) % len(_EARLIER)],
                [d.now.value if d.now.shown else None for d in cell.dimensions],
                False,
            )
        )
    series.append(
        (
            _("desired"),
            _DESIRED,
            [d.desired.value if d.desired.shown else None for d in latest.dimensions],
            False,
        )
    )
    series.append(
        (_("now"), _NOW, [d.now.value if d.now.shown else None for d in latest.dimensions], True)
    )
    if own is not None:
        series.append((_("your own answers (now)"), _OWN, list(own), False))
    height = HEIGHT_TOP + 24 * len(series) + 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-label="{_h(title)}" font-family="sans-serif" '
        f'font-size="12"><title>{_h(title)}</title>',
        "<desc>" + _h(_("Every value of this chart is also in the table below it.")) + "</desc>",
    ]
    for ring in range(1, SCALE_MAX + 1):
        ring_points = "L".join(
            f"{x} {y}" for x, y in (_point(i, ring) for i in range(len(DIMENSIONS)))
        )
        out.append(f'<path d="M{ring_points}Z" fill="none" stroke="#c8ced8" stroke-width="1"/>')
        # Between the first two axes, where no marker can cover the number.
        x, y = _point(0.5, ring)
        out.append(
            f'<text x="{x}" y="{y}" fill="#5b6474" font-size="10" '
            f'text-anchor="middle">{ring}</text>'
        )
    for i, dim in enumerate(DIMENSIONS):
        x, y = _point(i, SCALE_MAX)
        out.append(
            f'<line x1="{CX}" y1="{CY}" x2="{x}" y2="{y}" stroke="#c8ced8" stroke-width="1"/>'
        )
        out.append(_axis_label(i, dim.short()))
    for _label_text, style, values, area in series:
        out.append(_series(values, style, area=area))
    y = HEIGHT_TOP + 8
    for label, (stroke, dash, marker, fill), _values, _area in reversed(series):
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="40" y1="{y}" x2="96" y2="{y}" stroke="{stroke}" '
            f'stroke-width="2.4"{dash_attr}/>'
        )
        out.append(_marker(marker, 68, y, stroke, fill))
        out.append(f'<text x="108" y="{y + 4}" fill="#1d2433">{_h(label)}</text>')
        y += 24
    out.append("</svg>")
    return "".join(out)


def _axis_label(axis: int, text: str) -> str:
    x, y = _point(axis, SCALE_MAX + 0.45)
    cos = x - CX
    anchor = "middle" if abs(cos) < 20 else ("start" if cos > 0 else "end")
    lines = _wrap(text)
    top = y - 7 * (len(lines) - 1) + 4
    if y < CY - RADIUS:  # the top label grows upwards, away from the chart
        top = y - 14 * (len(lines) - 1)
    tspans = "".join(
        f'<tspan x="{x}" y="{round(top + 14 * n, 1)}">{_h(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" fill="#1d2433">{tspans}</text>'


def _cell(figure, *, signed: bool = False) -> str:
    if figure.shown:
        return f'<td class="num">{_h(number_text(figure, signed=signed))}</td>'
    return f'<td class="num" title="{_h(figure.reason_text())}">\u2013</td>'


def html_table(figures: ScanFigures, group: str = ALL, moment: str | None = None) -> str:
    """Every value of :func:`spider_svg` (and the gap, spread, count and change) as a table."""
    drawn = _drawn_moments(figures, moment)
    latest = figures.group(drawn[-1], group)
    earlier = drawn[:-1]
    info = figures.moment(drawn[-1])
    heads = [
        _("Dimension"),
        _("Now"),
        _("Desired"),
        _("Gap"),
        _("Spread (now)"),
        _("Answers (now)"),
    ]
    if info.previous is not None:
        heads.append(
            _("Change in now since {moment}").format(moment=_label(figures, info.previous))
        )
    heads += [_("Now at {moment}").format(moment=_label(figures, key)) for key in earlier]
    caption = _("{group}, {moment}").format(
        group=group_label(group), moment=_label(figures, drawn[-1])
    )
    out = [
        f'<table class="scan"><caption>{_h(caption)}</caption><thead><tr>',
        f"<th>{_h(heads[0])}</th>" + "".join(f'<th class="num">{_h(h)}</th>' for h in heads[1:]),
        "</tr></thead><tbody>",
    ]
    for kind, label in (("element", _("Elements")), ("condition", _("Conditions"))):
        out.append(f'<tr><th colspan="{len(heads)}" scope="rowgroup">{_h(label)}</th></tr>')
        for dim, figs in zip(DIMENSIONS, latest.dimensions, strict=False):
            if dim.kind != kind:
                continue
            out.append(
                _row(
                    dim.label(),
                    figs,
                    info.previous is not None,
                    [figures.group(k, group).get(dim.key) for k in earlier],
                    len(heads),
                )
            )
    out.append("</tbody></table>")
    out.append(
        '<p class="meta">'
        + _h(
            _(
                "\u2013 means: not shown. A figure is shown only when at "
                "least three people answered, and only when no one's "
                "answers can be worked out from it with the other "
                "figures; the spread from five answers. Spread: the "
                "standard deviation."
            )
        )
        + "</p>"
    )
    return "".join(out)


def _row(
    label: str,
    figs: DimensionFigures,
    with_change: bool,
    earlier: list[DimensionFigures],
    columns: int,
) -> str:
    head = f'<th scope="row">{_h(label)}</th>'
    if not figs.now.shown and not figs.desired.shown and not any(e.now.shown for e in earlier):
        return f'<tr>{head}<td colspan="{columns - 1}" class="muted">{_h(figs.now.reason_text())}</td></tr>'
    cells = [
        _cell(figs.now),
        _cell(figs.desired),
        _cell(figs.gap, signed=True),
        _cell(figs.now_spread),
        _count(figs.now),
    ]
    if with_change:
        cells.append(_cell(figs.now_change, signed=True))
    cells += [_cell(e.now) for e in earlier]
    return f"<tr>{head}{''.join(cells)}</tr>"


def _count(figure) -> str:
    if figure.shown:
        return f'<td class="num">{figure.n}</td>'
    return f'<td class="num" title="{_h(figure.reason_text())}">\u2013</td>'


def html_section(figures: ScanFigures, moment: str | None = None) -> str:
    """A whole ``<section>`` for the report: counts, chart and table per group, the reading,
    the citation.  A group with nothing to show gets one line, never an empty chart."""
    if not figures.moments:
        return ""
    key = figures.moment(moment).key
    cells = [figures.group(key, g) for g in GROUPS]
    out = [
        '<section class="scan">',
        "<h2>" + _h(_("Scan De school als PLG")) + "</h2>",
        f'<p class="meta">{_h(respondents_line(cells))}</p>',
    ]
    reading = read(figures, key)
    for heading, points in (
        (_("For the next meeting"), reading.meeting),
        (_("For the team leader"), reading.team_leader),
    ):
        if points:
            out.append(
                f"<h3>{_h(heading)}</h3><ul>"
                + "".join(f"<li>{_h(p)}</li>" for p in points)
                + "</ul>"
            )
    out.append(f'<p class="meta">{_h(reading.note)}</p>')
    for cell in cells:
        if cell.anything_shown:
            out.append(f"<h3>{_h(group_label(cell.group))}</h3>")
            out.append(spider_svg(figures, cell.group, key))
            out.append(html_table(figures, cell.group, key))
        else:
            out.append(
                f"<h3>{_h(group_label(cell.group))}</h3>"
                f'<p class="muted">{_h(why_nothing(cell))}</p>'
            )
    out.append(f'<p class="meta">{_h(citation())}</p></section>')
    return "\n".join(out)


def own_section(figures: ScanFigures, response: Response, moment: str | None = None) -> str:
    """The respondent's own answers beside the group's, once the group's result is shown.

    For the respondent's own copy only (``plgcycle scan report --mine``): it holds one
    person's answers, so nothing made for others ever includes it.
    """
    heading = "<h2>" + _h(_("Your own answers beside the group's")) + "</h2>"
    everyone = figures.group(figures.moment(moment).key, ALL) if figures.moments else None
    if everyone is None or not everyone.anything_shown:
        return (
            f'<section class="scan own">{heading}<p class="muted">'
            + _h(_("Your answers appear beside the group's once the group's result is shown."))
            + "</p></section>"
        )
    now = [dimension_score(response, d.key, NOW) for d in DIMENSIONS]
    desired = [dimension_score(response, d.key, DESIRED) for d in DIMENSIONS]
    rows = "".join(
        f'<tr><th scope="row">{_h(d.label())}</th>'
        f'<td class="num">{_h(format_number(n) if n is not None else "–")}</td>'
        f'<td class="num">{_h(format_number(w) if w is not None else "–")}</td>'
        f'<td class="num">{_h(number_text(g.now))}</td></tr>'
        for d, n, w, g in zip(DIMENSIONS, now, desired, everyone.dimensions, strict=True)
    )
    head = "".join(
        f'<th class="num">{_h(t)}</th>'
        for t in (_("Your now"), _("Your desired"), _("Everyone now"))
    )
    only_yours = _("Only in your own copy: nobody else sees these answers.")
    part = _("Part")
    return (
        f'<section class="scan own">{heading}<p class="meta">{_h(only_yours)}</p>'
        + spider_svg(figures, ALL, moment, own=now)
        + f'<table class="scan"><thead><tr><th>{_h(part)}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def html_page(figures: ScanFigures, moment: str | None = None, own: Response | None = None) -> str:
    """A standalone HTML file of :func:`html_section` (no script: the CSP forbids it)."""
    from ..i18n import current_language

    title = _("Scan De school als PLG")
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{current_language()}"><head><meta charset="utf-8">',
                '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                "style-src 'unsafe-inline'; img-src data:\">",
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{_h(title)}</title>",
                '<style>body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; '
                "color: #1d2433; max-width: 1000px; margin: 0 auto; padding: 20px; font-size: 14px; } "
                "table { border-collapse: collapse; } th, td { padding: 4px 8px; "
                "border-bottom: 1px solid #d9dee7; text-align: left; }"
                + SCAN_CSS
                + "</style></head><body>",
                own_section(figures, own, moment) if own is not None else "",
                html_section(figures, moment),
                "</body></html>",
            ]
        )
        + "\n"
    )
