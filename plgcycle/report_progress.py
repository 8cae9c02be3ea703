"""The team leader's report: progress without content (``report --profile progress``).

Built in two steps.  First every record is reduced to what a progress export of its owner
would hold (:func:`plgcycle.exchange.profiles.progress_records`, the same code as
``export --profile progress``), so nothing that profile withholds can reach the report; then
the report reads only figures from what is left: per teacher their round, steps, try-outs
and feedback counts; per meeting the attendance counts, how many agreements and group actions
(done or open); per member their attendance; and the points for the team leader (*punten
voor het MT*) with their answers, which are written for the team leader.  No learning
question, reflection, result, feedback text, note, agreement or retro is shown.

Markdown or one self-contained HTML page; names are escaped for the format they land in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from . import group, meetings, scan, scan_rounds
from .exchange.profiles import progress_records
from .groupview import group_view
from .i18n import _, current_language, ngettext
from .index import RecordIndex
from .model import ACTION, Record
from .review.labels import decision_label, numbered_step, step_marks
from .textsafe import html_text, markdown_text

FORMATS = ("md", "html")


@dataclass
class TeacherLine:
    name: str
    subgroup: str
    round_no: int  # 0: no learning question yet
    marks: str
    step: str
    tryouts_done: int
    tryouts_planned: int
    feedback: int


@dataclass
class MeetingLine:
    day: date | None
    held: bool
    present: int = 0
    absent: int = 0
    excused: int = 0
    agreements: int = 0
    actions: int = 0
    done: int = 0
    points: int = 0

    @property
    def open(self) -> int:
        return self.actions - self.done


@dataclass
class ProgressReport:
    plg: str
    today: date
    teachers: list[TeacherLine] = field(default_factory=list)
    meetings: list[MeetingLine] = field(default_factory=list)
    attendance: list[tuple[str, int, int, int]] = field(default_factory=list)
    points: list[tuple[date | None, str, str]] = field(default_factory=list)  # (day, point, answer)
    scan: scan.ScanFigures | None = None  # the school scan's group figures, never an answer


def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _step_text(rnd: Record, progress: list[bool]) -> str:
    decision = (rnd.data.get("steps") or {}).get("apply", {}).get("decision")
    if rnd.data.get("closed_at"):
        label = decision_label(decision if isinstance(decision, str) else None)
        return _("closed: {decision}").format(decision=label) if label else _("closed")
    current = next((n for n, done in enumerate(progress, start=1) if not done), 5)
    return numbered_step(current)


def build(records: Iterable[Record], today: date) -> ProgressReport:
    """The report over the records of merged exports (already judged by the trust rules)."""
    records = list(records)
    # The scan's group figures only (its anonymity rule applied), made before the answers
    # themselves are withheld below: the report carries aggregates, never a response.
    full_plg = group.plg_for(records, None)
    figures = scan_rounds.scan_figures(records, full_plg, today) if full_plg else None
    reduced = progress_records(records)  # from here on only what a progress export holds
    index = RecordIndex(reduced)
    view = group_view(reduced, None, today)
    plg = view.plg
    names = {pid: p.text("name") or _("unknown colleague") for pid, p in index.persons.items()}
    name = plg.text("name") if plg else ""
    if not name:
        name = next((p.text("plg") for p in index.persons.values() if p.text("plg")), "")
    report = ProgressReport(name, today)
    report.scan = figures if figures is not None and figures.moments else None

    def subgroup(pid: str) -> str:
        found = group.subgroup_of(plg, pid) if plg else None
        person = index.persons.get(pid)
        return found or (person.text("subgroup") if person else "")

    with_rounds = set()
    for rnd in index.latest_rounds():
        with_rounds.add(rnd.owner)
        raw = rnd.data.get("progress")
        progress = (
            [bool(x) for x in raw] if isinstance(raw, list) and len(raw) == 5 else [False] * 5
        )
        report.teachers.append(
            TeacherLine(
                names.get(rnd.owner, _("unknown colleague")),
                subgroup(rnd.owner),
                _count(rnd.data.get("round_no")) or 1,
                step_marks(progress),
                _step_text(rnd, progress),
                _count(rnd.data.get("tryouts_done")),
                _count(rnd.data.get("tryouts_planned")),
                _count(rnd.data.get("feedback_count")),
            )
        )
    not_teaching = group.not_teaching([plg] if plg else [])
    for pid in index.persons:
        if pid not in with_rounds and pid not in not_teaching:
            report.teachers.append(
                TeacherLine(
                    names[pid], subgroup(pid), 0, "", _("no learning question yet"), 0, 0, 0
                )
            )
    report.teachers.sort(key=lambda t: (t.name.casefold(), t.round_no))

    items_of = {m.id: _items(m) for m in view.meetings}
    owner_of = {i["id"]: i.get("owner") for items in items_of.values() for i in items}
    done = set()
    for action in reduced:
        item = action.data.get("item") if action.kind == ACTION and not action.deleted else None
        if isinstance(item, str) and owner_of.get(item) == action.owner:
            if action.data.get("done") is True:
                done.add(item)
    for meeting in view.meetings:
        held = bool(meeting.data.get("held"))
        line = MeetingLine(meetings.day_of(meeting), held)
        if held:
            statuses = list(meetings.attendance(meeting).values())
            line.present = statuses.count(meetings.PRESENT)
            line.absent = statuses.count(meetings.ABSENT)
            line.excused = statuses.count(meetings.EXCUSED)
            line.agreements = _count(meeting.data.get("agreement_count"))
            line.actions = len(items_of[meeting.id])
            line.done = sum(1 for i in items_of[meeting.id] if i["id"] in done)
        points = meetings.mt_points(meeting)
        line.points = len(points)
        report.meetings.append(line)
        for point in points:
            answer = point.get("answer")
            report.points.append(
                (line.day, str(point.get("text") or ""), answer if isinstance(answer, str) else "")
            )
    for pid, counts in view.attendance().items():
        if pid in names:
            report.attendance.append((names[pid], counts.present, counts.absent, counts.excused))
    report.attendance.sort(key=lambda row: row[0].casefold())
    return report


def _items(meeting: Record) -> list[dict]:
    found = meeting.data.get("action_items")
    if not isinstance(found, list):
        return []
    return [i for i in found if isinstance(i, dict) and isinstance(i.get("id"), str)]


# --- writing it -------------------------------------------------------------------------------


def _title(report: ProgressReport) -> str:
    if report.plg:
        return _("Progress report {plg}").format(plg=report.plg)
    return _("Progress report")


def _day(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "–"


def _tables(report: ProgressReport) -> list[tuple[str, list[str], list[list[str]], str]]:
    """(heading, header, rows, text when there are no rows) of each section."""
    teachers = [
        [
            t.name,
            t.subgroup or "–",
            str(t.round_no) if t.round_no else "–",
            f"{t.marks} {t.step}".strip(),
            f"{t.tryouts_done}/{t.tryouts_planned}",
            str(t.feedback),
        ]
        for t in report.teachers
    ]
    held = [
        [
            _day(m.day),
            str(m.present),
            str(m.absent),
            str(m.excused),
            str(m.agreements),
            _("{done} done, {open} open").format(done=m.done, open=m.open),
            str(m.points),
        ]
        for m in report.meetings
        if m.held
    ]
    attendance = [[name, str(p), str(a), str(e)] for name, p, a, e in report.attendance]
    points = [
        [_day(day), text, answer or _("no answer yet")] for day, text, answer in report.points
    ]
    return [
        (
            _("Where each teacher is"),
            [
                _("Teacher"),
                _("Subgroup"),
                _("Round"),
                _("Steps"),
                _("Try-outs done/planned"),
                _("Feedback received"),
            ],
            teachers,
            _("No teachers in these files."),
        ),
        (
            _("Meetings held"),
            [
                _("Date"),
                _("Present"),
                _("Absent"),
                _("Sent apologies"),
                _("Agreements"),
                _("Group actions"),
                _("Points for the team leader"),
            ],
            held,
            _("No meeting held yet."),
        ),
        (
            _("Attendance per member"),
            [_("Member"), _("Present"), _("Absent"), _("Sent apologies")],
            attendance,
            _("No meeting held yet."),
        ),
        (
            _("Points for the team leader"),
            [_("Meeting"), _("Point"), _("Answer")],
            points,
            _("No points for the team leader."),
        ),
    ]


def _facts(report: ProgressReport) -> list[str]:
    planned = [m.day for m in report.meetings if not m.held and m.day and m.day >= report.today]
    held = sum(1 for m in report.meetings if m.held)
    facts = [
        _("made on {date}").format(date=_day(report.today)),
        ngettext("{n} meeting held", "{n} meetings held", held).format(n=held),
    ]
    if planned:
        facts.append(_("next meeting: {date}").format(date=_day(min(planned))))
    return facts


def privacy_note() -> str:
    return _(
        "Progress only: this report holds no learning questions, reflections, results, "
        "feedback texts, notes, agreements or retro, only figures and the points for the "
        "team leader."
    )


def to_markdown(report: ProgressReport) -> str:
    def md(text: str) -> str:
        return markdown_text(text, single_line=True)

    out = [f"# {md(_title(report))}", "", " · ".join(md(f) for f in _facts(report)), ""]
    out += [f"*{md(privacy_note())}*", ""]
    for heading, header, rows, empty in _tables(report):
        out += [f"## {md(heading)}", ""]
        if not rows:
            out += [md(empty), ""]
            continue
        out.append("| " + " | ".join(md(h) for h in header) + " |")
        out.append("|" + "---|" * len(header))
        out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
        out.append("")
    if report.scan is not None:
        out += [*scan.markdown_lines(report.scan), ""]
    return "\n".join(out).rstrip() + "\n"


def to_html(report: ProgressReport) -> str:
    body = [
        f"<h1>{html_text(_title(report))}</h1>",
        f"<p>{html_text(' · '.join(_facts(report)))}</p>",
        f"<p><em>{html_text(privacy_note())}</em></p>",
    ]
    for heading, header, rows, empty in _tables(report):
        body.append(f"<h2>{html_text(heading)}</h2>")
        if not rows:
            body.append(f"<p>{html_text(empty)}</p>")
            continue
        head = "".join(f"<th>{html_text(h)}</th>" for h in header)
        cells = "".join(
            "<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
    if report.scan is not None:
        body.append(scan.html_section(report.scan))
    style = (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1a1a1a}h1{font-size:1.6rem}h2{font-size:1.15rem;"
        "margin-top:1.6rem;border-bottom:1px solid #ccc}table{border-collapse:collapse}"
        "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
        "@media print{body{margin:0;max-width:none}}" + scan.SCAN_CSS
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{current_language()}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{html_text(_title(report))}</title><style>{style}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def render(report: ProgressReport, fmt: str) -> str:
    return to_html(report) if fmt == "html" else to_markdown(report)
