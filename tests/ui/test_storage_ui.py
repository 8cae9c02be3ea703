"""The app keeps the storage promises: its file dialogs never write over plgcycle's own files
and ask before replacing any other; a window whose lock was taken away stops saving, says so
and keeps what was typed."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Static

from plgcycle import cycle, i18n
from plgcycle.model import ROUND
from plgcycle.session import Session
from plgcycle.store import Store
from screens.dialogs.confirm import ConfirmDialog
from screens.dialogs.export import ExportDialog
from screens.dialogs.review_save import SaveFileDialog
from tests.exchange_helpers import TODAY, teacher_store

from .conftest import reread
from .helpers import content_text, drive, notifications, type_text

SIZE = (100, 30)


class Harness(App):
    """Stands in for the main app (``store``, ``today``, ``lang``) and shows one dialog."""

    def __init__(self, store, make_screen):
        super().__init__()
        self.session = Session(store, today=TODAY)
        self.lang = i18n.current_language()
        self.make_screen = make_screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


def run(app: App, scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def report_dialog(default: Path) -> SaveFileDialog:
    return SaveFileDialog("Verslag opslaan", default, suffixes=(".html", ".md", ".csv"))


def test_the_save_dialog_asks_before_replacing_a_file_and_keeps_the_name(tmp_path):
    target = tmp_path / "verslag.md"
    target.write_text("van vorige week", encoding="utf-8")
    app = Harness(None, lambda: report_dialog(target))

    async def scenario(pilot):
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "verslag.md bestaat al. Vervangen?" in content_text(app.screen)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert isinstance(app.screen, SaveFileDialog)
        assert app.screen.query_one("#save-path", Input).value == str(target)
        assert app.results == []
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()

    run(app, scenario)
    assert app.results == [target]
    assert target.read_text(encoding="utf-8") == "van vorige week"  # the caller writes it


def test_the_save_dialog_chooses_a_new_file_without_asking(tmp_path):
    target = tmp_path / "nieuw.md"
    app = Harness(None, lambda: report_dialog(target))

    async def scenario(pilot):
        await pilot.press("enter")
        await pilot.pause()

    run(app, scenario)
    assert app.results == [target]


def test_the_save_dialog_refuses_the_database_through_a_link_and_its_backups(tmp_path, clock):
    db = tmp_path / "plg.json"
    with Store(db, clock=clock) as store:
        store.create_me(cycle.new_person("Sanne de Vries"))
    store = Store(db, clock=clock)  # the app's own database (it keeps a backup on opening)
    link = tmp_path / "verslag.md"
    link.symlink_to(db)
    in_backups = tmp_path / "plg.json.backups" / "verslag.md"
    before = db.read_bytes()
    app = Harness(store, lambda: report_dialog(link))

    async def scenario(pilot):
        field = app.screen.query_one("#save-path", Input)
        for refused in (link, in_backups):
            field.value = str(refused)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SaveFileDialog), "no question: simply refused"
            error = str(app.screen.query_one("#save-error", Static).render())
            assert "eigen bestand van plgcycle" in error
            assert field.value == str(refused)  # the typed name stays, to change it
        await pilot.press("escape")

    try:
        run(app, scenario)
    finally:
        store.close()
    assert app.results == [None]
    assert db.read_bytes() == before and link.is_symlink()


def test_the_export_dialog_refuses_its_own_database(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    store = teacher_store(tmp_path / "sanne.json", "sanne", clock)
    from plgcycle.ownkey import ensure_key

    ensure_key(store)  # as on first run: the dialog itself then changes nothing
    before = (tmp_path / "sanne.json").read_bytes()
    app = Harness(store, ExportDialog)

    async def scenario(pilot):
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = "~/sanne.json"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        warning = str(app.screen.query_one("#export-warning", Static).render())
        assert "eigen bestand van plgcycle" in warning
        assert field.value == "~/sanne.json"
        await pilot.press("escape")

    try:
        run(app, scenario)
    finally:
        store.close()
    assert app.results == [None]
    assert (tmp_path / "sanne.json").read_bytes() == before


def test_a_window_whose_lock_was_removed_stops_saving_and_keeps_the_typed_text(
    store, db_path, make_app
):
    question = store.save(cycle.new_question(store.me, "Hoe help ik 1 mavo met zinsstarters?"))
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "1")
        await pilot.pause()
        await type_text(pilot, "Turflijsten")
        os.unlink(str(db_path) + ".lock")  # removed by something outside plgcycle ...
        with Store(db_path) as second:  # ... so a second window could open it and save
            second.save(cycle.new_question(second.me, "uit het tweede venster"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("slotbestand" in n and "niets overschreven" in n for n in notifications(app))
        assert app.screen.query_one("#field-sources").text == "Turflijsten"
        await pilot.press("ctrl+s")  # still refused: it never overwrites the other's work
        await pilot.pause()

    drive(app, scenario)
    records, _me = reread(db_path)
    assert sorted(r.text("question") for r in records.values() if r.kind == ROUND) == [
        "Hoe help ik 1 mavo met zinsstarters?",
        "uit het tweede venster",
    ]
    assert "sources" not in str(records[question.id].data)
