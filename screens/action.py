"""The between-meeting action: "wat ga ik doen vóór de volgende bijeenkomst?", and how it went."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle import cycle
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import ACTION_FIELDS, Record
from screens.widgets.footer import PlgFooter

from .base import FormScreen, why_read_only
from .deleting import ask_to_delete, deletion
from .widgets.field_form import FieldForm, FormInvalid
from .widgets.text import literal

PLAN_KEYS = ("text", "due", "done")
FORM_ITEMS = (
    *[f for f in ACTION_FIELDS if f.key in PLAN_KEYS],
    N_("Afterwards"),
    *[f for f in ACTION_FIELDS if f.key not in PLAN_KEYS],
)


def open_new_action(app, round_id: str | None = None) -> None:
    app.push_screen(ActionScreen(None, round_id=round_id))


class ActionScreen(FormScreen):
    """One action; ``action_id=None`` creates one (stored on the first save)."""

    def __init__(self, action_id: str | None, *, round_id: str | None = None) -> None:
        super().__init__()
        self.action_id = action_id
        self.round_id = round_id

    @property
    def record(self) -> Record | None:
        if self.action_id is None:
            return None
        return next((a for a in self.index().actions if a.id == self.action_id), None)

    @property
    def own(self) -> bool:
        record = self.record
        return self.session.can_edit and (record is None or record.owner == self.session.me)

    def compose(self) -> ComposeResult:
        record = self.record
        round_id = record.data.get("round") if record else self.round_id
        index = self.index()
        yield Header()
        with VerticalScroll(id="action-body"):
            if round_id in index.rounds:
                yield Static(
                    literal(index.rounds[round_id].text("question"), "$text-muted"),
                    classes="step-question",
                )
            yield Static(
                Content(
                    _(
                        "What will you do before the next meeting? Afterwards, note "
                        "what went well, what could be better and what you need."
                    )
                ),
                classes="guidance",
            )
            if not self.own:
                mine = record is None or record.owner == self.session.me
                yield Static(
                    Content(why_read_only(mine, self.session.can_edit)),
                    classes="banner -warning",
                    id="read-only-note",
                )
            yield FieldForm(
                FORM_ITEMS,
                dict(record.data) if record else {"done": False},
                private_paths=record.private_paths if record else (),
                readonly=not self.own,
                id="action-form",
            )
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("Before the next meeting")
        self.sub_title = "" if self.record else _("new")
        self.query_one(FieldForm).focus_field("text")

    def palette_commands(self):
        record = self.record
        if record is None or not self.own:
            return []

        def delete() -> None:
            message, records = deletion(record)
            ask_to_delete(self, message, records, then=self.dismiss)

        return [(_("Delete this action"), _("Removes the action (asks first)"), delete)]

    def has_unsaved(self) -> bool:
        if self.action_id is not None and self.record is None:
            return False  # deleted: nothing is left to save
        return super().has_unsaved()

    def save_form(self) -> bool:
        form = self.query_one(FieldForm)
        try:
            values = form.values()
            record = self.record
            if record is None:
                record = cycle.new_action(
                    self.session.me,
                    values.get("text") or "",
                    values.get("due"),
                    self.index().rounds.get(self.round_id or ""),
                )
            elif not (values.get("text") or "").strip():
                raise FormInvalid([])
            else:
                record = record.copy()
            record.data.update(values)
        except FormInvalid as invalid:
            problem = invalid.problems[0] if invalid.problems else None
            self.save_problem = problem.message if problem else _("Say what you will do.")
            self.notify(self.save_problem, title=_("Not saved"), severity="error", timeout=8)
            form.focus_field(problem.key if problem else "text")
            return False
        except PlgError as error:
            self.save_problem = str(error)
            self.report_error(error)
            form.focus_field("text")
            return False
        if not self.store_with_privacy(record, form):
            return False
        self.action_id = record.id
        self.sub_title = ""
        form.mark_saved()
        return True
