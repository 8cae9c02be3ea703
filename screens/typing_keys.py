"""Typing as in every editor, wherever the focus is: the ends of a text, and pasting.

ctrl+home and ctrl+end go to the start and the end of a text area's text (pressed
again there, and elsewhere, they go on to the screen: its top or end); a text of
several lines pasted into a one-line field is kept whole, on one line.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input, TextArea

from plgcycle.i18n import N_, _, ngettext


class Typing(App):
    """Mixed into the app before :class:`textual.app.App`."""

    BINDINGS = [
        # In a text area, as in every editor: the start and the end of its text (pressed
        # again there, and elsewhere, these keys go on to the screen: its top or end).
        Binding("ctrl+home", "text_edge(-1)", N_("start of the text"), show=False, priority=True),
        Binding("ctrl+end", "text_edge(1)", N_("end of the text"), show=False, priority=True),
    ]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "text_edge":
            # Once the cursor is at that end of the text, the key goes on to the screen.
            area = self.focused
            if not isinstance(area, TextArea):
                return False
            edge = area.document.end if int(parameters[0]) > 0 else (0, 0)
            return area.cursor_location != edge
        return True

    def action_text_edge(self, delta: int) -> None:
        area = self.focused
        if isinstance(area, TextArea):
            area.move_cursor(area.document.end if delta > 0 else (0, 0))

    async def on_event(self, event: events.Event) -> None:
        """A text of several lines pasted into a one-line field is kept whole, on one line
        (Textual keeps only its first line), and the teacher is told."""
        if (
            isinstance(event, events.Paste)
            and not event.is_forwarded
            and isinstance(self.focused, Input)
            and len(lines := [line.strip() for line in event.text.splitlines()]) > 1
        ):
            kept = [line for line in lines if line]
            event = events.Paste(" ".join(kept))
            self.notify(
                ngettext(
                    "The pasted text had {n} line; this field holds one.",
                    "The pasted text had {n} lines; they are joined into one line here.",
                    len(kept),
                ).format(n=len(kept)),
                title=_("Pasted on one line"),
                timeout=6,
            )
        await super().on_event(event)
