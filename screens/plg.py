"""The PLG as a group: its name, shared goal, working agreements, meeting dates and subgroups.

The facilitator sets it up and keeps it here (a form: dates one per line, subgroups one per
line as ``name: member, member``); every member sees the same record read-only, as it
arrived through the shared folder.  Saving goes through :mod:`plgcycle.group_session`,
which refuses a change by anyone but the facilitator.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle import group
from plgcycle.errors import InvalidInput, PlgError
from plgcycle.fields import LONGTEXT, TEXT, FieldDef
from plgcycle.i18n import N_, _, format_date_input
from plgcycle.model import PLG_FIELDS, Record, read_date
from screens.widgets.footer import PlgFooter

from .base import FormScreen
from .widgets.field_form import FieldForm

FORM_ITEMS: tuple = (
    *PLG_FIELDS,
    N_("Meetings"),
    FieldDef("start", N_("Start time"), N_("HH:MM, for example 15:30."), TEXT, public=True),
    FieldDef("minutes", N_("Length in minutes"), "", TEXT, public=True),
    FieldDef("dates", N_("Meeting dates"), N_("One per line: DD-MM-YYYY."), LONGTEXT, public=True),
    N_("Members"),
    FieldDef(
        "subgroups",
        N_("Subgroups"),
        N_("One per line: name: member, member (a colleague's name, as in their profile)."),
        LONGTEXT,
        public=True,
    ),
    FieldDef(
        "note_takers",
        N_("Note-takers"),
        N_("Who may keep the meetings with you: names, separated by commas."),
        TEXT,
        public=True,
    ),
)


def form_values(plg: Record | None, names: dict[str, str]) -> dict:
    if plg is None:
        return {}
    name = lambda pid: names.get(pid, _("unknown colleague"))  # noqa: E731
    return {
        "name": plg.text("name"),
        "goal": plg.text("goal"),
        "agreements": plg.text("agreements"),
        "notes": plg.text("notes"),
        "start": plg.data.get("start") or "",
        "minutes": str(plg.data.get("minutes") or ""),
        "dates": "\n".join(format_date_input(d) for d in group.meeting_dates(plg)),
        "subgroups": "\n".join(
            f"{sub['name']}: {', '.join(name(p) for p in sub['members'])}"
            for sub in group.subgroups(plg)
        ),
        "note_takers": ", ".join(name(p) for p in plg.data.get("note_takers") or ()),
    }


def apply_form(plg: Record, values: dict, names: dict[str, str]) -> Record:
    """The PLG with the form's values; raises InvalidInput naming what is not right."""
    minutes_text = (values.get("minutes") or "").strip()
    if minutes_text and not minutes_text.isdigit():
        raise InvalidInput(_("A meeting lasts between 10 and 600 minutes."))
    out = group.edit_plg(
        plg,
        name=values.get("name") or "",
        goal=values.get("goal") or "",
        agreements=values.get("agreements") or "",
        start=(values.get("start") or "").strip() or None,
        minutes=int(minutes_text) if minutes_text else group.DEFAULT_MINUTES,
    )
    days = []
    for line in (values.get("dates") or "").splitlines():
        if line.strip():
            try:
                days.append(read_date(line))
            except ValueError:
                raise InvalidInput(
                    _("{date} is not a date: write DD-MM-YYYY, for example 15-03-2026.").format(
                        date=line.strip()
                    )
                ) from None
    out = group.set_dates(out, days)
    wanted = []
    for line in (values.get("subgroups") or "").splitlines():
        if not line.strip():
            continue
        label, _sep, people = line.partition(":")
        members = [group.find_person(names, p) for p in people.split(",") if p.strip()]
        wanted.append((label, members))
    keys = {group.subgroup_key(label) for label, _members in wanted}
    for sub in group.subgroups(out):  # subgroups left out of the text are removed
        if group.subgroup_key(sub["name"]) not in keys:
            out = group.set_subgroup(out, sub["name"], [])
    for label, members in wanted:
        out = group.set_subgroup(out, label, members)
    takers = [
        group.find_person(names, p)
        for p in (values.get("note_takers") or "").split(",")
        if p.strip()
    ]
    out = group.set_note_takers(out, takers)
    notes = (values.get("notes") or "").strip()
    if notes:
        out.data["notes"] = notes
    else:
        out.data.pop("notes", None)
    return out


class PlgGroupScreen(FormScreen):
    """The PLG record: kept by the facilitator, read-only for every member."""

    HELP_TITLE = N_("The PLG")

    @property
    def own(self) -> bool:
        plg = self.session.group.view().plg
        return self.session.can_edit and (plg is None or plg.owner == self.session.me)

    def compose(self) -> ComposeResult:
        view = self.session.group.view()
        yield Header()
        with VerticalScroll(id="plg-body"):
            if view.plg is None:
                text = _(
                    "No PLG yet. As the facilitator, set it up here: colleagues receive it "
                    "through the shared folder and see their subgroup and the next meeting."
                )
            elif self.own:
                text = _(
                    "You keep this PLG. What you save here reaches every member with their "
                    "next sync."
                )
            else:
                text = _("The PLG as its facilitator keeps it; only they change it.")
            yield Static(Content(text), classes="guidance")
            yield FieldForm(
                FORM_ITEMS
                if self.own
                else [
                    f for f in FORM_ITEMS if getattr(f, "key", "") not in ("notes", "note_takers")
                ],
                form_values(view.plg, view.names),
                allow_private=False,
                readonly=not self.own,
                id="plg-form",
            )
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("The PLG")
        self.sub_title = self.session.group.view().name
        if self.own:
            self.query_one(FieldForm).focus_field("name")

    def save_form(self) -> bool:
        form = self.query_one(FieldForm)
        values = self.checked_values(form)
        if values is None:
            return False
        access = self.session.group
        view = access.view()
        try:
            if view.plg is None:
                access.start_plg(values.get("name") or "", values.get("goal") or "")
            saved = access.change_plg(lambda plg: apply_form(plg, values, view.names))
        except InvalidInput as exc:
            return self.refuse(str(exc), form)
        except PlgError as exc:
            return self.refuse(str(exc))
        self.sub_title = saved.text("name")
        form.mark_saved()
        return True
