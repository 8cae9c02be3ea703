"""Values of a measure from a CSV file, in the app: read, shown, confirmed, added."""

from __future__ import annotations

from screens.dialogs.values_import import ValuesImportDialog
from screens.tryout import TryoutScreen

from .conftest import reread
from .helpers import content_text, drive, notifications


def _own_tryout_with_measure(app):
    index = app.session.index()
    for rnd in index.chain(index.latest_rounds(owner=app.session.me)[0]):
        view = index.view(rnd.id)
        for tryout in view.tryouts:
            for m in view.measures:
                if m.data.get("tryout") == tryout.id:
                    return rnd, tryout, m
    raise AssertionError("the demo teacher has a try-out with a measure")


def test_values_from_a_file_are_added_after_a_confirmation(demo_store, demo_db, make_app, tmp_path):
    scores = tmp_path / "cijfers.csv"
    scores.write_text("Datum;Leerling;Score\n01-10-2026;Jan;61\n02-10-2026;Piet;\n", "utf-8")
    app = make_app(demo_store)
    found = {}

    async def scenario(pilot):
        await pilot.pause()
        rnd, tryout, measure = _own_tryout_with_measure(app)
        found["measure"] = measure.id
        app.push_screen(TryoutScreen(rnd.id, tryout.id))
        await pilot.pause()
        app.screen.query_one("#measures").focus()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ValuesImportDialog)
        app.screen.query_one("#field-file").value = str(tmp_path / "missing.csv")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ValuesImportDialog)  # stays open, says why
        assert any("bestaat niet" in n for n in notifications(app))
        app.screen.query_one("#field-file").value = str(scores)
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = content_text(app.screen)
        assert "1 waarde gelezen: data uit Datum, waarden uit Leerling." not in text
        assert "1 waarde gelezen: data uit Datum, waarden uit Score." in text
        assert "1 regel zonder waarde overgeslagen." in text and "Jan" not in text
        await pilot.press("enter")  # the confirm dialog focuses its answer
        await pilot.pause()
        assert isinstance(app.screen, TryoutScreen)
        assert "1 waarde toegevoegd." in notifications(app)
        assert content_text(app.screen)

    drive(app, scenario)
    records, _me = reread(demo_db)
    points = records[found["measure"]].data["points"]
    assert {"date": "2026-10-01", "value": 61.0} in points
    assert "Jan" not in str(records[found["measure"]].data)
