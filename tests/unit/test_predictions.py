"""predictions.py: how often a teacher's predictions held, over rounds, and that it stays with the teacher."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from test_series import Teacher  # noqa: E402

from plgcycle import cycle, exchange, i18n
from plgcycle import predictions as pr
from plgcycle.errors import InvalidInput
from plgcycle.model import TRYOUT, Record
from plgcycle.privacy import shareable


def judged(
    t: Teacher, rnd, value, *, prediction="Meer leerlingen oefenen.", run="2026-10-01"
) -> Record:
    tryout = t.tryout(rnd, planned="2026-09-28", run=run)
    tryout.data["prediction"] = prediction
    if value is not None:
        tryout.data.update(pr.set_prediction_held(tryout, value).data)
    return tryout


@pytest.fixture
def record():
    t = Teacher()
    r1 = t.round(1, closed="2026-11-02")
    r2 = t.round(2, parent=r1)
    for value in ("yes", "yes", "no"):
        judged(t, r1, value)
    judged(t, r2, "partly")
    judged(t, r2, "yes")
    judged(t, r2, None)  # carried out, not judged yet
    judged(t, r2, None, run=None)  # not carried out: nothing to judge
    judged(t, r2, "no", prediction="  ")  # no prediction was written: not counted
    return t, r1, r2


def test_the_tally_per_round_and_in_total(record):
    t, r1, r2 = record
    rounds = pr.prediction_record(t.records, t.owner)
    assert [(r.round_id, r.round_no, r.tally) for r in rounds] == [
        (r1.id, 1, pr.Tally(held=2, partly=0, not_held=1, open=0)),
        (r2.id, 2, pr.Tally(held=1, partly=1, not_held=0, open=1)),
    ]
    assert pr.total(rounds) == pr.Tally(3, 1, 1, 1) and pr.total(rounds).judged == 5


def test_the_summary_reads_as_a_sentence(record):
    t, *_ = record
    rounds = pr.prediction_record(t.records, t.owner)
    assert pr.summary(pr.total(rounds)) == (
        "3 van de 5 voorspellingen kwamen uit, 1 deels. "
        "1 uitgevoerd uitprobeermoment is nog niet beoordeeld."
    )
    assert pr.round_summary(rounds[0]) == "Ronde 1: 2 van de 3 voorspellingen kwamen uit."
    i18n.set_language("en")
    assert pr.summary(pr.total(rounds)) == (
        "3 of 5 predictions came true, 1 partly. 1 try-out carried out is not judged yet."
    )


@pytest.mark.parametrize(
    "tally, nl",
    [
        (pr.Tally(), "Nog geen voorspelling beoordeeld."),
        (pr.Tally(held=1), "Je voorspelling kwam uit."),
        (pr.Tally(partly=1), "Je voorspelling kwam deels uit."),
        (pr.Tally(not_held=1), "Je voorspelling kwam niet uit."),
        (pr.Tally(held=1, not_held=1), "1 van de 2 voorspellingen kwam uit."),
        (pr.Tally(not_held=2), "0 van de 2 voorspellingen kwamen uit."),
        (
            pr.Tally(open=2),
            "Nog geen voorspelling beoordeeld. 2 uitgevoerde uitprobeermomenten zijn nog niet beoordeeld.",
        ),
    ],
)
def test_summaries_for_small_numbers(tally, nl):
    assert pr.summary(tally) == nl


def test_only_the_teachers_own_try_outs_are_counted(record):
    t, r1, _r2 = record
    colleague = Teacher("bea")
    cr = colleague.round(1)
    judged(colleague, cr, "no")
    # Even a colleague's try-out in the teacher's round, carrying the field, is not the teacher's judgement.
    stray = Record(
        TRYOUT, "bea", {"round": r1.id, "prediction": "x", "prediction_held": "no"}, "stray"
    )
    rounds = pr.prediction_record(t.records + colleague.records + [stray], t.owner)
    assert pr.total(rounds) == pr.Tally(3, 1, 1, 1)
    assert pr.prediction_record(t.records, "bea") == []


def test_the_judgement_is_private_on_the_record_and_withheld_by_the_privacy_rule(record):
    t, r1, _r2 = record
    tryout = judged(t, r1, "yes")
    assert tryout.is_private("prediction_held")
    clean = shareable(tryout)
    assert "prediction_held" not in clean.data and "private" not in clean.data
    # Not even as "filled in, not shared": nobody else learns that it was judged.
    unmarked = tryout.copy()
    unmarked.data.pop("private")
    assert "prediction_held" not in shareable(unmarked).data
    assert clean.data["prediction"] == "Meer leerlingen oefenen."


def test_only_valid_judgements_on_try_outs(record):
    t, r1, _r2 = record
    tryout = t.tryout(r1)
    with pytest.raises(InvalidInput, match="ja, deels of nee"):
        pr.set_prediction_held(tryout, "maybe")
    with pytest.raises(InvalidInput):
        pr.set_prediction_held(r1, "yes")
    cleared = pr.set_prediction_held(pr.set_prediction_held(tryout, "no"), None)
    assert cleared.data["prediction_held"] is None and "prediction_held" not in tryout.data


def test_an_export_file_never_holds_the_judgement(store, tmp_path):
    me = store.me
    r = cycle.new_question(me, "Hoe laat ik 3 havo actiever oefenen?")
    store.save(r)
    tryout = cycle.new_tryout(
        r,
        me,
        class_group="3 havo B",
        prediction="De helft oefent langer.",
        run_date="2026-10-01",
        happened="Ging goed.",
    )
    store.save(pr.set_prediction_held(tryout, "partly"))
    assert (
        pr.summary(pr.total(pr.prediction_record(store.list(include_deleted=True), me)))
        == "Je voorspelling kwam deels uit."
    )
    for profile in ("full", "progress"):
        preview = exchange.prepare_export(store.list(include_deleted=True), me, profile)
        path = exchange.export_to(
            tmp_path / f"{profile}.plgcycle.json",
            preview,
            store.get(me),
            now=datetime(2026, 11, 23, tzinfo=UTC),
            source=store.path,
        )
        raw = path.read_text(encoding="utf-8")
        assert "prediction_held" not in raw and "partly" not in raw
        exported = next(rec for rec in json.loads(raw)["records"] if rec["id"] == tryout.id)
        assert exported["kind"] == "tryout"
        exchange.read_export(path)  # and the file is a valid export


def test_the_database_keeps_a_judgement_and_refuses_one_it_does_not_know(store, db_path):
    from plgcycle.errors import DatabaseCorrupt
    from plgcycle.store import Store

    r = cycle.new_question(store.me, "Hoe laat ik 3 havo actiever oefenen?")
    tryout = pr.set_prediction_held(cycle.new_tryout(r, store.me, class_group="3 havo B"), "no")
    store.save_many([r, tryout])
    store.close()
    with Store(db_path, readonly=True) as again:  # checked on open: the field belongs here
        assert again.get(tryout.id).data["prediction_held"] == "no"
    raw = json.loads(db_path.read_text(encoding="utf-8"))
    table = next(
        t
        for t in raw.values()
        if isinstance(t, dict)
        and any(isinstance(v, dict) and v.get("id") == tryout.id for v in t.values())
    )
    row = next(v for v in table.values() if isinstance(v, dict) and v.get("id") == tryout.id)
    row["data"]["prediction_held"] = "maybe"
    db_path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DatabaseCorrupt, match="prediction_held"):
        Store(db_path, readonly=True).open()
