"""Small helpers shared by the facilitator's screens (review, question, agenda)."""

from __future__ import annotations

from textual.screen import Screen

from screens.base import translate_bindings  # noqa: F401  (re-exported for the review screens)


def close_screen(screen: Screen) -> None:
    """Go back to the screen beneath, or leave the app when this is its only screen."""
    app = screen.app
    beneath = app.screen_stack[:-1]
    if any(type(s) is not Screen for s in beneath):
        app.pop_screen()
    else:
        app.exit()
