"""Every screen's footer shows its most important keys whole, at 80 and 100 columns, with F1;
F1 lists every key of the screen it was pressed on.

The screens are those of ``test_every_window_quits`` (every full screen in the package),
opened the way a teacher or facilitator reaches them.
"""

from __future__ import annotations

import pytest
from textual.screen import ModalScreen
from textual.widgets._footer import FooterKey, FooterLabel

from plgcycle.i18n import _, set_language
from screens.help import HelpScreen, screen_keys
from screens.widgets.footer import PlgFooter

from .helpers import drive, settle
from .test_every_window_quits import OPEN, WINDOWS, _open

SCREENS = sorted(name for name, cls in WINDOWS.items() if not issubclass(cls, ModalScreen))
SIZES = ((80, 24), (100, 30), (120, 30))


def _check_footer(app, size) -> list[str]:
    """Problems with the footer as drawn now; also the keys it shows."""
    screen = app.screen
    footer = screen.query_one(PlgFooter)
    right = footer.region.right
    parts = sorted(
        (w for w in footer.query("*") if isinstance(w, (FooterKey, FooterLabel))),
        key=lambda w: w.region.x,
    )
    palette = [w for w in parts if w.has_class("-command-palette")]
    limit = palette[0].region.x if palette else right
    problems = []
    previous = None
    for part in parts:
        if part in palette:
            continue
        if part.region.right > limit:
            problems.append(f"{size}: {part.key if isinstance(part, FooterKey) else part} is cut")
        if previous is not None and part.region.x < previous.region.right + 1:
            problems.append(f"{size}: no space before {getattr(part, 'key', part)}")
        previous = part
    keys = {p.key for p in parts if isinstance(p, FooterKey)}
    if "f1" not in keys:
        problems.append(f"{size}: F1 is not shown")
    first = getattr(screen, "FOOTER_FIRST", ())
    active = {b.id: b.key for _k, (_n, b, _e, _t) in screen.active_bindings.items() if b.show}
    wanted = [active[i] for i in first if i in active][:3]
    problems += [
        f"{size}: {key} (one of the first keys) is left out" for key in wanted if key not in keys
    ]
    return problems


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", SCREENS)
def test_every_footer_fits_and_shows_f1(name, lang, build, monkeypatch):
    from screens.app import PlgApp

    real_init = PlgApp.__init__
    monkeypatch.setattr(
        PlgApp,
        "__init__",
        lambda self, session, **kw: real_init(self, session, **{**kw, "lang": lang}),
    )
    app = build(OPEN[name].app)
    assert app.lang == lang
    problems: list[str] = []

    async def scenario(pilot):
        await _open(app, pilot, name)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await settle(pilot)
            problems.extend(_check_footer(app, size))

    drive(app, scenario, size=SIZES[0])
    assert problems == []


@pytest.mark.parametrize("name", [n for n in SCREENS if n != "HelpScreen"])
def test_f1_lists_every_key_of_the_screen_it_was_pressed_on(name, build):
    app = build(OPEN[name].app)
    missing: list[str] = []

    async def scenario(pilot):
        await _open(app, pilot, name)
        expected = {_(b.description) for b in screen_keys(app.screen) if b.description}
        assert expected, f"{name} has no keys of its own?"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query("#help-here")
        assert body, "no section for the screen F1 was pressed on"
        shown = str(app.screen.query(".keys").first().render())
        missing.extend(sorted(d for d in expected if d not in shown))

    drive(app, scenario)
    assert missing == []


def _closed_newest_round(app) -> str:
    """The local teacher's newest round, closed (so c is off and o and r are on)."""
    from plgcycle import cycle

    index = app.session.index()
    newest = index.latest_rounds(owner=app.session.me)[0]
    updated = cycle.save_step(newest, "apply", {"conclusions": "Werkt."})
    app.session.save([cycle.close_round(updated, "adopt", now=app.session.now())])
    return newest.id


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_grouped_keys_and_a_closed_round_fit_too(lang, demo_store, make_app):
    from screens.question import QuestionScreen
    from screens.step import StepScreen

    set_language(lang)
    app = make_app(demo_store, lang=lang)
    problems: list[str] = []

    async def scenario(pilot):
        round_id = app.session.index().latest_rounds(owner=app.session.me)[0].id
        app.push_screen(StepScreen(round_id, 3))  # ^b and ^n share "step ←/→"
        await settle(pilot)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            problems.extend(_check_footer(app, size))
        app.pop_screen()
        app.push_screen(QuestionScreen(_closed_newest_round(app)))
        await settle(pilot)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            problems.extend(_check_footer(app, size))

    drive(app, scenario, size=SIZES[0])
    assert problems == []
