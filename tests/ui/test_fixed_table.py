"""FixedTable: no measuring when widths and heights are set, DataTable's behaviour otherwise."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import App
from textual.widgets import DataTable

from screens.widgets.fixed_table import FixedTable


def run_table(auto_width: bool) -> FixedTable:
    class Host(App):
        def compose(self):
            yield FixedTable(id="t")

    app = Host()

    async def main():
        async with app.run_test(size=(80, 20)) as pilot:
            table = app.query_one(FixedTable)
            table.add_column("Naam", key="name", width=None if auto_width else 12)
            table.add_column("Vraag", key="question", width=30)
            for i in range(200):
                table.add_row(Text(f"Docent {i:03d} met een lange naam"), Text(f"Vraag {i}"),
                              height=2, key=str(i))
            await pilot.pause()
            table.move_cursor(row=150)
            await pilot.pause()
            app.result = table
    asyncio.run(main())
    return app.result


def test_fixed_widths_are_not_measured_and_the_size_is_right():
    table = run_table(auto_width=False)
    widths = [c.get_render_width(table) for c in table.ordered_columns]
    assert widths == [12 + 2, 30 + 2]
    assert [c.content_width for c in table.ordered_columns] == [4, 5]  # the labels only
    assert table.virtual_size.width == sum(widths)
    assert table.virtual_size.height == 200 * 2 + 1  # rows and the header
    assert table.cursor_row == 150 and table.scroll_y > 0


def test_an_auto_width_column_is_measured_as_in_datatable():
    table = run_table(auto_width=True)
    name = table.ordered_columns[0]
    assert name.content_width == len("Docent 000 met een lange naam")
    assert table.virtual_size.width == name.get_render_width(table) + 32


def test_cells_are_drawn_exactly_as_datatable_draws_them():
    """Every line of a FixedTable equals DataTable's, for every kind of cell and row state."""

    class Host(App):
        def compose(self):
            yield FixedTable(id="fixed", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="plain", cursor_type="row", zebra_stripes=True)

    rows = [
        (Text("Sanne de Vries", style="bold"), Text("2", justify="right"),
         Text.assemble(("●●", "green"), ("○○○", "dim"), " 3"), Text("regel één\nregel twee", style="italic")),
        (Text.assemble(("Lotte", "bold"), ("\nsubgroep A", "dim")), Text("10"), Text("名前のある人"),
         Text("")),
        ("[b]markup[/b] string", Text("te lang voor deze kolom, dus afgebroken"), Text("a\tb"),
         Text("drie\nregels\nhoog")),
        (Text("Pieter", style="#d08a3a on #222222"), Text("x", justify="center"), Text("\x1b[31m"),
         Text.assemble("de ", ("nadruk", "underline"), " valt")),
    ]
    app = Host()

    async def main():
        async with app.run_test(size=(100, 40)) as pilot:
            fixed, plain = app.query_one("#fixed", FixedTable), app.query_one("#plain", DataTable)
            for table in (fixed, plain):
                table.styles.height = 14
                for key, label, width in (("a", "Naam", 16), ("b", "Nr", 4), ("c", "Stappen", 12),
                                          ("d", "Tekst", 14)):
                    table.add_column(Text(label, style="bold"), key=key, width=width)
                for i, cells in enumerate(rows):
                    table.add_row(*cells, key=str(i), height=2)
            for cursor in (0, 1, 3):
                for focused in (False, True):
                    lines = []
                    for table in (fixed, plain):
                        table.move_cursor(row=cursor, animate=False)
                        app.set_focus(table if focused else None)
                        await pilot.pause()
                        lines.append([list(table.render_line(y)) for y in range(table.size.height)])
                    assert lines[0] == lines[1], (cursor, focused)

    asyncio.run(main())
