"""Every line the review's table shows belongs to the row it stands for, whatever was sorted or filtered.

Hypothesis presses the review's own keys at random (sort, step, no movement,
subgroup, cursor and page keys) over a PLG of 150 teachers, and after every key
compares each visible line of the table with the row at that place in the list
the screen says it shows; that list is checked against the core's own filter and
sort, and the detail pane against the cursor row.  The lines are read twice:
as Textual composes the screen now, and as a terminal would show them after
receiving every update Textual sent since the start (a line the app forgot to
repaint stays stale there).  The same is done for RowTable alone with random
sets of rows.  After every key the table also keeps its own promise about where
it stands: the top line is a row's first line and the cursor row shows whole, also
when new column widths brought or took a horizontal scrollbar (which changes the
view's height after the table measured it).
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App
from textual.widgets import Static

from plgcycle import i18n
from plgcycle import review as rv
from plgcycle.model import ACTION, FEEDBACK, PERSON, ROUND, TRYOUT, Record, iso
from plgcycle.session import Session
from screens.review import ReviewScreen
from screens.widgets.row_table import HEADER, ROW_HEIGHT, RowTable

TODAY = date(2026, 11, 23)
KEYS = [
    "o",
    "s",
    "x",
    "g",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "c",
    "home",
    "end",
    "up",
    "down",
    "pageup",
    "pagedown",
    "right",
    "left",
]
SIZES = [(100, 30), (80, 24), (120, 41), (90, 25)]


class Terminal:
    """What a terminal shows after every update the app sent it (from the first frame on)."""

    def __init__(self, app: App, width: int, height: int) -> None:
        from textual._compositor import ChopsUpdate, LayoutUpdate

        self.cells = [[" "] * width for _ in range(height)]
        display = app._display

        def capture(screen, update) -> None:
            if screen is app.screen and not app._batch_count:
                if isinstance(update, LayoutUpdate):
                    for y, line in enumerate(update.strips, update.region.y):
                        self._put(update.region.x, y, "".join(strip.text for strip in line))
                elif isinstance(update, ChopsUpdate):  # as ChopsUpdate.render_segments writes
                    for y, x1, x2 in update.spans:
                        for end, (x, strip) in zip(
                            update.chop_ends[y], update.chops[y].items(), strict=False
                        ):
                            if strip is None or x > x2 or end <= x1:
                                continue
                            if not (x2 > x >= x1 and end <= x2):
                                strip = strip.crop(0, min(end, x2) - x)
                            self._put(x, y, strip.text)
            display(screen, update)

        app._display = capture

    def _put(self, x: int, y: int, text: str) -> None:
        if 0 <= y < len(self.cells):
            row = self.cells[y]
            for i, char in enumerate(text[: max(0, len(row) - x)]):
                row[x + i] = char

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]


def shown_lines(app: App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def misplaced(table: RowTable) -> list[str]:
    """How the table stands wrong: scrolled to a row's second line, or the cursor row not whole."""
    view = table.scrollable_content_region.height - HEADER
    y, top = round(table.scroll_y), table.cursor_row * ROW_HEIGHT
    found = []
    if y % ROW_HEIGHT:
        found.append(f"the top line is the second line of row {y // ROW_HEIGHT}")
    if table.row_count and view >= ROW_HEIGHT and not y <= top <= y + view - ROW_HEIGHT:
        found.append(f"cursor row {table.cursor_row} not whole in lines {y}-{y + view - 1}")
    return found


async def settled(pilot, table: RowTable) -> None:
    """Pause until the table stands as it should: under load a layout or two may still be due."""
    for _ in range(20):
        if not misplaced(table):
            return
        await pilot.pause()


def wrong_lines(table: RowTable, lines: list[str], row_cells) -> list[tuple]:
    """Every visible line of ``table`` that is not the line of the row it stands for."""
    region = table.scrollable_content_region
    scroll_x, scroll_y = round(table.scroll_x), round(table.scroll_y)
    wrong = []
    for y in range(HEADER, region.height):
        row, n = divmod(y - HEADER + scroll_y, ROW_HEIGHT)
        seen = lines[region.y + y][region.x : region.x + region.width]
        if row >= table.row_count:
            expected = " " * region.width
        else:
            cells = [cell.split("\n", allow_blank=True) for cell in row_cells(row)]
            expected = (
                table._line(cells, n).crop_extend(scroll_x, scroll_x + region.width, None).text
            )
        if seen != expected:
            wrong.append((row, n, expected.strip(), seen.strip()))
    return wrong


# --- the review screen ---------------------------------------------------------------------------


def plg(teachers: int = 150, seed: int = 3) -> list[Record]:
    """Teachers in subgroups of different sizes, at every step, some without a question."""
    rng = random.Random(seed)
    base = datetime.combine(TODAY, dtime(12), tzinfo=UTC)
    records: list[Record] = []
    people = [f"00000000-0000-4000-8000-{i:012d}" for i in range(teachers)]
    ids = iter(f"10000000-0000-4000-8000-{n:012d}" for n in range(10**6))
    for i, pid in enumerate(people):
        records.append(
            Record(
                PERSON,
                pid,
                {
                    "name": rng.choice(["An", "Bram", "Ingrid van Oosterhout", "Els"])
                    + f" {i:03d}",
                    "subgroup": rng.choice(["A", "B", "C", "Bovenbouw", ""]),
                },
                pid,
                1,
                iso(base - timedelta(days=300)),
            )
        )
    for i, pid in enumerate(people):
        if rng.random() < 0.1:
            continue  # no question yet
        stage, days = rng.randint(1, 5), rng.randint(0, 90)
        steps = {"baseline": {"sources": "toets"}}
        if stage >= 2:
            steps["approach"] = {"approach": "filmpjes"}
        if stage >= 4:
            steps["analyse"] = {"worked": "meer"}
        if stage == 5:
            steps["apply"] = {"conclusions": "werkt", "decision": "adopt"}
        round_id = next(ids)
        records.append(
            Record(
                ROUND,
                pid,
                {
                    "question": f"Hoe activeer ik klas {i}?",
                    "round_no": 1,
                    "chain": round_id,
                    "steps": steps,
                    "closed_at": iso(base - timedelta(days=days))
                    if stage == 5 and rng.random() < 0.5
                    else None,
                },
                round_id,
                2,
                iso(base - timedelta(days=days)),
            )
        )
        if stage >= 2:
            records.append(
                Record(
                    TRYOUT,
                    pid,
                    {
                        "round": round_id,
                        "class_group": "3 havo",
                        "what": "x",
                        "planned_date": f"2026-12-0{rng.randint(1, 9)}",
                        **({"run_date": "2026-11-05", "happened": "ok"} if stage >= 3 else {}),
                    },
                    next(ids),
                    1,
                    iso(base - timedelta(days=days)),
                )
            )
        for _ in range(rng.randint(0, 6)):
            giver = rng.choice(people)
            records.append(
                Record(
                    FEEDBACK,
                    giver,
                    {
                        "round": round_id,
                        "type": "tip",
                        "text": "c",
                        "giver": giver,
                        "given_on": "2026-11-02",
                    },
                    next(ids),
                    1,
                    iso(base - timedelta(days=days)),
                )
            )
        if rng.random() < 0.6:
            records.append(
                Record(
                    ACTION,
                    pid,
                    {
                        "text": "v",
                        "due": f"2026-11-{rng.randint(10, 30)}",
                        "done": False,
                        "round": round_id,
                    },
                    next(ids),
                    1,
                    iso(base - timedelta(days=5)),
                )
            )
    return records


DATA = rv.ReviewData(plg())


class Facilitator(App):
    def __init__(self) -> None:
        super().__init__()
        self.session, self.lang = Session(None, today=TODAY), i18n.current_language()

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(DATA, rule=rv.StalledRule(days=30)))


def check_review(app: App, terminal: Terminal, after: list[str]) -> None:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    table = screen.query_one("#review-table", RowTable)
    # The list the screen shows is the core's filter and sort of the overview.
    rows = rv.filter_rows(
        screen.overview.rows,
        step=screen.step,
        stalled=screen.stalled_only,
        subgroup=screen.subgroup,
    )
    assert screen.shown == rv.sort_rows(rows, screen.sort), after
    assert table.row_count == len(screen.shown)
    assert [table.row_key(i) for i in range(table.row_count)] == [
        row.round_id for row in screen.shown
    ], after
    labels = screen._labels()

    def cells(index: int) -> list[Text]:
        return [Text.assemble(*cell) for cell in screen._cell_parts(screen.shown[index], labels)]

    for i in range(table.row_count):  # every line kept, drawn or not in view now
        kept = table.drawn_lines(i)
        if kept is not None:
            made = [c.split("\n", allow_blank=True) for c in cells(i)]
            assert kept == tuple(table._line(made, n).text for n in range(ROW_HEIGHT)), (i, after)
    assert wrong_lines(table, shown_lines(app), cells) == [], after
    assert wrong_lines(table, terminal.lines(), cells) == [], ("on the terminal", after)
    assert misplaced(table) == [], after
    if screen.shown:  # the detail pane is about the cursor row
        row = screen.shown[table.cursor_row]
        assert row.name in str(screen.query_one("#review-preview", Static).render())


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    keys=st.lists(st.sampled_from(KEYS), min_size=1, max_size=25),
    size=st.sampled_from(SIZES),
    burst=st.booleans(),
)
def test_every_visible_line_is_the_line_of_its_row_after_any_sort_and_filter(keys, size, burst):
    from textual import events

    app = Facilitator()
    terminal = Terminal(app, *size)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await settled(pilot, app.screen.query_one("#review-table", RowTable))
            check_review(app, terminal, [])
            if burst:  # keys faster than frames: all of them before the next one is drawn
                for key in keys:
                    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
                await pilot.pause()
                await pilot.pause()
                await settled(pilot, app.screen.query_one("#review-table", RowTable))
                check_review(app, terminal, keys)
                return
            for done in range(len(keys)):
                await pilot.press(keys[done])
                await pilot.pause()
                await settled(pilot, app.screen.query_one("#review-table", RowTable))
                check_review(app, terminal, keys[: done + 1])

    asyncio.run(main())


def test_the_reported_keys_show_every_row_as_it_is():
    """The sequence of the report: End, o, o, s, x, g, 0, x, g five times, Home."""
    keys = ["end", "o", "o", "s", "x", "g", "0", "x", "g", "g", "g", "g", "g", "home"]
    for size in SIZES:
        app = Facilitator()
        terminal = Terminal(app, *size)

        async def main(app=app, terminal=terminal, size=size) -> None:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                for done, key in enumerate(keys):
                    await pilot.press(key)
                    await pilot.pause()
                    await settled(pilot, app.screen.query_one("#review-table", RowTable))
                    check_review(app, terminal, keys[: done + 1])

        asyncio.run(main())


# --- RowTable alone --------------------------------------------------------------------------------


class Host(App):
    def compose(self):
        yield RowTable(id="t")


rows_strategy = st.lists(
    st.tuples(st.integers(0, 999), st.sampled_from(["A", "B", "", "Bovenbouw"])),
    min_size=0,
    max_size=60,
    unique_by=lambda r: r[0],
)
# Narrow columns, and columns wider than the terminal (a horizontal scrollbar).
widths_strategy = st.sampled_from([(18, 14), (30, 24), (18, 26)])
operations = st.lists(
    st.one_of(
        st.tuples(st.just("show"), rows_strategy, st.integers(0, 80), widths_strategy),
        st.tuples(
            st.just("key"),
            st.sampled_from(["home", "end", "up", "down", "pageup", "pagedown", "right"]),
        ),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(ops=operations, height=st.integers(8, 21))
def test_row_table_shows_each_row_its_own_lines_after_any_new_set_of_rows(ops, height):
    app = Host()
    terminal = Terminal(app, 50, height)
    current: list[tuple[int, str]] = []

    def cells_of(rows):
        def cells(index: int) -> list[Text]:
            number, group = rows[index]
            return [
                Text(f"Docent {number:03d}" + (f"\nsubgroep {group}" if group else "")),
                Text(f"{number * 7 % 13} gegeven\n{number % 5 + 1} stap"),
            ]

        return cells

    async def main() -> None:
        async with app.run_test(size=(50, height)) as pilot:
            table = app.query_one(RowTable)
            table.focus()
            for op in ops:
                if op[0] == "show":
                    current[:] = op[1]
                    table.show(
                        [Text("Naam"), Text("Cijfers")],
                        list(op[3]),
                        len(current),
                        cells_of(list(current)),
                        cursor=op[2],
                        keys=[number for number, _group in current],
                    )
                else:
                    await pilot.press(op[1])
                await pilot.pause()
                await settled(pilot, table)
                expected = cells_of(list(current))
                assert wrong_lines(table, shown_lines(app), expected) == [], ops
                assert wrong_lines(table, terminal.lines(), expected) == [], ("terminal", ops)
                assert misplaced(table) == [], ops

    asyncio.run(main())
