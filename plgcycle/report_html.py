"""The HTML report: one self-contained file, inline CSS with print rules, charts as inline SVG,
no scripts at all (a Content-Security-Policy forbids them)."""

from __future__ import annotations

from html import escape

from .i18n import _, current_language
from .report_attendance import attendance_html, giving_html
from .report_charts import CHARTS_CSS, run_charts_section
from .report_parts import (
    _signed,
    decision_bars,
    feedback_cell,
    flow_grid,
    key_figures,
    limited_note,
    movement_cell,
    not_shared,
    notice_lines,
    privacy_line,
    sources_line,
    step_bars,
    subtitle,
    threshold_line,
    title,
    tryout_cell,
)
from .report_scan import scan_html
from .review import (
    Overview,
    action_label,
    flow_title,
    format_number,
    not_signed,
    step_label,
    step_marks,
)
from .runchart_svg import RUNCHART_CSS
from .scan import SCAN_CSS
from .textsafe import html_text, printable

_CSS = """
:root { --ink:#1d2433; --muted:#5b6474; --line:#d9dee7; --accent:#2a6f97; --soft:#eef4f8;
        --warm:#b5651d; --ok:#2e7d4f; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 24px 28px 40px; line-height: 1.4; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 26px 0 10px; border-bottom: 2px solid var(--soft); padding-bottom: 4px; }
p.meta, p.note, footer { color: var(--muted); }
p.note { background: var(--soft); padding: 8px 12px; border-radius: 6px; }
.kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin-top: 16px; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.kpi .n { font-size: 26px; font-weight: 700; color: var(--accent); display: block; }
.kpi .l { color: var(--muted); font-size: 12px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 7px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.q { max-width: 320px; }
.marks { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; letter-spacing: 1px; color: var(--accent); }
.still { color: var(--warm); }
.muted { color: var(--muted); font-style: italic; }
.flow td.cell { text-align: center; min-width: 26px; }
.attendance table + table, .flow + p { margin-top: 14px; }
section svg, .two svg { max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .bar { fill: var(--accent); }
svg .bar.closed { fill: var(--ok); }
svg .track { fill: var(--soft); }
svg .dot-a { fill: #9aa5b5; } svg .dot-b { fill: var(--accent); } svg .link { stroke: #9aa5b5; stroke-width: 2; }
footer { margin-top: 28px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section, tr, .kpi, svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .kpis { grid-template-columns: repeat(5, 1fr); }
}
"""


def _svg_bars(bars: list[tuple[str, int]], label: str, closed_last: bool = False) -> str:
    """A horizontal bar chart as inline SVG (labels escaped)."""
    width, label_w, row_h, value_w = 520, 170, 26, 36
    plot = width - label_w - value_w
    top = max((v for _l, v in bars), default=0) or 1
    height = row_h * len(bars) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(label)}"><title>{escape(label)}</title>'
    ]
    for i, (name, value) in enumerate(bars):
        y = 3 + i * row_h
        length = round(plot * value / top) if value else 0
        cls = "bar closed" if closed_last and i == len(bars) - 1 else "bar"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(printable(name))}</text>'
        )
        parts.append(
            f'<rect class="track" x="{label_w}" y="{y + 3}" width="{plot}" height="{row_h - 8}" rx="3"/>'
        )
        if length:
            parts.append(
                f'<rect class="{cls}" x="{label_w}" y="{y + 3}" width="{length}" '
                f'height="{row_h - 8}" rx="3"/>'
            )
        parts.append(f'<text x="{label_w + plot + 8}" y="{y + 16}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_move(first: float, last: float) -> str:
    """Two dots and a line: where a measure started and where it is now."""
    width, pad = 160, 10
    low, high = min(first, last, 0.0), max(first, last)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return round(pad + (width - 2 * pad) * (value - low) / span, 1)

    label = escape(f"{format_number(first)} → {format_number(last)}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="18" '
        f'viewBox="0 0 {width} 18" aria-label="{label}"><title>{label}</title>'
        f'<line class="link" x1="{x(first)}" y1="9" x2="{x(last)}" y2="9"/>'
        f'<circle class="dot-a" cx="{x(first)}" cy="9" r="5"/>'
        f'<circle class="dot-b" cx="{x(last)}" cy="9" r="5"/></svg>'
    )


def _h(text: str) -> str:
    return html_text(text)


def html_report(overview: Overview) -> str:
    f = overview.figures
    lang = current_language()
    page_title = title(overview)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="plgcycle">',
        f"<title>{_h(page_title)}</title><style>{_CSS}{RUNCHART_CSS}{CHARTS_CSS}{SCAN_CSS}</style></head><body>",
        f'<header><h1>{_h(page_title)}</h1><p class="meta">{_h(subtitle(overview))}</p></header>',
    ]
    for line in (limited_note(overview),):
        if line:
            out.append(f'<p class="note">{_h(line)}</p>')
    out.append('<section class="kpis" aria-label="' + _h(_("Key figures")) + '">')
    for label, value in key_figures(overview):
        out.append(
            f'<div class="kpi"><span class="n">{value}</span><span class="l">{_h(label)}</span></div>'
        )
    out.append("</section>")

    steps_label = _("Learning questions per step")
    decisions_label = _("Decisions taken")
    out.append(
        f'<section class="two"><div><h2>{_h(steps_label)}</h2>'
        f"{_svg_bars(step_bars(overview), steps_label, closed_last=True)}</div>"
        f"<div><h2>{_h(decisions_label)}</h2>"
        f"{_svg_bars(decision_bars(overview), decisions_label)}"
        + '<p class="meta">'
        + _h(_("Counted over every closed round."))
        + "</p></div></section>"
    )

    out.append("<section><h2>" + _h(flow_title()) + "</h2>")
    if f.flow:
        grid = flow_grid(overview)
        if grid.by_subgroup:
            out.append(
                '<p class="meta">'
                + _h(_("Per subgroup (per participant: see the Feedback column)."))
                + "</p>"
            )
        number = {key: i for i, (key, _label) in enumerate(grid.receivers, start=1)}
        top = max(grid.flow.values())
        given, received = grid.given, grid.received
        out.append('<table class="flow"><thead><tr><th>' + _h(_("From / to")) + "</th>")
        out += [
            f'<th class="num" title="{_h(label)}">{number[key]}</th>'
            for key, label in grid.receivers
        ]
        out.append('<th class="num">' + _h(_("Given")) + "</th></tr></thead><tbody>")
        for g, name in grid.givers:
            prefix = f"{number[g]}. " if g in number else ""
            cells = []
            for r, _label in grid.receivers:
                n = grid.flow.get((g, r), 0)
                shade = (
                    f' style="background: rgba(42,111,151,{0.15 + 0.6 * n / top:.2f})"' if n else ""
                )
                cells.append(f'<td class="cell"{shade}>{n or ""}</td>')
            out.append(
                f"<tr><td>{_h(prefix + name)}</td>{''.join(cells)}"
                f'<td class="num">{given.get(g, 0)}</td></tr>'
            )
        out.append(
            "<tr><td>"
            + _h(_("Received"))
            + "</td>"
            + "".join(
                f'<td class="cell"><strong>{received.get(r, 0)}</strong></td>'
                for r, _label in grid.receivers
            )
            + "<td></td></tr>"
        )
        if grid.adopted is not None:
            out.append(
                "<tr><td>"
                + _h(_("Taken on"))
                + "</td>"
                + "".join(
                    f'<td class="cell">{grid.adopted.get(r, 0)}</td>'
                    for r, _label in grid.receivers
                )
                + "<td></td></tr>"
            )
        out.append("</tbody></table>")
        out.append(giving_html(overview))
    else:
        out.append(
            '<p class="muted">'
            + _h(_("No feedback between colleagues in these files yet."))
            + "</p>"
        )
    out.append("</section>")

    out.append("<section><h2>" + _h(_("Measures that moved")) + "</h2>")
    if overview.measures_moved:
        heads = [
            (_("Participant"), ""),
            (_("Measure"), ""),
            (_("From"), "num"),
            (_("To"), "num"),
            (_("Change"), "num"),
            ("", ""),
        ]
        out.append(
            "<table><thead><tr>"
            + "".join(
                f'<th class="{cls}">{_h(label)}</th>' if cls else f"<th>{_h(label)}</th>"
                for label, cls in heads
            )
            + "</tr></thead><tbody>"
        )
        for m in overview.measures_moved:
            unit = f" {m.unit}" if m.unit else ""
            out.append(
                f"<tr><td>{_h(m.name)}</td><td>{_h(m.measure)}</td>"
                f'<td class="num">{_h(format_number(m.first) + unit)}</td>'
                f'<td class="num">{_h(format_number(m.last) + unit)}</td>'
                f'<td class="num">{_h(_signed(m.change))}</td>'
                f"<td>{_svg_move(m.first, m.last)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append(
            '<p class="muted">'
            + _h(_("No measure with a before and after value in these files."))
            + "</p>"
        )
    out.append("</section>")
    out.append(run_charts_section(overview))
    out.append(attendance_html(overview))
    out.append(scan_html(overview))

    out.append(
        "<section><h2>" + _h(_("Per participant")) + '</h2><table class="people"><thead><tr>'
    )
    for head in (
        _("Participant"),
        _("Learning question"),
        _("Steps"),
        _("Last movement"),
        _("Try-out"),
        _("Feedback"),
        _("Before the next meeting"),
    ):
        out.append(f"<th>{_h(head)}</th>")
    out.append("</tr></thead><tbody>")
    for row in overview.rows:
        subgroup = _("subgroup {name}").format(name=row.subgroup)
        who = _h(row.name) + (
            '<br><span class="muted">' + _h(subgroup) + "</span>" if row.subgroup else ""
        )
        if row.unsigned:
            who += '<br><span class="still">' + _h(not_signed()) + "</span>"
        round_text = _("round {n}").format(n=row.round_no)
        question = (
            _h(row.question) + '<br><span class="muted">' + _h(round_text) + "</span>"
            if row.has_question
            else '<span class="muted">' + _h(step_label(row)) + "</span>"
        )
        steps = f'<span class="marks">{step_marks(row.progress)}</span><br>{_h(step_label(row))}'
        movement = (
            f'<span class="still">{_h(movement_cell(row))}</span>'
            if row.stalled
            else _h(movement_cell(row))
        )
        if row.limited and not row.action:
            action = f'<span class="muted">{_h(not_shared())}</span>'
        elif not row.action:
            action = '<span class="muted">' + _h(_("none noted")) + "</span>"
        else:
            action = _h(row.action) + f'<br><span class="muted">{_h(action_label(row))}</span>'
        out.append(
            f'<tr><td>{who}</td><td class="q">{question}</td><td>{steps}</td><td>{movement}</td>'
            f"<td>{_h(tryout_cell(row))}</td><td>{_h(feedback_cell(row))}</td><td>{action}</td></tr>"
        )
    out.append("</tbody></table></section>")

    notes = [threshold_line(overview), privacy_line(), sources_line(overview)]
    notes += notice_lines(overview)
    out.append("<footer>" + "<br>".join(_h(n) for n in notes if n) + "</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
