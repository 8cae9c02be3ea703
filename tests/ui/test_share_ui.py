"""The shared folder in the app: read after the first frame, s on Home, the profile's dialog,
and the question before the own file holds something new.  Real databases and a real folder."""

from __future__ import annotations

import asyncio
import json

import pytest
from textual.widgets import Button, Input, Static

from plgcycle import cycle, share
from plgcycle.session import Session
from plgcycle.store import Store
from screens.app import PlgApp
from screens.dialogs.share import ShareFolderDialog, ShareMoreDialog
from screens.home import HomeScreen
from tests.exchange_helpers import pid
from tests.share_helpers import (
    identity,
    new_teacher,
    own_file,
    records,
    share_in,
    sync,
    teacher,
)

from .conftest import TODAY
from .helpers import content_text, notifications, screen_text, settle, type_text

SIZE = (100, 30)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # folders show as ~/...
    path = tmp_path / "PLG"
    path.mkdir()
    return path


def open_app(db, **kwargs) -> tuple[PlgApp, Session]:
    session = Session.open(db, today=TODAY)
    return PlgApp(session, **kwargs), session


async def synced(pilot) -> None:
    """Wait until the app's look at the shared folder (and the write after it) is done."""
    app = pilot.app
    for _ in range(200):
        await settle(pilot)
        await app.workers.wait_for_complete()
        sync = getattr(app, "_share_sync", None)
        if sync is not None and not sync.busy and not app.workers:
            await settle(pilot)
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the sync did not finish")


def run(app: PlgApp, session: Session, scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await synced(pilot)
            await scenario(pilot)

    try:
        asyncio.run(main())
    finally:
        session.close()


def test_colleagues_work_arrives_after_the_first_frame_and_the_own_file_is_written(
    tmp_path, folder
):
    share_in(teacher(tmp_path / "lotte.json", "lotte"), folder)
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    share_in(teacher(tmp_path / "ahmed.json", "ahmed"), folder)  # after Sanne's last sync
    app, session = open_app(sanne)

    async def scenario(pilot):
        assert any("Van Ahmed El Amrani:" in n for n in notifications(app))
        text = screen_text(app)
        assert "Ahmed El Amrani" in text and "Lotte" in text
        assert "Gedeelde map ~/PLG · bijgewerkt om " in text and "s: nu bijwerken" in text

    run(app, session, scenario)
    assert pid("ahmed") in records(sanne)


def test_s_on_home_reads_now_and_a_damaged_file_is_a_notice_not_a_stop(tmp_path, folder):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    app, session = open_app(sanne)

    async def scenario(pilot):
        assert isinstance(app.screen, HomeScreen)
        share_in(teacher(tmp_path / "joris.json", "joris"), folder)
        (folder / "fatima.plgcycle (1).json").write_text('{"format": "plgcycle-export", "ver')
        await pilot.press("s")
        await synced(pilot)
        shown = "\n".join(notifications(app))
        assert "Van Joris Bakker:" in shown
        assert "fatima.plgcycle (1).json: geen geldige JSON" in shown
        assert "Voor nu overgeslagen" in shown
        assert "Joris Bakker" in screen_text(app)

    run(app, session, scenario)


def test_the_first_try_out_waits_for_a_yes_and_a_key_by_chance_shares_nothing(tmp_path, folder):
    db = tmp_path / "bram.json"
    me = new_teacher(db, "Bram Jansen")
    with Store(db) as store:
        rnd = store.save(cycle.new_question(me, "Hoe activeer ik 2 vwo?"))
    share_in(db, folder)
    with Store(db) as store:
        store.save(cycle.new_tryout(rnd, me, class_group="2 vwo", what="Wisbordjes"))
    path = own_file(folder, db)
    before = path.read_bytes()
    app, session = open_app(db)

    async def scenario(pilot):
        assert isinstance(app.screen, ShareMoreDialog)  # asked at the start, on Home
        text = content_text(app.screen)
        assert "Je bestand zou nu ook bevatten: 1 uitprobeermoment." in text
        assert "Inhoud: 1 persoon, 1 leervraagronde, 1 uitprobeermoment." in text
        await pilot.press("enter")  # the focus is on "Nu niet"
        await synced(pilot)
        assert isinstance(app.screen, HomeScreen) and path.read_bytes() == before
        assert "je bestand wacht op je akkoord" in screen_text(app)
        app.share_sync().run(read=False)  # as after a save: "not now" is not asked again
        await synced(pilot)
        assert isinstance(app.screen, HomeScreen) and path.read_bytes() == before
        await pilot.press("s")
        await synced(pilot)
        assert isinstance(app.screen, ShareMoreDialog)
        await pilot.click("#share-yes")
        await synced(pilot)
        assert b"Wisbordjes" in path.read_bytes()
        assert "bijgewerkt om" in screen_text(app)

    run(app, session, scenario)
    with Store(db, readonly=True) as store:
        assert "tryout" in share.config_from(store.setting).scope["kinds"]


def test_a_save_writes_the_own_file_a_moment_later_and_quitting_writes_the_rest(
    tmp_path, folder, monkeypatch
):
    import screens.sharing

    monkeypatch.setattr(screens.sharing, "WRITE_DELAY", 0.05)
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    path = own_file(folder, sanne)
    app, session = open_app(sanne)

    async def scenario(pilot):
        rnd = next(r for r in session.records() if r.kind == "round" and r.owner == pid("sanne"))
        rnd.data["question"] = "Hoe schrijven 4 vwo betere betogen?"
        assert app.screen.save(rnd)
        await asyncio.sleep(0.2)
        await synced(pilot)
        assert "betere betogen" in path.read_text()

    run(app, session, scenario)
    written = identity(path)
    assert "was al bijgewerkt" in sync(sanne).output  # the app and the CLI write alike
    assert identity(path) == written


def test_the_profile_sets_the_folder_after_showing_what_goes_there(tmp_path, folder):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    odd = tmp_path / "[b]PLG[red] ma"
    odd.mkdir()
    app, session = open_app(sanne)

    async def scenario(pilot):
        await pilot.press("p")
        await settle(pilot)
        assert "Niet ingesteld." in content_text(app.screen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ShareFolderDialog)
        assert "In je bestand sanne-de-vries-" in content_text(dialog)
        assert "Genoemde personen: Sanne de Vries" in content_text(dialog)
        await type_text(pilot, str(tmp_path))  # the database's own folder
        await pilot.press("enter")
        await settle(pilot)
        warning = str(dialog.query_one("#share-warning", Static).content)
        assert "privénotities inbegrepen" in warning and app.screen is dialog
        field = dialog.query_one("#share-folder", Input)
        field.value = str(odd)
        await pilot.press("enter")
        await synced(pilot)
        assert "~/[b]PLG[red] ma, als sanne-de-vries-" in content_text(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        assert "Gedeelde map ~/[b]PLG[red] ma · bijgewerkt om" in screen_text(app)

    run(app, session, scenario)
    assert len(list(odd.glob("sanne-de-vries-*.plgcycle.json"))) == 1
    # and stopping, from the same dialog
    app, session = open_app(sanne)

    async def stop(pilot):
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        app.screen.query_one("#share-stop", Button).press()
        await settle(pilot)
        assert "Delen gestopt." in "\n".join(notifications(app))
        assert "Niet ingesteld." in content_text(app.screen)

    run(app, session, stop)
    with Store(sanne, readonly=True) as store:
        assert share.config_from(store.setting) is None


def test_a_folder_that_cannot_be_reached_is_a_notification_and_the_app_goes_on(tmp_path, folder):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    folder.rename(tmp_path / "weg")
    app, session = open_app(sanne)

    async def scenario(pilot):
        shown = "\n".join(notifications(app))
        assert "De gedeelde map" in shown and "is niet bereikbaar" in shown
        assert "Gedeelde map ~/PLG: niet bijgewerkt · s: opnieuw proberen" in screen_text(app)
        await pilot.press("n")  # the app goes on
        await settle(pilot)
        assert not isinstance(app.screen, HomeScreen)

    run(app, session, scenario)


def test_a_read_only_window_leaves_the_folder_to_the_other_window(tmp_path, folder):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    share_in(teacher(tmp_path / "ahmed.json", "ahmed"), folder)
    first = Store(sanne)
    try:
        app, session = open_app(sanne)
        assert session.readonly

        async def scenario(pilot):
            await pilot.press("s")
            await settle(pilot)
            assert "het andere plgcycle-venster deelt" in "\n".join(notifications(app))

        run(app, session, scenario)
    finally:
        first.close()
    assert pid("ahmed") not in records(sanne)
    assert json.loads(own_file(folder, sanne).read_text())["exported_by"]["id"] == pid("sanne")


def test_a_new_key_from_the_folder_is_accepted_in_the_app_after_a_yes(tmp_path, folder):
    """A colleague's file with a new key waits; the palette command asks (no: nothing
    changes), and a yes keeps the key, confirms it and takes the colleague's work in."""
    from plgcycle import exchange
    from plgcycle.signing import controlecode
    from screens.dialogs.confirm import ConfirmDialog
    from tests.trust_helpers import key_of, own_env

    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    with Store(sanne) as store:
        store.set_keys("pins", {pid("ahmed"): key_of("ahmed").public})
    laptop = own_env("ahmed", key=key_of("ahmed", 1))  # Ahmed's new laptop
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(laptop))
    new_key = key_of("ahmed", 1).public
    app, session = open_app(sanne)

    async def scenario(pilot):
        shown = "\n".join(notifications(app))
        assert "andere sleutel" in shown and "Nieuwe sleutel van een collega" in shown
        assert pid("ahmed") not in records_now(session)
        await pilot.press("escape")  # the notices away
        app.action_open("accept-key")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert controlecode(new_key) in content_text(app.screen)
        await pilot.press("escape")  # not now: nothing changes
        await settle(pilot)
        assert session.keys("accepted") == {}
        app.action_open("accept-key")
        await settle(pilot)
        app.screen.query_one("#yes", Button).press()
        await synced(pilot)
        assert session.keys("accepted") == {pid("ahmed"): new_key}
        assert session.keys("confirmed") == {pid("ahmed"): new_key}
        assert pid("ahmed") in records_now(session)
        assert "Bevestigd: de sleutel van Ahmed El Amrani" in "\n".join(notifications(app))
        app.action_open("accept-key")
        await settle(pilot)
        assert "Er wacht geen nieuwe sleutel" in "\n".join(notifications(app))

    run(app, session, scenario)


def records_now(session: Session) -> set[str]:
    return {r.owner for r in session.records()}
