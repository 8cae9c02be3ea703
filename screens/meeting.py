"""A meeting, kept by the facilitator (or a note-taker they named): who came, what was agreed.

Attendance is a list of the PLG's members: space (or enter) goes round *aanwezig*,
*afwezig* and *afgemeld* (no reasons are stored).  Below it one form: short notes per
part, the agreements, the group actions (one per line: ``what; who; by when``), the
successes, the retro, the points for the team leader and whether the meeting has been
held; and the facilitator's own logbook note, which never leaves this computer.  ctrl+s
saves; leaving saves too, or asks when something cannot be saved: nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle import group, meetings
from plgcycle.errors import InvalidInput, PlgError
from plgcycle.fields import BOOL, LONGTEXT, NOTES_FIELD, FieldDef
from plgcycle.i18n import N_, _, format_date, format_date_input
from plgcycle.model import Record, new_id, read_date
from screens.widgets.footer import PlgFooter

from .base import FormScreen
from .widgets.field_form import FieldForm
from .widgets.text import literal

_LINES = N_("One per line.")
FORM_ITEMS: tuple = (
    N_("Notes per part"),
    *[
        FieldDef(f"part_{key}", meetings.PART_LABELS[key], "", LONGTEXT, public=True)
        for key in meetings.PARTS
    ],
    N_("What was agreed"),
    FieldDef("agreements", N_("Agreements"), _LINES, LONGTEXT, public=True),
    FieldDef(
        "actions",
        N_("Group actions"),
        N_("One per line: what; who; by when (DD-MM-YYYY). Who and when may stay empty."),
        LONGTEXT,
        public=True,
    ),
    FieldDef("successes", N_("Successes"), _LINES, LONGTEXT, public=True),
    FieldDef("went_well", N_("Retro: what went well?"), "", LONGTEXT, public=True),
    FieldDef("improve", N_("Retro: what could be better?"), "", LONGTEXT, public=True),
    FieldDef("mt_points", N_("Points for the team leader"), _LINES, LONGTEXT, public=True),
    FieldDef("held", N_("The meeting has been held (its record is the verslag)"), "", BOOL),
    NOTES_FIELD,
)
_STATUS_MARK = {meetings.PRESENT: "●", meetings.ABSENT: "○", meetings.EXCUSED: "–"}
_NEXT = {
    None: meetings.PRESENT,
    meetings.PRESENT: meetings.ABSENT,
    meetings.ABSENT: meetings.EXCUSED,
    meetings.EXCUSED: meetings.PRESENT,
}


def form_values(meeting: Record, names: dict[str, str]) -> dict:
    """The meeting as the form shows it: lists as lines of text."""
    parts = meetings.parts(meeting)
    values: dict = {f"part_{key}": parts[key].get("summary") or "" for key in meetings.PARTS}
    values["agreements"] = "\n".join(meetings.lines(meeting, "agreements"))
    values["successes"] = "\n".join(meetings.lines(meeting, "successes"))
    values["actions"] = "\n".join(
        "; ".join(
            [
                a["text"],
                names.get(a.get("owner") or "", ""),
                format_date_input(a.get("due")) if a.get("due") else "",
            ]
        ).rstrip("; ")
        for a in meetings.actions(meeting)
    )
    values["mt_points"] = "\n".join(p["text"] for p in meetings.mt_points(meeting))
    values["went_well"] = meeting.text("went_well")
    values["improve"] = meeting.text("improve")
    values["held"] = bool(meeting.data.get("held"))
    values["notes"] = meeting.text("notes")
    return values


def _lines(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def apply_form(meeting: Record, values: dict, names: dict[str, str]) -> Record:
    """The meeting with the form's values; raises InvalidInput naming a line that is not right.

    A group action or a point for the team leader keeps its id when its text stays the
    same, so that an owner's "done" and the team leader's answer stay with it.
    """
    out = meeting.copy()
    for key in meetings.PARTS:
        out = meetings.set_part(out, key, summary=values.get(f"part_{key}") or "")
    out.data["agreements"] = _lines(values.get("agreements"))
    out.data["successes"] = _lines(values.get("successes"))
    earlier = {a["text"]: a for a in meetings.actions(meeting)}
    actions = []
    for number, line in enumerate(_lines(values.get("actions")), start=1):
        what, who, when = ([*(p.strip() for p in line.split(";")), "", ""])[:3]
        if not what:
            raise InvalidInput(_("Group action {n}: say what will be done.").format(n=number))
        try:
            owner = group.find_person(names, who) if who else None
            due = read_date(when) if when else None
        except InvalidInput as exc:
            raise InvalidInput(
                _("Group action {n}: {problem}").format(n=number, problem=exc)
            ) from None
        except ValueError:
            raise InvalidInput(
                _("Group action {n}: write the date as DD-MM-YYYY, for example 15-03-2026.").format(
                    n=number
                )
            ) from None
        item = dict(earlier.get(what) or {"id": new_id()})
        item.update(text=what, owner=owner, due=due.isoformat() if due else None)
        actions.append(item)
    out.data["actions"] = actions
    points = {p["text"]: p for p in meetings.mt_points(meeting)}
    out.data["mt_points"] = [
        dict(points.get(text) or {"id": new_id(), "text": text, "answer": None})
        for text in _lines(values.get("mt_points"))
    ]
    out.data["went_well"] = (values.get("went_well") or "").strip()
    out.data["improve"] = (values.get("improve") or "").strip()
    out.data["held"] = bool(values.get("held"))
    notes = (values.get("notes") or "").strip()
    if notes:
        out.data["notes"] = notes
    else:
        out.data.pop("notes", None)
    return out


class MeetingScreen(FormScreen):
    """One meeting of the PLG; ``day`` None: the next meeting date (or today's)."""

    BINDINGS = [
        *FormScreen.BINDINGS,
        Binding("v", "verslag", N_("read the report"), id="meeting-verslag", show=False),
        Binding(
            "space", "attend", N_("present / absent / sent apologies"), id="attend", show=False
        ),
    ]
    HELP_TITLE = N_("A meeting")

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day
        self._meeting: Record | None = None
        self._attendance: dict[str, str] = {}
        self._saved_attendance: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        access = self.session.group
        view = access.view()
        self.day = self.day or view.next_date or self.session.today
        self._meeting = access.plan(self.day)
        self._attendance = meetings.attendance(self._meeting)
        self._saved_attendance = dict(self._attendance)
        yield Header()
        with VerticalScroll(id="meeting-body"):
            yield Static(
                Content(
                    _(
                        "Space or enter on a name: present, absent, sent apologies. "
                        "No reasons are stored."
                    )
                ),
                classes="guidance",
            )
            yield Static(Content(_("Attendance")), classes="section-title")
            yield OptionList(id="attendance", classes="-list")
            yield Static(id="attendance-count", classes="hint")
            yield FieldForm(
                FORM_ITEMS,
                form_values(self._meeting, view.names),
                allow_private=False,
                id="meeting-form",
            )
        yield PlgFooter(compact=True)

    def _members(self) -> list[str]:
        plg = self.session.group.view().plg
        members = group.members(plg) if plg else []
        return members + [p for p in self._attendance if p not in members]

    def _prompt(self, person: str, names: dict[str, str]) -> Content:
        status = self._attendance.get(person)
        label = _(meetings.ATTENDANCE_LABELS[status]) if status else _("not noted")
        return Content.assemble(
            (f"{_STATUS_MARK.get(status, ' ')} ", "bold"),
            literal(names.get(person, _("unknown colleague")), single_line=True),
            ("  " + label, "$text-muted"),
        )

    def _fill_attendance(self) -> None:
        names = self.session.group.view().names
        listing = self.query_one("#attendance", OptionList)
        listing.clear_options()
        listing.add_options([Option(self._prompt(p, names), id=p) for p in self._members()])
        self._count()

    def _count(self) -> None:
        statuses = list(self._attendance.values())
        self.query_one("#attendance-count", Static).update(
            Content(
                _("{present} present, {absent} absent, {excused} sent apologies").format(
                    present=statuses.count(meetings.PRESENT),
                    absent=statuses.count(meetings.ABSENT),
                    excused=statuses.count(meetings.EXCUSED),
                )
            )
        )

    def on_mount(self) -> None:
        view = self.session.group.view()
        self.title = _("Meeting of {date}").format(date=format_date(self.day))
        self.sub_title = view.name
        self._fill_attendance()
        listing = self.query_one("#attendance", OptionList)
        if listing.option_count:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#attendance")
    def _cycle(self, event: OptionList.OptionSelected) -> None:
        person = event.option.id or ""
        self._attendance[person] = _NEXT[self._attendance.get(person)]
        names = self.session.group.view().names
        event.option_list.replace_option_prompt(person, self._prompt(person, names))
        self._count()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "attend":
            return self.focused is self.query_one("#attendance", OptionList)
        return super().check_action(action, parameters)

    def action_attend(self) -> None:
        listing = self.query_one("#attendance", OptionList)
        if listing.highlighted is not None:
            listing.action_select()

    def has_unsaved(self) -> bool:
        return super().has_unsaved() or self._attendance != self._saved_attendance

    def save_form(self) -> bool:
        form = self.query_one(FieldForm)
        values = self.checked_values(form)
        if values is None or self._meeting is None:
            return False
        names = self.session.group.view().names
        try:
            meeting = apply_form(self._meeting, values, names)
        except InvalidInput as exc:  # a line of the group actions that is not right
            return self.refuse(str(exc), form, "actions")
        try:
            meeting = meetings.set_attendance(meeting, self._attendance)
            self._meeting = self.session.group.save_meeting(meeting)
        except PlgError as exc:
            return self.refuse(str(exc))
        self._saved_attendance = dict(self._attendance)
        form.mark_saved()
        return True

    def action_verslag(self) -> None:
        from .meeting_verslag import VerslagScreen

        def show() -> None:
            if self._meeting is not None:
                self.app.push_screen(VerslagScreen(self._meeting.id))

        self.leave_then(show)
