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
from pathlib import Path

from .errors import InvalidInput
from .i18n import _, current_language
from .measurecsv import delimiter, measure_cells, measure_header
from .model import Record
from .outputs import write_text
from .progress import RoundView
from .report_attendance import (
    attendance_title,
    giving_table,
    meeting_table,
    member_table,
    year_of,
)
from .report_html import html_report
from .report_parts import (
    _signed,
    action_cell,
    decision_bars,
    feedback_cell,
    flow_grid,
    key_figures,
    limited_note,
    movement_cell,
    notice_lines,
    privacy_line,
    sources_line,
    step_bars,
    subtitle,
    threshold_line,
    title,
    tryout_cell,
)
from .report_scan import scan_markdown
from .review import (
    Overview,
    adopted_line,
    decision_label,
    flow_title,
    format_number,
    measure_text,
    name_label,
    one_way,
    one_way_note,
    step_label,
    step_marks,
    step_title,
)
from .textsafe import csv_cell, markdown_text

FORMATS = ("md", "html", "csv")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def format_for(path: Path | None, given: str | None) -> str:
    """The report format: the one asked for, else the output file's suffix, else Markdown."""
    if given:
        if given not in FORMATS:
            raise InvalidInput(
                _("Unknown report format {fmt}; choose md, html or csv.").format(fmt=given)
            )
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


# --- pieces shared by the formats ---------------------------------------------------------------


def _md(text: str) -> str:
    return markdown_text(text, single_line=True)


def _heading(text: str) -> str:
    return "## " + _md(text)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(_md(h) for h in header) + " |",
        "|" + "|".join("---" for _h in header) + "|",
    ]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def markdown_report(overview: Overview) -> str:
    f = overview.figures
    out = [f"# {_md(title(overview))}", "", _md(subtitle(overview)), ""]
    for line in (sources_line(overview), limited_note(overview)):
        if line:
            out += [_md(line), ""]
    for line in notice_lines(overview):
        out += ["> " + _md(line), ""]
    out += [_heading(_("Key figures")), ""]
    out += _md_table([_("Figure"), _("Number")], [[k, str(v)] for k, v in key_figures(overview)])
    out += ["", _heading(_("Learning questions per step")), ""]
    out += _md_table([_("Step"), _("Questions")], [[k, str(v)] for k, v in step_bars(overview)])
    out += ["", _heading(_("Decisions taken")), ""]
    out += _md_table(
        [_("Decision"), _("Rounds")], [[k, str(v)] for k, v in decision_bars(overview)]
    )
    out += ["", _heading(flow_title()), ""]
    if f.flow:
        grid = flow_grid(overview)
        names = dict(grid.givers)
        if grid.by_subgroup:
            out += [_md(_("Per subgroup (per participant: see the Feedback column).")), ""]
        order = {key: i for i, (key, _label) in enumerate(grid.givers)}
        rows = sorted(
            grid.flow.items(), key=lambda kv: (order.get(kv[0][0], 0), order.get(kv[0][1], 0))
        )
        out += _md_table(
            [_("From"), _("To"), _("Pieces of feedback")],
            [[names.get(g, ""), names.get(r, ""), str(n)] for (g, r), n in rows],
        )
        out += ["", _md(adopted_line(f)), ""]
        for label, who in one_way(f):
            out += [f"**{_md(label)}:** " + _md(", ".join(who)), ""]
        out += [_md(one_way_note()), ""]
        out += _md_table(*giving_table(overview))
    else:
        out.append(_md(_("No feedback between colleagues in these files yet.")))
    out += ["", _heading(_("Measures that moved")), ""]
    if overview.measures_moved:
        out += _md_table(
            [_("Participant"), _("Measure"), _("From"), _("To"), _("Change")],
            [
                [
                    m.name,
                    m.measure + (f" ({m.unit})" if m.unit else ""),
                    format_number(m.first),
                    format_number(m.last),
                    _signed(m.change),
                ]
                for m in overview.measures_moved
            ],
        )
    else:
        out.append(_md(_("No measure with a before and after value in these files.")))
    out += ["", *_attendance_md(overview)]
    scan_lines = scan_markdown(overview)
    if scan_lines:
        out += ["", *scan_lines]
    out += ["", _heading(_("Per participant")), ""]
    header = [
        _("Participant"),
        _("Subgroup"),
        _("Learning question"),
        _("Round"),
        _("Steps"),
        _("Last movement"),
        _("Try-out"),
        _("Feedback"),
        _("Before the next meeting"),
    ]
    body = []
    for row in overview.rows:
        body.append(
            [
                name_label(row),
                row.subgroup,
                row.question or step_label(row),
                str(row.round_no) if row.has_question else "",
                f"{step_marks(row.progress)} {step_label(row)}",
                movement_cell(row),
                tryout_cell(row),
                feedback_cell(row),
                action_cell(row),
            ]
        )
    out += _md_table(header, body)
    out += ["", "---", "", _md(threshold_line(overview)), "", _md(privacy_line()), ""]
    return "\n".join(out)


def _attendance_md(overview: Overview) -> list[str]:
    from . import attendance as at

    year = year_of(overview)
    out = [_heading(attendance_title()), ""]
    if not year.held:
        return [*out, _md(at.none_held())]
    out += [_md(at.group_summary(year)), ""]
    out += _md_table(*meeting_table(year))
    out += [""]
    out += _md_table(*member_table(year))
    if year.missed_last_two:
        who = ", ".join(at.member_name(m) for m in year.missed_last_two)
        out += ["", f"**{_md(at.signal_label())}:** " + _md(who)]
        out += ["", _md(at.signal_note())]
    return out


def csv_header() -> list[str]:
    return [
        _("Participant"),
        _("Subgroup"),
        _("Learning question"),
        _("Round"),
        _("Latest round"),
        _("Closed"),
        _("Decision"),
        *(_("Step") + f" {n} {step_title(n)}" for n in range(1, 6)),
        _("Current step"),
        _("Step reached"),
        _("Last movement"),
        _("Days since"),
        _("No movement"),
        _("Try-outs planned"),
        _("Try-outs carried out"),
        _("Next try-out"),
        _("Feedback received (this round)"),
        _("Feedback open (this round)"),
        _("Feedback taken on (this round)"),
        _("Feedback given (all rounds)"),
        _("Before the next meeting"),
        _("Action date"),
        _("Action done"),
        _("Action date passed"),
        _("Measures"),
        _("Shared"),
        _("Feedback noted for others (all rounds)"),
        _("Signed"),
    ]


def _round_measures(overview: Overview, round_id: str) -> tuple[RoundView, list[Record]]:
    view = overview.index.view(round_id)
    measures = [m for m in view.measures if m.text("name").strip()]
    return view, sorted(measures, key=lambda m: (m.text("name").casefold(), m.id))


def measure_columns(overview: Overview) -> list[str]:
    """The numeric columns of the round's measures: name, baseline, value, target, date, unit.

    One group per measure, as many groups as the round with the most measures
    has; numbered when there is more than one.
    """
    most = max((len(_round_measures(overview, r.round_id)[1]) for r in overview.rounds), default=0)
    if most <= 1:
        return measure_header()
    return [f"{head} {n}" for n in range(1, most + 1) for head in measure_header()]


def csv_report(overview: Overview) -> str:
    """One row per question round; every cell through ``csv_cell``; dates as YYYY-MM-DD.

    After the text column of the measures come their numbers in columns of their
    own (:func:`plgcycle.measurecsv.measure_cells`), written as the report's
    spreadsheet reads numbers; values a progress export withholds stay empty.
    """
    language = current_language()
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter(language), lineterminator="\r\n")
    numbers = measure_columns(overview)
    writer.writerow([csv_cell(h) for h in csv_header()] + [csv_cell(h) for h in numbers])
    for row in sorted(overview.rounds, key=lambda r: (r.name.casefold(), r.chain_id, r.round_no)):
        limited = row.limited
        measures = "; ".join(measure_text(n, u, a, b) for n, u, a, b in row.measures)
        cells = [
            row.name,
            row.subgroup,
            row.question,
            row.round_no,
            row.latest,
            row.closed,
            decision_label(row.decision),
            *row.progress,
            None if row.closed else row.current_step,
            row.step_reached,
            day.isoformat() if (day := row.last_activity_date) else None,
            row.days_since,
            row.stalled,
            row.tryouts_planned,
            row.tryouts_done,
            row.next_tryout.isoformat() if row.next_tryout else None,
            row.feedback_received,
            None if limited else row.feedback_open,
            row.feedback_adopted,
            row.feedback_given,
            None if limited else row.action,
            None if limited or not row.action_due else row.action_due.isoformat(),
            None if limited or not row.action else row.action_done,
            None if limited or not row.action else row.action_overdue,
            None if limited else measures,
            "progress" if limited else "full",
            row.feedback_noted,
            not row.unsigned,
        ]
        view, records = _round_measures(overview, row.round_id)
        figures = [
            cell for m in records for cell in measure_cells(m, view.round, view.tryouts, language)
        ]
        figures += [""] * (len(numbers) - len(figures))
        writer.writerow([csv_cell(c) for c in cells] + figures)
    return buf.getvalue()


# --- HTML -----------------------------------------------------------------------------------------
