"""Write or change one agenda item; returns the text, or None when cancelled."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from plgcycle.agenda import MAX_ITEM
from plgcycle.i18n import N_, _
from screens.base import PlgModal


class AgendaItemDialog(PlgModal[str | None]):
    DEFAULT_CSS = """
    AgendaItemDialog { align: center middle; }
    AgendaItemDialog > Vertical { width: 90; max-width: 95%; height: auto; padding: 1 2;
                                  border: thick $accent; background: $surface; }
    AgendaItemDialog #item-title { text-style: bold; margin-bottom: 1; }
    AgendaItemDialog #item-error { color: $error; height: auto; }
    AgendaItemDialog Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    AgendaItemDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", N_("save"), id="submit")]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="item-title", markup=False)
            yield Input(
                value=self.text,
                id="item-text",
                max_length=MAX_ITEM,
                placeholder=_("What should happen in this part?"),
            )
            yield Static("", id="item-error", markup=False)
            with Horizontal():
                yield Button(_("Cancel"), id="item-cancel")
                yield Button(_("Save"), id="item-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#item-text", Input).focus()

    def action_submit(self) -> None:
        value = " ".join(self.query_one("#item-text", Input).value.split())
        if not value:
            self.query_one("#item-error", Static).update(Text(_("An agenda item cannot be empty.")))
            return
        self.dismiss(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "item-ok":
            self.action_submit()
        else:
            self.action_cancel()
