"""Translated key bindings: every screen, dialog, widget and the app gets its own copy.

Binding descriptions are message ids; ``BINDINGS`` are class attributes made
before the language is known, so each node translates its copy when it is made.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap

from plgcycle.i18n import _


def translate_bindings(node) -> None:
    """Give ``node`` a private copy of its bindings with translated descriptions."""
    translated: dict[str, list[Binding]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        translated[key] = [
            replace(
                b,
                description=_(b.description) if b.description else "",
                tooltip=_(b.tooltip) if b.tooltip else "",
                group=Binding.Group(_(b.group.description), b.group.compact) if b.group else None,
            )
            for b in bindings
        ]
    node._bindings = BindingsMap.from_keys(translated)
    node._plg_keys = True  # its keys are plgcycle's own, translated: the help lists them


def describe_key(node, binding_id: str, description: str) -> None:
    """Say what a key of ``node`` does here, when that depends on what the screen shows
    (``description`` is a message id: "note feedback" on your own question)."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=_(description)) if b.id == binding_id else b for b in bindings
        ]
    if node.is_attached:
        node.refresh_bindings()
