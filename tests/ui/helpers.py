"""Helpers for driving the app headless in plain (synchronous) pytest tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from screens.app import PlgApp

SIZE = (100, 30)


def drive(app: PlgApp, scenario: Callable[[Pilot], Awaitable[None]], size=SIZE) -> None:
    """Run ``scenario`` against ``app`` in a headless terminal of ``size``."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


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
