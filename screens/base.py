"""Shared behaviour of plgcycle's screens and dialogs.

* Binding descriptions are message ids; :func:`translate_bindings` gives every
  screen, dialog and the app its own translated copy, so the footer and the
  help screen speak the user's language even though ``BINDINGS`` are class
  attributes defined before the language is known.
* Every window reaches the data only through ``self.session`` (the app's
  :class:`~plgcycle.session.Session`); :meth:`_InPlg.save` turns any
  :class:`~plgcycle.errors.PlgError` raised while saving into a notification.
* Every screen and dialog derives from :class:`PlgScreen` or :class:`PlgModal`,
  so ctrl+q works everywhere, and typed text is never dropped on quitting: a
  window says whether it holds unsaved text (:meth:`_InPlg.has_unsaved`) and how
  to save it (:meth:`_InPlg.save_unsaved`); :func:`quit_app` asks about each
  such window, top first: save, discard and quit, or keep editing.
* :class:`FormScreen` adds "nothing is lost when leaving": unsaved changes are
  saved on leave, and when that is not possible (invalid date, full disk,
  read-only database) the teacher is asked whether to stay or discard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingsMap
from textual.screen import ModalScreen, Screen

from plgcycle.cycle import RecordIndex, RoundView
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import Record
from plgcycle.session import Session


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


def _text_fields(node) -> list:
    from textual.widgets import Input, TextArea

    return [*node.query(Input), *node.query(TextArea)]


def _field_text(field) -> str:
    return field.value if hasattr(field, "value") else field.text


class _InPlg:
    """What every screen and dialog of plgcycle has: translated keys, the app, and quitting."""

    #: Whether text typed in this window's fields is the user's work, to be saved or
    #: discarded on purpose before quitting.  False where the fields only choose
    #: something (a folder, a file name, a filter): quitting then loses nothing.
    TYPED_TEXT_IS_WORK: ClassVar[bool] = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
        self._text_at_start: dict[int, str] | None = None

    @property
    def session(self) -> Session:
        """The one way to the data: records, the index and saving (see plgcycle.session)."""
        return self.app.session  # type: ignore[attr-defined,no-any-return]

    def save(self, *records: Record) -> list[Record] | None:
        """Save the local teacher's records in one atomic write.

        Returns the saved records, or None after telling the teacher why it failed
        (the database is unchanged in that case).
        """
        return save_records(self.app, records)

    def _on_mount(self) -> None:
        # Runs after the subclass's own on_mount (Textual calls the handlers of every
        # class), so text the window filled in itself is not taken for typed text.
        self._text_at_start = {id(f): _field_text(f) for f in _text_fields(self)}

    # --- unsaved text: what quitting asks about -------------------------------------

    #: How the question before quitting names this window (a message id).
    unsaved_label: ClassVar[str] = N_("This window")

    def has_unsaved(self) -> bool:
        """True when this window holds typed text that is neither saved nor discarded.

        By default: a text field whose text differs from what it showed when the
        window opened.  Windows with a form or a document of their own override it.
        """
        if not self.TYPED_TEXT_IS_WORK or self._text_at_start is None:
            return False
        return any(_field_text(f) != self._text_at_start.get(id(f), "")
                   for f in _text_fields(self))

    def save_unsaved(self, then: Callable[[], object]) -> None:
        """Save what was typed, then call ``then``; on failure tell why and do not call it.

        Windows whose :meth:`has_unsaved` can be True implement this.
        """
        self.notify(_("This window cannot save what was typed; discard it or keep editing."),
                    title=_("Not saved"), severity="error", timeout=10)

    def discard_unsaved(self) -> None:
        """Forget what was typed (the teacher chose to); nothing is written."""


def save_records(app, records: Iterable[Record]) -> list[Record] | None:
    """Save through the app's session; None (and a notification saying why) on failure."""
    try:
        return app.session.save(records)
    except PlgError as error:
        app.notify(str(error), title=_("Not saved"), severity="error", timeout=10)
        return None


def quit_app(app) -> None:
    """Quit the app, first asking about every window that holds unsaved text, top first.

    For each: save (the window saves it, then the next window is asked), discard and
    quit, or keep editing (quitting stops there).  Without unsaved text anywhere the
    app quits at once.
    """
    state = app.__dict__.setdefault("_quit_state", {"asking": False, "discarded": set()})
    if state["asking"]:
        return  # the question is on screen already
    discarded: set[int] = state["discarded"]

    def stop() -> None:
        state["asking"] = False
        discarded.clear()

    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, _InPlg)
                   and id(s) not in discarded and s.has_unsaved()), None)
    if screen is None:
        stop()
        app.exit()
        return
    from .dialogs.confirm import LeaveChoice, UnsavedDialog

    def chosen(choice: LeaveChoice | None) -> None:
        state["asking"] = False
        if choice is LeaveChoice.SAVE:
            # Saving a dialog hands its result to the window beneath it, in that window's
            # own queue: the next question is asked after that has run.
            screen.save_unsaved(lambda: app.call_later(quit_app, app))
        elif choice is LeaveChoice.DISCARD:
            discarded.add(id(screen))
            screen.discard_unsaved()
            quit_app(app)
        else:
            stop()

    state["asking"] = True
    app.push_screen(UnsavedDialog(quitting=True, can_save=True, where=_(screen.unsaved_label)),
                    chosen)


class PlgScreen(_InPlg, Screen[ResultType], Generic[ResultType]):
    """A full screen of plgcycle (``ResultType``: what ``dismiss()`` returns, if anything)."""

    # ctrl+q is the app's key (it reaches every full screen); the app asks the
    # screens through has_unsaved / save_unsaved, see quit_app.

    def index(self) -> RecordIndex:
        return self.session.index()

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
        return self.session.can_edit and self.view.round.owner == self.session.me


class PlgModal(_InPlg, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog: returns a typed result via ``dismiss()``; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", N_("cancel"), id="cancel"),
        # The app's keys do not reach a modal screen, so quitting is offered here too.
        Binding("ctrl+q", "quit_app", N_("quit"), id="quit-dialog", show=False),
    ]

    def action_quit_app(self) -> None:
        """Quit from a dialog; ask first about text typed anywhere (see :func:`quit_app`)."""
        quit_app(self.app)

    def save_unsaved(self, then: Callable[[], object]) -> None:
        """Submit the dialog: its result goes to the window that opened it, which stores it."""
        submit = getattr(self, "action_submit", None)
        if submit is None:
            super().save_unsaved(then)
            return
        callbacks = self._result_callbacks
        requester = callbacks[-1].requester if callbacks else None
        submit()
        if self in self.app.screen_stack:
            return  # refused (the dialog says why); the typed text stays
        # The result callback runs in the requester's queue: ``then`` goes after it.
        (requester if requester is not None else self.app).call_next(then)

    def action_cancel(self) -> None:
        """Close without a result; when typed text would be lost, ask first."""
        if not self.has_unsaved():
            self.dismiss(None)
            return
        from .dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(
            _("Discard what you typed?"),
            _("This dialog has text that is not saved yet."),
            _("Discard"), danger=True, cancel=_("Keep typing")), answered)


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

    def save_unsaved(self, then: Callable[[], object]) -> None:
        if self.save_form():
            then()

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
