"""The report's attendance over the year and its feedback per participant over all rounds.

The same figures as the review's "Group figures" tab (:mod:`plgcycle.attendance`, the
overview's feedback figures), as table rows for the Markdown report and as an HTML
section.  Names are data: the HTML here escapes every text, the Markdown report escapes
every cell it is given.
"""

from __future__ import annotations

from . import attendance as at
from .i18n import _
from .review import Overview
from .textsafe import html_text


def attendance_title() -> str:
    return _("Attendance over the year")


def year_of(overview: Overview) -> at.YearAttendance:
    """The attendance over the year of the overview's PLG."""
    return at.of_index(overview.index, overview.figures.people, overview.today)


def meeting_table(year: at.YearAttendance) -> tuple[list[str], list[list[str]]]:
    """Per held meeting: date, present, absent, sent apologies."""
    header = [_("Meeting"), _("Present"), _("Absent"), _("Sent apologies")]
    rows = [
        [at.meeting_day(m), str(m.present), str(m.absent), str(m.excused)] for m in year.meetings
    ]
    return header, rows


def member_table(year: at.YearAttendance) -> tuple[list[str], list[list[str]]]:
    """Per member: present, absent, sent apologies, not noted, and the signal when it applies."""
    header = [
        _("Participant"),
        _("Present"),
        _("Absent"),
        _("Sent apologies"),
        _("Not noted"),
        _("Last two meetings (newest first)"),
    ]
    rows = []
    for m in year.members:
        rows.append(
            [
                at.member_name(m),
                str(m.present),
                str(m.absent),
                str(m.excused),
                str(m.not_noted),
                ", ".join(at.status_label(s) for s in m.last_two) or "–",
            ]
        )
    return header, rows


def giving_table(overview: Overview) -> tuple[list[str], list[list[str]]]:
    """Per participant, over all rounds: received, taken on, given."""
    f = overview.figures
    header = [_("Participant"), _("Received"), _("Taken on"), _("Given")]
    seen: set[str] = set()
    rows = []
    for row in overview.rows:
        if row.person_id in seen:
            continue
        seen.add(row.person_id)
        rows.append(
            [
                row.name,
                str(f.received.get(row.person_id, 0)),
                str(f.adopted.get(row.person_id, 0)),
                str(f.given.get(row.person_id, 0)),
            ]
        )
    return header, rows


def _h(text: str) -> str:
    return html_text(text)


def _html_table(header: list[str], rows: list[list[str]], numbers: range) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        cls = ' class="num"' if i in numbers else ""
        return f"<{tag}{cls}>{_h(text)}</{tag}>"

    out = ["<table><thead><tr>", *(cell("th", i, h) for i, h in enumerate(header))]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def attendance_html(overview: Overview) -> str:
    """The attendance section of the HTML report (every text escaped)."""
    year = year_of(overview)
    out = ['<section class="attendance"><h2>' + _h(attendance_title()) + "</h2>"]
    if not year.held:
        out.append('<p class="muted">' + _h(at.none_held()) + "</p></section>")
        return "".join(out)
    out.append('<p class="meta">' + _h(at.group_summary(year)) + "</p>")
    out.append(_html_table(*meeting_table(year), numbers=range(1, 4)))
    out.append(_html_table(*member_table(year), numbers=range(1, 5)))
    if year.missed_last_two:
        out.append(
            f"<p><strong>{_h(at.signal_label())}:</strong> "
            + _h(", ".join(at.member_name(m) for m in year.missed_last_two))
            + "</p>"
        )
        out.append('<p class="meta">' + _h(at.signal_note()) + "</p>")
    out.append("</section>")
    return "".join(out)


def giving_html(overview: Overview) -> str:
    """Taken on, who only gives or only receives, and per participant (all rounds)."""
    from .review import adopted_line, one_way, one_way_note

    f = overview.figures
    out = ["<p>" + _h(adopted_line(f)) + "</p>"]
    for label, names in one_way(f):
        out.append(f"<p><strong>{_h(label)}:</strong> {_h(', '.join(names))}</p>")
    out.append('<p class="meta">' + _h(one_way_note()) + "</p>")
    out.append(_html_table(*giving_table(overview), numbers=range(1, 4)))
    return "".join(out)
