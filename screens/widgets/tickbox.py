"""A tick box whose state reads unambiguously: ``☐ private`` / ``☑ private``.

Textual's checkbox shows an ``X`` in both states (only its colour changes), which
teachers misread as "already private".  Space, enter or a click toggles.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ON, OFF = "☑", "☐"


class TickBox(Widget, can_focus=True):
    DEFAULT_CSS = """
    TickBox { width: auto; height: 1; padding: 0 1; }
    TickBox:focus { background: $accent 40%; text-style: bold; }
    TickBox.-on { color: $text-warning; }
    """

    BINDINGS = [
        Binding("space", "toggle", "toggle", show=False),
        Binding("enter", "toggle", "toggle", show=False),
    ]

    value: reactive[bool] = reactive(False)

    class Changed(Message):
        """The box was ticked or unticked."""

        def __init__(self, box: TickBox, value: bool) -> None:
            super().__init__()
            self.box = box
            self.value = value

        @property
        def control(self) -> TickBox:
            return self.box

    def __init__(
        self,
        label: str,
        value: bool = False,
        *,
        id: str | None = None,
        classes: str | None = None,
        tooltip: str | None = None,
        focusable: bool = True,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.can_focus = focusable
        self.label = label
        self.set_reactive(TickBox.value, value)
        self.set_class(value, "-on")
        if tooltip:
            self.tooltip = tooltip

    def render(self) -> Content:
        return Content(f"{ON if self.value else OFF} {self.label}")

    def watch_value(self, value: bool) -> None:
        self.set_class(value, "-on")
        self.post_message(self.Changed(self, value))

    def action_toggle(self) -> None:
        self.value = not self.value

    def on_click(self) -> None:
        if self.can_focus:
            self.focus()
        self.action_toggle()
