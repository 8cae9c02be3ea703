"""Closing, reopening and continuing a round say what is missing or why not; a closed round and
a try-out whose date has passed say so."""

from __future__ import annotations

from datetime import date

from plgcycle import cycle
from screens.dialogs.close_round import CloseRoundDialog
from screens.dialogs.confirm import ConfirmDialog
from screens.home import HomeScreen
from screens.question import QuestionScreen
from screens.step import StepScreen
from screens.tryout import TryoutScreen

from .conftest import reread
from .helpers import content_text, drive, notifications, screen_text, settle


def _chain(app):
    """The local teacher's question in the demo: round 1 (closed) and round 2 (open)."""
    index = app.session.index()
    newest = index.latest_rounds(owner=app.session.me)[0]
    return index.chain(newest)


def test_closing_an_empty_round_says_what_is_missing_first(store, db_path, make_app):
    record = cycle.new_question(store.me, "Hoe krijg ik 2 havo A aan het werk?")
    store.save(record)
    app = make_app(store)

    async def scenario(pilot):
        app.push_screen(QuestionScreen(record.id))
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "closed without a word"
        said = content_text(app.screen)
        for missing in ("stap 1 Beginsituatie", "stap 2 Aanpak", "nog niets uitgeprobeerd"):
            assert missing in said
        await pilot.press("enter")  # the default: not yet
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("c")
        await settle(pilot)
        await pilot.click("#yes")  # close anyway: the teacher decides
        await settle(pilot)
        assert isinstance(app.screen, CloseRoundDialog)

    drive(app, scenario)
    assert not reread(db_path)[0][record.id].data.get("closed_at")


def test_step_5_asks_too_before_closing_with_open_steps(store, db_path, make_app):
    record = cycle.new_question(store.me, "Hoe krijg ik 2 havo A aan het werk?")
    record = cycle.save_step(record, "apply", {"decision": "adopt", "conclusions": "Werkt."})
    store.save(record)
    app = make_app(store)

    async def scenario(pilot):
        app.push_screen(StepScreen(record.id, 5))
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not app.session.get(record.id).data.get("closed_at")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)

    drive(app, scenario)
    assert reread(db_path)[0][record.id].data.get("closed_at")


def test_reopening_an_earlier_round_says_why_it_cannot(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        first, _second = _chain(app)
        app.push_screen(QuestionScreen(first.id))
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert any("alleen de nieuwste ronde" in n for n in notifications(app)), notifications(app)
        await pilot.press("r")
        await settle(pilot)
        assert any("al begonnen" in n for n in notifications(app))
        await pilot.press("c")
        await settle(pilot)
        assert any("al afgesloten" in n for n in notifications(app))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert any("heropen hem eerst" in n for n in notifications(app))
        assert app.session.get(first.id).data.get("closed_at")

    drive(app, scenario)


def test_the_forms_of_a_closed_round_say_it_is_closed(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        first, _second = _chain(app)
        app.push_screen(StepScreen(first.id, 2))
        await settle(pilot)
        assert "afgesloten op" in app.screen.query_one("#closed-note").content.plain
        view = app.session.index().view(first.id)
        app.push_screen(TryoutScreen(first.id, view.tryouts[0].id))
        await settle(pilot)
        assert "afgesloten op" in app.screen.query_one("#closed-note").content.plain
        second_view = app.session.index().view(_second.id)
        app.push_screen(TryoutScreen(_second.id, second_view.tryouts[0].id))
        await settle(pilot)
        assert not app.screen.query("#closed-note")  # an open round has no such line

    drive(app, scenario)


def test_a_try_out_whose_date_passed_without_being_carried_out_stands_out(demo_store, make_app):
    app = make_app(demo_store, today=date(2026, 12, 1))  # planned for 26 Nov, not logged

    async def scenario(pilot):
        assert isinstance(app.screen, HomeScreen)
        assert "is nog niet genoteerd" in screen_text(app)
        _first, second = _chain(app)
        app.push_screen(QuestionScreen(second.id))
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if "gepland 26 nov" in line)
        assert "datum voorbij" in line

    drive(app, scenario)
