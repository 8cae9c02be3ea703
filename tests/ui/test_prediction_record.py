"""The teacher judges whether a prediction held; the record over rounds is theirs alone."""

from __future__ import annotations

from plgcycle.exchange.profiles import export_records
from screens.tryout import TryoutScreen

from .conftest import reread
from .helpers import content_text, drive


def _own_done_tryout(app):
    index = app.session.index()
    for rnd in index.chain(index.latest_rounds(owner=app.session.me)[0]):
        for tryout in index.view(rnd.id).tryouts:
            if tryout.data.get("run_date"):
                return rnd, tryout
    raise AssertionError("the demo teacher has a try-out carried out")


def test_the_teacher_judges_a_prediction_and_sees_the_record(demo_store, demo_db, make_app):
    app = make_app(demo_store)
    seen = {}

    async def scenario(pilot):
        await pilot.pause()
        rnd, tryout = _own_done_tryout(app)
        seen["tryout"] = tryout.id
        app.push_screen(TryoutScreen(rnd.id, tryout.id))
        await pilot.pause()
        assert "Nog geen voorspelling beoordeeld." in content_text(app.screen)
        assert "(alleen jij ziet dit)" in content_text(app.screen)
        app.screen.query_one("#choice-prediction_held-0").value = True  # yes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Je voorspelling kwam uit." in content_text(app.screen)

    drive(app, scenario)
    records, me = reread(demo_db)
    tryout = records[seen["tryout"]]
    assert tryout.data["prediction_held"] == "yes" and tryout.is_private("prediction_held")
    shared = next(r for r in export_records(records.values(), me) if r.id == tryout.id)
    assert "prediction_held" not in shared.data  # never leaves the computer


def test_a_colleagues_try_out_shows_neither_the_question_nor_a_record(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.pause()
        index = app.session.index()
        other = next(
            r
            for r in index.latest_rounds()
            if r.owner != app.session.me and index.view(r.id).tryouts
        )
        view = index.view(other.id)
        app.push_screen(TryoutScreen(other.id, view.tryouts[0].id))
        await pilot.pause()
        assert not app.screen.query("#field-prediction_held")
        assert not app.screen.query(".prediction-record")

    drive(app, scenario)
