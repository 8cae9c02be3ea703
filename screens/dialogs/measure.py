"""Add or change a measure: name, unit, baseline value and new value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.model import MEASURE_FIELDS

from .form import FormDialog


@dataclass(frozen=True)
class MeasureInput:
    name: str
    unit: str
    baseline: float | int | None
    value: float | int | None
    note: str
    privacy: dict[str, bool] = field(default_factory=dict)  # field path -> private


class MeasureDialog(FormDialog[MeasureInput]):
    """Returns a :class:`MeasureInput`, or None when cancelled."""

    title_text = N_("Measure")
    allow_private = True  # the note may be private; the name and the numbers are shared

    def __init__(
        self,
        values: dict | None = None,
        *,
        known_names: list[str] = (),
        private_paths: Iterable[str] = (),
    ) -> None:
        intro = _(
            "The same measure before (baseline) and after the try-out. Use the same "
            "name in every round to see it in one chart."
        )
        if known_names:
            intro += "\n" + _("Names used so far: {names}").format(names=", ".join(known_names))
        super().__init__(values, fields=MEASURE_FIELDS, intro=Content(intro))
        self.private_paths = frozenset(private_paths)

    def build_result(self, values: dict) -> MeasureInput:
        name = (values.get("name") or "").strip()
        if not name:
            raise InvalidInput(_("A measure needs a name."))
        return MeasureInput(
            name,
            values.get("unit") or "",
            values.get("baseline"),
            values.get("value"),
            values.get("note") or "",
            self.privacy(),
        )
