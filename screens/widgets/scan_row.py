"""One statement of the school scan: its text, then *nu* and *gewenst* as two rows of choices.

``1 2 3 4 5 ?`` per side; the chosen answer stands in brackets (``[4]``), so it reads
without colour, and the side the keys work on is marked with ``▸``.  The row holds no
rule and saves nothing: the scan screen sets its answers and reads them back.  A click
on a choice chooses it (when the screen allows).
"""

from __future__ import annotations

import textwrap

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from plgcycle import scan
from plgcycle.i18n import _

CHOICES: tuple[int | str, ...] = (*scan.SCALE, scan.DONT_KNOW)
CELL = 3  # " 4 " or "[4]"
INDENT = 2
GAP = 4


def privacy_line() -> str:
    """What the scan screens say about the statements and about whose figures are shown."""
    return _(
        "The statements are plgcycle's own, based on the elements and conditions of the "
        "research 'De school als PLG'. Only group figures of three or more people are ever "
        "shown."
    )


def choice_mark(value: int | str) -> str:
    return "?" if value == scan.DONT_KNOW else str(value)


def side_label(side: str) -> str:
    return _("now") if side == scan.NOW else _("desired")


class StatementRow(Static, can_focus=True):
    """A statement with its two answers; ``side`` is where the keys choose."""

    DEFAULT_CSS = """
    StatementRow { height: auto; padding: 0 1; margin: 0 0 1 0; }
    StatementRow:focus { background: $boost; }
    """

    class Chosen(Message):
        """A choice was clicked: ``value`` for ``side`` of ``row``."""

        def __init__(self, row: StatementRow, side: str, value: int | str) -> None:
            super().__init__()
            self.row = row
            self.side = side
            self.value = value

    def __init__(self, statement: scan.Statement, number: int) -> None:
        super().__init__(id="statement-" + statement.id.replace(".", "-"), markup=False)
        self.statement = statement
        self.number = number
        self.side = scan.NOW
        self.answers: dict[str, int | str | None] = {scan.NOW: None, scan.DESIRED: None}
        self._cells: list[tuple[int, int, str, int | str]] = []  # start, end, side, value

    def on_mount(self) -> None:
        self.draw()

    def set_answers(self, now: int | str | None, desired: int | str | None) -> None:
        self.answers = {scan.NOW: now, scan.DESIRED: desired}
        self.draw()

    def answered(self) -> bool:
        return all(v is not None for v in self.answers.values())

    def on_focus(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()  # the statement wraps under its own first word, not under its number

    def on_blur(self) -> None:
        self.draw()

    def draw(self) -> None:
        # The screen's focus, not ``has_focus``: the screen moves it at once (keys typed
        # quickly must land on the statement they were meant for), and ``has_focus``
        # follows later.
        self.update(self.drawing(self.is_attached and self.screen.focused is self))

    def drawing(self, focused: bool) -> Content:
        width = max(len(side_label(s)) for s in scan.SIDES)
        head = f"{self.number}. "
        room = self.content_size.width - len(head)
        lines = textwrap.wrap(self.statement.text(), room) if room > 20 else []
        text = ("\n" + " " * len(head)).join(lines) or self.statement.text()
        parts: list = [(head, "bold"), Content(text), "\n"]
        x = INDENT
        parts.append(" " * INDENT)
        self._cells = []
        for n, side in enumerate(scan.SIDES):
            if n:
                parts.append(" " * GAP)
                x += GAP
            here = focused and side == self.side
            mark = "▸ " if here else "  "
            parts.append((mark + side_label(side).ljust(width) + " ", "bold" if here else ""))
            x += len(mark) + width + 1
            for value in CHOICES:
                chosen = self.answers[side] == value
                text = f"[{choice_mark(value)}]" if chosen else f" {choice_mark(value)} "
                style = "bold reverse" if chosen and here else "bold" if chosen else "$text-muted"
                parts.append((text, style))
                self._cells.append((x, x + CELL, side, value))
                x += CELL
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y != self.content_size.height - 1:
            return
        for start, end, side, value in self._cells:
            if start <= offset.x < end:
                self.side = side
                self.post_message(self.Chosen(self, side, value))
                return
