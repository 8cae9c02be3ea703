"""Choices whose state reads without colour: tick boxes, radio buttons and tick lists.

Textual's checkbox, radio button and selection list draw the same mark in both
states (``▐X▌``, ``▐●▌``) and only its colour changes, which teachers misread
("already private", "both chosen").  Every choice in plgcycle uses these instead:

* :class:`TickBox`: ``☐ private`` / ``☑ private``; space, enter or a click toggles.
* :class:`ChoiceButton`: a radio button with ``●`` when chosen and an empty box when not.
* :class:`TickList`: a selection list whose lines start with ``☑`` or ``☐``.

A test fails when a screen builds Textual's own kinds directly.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

ON, OFF = "☑", "☐"
T = TypeVar("T")


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


class ChoiceButton(RadioButton):
    """A radio button whose state reads without colour: ``●`` chosen, empty when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class TickList(SelectionList[T]):
    """A selection list whose lines start with ``☑`` (chosen) or ``☐`` (not chosen)."""

    def _get_left_gutter_width(self) -> int:
        return len(ON) + 1

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt, without Textual's box
        _x, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return line
        chosen = selection.value in self._selected
        base = next(iter(line)).style if line.cell_length else self.rich_style
        return Strip([Segment(ON if chosen else OFF, base), Segment(" ", base), *line])
