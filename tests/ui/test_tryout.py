"""Plan, log and measure a classroom try-out; prediction beside result; the run chart."""

from __future__ import annotations

import pytest

from plgcycle import cycle
from plgcycle.runchart import plain
from screens.dialogs.measure import MeasureDialog
from screens.step import StepScreen
from screens.tryout import TryoutScreen
from screens.widgets.run_chart import RunChart

from .conftest import reread
from .helpers import content_text, drive, notifications, screen_text, type_text


@pytest.fixture
def question(store):
    record = cycle.new_question(store.me, "Hoe krijg ik 2 havo A actiever aan het werk?")
    store.save(record)
    return record


def _fill(screen, **values):
    for key, value in values.items():
        widget = screen.query_one(f"#field-{key}")
        if hasattr(widget, "load_text"):
            widget.load_text(value)
        else:
            widget.value = value


def test_plan_log_and_measure_a_try_out(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "2", "ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TryoutScreen)
        await type_text(pilot, "2 havo A")
        _fill(
            app.screen,
            planned_date="2026-11-16",
            what="Exit tickets na elke les",
            evidence="Percentage goed",
            success="70% goed",
            prediction="Meer leerlingen stellen vragen",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        _fill(
            app.screen,
            run_date="2026-11-20",
            happened="Vijf lessen gedaan",
            observations="Leerlingen vragen vaker om uitleg",
        )
        await pilot.press("ctrl+g")  # saves the form first, then asks for a measure
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
        await type_text(pilot, "Goed op exit ticket")
        await pilot.press("tab")
        await type_text(pilot, "%")
        # The first value added is the baseline unless unticked; earlier values are lines.
        assert app.screen.query_one("#field-new_baseline").value is True
        _fill(
            app.screen,
            points_text="10-11-2026  48  begin",
            new_date="20-11-2026",
            new_value="71,5",
            target="70",
        )
        app.screen.query_one("#field-new_baseline").value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TryoutScreen)
        text = content_text(app.screen)
        assert "Voorspelling" in text and "Resultaat" in text
        assert "Meer leerlingen stellen vragen" in text
        assert "48 % → 71,5 %" in text
        (chart,) = app.screen.query(RunChart)
        assert len(chart.series.points) == 2 and chart.series.target == 70
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.number == 3

    drive(app, scenario)
    records, me = reread(db_path)
    tryout = next(r for r in records.values() if r.kind == "tryout")
    assert tryout.owner == me and tryout.data["round"] == question.id
    assert tryout.data["class_group"] == "2 havo A"
    assert tryout.data["prediction"] == "Meer leerlingen stellen vragen"
    assert tryout.data["run_date"] == "2026-11-20"
    assert cycle.tryout_planned(tryout) and cycle.tryout_done(tryout)
    measure = next(r for r in records.values() if r.kind == "measure")
    assert measure.data["tryout"] == tryout.id
    assert measure.data["baseline"] == 48 and measure.data["value"] == 71.5
    assert measure.data["points"] == [
        {"date": "2026-11-10", "value": 48, "baseline": True},
        {"date": "2026-11-20", "value": 71.5, "tryout": tryout.id},
    ]
    assert measure.data["target"] == 70
    assert measure.data["unit"] == "%"


def test_a_measure_needs_a_number(store, db_path, question, make_app):
    tryout = cycle.new_tryout(question, store.me, class_group="2 havo A")
    store.save(tryout)
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter")
        await pilot.pause()
        app.push_screen(TryoutScreen(question.id, tryout.id))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await type_text(pilot, "Cijfer")
        app.screen.query_one("#field-new_value").value = "zes"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
        assert any("schrijf een getal" in n.lower() for n in notifications(app))

    drive(app, scenario)
    records, _me = reread(db_path)
    assert not [r for r in records.values() if r.kind == "measure"]


def test_step_4_shows_prediction_beside_result_and_a_chart_across_rounds(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        # Sanne's question is a colleague's one for Ahmed: read-only, but visible.
        index = app.session.index()
        sanne = next(r for r in index.latest_rounds() if "peerfeedback" in r.text("question"))
        app.push_screen(StepScreen(sanne.id, 4))
        await pilot.pause()
        text = content_text(app.screen)
        assert "Vergelijkbaar effect als in 4 vwo A." in text  # the prediction
        assert "5,9 punten → 6,6 punten  (+0,7)" in text  # the result
        (chart,) = app.screen.query(RunChart)
        assert [p.round_no for p in chart.series.points] == [1, 1, 2, 2]
        drawn = "\n".join(plain(chart.lines(76)))
        assert "R2" in drawn and "┊" in drawn  # the new round is marked where it began
        assert "▲" in drawn and "U1" in drawn  # and the try-outs where they happened

    drive(app, scenario)


def test_deleting_a_measure_asks_first(store, db_path, question, make_app):
    tryout = cycle.new_tryout(question, store.me, class_group="2 havo A")
    measure = cycle.new_measure(question, store.me, "Cijfer", tryout=tryout, baseline=5, value=6)
    store.save_many([tryout, measure])
    app = make_app(store)

    async def scenario(pilot):
        app.push_screen(TryoutScreen(question.id, tryout.id))
        await pilot.pause()
        app.screen.query_one("#measures").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert "De meting Cijfer verwijderen?" in screen_text(app)
        await pilot.press("tab", "enter")  # from "cancel" to "delete"
        await pilot.pause()

    drive(app, scenario)
    records, _me = reread(db_path)
    assert records[measure.id].deleted


def test_a_measure_note_can_be_marked_private_and_the_name_cannot(
    store, db_path, question, make_app
):
    tryout = cycle.new_tryout(question, store.me, class_group="2 havo A")
    store.save(tryout)
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter")
        await pilot.pause()
        app.push_screen(TryoutScreen(question.id, tryout.id))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
        assert [box.id for box in app.screen.query("TickBox.private")] == ["private-note"]
        await type_text(pilot, "Cijfer")
        app.screen.query_one("#field-note").focus()
        await type_text(pilot, "Jan ziek")
        await pilot.press("ctrl+o")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TryoutScreen)

    drive(app, scenario)
    records, _me = reread(db_path)
    (measure,) = [r for r in records.values() if r.kind == "measure"]
    assert measure.data["note"] == "Jan ziek" and measure.private_paths == {"note"}
