"""A try-out's prediction beside its result, so the teacher compares them at a glance.

Left: what the teacher expected (and the success criterion).  Right: what
happened: the measures (baseline → new value, with the change), observations
and students' reactions.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from plgcycle.cycle import measure_change
from plgcycle.i18n import _
from plgcycle.model import Record
from plgcycle.predictions import prediction_record, round_summary, summary, total

from .text import format_number, literal, one_line


def measure_line(measure: Record) -> Content:
    unit = measure.text("unit")
    suffix = f" {one_line(unit, 20)}" if unit else ""
    base, value = measure.data.get("baseline"), measure.data.get("value")
    parts: list = [literal(measure.text("name"), "bold", single_line=True), ": "]
    parts.append(format_number(base) + suffix if base is not None else "?")
    parts.append(" → ")
    parts.append(
        (format_number(value) + suffix, "bold")
        if value is not None
        else (_("not measured yet"), "$text-muted")
    )
    change = measure_change(measure)
    if change is not None:
        sign = "+" if change > 0 else ""
        parts.append(
            (
                f"  ({sign}{format_number(change)})",
                "$text-success" if change > 0 else "$text-warning" if change < 0 else "",
            )
        )
    return Content.assemble(*parts)


def _labelled(label: str, text: str) -> list:
    return [(label, "$text-muted"), "\n", literal(text) if text.strip() else ("–", "$text-muted")]


class PredictionResult(Horizontal):
    """Two columns: prediction and result of one try-out."""

    DEFAULT_CSS = """
    PredictionResult { height: auto; margin: 0 0 1 0; }
    PredictionResult > Vertical { width: 1fr; height: auto; padding: 0 1; border: round $panel-lighten-2; }
    PredictionResult .column-title { text-style: bold; color: $accent; }
    PredictionResult Static { height: auto; }
    """

    def __init__(
        self,
        tryout: Record,
        measures: list[Record],
        *,
        title: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.tryout = tryout
        self.measures = measures
        self.title_text = title

    def compose(self) -> ComposeResult:
        t = self.tryout
        with Vertical(classes="prediction"):
            yield Static(Content(_("Prediction")), classes="column-title")
            yield Static(
                Content.assemble(
                    *_labelled(_("What do you expect to happen?"), t.text("prediction")),
                    "\n",
                    *_labelled(_("What counts as success?"), t.text("success")),
                )
            )
        with Vertical(classes="result"):
            yield Static(Content(_("Result")), classes="column-title")
            pieces: list = []
            for m in self.measures:
                pieces += [measure_line(m), "\n"]
            if not self.measures:
                pieces += [(_("No measure yet."), "$text-muted"), "\n"]
            pieces += _labelled(_("Observations"), t.text("observations"))
            pieces += ["\n", *_labelled(_("Students' reactions"), t.text("reactions"))]
            yield Static(Content.assemble(*pieces))


def prediction_record_widget(records, me: str | None) -> Static:
    """How often the teacher's predictions held, over all their rounds: for the teacher only.

    Never used on a screen about someone else's work; the judgements never leave
    this computer (``plgcycle.predictions``).
    """
    tallies = prediction_record(records, me) if me else []
    lines: list = [
        (_("Your predictions so far"), "bold"),
        " ",
        (_("(only you see this)"), "$text-muted"),
        "\n",
        summary(total(tallies)),
    ]
    if len(tallies) > 1:
        for item in tallies:
            lines += ["\n", (round_summary(item), "$text-muted")]
    record = Static(Content.assemble(*lines), classes="prediction-record")
    record.styles.margin = (1, 0, 1, 0)
    return record
