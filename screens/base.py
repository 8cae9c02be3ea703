"""Shared behaviour of plgcycle's screens and dialogs.

* Binding descriptions are message ids; :func:`translate_bindings` gives every
  screen, dialog and the app its own translated copy, so the footer and the
  help screen speak the user's language even though ``BINDINGS`` are class
  attributes defined before the language is known.
* :class:`PlgScreen` reaches the store only through ``self.app`` and turns any
  :class:`~plgcycle.errors.PlgError` raised while saving into a notification.
* :class:`FormScreen` adds "nothing is lost when leaving": unsaved changes are
  saved on leave, and when that is not possible (invalid date, full disk,
  read-only database) the teacher is asked whether to stay or discard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.binding import Binding, BindingsMap
from textual.screen import ModalScreen, Screen

from plgcycle.cycle import RecordIndex, RoundView
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import Record

if TYPE_CHECKING:
    from .app import PlgApp

ResultType = TypeVar("ResultType")


def translate_bindings(node) -> None:
    """Give ``node`` a private copy of its bindings with translated descriptions."""
    translated: dict[str, list[Binding]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        translated[key] = [
            replace(b, description=_(b.description) if b.description else "",
                    tooltip=_(b.tooltip) if b.tooltip else "",
                    group=Binding.Group(_(b.group.description), b.group.compact)
                    if b.group else None)
            for b in bindings
        ]
    node._bindings = BindingsMap.from_keys(translated)


class _InPlg:
    """What every screen and dialog of plgcycle has: translated keys and the app."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def plg(self) -> "PlgApp":
        return self.app  # type: ignore[attr-defined,return-value]


class PlgScreen(_InPlg, Screen):
    """A full screen of plgcycle."""

    def index(self) -> RecordIndex:
        return self.plg.index()

    def save(self, *records: Record) -> list[Record] | None:
        """Save the local teacher's records in one atomic write.

        Returns the saved records, or None after telling the teacher why it failed
        (the database is unchanged in that case).
        """
        return self.plg.save_records(records)

    def report_error(self, error: PlgError) -> None:
        self.notify(str(error), title=_("Not saved"), severity="error", timeout=10)


class OnRound:
    """For screens about one round (``self.round_id``): its view, and whether you may edit it."""

    round_id: str

    @property
    def view(self) -> RoundView:
        return self.index().view(self.round_id)

    @property
    def own(self) -> bool:
        """The round is the local teacher's and this window can write."""
        return self.plg.can_edit and self.view.round.owner == self.plg.me


class PlgModal(_InPlg, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog: returns a typed result via ``dismiss()``; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", N_("cancel"), id="cancel"),
        # The app's keys do not reach a modal screen, so quitting is offered here too.
        Binding("ctrl+q", "quit_app", N_("quit"), id="quit-dialog", show=False),
    ]

    def action_quit_app(self) -> None:
        """Quit from a dialog; ask first when something has been typed in it."""
        from textual.widgets import Input, TextArea

        typed = any(w.value.strip() for w in self.query(Input)) or \
            any(w.text.strip() for w in self.query(TextArea))
        if not typed:
            self.app.call_later(self.app.action_quit)
            return
        from .dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.call_later(self.app.action_quit)

        self.app.push_screen(ConfirmDialog(
            _("Quit plgcycle?"), _("What you typed in this window has not been saved yet."),
            _("Quit without saving"), danger=True, cancel=_("Keep typing")), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormScreen(PlgScreen):
    """A screen with a form: save with ctrl+s, and save on leave (or ask)."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("save"), id="save"),
        Binding("escape", "back", N_("back"), id="back"),
    ]

    # --- to implement in subclasses ------------------------------------------------

    own = True  # screens whose record may be a colleague's override this

    def has_unsaved(self) -> bool:
        """True when the form differs from what is stored (and this window may save it)."""
        from .widgets.field_form import FieldForm

        return self.own and self.query_one(FieldForm).dirty

    def save_form(self) -> bool:
        """Validate and store the form; on failure set ``save_problem`` and return False.

        Implementations tell the teacher what went wrong (a notification) and
        keep every typed character in the form.
        """
        return True

    save_problem: str = ""

    # --- helpers for save_form -----------------------------------------------------

    def refuse(self, message: str, form=None, field: str | None = None) -> bool:
        """Tell the teacher why the form was not saved; the typed text stays.  Returns False."""
        self.save_problem = message
        self.notify(message, title=_("Not saved"), severity="error", timeout=8)
        if form is not None and field:
            form.focus_field(field)
        return False

    def checked_values(self, form) -> dict | None:
        """The form's values, or None after pointing at the first field that is not right."""
        from .widgets.field_form import FormInvalid

        try:
            return form.values()
        except FormInvalid as invalid:
            problem = invalid.problems[0] if invalid.problems else None
            self.refuse(problem.message if problem else _("Not saved"), form,
                        problem.key if problem else None)
            return None

    def store_with_privacy(self, record: Record, form) -> bool:
        """Apply the form's private marks to ``record`` and save it; False when that failed."""
        for path, private in form.privacy().items():
            record.set_private(path, private)
        if not self.save(record):
            self.save_problem = _("The database could not be written; your text is still here.")
            return False
        return True

    # --- leaving -------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.has_unsaved():
            self.notify(_("Nothing to save: everything is stored."), timeout=3)
            return
        if self.save_form():
            self.notify(_("Saved."), timeout=3)

    def action_back(self) -> None:
        self.leave_then(self.dismiss)

    def leave_then(self, then: Callable[[], object], *, quitting: bool = False) -> None:
        """Save what is unsaved, then run ``then``; ask when saving is impossible."""
        if not self.has_unsaved():
            then()
            return
        if self.save_form():
            self.notify(_("Saved."), timeout=3)
            then()
            return
        from .dialogs.confirm import LeaveChoice, UnsavedDialog

        def chosen(choice: LeaveChoice | None) -> None:
            if choice is LeaveChoice.DISCARD:
                then()

        self.app.push_screen(UnsavedDialog(self.save_problem, quitting=quitting), chosen)
