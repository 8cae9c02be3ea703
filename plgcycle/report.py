"""Reports for the meeting or the team leader: Markdown, HTML and CSV.

All three are built from one :class:`plgcycle.review.Overview`, so they agree
with the review screen.  Text from people is escaped for its target (Markdown
escapes, HTML entities, spreadsheet-safe CSV cells) and private notes are never
read.  The HTML report is one self-contained file: inline CSS with print rules,
charts as inline SVG, no scripts at all (a Content-Security-Policy forbids them).

Rows that came from ``progress`` exports show what those files hold (question,
round, steps, dates, decisions, feedback counts) and say "not shared" where a
full export would show results or actions, so nothing reads as missing work.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .cycle import DECISION_VALUES
from .errors import InvalidInput, PlgError
from .i18n import _, current_language, format_date, ngettext
from .review import (
    CLOSED,
    MATRIX_MAX,
    OUTSIDE,
    Overview,
    Row,
    action_label,
    decision_label,
    format_number,
    measure_text,
    movement_phrase,
    step_label,
    step_marks,
    step_title,
    subgroup_label,
    tryout_label,
)
from .textsafe import csv_cell, html_text, markdown_text, printable

FORMATS = ("md", "html", "csv")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def format_for(path: Path | None, given: str | None) -> str:
    """The report format: the one asked for, else the output file's suffix, else Markdown."""
    if given:
        if given not in FORMATS:
            raise InvalidInput(_("Unknown report format {fmt}; choose md, html or csv.").format(fmt=given))
        return given
    if path is not None:
        return SUFFIXES.get(path.suffix.lower(), "md")
    return "md"


def render(overview: Overview, fmt: str) -> str:
    if fmt == "md":
        return markdown_report(overview)
    if fmt == "html":
        return html_report(overview)
    if fmt == "csv":
        return csv_report(overview)
    raise InvalidInput(_("Unknown report format {fmt}; choose md, html or csv.").format(fmt=fmt))


def write_report(overview: Overview, fmt: str, path: Path) -> Path:
    """Write the report atomically; a failure leaves any earlier file intact."""
    # A BOM lets spreadsheet programs read the CSV as UTF-8 (names with accents).
    return write_text(path, render(overview, fmt), bom=fmt == "csv")


def write_text(path: Path, text: str, *, bom: bool = False) -> Path:
    """Write a text file atomically; a clear one-line error when it cannot be written.

    Never one of plgcycle's own files (``outputs.check_output``); owner-only, like
    every file plgcycle writes.
    """
    from .files import write_output
    from .outputs import check_output
    from .files import describe_os_error

    path = Path(path)
    check_output(path)
    try:
        write_output(path, text.encode("utf-8-sig" if bom else "utf-8"))
    except OSError as exc:
        raise PlgError(_("Cannot write {path}: {reason}.").format(
            path=path, reason=describe_os_error(exc))) from exc
    return path


# --- pieces shared by the formats ---------------------------------------------------------------


def title(overview: Overview) -> str:
    plg = " ".join(overview.plg.split())
    return _("Progress of {plg}").format(plg=plg) if plg else _("Progress of the PLG")


def subtitle(overview: Overview) -> str:
    f = overview.figures
    parts = [_("as of {date}").format(date=format_date(overview.today)),
             ngettext("{n} participant", "{n} participants", f.teachers).format(n=f.teachers),
             ngettext("{n} learning question", "{n} learning questions", f.questions).format(n=f.questions)]
    if overview.threshold.next_meeting:
        parts.append(_("next meeting {date}").format(date=format_date(overview.threshold.next_meeting)))
    return " · ".join(parts)


def key_figures(overview: Overview) -> list[tuple[str, int]]:
    f = overview.figures
    return [
        (_("Participants"), f.teachers),
        (_("Learning questions"), f.questions),
        (_("No movement since {date}").format(date=format_date(overview.threshold.since)), f.stalled),
        (_("No feedback yet on this round"), f.without_feedback),
        (_("Action date passed"), f.overdue),
    ]


def step_bars(overview: Overview) -> list[tuple[str, int]]:
    counts = overview.figures.step_counts
    bars = [(f"{n} {step_title(n)}", counts.get(n, 0)) for n in range(1, 6)]
    bars.append((_("Round closed"), counts.get(CLOSED, 0)))
    return bars


def decision_bars(overview: Overview) -> list[tuple[str, int]]:
    return [(decision_label(d), overview.figures.decisions.get(d, 0)) for d in DECISION_VALUES]


def flow_people(overview: Overview) -> tuple[list[str], list[str]]:
    """Givers (rows) and receivers (columns) of the feedback matrix, by name."""
    f = overview.figures
    names = f.people
    receivers = sorted({r for _g, r in f.flow} | {row.person_id for row in overview.rows},
                       key=lambda k: names.get(k, "").casefold())
    givers = sorted({g for g, _r in f.flow} | set(receivers), key=lambda k: names.get(k, "").casefold())
    return givers, receivers


@dataclass
class FlowGrid:
    """Who gives feedback to whom, as rows (givers) and numbered columns (receivers).

    Person by person up to ``MATRIX_MAX`` people; beyond that subgroup by subgroup,
    because a grid of hundreds of columns helps nobody (the per-person counts stay
    in the participants table).
    """

    givers: list[tuple[str, str]]
    receivers: list[tuple[str, str]]
    flow: dict[tuple[str, str], int]
    by_subgroup: bool

    @property
    def given(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (giver, _receiver), n in self.flow.items():
            out[giver] = out.get(giver, 0) + n
        return out

    @property
    def received(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (_giver, receiver), n in self.flow.items():
            out[receiver] = out.get(receiver, 0) + n
        return out


def flow_grid(overview: Overview) -> FlowGrid:
    f = overview.figures
    givers, receivers = flow_people(overview)
    if len(receivers) <= MATRIX_MAX:
        return FlowGrid([(g, f.people.get(g, "")) for g in givers],
                        [(r, f.people.get(r, "")) for r in receivers], dict(f.flow), False)
    flow = overview.flow_by_subgroup()
    keys = sorted({k for pair in flow for k in pair} | set(overview.subgroups),
                  key=lambda k: (k == OUTSIDE, k == "", k.casefold()))
    return FlowGrid([(k, subgroup_label(k)) for k in keys],
                    [(k, subgroup_label(k)) for k in keys if k != OUTSIDE], flow, True)


def not_shared() -> str:
    return _("not shared (progress only)")


def limited_note(overview: Overview) -> str:
    n = overview.figures.limited
    if not n:
        return ""
    return ngettext(
        "{n} learning question comes from a progress export: it holds the question, steps, dates, "
        "decisions and feedback counts, not results, reflections or actions.",
        "{n} learning questions come from progress exports: they hold the question, steps, dates, "
        "decisions and feedback counts, not results, reflections or actions.", n).format(n=n)


def sources_line(overview: Overview) -> str:
    files = overview.files
    if not files:
        return ""
    return ngettext("Based on {n} export file.", "Based on {n} export files.", len(files)).format(n=len(files))


def threshold_line(overview: Overview) -> str:
    return _("'No movement' means: {rule}. It describes, it does not judge.").format(
        rule=overview.threshold.describe())


def privacy_line() -> str:
    return _("Private notes are never part of an export or this report.")


def movement_cell(row: Row) -> str:
    phrase = movement_phrase(row)
    if row.days_since is not None and not row.stalled:
        phrase += " (" + ngettext("{n} day ago", "{n} days ago", row.days_since).format(n=row.days_since) + ")" \
            if row.days_since > 0 else " (" + _("today") + ")"
    return phrase


def feedback_cell(row: Row) -> str:
    return _("{received} received · {given} given").format(received=row.feedback_received,
                                                           given=row.feedback_given)


def action_cell(row: Row) -> str:
    if row.limited and not row.action:
        return not_shared()
    if not row.action:
        return _("none noted")
    return f"{row.action} ({action_label(row)})"


def tryout_cell(row: Row) -> str:
    return tryout_label(row)


# --- Markdown -------------------------------------------------------------------------------------


def _md(text: str) -> str:
    return markdown_text(text, single_line=True)


def _heading(text: str) -> str:
    return "## " + _md(text)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in header) + " |",
             "|" + "|".join("---" for _h in header) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def markdown_report(overview: Overview) -> str:
    f = overview.figures
    out = [f"# {_md(title(overview))}", "", _md(subtitle(overview)), ""]
    for line in (sources_line(overview), limited_note(overview)):
        if line:
            out += [_md(line), ""]
    out += [_heading(_("Key figures")), ""]
    out += _md_table([_("Figure"), _("Number")], [[k, str(v)] for k, v in key_figures(overview)])
    out += ["", _heading(_("Learning questions per step")), ""]
    out += _md_table([_("Step"), _("Questions")], [[k, str(v)] for k, v in step_bars(overview)])
    out += ["", _heading(_("Decisions taken")), ""]
    out += _md_table([_("Decision"), _("Rounds")], [[k, str(v)] for k, v in decision_bars(overview)])
    out += ["", _heading(_("Feedback: who gives to whom")), ""]
    if f.flow:
        grid = flow_grid(overview)
        names = dict(grid.givers)
        if grid.by_subgroup:
            out += [_md(_("Per subgroup (per participant: see the Feedback column).")), ""]
        order = {key: i for i, (key, _label) in enumerate(grid.givers)}
        rows = sorted(grid.flow.items(), key=lambda kv: (order.get(kv[0][0], 0), order.get(kv[0][1], 0)))
        out += _md_table([_("From"), _("To"), _("Pieces of feedback")],
                         [[names.get(g, ""), names.get(r, ""), str(n)] for (g, r), n in rows])
    else:
        out.append(_md(_("No feedback between colleagues in these files yet.")))
    out += ["", _heading(_("Measures that moved")), ""]
    if overview.measures_moved:
        out += _md_table([_("Participant"), _("Measure"), _("From"), _("To"), _("Change")],
                         [[m.name, m.measure + (f" ({m.unit})" if m.unit else ""),
                           format_number(m.first), format_number(m.last), _signed(m.change)]
                          for m in overview.measures_moved])
    else:
        out.append(_md(_("No measure with a before and after value in these files.")))
    out += ["", _heading(_("Per participant")), ""]
    header = [_("Participant"), _("Subgroup"), _("Learning question"), _("Round"), _("Steps"),
              _("Last movement"), _("Try-out"), _("Feedback"), _("Before the next meeting")]
    body = []
    for row in overview.rows:
        body.append([row.name, row.subgroup, row.question or step_label(row),
                     str(row.round_no) if row.has_question else "",
                     f"{step_marks(row.progress)} {step_label(row)}", movement_cell(row),
                     tryout_cell(row), feedback_cell(row), action_cell(row)])
    out += _md_table(header, body)
    out += ["", "---", "", _md(threshold_line(overview)), "", _md(privacy_line()), ""]
    return "\n".join(out)


def _signed(value: float) -> str:
    text = format_number(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "") + text


# --- CSV ------------------------------------------------------------------------------------------


def csv_header() -> list[str]:
    return [_("Participant"), _("Subgroup"), _("Learning question"), _("Round"), _("Latest round"),
            _("Closed"), _("Decision"), *(_("Step") + f" {n} {step_title(n)}" for n in range(1, 6)),
            _("Current step"), _("Step reached"), _("Last movement"), _("Days since"),
            _("No movement"), _("Try-outs planned"), _("Try-outs carried out"), _("Next try-out"),
            _("Feedback received"), _("Feedback open"), _("Feedback given"),
            _("Before the next meeting"), _("Action date"), _("Action done"), _("Action date passed"),
            _("Measures"), _("Shared")]


def csv_report(overview: Overview) -> str:
    """One row per question round; every cell through ``csv_cell``; dates as YYYY-MM-DD."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if current_language() == "nl" else ",",
                        lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in csv_header()])
    for row in sorted(overview.rounds, key=lambda r: (r.name.casefold(), r.chain_id, r.round_no)):
        limited = row.limited
        measures = "; ".join(measure_text(n, u, a, b) for n, u, a, b in row.measures)
        cells = [row.name, row.subgroup, row.question, row.round_no, row.latest, row.closed,
                 decision_label(row.decision), *row.progress,
                 None if row.closed else row.current_step, row.step_reached,
                 row.last_activity_date.isoformat() if row.last_activity else None,
                 row.days_since, row.stalled, row.tryouts_planned, row.tryouts_done,
                 row.next_tryout.isoformat() if row.next_tryout else None,
                 row.feedback_received,
                 None if limited else row.feedback_open,
                 row.feedback_given,
                 None if limited else row.action,
                 None if limited or not row.action_due else row.action_due.isoformat(),
                 None if limited or not row.action else row.action_done,
                 None if limited or not row.action else row.action_overdue,
                 None if limited else measures,
                 "progress" if limited else "full"]
        writer.writerow([csv_cell(c) for c in cells])
    return buf.getvalue()


# --- HTML -----------------------------------------------------------------------------------------

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
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(label)}"><title>{escape(label)}</title>']
    for i, (name, value) in enumerate(bars):
        y = 3 + i * row_h
        length = round(plot * value / top) if value else 0
        cls = "bar closed" if closed_last and i == len(bars) - 1 else "bar"
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(printable(name))}</text>')
        parts.append(f'<rect class="track" x="{label_w}" y="{y + 3}" width="{plot}" height="{row_h - 8}" rx="3"/>')
        if length:
            parts.append(f'<rect class="{cls}" x="{label_w}" y="{y + 3}" width="{length}" '
                         f'height="{row_h - 8}" rx="3"/>')
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
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="18" '
            f'viewBox="0 0 {width} 18" aria-label="{label}"><title>{label}</title>'
            f'<line class="link" x1="{x(first)}" y1="9" x2="{x(last)}" y2="9"/>'
            f'<circle class="dot-a" cx="{x(first)}" cy="9" r="5"/>'
            f'<circle class="dot-b" cx="{x(last)}" cy="9" r="5"/></svg>')


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
        'style-src \'unsafe-inline\'; img-src data:">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="plgcycle">',
        f"<title>{_h(page_title)}</title><style>{_CSS}</style></head><body>",
        f'<header><h1>{_h(page_title)}</h1><p class="meta">{_h(subtitle(overview))}</p></header>',
    ]
    for line in (limited_note(overview),):
        if line:
            out.append(f'<p class="note">{_h(line)}</p>')
    out.append('<section class="kpis" aria-label="' + _h(_("Key figures")) + '">')
    for label, value in key_figures(overview):
        out.append(f'<div class="kpi"><span class="n">{value}</span><span class="l">{_h(label)}</span></div>')
    out.append("</section>")

    steps_label = _("Learning questions per step")
    decisions_label = _("Decisions taken")
    out.append(f'<section class="two"><div><h2>{_h(steps_label)}</h2>'
               f'{_svg_bars(step_bars(overview), steps_label, closed_last=True)}</div>'
               f'<div><h2>{_h(decisions_label)}</h2>'
               f'{_svg_bars(decision_bars(overview), decisions_label)}'
               + '<p class="meta">' + _h(_("Counted over every closed round.")) + "</p></div></section>")

    out.append("<section><h2>" + _h(_("Feedback: who gives to whom")) + "</h2>")
    if f.flow:
        grid = flow_grid(overview)
        if grid.by_subgroup:
            out.append('<p class="meta">' + _h(_("Per subgroup (per participant: see the Feedback column)."))
                       + "</p>")
        number = {key: i for i, (key, _label) in enumerate(grid.receivers, start=1)}
        top = max(grid.flow.values())
        given, received = grid.given, grid.received
        out.append('<table class="flow"><thead><tr><th>' + _h(_("From / to")) + "</th>")
        out += [f'<th class="num" title="{_h(label)}">{number[key]}</th>' for key, label in grid.receivers]
        out.append('<th class="num">' + _h(_("Given")) + "</th></tr></thead><tbody>")
        for g, name in grid.givers:
            prefix = f"{number[g]}. " if g in number else ""
            cells = []
            for r, _label in grid.receivers:
                n = grid.flow.get((g, r), 0)
                shade = f' style="background: rgba(42,111,151,{0.15 + 0.6 * n / top:.2f})"' if n else ""
                cells.append(f'<td class="cell"{shade}>{n or ""}</td>')
            out.append(f"<tr><td>{_h(prefix + name)}</td>{''.join(cells)}"
                       f'<td class="num">{given.get(g, 0)}</td></tr>')
        out.append("<tr><td>" + _h(_("Received")) + "</td>"
                   + "".join(f'<td class="cell"><strong>{received.get(r, 0)}</strong></td>'
                             for r, _label in grid.receivers)
                   + "<td></td></tr></tbody></table>")
    else:
        out.append('<p class="muted">' + _h(_("No feedback between colleagues in these files yet.")) + "</p>")
    out.append("</section>")

    out.append("<section><h2>" + _h(_("Measures that moved")) + "</h2>")
    if overview.measures_moved:
        heads = [(_("Participant"), ""), (_("Measure"), ""), (_("From"), "num"), (_("To"), "num"),
                 (_("Change"), "num"), ("", "")]
        out.append("<table><thead><tr>" + "".join(
            f'<th class="{cls}">{_h(label)}</th>' if cls else f"<th>{_h(label)}</th>" for label, cls in heads)
            + "</tr></thead><tbody>")
        for m in overview.measures_moved:
            unit = f" {m.unit}" if m.unit else ""
            out.append(f"<tr><td>{_h(m.name)}</td><td>{_h(m.measure)}</td>"
                       f'<td class="num">{_h(format_number(m.first) + unit)}</td>'
                       f'<td class="num">{_h(format_number(m.last) + unit)}</td>'
                       f'<td class="num">{_h(_signed(m.change))}</td>'
                       f"<td>{_svg_move(m.first, m.last)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<p class="muted">' + _h(_("No measure with a before and after value in these files.")) + "</p>")
    out.append("</section>")

    out.append("<section><h2>" + _h(_("Per participant")) + '</h2><table class="people"><thead><tr>')
    for head in (_("Participant"), _("Learning question"), _("Steps"), _("Last movement"),
                 _("Try-out"), _("Feedback"), _("Before the next meeting")):
        out.append(f"<th>{_h(head)}</th>")
    out.append("</tr></thead><tbody>")
    for row in overview.rows:
        subgroup = _("subgroup {name}").format(name=row.subgroup)
        who = _h(row.name) + ('<br><span class="muted">' + _h(subgroup) + "</span>" if row.subgroup else "")
        round_text = _("round {n}").format(n=row.round_no)
        question = (_h(row.question) + '<br><span class="muted">' + _h(round_text) + "</span>"
                    if row.has_question else '<span class="muted">' + _h(step_label(row)) + "</span>")
        steps = f'<span class="marks">{step_marks(row.progress)}</span><br>{_h(step_label(row))}'
        movement = f'<span class="still">{_h(movement_cell(row))}</span>' if row.stalled else _h(movement_cell(row))
        if row.limited and not row.action:
            action = f'<span class="muted">{_h(not_shared())}</span>'
        elif not row.action:
            action = '<span class="muted">' + _h(_("none noted")) + "</span>"
        else:
            action = _h(row.action) + f'<br><span class="muted">{_h(action_label(row))}</span>'
        out.append(f'<tr><td>{who}</td><td class="q">{question}</td><td>{steps}</td><td>{movement}</td>'
                   f"<td>{_h(tryout_cell(row))}</td><td>{_h(feedback_cell(row))}</td><td>{action}</td></tr>")
    out.append("</tbody></table></section>")

    notes = [threshold_line(overview), privacy_line(), sources_line(overview)]
    out.append("<footer>" + "<br>".join(_h(n) for n in notes if n) + "</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
