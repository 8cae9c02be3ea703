"""Home: own questions with progress and next action, actions (overdue stand out), colleagues apart."""

from __future__ import annotations

from plgcycle import cycle
from screens.action import ActionScreen
from screens.home import HomeScreen
from screens.profile import ProfileScreen

from .conftest import reread
from .helpers import content_text, drive, notifications, screen_text, type_text


def test_home_lists_own_questions_apart_from_colleagues(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        own = [o.id for o in screen.query_one("#own-questions").options]
        table = screen.query_one("#colleague-questions")
        colleagues = [o.id.partition(":")[2] for o in table.options]
        assert len(own) == 1 and own[0].startswith("round:")
        assert len(colleagues) == 5
        text = screen_text(app)
        assert "Mijn leervragen" in text
        assert "Ronde 2  ●●○○○  stap 3 Uitvoeren" in text
        assert "→ Voer het uitproberen van 26 nov 2026 uit" in text
        assert "volgende bijeenkomst: 5 dec 2026 (over 12 dagen)" in text
        assert "Vragen van collega's" in text
        # Ahmed's own subgroup (A) comes first among the colleagues.
        first = demo_store.get(colleagues[0])
        assert demo_store.get(first.owner).data["subgroup"] == "A"

    drive(app, scenario)


def test_overdue_actions_stand_out_and_can_be_marked_done(store, db_path, make_app):
    late = cycle.new_action(store.me, "Toets nakijken", "2026-11-20")
    soon = cycle.new_action(store.me, "Lesplan delen", "2026-11-30")
    store.save_many([late, soon])
    app = make_app(store)

    async def scenario(pilot):
        text = screen_text(app)
        assert "Toets nakijken  uiterlijk 20 nov 2026 · 3 dagen geleden  datum voorbij" in text
        assert "Lesplan delen  uiterlijk 30 nov 2026 · over 7 dagen" in text
        actions = app.screen.query_one("#actions")
        actions.focus()
        await pilot.pause()
        assert app.screen.check_action("toggle_done", ()) is True
        actions.highlighted = 0  # the overdue one is listed first
        await pilot.press("d")
        await pilot.pause()
        assert "Gemarkeerd als gedaan." in notifications(app)
        assert "datum voorbij" not in screen_text(app)

    drive(app, scenario)
    records, _me = reread(db_path)
    assert records[late.id].data["done"] is True
    assert records[soon.id].data["done"] is False


def test_new_action_with_a_date_from_home(store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen)
        await type_text(pilot, "Exit tickets printen")
        await pilot.press("tab")
        await type_text(pilot, "2026-12-01")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Exit tickets printen" in screen_text(app)

    drive(app, scenario)
    records, me = reread(db_path)
    action = next(r for r in records.values() if r.kind == "action")
    assert action.owner == me
    assert action.data["text"] == "Exit tickets printen" and action.data["due"] == "2026-12-01"
    assert action.data["done"] is False


def test_an_action_without_text_is_not_created(store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "2026-12-01")
        await pilot.press("escape")
        await pilot.pause()
        assert "Schrijf op wat je gaat doen." in screen_text(app)  # the unsaved dialog
        await pilot.press("tab", "enter")  # leave without saving
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    drive(app, scenario)
    records, _me = reread(db_path)
    assert not [r for r in records.values() if r.kind == "action"]


def test_my_details_set_the_next_meeting(store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        assert "nog geen datum voor de volgende bijeenkomst" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#field-next_meeting").value = "2026-12-10"
        await pilot.press("escape")
        await pilot.pause()
        assert "volgende bijeenkomst: 10 dec 2026 (over 17 dagen)" in screen_text(app)

    drive(app, scenario)
    records, me = reread(db_path)
    assert records[me].data["next_meeting"] == "2026-12-10"
    assert records[me].data["name"] == "Sanne de Vries"


def test_english_home(demo_store, make_app):
    app = make_app(demo_store, lang="en")

    async def scenario(pilot):
        text = screen_text(app)
        assert "My learning questions" in text
        assert "Round 2  ●●○○○  step 3 Carry out" in text
        assert "new question" in text
        assert "Colleagues' questions" in content_text(app.screen)

    drive(app, scenario)


def test_the_profile_shows_the_teachers_check_code(store, db_path, make_app):
    from plgcycle.keyfile import load_key
    from plgcycle.signing import controlecode

    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        shown = content_text(app.screen)
        code = controlecode(load_key(db_path).public)
        assert f"Je controlecode: {code}." in shown

    drive(app, scenario)


def _received_plg(store) -> tuple:
    """A PLG kept by a facilitator, with one held meeting, as a sync would bring it."""
    from datetime import date

    from plgcycle import group, meetings

    facilitator = cycle.new_person("Marieke Visser")
    plg = group.new_plg(facilitator.id, "PLG Taal", goal="Meer eigenaarschap bij leerlingen")
    plg = group.set_dates(plg, [date(2026, 11, 9), date(2026, 12, 7), date(2027, 1, 11)])
    plg = group.set_subgroup(plg, "Noord", [store.me])
    meeting = meetings.new_meeting(plg, facilitator.id, date(2026, 11, 9))
    meeting = meetings.set_attendance(meeting, {store.me: meetings.PRESENT})
    meeting = meetings.add_line(meeting, "agreements", "Iedereen probeert een exit ticket")
    meeting = meetings.add_action(meeting, "Rubric delen", store.me, date(2026, 11, 30))
    meeting = meetings.mark_held(meeting)
    records = [facilitator, plg, meeting]
    for record in records:
        record.rev, record.updated_at = 1, "2026-11-10T09:00:00.000000+00:00"
    store.apply(records)
    return plg, meeting


def test_home_shows_the_plg_the_subgroup_the_next_meeting_and_the_group_action(
    demo_store, demo_db, make_app
):
    plg, meeting = _received_plg(demo_store)
    app = make_app(demo_store)

    async def scenario(pilot):
        text = screen_text(app)
        # The facilitator's record wins over what the teacher typed (subgroup A, 5 dec).
        assert "PLG Taal  ·  subgroep Noord  ·  volgende bijeenkomst: 7 dec" in text
        assert "Gezamenlijk doel: Meer eigenaarschap bij leerlingen" in text
        assert "Afgesproken op 9 nov 2026: Iedereen probeert een exit ticket" in text
        assert "☐ Rubric delen  (groepsactie)  uiterlijk 30 nov 2026" in text
        actions = app.screen.query_one("#actions")
        actions.focus()
        actions.highlighted = actions.option_count - 1  # the group action comes last
        await pilot.press("d")
        await pilot.pause()
        assert "Gemarkeerd als gedaan." in notifications(app)
        assert "☑ Rubric delen" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        report = screen_text(app)
        assert "Verslag van de bijeenkomst van 9 nov 2026" in report
        assert "Rubric delen (" in report

    drive(app, scenario)
    records, me = reread(demo_db)
    (done,) = [r for r in records.values() if r.data.get("item")]
    assert done.owner == me and done.data["done"] is True and done.data["meeting"] == meeting.id
