"""What every screen and dialog of plgcycle has: translated keys, the session, unsaved text.

:class:`Window` is mixed into :class:`screens.base.PlgScreen` and every dialog;
:class:`BasicModal` is the dialog base the confirmation dialogs use (they hold no
typed text), and :class:`screens.base.PlgModal` adds asking before typed text is
dropped.  Kept apart from :mod:`screens.base` so that the confirmation dialogs,
which the bases open, need nothing from the bases in turn.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import Record
from plgcycle.session import Session

from .bindings import translate_bindings

ResultType = TypeVar("ResultType")


def _text_fields(node) -> list:
    from textual.widgets import Input, TextArea

    return [*node.query(Input), *node.query(TextArea)]


def _field_text(field) -> str:
    return field.value if hasattr(field, "value") else field.text


class Window:
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
        return any(_field_text(f) != self._text_at_start.get(id(f), "") for f in _text_fields(self))

    def save_unsaved(self, then: Callable[[], object]) -> None:
        """Save what was typed, then call ``then``; on failure tell why and do not call it.

        Windows whose :meth:`has_unsaved` can be True implement this.
        """
        self.notify(
            _("This window cannot save what was typed; discard it or keep editing."),
            title=_("Not saved"),
            severity="error",
            timeout=10,
        )

    def discard_unsaved(self) -> None:
        """Forget what was typed (the teacher chose to); nothing is written."""


def save_records(app, records: Iterable[Record]) -> list[Record] | None:
    """Save through the app's session; None (and a notification saying why) on failure.

    After a save that worked, an earlier "Not saved" is taken back: it is no longer true.
    """
    try:
        saved = app.session.save(records)
    except PlgError as error:
        app.notify(str(error), title=_("Not saved"), severity="error", timeout=10)
        return None
    withdraw = getattr(app, "withdraw_notifications", None)
    if callable(withdraw):
        withdraw(_("Not saved"))
    return saved


class BasicModal(Window, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog that holds no typed text: escape closes it without a result."""

    BINDINGS = [
        Binding("escape", "cancel", N_("cancel"), id="cancel"),
        # The app's keys do not reach a modal screen, so quitting is offered here too.
        Binding("ctrl+q", "app.quit", N_("quit"), id="quit-dialog", show=False),
    ]

    _opened_at = 0.0

    def on_mount(self) -> None:
        self._opened_at = time.time()

    def on_unmount(self) -> None:
        # The problems a dialog reported (a field to fix) close with it.
        withdraw = getattr(self.app, "withdraw_notifications", None)
        if callable(withdraw) and self._opened_at:
            withdraw(since=self._opened_at)

    def action_cancel(self) -> None:
        self.dismiss(None)
