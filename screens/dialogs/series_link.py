"""Which series a measure belongs to: link it to another, give it one of its own, or by name.

The same name in the same question is one series by default
(:mod:`plgcycle.series`); the teacher overrides that here.  Enter on a line
returns the choice as a :class:`SeriesChoice`, escape None; the screen saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle.i18n import N_, _
from plgcycle.series import Series

from ..base import PlgModal
from ..widgets.text import literal, one_line

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


class SeriesLinkDialog(PlgModal[SeriesChoice]):
    """Offers the teacher's other series, a series of its own, and the guess by name.

    A list rather than a form, so that the names of measures are shown literally.
    """

    BINDINGS = [Binding("escape", "cancel", N_("cancel"), id="cancel")]

    def __init__(self, measure_name: str, current: Series | None, others: Sequence[Series]):
        super().__init__()
        self.measure_name = measure_name
        self.current = current
        self.others = list(others)

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    _("Together with") + " ", literal(series_label(s), single_line=True)
                ),
                id=f"link:{i}",
            )
            for i, s in enumerate(self.others)
        ]
        options.append(Option(Content(_("A series of its own")), id=ALONE))
        options.append(
            Option(Content(_("By name: the same name in this question is one series")), id=BY_NAME)
        )
        intro = _(
            "The same name in the same question is one series. Link a measure that was "
            "named differently, or separate one that only shares a name."
        )
        with Vertical(classes="dialog"):
            yield Static(Content(_("Series of this measure")), classes="dialog-title")
            yield Static(literal(self.measure_name, "bold", single_line=True))
            if self.current is not None and len(self.current.measures) > 1:
                yield Static(
                    Content.assemble(
                        _("Now in one series with:") + " ",
                        literal(series_label(self.current), single_line=True),
                    )
                )
            yield Static(Content(intro), classes="dialog-intro")
            yield OptionList(*options, id="series-choices")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#series-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice.startswith("link:"):
            self.dismiss(SeriesChoice("link", self.others[int(choice[5:])]))
        else:
            self.dismiss(SeriesChoice(choice))

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
