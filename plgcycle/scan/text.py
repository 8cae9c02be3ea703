"""The scan in a terminal: a bar per dimension, legible at 80 columns and without colour.

``█`` fills up to *nu* (with eighth blocks for the last part), ``│`` marks *gewenst*, ``·``
is the empty track; the numbers stand beside the bar, so nothing depends on colour.  Lines
are plain strings (people's text made printable), so a screen can put them in a Static or
a log and a CLI can print them.  A withheld value shows its reason, never a number.
"""

from __future__ import annotations

import re
import textwrap

from ..i18n import _
from ..textsafe import markdown_text, printable, shorten
from .figures import (
    DimensionFigures,
    GroupFigures,
    ScanFigures,
    number_text,
    respondents_line,
    why_nothing,
)
from .reading import read
from .statements import ALL, CONDITION, DIMENSIONS, ELEMENT, GROUPS, citation, group_label

WIDTH = 80
LABEL = 25
CELLS_PER_POINT = 5
SCALE_MAX = 5
BAR = CELLS_PER_POINT * SCALE_MAX  # 25 cells for 0..5
FULL, EMPTY, MARK = "\u2588", "\u00b7", "\u2502"
EIGHTHS = ("", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589")
_NUMBERS = "{now:>4} {desired:>7} {gap:>8} {change:>6}"


def bar(now: float | None, desired: float | None, per_point: int = CELLS_PER_POINT) -> str:
    """``5 * per_point`` characters: ``█`` up to ``now``, ``│`` at ``desired``, ``·`` the rest."""
    size = SCALE_MAX * per_point
    cells = [EMPTY] * size
    if now is not None:
        full, part = divmod(round(now * per_point * 8), 8)
        for i in range(min(full, size)):
            cells[i] = FULL
        if part and full < size:
            cells[full] = EIGHTHS[part]
    if desired is not None:
        cells[min(size - 1, max(0, round(desired * per_point) - 1))] = MARK
    return "".join(cells)


def _fit(text: str, width: int) -> str:
    return shorten(printable(text, single_line=True), width)


def _label(figures: ScanFigures, key: str) -> str:
    return figures.moment(key).label or key


def text_chart(figures: ScanFigures, group: str = ALL, moment: str | None = None) -> list[str]:
    """The bars of ``group`` at ``moment`` (latest when ``None``), one line per dimension."""
    info = figures.moment(moment)
    cell = figures.group(info.key, group)
    title = _("{group}, {moment}").format(
        group=group_label(group), moment=_label(figures, info.key)
    )
    if not cell.anything_shown:
        return [
            _fit(title, WIDTH),
            *textwrap.wrap(
                printable(why_nothing(cell), single_line=True),
                WIDTH,
                initial_indent="  ",
                subsequent_indent="  ",
            ),
        ]
    change_head = _("since") if info.previous is not None else ""
    lines = [
        _fit(title, WIDTH),
        _fit(
            _("{full} = now, {mark} = desired, scale 1 to 5").format(full=FULL * 2, mark=MARK),
            WIDTH,
        ),
        " " * (LABEL + 1)
        + _ruler()
        + " "
        + _NUMBERS.format(now=_("now"), desired=_("desired"), gap=_("gap"), change=change_head),
    ]
    notes: list[str] = []
    for kind, heading in ((ELEMENT, _("Elements")), (CONDITION, _("Conditions"))):
        lines.append(_fit(heading, WIDTH))
        for dim, figs in zip(DIMENSIONS, cell.dimensions, strict=False):
            if dim.kind == kind:
                lines.append(_line(dim.short(), figs, info.previous is not None, notes))
    if info.previous is not None:
        lines.append(
            _fit(
                _("'since': change in now since {moment}").format(
                    moment=_label(figures, info.previous)
                ),
                WIDTH,
            )
        )
    for n, note in enumerate(notes, start=1):
        lines += textwrap.wrap(f"[{n}] {note}", WIDTH, subsequent_indent="    ")
    return lines


def _ruler() -> str:
    ruler = [" "] * BAR
    for point in range(1, SCALE_MAX + 1):
        ruler[point * CELLS_PER_POINT - 1] = str(point)
    return "".join(ruler)


def _line(label: str, figs: DimensionFigures, with_change: bool, notes: list[str]) -> str:
    head = _fit(label, LABEL).ljust(LABEL) + " "
    if not figs.now.shown and not figs.desired.shown:
        reason = figs.now.reason_text()
        room = WIDTH - len(head)
        if len(reason) > room:
            if reason not in notes:
                notes.append(reason)
            reason = _("not shown [{n}]").format(n=notes.index(reason) + 1)
        return head + reason
    numbers = _NUMBERS.format(
        now=number_text(figs.now),
        desired=number_text(figs.desired),
        gap=number_text(figs.gap, signed=True),
        change=number_text(figs.now_change, signed=True) if with_change else "",
    )
    return (head + bar(figs.now.value, figs.desired.value) + " " + numbers).rstrip()


def text_report(figures: ScanFigures, moment: str | None = None) -> list[str]:
    """Everything for a terminal: counts, the bars of each group, the reading, the citation."""
    if not figures.moments:
        return [_("No scan round yet.")]
    key = figures.moment(moment).key
    cells: list[GroupFigures] = [figures.group(key, g) for g in GROUPS]
    lines = [_fit(_("Scan De school als PLG"), WIDTH)]
    lines += textwrap.wrap(respondents_line(cells), WIDTH)
    for g in GROUPS:
        lines.append("")
        lines += text_chart(figures, g, key)
    reading = read(figures, key)
    for heading, points in (
        (_("For the next meeting"), reading.meeting),
        (_("For the team leader"), reading.team_leader),
    ):
        if points:
            lines += ["", _fit(heading, WIDTH)]
            for point in points:
                lines += textwrap.wrap(
                    printable(point, single_line=True),
                    WIDTH,
                    initial_indent="- ",
                    subsequent_indent="  ",
                )
    lines.append("")
    lines += textwrap.wrap(reading.note, WIDTH)
    lines += textwrap.wrap(citation(), WIDTH)
    return lines


def markdown_lines(figures: ScanFigures, moment: str | None = None, level: int = 2) -> list[str]:
    """:func:`text_report` as Markdown: its title as a heading, the rest in a code block
    (fenced longer than any run of backticks in it, so a round's name cannot end it)."""
    lines = text_report(figures, moment)
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    heading = "#" * level + " " + markdown_text(lines[0], single_line=True)
    return [heading, "", fence, *lines[1:], fence]
