"""SVG snapshots of every screen and dialog: Dutch at 100x30, plus English, 80x24 and hostile text.

Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the pictures before committing them.
"""

from __future__ import annotations

import pytest

from plgcycle.store import Store
from screens.feedback import FeedbackScreen
from screens.step import StepScreen

from .hostile import fill

SIZE = (100, 30)


def _round_of(app, words: str) -> str:
    return next(r.id for r in app.session.index().latest_rounds() if words in r.text("question"))


def test_first_run(snap_compare, db_path, clock, make_app):
    assert snap_compare(make_app(Store(db_path, clock=clock)), terminal_size=SIZE)


def test_home(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=SIZE)


def test_home_empty(snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=SIZE)


def test_home_english(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store, lang="en"), terminal_size=SIZE)


def test_home_80x24(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24))


def test_question(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["enter"], terminal_size=SIZE)


def test_question_of_a_colleague(snap_compare, demo_store, make_app):
    app = make_app(demo_store)

    async def open_colleague(pilot):
        await pilot.pause()
        colleagues = app.screen.query_one("#colleague-questions")
        colleagues.focus()
        colleagues.highlighted = 1
        await pilot.press("enter")

    assert snap_compare(app, run_before=open_colleague, terminal_size=SIZE)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_step(snap_compare, demo_store, make_app, number):
    assert snap_compare(make_app(demo_store), press=["enter", str(number)], terminal_size=SIZE)


def test_step_4_with_results_and_chart(snap_compare, demo_store, make_app):
    app = make_app(demo_store)

    async def open_step(pilot):
        await pilot.pause()
        app.push_screen(StepScreen(_round_of(app, "peerfeedback"), 4))
        await pilot.pause()
        app.screen.query_one("#step-body").scroll_to(y=8, animate=False)

    assert snap_compare(app, run_before=open_step, terminal_size=SIZE)


def test_step_80x24(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["enter", "2"], terminal_size=(80, 24))


def test_tryout(snap_compare, demo_store, make_app):
    from screens.tryout import TryoutScreen

    app = make_app(demo_store)

    async def open_tryout(pilot):
        await pilot.pause()
        view = app.session.index().view(_round_of(app, "peerfeedback"))
        app.push_screen(TryoutScreen(view.id, view.tryouts[0].id))

    assert snap_compare(app, run_before=open_tryout, terminal_size=SIZE)


def test_feedback(snap_compare, demo_store, make_app):
    app = make_app(demo_store)

    async def open_feedback(pilot):
        await pilot.pause()
        app.push_screen(FeedbackScreen(_round_of(app, "peerfeedback")))

    assert snap_compare(app, run_before=open_feedback, terminal_size=SIZE)


def test_action(snap_compare, demo_store, make_app):
    app = make_app(demo_store)

    async def open_action(pilot):
        await pilot.pause()
        app.screen.query_one("#actions").focus()
        await pilot.press("enter")

    assert snap_compare(app, run_before=open_action, terminal_size=SIZE)


def test_profile(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["p"], terminal_size=SIZE)


def test_help(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["f1"], terminal_size=SIZE)


def test_question_dialog(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["n"], terminal_size=SIZE)


def test_feedback_dialog(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["enter", "f", "a"], terminal_size=SIZE)


def test_measure_dialog(snap_compare, demo_store, make_app):
    from screens.tryout import TryoutScreen

    app = make_app(demo_store)

    async def open_measure(pilot):
        await pilot.pause()
        view = app.session.index().view(
            app.session.index().latest_rounds(owner=app.session.me)[0].id
        )
        app.push_screen(TryoutScreen(view.id, view.tryouts[0].id))
        await pilot.pause()
        await pilot.press("ctrl+g")

    assert snap_compare(app, run_before=open_measure, terminal_size=SIZE)


def test_close_round_dialog(snap_compare, demo_store, make_app):
    # Steps 3 and 4 are open: asked first ("close anyway" is the second button).
    assert snap_compare(
        make_app(demo_store), press=["enter", "c", "tab", "enter"], terminal_size=SIZE
    )


def test_unsaved_dialog(snap_compare, demo_store, make_app):
    app = make_app(demo_store)

    async def bad_date(pilot):
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-text").load_text("Lesplan maken")
        app.screen.query_one("#field-due").value = "volgende week"
        await pilot.press("escape")

    assert snap_compare(app, run_before=bad_date, terminal_size=SIZE)


def test_colleagues_screen(snap_compare, demo_store, make_app):
    from screens.colleagues import ColleaguesScreen

    app = make_app(demo_store)

    async def open_colleagues(pilot):
        await pilot.pause()
        app.push_screen(ColleaguesScreen())

    assert snap_compare(app, run_before=open_colleagues, terminal_size=SIZE)


def test_command_palette(snap_compare, demo_store, make_app):
    from textual.command import CommandList, CommandPalette

    app = make_app(demo_store)

    async def open_palette(pilot):
        await pilot.press("ctrl+p")
        for _attempt in range(200):  # the commands are gathered in the background
            await pilot.pause(0.02)
            screen = app.screen
            if isinstance(screen, CommandPalette) and screen.query_one(CommandList).option_count:
                break
        await pilot.pause()

    assert snap_compare(app, run_before=open_palette, terminal_size=SIZE)


def test_hostile_text_is_shown_literally(snap_compare, db_path, clock, make_app):
    fill(db_path, clock)
    assert snap_compare(make_app(Store(db_path, clock=clock)), terminal_size=SIZE)


def test_hostile_question_screen(snap_compare, db_path, clock, make_app):
    fill(db_path, clock)
    assert snap_compare(make_app(Store(db_path, clock=clock)), press=["enter"], terminal_size=SIZE)


# --- the PLG as a group: the facilitator's screens and a member's report ----------------------


def _with_plg(store, *, held: bool = False) -> None:
    """The demo teacher keeps the PLG; with ``held`` one meeting took place (9 nov 2026)."""
    from datetime import date

    from plgcycle import group, meetings

    names = {r.text("name"): r.id for r in store.list() if r.kind == "person"}
    plg = group.new_plg(store.me, "PLG Activerend leren", goal="Leerlingen oefenen actiever")
    plg = group.set_dates(plg, [date(2026, 11, 9), date(2026, 12, 7), date(2027, 1, 11)])
    plg = group.set_subgroup(plg, "A", [store.me, names["Sanne de Vries"], names["Lotte Jansen"]])
    records = [plg]
    if held:
        meeting = meetings.new_meeting(plg, store.me, date(2026, 11, 9))
        meeting = meetings.set_attendance(
            meeting,
            {
                store.me: "present",
                names["Sanne de Vries"]: "present",
                names["Lotte Jansen"]: "excused",
            },
        )
        meeting = meetings.set_part(
            meeting, "explore", summary="Sanne liet haar exit tickets zien."
        )
        meeting = meetings.add_line(meeting, "agreements", "Iedereen probeert een exit ticket")
        meeting = meetings.add_action(
            meeting, "Rubric delen in de map", names["Sanne de Vries"], date(2026, 11, 30)
        )
        meeting = meetings.add_line(meeting, "successes", "Drie klassen werken met exit tickets")
        meeting = meetings.set_retro(meeting, "Goede vragen", "Korter presenteren")
        records.append(meetings.mark_held(meeting))
    store.save_many(records)


def test_meeting(snap_compare, demo_store, make_app):
    _with_plg(demo_store)
    assert snap_compare(make_app(demo_store), press=["m", "enter"], terminal_size=SIZE)


def test_plg(snap_compare, demo_store, make_app):
    _with_plg(demo_store)
    assert snap_compare(make_app(demo_store), press=["g"], terminal_size=SIZE)


def test_home_with_the_plg(snap_compare, demo_store, make_app):
    _with_plg(demo_store, held=True)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE)


def test_verslag(snap_compare, demo_store, make_app):
    _with_plg(demo_store, held=True)
    assert snap_compare(make_app(demo_store), press=["v"], terminal_size=SIZE)


def test_verslag_english(snap_compare, demo_store, make_app):
    _with_plg(demo_store, held=True)
    assert snap_compare(make_app(demo_store, lang="en"), press=["v"], terminal_size=SIZE)
