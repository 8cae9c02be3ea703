"""The *verslag* of a meeting: date, attendance, agreements, actions, successes and the retro.

Built from a meeting record and the :class:`~plgcycle.groupview.GroupView` it belongs to
(names, subgroups); written as Markdown or as one self-contained HTML page.  Every text
from people is escaped for the format it lands in.  Nothing private is in it: the
facilitator's notes and logbook are not read here at all.

For the team leader, :func:`progress_lines` gives the content-free part only: attendance
counts, decisions (the agreements) and the points for the team leader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import meetings
from .groupview import GroupView
from .i18n import _, current_language, format_date, ngettext
from .model import Record
from .textsafe import html_text, markdown_text


@dataclass
class Verslag:
    title: str
    facts: list[str]
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, lines)

    def to_markdown(self) -> str:
        out = [f"# {markdown_text(self.title, single_line=True)}", ""]
        out += [" · ".join(markdown_text(f, single_line=True) for f in self.facts), ""]
        for heading, lines in self.sections:
            out += [f"## {markdown_text(heading, single_line=True)}", ""]
            out += [f"- {markdown_text(line, single_line=True)}" for line in lines] or [
                _("(nothing noted)")
            ]
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def to_html(self) -> str:
        body = [f"<h1>{html_text(self.title)}</h1>", f"<p>{html_text(' · '.join(self.facts))}</p>"]
        for heading, lines in self.sections:
            body.append(f"<h2>{html_text(heading)}</h2>")
            if lines:
                body.append("<ul>" + "".join(f"<li>{html_text(x)}</li>" for x in lines) + "</ul>")
            else:
                body.append(f"<p>{html_text(_('(nothing noted)'))}</p>")
        lang = current_language()
        style = (
            "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            "padding:0 1rem;line-height:1.5;color:#1a1a1a}h1{font-size:1.6rem}"
            "h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}"
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html_text(self.title)}</title><style>{style}</style></head>"
            f"<body>{''.join(body)}</body></html>\n"
        )


def _name(view: GroupView, person: str | None) -> str:
    if not person:
        return _("nobody yet")
    return view.names.get(person) or _("unknown colleague")


def attendance_counts(meeting: Record) -> tuple[int, int, int]:
    statuses = list(meetings.attendance(meeting).values())
    return (
        statuses.count(meetings.PRESENT),
        statuses.count(meetings.ABSENT),
        statuses.count(meetings.EXCUSED),
    )


def attendance_fact(meeting: Record) -> str:
    present, absent, excused = attendance_counts(meeting)
    return _("{present} present, {absent} absent, {excused} sent apologies").format(
        present=present, absent=absent, excused=excused
    )


def action_line(view: GroupView, item: dict) -> str:
    due = item.get("due")
    who = _name(view, item.get("owner"))
    text = item.get("text", "")
    if due:
        return _("{text} ({who}, by {date})").format(text=text, who=who, date=format_date(due))
    return _("{text} ({who})").format(text=text, who=who)


def build(view: GroupView, meeting: Record) -> Verslag:
    day = meetings.day_of(meeting)
    title = _("Report of the meeting of {date}").format(date=format_date(day))
    if view.name:
        title = f"{view.name}: {title}"
    facts = [attendance_fact(meeting)]
    if not meeting.data.get("held"):
        facts.append(_("not held yet: this is the plan"))
    status = meetings.attendance(meeting)
    present = [_name(view, p) for p, s in status.items() if s == meetings.PRESENT]
    sections: list[tuple[str, list[str]]] = [(_("Present"), sorted(present, key=str.casefold))]
    presenters = []
    notes = []
    for key, part in meetings.parts(meeting).items():
        label = _(meetings.PART_LABELS[key])
        names = [_name(view, p) for p in part.get("presenters") or ()]
        if names:
            presenters.append(f"{label}: {', '.join(names)}")
        summary = part.get("summary")
        if isinstance(summary, str) and summary.strip():
            notes.append(f"{label}: {' '.join(summary.split())}")
    if presenters:
        sections.append((_("Who presented"), presenters))
    if notes:
        sections.append((_("Notes per part"), notes))
    sections.append((_("Agreements"), meetings.lines(meeting, "agreements")))
    sections.append((_("Actions"), [action_line(view, item) for item in meetings.actions(meeting)]))
    sections.append((_("Successes"), meetings.lines(meeting, "successes")))
    retro = []
    for key, label in (("went_well", _("What went well")), ("improve", _("What could be better"))):
        text = meeting.data.get(key)
        if isinstance(text, str) and text.strip():
            retro.append(f"{label}: {' '.join(text.split())}")
    sections.append((_("Retro"), retro))
    sections.append((_("Points for the team leader"), mt_lines(meeting)))
    return Verslag(title, facts, sections)


def mt_lines(meeting: Record) -> list[str]:
    out = []
    for point in meetings.mt_points(meeting):
        answer = point.get("answer")
        if isinstance(answer, str) and answer.strip():
            out.append(_("{point} (answer: {answer})").format(point=point["text"], answer=answer))
        else:
            out.append(point["text"])
    return out


def progress_lines(view: GroupView) -> list[str]:
    """Per held meeting, without content: date, attendance counts, decisions, MT points."""
    out = []
    for meeting in view.held:
        agreements = meetings.lines(meeting, "agreements")
        count = meeting.data.get("agreement_count")  # a progress copy counts, never lists
        n_agreed = count if isinstance(count, int) and not agreements else len(agreements)
        points = meetings.mt_points(meeting)
        out.append(
            f"{format_date(meetings.day_of(meeting))}: {attendance_fact(meeting)}; "
            + ngettext("{n} agreement", "{n} agreements", n_agreed).format(n=n_agreed)
            + "; "
            + ngettext(
                "{n} point for the team leader", "{n} points for the team leader", len(points)
            ).format(n=len(points))
        )
    return out
