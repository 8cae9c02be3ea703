"""A read-only table of two-line rows that makes and draws only the rows in view.

The facilitator's review lists every teacher of a PLG: hundreds of rows.
Textual's DataTable wants every row's cells before it draws, keeps and measures
each cell, and draws every cell through Rich's padding and wrapping; importing,
styling and filling it was about a fifth of the review's first frame.  This table
is given the number of rows, the width of each column and a function that makes
the cells of one row.  It asks for a row's cells only when the row comes into
view and keeps the lines it drew from them.

The lines kept belong to one :meth:`RowTable.show` (a :class:`_Rows`), keyed by
the row they were drawn for (its key, given with the rows), never by a position:
a re-sort or a filter makes a new ``_Rows`` with an empty store, and a line is
only ever shown for the row it was drawn from.  Every change of what a line shows
(rows, cursor, scroll, size) repaints the whole table, so Textual's own copy of
the drawn lines (per line of the screen) never outlives a change either.

The view is measured again whenever its height changes: on a resize, and when a
horizontal scrollbar comes or goes with new column widths (the table keeps its
size then).  So the top line is always a row's first line and the cursor row
shows whole, also after a re-sort or a filter.  It looks like a DataTable with a
row cursor and zebra stripes (the same theme colours) and moves like one: arrows,
page keys, home and end; enter or a click on the cursor row selects.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

HEADER = 1  # lines
ROW_HEIGHT = 2  # lines per row
PAD = 1  # blank cells either side of a column


def _no_cells(index: int) -> Sequence[Text]:
    return ()


class _Rows:
    """The rows of one :meth:`RowTable.show`: how to make them, and the lines drawn of them."""

    __slots__ = ("count", "cells", "keys", "drawn")

    def __init__(
        self, count: int, cells: Callable[[int], Sequence[Text]], keys: Sequence[Hashable] | None
    ) -> None:
        if keys is not None and (len(keys) != count or len(set(keys)) != count):
            raise ValueError("one key per row, each different")
        self.count = count
        self.cells = cells
        self.keys = keys
        self.drawn: dict[Hashable, tuple[Strip, ...]] = {}  # row key -> its lines, unstyled

    def key(self, index: int) -> Hashable:
        return self.keys[index] if self.keys is not None else index


class RowTable(ScrollView, can_focus=True):
    """Rows of cells in columns of set widths, made when first in view; a row cursor."""

    COMPONENT_CLASSES = {"row-table--header", "row-table--even-row", "row-table--cursor"}

    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .row-table--even-row { background: $surface-darken-1 40%; }
        & > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .row-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .row-table--even-row { background: $surface-lighten-1 50%; }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("enter", "select", show=False),
        Binding("up", "cursor_by(-1)", show=False),
        Binding("down", "cursor_by(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home,ctrl+home", "cursor_to(0)", show=False),
        Binding("end,ctrl+end", "cursor_to(-1)", show=False),
        Binding("left", "scroll_left", show=False),
        Binding("right", "scroll_right", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor moved to row ``row``."""

        def __init__(self, table: RowTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RowTable:
            return self.table

    class RowSelected(RowHighlighted):
        """Row ``row`` was chosen (enter, or a click on the cursor row)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._labels: list[Text] = []
        self._widths: list[int] = []
        self._rows = _Rows(0, _no_cells, None)
        self._header: Strip | None = None
        self._cursor = 0

    # --- contents ------------------------------------------------------------------------------

    @property
    def _count(self) -> int:
        return self._rows.count

    @property
    def row_count(self) -> int:
        return self._rows.count

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def column_widths(self) -> list[int]:
        return list(self._widths)

    def show(
        self,
        labels: Sequence[Text],
        widths: Sequence[int],
        count: int,
        cells: Callable[[int], Sequence[Text]],
        *,
        cursor: int = 0,
        keys: Sequence[Hashable] | None = None,
    ) -> None:
        """Show ``count`` rows; ``cells(i)`` makes the cells of row ``i`` when it comes into view.

        A cell is a Text of at most two lines; a line wider than its column is cut.
        ``keys`` (one per row, e.g. the round's id) name what each row stands for.
        """
        self._labels, self._widths = list(labels), list(widths)
        # A new set of rows, with nothing drawn yet: no line of the rows shown before can
        # be taken for one of these (the old set goes, with its lines, as a whole).
        self._rows = _Rows(count, cells, keys)
        self._header = None
        self._fit_virtual_size()
        self._cursor = max(0, min(cursor, count - 1))
        self._scroll_to_cursor()
        self.refresh()

    def row_key(self, row: int) -> Hashable:
        """What row ``row`` stands for (its key given to :meth:`show`, else its number)."""
        return self._rows.key(row)

    def drawn_lines(self, row: int) -> tuple[str, ...] | None:
        """The text of the lines kept for row ``row``, or None when it was not drawn yet."""
        lines = self._rows.drawn.get(self._rows.key(row))
        return None if lines is None else tuple(line.text for line in lines)

    def _fit_virtual_size(self) -> None:
        lines = ROW_HEIGHT * self._count
        view = self.scrollable_content_region.height - HEADER
        # Scrolled to the end, the top line is still a row's first line: a blank line after
        # the last row when the rows and the view differ by an odd number of lines.
        extra = (lines - view) % ROW_HEIGHT if 0 < view < lines else 0
        self.virtual_size = Size(sum(w + 2 * PAD for w in self._widths), HEADER + lines + extra)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_view()

    def watch_show_horizontal_scrollbar(self, shown: bool) -> None:
        # New column widths (a re-sort or a filter) can bring or take the horizontal
        # scrollbar after show() measured the view: it takes the view's last line or
        # gives it back, and the table keeps its size, so no Resize tells.
        self._fit_view()

    def _fit_view(self) -> None:
        """The view changed height: fit the rows to it again and show the cursor row whole."""
        self._fit_virtual_size()
        self._scroll_to_cursor()
        self.refresh()

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (kept within the rows) and bring it into view."""
        row = max(0, min(row, self._count - 1))
        if row != self._cursor:
            self._cursor = row
            self.refresh()
            self.post_message(self.RowHighlighted(self, row))
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        view = self.scrollable_content_region.height - HEADER
        if view < ROW_HEIGHT:  # not laid out yet: once it is
            if self._count:
                self.call_after_refresh(self._scroll_to_cursor_once_laid_out)
            return
        top, y = self._cursor * ROW_HEIGHT, round(self.scroll_y)
        y -= y % ROW_HEIGHT  # whole rows from the top (the view may have changed under it)
        if top < y:
            y = top
        elif top + ROW_HEIGHT > y + view:
            # Whole rows from the top (a part of one may show at the bottom).
            y = -(-(top + ROW_HEIGHT - view) // ROW_HEIGHT) * ROW_HEIGHT
        if y != self.scroll_y:
            # force: the vertical scrollbar may only come with the rows just shown (Textual
            # does not scroll a view without one); the new virtual height bounds the scroll.
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def _scroll_to_cursor_once_laid_out(self) -> None:
        if self.scrollable_content_region.height - HEADER >= ROW_HEIGHT:
            self._scroll_to_cursor()

    # --- keys and mouse ------------------------------------------------------------------------

    def _rows_in_view(self) -> int:
        return max(1, (self.scrollable_content_region.height - HEADER) // ROW_HEIGHT)

    def action_cursor_by(self, rows: int) -> None:
        self.move_cursor(self._cursor + rows)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self._cursor + direction * self._rows_in_view())

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else self._count - 1)

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.RowSelected(self, self._cursor))

    def _row_at(self, y: int) -> int | None:
        """The row drawn at line ``y`` of the table (None on the header and below the rows)."""
        if y < HEADER:
            return None
        row = (y - HEADER + round(self.scroll_y)) // ROW_HEIGHT
        return row if row < self._count else None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        row = None if offset is None else self._row_at(offset.y)
        if row is None:
            return
        if row == self._cursor:
            self.action_select()
        else:
            self.move_cursor(row)

    # --- drawing -------------------------------------------------------------------------------

    def _line(self, cells: Sequence[list[Text]], n: int) -> Strip:
        """Line ``n`` of a row or the header, the full width of all columns."""
        console = self.app.console
        segments: list[Segment] = []
        for lines, width in zip(cells, self._widths, strict=False):
            line = lines[n] if n < len(lines) else Text()
            if line.cell_len > width:
                line = line.copy()
                line.truncate(width, overflow="ellipsis")
            segments.append(Segment(" " * PAD))
            if line.spans:
                segments.extend(line.render(console))
            elif line.plain:
                segments.append(
                    Segment(line.plain, console.get_style(line.style) if line.style else None)
                )
            segments.append(Segment(" " * (width - line.cell_len + PAD)))
        return Strip(segments, sum(w + 2 * PAD for w in self._widths))

    def _row_lines(self, row: int) -> tuple[Strip, ...]:
        rows = self._rows
        key = rows.key(row)
        lines = rows.drawn.get(key)
        if lines is None:
            cells = [cell.split("\n", allow_blank=True) for cell in rows.cells(row)]
            lines = rows.drawn[key] = tuple(self._line(cells, n) for n in range(ROW_HEIGHT))
        return lines

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y < HEADER:
            if self._header is None:
                self._header = self._line([[label] for label in self._labels], 0)
            style = base + self.get_component_rich_style("row-table--header")
            return self._header.crop_extend(scroll_x, scroll_x + width, None).apply_style(style)
        row, n = divmod(y - HEADER + scroll_y, ROW_HEIGHT)
        if row >= self._count:
            return Strip.blank(width, base)
        strip = self._row_lines(row)[n].crop_extend(scroll_x, scroll_x + width, None)
        style = base
        if row % 2 == 0:
            style += self.get_component_rich_style("row-table--even-row")
        if row != self._cursor:
            return strip.apply_style(style)
        cursor = self.get_component_rich_style("row-table--cursor")
        # The cursor's colour wins over the cells' own (as in DataTable), its background too.
        return Strip(
            Segment.apply_style(strip, style + cursor, Style(color=cursor.color)), strip.cell_length
        )
