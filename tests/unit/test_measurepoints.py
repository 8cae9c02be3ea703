"""measurepoints.py: a measure's dated values, and old measures read into that shape."""

from __future__ import annotations

import math
import uuid
from datetime import date

import pytest

from plgcycle import cycle, i18n
from plgcycle import measurepoints as mp
from plgcycle.errors import InvalidInput
from plgcycle.model import MEASURE, ROUND, TRYOUT, Record
from plgcycle.store import Store

ME = "0f8fad5b-d9cb-469f-a165-70867728950e"


def rnd(
    rid="r1", *, closed_at=None, updated_at="2026-09-01T08:00:00.000000+00:00", **data
) -> Record:
    return Record(
        ROUND,
        ME,
        {"question": "Hoe?", "round_no": 1, "chain": rid, "closed_at": closed_at, **data},
        rid,
        1,
        updated_at,
    )


def tryout(tid, round_id="r1", *, planned=None, run=None) -> Record:
    data = {"round": round_id, "class_group": "3 havo B"}
    if planned:
        data["planned_date"] = planned
    if run:
        data["run_date"] = run
    return Record(TRYOUT, ME, data, tid, 1, "2026-09-01T08:00:00.000000+00:00")


def old_measure(
    baseline=55,
    value=68,
    *,
    tryout_id=None,
    updated_at="2026-10-05T12:00:00.000000+00:00",
    round_id="r1",
) -> Record:
    return Record(
        MEASURE,
        ME,
        {
            "round": round_id,
            "tryout": tryout_id,
            "name": "Opgaven af",
            "unit": "%",
            "baseline": baseline,
            "value": value,
        },
        "m1",
        1,
        updated_at,
    )


def test_the_proposed_fields_name_every_new_key_and_every_point_key():
    keys = [f.key for f in mp.MEASURE_DATA_FIELDS]
    assert {"points", "target", "direction", "series", "baseline", "value"} <= set(keys)
    assert len(keys) == len(set(keys))
    point_keys = {f.key for f in mp.POINT_FIELDS}
    full = mp.Point(
        date(2026, 3, 15), 6.5, baseline=True, tryout="t1", note="twee ziek", estimated=True
    )
    assert set(full.to_data()) == point_keys  # the documented fields are exactly what is written
    assert [f.key for f in mp.MEASURE_FORM_FIELDS_ADDED] == ["target", "direction"]


def test_a_point_is_stored_compactly_and_read_back_exactly():
    point = mp.Point(date(2026, 3, 15), 6.5)
    assert point.to_data() == {"date": "2026-03-15", "value": 6.5}
    assert mp.Point.from_data(point.to_data()) == point
    full = mp.Point(date(2026, 3, 15), -2, baseline=True, tryout="t1", note="n", estimated=True)
    assert mp.Point.from_data(full.to_data()) == full


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "55",
        {"date": "2026-03-15"},
        {"date": "2026-03-15", "value": True},
        {"date": "2026-03-15", "value": "6,5"},
        {"value": float("nan")},
        {"value": float("inf")},
        [1, 2],
    ],
)
def test_damaged_or_withheld_points_are_left_out(raw):
    assert mp.Point.from_data(raw) is None


def test_a_point_with_a_damaged_date_keeps_its_value_without_a_date():
    assert mp.Point.from_data({"date": "15 maart", "value": 7}) == mp.Point(None, 7.0)


def test_stored_points_are_sorted_by_date_with_the_baseline_first_on_a_day():
    data = {
        "points": [
            {"date": "2026-10-02", "value": 68},
            {"date": "2026-09-14", "value": 60},
            {"date": "2026-09-14", "value": 55, "baseline": True},
            {"value": 1},
        ]
    }
    points = mp.stored_points(data)
    assert [(p.date, p.value, p.baseline) for p in points] == [
        (date(2026, 9, 14), 55, True),
        (date(2026, 9, 14), 60, False),
        (date(2026, 10, 2), 68, False),
        (None, 1, False),
    ]
    assert mp.stored_points({"baseline": 55}) is None  # old shape: no points key
    assert mp.stored_points({"points": True}) is None  # a progress export withholds them


def test_an_old_measure_gets_the_try_out_date_for_its_value_and_the_earliest_date_for_its_baseline():
    r = rnd()
    t1 = tryout("t1", planned="2026-09-20", run="2026-09-24")
    t2 = tryout("t2", planned="2026-10-10")
    points = mp.legacy_points(old_measure(tryout_id="t1"), r, [t2, t1])
    assert points == [
        mp.Point(date(2026, 9, 20), 55, baseline=True, estimated=True),
        mp.Point(date(2026, 9, 24), 68, tryout="t1", estimated=True),
    ]


def test_an_old_measure_without_a_try_out_takes_the_day_it_was_saved():
    points = mp.legacy_points(old_measure(updated_at="2026-10-05T12:00:00+00:00"), rnd(), [])
    assert [(p.date, p.value, p.baseline) for p in points] == [
        (date(2026, 10, 5), 55, True),
        (date(2026, 10, 5), 68, False),
    ]


def test_an_old_baseline_is_never_dated_after_its_value():
    # The try-out was carried out before the (later) planned date of another one, and saved later.
    t1 = tryout("t1", run="2026-09-10")
    t2 = tryout("t2", planned="2026-12-01")
    points = mp.legacy_points(
        old_measure(tryout_id="t1", updated_at="2026-11-30T10:00:00+00:00"), rnd(), [t1, t2]
    )
    assert points[0].date <= points[1].date == date(2026, 9, 10)


def test_an_old_baseline_without_a_value_is_dated_when_it_was_saved_not_at_a_future_try_out():
    points = mp.legacy_points(
        old_measure(value=None, updated_at="2026-11-01T10:00:00+00:00"),
        rnd(),
        [tryout("t9", planned="2026-12-15")],
    )
    assert points == [mp.Point(date(2026, 11, 1), 55, baseline=True, estimated=True)]


def test_try_outs_of_another_round_do_not_date_an_old_measure():
    other = tryout("t9", round_id="r2", run="2026-01-05")
    points = mp.legacy_points(old_measure(), rnd(), [other])
    assert points[0].date == date(2026, 10, 5)


def test_an_old_measure_with_no_date_anywhere_falls_back_to_the_round_then_none():
    bare = old_measure(updated_at="")
    assert mp.legacy_points(bare, rnd(closed_at="2026-11-02T09:00:00+00:00"), [])[1].date == date(
        2026, 11, 2
    )
    assert [p.date for p in mp.legacy_points(bare, None, [])] == [None, None]


def test_progress_export_values_give_no_points():
    assert mp.legacy_points(old_measure(baseline=True, value=True), rnd(), []) == []


def test_with_points_keeps_baseline_and_value_as_summaries_for_older_readers():
    m = mp.with_points(
        old_measure(baseline=None, value=None),
        [
            mp.Point(date(2026, 10, 20), 66),
            mp.Point(date(2026, 9, 14), 55, baseline=True),
            mp.Point(date(2026, 10, 2), 62),
        ],
    )
    assert m.data["baseline"] == 55 and m.data["value"] == 66  # the latest, not the last given
    assert [p["date"] for p in m.data["points"]] == ["2026-09-14", "2026-10-02", "2026-10-20"]
    assert cycle.measure_change(m) == 11  # today's rules read the summaries unchanged
    only_base = mp.with_points(old_measure(), [mp.Point(date(2026, 9, 14), 55, baseline=True)])
    assert only_base.data["value"] is None


def test_with_points_returns_a_copy_and_refuses_too_many_values():
    original = old_measure()
    mp.with_points(original, [mp.Point(date(2026, 9, 14), 1)])
    assert "points" not in original.data
    many = [mp.Point(date(2026, 1, 1), float(i)) for i in range(mp.MAX_POINTS + 1)]
    with pytest.raises(InvalidInput, match="hoogstens 1000 waarden"):
        mp.with_points(original, many)


def test_migrate_measure_writes_the_derived_points_once():
    t1 = tryout("t1", planned="2026-09-20", run="2026-09-24")
    migrated = mp.migrate_measure(old_measure(tryout_id="t1"), rnd(), [t1])
    assert migrated.data["points"] == [
        {"date": "2026-09-20", "value": 55, "baseline": True, "estimated": True},
        {"date": "2026-09-24", "value": 68, "tryout": "t1", "estimated": True},
    ]
    assert (migrated.data["baseline"], migrated.data["value"]) == (55, 68)
    again = mp.migrate_measure(migrated, rnd(), [])
    assert again.data == migrated.data and again is not migrated


def test_add_points_joins_new_values_to_old_ones_without_doubling():
    m = mp.add_points(
        old_measure(), [mp.Point(date(2026, 10, 5), 68), mp.Point(date(2026, 11, 1), 71)], rnd()
    )
    assert [(p["date"], p["value"]) for p in m.data["points"]] == [
        ("2026-10-05", 55),
        ("2026-10-05", 68),
        ("2026-11-01", 71),
    ]
    assert m.data["value"] == 71


def test_set_target_checks_number_and_direction():
    m = mp.set_target(old_measure(), 70, mp.UP)
    assert (m.data["target"], m.data["direction"]) == (70.0, "up")
    assert mp.set_target(m, None, None).data["target"] is None
    with pytest.raises(InvalidInput, match="Een doel is een getal"):
        mp.set_target(m, "70", mp.UP)
    with pytest.raises(InvalidInput, match="hoger of lager"):
        mp.set_target(m, 70, "sideways")
    with pytest.raises(InvalidInput):
        mp.set_target(m, math.inf, None)


def test_number_text_follows_the_language():
    assert mp.number_text(6.5) == "6,5"
    assert mp.number_text(-0.0001) == "0"
    i18n.set_language("en")
    assert mp.number_text(6.5) == "6.5" and mp.number_text(None) == "?"


def test_points_survive_a_real_database_file(db_path, clock):
    with Store(db_path, clock=clock) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries")).id
        round_id, tryout_id, measure_id = (str(uuid.uuid4()) for _ in range(3))
        m = mp.with_points(
            Record(MEASURE, me, {"round": round_id, "name": "Cijfer"}, measure_id),
            [
                mp.Point(date(2026, 9, 14), 5.5, baseline=True, note="voor"),
                mp.Point(date(2026, 10, 2), 6.25, tryout=tryout_id),
            ],
        )
        store.save(m)
    with Store(db_path, clock=clock) as store:
        back = store.get(measure_id)
    assert mp.points_of(back) == [
        mp.Point(date(2026, 9, 14), 5.5, baseline=True, note="voor"),
        mp.Point(date(2026, 10, 2), 6.25, tryout=tryout_id),
    ]
    assert (back.data["baseline"], back.data["value"]) == (5.5, 6.25)
