"""Textual's command palette, saying "no matches" in the user's language."""

from __future__ import annotations

from functools import cache

from plgcycle.i18n import _


@cache
def palette_class():
    """Textual's command palette, saying "no matches" in the user's language.

    Made on first use (the palette is slow to import), and kept out of the module's
    names: it is Textual's window, not one of plgcycle's.
    """
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class Palette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            # Textual's own, but for the one text it writes in English.
            self._stop_no_matches_countdown()

            def show_no_matches() -> None:
                if search_value:
                    self.query_one(CommandList).add_option(
                        Option(
                            Align.center(Text(_("No matches found"), style="not bold")),
                            disabled=True,
                            id=self._NO_MATCHES,
                        )
                    )
                    self._list_visible = True
                else:
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    return Palette


def open_palette(app) -> None:
    """Open the palette (ctrl+p), unless it is open already or switched off."""
    from textual.command import CommandPalette  # only when used: it is slow to import

    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(
            palette_class()(id="--command-palette", placeholder=_("Search for a command…"))
        )
