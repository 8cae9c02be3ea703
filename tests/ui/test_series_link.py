"""The teacher links or unlinks a measure's series on the try-out screen."""

from __future__ import annotations

from plgcycle.series import teacher_series
from screens.dialogs.series_link import SeriesLinkDialog
from screens.tryout import TryoutScreen

from .conftest import reread
from .helpers import content_text, drive, notifications


def _own_tryout_with_measure(app):
    index = app.session.index()
    for rnd in index.chain(index.latest_rounds(owner=app.session.me)[0]):
        view = index.view(rnd.id)
        for tryout in view.tryouts:
            if any(m.data.get("tryout") == tryout.id for m in view.measures):
                return rnd, tryout
    raise AssertionError("the demo teacher has a try-out with a measure")


async def _choose(app, pilot, button: int) -> None:
    app.screen.query_one("#measures").focus()
    await pilot.press("ctrl+l")
    await pilot.pause()
    assert isinstance(app.screen, SeriesLinkDialog)
    app.screen.query_one("#series-choices").highlighted = button
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TryoutScreen)


def test_names_are_shown_literally(demo_store, make_app):
    from plgcycle.series import teacher_series as all_series

    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.pause()
        (series,) = all_series(app.session.records(), app.session.me)
        series.name = "[bold]Baseline[/bold]"  # markup and a text that is also a message id
        app.push_screen(SeriesLinkDialog("Measure", None, [series]))
        await pilot.pause()
        text = content_text(app.screen)
        assert "Samen met [bold]Baseline[/bold]" in text and "\nMeasure\n" in text

    drive(app, scenario)


def test_unlink_link_and_back_to_the_name(demo_store, demo_db, make_app):
    app = make_app(demo_store)
    counts = []

    def series_count():
        return len(teacher_series(app.session.records(), app.session.me))

    async def scenario(pilot):
        await pilot.pause()
        app.push_screen(TryoutScreen(*(r.id for r in _own_tryout_with_measure(app))))
        await pilot.pause()
        counts.append(series_count())
        # The buttons: "together with" each other series, then "of its own", then "by name".
        await _choose(app, pilot, 0)  # no other series: a series of its own
        counts.append(series_count())
        await _choose(app, pilot, 0)  # together with the other round's measure again
        counts.append(series_count())
        await _choose(app, pilot, 0)  # linked into one: no other series, so of its own
        counts.append(series_count())
        await _choose(app, pilot, 2)  # by name again; the other keeps the link it was given
        counts.append(series_count())
        assert "Reeks opgeslagen." in notifications(app)

    drive(app, scenario)
    assert counts == [1, 2, 1, 2, 2]
    records, _me = reread(demo_db)
    measures = [r for r in records.values() if r.kind == "measure" and r.owner == _me]
    assert any(m.data.get("series") is None for m in measures)
