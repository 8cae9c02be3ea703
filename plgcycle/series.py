"""The series of a teacher's measures: the same measure followed across rounds.

Measures of one owner whose names are the same after :func:`normalise_name`
(case, spaces and accents do not count) and whose rounds belong to the same
learning question form one series, in date order, with the rounds' boundaries
and the try-outs where they happened (:func:`teacher_series`).

The teacher overrides the guess: :func:`link` puts measures into one series
under an explicit ``series`` id (also across questions, or with different
names), :func:`unlink` gives a measure a series of its own, and
:func:`guess_again` returns it to the guess by name.  An explicit id always
wins over the name.

Pure functions over records; the points themselves are read by
:mod:`plgcycle.measurepoints`, whatever shape a measure was saved in.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from .errors import InvalidInput
from .i18n import _
from .measurepoints import (
    DIRECTION_VALUES,
    DOWN,
    UP,
    Point,
    as_number,
    day_of,
    points_of,
    tryout_day,
)
from .model import MEASURE, ROUND, TRYOUT, Record


def normalise_name(name: str | None) -> str:
    """The form of a measure's name that decides whether two measures are the same.

    Case, accents, spaces (also at the ends and doubled) do not count:
    ``"Opgaven  áf "`` and ``"opgaven af"`` are one name.
    """
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


class SeriesPoint(NamedTuple):
    """A point of a series, with the round and measure it came from."""

    date: date | None
    value: float
    baseline: bool
    estimated: bool
    note: str
    round_id: str
    round_no: int
    measure_id: str
    tryout_id: str | None


def point_date(point: SeriesPoint) -> date:
    """The date of a dated point (see :attr:`Series.dated`); ValueError for an undated one."""
    if point.date is None:
        raise ValueError("an undated point has no place in time")
    return point.date


class RoundMark(NamedTuple):
    """A round of a series; ``start`` is where the chart draws its boundary."""

    round_id: str
    number: int
    start: date | None  # the previous round's closing date, else the round's first date


class TryoutMark(NamedTuple):
    """A try-out of a round in the series, where it happened (or is planned)."""

    tryout_id: str
    round_no: int
    number: int  # 1-based within its round, in the order the round lists its try-outs
    date: date
    done: bool  # carried out (its run date) rather than only planned


class Series:
    """One measure followed over time: its points in date order, its rounds and try-outs."""

    __slots__ = (
        "key",
        "owner",
        "name",
        "unit",
        "target",
        "direction",
        "linked",
        "measures",
        "points",
        "rounds",
        "tryouts",
    )

    def __init__(
        self,
        key: str,
        owner: str,
        name: str,
        unit: str,
        target: float | None,
        direction: str | None,
        linked: bool,
        measures: tuple[Record, ...],
        points: tuple[SeriesPoint, ...],
        rounds: tuple[RoundMark, ...],
        tryouts: tuple[TryoutMark, ...],
    ):
        self.key, self.owner, self.name, self.unit = key, owner, name, unit
        self.target, self.direction, self.linked = target, direction, linked
        self.measures, self.points, self.rounds, self.tryouts = measures, points, rounds, tryouts

    def __repr__(self) -> str:
        return f"Series({self.name!r}, {len(self.points)} points, {len(self.rounds)} rounds)"

    @property
    def dated(self) -> tuple[SeriesPoint, ...]:
        return tuple(p for p in self.points if p.date is not None)

    @property
    def baseline(self) -> float | None:
        """Where the series started: its first baseline point, else its first point."""
        for point in self.points:
            if point.baseline:
                return point.value
        return self.points[0].value if self.points else None

    @property
    def latest(self) -> float | None:
        """The latest value that is not a baseline."""
        values = [p.value for p in self.points if not p.baseline]
        return values[-1] if values else None

    @property
    def change(self) -> float | None:
        """The latest value minus where the series started."""
        if self.latest is None or self.baseline is None:
            return None
        return self.latest - self.baseline

    @property
    def better(self) -> str | None:
        """The direction that counts as better: the teacher's, else the way to the target."""
        if self.direction in DIRECTION_VALUES:
            return self.direction
        if self.target is not None and self.baseline is not None and self.target != self.baseline:
            return UP if self.target > self.baseline else DOWN
        return None

    @property
    def target_met(self) -> bool | None:
        """Whether the latest value reached the target (None when either is missing)."""
        if self.target is None or self.latest is None or self.better is None:
            return None
        return self.latest >= self.target if self.better == UP else self.latest <= self.target


def series_key(measure: Record, round_rec: Record | None) -> str:
    """The key that puts a measure into its series: its explicit id, else question and name."""
    explicit = measure.data.get("series")
    if isinstance(explicit, str) and explicit:
        return "id:" + explicit
    name = normalise_name(measure.text("name"))
    if not name:
        return "measure:" + measure.id  # a measure without a name is a series of its own
    chain = (round_rec.data.get("chain") or round_rec.id) if round_rec else ""
    return f"name:{chain}:{name}"


def _tryout_order(tryout: Record) -> tuple:
    # The order in which a round lists its try-outs (index.RecordIndex.view), so U1 is U1 everywhere.
    return (tryout.data.get("planned_date") or tryout.data.get("run_date") or "", tryout.updated_at)


def teacher_series(records: Iterable[Record], owner: str) -> list[Series]:
    """The series of ``owner``'s measures, each in date order with its rounds and try-outs.

    Only the owner's own rounds, try-outs and measures count, and no deleted
    record.  The list is ordered by each series' first date (undated last), then
    by name.
    """
    rounds: dict[str, Record] = {}
    tryouts: dict[str, list[Record]] = {}
    measures: list[Record] = []
    for rec in records:
        if rec.deleted or rec.owner != owner:
            continue
        if rec.kind == ROUND:
            rounds[rec.id] = rec
        elif rec.kind == TRYOUT:
            tryouts.setdefault(rec.data.get("round") or "", []).append(rec)
        elif rec.kind == MEASURE:
            measures.append(rec)
    for listed in tryouts.values():
        listed.sort(key=_tryout_order)
    groups: dict[str, list[Record]] = {}
    for measure in measures:
        round_rec = rounds.get(measure.data.get("round") or "")
        if round_rec is not None:  # a measure without its round has no place in time
            groups.setdefault(series_key(measure, round_rec), []).append(measure)
    built = [_build(key, members, rounds, tryouts, owner) for key, members in groups.items()]
    built.sort(
        key=lambda s: (
            not s.dated,
            s.dated[0].date if s.dated else date.min,
            normalise_name(s.name),
            s.key,
        )
    )
    return built


def _round_no(round_rec: Record) -> int:
    number = round_rec.data.get("round_no")
    return number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else 1


def _build(
    key: str,
    members: list[Record],
    rounds: dict[str, Record],
    tryouts: dict[str, list[Record]],
    owner: str,
) -> Series:
    per_round: dict[str, list[Point]] = {}
    by_measure: list[tuple[Record, Record, list[Point]]] = []
    for measure in members:
        round_rec = rounds[measure.data["round"]]
        measured = points_of(measure, round_rec, tryouts.get(round_rec.id, ()))
        by_measure.append((measure, round_rec, measured))
        per_round.setdefault(round_rec.id, []).extend(measured)
    marks = []
    for round_id in per_round:
        round_rec = rounds[round_id]
        parent = rounds.get(round_rec.data.get("parent") or "")
        start = day_of(parent.data.get("closed_at")) if parent is not None else None
        if start is None:
            days = [p.date for p in per_round[round_id] if p.date]
            days += [d for d in map(tryout_day, tryouts.get(round_id, ())) if d]
            start = min(days) if days else None
        marks.append(RoundMark(round_id, _round_no(round_rec), start))
    marks.sort(key=lambda m: (m.start is None, m.start or date.min, m.number))
    order = {m.round_id: i for i, m in enumerate(marks)}
    numbers = {m.round_id: m.number for m in marks}
    by_measure.sort(key=lambda item: (order[item[1].id], item[0].updated_at))
    points: list[SeriesPoint] = []
    for measure, round_rec, own in by_measure:
        points += [
            SeriesPoint(
                p.date,
                p.value,
                p.baseline,
                p.estimated,
                p.note,
                round_rec.id,
                numbers[round_rec.id],
                measure.id,
                p.tryout,
            )
            for p in own
        ]
    points.sort(
        key=lambda p: (p.date is None, p.date or date.min, order[p.round_id], not p.baseline)
    )
    tryout_marks = []
    for mark in marks:
        for number, tryout in enumerate(tryouts.get(mark.round_id, ()), start=1):
            day = tryout_day(tryout)
            if day is not None:
                tryout_marks.append(
                    TryoutMark(
                        tryout.id,
                        mark.number,
                        number,
                        day,
                        day_of(tryout.data.get("run_date")) is not None,
                    )
                )
    tryout_marks.sort(key=lambda t: (t.date, t.round_no, t.number))
    latest_first = [m for m, _r, _p in reversed(by_measure)]
    name = next((m.text("name") for m in latest_first if m.text("name").strip()), "")
    unit = next((m.text("unit") for m in latest_first if m.text("unit").strip()), "")
    target = next(
        (
            as_number(m.data.get("target"))
            for m in latest_first
            if as_number(m.data.get("target")) is not None
        ),
        None,
    )
    direction = next(
        (m.data["direction"] for m in latest_first if m.data.get("direction") in DIRECTION_VALUES),
        None,
    )
    return Series(
        key,
        owner,
        name,
        unit,
        target,
        direction,
        key.startswith("id:"),
        tuple(m for m, _r, _p in by_measure),
        tuple(points),
        tuple(marks),
        tuple(tryout_marks),
    )


def series_of(series: Iterable[Series], measure_id: str) -> Series | None:
    """The series a measure belongs to, None when it is in none of them."""
    return next((s for s in series if any(m.id == measure_id for m in s.measures)), None)


def link(measure: Record, series: Series, new_key: str | None = None) -> list[Record]:
    """Copies that put ``measure`` into ``series`` for good, whatever its name.

    The series gets an explicit id (its own when it has one, else ``new_key`` or a
    fresh one), written to every member that does not carry it yet and to the
    measure; the caller saves the copies.  Empty when there is nothing to change.
    """
    if measure.kind != MEASURE or measure.owner != series.owner:
        raise InvalidInput(_("Only your own measures can be linked."))
    key = series.key[3:] if series.linked else (new_key or str(uuid.uuid4()))
    changed: list[Record] = []
    for member in (*series.measures, measure):
        if member.data.get("series") != key and all(c.id != member.id for c in changed):
            copy = member.copy()
            copy.data["series"] = key
            changed.append(copy)
    return changed


def unlink(measure: Record, new_key: str | None = None) -> Record:
    """A copy of ``measure`` in a series of its own, no longer joined by name or link."""
    updated = measure.copy()
    updated.data["series"] = new_key or str(uuid.uuid4())
    return updated


def guess_again(measure: Record) -> Record:
    """A copy of ``measure`` whose series is guessed from its name again."""
    updated = measure.copy()
    updated.data["series"] = None
    return updated
