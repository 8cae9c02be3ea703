"""Small helpers shared by the facilitator's screens (review, question, agenda)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen


def close_screen(screen: Screen) -> None:
    """Go back to the screen beneath, or leave the app when this is its only screen."""
    app = screen.app
    beneath = app.screen_stack[:-1]
    if any(type(s) is not Screen for s in beneath):
        app.pop_screen()
    else:
        app.exit()


def theme_colours(screen: Screen) -> dict[str, str]:
    """The review's and the agenda's two colours, from the theme (so light and dark both work).

    ``accent`` marks steps and parts, ``warm`` what needs attention (no movement, a
    date passed), ``error`` what cannot be used.  The table cells are Rich text, which knows no theme variables,
    so the colours are read from the theme when the cells are made.
    """
    variables = screen.app.get_css_variables()
    return {
        "accent": variables.get("text-primary", "blue"),
        "warm": variables.get("text-warning", "yellow"),
        "error": variables.get("text-error", "red"),
    }


def on_theme_change(screen: Screen, redraw: Callable[[], object]) -> None:
    """Call ``redraw`` whenever the theme changes while ``screen`` exists."""
    screen.app.theme_changed_signal.subscribe(screen, lambda _theme: redraw())
