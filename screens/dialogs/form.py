"""The base of dialogs that ask for a few fields and return a typed result.

A subclass names its fields (core :class:`~plgcycle.model.FieldDef`s) and turns
the typed values into its result in :meth:`FormDialog.build_result`; problems
(an invalid date, an empty required text) keep the dialog open with every typed
character, and leaving a dialog with typed text asks first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import FieldDef

from ..base import BODY_KEYS, PlgModal, ResultType, ScrollsBody, dates_checked
from ..widgets.field_form import FieldForm, FormInvalid


class FormDialog(ScrollsBody, PlgModal[ResultType]):
    BINDINGS = [
        Binding("ctrl+s", "submit", N_("save"), id="submit"),
        Binding("escape", "cancel", N_("cancel"), id="cancel"),
        *BODY_KEYS,
    ]

    title_text: str = ""
    submit_label: str = N_("Save")
    # A dialog that edits a teacher's own record offers the same "private" box on its
    # free-text fields as the screens' forms; the marks are field paths of that record.
    allow_private: bool = False
    private_paths: frozenset[str] = frozenset()
    path_prefix: str = ""

    def __init__(
        self,
        values: dict | None = None,
        *,
        fields: Sequence[FieldDef | str] = (),
        intro: Content | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__()
        self.values = dict(values or {})
        self.form_fields = list(fields)
        self.intro = intro
        if title:
            self.title_text = title

    def form(self) -> FieldForm:
        return FieldForm(
            self.form_fields,
            self.values,
            allow_private=self.allow_private,
            private_paths=self.private_paths,
            path_prefix=self.path_prefix,
            id="dialog-form",
        )

    def privacy(self) -> dict[str, bool]:
        """Field path -> private, for the fields the dialog lets the teacher mark."""
        return self.query_one(FieldForm).privacy()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -form"):
            yield Static(Content(_(self.title_text)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                if self.intro is not None:
                    yield Static(self.intro, classes="dialog-intro")
                yield self.form()
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_(self.submit_label), variant="primary", id="submit")

    def on_mount(self) -> None:
        editors = self.query_one(FieldForm).query("Input, TextArea, RadioSet")
        if editors:
            editors.first().focus()

    # Each dialog defines ``build_result(values) -> ResultType``: the typed result, or
    # PlgError with a message to keep the dialog open.
    build_result: Callable[[dict], ResultType]

    def form_finished(self) -> None:
        """Enter in the last field saves the dialog, as its button does."""
        self.action_submit()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        form = self.query_one(FieldForm)
        if not form.problems() and not dates_checked(self, form, self.action_submit):
            return
        try:
            values = form.values()
            result = self.build_result(values)
        except FormInvalid as invalid:
            self.notify(invalid.problems[0].message, severity="error", timeout=6)
            form.focus_field(invalid.problems[0].key)
            return
        except PlgError as error:
            self.notify(str(error), severity="error", timeout=6)
            return
        self.dismiss(result)

    def has_unsaved(self) -> bool:
        return self.query_one(FieldForm).dirty

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        super().action_cancel()  # asks before losing what was typed
