"""Helpers for driving the app headless in plain (synchronous) pytest tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from screens.app import PlgApp

SIZE = (100, 30)


def drive(
    app: PlgApp,
    scenario: Callable[[Pilot], Awaitable[None]],
    size=SIZE,
    *,
    toasts: bool = False,
) -> None:
    """Run ``scenario`` against ``app`` in a headless terminal of ``size``.

    ``toasts``: draw notifications on screen (Textual's test mode keeps them off).
    """

    async def main() -> None:
        async with app.run_test(size=size, notifications=toasts) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def settle(pilot: Pilot) -> None:
    """Let layout and deferred refreshes finish (list heights are measured after mounting)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def screen_text(app: PlgApp) -> str:
    """What the terminal shows now, as plain text (one line per row)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused widget, character by character."""
    for char in text:
        await pilot.press(char if char != " " else "space")
    await pilot.pause()


def notifications(app: PlgApp) -> list[str]:
    return [n.message for n in app._notifications]


def content_text(node) -> str:
    """Every text a screen (or widget) holds, scrolled into view or not, as plain text."""
    from textual.widgets import OptionList, Static

    parts = []
    for widget in node.query("*"):
        if isinstance(widget, Static):
            parts.append(str(widget.content))
        elif isinstance(widget, OptionList):
            parts += [str(option.prompt) for option in widget.options]
    return "\n".join(parts)
