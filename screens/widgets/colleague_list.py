"""Home's preview of colleagues' questions: one line each, in the columns of the full table.

An OptionList rather than Textual's DataTable: Home is the first screen, and the
table widget (importing and first drawing it) cost about 8% of the start.  The
full, searchable list (``c``) keeps the table; both use the same columns.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from plgcycle.cycle import RecordIndex
from plgcycle.i18n import _
from plgcycle.model import Record

from .lists import refill
from .step_indicator import MARK_DONE, MARK_OPEN
from .text import one_line

NAME_W, ROUND_W = 22, 5
MIN_NAME_W, MIN_QUESTION_W = 12, 30
GAP = "  "


def _cells(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` terminal cells."""
    text = one_line(text, width)
    while cell_len(text) > width:  # wide characters take two cells
        text = text[:-2] + "…"
    return text + " " * (width - cell_len(text))


def _step_width() -> int:
    """The step after the five marks: a number, or the word for a closed round."""
    return max(cell_len(_("closed")), 2)


def _steps_width() -> int:
    return 5 + 1 + _step_width()


def name_width(question_room: int) -> int:
    """The name column: 22 cells, narrower (down to 12) in a narrow terminal, so that the
    question keeps at least 30 cells where it can; ``question_room`` is what the name and
    the question share."""
    return max(MIN_NAME_W, min(NAME_W, question_room - MIN_QUESTION_W))


def colleague_heading(name_w: int = NAME_W) -> Content:
    return Content.styled(
        GAP.join(
            (
                _cells(_("Colleague"), name_w),
                _("Round").rjust(ROUND_W),
                _cells(_("Steps"), _steps_width()),
                _("Learning question"),
            )
        ),
        "$text-muted",
    )


def _question_cells(question: str, width: int, *, unsigned: bool) -> list:
    """The question, with a mark when nobody's signature vouches for it (a version-1 file)."""
    if not unsigned:
        return [_cells(question, width).rstrip()]
    mark = " · " + _("not signed")
    return [_cells(question, max(width - cell_len(mark), 10)).rstrip(), (mark, "$text-warning")]


class ColleagueList(OptionList):
    """Colleagues' questions on Home; enter opens one (option ids are ``colleague:<round>``).

    Every line fits the list's width, whatever the terminal: the name column narrows and
    the question is cut, so no line wraps.  ``heading`` is the id of the column heading
    above the list, kept in the same widths.
    """

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, heading: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._filled: tuple[RecordIndex, list[Record]] | None = None
        self._widths = (0, 0)
        self.heading = heading

    def _columns(self) -> tuple[int, int]:
        """The widths of the name and the question columns."""
        # Before the first layout there is no size yet: estimate from the terminal
        # (Home has a margin and this list a border and padding); on_resize corrects it.
        width = self.size.width or (self.app.size.width or 100) - 6
        room = width - ROUND_W - _steps_width() - 3 * len(GAP) - 1
        name_w = name_width(room)
        return name_w, max(room - name_w, 8)

    def on_resize(self) -> None:
        if self._filled is not None and self._columns() != self._widths:
            self.fill(*self._filled)

    def fill(self, index: RecordIndex, rounds: list[Record]) -> None:
        """Show ``rounds``, keeping the highlight on the same question when it is still there."""
        self._filled = (index, rounds)
        self._widths = name_w, width = self._columns()
        step_width = _step_width()
        options = []
        for r in rounds:
            view = index.view(r.id)
            marks = [
                (MARK_DONE, "$text-success") if done else (MARK_OPEN, "$text-muted")
                for done in view.progress
            ]
            step = _("closed") if view.closed else str(view.current_step)
            options.append(
                Option(
                    Content.assemble(
                        (_cells(index.person_name(r.owner), name_w), "bold"),
                        GAP,
                        str(view.number).rjust(ROUND_W),
                        GAP,
                        *marks,
                        " ",
                        _cells(step, step_width),
                        GAP,
                        *_question_cells(view.question, width, unsigned=r.sig is None),
                    ),
                    id=f"colleague:{r.id}",
                )
            )
        refill(self, options)
        if self.heading and self.is_attached:
            for head in self.screen.query(f"#{self.heading}"):
                head.update(colleague_heading(name_w))  # type: ignore[attr-defined]
