"""The footer of every screen: Textual's Footer, rebuilt once per burst of key changes.

Textual's Footer rebuilds all its keys each time the active bindings change.  While
a screen starts (mount, focus, data, enabled keys) that happens several times in a
row; this footer coalesces such a burst into one rebuild, which reads the bindings
as they are by then.  In a narrow terminal (80 columns) it leaves out the command
palette's key (the help screen lists it) so that the screen's own keys fit.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer


class PlgFooter(Footer):
    WIDE = 90  # from this width on, the command palette's key is shown too
    _rebuild_pending = False

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= self.WIDE
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            if not self._rebuild_pending:
                self._rebuild_pending = True
                self.call_after_refresh(self._rebuild)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
