"""The agenda screen: edit items and minutes, export Markdown (Pilot tests and snapshots)."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from plgcycle import agenda, agenda_proposal, demo, i18n, review
from plgcycle.session import Session
from plgcycle.store import Store
from screens.agenda import AgendaScreen
from screens.dialogs.agenda_item import AgendaItemDialog
from screens.dialogs.review_save import SaveFileDialog

TODAY = date(2026, 11, 23)
SIZE = (100, 30)


class Harness(App):
    """Stands in for the main app: ``store``, ``today``, ``lang`` and one pushed screen."""

    def __init__(self, factory, store=None):
        super().__init__()
        self.session = Session(store, today=TODAY)
        self.lang = i18n.current_language()
        self.factory = factory

    def on_mount(self) -> None:
        self.push_screen(self.factory())


def drive(app: App, scenario, size=SIZE) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


@pytest.fixture
def plan() -> agenda.Agenda:
    _me, records = demo.build(TODAY)
    return agenda_proposal.propose(
        review.build_overview(records, TODAY, review.StalledRule(days=12))
    )


def cursor_to(screen: AgendaScreen, key: tuple[str, int | None]) -> None:
    screen.query_one("#agenda-table", DataTable).move_cursor(row=screen.keys.index(key))


def test_table_shows_the_five_parts_with_minutes(plan):
    app = Harness(lambda: AgendaScreen(plan))

    async def scenario(pilot):
        screen = app.screen
        parts = [k for k in screen.keys if k[1] is None]
        assert [k[0] for k in parts] == list(agenda.PART_KEYS)
        table = screen.query_one("#agenda-table", DataTable)
        assert (
            table.row_count == len(screen.keys) == 5 + sum(max(len(p.items), 1) for p in plan.parts)
        )
        head = str(screen.query_one("#agenda-head", Static).render())
        assert "Bijeenkomst PLG Activerend leren · 5 dec 2026 · 120 minuten in totaal" in head

    drive(app, scenario)


def test_add_edit_remove_undo_and_move_items(plan):
    app = Harness(lambda: AgendaScreen(plan))

    async def scenario(pilot):
        screen = app.screen
        cursor_to(screen, (agenda.RETRO, None))
        await pilot.press("enter")  # on a part: add an item at its top
        dialog = app.screen
        assert isinstance(dialog, AgendaItemDialog)
        await pilot.press("enter")  # empty: refused, the dialog stays
        assert app.screen is dialog
        assert "kan niet leeg zijn" in str(dialog.query_one("#item-error", Static).render())
        await pilot.press(*"Koffie en [b]thee[/b]", "enter")
        retro = plan.part(agenda.RETRO)
        assert retro.items[0].text == "Koffie en [b]thee[/b]"
        assert screen._cursor_key() == (agenda.RETRO, 0)

        await pilot.press("enter")  # on an item: change it
        field = app.screen.query_one("#item-text", Input)
        assert field.value == "Koffie en [b]thee[/b]"
        field.value = "Koffie"
        await pilot.press("enter")
        assert retro.items[0].text == "Koffie"

        await pilot.press("shift+down")
        assert retro.items[1].text == "Koffie" and screen._cursor_key() == (agenda.RETRO, 1)
        count = len(retro.items)
        await pilot.press("d")
        assert len(retro.items) == count - 1 and all(i.text != "Koffie" for i in retro.items)
        await pilot.press("u")
        assert retro.items[1].text == "Koffie"

        await pilot.press("n", *"Nieuw punt", "escape")  # cancelled: nothing added
        assert len(retro.items) == count

    drive(app, scenario)


def test_the_title_can_be_changed(plan):
    app = Harness(lambda: AgendaScreen(plan))

    async def scenario(pilot):
        await pilot.press("t")
        field = app.screen.query_one("#item-text", Input)
        assert field.value == "Bijeenkomst PLG Activerend leren"
        field.value = "Bijeenkomst 5 december [lokaal 2.14]"
        await pilot.press("enter")
        assert plan.title == "Bijeenkomst 5 december [lokaal 2.14]"
        head = str(app.screen.query_one("#agenda-head", Static).render())
        assert head.startswith("Bijeenkomst 5 december [lokaal 2.14]")

    drive(app, scenario)


def test_minutes_change_per_part_and_never_go_below_zero(plan):
    app = Harness(lambda: AgendaScreen(plan))

    async def scenario(pilot):
        screen = app.screen
        cursor_to(screen, (agenda.STANDUP, 0))
        before = plan.part(agenda.STANDUP).minutes
        await pilot.press("plus", "plus")
        assert plan.part(agenda.STANDUP).minutes == before + 10
        assert plan.total_minutes == 130
        assert f"{plan.total_minutes} minuten in totaal" in str(
            screen.query_one("#agenda-head", Static).render()
        )
        for _ in range(10):
            await pilot.press("minus")
        assert plan.part(agenda.STANDUP).minutes == 0

    drive(app, scenario)


def test_write_markdown_where_asked(plan, tmp_path):
    app = Harness(lambda: AgendaScreen(plan))
    target = tmp_path / "agenda.md"

    async def scenario(pilot):
        await pilot.press("w")
        dialog = app.screen
        assert isinstance(dialog, SaveFileDialog)
        assert dialog.query_one("#save-path", Input).value.endswith("agenda-2026-12-05.md")
        dialog.query_one("#save-path", Input).value = str(tmp_path / "nope" / "agenda.md")
        await pilot.press("enter")
        assert "bestaat niet" in str(dialog.query_one("#save-error", Static).render())
        dialog.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert "opgeslagen als agenda.md" in str(
            app.screen.query_one("#agenda-head", Static).render()
        )

    drive(app, scenario)
    assert target.read_text(encoding="utf-8") == plan.to_markdown()


def test_without_an_agenda_it_is_proposed_from_the_apps_database(tmp_path):
    path = tmp_path / "db.json"
    me, records = demo.build(TODAY)
    with Store(path) as store:
        store.apply(records)
        store.set_me(me)
    before = path.read_bytes()
    with Store(path, readonly=True) as store:
        app = Harness(lambda: AgendaScreen(), store=store)

        async def scenario(pilot):
            assert app.screen.agenda.part(agenda.EXPLORE).items

        drive(app, scenario)
    assert path.read_bytes() == before


def test_escape_leaves_when_the_agenda_is_the_only_screen(plan):
    app = Harness(lambda: AgendaScreen(plan))

    async def scenario(pilot):
        assert app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code == 0  # nothing beneath: the app closes

    drive(app, scenario)


class Review(Screen):
    """Stands for the review screen beneath the agenda."""


class Beneath(App):
    """The agenda opened over another screen (as the review's ``a`` does)."""

    def __init__(self, plan):
        super().__init__()
        self.session, self.lang, self.plan = (
            Session(None, today=TODAY),
            i18n.current_language(),
            plan,
        )

    def on_mount(self) -> None:
        self.push_screen(Review())
        self.push_screen(AgendaScreen(self.plan))


async def _add_item(pilot, text: str = "Nieuw punt") -> None:
    await pilot.press("n")
    for char in text:
        await pilot.press(char if char != " " else "space")
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("choice", ["stay", "discard", "save"])
def test_escape_with_changes_asks_save_leave_or_keep_editing(plan, tmp_path, monkeypatch, choice):
    from screens.dialogs.confirm import UnsavedDialog

    monkeypatch.chdir(tmp_path)
    app = Beneath(plan)

    async def scenario(pilot):
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape")  # nothing changed yet: no question
        await pilot.pause()
        assert not isinstance(app.screen, AgendaScreen)
        app.push_screen(screen := AgendaScreen(plan))
        await pilot.pause()
        await _add_item(pilot)
        assert screen.has_unsaved(), (app.screen, screen.agenda.to_markdown()[:300])
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.click(f"#{choice}")
        await pilot.pause()
        if choice == "stay":
            assert app.screen is screen and screen.has_unsaved()
            assert "Nieuw punt" in screen.agenda.to_markdown()
            return
        if choice == "save":
            assert isinstance(app.screen, SaveFileDialog)
            await pilot.press("enter")  # the proposed file, here
            await pilot.pause()
        assert app.screen is not screen and screen not in app.screen_stack

    drive(app, scenario)
    written = list(tmp_path.glob("*.md"))
    if choice == "save":
        assert len(written) == 1 and "Nieuw punt" in written[0].read_text(encoding="utf-8")
    else:
        assert written == []


def test_snapshot_agenda_nl(snap_compare, plan):
    assert snap_compare(Harness(lambda: AgendaScreen(plan)), terminal_size=SIZE)


def test_snapshot_agenda_item_dialog_nl(snap_compare, plan):
    assert snap_compare(
        Harness(lambda: AgendaScreen(plan)), terminal_size=SIZE, press=["down", "down", "enter"]
    )
