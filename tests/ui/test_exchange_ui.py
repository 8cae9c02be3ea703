"""The import screen and the export dialog, driven with Textual's Pilot in a small harness app
that offers what the screens need from the real app: ``store`` and ``today``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Button, Input, OptionList, RadioButton, SelectionList, Static

from plgcycle import exchange
from plgcycle.keyfile import install_key
from plgcycle.ownkey import ensure_key
from plgcycle.session import Session
from plgcycle.store import Store
from screens.dialogs.confirm import ConfirmDialog
from screens.dialogs.export import ExportDialog, ExportResult
from screens.exchange import FOLDER_SETTING, ImportResult, ImportScreen
from tests.exchange_helpers import TODAY, own, pid, teacher_store, write_file
from tests.trust_helpers import key_of
from tests.ui.helpers import content_text

SIZE = (100, 30)


class Harness(App):
    """Stands in for PlgApp: a store, a date, and the screen under test pushed on start."""

    def __init__(self, store, make_screen):
        super().__init__()
        self.session = Session(store, today=TODAY)
        self.session.on_change(self._changed)
        self.make_screen = make_screen
        self.results: list = []
        self.changed = 0

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)

    def _changed(self, reason: str) -> None:
        self.changed += 1


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder with an export folder in it; paths show as ~/... on screen."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    exports = tmp_path / "uitwisseling"
    exports.mkdir()
    return tmp_path


@pytest.fixture
def sanne(home, clock):
    install_key(home / "sanne.json", key_of("sanne"))  # a known key: a fixed check code
    store = teacher_store(home / "sanne.json", "sanne", clock)
    ensure_key(store)  # and her profile names it, as after her first export
    yield store
    store.close()


def fill_folder(folder: Path) -> None:
    write_file(folder, "ahmed")
    write_file(folder, "lotte")
    bad = json.loads(
        exchange.encode(
            exchange.envelope(own("joris"), {"id": pid("joris"), "name": "Joris Bakker"})
        )
    )
    bad["records"][1]["data"]["question"] = 7
    (folder / "joris.plgcycle.json").write_text(json.dumps(bad), encoding="utf-8")
    (folder / "notities.txt").write_text("geen export", encoding="utf-8")
    (folder / "oud").mkdir()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(widget: Static) -> str:
    return str(widget.render())


# --- import screen --------------------------------------------------------------------------------


def test_import_screen_lists_files_shows_the_summary_and_imports_on_i(home, sanne):
    folder = home / "uitwisseling"
    fill_folder(folder)
    db = sanne.path

    async def scenario():
        app = Harness(sanne, lambda: ImportScreen(folder))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            files = app.screen.query_one("#file-list", SelectionList)
            assert files.option_count == 3
            prompts = [str(files.get_option_at_index(i).prompt) for i in range(3)]
            assert prompts[0].startswith("Ahmed El Amrani · 23 nov 2026")
            assert "niet bruikbaar" in prompts[1] and files.get_option_at_index(1).disabled
            summary = app.screen.query_one("#import-summary", Static)
            assert "joris.plgcycle.json: record 2" in text_of(summary)
            before = db.read_bytes()
            await pilot.press("space")
            await pilot.pause()
            shown = text_of(summary)
            assert "ahmed.plgcycle.json — Ahmed El Amrani" in shown
            assert "nieuw: 10" in shown and "Druk op i om te importeren: 10 nieuw" in shown
            assert db.read_bytes() == before  # choosing writes nothing
            await pilot.press("a")  # all usable files
            await pilot.pause()
            assert len(files.selected) == 2
            await pilot.press("i")
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    assert app.results == [
        ImportResult(
            (
                home / "uitwisseling" / "ahmed.plgcycle.json",
                home / "uitwisseling" / "lotte.plgcycle.json",
            ),
            len(own("ahmed")) + len(own("lotte")),
            0,
        )
    ]
    assert app.changed == 1
    with Store(db, readonly=True) as store:
        assert store.get(pid("lotte")) is not None
        assert store.setting(FOLDER_SETTING) == str(home / "uitwisseling")


def test_import_screen_navigates_folders(home, sanne):
    folder = home / "uitwisseling"
    fill_folder(folder)

    async def scenario():
        app = Harness(sanne, ImportScreen)  # no folder given: Downloads is missing, so cwd
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert screen.folder == home
            assert screen.query_one("#folder-input", Input).value == "~"
            folders = screen.query_one("#folder-list", OptionList)
            labels = [
                str(folders.get_option_at_index(i).prompt) for i in range(folders.option_count)
            ]
            assert "▸ uitwisseling" in labels
            folders.focus()
            folders.highlighted = labels.index("▸ uitwisseling")
            await pilot.press("enter")
            await settle(pilot)
            assert screen.folder == folder
            assert screen.query_one("#file-list", SelectionList).option_count == 3
            screen.query_one("#file-list", SelectionList).focus()
            await pilot.press("backspace")
            await settle(pilot)
            assert screen.folder == home
            path_input = screen.query_one("#folder-input", Input)
            path_input.focus()
            path_input.value = "~/bestaat-niet"
            await pilot.press("enter")
            await pilot.pause()
            assert screen.folder == home
            assert any("is geen map" in n.message for n in app._notifications)
            path_input.value = "~/uitwisseling"
            await pilot.press("enter")
            await settle(pilot)
            assert screen.folder == folder
            await pilot.press("escape")
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    assert app.results == [None]


def test_import_screen_needs_a_choice_and_reports_a_read_only_database(home, sanne):
    folder = home / "uitwisseling"
    write_file(folder, "ahmed")
    sanne.close()
    readonly = Store(sanne.path, readonly=True)
    before = sanne.path.read_bytes()

    async def scenario():
        app = Harness(readonly, lambda: ImportScreen(folder))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("i")
            await pilot.pause()
            assert any("Kies eerst minstens één bestand" in n.message for n in app._notifications)
            await pilot.press("space", "i")
            await pilot.pause()
            errors = [n for n in app._notifications if n.severity == "error"]
            assert errors and "alleen-lezen" in errors[0].message.lower()
            assert isinstance(app.screen, ImportScreen)  # stays, nothing lost
        return app

    app = asyncio.run(scenario())
    assert app.results == []
    assert sanne.path.read_bytes() == before


def test_import_screen_shows_names_literally(home, sanne):
    folder = home / "uitwisseling"
    records = own("ahmed")
    person = next(r for r in records if r.id == pid("ahmed"))
    person.data["name"] = "[bold red]Ahmed[/] \x1b[2J"
    env = exchange.envelope(records, {"id": pid("ahmed"), "name": person.data["name"]})
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(env))

    async def scenario():
        app = Harness(sanne, lambda: ImportScreen(folder))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            files = app.screen.query_one("#file-list", SelectionList)
            assert str(files.get_option_at_index(0).prompt).startswith(
                "[bold red]Ahmed[/] \\x1b[2J"
            )
            await pilot.press("space")
            await pilot.pause()
            assert "[bold red]Ahmed[/] \\x1b[2J" in text_of(
                app.screen.query_one("#import-summary", Static)
            )

    asyncio.run(scenario())


def test_snapshot_import_screen(home, sanne, snap_compare):
    folder = home / "uitwisseling"
    fill_folder(folder)

    async def choose(pilot):
        await settle(pilot)
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(
        Harness(sanne, lambda: ImportScreen(folder)), terminal_size=SIZE, run_before=choose
    )


# --- export dialog ----------------------------------------------------------------------------------


def test_export_dialog_previews_and_writes_the_file(home, sanne):
    async def scenario():
        app = Harness(sanne, ExportDialog)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            preview = text_of(app.screen.query_one("#export-preview", Static))
            assert "2 leervraagrondes" in preview and "Genoemde personen: Sanne de Vries" in preview
            path_input = app.screen.query_one("#export-path", Input)
            assert path_input.value == "~/sanne-de-vries-2026-11-23.plgcycle.json"
            app.screen.query_one("#export-profile").focus()
            await pilot.press("down", "enter")  # the keyboard way to choose "progress only"
            await pilot.pause()
            assert app.screen.query_one("#profile-progress", RadioButton).value
            assert path_input.value == "~/sanne-de-vries-2026-11-23-voortgang.plgcycle.json"
            assert "alleen voortgang" in text_of(app.screen.query_one("#export-preview", Static))
            await pilot.click("#export-write")
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    target = home / "sanne-de-vries-2026-11-23-voortgang.plgcycle.json"
    assert app.results == [ExportResult(target, "progress", len(own("sanne")))]
    assert exchange.read_export(target).profile == "progress"


def test_export_dialog_asks_before_replacing_and_reports_errors(home, sanne):
    existing = home / "sanne-de-vries-2026-11-23.plgcycle.json"
    existing.write_text("oud", encoding="utf-8")

    async def scenario():
        app = Harness(sanne, ExportDialog)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), "an existing file: asked first"
            assert "bestaat al. Vervangen?" in content_text(app.screen)
            await pilot.press("escape")  # no: back in the dialog, nothing written
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            assert existing.read_text(encoding="utf-8") == "oud"
            path_input = app.screen.query_one("#export-path", Input)
            path_input.value = "~/geen/map/hier.plgcycle.json"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert any(n.severity == "error" for n in app._notifications), [
                (n.severity, n.message) for n in app._notifications
            ]
            assert isinstance(app.screen, ExportDialog)
            assert path_input.value == "~/geen/map/hier.plgcycle.json"  # the typed name stays
            path_input.value = "~/sanne-de-vries-2026-11-23.plgcycle.json"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.click("#yes")
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    assert app.results and app.results[0].path == existing
    assert exchange.read_export(existing).exported_by["name"] == "Sanne de Vries"


def test_export_dialog_without_a_teacher_cannot_export(home):
    store = Store(home / "leeg.json")

    async def scenario():
        app = Harness(store, ExportDialog)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#export-write", Button).disabled
            assert "vul eerst je naam in" in text_of(
                app.screen.query_one("#export-preview", Static)
            )
            await pilot.press("escape")
            await pilot.pause()
        return app

    try:
        assert asyncio.run(scenario()).results == [None]
    finally:
        store.close()
    assert not list(home.glob("*.plgcycle.json"))


def test_snapshot_export_dialog(home, sanne, snap_compare):
    sanne.apply(own("ahmed"))  # so that the feedback's recipient has a name
    assert snap_compare(Harness(sanne, ExportDialog), terminal_size=SIZE)


def _shown(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_export_dialog_opens_on_the_choice_and_an_enter_writes_nothing(home, sanne):
    """The first key presses choose what to share; only the Export button writes."""

    async def scenario():
        app = Harness(sanne, ExportDialog)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.focused is app.screen.query_one("#export-profile")
            await pilot.press("enter")  # out of habit: the highlighted choice stays chosen
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog) and not list(home.glob("*.plgcycle.json"))
            await pilot.press("down", "enter")  # one arrow away: progress only
            await pilot.pause()
            assert app.screen.query_one("#profile-progress", RadioButton).value
            await pilot.press("tab", "enter")  # enter in the file name moves on
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            assert not list(home.glob("*.plgcycle.json"))
            assert app.screen.focused is app.screen.query_one("#export-write", Button)
            await pilot.press("enter")  # on the Export button: now it is written
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    assert [r.profile for r in app.results] == ["progress"]


def test_choices_read_without_colour(home, sanne):
    """The chosen option has a mark the other lacks: in the export dialog and the import list."""
    folder = home / "uitwisseling"
    fill_folder(folder)

    async def export():
        app = Harness(sanne, ExportDialog)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = _shown(app)
            assert "▐●▌ Alles wat je schreef" in shown
            assert "▐ ▌ Alleen voortgang" in shown

    async def import_():
        app = Harness(sanne, lambda: ImportScreen(folder))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "☐ Ahmed El Amrani" in _shown(app)
            await pilot.press("space")
            await pilot.pause()
            shown = _shown(app)
            assert "☑ Ahmed El Amrani" in shown and "☐ Lotte" in shown

    asyncio.run(export())
    asyncio.run(import_())


def test_import_screen_says_a_key_changed_and_accepts_it_only_on_yes(home, sanne):
    """Ahmed's key is pinned; his new laptop's file waits until the teacher presses k, yes."""
    from tests.trust_helpers import key_of as trust_key
    from tests.trust_helpers import own_env

    sanne.set_keys("pins", {pid("ahmed"): trust_key("ahmed").public})
    folder = home / "uitwisseling"
    env = own_env("ahmed", key=trust_key("ahmed", 1))
    (folder / "ahmed-nieuw.plgcycle.json").write_bytes(exchange.encode(env))
    db = sanne.path

    async def scenario():
        app = Harness(sanne, lambda: ImportScreen(folder))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("space")
            await pilot.pause()
            summary = app.screen.query_one("#import-summary", Static)
            shown = text_of(summary)
            assert "Druk op k om een nieuwe sleutel te accepteren" in shown
            assert "andere sleutel van Ahmed El Amrani" in shown
            assert "Niets nieuws" in shown  # nothing of his is imported meanwhile
            await pilot.press("k")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")  # not confirmed: nothing accepted
            await pilot.pause()
            assert "andere sleutel" in text_of(app.screen.query_one("#import-summary", Static))
            await pilot.press("k")
            await pilot.pause()
            await pilot.click("#yes")
            await pilot.pause()
            shown = text_of(app.screen.query_one("#import-summary", Static))
            assert "andere sleutel" not in shown and "Druk op i om te importeren" in shown
            await pilot.press("i")
            await pilot.pause()
        return app

    app = asyncio.run(scenario())
    assert app.results and app.results[0].added == len(env["records"])
    with Store(db, readonly=True) as store:
        assert store.keys("accepted") == {pid("ahmed"): trust_key("ahmed", 1).public}
