"""Dates read the way the teacher's language writes them, and unlikely dates are asked about.

Typed as 15-03-2026 (or 2026-03-15), stored as ISO, shown again as 15-03-2026 in a
field and as "15 mrt 2026" where it is only read.  A date far from today, a next
meeting that has passed or feedback given in the future is kept only after a yes.
"""

from __future__ import annotations

from datetime import date

import pytest

from plgcycle import cycle
from plgcycle.dates import date_doubt
from plgcycle.i18n import format_date_input, set_language
from screens.action import ActionScreen
from screens.dialogs.confirm import ConfirmDialog
from screens.dialogs.feedback import FeedbackDialog
from screens.home import HomeScreen
from screens.profile import ProfileScreen
from screens.tryout import TryoutScreen
from screens.widgets.field_form import field_message

from .conftest import TODAY, reread
from .helpers import content_text, drive, settle, type_text


def test_a_date_is_shown_as_it_was_typed_after_saving(store, db_path, make_app):
    round_rec = cycle.new_question(store.me, "Hoe activeer ik 2 havo?")
    tryout = cycle.new_tryout(round_rec, store.me, class_group="2 havo A")
    store.save(round_rec)
    store.save(tryout)
    app = make_app(store)

    async def scenario(pilot):
        app.push_screen(TryoutScreen(round_rec.id, tryout.id))
        await settle(pilot)
        field = app.screen.query_one("#field-planned_date")
        field.value = "15-12-2026"
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(TryoutScreen(round_rec.id, tryout.id))
        await settle(pilot)
        assert app.screen.query_one("#field-planned_date").value == "15-12-2026"

    drive(app, scenario)
    records, _me = reread(db_path)
    assert records[tryout.id].data["planned_date"] == "2026-12-15"


@pytest.mark.parametrize("lang,shown", [("nl", "20 nov 2026"), ("en", "20 Nov 2026")])
def test_read_only_dates_and_the_feedback_date_read_as_dates(lang, shown, demo_store, make_app):
    app = make_app(demo_store, lang=lang)

    async def scenario(pilot):
        index = app.session.index()
        theirs, tryout = next(
            (v, t)
            for v in (index.view(r.id) for r in index.latest_rounds())
            for t in v.tryouts
            if v.round.owner != app.session.me and t.data.get("planned_date") == "2026-11-20"
        )
        app.push_screen(TryoutScreen(theirs.id, tryout.id))
        await settle(pilot)
        text = content_text(app.screen)
        assert shown in text and "2026-11-20" not in text
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackDialog)
        assert app.screen.query_one("#field-given_on").value == "23-11-2026"

    drive(app, scenario)


def _type_action(pilot, due: str):
    async def typed():
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Toetsen nakijken")
        await pilot.press("tab")
        await type_text(pilot, due)

    return typed()


@pytest.mark.parametrize("due", ["1-1-1900", "31-12-9999"])
def test_a_date_far_from_today_is_asked_about_before_it_is_kept(due, store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await _type_action(pilot, due)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "kept without a word"
        assert "twee jaar" in content_text(app.screen)
        assert app.screen.focused.id == "no"  # Enter changes the date, it does not keep it
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        assert app.screen.focused.id == "field-due"
        assert not [r for r in reread(db_path)[0].values() if r.kind == "action"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")  # keep it: saved, and not asked again
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    drive(app, scenario)
    action = next(r for r in reread(db_path)[0].values() if r.kind == "action")
    day, month, year = (int(n) for n in due.split("-"))
    assert action.data["due"] == date(year, month, day).isoformat()


def test_a_next_meeting_that_has_passed_is_asked_about(store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#field-next_meeting").value = "20-11-2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "al voorbij" in content_text(app.screen)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)

    drive(app, scenario)
    records, me = reread(db_path)
    assert records[me].data["next_meeting"] == "2026-11-20"


def test_the_rules_for_unlikely_dates():
    assert date_doubt("due", date(1900, 1, 1), TODAY)
    assert date_doubt("due", date(9999, 12, 31), TODAY)
    assert date_doubt("due", date(2026, 11, 20), TODAY) is None  # late, but plausible
    assert date_doubt("next_meeting", date(2026, 11, 20), TODAY)
    assert date_doubt("next_meeting", date(2026, 12, 14), TODAY) is None
    assert date_doubt("given_on", date(2026, 11, 30), TODAY)
    assert date_doubt("given_on", date(2026, 11, 2), TODAY) is None


def test_dates_and_field_messages_read_as_written():
    assert format_date_input("2026-03-15") == "15-03-2026"
    assert format_date_input(date(2026, 3, 5)) == "05-03-2026"
    assert format_date_input("volgende week") == "volgende week"
    set_language("nl")
    assert field_message("Wat laten ze zien?", "Privé.") == "Wat laten ze zien? Privé."
    assert field_message("Datum", "Schrijf de datum als DD-MM-JJJJ.") == (
        "Datum: schrijf de datum als DD-MM-JJJJ."
    )
    assert field_message("Datum", "DD-MM-JJJJ graag.") == "Datum: DD-MM-JJJJ graag."
