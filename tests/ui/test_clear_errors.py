"""The app refuses what cannot be done yet, with a notification (docs/reliability.md, 9).

Before the welcome screen has made the teacher's profile there is nobody to import
for: without it nothing tells the teacher's own work from a colleague's, and an
import would take everything in without an owner.
"""

from __future__ import annotations

from plgcycle.store import Store
from screens.exchange import ImportScreen
from screens.firstrun import FirstRunScreen
from tests.exchange_helpers import write_file

from .conftest import reread
from .helpers import drive, notifications


def test_importing_from_the_welcome_screen_is_refused_until_the_profile_exists(
    tmp_path, monkeypatch, db_path, clock, make_app
):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # where the import screen would open: a colleague's export
    write_file(tmp_path, "ahmed")
    store = Store(db_path, clock=clock)
    app = make_app(store)

    async def scenario(pilot):
        assert isinstance(app.screen, FirstRunScreen)
        app.screen.query_one("#start").focus()  # not in a text field: i is a key, not a letter
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen), "no import screen before the profile"
        assert any("Vul eerst je naam in op het welkomstscherm" in n for n in notifications(app))
        await pilot.press("x")  # sharing, the same
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)

    drive(app, scenario)
    store.close()
    records, me = reread(db_path)
    assert records == {} and me is None, "nothing was imported without an owner"


def test_the_import_screen_itself_refuses_to_import_without_a_profile(
    tmp_path, monkeypatch, db_path, clock, make_app
):
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "uitwisseling"
    folder.mkdir()
    write_file(folder, "ahmed")
    store = Store(db_path, clock=clock)
    app = make_app(store, initial_screen=lambda: ImportScreen(folder))

    async def scenario(pilot):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a")  # every usable file
        await pilot.press("i")
        await pilot.pause()
        assert any("daarna kun je importeren" in n for n in notifications(app))

    drive(app, scenario)
    store.close()
    records, me = reread(db_path)
    assert records == {} and me is None
