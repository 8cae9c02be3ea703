"""The footer of every screen: the keys that matter most, each whole, always with F1.

Textual's Footer lays every shown key out in a row and lets the terminal's edge
(or the command palette's key, docked on the right) cut the rest off mid-word:
"c ronde afsluiten▏", "r volgende ro▏".  This footer measures first.  It shows
keys in the order the screen lists them, and when they do not all fit it leaves
out the least important ones whole: those a screen does not name in its
``FOOTER_FIRST`` (binding ids, most important first), the last listed first.
F1 (help, which lists every key of the screen) is always shown.  In a narrow
terminal (below 90 columns) the command palette's key goes first; F1's help
names it.  Keys grouped by Textual (``^b ^n step ←/→``) are spaced like the rest.

Textual's Footer rebuilds all its keys each time the active bindings change.  While
a screen starts (mount, focus, data, enabled keys) that happens several times in a
row; this footer coalesces such a burst into one rebuild, which reads the bindings
as they are by then.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

HELP_ID = "command-help"  # the id of the app's F1 binding (see screens.app)


class Unit(NamedTuple):
    """One thing in the footer: a key with its description, or a group of keys sharing one."""

    bindings: tuple[tuple[Binding, bool], ...]  # (binding, enabled)
    description: str  # the group's description for a group
    rank: int  # lower is more important
    position: int  # where the screen lists it

    def width(self, app) -> int:
        """Cells taken: each key and a space after it, then the description and a space."""
        keys = sum(cell_len(app.get_key_display(b)) + 1 for b, _enabled in self.bindings)
        return keys + (cell_len(self.description) + 1 if self.description else 0)


def _units(screen: Screen, entries: Iterable[tuple[Binding, bool]]) -> list[Unit]:
    first = tuple(getattr(screen, "FOOTER_FIRST", ()))
    units: list[Unit] = []
    pending: list[tuple[Binding, bool]] = []

    def rank(binding: Binding, position: int) -> int:
        if binding.id == HELP_ID:
            return -1
        if binding.id in first:
            return first.index(binding.id)
        return len(first) + position

    def flush() -> None:
        if not pending:
            return
        group = pending[0][0].group
        position = len(units)
        if group is not None and len(pending) > 1:
            best = min(rank(b, position) for b, _e in pending)
            units.append(Unit(tuple(pending), group.description, best, position))
        else:
            for binding, enabled in pending:
                position = len(units)
                units.append(
                    Unit(
                        ((binding, enabled),),
                        binding.description,
                        rank(binding, position),
                        position,
                    )
                )
        pending.clear()

    for binding, enabled in entries:
        if pending and (binding.group is None or binding.group != pending[0][0].group):
            flush()
        pending.append((binding, enabled))
        if binding.group is None:
            flush()
    flush()
    return units


def fitting(units: list[Unit], width: int, app) -> list[Unit]:
    """The units that fit in ``width`` cells, leaving out the least important first."""
    kept = sorted(units, key=lambda u: u.rank)
    while kept and sum(u.width(app) for u in kept) > width and len(kept) > 1:
        kept.pop()  # the least important (F1 has the lowest rank and stays)
    return sorted(kept, key=lambda u: u.position)


class PlgFooter(Footer):
    WIDE = 90  # from this width on, the command palette's key is shown too
    _rebuild_pending = False
    _built_width = -1

    def __init__(self, *args, **kwargs) -> None:
        kwargs["compact"] = True  # one look on every screen
        super().__init__(*args, **kwargs)

    def _width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= self.WIDE
        if wide != self.show_command_palette:
            self.show_command_palette = wide
        if event.size.width != self._built_width:
            self._schedule()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._schedule()

    def _schedule(self) -> None:
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()

    # --- what is shown ----------------------------------------------------------------

    def entries(self) -> list[tuple[Binding, bool]]:
        """The shown keys, one per action: the screen's in its order, then its widgets', then
        the app's."""
        screen = self.screen
        seen: set[str] = set()
        found = []
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            where = 0 if node is screen else 2 if node is self.app else 1
            found.append((where, binding, enabled))
        found.sort(key=lambda entry: entry[0])  # stable: each part keeps its order
        return [(binding, enabled) for _where, binding, enabled in found]

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self._width()
        self._built_width = width
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        room = width
        if palette is not None:
            room -= cell_len(self.app.get_key_display(palette.binding)) + 3  # border, spaces
            room -= cell_len(palette.binding.description)
        for unit in fitting(_units(self.screen, self.entries()), room, self.app):
            grouped = len(unit.bindings) > 1
            for binding, enabled in unit.bindings:
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    "" if grouped else binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                ).data_bind(compact=Footer.compact)
            if grouped:
                yield FooterLabel(unit.description, classes="-group")
        if palette is not None:
            binding = palette.binding
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=binding.tooltip or binding.description,
            )

    DEFAULT_CSS = """
    PlgFooter.-compact FooterLabel.-group { margin: 0 1 0 0; }
    """
