"""RowTable: rows made only when in view, a row cursor that moves and scrolls, cells cut to fit."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.app import App

from screens.widgets.row_table import RowTable
from tests.ui.helpers import screen_text

LABELS = [Text("Naam"), Text("Vraag")]
WIDTHS = [12, 20]


class Host(App):
    def __init__(self, count: int = 200) -> None:
        super().__init__()
        self.count = count
        self.made: list[int] = []
        self.events: list[tuple[str, int]] = []

    def compose(self):
        yield RowTable(id="t")

    def cells(self, index: int) -> list[Text]:
        self.made.append(index)
        return [
            Text.assemble((f"Docent {index:03d}", "bold"), ("\nsubgroep A", "dim")),
            Text(f"Vraag {index}"),
        ]

    def on_mount(self) -> None:
        self.query_one(RowTable).show(LABELS, WIDTHS, self.count, self.cells)
        self.query_one(RowTable).focus()

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        self.events.append(("highlighted", event.row))

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.events.append(("selected", event.row))


def run(scenario, count: int = 200, size=(60, 15)) -> Host:
    app = Host(count)

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, app.query_one(RowTable), pilot)

    asyncio.run(main())
    return app


def test_only_the_rows_in_view_are_made_and_the_size_covers_all_of_them():
    async def scenario(app, table, pilot):
        # 15 lines: a header and seven two-line rows in view.
        assert sorted(set(app.made)) == list(range(7))
        assert table.virtual_size.width == sum(w + 2 for w in WIDTHS)
        assert table.virtual_size.height in (1 + 2 * 200, 2 + 2 * 200)  # a blank line to even out
        lines = screen_text(app).splitlines()
        assert lines[0].startswith(" Naam          Vraag ")
        assert lines[1].startswith(" Docent 000    Vraag 0 ")
        assert lines[2].startswith(" subgroep A")
        made = len(app.made)
        await pilot.press("down", "up")  # rows already made are not made again
        assert len(app.made) == made

    run(scenario)


@pytest.mark.parametrize("height", [15, 16])  # an even and an odd number of lines for the rows
def test_keys_move_the_cursor_and_keep_it_in_view(height):
    async def scenario(app, table, pilot):
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and table.scroll_y == 0
        await pilot.press("pagedown")
        assert table.cursor_row == 9
        assert table.scroll_y > 0  # scrolled by whole rows so that the cursor row shows whole
        assert table.scroll_y % 2 == 0
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "Docent 009" in line)
        assert "subgroep A" in lines[at + 1]  # the cursor row shows whole
        await pilot.press("end")
        assert table.cursor_row == 199 and "Docent 199" in screen_text(app)
        assert table.scroll_y == table.max_scroll_y and table.scroll_y % 2 == 0
        await pilot.press("down")  # stays on the last row
        assert table.cursor_row == 199
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("up")
        assert table.cursor_row == 0
        assert ("highlighted", 2) in app.events and ("highlighted", 199) in app.events
        assert app.events[-1] == ("highlighted", 0)
        for _ in range(12):
            await pilot.press("down")
            assert table.scroll_y % 2 == 0  # the top line is always a row's first line

    run(scenario, size=(60, height))


def test_enter_and_a_click_on_the_cursor_row_select_a_click_elsewhere_moves_the_cursor():
    async def scenario(app, table, pilot):
        await pilot.press("enter")
        assert app.events == [("selected", 0)]
        await pilot.click(RowTable, offset=(3, 5))  # line 5: row 2 (header, rows 0 and 1 above)
        assert table.cursor_row == 2 and app.events[-1] == ("highlighted", 2)
        await pilot.click(RowTable, offset=(3, 6))  # the second line of the same row
        assert app.events[-1] == ("selected", 2)
        await pilot.click(RowTable, offset=(3, 0))  # the header: nothing
        assert table.cursor_row == 2 and len(app.events) == 3

    run(scenario)


def test_the_cursor_starts_where_asked_and_shows_after_the_first_layout():
    app = Host(200)

    async def main():
        async with app.run_test(size=(60, 15)) as pilot:
            table = app.query_one(RowTable)
            table.show(LABELS, WIDTHS, 200, app.cells, cursor=150)
            await pilot.pause()
            assert table.cursor_row == 150 and "Docent 150" in screen_text(app)
            table.show(LABELS, WIDTHS, 3, app.cells, cursor=150)  # fewer rows: the last one
            await pilot.pause()
            assert table.cursor_row == 2 and table.row_count == 3

    asyncio.run(main())


def test_cells_wider_than_their_column_are_cut_and_text_is_shown_literally():
    def cells(index):
        return [Text("[bold]Ingrid[/] van Oosterhout-Smit"), Text("\x1b[31m rood")]

    async def scenario(app, table, pilot):
        table.show(LABELS, WIDTHS, 1, cells)
        await pilot.pause()
        line = screen_text(app).splitlines()[1]
        assert line.startswith(" [bold]Ingri…  ")
        assert len(line) >= sum(w + 2 for w in WIDTHS)

    run(scenario, count=1)


def test_an_empty_table_draws_its_header_and_selects_nothing():
    async def scenario(app, table, pilot):
        await pilot.press("enter", "down", "end")
        assert app.events == [] and table.row_count == 0
        assert screen_text(app).splitlines()[0].startswith(" Naam")

    run(scenario, count=0)


def test_the_cursor_row_and_every_other_row_are_styled_as_in_datatable():
    async def scenario(app, table, pilot):
        first, second = table.render_line(1), table.render_line(3)  # the cursor row, an odd row
        third = table.render_line(5)
        cursor = table.get_component_rich_style("row-table--cursor")
        even = table.get_component_rich_style("row-table--even-row")
        assert all(
            segment.style.bgcolor == cursor.bgcolor for segment in first if segment.text.strip()
        )
        # The cursor's colour wins over a cell's own colour (here: bold text keeps bold).
        assert all(segment.style.color == cursor.color for segment in first if segment.text.strip())
        assert {segment.style.bgcolor for segment in third} == {(table.rich_style + even).bgcolor}
        assert {segment.style.bgcolor for segment in second} == {table.rich_style.bgcolor}
        assert third.cell_length == table.size.width

    run(scenario)


WIDE = [30, 30]  # wider than the 60 columns of the test's terminal: a horizontal scrollbar


@pytest.mark.parametrize(
    "before, after",
    [(WIDTHS, WIDE), (WIDE, WIDTHS)],
    ids=["a-scrollbar-comes", "the-scrollbar-goes"],
)
@pytest.mark.parametrize("height", [15, 16])
def test_new_widths_that_bring_or_take_the_horizontal_scrollbar_keep_whole_rows_in_view(
    before, after, height
):
    """A re-sort or a filter brings new column widths; a horizontal scrollbar that comes
    or goes with them takes the view's last line or gives it back, after the table measured
    the view: the top line is still a row's first line and the cursor row shows whole."""

    async def scenario(app, table, pilot):
        table.show(LABELS, before, 200, app.cells)
        await pilot.pause()
        await pilot.press("end")
        table.show(LABELS, after, 200, app.cells, cursor=199)
        await pilot.pause()
        view = table.scrollable_content_region.height - 1
        assert table.show_horizontal_scrollbar == (after is WIDE)
        assert table.scroll_y % 2 == 0  # the top line is a row's first line
        assert table.scroll_y <= 2 * 199 and 2 * 199 + 2 <= table.scroll_y + view
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "Docent 199" in line)
        assert "subgroep A" in lines[at + 1]  # not under the scrollbar
        await pilot.press("home", "end")  # and the same once the view is known
        assert table.scroll_y % 2 == 0 and table.scroll_y == table.max_scroll_y

    run(scenario, size=(60, height))


def test_rows_that_no_longer_fit_scroll_to_the_cursor_row_when_the_scrollbar_only_comes_with_them():
    """From a filter that fits the view (no vertical scrollbar yet) to one that does not."""

    async def scenario(app, table, pilot):
        table.styles.height = "1fr"  # as in the review: the table's size stays, no Resize
        table.show(LABELS, WIDTHS, 3, app.cells)
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        table.show(LABELS, WIDTHS, 200, app.cells, cursor=150)
        await pilot.pause()
        view = table.scrollable_content_region.height - 1
        assert table.scroll_y <= 2 * 150 and 2 * 150 + 2 <= table.scroll_y + view
        assert table.scroll_y % 2 == 0
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "Docent 150" in line)
        assert "subgroep A" in lines[at + 1]

    run(scenario)
