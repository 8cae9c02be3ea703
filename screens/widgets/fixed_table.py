"""A DataTable for columns of a set width and rows of a set height.

Textual's DataTable measures every cell of every new row (to size columns that
fit their content), even when no column sizes itself.  With a facilitator's
hundreds of rows that measuring took most of the time before the first frame.
When every column has a fixed width and every row a fixed height, nothing
needs measuring: this table then only updates its scrollable size.  In any
other case (an auto-width column, auto-height rows, row labels) it behaves
exactly like DataTable.

Drawing a cell goes through Rich's padding and wrapping in DataTable, which
took most of the rest of the first frame.  A cell of rich Text whose lines all
fit its column needs neither: this table draws such cells line by line, with
the same styles (the tests compare both ways cell by cell).  Every other cell
is drawn by DataTable.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class FixedTable(DataTable):
    """A DataTable that skips measuring cells when no column or row sizes itself."""

    def _needs_measuring(self, new_rows: Iterable[RowKey]) -> bool:
        if any(column.auto_width for column in self.columns.values()):
            return True
        rows = self.rows
        for key in new_rows:
            row = rows.get(key)
            if row is not None and (row.auto_height or row.label is not None):
                return True
        return False

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        new_rows = list(new_rows)
        if self._needs_measuring(new_rows):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width,
                                 self._total_row_height + header)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        is_header = row_index == -1
        if column_index < 0 or (not is_header and (row_index < self.fixed_rows
                                                   or column_index < self.fixed_columns)):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._header_row_key if is_header else self._row_locations.get_key(row_index)
        cache_key = (row_key, self._column_locations.get_key(column_index), base_style, cursor,
                     hover, self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        cached = self._cell_render_cache.get(cache_key)
        if cached is not None:
            return cached
        if is_header:
            height = self.header_height
        else:
            row = self.rows[row_key]
            height = 0 if row.auto_height else row.height
        cell = self._get_row_renderables(row_index).cells[column_index]
        lines = _fitting_lines(cell, width - 2 * self.cell_padding, height)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            is_header, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        console, pad = self.app.console, " " * self.cell_padding
        rendered = []
        for line in lines:
            # Text.render leaves out the text's own style when it has no spans (Rich adds it
            # as a span when it draws a whole Text).
            body = line.render(console) if line.spans or not line.style else \
                [Segment(line.plain, console.get_style(line.style))]
            segments = [Segment(pad), *body, Segment(" " * (width - len(pad) - line.cell_len))]
            rendered.append(list(Segment.apply_style(segments, style, post_style)))
        for _blank in range(height - len(lines)):
            rendered.append(list(Segment.apply_style([Segment(" " * width)], style, post_style)))
        self._cell_render_cache[cache_key] = rendered
        return rendered


def _fitting_lines(cell: object, width: int, height: int) -> list[Text] | None:
    """The lines of a Text cell that fits ``width`` x ``height`` as it is, else None."""
    if not isinstance(cell, Text) or height < 1 or cell.justify not in (None, "default") \
            or "\t" in cell.plain:
        return None
    lines = list(cell.split("\n", allow_blank=True))
    if len(lines) > height or any(line.cell_len > width for line in lines):
        return None
    return lines
