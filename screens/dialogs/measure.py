"""Add or change a measure: name, unit, its values on their dates, target and direction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.measureform import new_point, parse_points_text, points_text, typed_date
from plgcycle.measurepoints import MEASURE_FORM_FIELDS_ADDED, Point, as_number
from plgcycle.model import BOOL, DATE, LONGTEXT, MEASURE_FIELDS, NUMBER, FieldDef, parse_date

from .form import FormDialog

_BY_KEY = {f.key: f for f in MEASURE_FIELDS}

VALUES_FIELD = FieldDef(
    "points_text",
    N_("Values so far"),
    N_(
        "One per line: the date, the value, “begin” for the baseline, a note. "
        "Change or remove a line to correct it."
    ),
    LONGTEXT,
    public=True,
)
NEW_FIELDS = (
    FieldDef("new_date", N_("Add a value: the date"), N_("DD-MM-YYYY"), DATE),
    FieldDef("new_value", N_("The value"), "", NUMBER),
    FieldDef("new_baseline", N_("This is the baseline (before the try-outs)"), "", BOOL),
)
DIALOG_FIELDS = (
    _BY_KEY["name"],
    _BY_KEY["unit"],
    VALUES_FIELD,
    *NEW_FIELDS,
    *MEASURE_FORM_FIELDS_ADDED,
    _BY_KEY["note"],
)


@dataclass(frozen=True)
class MeasureInput:
    name: str
    unit: str
    points: list[Point]
    target: float | None
    direction: str | None
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
        points: Sequence[Point] = (),
        today: date | None = None,
        tryout_id: str | None = None,
        known_names: list[str] = (),
        private_paths: Iterable[str] = (),
    ) -> None:
        intro = _(
            "Measure the same thing on several dates: a baseline before the try-outs, then "
            "values during and after them. Use the same name in every round to see it in "
            "one chart."
        )
        if known_names:
            intro += "\n" + _("Names used so far: {names}").format(names=", ".join(known_names))
        self.old_points = list(points)
        self.today = today
        self.tryout_id = tryout_id
        shown = dict(values or {})
        shown["points_text"] = points_text(self.old_points)
        shown["new_date"] = typed_date(today) if today else ""
        shown["new_baseline"] = not any(p.baseline for p in self.old_points)
        super().__init__(shown, fields=DIALOG_FIELDS, intro=Content(intro))
        self.private_paths = frozenset(private_paths)

    def build_result(self, values: dict) -> MeasureInput:
        name = (values.get("name") or "").strip()
        if not name:
            raise InvalidInput(_("A measure needs a name."))
        points = parse_points_text(values.get("points_text") or "", self.old_points, self.today)
        added = new_point(
            parse_date(values.get("new_date")),
            values.get("new_value"),
            baseline=bool(values.get("new_baseline")),
            tryout=self.tryout_id,
            today=self.today,
        )
        if added is not None:
            points.append(added)
        return MeasureInput(
            name,
            values.get("unit") or "",
            points,
            as_number(values.get("target")),
            values.get("direction"),
            values.get("note") or "",
            self.privacy(),
        )
