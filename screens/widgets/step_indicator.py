"""The five steps of the improvement cycle in one line: which are complete, which is shown.

``● 1 Beginsituatie  ● 2 Aanpak  ○ 3 Uitvoeren  ○ 4 Effect  ○ 5 Toepassen``

Complete steps have a filled dot, the step on screen is highlighted.  When the
line is too narrow the titles of the other steps are dropped (the numbers and
dots stay).  A click on a step, or ←/→ and 1-5 while it has focus, posts
:class:`StepIndicator.StepChosen`.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from plgcycle.i18n import N_, _
from plgcycle.model import STEPS

MARK_DONE, MARK_OPEN = "●", "○"
GAP = "  "


class StepIndicator(Widget, can_focus=False):
    DEFAULT_CSS = """
    StepIndicator { height: 1; width: 1fr; }
    StepIndicator:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", N_("previous step"), show=False),
        Binding("right", "move(1)", N_("next step"), show=False),
    ]

    progress: reactive[tuple[bool, ...]] = reactive((False,) * 5, layout=False)
    selected: reactive[int] = reactive(0)  # 1-5; 0 = none highlighted

    class StepChosen(Message):
        """The teacher picked a step (1-5) on the indicator."""

        def __init__(self, indicator: StepIndicator, number: int) -> None:
            super().__init__()
            self.indicator = indicator
            self.number = number

        @property
        def control(self) -> StepIndicator:
            return self.indicator

    def __init__(
        self,
        progress: tuple[bool, ...] = (False,) * 5,
        selected: int = 0,
        *,
        focusable: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ):
        super().__init__(id=id, classes=classes)
        self.can_focus = focusable
        self.set_reactive(StepIndicator.progress, tuple(progress))
        self.set_reactive(StepIndicator.selected, selected)
        self._spans: list[tuple[int, int, int]] = []  # (start, end, step number)

    def _parts(self, full: bool) -> list[tuple[int, str, str]]:
        parts = []
        for step, done in zip(STEPS, self.progress, strict=False):
            mark = MARK_DONE if done else MARK_OPEN
            show_title = full or step.number == self.selected
            label = f"{mark} {step.number}" + (f" {_(step.title)}" if show_title else "")
            style = (
                "bold reverse"
                if step.number == self.selected
                else ("$text-success" if done else "$text-muted")
            )
            parts.append((step.number, label, style))
        return parts

    def render(self) -> Content:
        width = self.size.width or 100
        parts = self._parts(full=True)
        if sum(len(label) for _n, label, _s in parts) + len(GAP) * 4 > width:
            parts = self._parts(full=False)
        pieces: list[tuple[str, str] | str] = []
        self._spans = []
        position = 0
        for i, (number, label, style) in enumerate(parts):
            if i:
                pieces.append(GAP)
                position += len(GAP)
            pieces.append((f"{label}", style))
            self._spans.append((position, position + len(label), number))
            position += len(label)
        return Content.assemble(*pieces)

    def on_click(self, event: events.Click) -> None:
        for start, end, number in self._spans:
            if start <= event.x < end + 1:
                self.post_message(self.StepChosen(self, number))
                return

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in "12345":
            event.stop()
            self.post_message(self.StepChosen(self, int(event.character)))

    def action_move(self, delta: int) -> None:
        current = self.selected or 1
        target = min(5, max(1, current + delta))
        if target != current:
            self.post_message(self.StepChosen(self, target))

    def describe(self) -> str:
        """The progress in words, for tooltips and tests."""
        done = sum(self.progress)
        return _("{done} of 5 steps complete").format(done=done)
