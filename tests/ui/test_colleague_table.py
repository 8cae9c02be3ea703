"""ColleagueTable on the colleagues screen: fixed columns, rows keyed by round, filled once."""

from __future__ import annotations

from rich.text import Text

from plgcycle import cycle
from plgcycle.store import Store
from screens.colleagues import ColleaguesScreen
from screens.widgets.colleague_list import NAME_W
from screens.widgets.colleague_table import ROUND_W, STEPS_W, ColleagueTable

from .helpers import drive, screen_text, settle
from .hostile import fill as fill_hostile


async def open_colleagues(app, pilot) -> ColleagueTable:
    app.push_screen(ColleaguesScreen())
    await settle(pilot)
    return app.screen.query_one("#all-colleagues", ColleagueTable)


def question_width(table: ColleagueTable) -> int:
    return table.columns[table.ordered_columns[3].key].width


def test_columns_have_set_widths_and_the_question_takes_what_is_left(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        table = await open_colleagues(app, pilot)
        widths = [column.width for column in table.ordered_columns]
        assert [c.key.value for c in table.ordered_columns] == [
            "name",
            "round",
            "steps",
            "question",
        ]
        assert widths[:3] == [NAME_W, ROUND_W, STEPS_W]
        assert not any(column.auto_width for column in table.ordered_columns)
        # Two cells of padding per column and one for a scrollbar: the columns fill the table.
        assert sum(widths) + 2 * 4 + 1 == table.size.width
        assert all(row.height == 1 for row in table.rows.values())
        # One row per colleague's question, keyed by the round's id.
        index = app.session.index()
        for key in table.rows:
            assert index.view(key.value).round.owner != app.session.me
        narrow = question_width(table)
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert question_width(table) == narrow + 20
        await pilot.resize_terminal(60, 20)  # narrow: the name gives way, the table still fits
        await settle(pilot)
        widths = [column.width for column in table.ordered_columns]
        assert widths[0] < NAME_W and sum(widths) + 2 * 4 + 1 == table.size.width

    drive(app, scenario)


def test_a_refill_keeps_the_cursor_on_the_same_question(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        table = await open_colleagues(app, pilot)
        assert table.row_count > 2
        table.focus()
        table.move_cursor(row=2, animate=False)
        await settle(pilot)
        key = table.coordinate_to_cell_key((2, 0)).row_key.value
        index = app.session.index()
        rounds = [index.view(k.value).round for k in table.rows]
        table.fill(index, [r for r in rounds if r.id != rounds[0].id])  # a row above it goes
        await settle(pilot)
        assert table.cursor_row == 1
        assert table.coordinate_to_cell_key((1, 0)).row_key.value == key
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.round_id == key

    drive(app, scenario)


def test_the_screen_fills_the_table_once_and_again_after_a_change(
    demo_store, make_app, monkeypatch
):
    fills = []
    original = ColleagueTable.fill
    monkeypatch.setattr(
        ColleagueTable,
        "fill",
        lambda self, index, rounds: (fills.append(len(rounds)), original(self, index, rounds)),
    )
    app = make_app(demo_store)

    async def scenario(pilot):
        table = await open_colleagues(app, pilot)
        assert len(fills) == 1  # not again when the screen is first shown
        table.focus()
        await pilot.press("enter")  # a colleague's question, and back: nothing changed
        await settle(pilot)
        round_id = app.screen.round_id
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ColleaguesScreen) and len(fills) == 1
        await pilot.press("enter")
        await settle(pilot)
        # Feedback given on the question (as its screen does): the records changed.
        me = app.session.me
        feedback = cycle.new_feedback(
            app.session.index().view(round_id).round,
            me,
            "tip",
            "Probeer een exit ticket",
            "Ahmed",
            giver=me,
            given_on="2026-11-23",
        )
        assert app.session.save([feedback])
        await pilot.press("escape")
        await settle(pilot)
        assert len(fills) == 2 and table.row_count == fills[0]

    drive(app, scenario)


def test_names_and_questions_are_shown_literally(db_path, clock, make_app):
    fill_hostile(db_path, clock)
    store = Store(db_path, clock=clock)
    app = make_app(store)

    async def scenario(pilot):
        table = await open_colleagues(app, pilot)
        assert all(isinstance(cell, Text) for row in table.rows for cell in table.get_row(row))
        text = screen_text(app)
        assert "[red]x[/red] vraag van een colle" in text  # cut to leave room for the mark
        assert "· niet ondertekend" in text  # imported from a version-1 file: marked
        assert "[blink]Collega[/blink" in text  # the name cut to its column
        assert "\x1b" not in text

    drive(app, scenario)
    store.close()
