"""Colleagues' learning questions as a compact, read-only table (one row per question).

A plain DataTable with fixed column widths: the question column takes the width
left over and is refilled when the table's width changes. DataTable measures
every cell when rows are added and draws only the rows in view; with a
facilitator-sized database (about a thousand questions) filling it takes a few
tenths of a second, so the screen fills it once on opening and again only after
a change to the records or the filter. Cells are rich ``Text`` objects: a plain
string cell would be read as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from plgcycle.cycle import RecordIndex
from plgcycle.i18n import _
from plgcycle.model import Record

from .colleague_list import name_width
from .step_indicator import MARK_DONE, MARK_OPEN
from .text import one_line

ROUND_W, STEPS_W = 5, 10


class ColleagueTable(DataTable):
    DEFAULT_CSS = """
    ColleagueTable { height: auto; max-height: 100%; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            id=id, classes=classes, cursor_type="row", zebra_stripes=True, show_row_labels=False
        )
        self._columns_width = (0, 0)
        self._filled: tuple[RecordIndex, list[Record]] | None = None

    def _widths(self) -> tuple[int, int]:
        """The name and question columns: the name narrows in a narrow terminal (as on Home)."""
        # Before the first layout the table has no size yet: estimate from the terminal
        # (Home has a margin of 1 on each side); on_resize corrects it.
        width = self.size.width or (self.app.size.width or 100) - 2
        # 2 cells of padding per column, 1 for a scrollbar.
        room = width - ROUND_W - STEPS_W - 4 * 2 - 1
        name_w = name_width(room)
        return name_w, max(room - name_w, 8)

    def on_resize(self) -> None:
        if self._filled is not None and self._widths() != self._columns_width:
            self.fill(*self._filled)

    def _ensure_columns(self) -> None:
        widths = self._widths()
        if self.columns and widths == self._columns_width:
            return
        self.clear(columns=True)
        self._columns_width = widths
        name_w, width = widths
        for key, label, size in (
            ("name", _("Colleague"), name_w),
            ("round", _("Round"), ROUND_W),
            ("steps", _("Steps"), STEPS_W),
            ("question", _("Learning question"), width),
        ):
            self.add_column(Text(label), key=key, width=size)

    def fill(self, index: RecordIndex, rounds: list[Record]) -> None:
        """Show ``rounds``, keeping the cursor on the same question when it is still there."""
        self._filled = (index, rounds)
        current = None
        if self.row_count and 0 <= self.cursor_row < self.row_count:
            current = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
        self.clear()
        self._ensure_columns()
        name_w, width = self._columns_width
        rows = []
        for r in rounds:
            view = index.view(r.id)
            marks = Text.assemble(
                *[(MARK_DONE, "green") if done else (MARK_OPEN, "dim") for done in view.progress]
            )
            step = _("closed") if view.closed else str(view.current_step)
            rows.append(
                (
                    (
                        Text(one_line(index.person_name(r.owner), name_w), style="bold"),
                        Text(str(view.number), justify="right"),
                        Text.assemble(marks, " ", step),
                        _question(view.question, width, unsigned=r.sig is None),
                    ),
                    r.id,
                )
            )
        for cells, key in rows:
            self.add_row(*cells, key=key)
        if current is not None and current in {key for _cells, key in rows}:
            self.move_cursor(row=self.get_row_index(current), animate=False)


def _question(question: str, width: int, *, unsigned: bool) -> Text:
    """The question, with a mark when nobody's signature vouches for it (a version-1 file)."""
    if not unsigned:
        return Text(one_line(question, width))
    mark = " · " + _("not signed")
    return Text.assemble(one_line(question, max(width - len(mark), 10)), (mark, "yellow"))
