"""Yes/no questions: confirming an action, and what to do with changes that cannot be saved."""

from __future__ import annotations

from enum import Enum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from plgcycle.i18n import _

from ..base import PlgModal


class LeaveChoice(Enum):
    STAY = "stay"
    DISCARD = "discard"


class UnsavedDialog(PlgModal[LeaveChoice]):
    """Saving failed while leaving a form: keep editing (default) or leave without saving."""

    def __init__(self, problem: str = "", *, quitting: bool = False) -> None:
        super().__init__()
        self.problem = problem
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -warning"):
            yield Static(Content(_("Your changes are not saved")), classes="dialog-title")
            if self.problem:
                yield Static(Content(self.problem), classes="dialog-problem")
            yield Static(Content(_("Keep editing to fix it, or leave and lose the changes "
                                   "made since the last save.")))
            with Horizontal(classes="buttons"):
                yield Button(_("Keep editing"), variant="primary", id="stay")
                yield Button(_("Quit without saving") if self.quitting
                             else _("Leave without saving"), variant="error", id="discard")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed, "#stay")
    def _stay(self) -> None:
        self.dismiss(LeaveChoice.STAY)

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss(LeaveChoice.DISCARD)

    def action_cancel(self) -> None:
        self.dismiss(LeaveChoice.STAY)


class ConfirmDialog(PlgModal[bool]):
    """A question with a confirm and a cancel button; returns True only on confirm."""

    def __init__(self, title: str, message: Content | str, confirm: str, *,
                 danger: bool = False, cancel: str | None = None) -> None:
        super().__init__()
        self.cancel_label = cancel
        self.title_text = title
        self.message = message if isinstance(message, Content) else Content(message)
        self.confirm = confirm
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(self.message)
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label or _("Cancel"), id="no")
                yield Button(self.confirm, variant="error" if self.danger else "primary", id="yes")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
