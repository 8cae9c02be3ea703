"""Shared behaviour of plgcycle's screens and dialogs.

* Binding descriptions are message ids; :func:`translate_bindings` gives every
  screen, dialog and the app its own translated copy, so the footer and the
  help screen speak the user's language even though ``BINDINGS`` are class
  attributes defined before the language is known.
* Every window reaches the data only through ``self.session`` (the app's
  :class:`~plgcycle.session.Session`); :meth:`Window.save` turns any
  :class:`~plgcycle.errors.PlgError` raised while saving into a notification.
* Every screen and dialog derives from :class:`PlgScreen` or :class:`PlgModal`,
  so ctrl+q works everywhere, and typed text is never dropped on quitting: a
  window says whether it holds unsaved text (:meth:`Window.has_unsaved`) and how
  to save it (:meth:`Window.save_unsaved`); :func:`quit_app` asks about each
  such window, top first: save, discard and quit, or keep editing.
* :class:`FormScreen` adds "nothing is lost when leaving": unsaved changes are
  saved on leave, and when that is not possible (invalid date, full disk,
  read-only database) the teacher is asked whether to stay or discard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic

from textual.binding import Binding
from textual.screen import Screen

from plgcycle.cycle import RecordIndex, RoundView
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import Record

from .bindings import translate_bindings
from .dialogs.confirm import ConfirmDialog, LeaveChoice, UnsavedDialog
from .window import BasicModal, ResultType, Window, save_records

__all__ = [
    "BODY_KEYS",
    "FormScreen",
    "OnRound",
    "PlgModal",
    "PlgScreen",
    "ScrollsBody",
    "Window",
    "quit_app",
    "save_records",
    "dates_checked",
    "translate_bindings",
    "why_read_only",
]


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

    screen = next(
        (
            s
            for s in reversed(app.screen_stack)
            if isinstance(s, Window) and id(s) not in discarded and s.has_unsaved()
        ),
        None,
    )
    if screen is None:
        stop()
        app.exit()
        return

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
    app.push_screen(
        UnsavedDialog(quitting=True, can_save=True, where=_(screen.unsaved_label)), chosen
    )


# Keys that reach everything on a screen with a scrolling body (a form, a dialog, the
# help), wherever the focus is: a field does not keep the page from moving.
BODY_KEYS = [
    Binding("pagedown", "page(1)", N_("page down"), id="page-down", show=False, priority=True),
    Binding("pageup", "page(-1)", N_("page up"), id="page-up", show=False, priority=True),
    Binding("ctrl+end", "edge(1)", N_("end of the screen"), id="screen-end", show=False),
    Binding("ctrl+home", "edge(-1)", N_("top of the screen"), id="screen-top", show=False),
]


class ScrollsBody:
    """The actions of :data:`BODY_KEYS` (mixed into screens and dialogs that list those keys).

    Page up and down move the focused list or text when it can still move that way
    itself (a long list, a long text), else the screen's body; ctrl+home and ctrl+end
    (which a text field uses for its own start and end) go to the body's top and end.
    """

    def _body(self):
        from textual.containers import ScrollableContainer

        bodies = [c for c in self.query(ScrollableContainer) if c.max_scroll_y > 0]  # type: ignore[attr-defined]
        return bodies[0] if bodies else None

    def action_page(self, delta: int) -> None:
        focused = self.focused  # type: ignore[attr-defined]
        if focused is not None and _moves_itself(focused, delta):
            way = "down" if delta > 0 else "up"
            for name in (f"action_cursor_page_{way}", f"action_page_{way}"):
                action = getattr(focused, name, None)
                if callable(action):
                    action()
                    return
        body = self._body()
        if body is not None:
            (body.scroll_page_down if delta > 0 else body.scroll_page_up)(animate=False)

    def action_edge(self, delta: int) -> None:
        body = self._body()
        if body is not None:
            (body.scroll_end if delta > 0 else body.scroll_home)(animate=False)


def _moves_itself(widget, delta: int) -> bool:
    """Whether ``widget`` (a list, a text area) can still scroll ``delta``'s way on its own."""
    from textual.widgets import OptionList, TextArea

    if not isinstance(widget, (OptionList, TextArea)) or widget.max_scroll_y <= 0:
        return False
    return widget.scroll_y < widget.max_scroll_y if delta > 0 else widget.scroll_y > 0


def dates_checked(window, form, again: Callable[[], object]) -> bool:
    """True when no date typed in ``form`` looks unintended; else ask about the first one.

    "Keep this date" remembers the answer and calls ``again`` (which checks the next
    one and goes on); "change the date" puts the cursor in the field.  A date far
    from today, or a next meeting that has passed, is asked about, never refused
    (see :func:`plgcycle.dates.date_doubt`).
    """
    doubts = form.doubts(window.session.today)
    if not doubts:
        return True
    doubt = doubts[0]

    def answered(keep: bool | None) -> None:
        if keep:
            form.keep_date(doubt.key)
            again()
        else:
            form.focus_field(doubt.key)

    window.app.push_screen(
        ConfirmDialog(
            _("Is this date right?"),
            doubt.message + " " + _("Keep it, or change it?"),
            _("Keep this date"),
            danger=True,
            cancel=_("Change the date"),
        ),
        answered,
    )
    return False


class PlgScreen(Window, Screen[ResultType], Generic[ResultType]):
    """A full screen of plgcycle (``ResultType``: what ``dismiss()`` returns, if anything)."""

    # ctrl+q is the app's key (it reaches every full screen); the app asks the
    # screens through has_unsaved / save_unsaved, see quit_app.

    def index(self) -> RecordIndex:
        return self.session.index()

    # --- keys that cannot do their work now ------------------------------------------

    def why_not(self, action: str) -> str:
        """Why ``action`` (one of this screen's, now switched off) cannot be done now; ""
        when there is nothing to say.  Screens override it for their keys."""
        return ""

    def on_key(self, event) -> None:
        """A key of this screen whose action is off now says why, instead of doing nothing.

        Every key reaches here before the screen's bindings; one whose action may run is
        left to its binding.
        """
        from textual.actions import parse

        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            _target, name, parameters = parse(binding.action)
            if self.check_action(name, parameters) is not False:
                continue
            reason = self.why_not(name)
            if reason:
                event.stop()
                event.prevent_default()
                self.notify(reason, title=_("Not possible now"), severity="warning", timeout=8)
                return

    def report_error(self, error: PlgError) -> None:
        self.notify(str(error), title=_("Not saved"), severity="error", timeout=10)


def why_read_only(mine: bool, can_edit: bool, feedback_key: str = "") -> str:
    """Why a window shows a record without letting the teacher change it ("" when it may).

    Two different reasons, never mixed up: the record is a colleague's (then the
    teacher may still add feedback, with ``feedback_key``), or it is the teacher's
    own and another plgcycle window holds the database.
    """
    if mine:
        if can_edit:
            return ""
        return _(
            "Your own work, read-only in this window: another plgcycle window has the "
            "database open. Close that one to make changes here."
        )
    if can_edit and feedback_key:
        return _("A colleague's work: read-only. {key} adds your feedback.").format(
            key=feedback_key
        )
    if can_edit:
        return _("A colleague's work: read-only.")
    return _(
        "A colleague's work, read-only; feedback cannot be added in this window either: "
        "another plgcycle window has the database open."
    )


class OnRound:
    """For screens about one round (``self.round_id``): its view, and whether you may edit it."""

    round_id: str

    @property
    def view(self) -> RoundView:
        return self.index().view(self.round_id)

    @property
    def mine(self) -> bool:
        """The round is the local teacher's (whether or not this window can write)."""
        return self.view.round.owner == self.session.me

    @property
    def own(self) -> bool:
        """The round is the local teacher's and this window can write."""
        return self.session.can_edit and self.mine

    def read_only_note(self, feedback_key: str = "") -> str:
        """Why this round cannot be changed here, or "" when it can (see :func:`why_read_only`)."""
        return why_read_only(self.mine, self.session.can_edit, feedback_key)


class PlgModal(BasicModal[ResultType], Generic[ResultType]):
    """A dialog: returns a typed result via ``dismiss()``; escape cancels (asking first when
    typed text would be lost); ctrl+q quits, asking about text typed anywhere."""

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

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                _("Discard what you typed?"),
                _("This dialog has text that is not saved yet."),
                _("Discard"),
                danger=True,
                cancel=_("Keep typing"),
            ),
            answered,
        )


class FormScreen(ScrollsBody, PlgScreen):
    """A screen with a form: save with ctrl+s, and save on leave (or ask)."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("save"), id="save"),
        Binding("escape", "back", N_("back"), id="back"),
        *BODY_KEYS,
    ]
    FOOTER_FIRST: tuple[str, ...] = ("save", "back")  # see screens.widgets.footer

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
            self.refuse(
                problem.message if problem else _("Not saved"),
                form,
                problem.key if problem else None,
            )
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
        if not self.dates_checked(lambda: self.save_unsaved(then)):
            return
        if self.save_form():
            then()

    def dates_checked(self, again: Callable[[], object]) -> bool:
        """True when no typed date looks unintended; else ask, and on "keep" call ``again``."""
        from .widgets.field_form import FieldForm

        forms = self.query(FieldForm)
        return not forms or not self.own or dates_checked(self, forms.first(), again)

    # --- leaving -------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.has_unsaved():
            self.notify(_("Nothing to save: everything is stored."), timeout=3)
            return
        if not self.dates_checked(self.action_save):
            return
        if self.save_form():
            self.notify(_("Saved."), timeout=3)

    def action_back(self) -> None:
        self.leave_then(self.dismiss)

    def leave_then(self, then: Callable[[], object], *, quitting: bool = False) -> None:
        """Save what is unsaved, then run ``then``; ask when saving is impossible, or when a
        date looks unintended."""
        if not self.has_unsaved():
            then()
            return
        if not self.dates_checked(lambda: self.leave_then(then, quitting=quitting)):
            return
        if self.save_form():
            self.notify(_("Saved."), timeout=3)
            then()
            return

        def chosen(choice: LeaveChoice | None) -> None:
            if choice is LeaveChoice.DISCARD:
                then()

        self.app.push_screen(UnsavedDialog(self.save_problem, quitting=quitting), chosen)
