"""series.py: one measure followed across rounds, guessed by name, linked and unlinked by the teacher."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from plgcycle import cycle
from plgcycle import series as sr
from plgcycle.errors import InvalidInput
from plgcycle.measurepoints import DOWN, UP, Point, with_points
from plgcycle.model import MEASURE, ROUND, TRYOUT, Record


class Teacher:
    """Records of one teacher with exact dates and readable, stable ids."""

    def __init__(self, owner: str = "sanne"):
        self.owner = owner
        self.records: list[Record] = []
        self.n = 0

    def _id(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def round(self, number=1, *, parent=None, closed=None, question="Hoe?") -> Record:
        rid = self._id("r")
        chain = parent.data["chain"] if parent else rid
        rec = Record(
            ROUND,
            self.owner,
            {
                "question": question,
                "round_no": number,
                "chain": chain,
                "parent": parent.id if parent else None,
                "closed_at": f"{closed}T15:00:00.000000+00:00" if closed else None,
            },
            rid,
            1,
            "2026-09-01T08:00:00.000000+00:00",
        )
        self.records.append(rec)
        return rec

    def tryout(self, rnd, *, planned=None, run=None) -> Record:
        data = {"round": rnd.id, "class_group": "3 havo B"}
        data.update({k: v for k, v in (("planned_date", planned), ("run_date", run)) if v})
        rec = Record(TRYOUT, self.owner, data, self._id("t"), 1, "2026-09-01T08:00:00.000000+00:00")
        self.records.append(rec)
        return rec

    def measure(self, rnd, name, points, *, unit="%", **data) -> Record:
        rec = with_points(
            Record(
                MEASURE,
                self.owner,
                {"round": rnd.id, "name": name, "unit": unit, **data},
                self._id("m"),
                1,
                "2026-09-01T08:00:00.000000+00:00",
            ),
            [Point(date.fromisoformat(d), v, baseline=b) for d, v, b in points],
        )
        self.records.append(rec)
        return rec


@pytest.fixture
def two_rounds():
    """Round 1 (closed on 2 November) and round 2 of one question, the same measure written differently."""
    t = Teacher()
    r1 = t.round(1, closed="2026-11-02")
    r2 = t.round(2, parent=r1)
    t.tryout(r1, planned="2026-09-28", run="2026-09-29")
    t.tryout(r2, planned="2027-01-10")
    t.tryout(r2, planned="2026-11-20", run="2026-11-20")
    m1 = t.measure(
        r1,
        "Opgaven af",
        [("2026-09-14", 55, True), ("2026-10-02", 62, False), ("2026-10-20", 66, False)],
    )
    m2 = t.measure(
        r2,
        "  opgaven   ÁF ",
        [("2026-11-09", 64, True), ("2026-11-24", 71, False)],
        unit="procent",
        target=70,
        direction=UP,
    )
    return t, r1, r2, m1, m2


@pytest.mark.parametrize(
    "a, b",
    [
        ("Opgaven af", "opgaven af"),
        ("Opgaven af", "  Opgaven   af "),
        ("Opgaven áf", "Opgaven af"),
        ("Enquête", "ENQUETE"),
        ("Cijfer\tschrijftoets", "cijfer schrijftoets"),
        ("Ｏpgaven", "opgaven"),
    ],
)
def test_names_that_differ_only_in_case_spaces_and_accents_are_one_name(a, b):
    assert sr.normalise_name(a) == sr.normalise_name(b)


@pytest.mark.parametrize(
    "a, b",
    [("Opgaven af", "Opgaven"), ("Cijfer 1", "Cijfer 2"), ("Uitgedaagd (enquête)", "Uitgedaagd")],
)
def test_different_names_stay_different(a, b):
    assert sr.normalise_name(a) != sr.normalise_name(b)


def test_the_same_measure_across_rounds_is_one_series_in_date_order(two_rounds):
    t, r1, r2, m1, m2 = two_rounds
    [one] = sr.teacher_series(t.records, t.owner)
    assert [(p.date.isoformat(), p.value, p.baseline, p.round_no) for p in one.points] == [
        ("2026-09-14", 55, True, 1),
        ("2026-10-02", 62, False, 1),
        ("2026-10-20", 66, False, 1),
        ("2026-11-09", 64, True, 2),
        ("2026-11-24", 71, False, 2),
    ]
    assert [m.id for m in one.measures] == [m1.id, m2.id]
    assert not one.linked


def test_a_new_round_begins_on_the_day_the_previous_one_closed(two_rounds):
    t, r1, r2, *_ = two_rounds
    [one] = sr.teacher_series(t.records, t.owner)
    assert one.rounds == (
        sr.RoundMark(r1.id, 1, date(2026, 9, 14)),
        sr.RoundMark(r2.id, 2, date(2026, 11, 2)),
    )


def test_a_round_whose_previous_round_is_open_begins_at_its_first_date():
    t = Teacher()
    r1 = t.round(1)
    r2 = t.round(2, parent=r1)  # the first round was reopened: no closing date
    t.measure(r1, "Cijfer", [("2026-09-01", 6, True)])
    t.tryout(r2, planned="2026-10-20")
    t.measure(r2, "Cijfer", [("2026-10-25", 7, False)])
    [one] = sr.teacher_series(t.records, t.owner)
    assert one.rounds[1].start == date(2026, 10, 20)


def test_try_outs_are_numbered_within_their_round_and_marked_where_they_happened(two_rounds):
    t, r1, r2, *_ = two_rounds
    [one] = sr.teacher_series(t.records, t.owner)
    assert [(m.round_no, m.number, m.date.isoformat(), m.done) for m in one.tryouts] == [
        (1, 1, "2026-09-29", True),
        (2, 1, "2026-11-20", True),
        (2, 2, "2027-01-10", False),
    ]
    # The same numbers as the round's own list (the order the try-out screen uses).
    view = cycle.RecordIndex(t.records).view(r2.id)
    assert [tr.id for tr in view.tryouts] == [m.tryout_id for m in one.tryouts if m.round_no == 2]


def test_name_unit_target_and_direction_come_from_the_latest_round(two_rounds):
    t, *_ = two_rounds
    [one] = sr.teacher_series(t.records, t.owner)
    assert (one.name, one.unit, one.target, one.direction) == ("  opgaven   ÁF ", "procent", 70, UP)


def test_another_question_with_the_same_measure_name_is_another_series(two_rounds):
    t, *_ = two_rounds
    other = t.round(1, question="Hoe laat ik ze samenwerken?")
    t.measure(other, "Opgaven af", [("2026-09-20", 40, True)])
    assert [len(s.points) for s in sr.teacher_series(t.records, t.owner)] == [5, 1]


def test_only_the_teachers_own_live_records_count(two_rounds):
    t, r1, r2, m1, m2 = two_rounds
    colleague = Teacher("bea")
    cr = colleague.round(1)
    colleague.measure(cr, "Opgaven af", [("2026-09-15", 99, False)])
    gone = t.measure(r1, "Opgaven af", [("2026-10-25", 1, False)])
    gone.deleted = True
    orphan = Record(
        MEASURE, t.owner, {"round": "missing", "name": "Opgaven af", "value": 3}, "m-orphan"
    )
    [one] = sr.teacher_series(t.records + colleague.records + [orphan], t.owner)
    assert [p.value for p in one.points] == [55, 62, 66, 64, 71]
    assert sr.teacher_series(colleague.records, t.owner) == []


def test_old_measures_without_points_join_the_series_with_derived_dates():
    t = Teacher()
    r1 = t.round(1, closed="2026-11-02")
    tr = t.tryout(r1, planned="2026-09-28", run="2026-10-01")
    old = Record(
        MEASURE,
        t.owner,
        {
            "round": r1.id,
            "tryout": tr.id,
            "name": "Opgaven af",
            "unit": "%",
            "baseline": 55,
            "value": 68,
        },
        "m-old",
        1,
        "2026-10-03T10:00:00+00:00",
    )
    [one] = sr.teacher_series(t.records + [old], t.owner)
    assert [(p.date, p.value, p.estimated, p.tryout_id) for p in one.points] == [
        (date(2026, 9, 28), 55, True, None),
        (date(2026, 10, 1), 68, True, tr.id),
    ]


def test_series_are_listed_by_their_first_date_then_name():
    t = Teacher()
    r = t.round(1)
    t.measure(r, "Zelfstandig werken", [("2026-10-01", 3, False)])
    t.measure(r, "Aandacht", [("2026-10-01", 4, False)])
    t.measure(r, "Later", [("2026-11-01", 5, False)])
    t.measure(r, "Begin", [("2026-09-01", 6, False)])
    assert [s.name for s in sr.teacher_series(t.records, t.owner)] == [
        "Begin",
        "Aandacht",
        "Zelfstandig werken",
        "Later",
    ]


def test_linking_puts_a_differently_named_measure_into_the_series_for_good(two_rounds):
    t, r1, r2, m1, m2 = two_rounds
    r3 = t.round(3, parent=r2)
    m3 = t.measure(r3, "Percentage opgaven gemaakt", [("2027-01-20", 75, False)])
    [main, alone] = sr.teacher_series(t.records, t.owner)
    assert alone.measures == (m3,)
    changed = sr.link(m3, main, new_key="series-1")
    assert sorted(c.id for c in changed) == sorted([m1.id, m2.id, m3.id])
    assert all(c.data["series"] == "series-1" for c in changed)
    assert m3.data.get("series") is None  # copies: the caller saves them
    by_id = {r.id: r for r in t.records}
    by_id.update({c.id: c for c in changed})
    [linked] = sr.teacher_series(by_id.values(), t.owner)
    assert linked.linked and [p.value for p in linked.points][-1] == 75
    assert sr.link(by_id[m3.id], linked) == []  # nothing left to change


def test_linking_into_a_series_that_has_an_id_keeps_that_id(two_rounds):
    t, r1, r2, m1, m2 = two_rounds
    first = {c.id: c for c in sr.link(m2, sr.teacher_series(t.records, t.owner)[0], new_key="k1")}
    records = [first.get(r.id, r) for r in t.records]
    extra = t.measure(t.round(1, question="Ander"), "Iets anders", [("2026-12-01", 1, False)])
    series = sr.series_of(sr.teacher_series(records + [extra], t.owner), m1.id)
    assert [c.data["series"] for c in sr.link(extra, series)] == ["k1"]


def test_unlinking_takes_one_measure_out_and_leaves_the_others_together(two_rounds):
    t, r1, r2, m1, m2 = two_rounds
    r3 = t.round(3, parent=r2)
    m3 = t.measure(r3, "Opgaven af", [("2027-01-20", 75, False)])
    apart = sr.unlink(m2, new_key="own")
    records = [apart if r.id == m2.id else r for r in t.records]
    result = sr.teacher_series(records, t.owner)
    assert sorted(tuple(m.id for m in s.measures) for s in result) == sorted(
        [(m1.id, m3.id), (m2.id,)]
    )
    back = [sr.guess_again(apart) if r.id == m2.id else r for r in records]
    assert [len(s.measures) for s in sr.teacher_series(back, t.owner)] == [3]


def test_unlinking_without_a_key_never_reuses_a_shared_id(two_rounds):
    t, r1, r2, m1, m2 = two_rounds
    a = sr.unlink(m1)
    b = sr.unlink(m1)
    assert a.data["series"] != b.data["series"] and uuid.UUID(a.data["series"])


def test_only_own_measures_can_be_linked(two_rounds):
    t, *_ = two_rounds
    [main] = sr.teacher_series(t.records, t.owner)
    other = Teacher("bea")
    foreign = other.measure(other.round(1), "Opgaven af", [("2026-10-01", 1, False)])
    with pytest.raises(InvalidInput, match="alleen je eigen metingen"):
        sr.link(foreign, main)


def _series(points, target=None, direction=None) -> sr.Series:
    t = Teacher()
    r = t.round(1)
    extra = {"target": target, "direction": direction}
    t.measure(r, "Cijfer", points, **extra)
    [one] = sr.teacher_series(t.records, t.owner)
    return one


@pytest.mark.parametrize(
    "points, baseline, latest, change",
    [
        (
            [("2026-09-01", 55, True), ("2026-10-01", 68, False), ("2026-11-01", 60, False)],
            55,
            60,
            5,
        ),
        (
            [("2026-09-01", 5.5, False), ("2026-10-01", 6.0, False)],
            5.5,
            6.0,
            0.5,
        ),  # no baseline: the first value
        ([("2026-09-01", 55, True)], 55, None, None),
        (
            [("2026-09-01", 55, True), ("2026-09-20", 50, True), ("2026-10-01", 48, False)],
            55,
            48,
            -7,
        ),
    ],
)
def test_baseline_latest_and_change(points, baseline, latest, change):
    one = _series(points)
    assert (one.baseline, one.latest, one.change) == (baseline, latest, change)


@pytest.mark.parametrize(
    "latest, target, direction, better, met",
    [
        (70, 70, UP, UP, True),  # reaching the target exactly counts
        (69, 70, UP, UP, False),
        (71, 70, UP, UP, True),
        (10, 10, DOWN, DOWN, True),
        (9, 10, DOWN, DOWN, True),
        (11, 10, DOWN, DOWN, False),
        (72, 70, None, UP, True),  # no direction said: the target above the baseline means up
        (40, 45, None, DOWN, True),  # ... and below it means down
        (52, 45, None, DOWN, False),
        (60, None, UP, UP, None),
    ],
)
def test_target_met_follows_the_direction(latest, target, direction, better, met):
    one = _series([("2026-09-01", 50, True), ("2026-10-01", latest, False)], target, direction)
    assert (one.better, one.target_met) == (better, met)


def test_no_direction_and_a_target_equal_to_the_baseline_says_nothing():
    one = _series([("2026-09-01", 50, True), ("2026-10-01", 60, False)], 50, None)
    assert one.better is None and one.target_met is None


def test_series_in_a_real_database_round_trip(store):
    me = store.me
    r1 = cycle.new_question(me, "Hoe laat ik 3 havo actiever oefenen?")
    store.save(r1)
    m = cycle.new_measure(r1, me, "Opgaven af", unit="%")
    store.save(
        with_points(m, [Point(date(2026, 9, 14), 55, baseline=True), Point(date(2026, 10, 2), 68)])
    )
    closed = cycle.close_round(store.get(r1.id), "adapt", "Werkt deels.")
    store.save(closed)
    r2 = cycle.start_next_round(closed, ())
    store.save(r2)
    store.save(with_points(cycle.new_measure(r2, me, "opgaven af"), [Point(date(2026, 12, 1), 72)]))
    [one] = sr.teacher_series(store.list(include_deleted=True), me)
    assert [p.value for p in one.points] == [55, 68, 72]
    assert [r.number for r in one.rounds] == [1, 2] and one.rounds[1].start is not None


def test_a_dated_point_gives_its_date_and_an_undated_one_none():
    dated = sr.SeriesPoint(date(2026, 9, 14), 55, True, False, "", "r1", 1, "m1", None)
    assert sr.point_date(dated) == date(2026, 9, 14)
    with pytest.raises(ValueError):
        sr.point_date(dated._replace(date=None))
