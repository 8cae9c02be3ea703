"""Small helpers shared by the facilitator's screens (review, question, agenda)."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode
from textual.screen import Screen

from plgcycle.i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Show this node's binding descriptions in the user's language.

    BINDINGS are defined when the module is imported, before the language is
    known, so they hold English message ids; each instance translates its own copy.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in list(bindings.items()):
        bindings[key] = [replace(b, description=_(b.description) if b.description else "",
                                 tooltip=_(b.tooltip) if b.tooltip else "") for b in items]


def close_screen(screen: Screen) -> None:
    """Go back to the screen beneath, or leave the app when this is its only screen."""
    app = screen.app
    beneath = app.screen_stack[:-1]
    if any(type(s) is not Screen for s in beneath):
        app.pop_screen()
    else:
        app.exit()
