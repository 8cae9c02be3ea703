"""The facilitator's screens: the PLG (set up, kept, seen read-only) and a meeting (attendance,
notes, agreements, group actions), saved with ctrl+s and on leaving, nothing typed lost."""

from __future__ import annotations

from datetime import date

from plgcycle import cycle, group, meetings
from plgcycle.groupview import group_view
from screens.meeting import MeetingScreen
from screens.plg import PlgGroupScreen

from .conftest import reread
from .helpers import drive, notifications, screen_text, settle, type_text


def _names(store) -> dict[str, str]:
    return {r.id: r.text("name") for r in store.list() if r.kind == "person"}


def _keep_plg(store) -> None:
    """The demo teacher of this database (Ahmed) keeps the PLG, with Sanne and Lotte in it."""
    names = {name: pid for pid, name in _names(store).items()}
    plg = group.new_plg(store.me, "PLG Activerend leren", goal="Leerlingen actiever")
    plg = group.set_dates(plg, [date(2026, 11, 9), date(2026, 11, 30), date(2027, 1, 11)])
    plg = group.set_subgroup(plg, "A", [store.me, names["Sanne de Vries"], names["Lotte Jansen"]])
    store.save_many([plg])


def test_the_facilitator_notes_a_meeting_and_members_see_what_was_agreed(
    demo_store, demo_db, make_app
):
    _keep_plg(demo_store)
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        text = screen_text(app)
        assert "Bijeenkomst van 30 nov 2026" in text
        assert "Aanwezigheid" in text and "Sanne de Vries" in text
        # Ahmed present (enter), Sanne present, Lotte: present -> absent -> sent apologies.
        listing = app.screen.query_one("#attendance")
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.press("down", "space")
        await pilot.press("down", "enter", "enter", "enter")
        await settle(pilot)
        assert "2 aanwezig, 0 afwezig, 1 afgemeld" in screen_text(app)
        form = app.screen.query_one("#meeting-form")
        form.focus_field("agreements")
        await type_text(pilot, "Iedereen probeert een exit ticket")
        form.focus_field("actions")
        await type_text(pilot, "Rubric delen; Sanne; 31-02-2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Groepsactie 1" in n for n in notifications(app))  # a wrong date: not saved
        assert "Rubric delen; Sanne; 31-02-2026" in app.screen.query_one("#field-actions").text
        for _ in range(len("31-02-2026")):
            await pilot.press("backspace")
        await type_text(pilot, "12-12-2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Opgeslagen." in notifications(app)
        await pilot.press("escape")
        await settle(pilot)

    drive(app, scenario, size=(100, 40))
    records, me = reread(demo_db)
    view = group_view(records.values(), None, date(2026, 11, 23))
    (meeting,) = view.meetings
    assert meeting.owner == me and meetings.day_of(meeting) == date(2026, 11, 30)
    assert meetings.lines(meeting, "agreements") == ["Iedereen probeert een exit ticket"]
    (action,) = meetings.actions(meeting)
    assert view.names[action["owner"]] == "Sanne de Vries" and action["due"] == "2026-12-12"
    statuses = sorted(meetings.attendance(meeting).values())
    assert statuses == ["excused", "present", "present"]


def test_a_member_sees_the_plg_read_only_and_the_facilitator_sets_one_up(
    demo_store, demo_db, make_app
):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PlgGroupScreen)
        assert "Nog geen PLG" in screen_text(app)
        await type_text(pilot, "PLG Taal")
        form = app.screen.query_one("#plg-form")
        form.focus_field("dates")
        await type_text(pilot, "14-12-2026")
        form.focus_field("subgroups")
        await type_text(pilot, "Noord: Sanne, Lotte")
        await pilot.press("escape")  # leaving saves
        await settle(pilot)
        assert "PLG Taal" in screen_text(app)

    drive(app, scenario, size=(100, 40))
    records, me = reread(demo_db)
    (plg,) = [r for r in records.values() if r.kind == "plg"]
    assert plg.owner == me and plg.data["dates"] == ["2026-12-14"]
    assert [s["name"] for s in group.subgroups(plg)] == ["Noord"]


def test_a_colleagues_plg_is_shown_and_not_changed(store, db_path, make_app):
    facilitator = cycle.new_person("Marieke Visser")
    plg = group.set_subgroup(group.new_plg(facilitator.id, "PLG Taal"), "Noord", [store.me])
    for record in (facilitator, plg):
        record.rev, record.updated_at = 1, "2026-11-10T09:00:00.000000+00:00"
    store.apply([facilitator, plg])
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(app)
        assert "alleen die verandert" in text and "PLG Taal" in text
        assert app.screen.has_unsaved() is False
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.check_action("meeting", ()) is False  # only the facilitator's key

    drive(app, scenario, size=(100, 40))
    records, _me = reread(db_path)
    assert records[plg.id].rev == 1


def test_a_question_names_the_part_of_the_shared_goal_it_serves(demo_store, demo_db, make_app):
    from screens.dialogs.question import QuestionDialog

    plg = group.new_plg(
        demo_store.me,
        "PLG Activerend leren",
        goal="Leerlingen praten meer\nLeerlingen plannen zelf",
    )
    demo_store.save_many([plg])
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)
        text = screen_text(app)
        assert "1. Leerlingen praten meer" in text and "2. Leerlingen plannen zelf" in text
        await type_text(pilot, "Hoe laat ik 2 havo zelf plannen?")
        from screens.widgets.field_form import FieldForm

        app.screen.query_one(FieldForm).focus_field("goal_link")
        await type_text(pilot, "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)  # there is no third part: nothing lost
        assert any("1 tot en met 2" in n for n in notifications(app)) or "1 tot en met 2" in (
            screen_text(app)
        )
        await pilot.press("backspace")
        await type_text(pilot, "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, QuestionDialog)

    drive(app, scenario, size=(100, 40))
    records, _me = reread(demo_db)
    (made,) = [
        r for r in records.values() if r.kind == "round" and "zelf plannen" in r.text("question")
    ]
    assert made.text("goal_link") == "Leerlingen plannen zelf"
