"""The scan's group figures as terminal bars, one line per part, fitted to the width.

Like :func:`plgcycle.scan.text_chart` (``█`` up to *nu*, ``│`` at *gewenst*, ``·`` for the
rest, the numbers beside the bar, so nothing depends on colour), but drawn for the
space the screen has, with the change since the previous round and the respondent's own
scores beside the group's when given.  It reads only :class:`plgcycle.scan.Figure`
values: a withheld figure has no number, and shows its reason.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from plgcycle import scan
from plgcycle.i18n import _
from plgcycle.scan.text import FULL, MARK, bar

from .text import one_line

POINTS = 5
MIN_LABEL = 14
OWN_WIDTH = 7  # "3,0→4,3"


@dataclass(frozen=True)
class Own:
    """The respondent's own score per part (``None``: nothing answered there)."""

    now: dict[str, float | None]
    desired: dict[str, float | None]


def own_scores(response: scan.Response) -> Own:
    return Own(
        {d.key: scan.dimension_score(response, d.key, scan.NOW) for d in scan.DIMENSIONS},
        {d.key: scan.dimension_score(response, d.key, scan.DESIRED) for d in scan.DIMENSIONS},
    )


@dataclass(frozen=True)
class _Layout:
    label: int
    per_point: int
    heads: tuple[tuple[str, int], ...]  # the number columns: header, width

    @property
    def bar(self) -> int:
        return POINTS * self.per_point


def _layout(width: int, with_change: bool, with_own: bool) -> _Layout:
    heads = [(_("now"), 4), (_("desired"), 4), (_("gap"), 5)]
    if with_change:
        heads.append((_("since"), 5))
    if with_own:
        heads.append((_("you"), OWN_WIDTH))
    heads = [(h, max(w, len(h))) for h, w in heads]
    numbers = sum(w + 1 for _h, w in heads)
    for per_point in (5, 4, 3):
        label = width - 1 - POINTS * per_point - numbers
        if label >= 24 or per_point == 3:
            return _Layout(max(MIN_LABEL, min(label, 26)), per_point, tuple(heads))
    raise AssertionError("unreachable")


def _own_text(own: Own, key: str) -> str:
    def one(value: float | None) -> str:
        return scan.format_number(value) if value is not None else "\u2013"

    return f"{one(own.now[key])}\u2192{one(own.desired[key])}"


def chart(
    figures: scan.ScanFigures,
    moment: str,
    group: str,
    width: int,
    own: Own | None = None,
) -> Content:
    """The bars of ``group`` at ``moment``; ``own`` adds the respondent's own column."""
    cell = figures.group(moment, group)
    if not cell.anything_shown:
        reason = scan.why_nothing(cell)
        return Content("\n".join(textwrap.wrap(reason, max(width, 20))))
    info = figures.moment(moment)
    with_change = info.previous is not None
    layout = _layout(width, with_change, own is not None)
    ruler = [" "] * layout.bar
    for point in range(1, POINTS + 1):
        ruler[point * layout.per_point - 1] = str(point)
    head = " ".join(h.rjust(w) for h, w in layout.heads)
    parts: list = [
        (
            _("{full} = now, {mark} = desired, scale 1 to 5").format(full=FULL * 2, mark=MARK),
            "$text-muted",
        ),
        "\n",
        (" " * (layout.label + 1) + "".join(ruler) + " " + head, "bold"),
    ]
    notes: list[str] = []
    for kind, heading in ((scan.ELEMENT, _("Elements")), (scan.CONDITION, _("Conditions"))):
        parts += ["\n", (heading, "bold $accent")]
        for dim, figs in zip(scan.DIMENSIONS, cell.dimensions, strict=True):
            if dim.kind == kind:
                parts += ["\n", *_line(dim, figs, layout, width, with_change, own, notes)]
    if with_change:
        earlier = figures.moment(info.previous).label or info.previous or ""
        parts += [
            "\n",
            (
                _("'since': change in now since {moment}").format(
                    moment=one_line(earlier, max(width - 30, 10))
                ),
                "$text-muted",
            ),
        ]
    if own is not None:
        parts += [
            "\n",
            (
                _("'you': your own answers (now→desired), shown to you only"),
                "$text-muted",
            ),
        ]
    for n, note in enumerate(notes, start=1):
        for line in textwrap.wrap(f"[{n}] {note}", max(width, 20), subsequent_indent="    "):
            parts += ["\n", (line, "$text-muted")]
    return Content.assemble(*parts)


def _line(
    dim: scan.Dimension,
    figs: scan.DimensionFigures,
    layout: _Layout,
    width: int,
    with_change: bool,
    own: Own | None,
    notes: list[str],
) -> list:
    label = one_line(dim.short(), layout.label).ljust(layout.label) + " "
    if not figs.now.shown and not figs.desired.shown:
        reason = figs.now.reason_text()
        if len(reason) > width - len(label):
            if reason not in notes:
                notes.append(reason)
            reason = _("not shown [{n}]").format(n=notes.index(reason) + 1)
        return [label, (reason, "italic")]
    values = [
        scan.number_text(figs.now),
        scan.number_text(figs.desired),
        scan.number_text(figs.gap, signed=True),
    ]
    if with_change:
        values.append(scan.number_text(figs.now_change, signed=True))
    if own is not None:
        values.append(_own_text(own, dim.key))
    numbers = " ".join(v.rjust(w) for v, (_h, w) in zip(values, layout.heads, strict=True))
    drawn = bar(figs.now.value, figs.desired.value, layout.per_point)
    cut = drawn.find(MARK)
    if cut < 0:
        return [label, (drawn, "$accent"), " " + numbers]
    return [
        label,
        (drawn[:cut], "$accent"),
        (MARK, "bold"),
        (drawn[cut + 1 :], "$accent"),
        " " + numbers,
    ]


class ScanChart(Static):
    """The chart of one group at one moment, redrawn for its width."""

    DEFAULT_CSS = "ScanChart { height: auto; padding: 0 0; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._figures: scan.ScanFigures | None = None
        self._moment = ""
        self._group = scan.ALL
        self._own: Own | None = None
        self._drawn_width = -1

    def show(
        self, figures: scan.ScanFigures, moment: str, group: str, own: Own | None = None
    ) -> None:
        self._figures, self._moment, self._group, self._own = figures, moment, group, own
        self._draw()

    def _draw(self) -> None:
        if self._figures is None or not self._moment:
            return
        width = self.content_size.width or self.app.size.width - 2
        self._drawn_width = self.content_size.width
        self.update(chart(self._figures, self._moment, self._group, width, self._own))

    def on_resize(self) -> None:
        if self.content_size.width != self._drawn_width:
            self._draw()
