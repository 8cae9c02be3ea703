"""First run: the name is asked once (other details optional), then never again."""

from __future__ import annotations

from plgcycle.store import Store
from screens.firstrun import FirstRunScreen
from screens.home import HomeScreen

from .conftest import reread
from .helpers import drive, notifications, screen_text, type_text


def test_first_run_asks_the_name_once_and_stores_the_person(db_path, clock, make_app):
    store = Store(db_path, clock=clock)
    app = make_app(store)

    async def scenario(pilot):
        assert isinstance(app.screen, FirstRunScreen)
        assert "Welkom bij plgcycle" in screen_text(app)
        await type_text(pilot, "Sanne de Vries")
        await pilot.press("tab")
        await type_text(pilot, "Stedelijk College")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Sanne de Vries" in screen_text(app)

    drive(app, scenario)
    store.close()
    records, me = reread(db_path)
    person = records[me]
    assert person.kind == "person"
    assert person.data["name"] == "Sanne de Vries"
    assert person.data["school"] == "Stedelijk College"
    assert person.owner == person.id

    # A second start goes straight to Home: the name is never asked again.
    again = make_app(Store(db_path, clock=clock))

    async def second(pilot):
        assert isinstance(again.screen, HomeScreen)

    drive(again, second)
    again.session.close()


def test_first_run_refuses_an_empty_name_and_a_bad_date(db_path, clock, make_app):
    store = Store(db_path, clock=clock)
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert any("naam" in n.lower() for n in notifications(app))
        await type_text(pilot, "Joris")
        app.screen.query_one("#field-next_meeting").value = "volgende week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert any("DD-MM-JJJJ" in n for n in notifications(app))
        assert app.screen.query_one("#field-name").value == "Joris"  # typed text kept

    drive(app, scenario)
    store.close()
    records, me = reread(db_path)
    assert me is None and not records
