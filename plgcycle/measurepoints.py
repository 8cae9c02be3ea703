"""A measure's values over time: the shape of its data, its dated points, reading old measures.

A measure used to hold two numbers, ``baseline`` and ``value``, without dates.
Improvement teams read change over time, so a measure now holds dated
*points*: a baseline, then measurements during and after try-outs.  The shape
of a measure's ``data`` (every field: :data:`MEASURE_DATA_FIELDS`)::

    {"round": id, "tryout": id|None, "name": "Opgaven af", "unit": "%",
     "points": [{"date": "2026-09-14", "value": 55, "baseline": true},
                {"date": "2026-10-02", "value": 68, "tryout": id, "note": "na U1"}],
     "target": 70, "direction": "up", "series": None,
     "baseline": 55, "value": 68, "note": ""}

``baseline`` and ``value`` stay, always derived from the points by
:func:`with_points`, so that everything that reads them today (the cycle's
rules, the review, older copies of plgcycle) keeps working unchanged.  A
measure saved before dates existed is read by :func:`legacy_points`, which
derives its dates from the round and the try-out (see there);
:func:`migrate_measure` writes that into the new shape.

Pure functions over records and plain values; nothing touches the store.
Numbers are shown with :func:`number_text` (the same rule as the review's),
defined here so that the review and the reports can import this module
without an import cycle.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from .errors import InvalidInput
from .i18n import N_, _, current_language
from .model import CHOICE, NUMBER, FieldDef, Record, parse_date

UP, DOWN = "up", "down"
DIRECTIONS = ((UP, N_("higher is better")), (DOWN, N_("lower is better")))
DIRECTION_VALUES = (UP, DOWN)
MAX_POINTS = 1000  # values of one measure in one round; a school year of daily values fits


class DataField(NamedTuple):
    """One field of a record's ``data``: its key, its JSON shape and what it means.

    For the export format documentation and the schema; the form fields are
    :class:`plgcycle.model.FieldDef`.
    """

    key: str
    shape: str
    meaning: str


MEASURE_DATA_FIELDS: tuple[DataField, ...] = (
    DataField("round", "uuid", "the round the measure belongs to (of the same owner)"),
    DataField("tryout", "uuid or null", "the try-out it was measured for, if one"),
    DataField(
        "name", "name", "e.g. 'Opgaven af'; the same name in the next round continues the series"
    ),
    DataField("unit", "text", "e.g. '%', 'punten'"),
    DataField(
        "points",
        "list of point (see POINT_FIELDS), at most MAX_POINTS",
        "the values measured, each on its date; the baseline point(s) first",
    ),
    DataField("target", "number or null", "the value the teacher aims for (doel)"),
    DataField(
        "direction", "'up', 'down' or null", "whether higher or lower is better; null: not said"
    ),
    DataField(
        "series",
        "text or null",
        "an explicit series id set by linking; null: the series is guessed from the name",
    ),
    DataField(
        "baseline",
        "number or null",
        "derived: the first baseline point's value (for older readers)",
    ),
    DataField(
        "value",
        "number or null",
        "derived: the latest value that is not a baseline (for older readers)",
    ),
    DataField("note", "text", "a remark on the measure as a whole"),
)
"""Every field of a measure's ``data`` once it holds values over time.

New are ``points``, ``target``, ``direction`` and ``series``; ``baseline`` and
``value`` become summaries that :func:`with_points` keeps in step with the points.
In a progress export ``points``, ``target`` and the summaries are withheld like
the values are today (they are results).
"""

POINT_FIELDS: tuple[DataField, ...] = (
    DataField("date", "date (YYYY-MM-DD)", "the day it was measured"),
    DataField("value", "number", "a finite number"),
    DataField("baseline", "boolean, optional", "true for a baseline measurement (beginsituatie)"),
    DataField("tryout", "uuid or null, optional", "the try-out this value measured"),
    DataField("note", "text, optional", "e.g. 'two students ill'"),
    DataField(
        "estimated",
        "boolean, optional",
        "true when the date was derived from the round or try-out (measures from before dates)",
    ),
)
"""The fields of one point in ``data["points"]``; optional fields are left out when unset."""

MEASURE_FORM_FIELDS_ADDED: tuple[FieldDef, ...] = (
    FieldDef("target", N_("Target"), N_("The value you aim for (doel), if there is one."), NUMBER),
    FieldDef(
        "direction",
        N_("Better is"),
        N_("Whether a higher or a lower value is better."),
        CHOICE,
        DIRECTIONS,
    ),
)
"""Form fields to add to ``MEASURE_FIELDS`` (the points get their own editor)."""


# --- numbers --------------------------------------------------------------------------------


def as_number(value) -> float | None:
    """A finite number as float; None for anything else (text, ``true`` in progress exports)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def number_text(value: float | None) -> str:
    """A number as people write it: ``6,5`` in Dutch, ``6.5`` in English, no float noise."""
    if value is None:
        return "?"
    text = f"{round(value, 2):g}"
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if current_language() == "nl" else text


# --- points ----------------------------------------------------------------------------------


class Point(NamedTuple):
    """One measured value of a measure."""

    date: date | None  # None only for an old measure whose round has no date at all
    value: float
    baseline: bool = False
    tryout: str | None = None
    note: str = ""
    estimated: bool = False  # the date was derived, not measured (see legacy_points)

    def to_data(self) -> dict:
        """The stored form: optional fields only when set, so files stay small."""
        out: dict = {"date": self.date.isoformat() if self.date else None, "value": self.value}
        if self.baseline:
            out["baseline"] = True
        if self.tryout:
            out["tryout"] = self.tryout
        if self.note:
            out["note"] = self.note
        if self.estimated:
            out["estimated"] = True
        return out

    @classmethod
    def from_data(cls, raw) -> Point | None:
        """A stored point, or None when it has no usable number (damaged or withheld)."""
        if not isinstance(raw, dict):
            return None
        value = as_number(raw.get("value"))
        if value is None:
            return None
        day = raw.get("date")
        tryout, note = raw.get("tryout"), raw.get("note")
        return cls(
            parse_date(day) if isinstance(day, str) else None,
            value,
            raw.get("baseline") is True,
            tryout if isinstance(tryout, str) and tryout else None,
            note if isinstance(note, str) else "",
            raw.get("estimated") is True,
        )


def _point_order(point: Point) -> tuple:
    # Undated points last; on one day the baseline comes before what followed it.
    return (point.date is None, point.date or date.min, not point.baseline)


def stored_points(data: dict) -> list[Point] | None:
    """The points of a measure's ``data`` in date order; None when it has no ``points`` (old shape)."""
    raw = data.get("points")
    if not isinstance(raw, list):
        return None
    points = [p for p in map(Point.from_data, raw[:MAX_POINTS]) if p is not None]
    return sorted(points, key=_point_order)


def day_of(stamp) -> date | None:
    """The date of a timestamp or date string, None when there is none."""
    return parse_date(stamp) if isinstance(stamp, str) else None


def tryout_day(tryout: Record) -> date | None:
    """When a try-out happened: its run date, else its planned date."""
    return day_of(tryout.data.get("run_date")) or day_of(tryout.data.get("planned_date"))


def legacy_points(
    measure: Record, round_rec: Record | None = None, tryouts: Sequence[Record] = ()
) -> list[Point]:
    """Points for a measure saved before dates existed (only ``baseline`` and ``value``).

    The dates are derived, and marked ``estimated``:

    * the value: the date its try-out was carried out (else planned); without a
      try-out, the day the measure was last saved (when the value was typed in);
      else the day the round was closed or last saved;
    * the baseline: the earliest date of the round's try-outs or of the measure's
      last save, because a baseline is known before the first try-out and at the
      latest when it was typed in; never after the value.

    ``tryouts`` are the try-outs of the measure's round (others are ignored).
    """
    data = measure.data
    base, value = as_number(data.get("baseline")), as_number(data.get("value"))
    round_id = data.get("round")
    own_tryouts = [t for t in tryouts if t.data.get("round") == round_id and not t.deleted]
    linked = next((t for t in own_tryouts if t.id == data.get("tryout")), None)
    saved = day_of(measure.updated_at)
    round_day = None
    if round_rec is not None:
        round_day = day_of(round_rec.data.get("closed_at")) or day_of(round_rec.updated_at)
    value_day = (tryout_day(linked) if linked else None) or saved or round_day
    tryout_days = [
        day_of(t.data.get(key)) for t in own_tryouts for key in ("planned_date", "run_date")
    ]
    earliest = [d for d in (*tryout_days, saved) if d]
    base_day = min(earliest) if earliest else value_day
    if base_day and value_day and value is not None and base_day > value_day:
        base_day = value_day
    points = []
    if base is not None:
        points.append(Point(base_day, base, baseline=True, estimated=True))
    if value is not None:
        points.append(Point(value_day, value, tryout=linked.id if linked else None, estimated=True))
    return points


def points_of(
    measure: Record, round_rec: Record | None = None, tryouts: Sequence[Record] = ()
) -> list[Point]:
    """A measure's values in date order, whichever shape it was saved in."""
    stored = stored_points(measure.data)
    return stored if stored is not None else legacy_points(measure, round_rec, tryouts)


def migrate_measure(
    measure: Record, round_rec: Record | None = None, tryouts: Sequence[Record] = ()
) -> Record:
    """A copy in the new shape (``points`` with derived dates); unchanged when it has points."""
    if isinstance(measure.data.get("points"), list):
        return measure.copy()
    return with_points(measure, legacy_points(measure, round_rec, tryouts))


def with_points(measure: Record, points: Iterable[Point]) -> Record:
    """A copy holding ``points`` (sorted), with ``baseline`` and ``value`` derived from them.

    ``baseline`` is the first baseline point's value, ``value`` the latest value
    that is not a baseline: what the cycle's rules and older readers look at.
    """
    ordered = sorted(points, key=_point_order)
    if len(ordered) > MAX_POINTS:
        raise InvalidInput(
            _("A measure holds at most {max} values per round.").format(max=MAX_POINTS)
        )
    updated = measure.copy()
    updated.data["points"] = [p.to_data() for p in ordered]
    bases = [p.value for p in ordered if p.baseline]
    values = [p.value for p in ordered if not p.baseline]
    updated.data["baseline"] = bases[0] if bases else None
    updated.data["value"] = values[-1] if values else None
    return updated


def add_points(
    measure: Record,
    new: Iterable[Point],
    round_rec: Record | None = None,
    tryouts: Sequence[Record] = (),
) -> Record:
    """A copy with ``new`` points added to what it holds; a point already there is not doubled."""
    points = points_of(measure, round_rec, tryouts)
    seen = {(p.date, p.value, p.baseline) for p in points}
    for point in new:
        if (point.date, point.value, point.baseline) not in seen:
            seen.add((point.date, point.value, point.baseline))
            points.append(point)
    return with_points(measure, points)


def set_target(measure: Record, target, direction: str | None) -> Record:
    """A copy with the target (a number or None) and the direction (``up``, ``down`` or None)."""
    if target is not None and as_number(target) is None:
        raise InvalidInput(_("A target is a number."))
    if direction not in (None, *DIRECTION_VALUES):
        raise InvalidInput(_("Say whether higher or lower is better."))
    updated = measure.copy()
    updated.data["target"] = None if target is None else as_number(target)
    updated.data["direction"] = direction
    return updated
