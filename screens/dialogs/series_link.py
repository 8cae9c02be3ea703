"""Which series a measure belongs to: link it to another, give it one of its own, or by name.

The same name in the same question is one series by default
(:mod:`plgcycle.series`); the teacher overrides that here.  Returns the choice
as a :class:`SeriesChoice`, or None when cancelled; the screen saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.model import CHOICE, FieldDef
from plgcycle.series import Series

from ..widgets.text import one_line
from .form import FormDialog

ALONE, BY_NAME = "alone", "by-name"


class SeriesChoice(NamedTuple):
    action: str  # "link", ALONE or BY_NAME
    series: Series | None = None


def series_label(series: Series) -> str:
    """``Opgaven af (%) · 3 values, round 1-2``: enough to tell series apart."""
    rounds = sorted({p.round_no for p in series.points})
    span = (
        _("round {n}").format(n=rounds[0])
        if len(rounds) == 1
        else _("rounds {first}-{last}").format(first=rounds[0], last=rounds[-1])
        if rounds
        else _("no values yet")
    )
    unit = f" ({one_line(series.unit, 12)})" if series.unit else ""
    return f"{one_line(series.name, 40)}{unit} · {span}"


class SeriesLinkDialog(FormDialog[SeriesChoice]):
    """Offers the teacher's other series, a series of its own, and the guess by name."""

    title_text = N_("Series of this measure")
    submit_label = N_("Choose")

    def __init__(self, measure_name: str, current: Series | None, others: Sequence[Series]):
        self.others = list(others)
        choices: list[tuple[str, str]] = [
            (f"link:{i}", _("Together with {series}").format(series=series_label(s)))
            for i, s in enumerate(self.others)
        ]
        choices.append((ALONE, N_("A series of its own")))
        choices.append((BY_NAME, N_("By name: the same name in this question is one series")))
        field = FieldDef("series_choice", N_("Show it in the chart"), "", CHOICE, tuple(choices))
        intro = _(
            "The same name in the same question is one series. Link a measure that was "
            "named differently, or separate one that only shares a name."
        )
        if current is not None and len(current.measures) > 1:
            intro += "\n" + _("Now in one series with: {series}").format(
                series=series_label(current)
            )
        super().__init__(
            {}, fields=(field,), intro=Content(one_line(measure_name, 60) + "\n" + intro)
        )

    def build_result(self, values: dict) -> SeriesChoice:
        choice = values.get("series_choice")
        if not choice:
            raise InvalidInput(_("Choose where the measure belongs."))
        if choice.startswith("link:"):
            return SeriesChoice("link", self.others[int(choice[5:])])
        return SeriesChoice(choice)
