"""A DataTable for columns of a set width and rows of a set height.

Textual's DataTable measures every cell of every new row (to size columns that
fit their content), even when no column sizes itself.  With a facilitator's
hundreds of rows that measuring took most of the time before the first frame.
When every column has a fixed width and every row a fixed height, nothing
needs measuring: this table then only updates its scrollable size.  In any
other case (an auto-width column, auto-height rows, row labels) it behaves
exactly like DataTable.
"""

from __future__ import annotations

from collections.abc import Iterable

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
