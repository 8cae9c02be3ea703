"""First run: the teacher's name (asked once), optionally school, subject, PLG and next meeting."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Static

from plgcycle import cycle
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import PERSON_FIELDS
from screens.widgets.footer import PlgFooter

from .base import BODY_KEYS, PlgScreen, ScrollsBody, dates_checked
from .widgets.field_form import FieldForm, FormInvalid


class FirstRunScreen(ScrollsBody, PlgScreen):
    """Welcome; creates the local person and goes on to Home."""

    BINDINGS = [Binding("ctrl+s", "start", N_("start"), id="start"), *BODY_KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="firstrun-body"):
            yield Static(Content(_("Welcome to plgcycle")), classes="welcome")
            yield Static(
                Content(
                    _(
                        "Here you keep your learning question and step through the five steps of the "
                        "improvement cycle between PLG meetings: baseline, approach, carry out, effect, "
                        "apply. Everything stays on this computer until you export it yourself."
                    )
                ),
                classes="guidance",
            )
            yield Static(
                Content(
                    _(
                        "What is your name? Only the name is needed; the rest you can "
                        "fill in later (p on Home)."
                    )
                ),
                classes="guidance",
            )
            yield FieldForm(PERSON_FIELDS, {}, allow_private=False, id="firstrun-form")
            with Horizontal(classes="buttons"):
                yield Button(_("Start"), variant="primary", id="start")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("Welcome")
        self.query_one(FieldForm).focus_field("name")

    @on(Input.Submitted, "#field-name")
    def _name_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.action_start()

    def has_unsaved(self) -> bool:
        """A name (or anything else) typed, and no teacher made of it yet."""
        forms = self.query(FieldForm)
        return bool(forms) and forms.first().dirty

    def save_unsaved(self, then) -> None:
        if not dates_checked(self, self.query_one(FieldForm), lambda: self.save_unsaved(then)):
            return
        if self.start():
            then()

    def form_finished(self) -> None:
        """Enter in the last field starts, as the button does."""
        self.action_start()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        form = self.query_one(FieldForm)
        if not form.problems() and not dates_checked(self, form, self.action_start):
            return
        self.start()

    def start(self) -> bool:
        """Make the teacher from the form and go on to Home; False (and why) when not possible."""
        form = self.query_one(FieldForm)
        try:
            values = form.values()
            name = values.pop("name", "")
            person = cycle.new_person(name, **{k: v for k, v in values.items() if v})
        except FormInvalid as invalid:
            self.notify(invalid.problems[0].message, severity="error", timeout=8)
            form.focus_field(invalid.problems[0].key)
            return False
        except PlgError as error:
            self.notify(str(error), severity="error", timeout=8)
            form.focus_field("name")
            return False
        try:
            self.session.create_me(person)
        except PlgError as error:
            self.report_error(error)
            return False
        form.mark_saved()
        self.notify(
            _("Welcome, {name}! Press n to write your first learning question.").format(name=name),
            timeout=8,
        )
        self.dismiss()
        return True
