"""The cells of the review's table: one function per column, and widths that fit every row.

A cell is a list of (text, style) pieces, cheap to measure before anything is
drawn.  The words and colours every cell needs are made once per filling of the
table (hundreds of rows) as a :class:`CellWords`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from rich.cells import cell_len

from plgcycle import review as rv
from plgcycle.i18n import _, format_date, ngettext
from plgcycle.model import STEP_KEYS
from plgcycle.textsafe import shorten

Cell = list[tuple[str, str]]


def days_ago(days: int) -> str:
    if days <= 0:
        return _("today")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


class CellWords:
    """Translated words, two theme colours and cached dates for one filling of the table."""

    def __init__(self, accent: str, warm: str) -> None:
        self.accent = accent  # steps and parts
        self.warm = warm  # what needs attention
        self.subgroup = _("subgroup {name}")
        self.round = _("round {n}")
        self.no_question = _("no question yet")
        self.closed = _("closed")
        self.no_date_known = _("no date known")
        self.no_movement = _("no movement")
        self.no_new_file = _("no new file")
        self.carried_out = _("carried out")
        self.planned = _("planned")
        self.draft = _("plan in progress")
        self.not_planned = _("not planned yet")
        self.received = _("{n} received")
        self.this_round = rv.this_round()
        self.not_signed = rv.not_signed()
        self.not_shared = _("not shared")
        self.none_noted = _("none noted")
        self.done = _("done")
        self.date_passed = _("date passed")
        self.no_date = _("no date")
        # The widest texts of the cells that depend on a row's details (see widest_columns).
        self.widest_step = max(
            (rv.numbered_step(n) for n in range(1, len(STEP_KEYS) + 1)), key=cell_len
        )
        self.widest_tryout = max(
            (
                self.carried_out,
                ngettext("{n} time", "{n} times", 999).format(n=999),
                self.planned,
                *(format_date(date(2000, month, 28)) for month in range(1, 13)),
                self.draft,
                self.not_planned,
            ),
            key=cell_len,
        )
        self._dates: dict[date | None, str] = {}
        self._days: dict[int, str] = {}

    def date(self, value: date | None) -> str:
        if value not in self._dates:
            self._dates[value] = format_date(value)
        return self._dates[value]

    def days(self, value: int) -> str:
        if value not in self._days:
            self._days[value] = days_ago(value)
        return self._days[value]


def cell_parts(row: rv.Row, w: CellWords) -> list[Cell]:
    """The six cells of a row."""
    return [
        who(row, w),
        steps(row, w),
        moved(row, w),
        tryout(row, w),
        feedback(row, w),
        action(row, w),
    ]


def widest_columns(
    w: CellWords,
) -> list[tuple[Callable[[rv.Row], object] | None, Callable[[rv.Row], Cell]]]:
    """Per column: a cell at least as wide as :func:`cell_parts` gives, without the row's details.

    The steps and try-out cells hold the widest text they could show.  With each
    goes what the cell depends on (None: on the row alone): rows alike in that
    have equally wide cells, so only one of them needs measuring.
    """
    return [
        (None, lambda row: who(row, w)),
        (
            lambda row: (row.has_question, row.closed, row.round_no, row.decision),
            lambda row: widest_steps(row, w),
        ),
        (
            lambda row: (
                row.has_question,
                row.last_activity_date,
                row.stalled,
                row.no_new_file,
                row.days_since,
            ),
            lambda row: moved(row, w),
        ),
        (lambda row: True, lambda row: [(w.widest_tryout, "")]),
        (
            lambda row: (row.has_question, row.feedback_received),
            lambda row: feedback(row, w),
        ),
        (
            lambda row: (
                row.limited,
                bool(row.action),
                row.action_done,
                row.action_due,
                row.action_overdue,
            ),
            lambda row: action(row, w),
        ),
    ]


def column_widths(
    headers: Sequence[str], made: Iterable[list[Cell]], rest: Sequence[rv.Row], w: CellWords
) -> list[int]:
    """Widths that fit the headers, the cells ``made`` and the widest cells of the ``rest`` rows."""

    def cell_lines(cell: Cell) -> list[str]:
        return "".join(text for text, _style in cell).split("\n")

    lines: list[set[str]] = [{header} for header in headers]
    for cells in made:
        for column, cell in zip(lines, cells, strict=False):
            column.update(cell_lines(cell))
    for column, (alike, widest) in zip(lines, widest_columns(w), strict=False):
        for row in rest if alike is None else {alike(row): row for row in rest}.values():
            column.update(cell_lines(widest(row)))
    return [max(map(cell_len, column)) for column in lines]


def widest_steps(row: rv.Row, w: CellWords) -> Cell:
    marks = rv.step_marks((False,) * len(STEP_KEYS))
    if not row.has_question:
        return [(marks + "\n" + w.no_question, "")]
    end = closed_text(row, w) if row.closed else w.widest_step
    return [(marks + " " + w.round.format(n=row.round_no) + "\n" + end, "")]


def steps(row: rv.Row, w: CellWords) -> Cell:
    if not row.has_question:
        return [(rv.step_marks(row.progress), w.accent), ("\n" + w.no_question, "dim")]
    return [
        (rv.step_marks(row.progress), w.accent),
        (" " + w.round.format(n=row.round_no), "dim"),
        ("\n" + (closed_text(row, w) if row.closed else rv.step_label(row)), ""),
    ]


def tryout(row: rv.Row, w: CellWords) -> Cell:
    state = row.tryout_state
    if state == rv.TRYOUT_DONE:
        if row.tryouts_done > 1:
            return [
                (w.carried_out, ""),
                (
                    "\n"
                    + ngettext("{n} time", "{n} times", row.tryouts_done).format(
                        n=row.tryouts_done
                    ),
                    "dim",
                ),
            ]
        return [(w.carried_out, "")]
    if state == rv.TRYOUT_PLANNED:
        if row.next_tryout:
            return [(w.planned, ""), ("\n" + w.date(row.next_tryout), "dim")]
        return [(w.planned, "")]
    if state == rv.TRYOUT_DRAFT:
        return [(w.draft, "")]
    return [(w.not_planned, "dim")]


def who(row: rv.Row, w: CellWords) -> Cell:
    if row.unsigned:  # from a version-1 file: nobody's signature vouches for it
        return [(shorten(row.name, 20), "bold"), ("\n" + shorten(w.not_signed, 20), w.warm)]
    if row.subgroup:
        return [
            (shorten(row.name, 20), "bold"),
            ("\n" + shorten(w.subgroup.format(name=row.subgroup), 20), "dim"),
        ]
    return [(shorten(row.name, 20), "bold")]


def moved(row: rv.Row, w: CellWords) -> Cell:
    if not row.has_question:
        return [("–", "dim")]
    if row.last_activity is None:
        return [(w.no_date_known, "dim")]
    if row.stalled and row.no_new_file:
        return [(w.date(row.last_activity_date), ""), ("\n" + w.no_new_file, w.warm)]
    if row.stalled:
        return [(w.date(row.last_activity_date), ""), ("\n" + w.no_movement, w.warm)]
    return [(w.date(row.last_activity_date), ""), ("\n" + w.days(row.days_since or 0), "dim")]


def feedback(row: rv.Row, w: CellWords) -> Cell:
    """Received on this round, and says so (the group figures count all rounds).

    What was taken on, given and noted for others is in the preview and the figures.
    """
    if not row.has_question:
        return [("–", "dim")]  # no round to receive on (what they gave: the preview)
    return [(w.received.format(n=row.feedback_received), ""), ("\n" + w.this_round, "dim")]


def action(row: rv.Row, w: CellWords) -> Cell:
    if row.limited and not row.action:
        return [(w.not_shared, "dim italic")]
    if not row.action:
        return [(w.none_noted, "dim")]
    if row.action_done:
        return [(w.done, "")]
    if not row.action_due:
        return [(w.no_date, "")]
    if row.action_overdue:
        return [(w.date(row.action_due), ""), ("\n" + w.date_passed, w.warm)]
    return [(w.date(row.action_due), "")]


def closed_text(row: rv.Row, w: CellWords) -> str:
    return rv.decision_label(row.decision) if row.decision else w.closed
