"""Yes/no questions: confirming an action, and what to do with changes that cannot be saved."""

from __future__ import annotations

from enum import Enum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from plgcycle.i18n import _

from ..window import BasicModal


class LeaveChoice(Enum):
    SAVE = "save"
    STAY = "stay"
    DISCARD = "discard"


class UnsavedDialog(BasicModal[LeaveChoice]):
    """Unsaved text while leaving or quitting: save, leave without saving, or keep editing.

    ``can_save=False`` (saving was just tried and failed: ``problem`` says why) offers
    only keep editing (the default) and leaving without saving.  With ``can_save``
    (quitting, or leaving a window that saves only when asked) "save" comes first and
    has the focus.  ``where`` names the window that holds the text.
    """

    def __init__(
        self, problem: str = "", *, quitting: bool = False, can_save: bool = False, where: str = ""
    ) -> None:
        super().__init__()
        self.problem = problem
        self.quitting = quitting
        self.can_save = can_save
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -warning"):
            yield Static(Content(_("Your changes are not saved")), classes="dialog-title")
            if self.can_save:
                where = self.where or self.problem
                yield Static(
                    Content(
                        _("{where} holds text that is not saved yet.").format(where=where)
                        if where
                        else _("There is text that is not saved yet.")
                    )
                )
                yield Static(Content(_("Save it, leave it behind, or go back and keep editing.")))
            else:
                if self.problem:
                    yield Static(Content(self.problem), classes="dialog-problem")
                yield Static(
                    Content(
                        _(
                            "Keep editing to fix it, or leave and lose the changes "
                            "made since the last save."
                        )
                    )
                )
            with Horizontal(classes="buttons"):
                if self.can_save:
                    yield Button(_("Save"), variant="primary", id="save")
                yield Button(
                    _("Keep editing"), variant="default" if self.can_save else "primary", id="stay"
                )
                yield Button(
                    _("Discard and quit") if self.quitting else _("Leave without saving"),
                    variant="error",
                    id="discard",
                )

    def on_mount(self) -> None:
        self.query_one("#save" if self.can_save else "#stay", Button).focus()

    def has_unsaved(self) -> bool:
        return False  # the question itself holds nothing

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(LeaveChoice.SAVE)

    @on(Button.Pressed, "#stay")
    def _stay(self) -> None:
        self.dismiss(LeaveChoice.STAY)

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss(LeaveChoice.DISCARD)

    def action_cancel(self) -> None:
        self.dismiss(LeaveChoice.STAY)


class ConfirmDialog(BasicModal[bool]):
    """A question with a confirm and a cancel button; returns True only on confirm."""

    def __init__(
        self,
        title: str,
        message: Content | str,
        confirm: str,
        *,
        danger: bool = False,
        cancel: str | None = None,
    ) -> None:
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


def accept_key_question(name: str, key: str) -> ConfirmDialog:
    """Whether to accept ``key`` as ``name``'s new key (True only on an explicit yes)."""
    from plgcycle.signing import controlecode
    from plgcycle.textsafe import printable, shorten

    name = shorten(printable(name, single_line=True), 60)
    return ConfirmDialog(
        _("Accept the new key?"),
        _(
            "A file brings a new key for {name}, with check code {code}. Accept it "
            "only when {name} confirms this check code (at a meeting, or on the "
            "phone); otherwise someone else may be writing in their name."
        ).format(name=name, code=controlecode(key)),
        _("Accept"),
    )
