"""Confirm a colleague's key: choose the colleague, type the check code they read out.

The match is :func:`plgcycle.confirming.confirm`; a code that does not match is
said in the dialog, which stays open with what was typed.  Enter returns the
:class:`~plgcycle.confirming.Confirmation`, escape None; the screen stores it.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle.confirming import Confirmation, confirm
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _

from ..base import PlgModal
from ..widgets.text import literal


class CheckCodeDialog(PlgModal[Confirmation | None]):
    """``keys``: person id -> the key in use; ``names``: person id -> name; ``confirmed``:
    the people already confirmed (marked in the list)."""

    BINDINGS = [Binding("escape", "cancel", N_("cancel"), id="cancel")]
    TYPED_TEXT_IS_WORK = False  # a code read out is typed again in a moment: nothing is lost

    DEFAULT_CSS = """
    CheckCodeDialog #check-people { height: auto; max-height: 10; }
    CheckCodeDialog #check-error { color: $error; height: auto; }
    """

    def __init__(
        self, keys: Mapping[str, str], names: Mapping[str, str], confirmed: set[str]
    ) -> None:
        super().__init__()
        self.keys = dict(keys)
        self.names = dict(names)
        self.people = sorted(self.keys, key=lambda pid: (self.names.get(pid, "").casefold(), pid))
        self.confirmed = confirmed

    def compose(self) -> ComposeResult:
        options = []
        for pid in self.people:
            label = literal(self.names.get(pid) or pid, single_line=True)
            if pid in self.confirmed:
                label = Content.assemble(label, " · " + _("confirmed"))
            options.append(Option(label, id=pid))
        with Vertical(classes="dialog"):
            yield Static(Content(_("Confirm a colleague's check code")), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "Choose the colleague, then type the check code they read from "
                        "their own profile (at a meeting, or on the phone)."
                    )
                ),
                classes="dialog-intro",
            )
            yield OptionList(*options, id="check-people")
            yield Input(id="check-code", placeholder="0000 0000 0000 0000")
            yield Static("", id="check-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Confirm"), id="check-ok", variant="primary")

    def on_mount(self) -> None:
        people = self.query_one(OptionList)
        people.highlighted = 0 if self.people else None
        people.focus()

    @on(OptionList.OptionSelected, "#check-people")
    def _chosen(self) -> None:
        self.query_one("#check-code", Input).focus()

    def action_submit(self) -> None:
        people = self.query_one(OptionList)
        error = self.query_one("#check-error", Static)
        if people.highlighted is None:
            error.update(_("Choose a colleague first."))
            return
        person = self.people[people.highlighted]
        try:
            found = confirm(
                person, self.query_one("#check-code", Input).value, self.keys, self.names
            )
        except PlgError as exc:
            error.update(str(exc))
            return
        self.dismiss(found)

    @on(Input.Submitted, "#check-code")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#check-ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
