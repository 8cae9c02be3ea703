"""The agenda is kept with the PLG's next meeting: ctrl+s and leaving save it there, and it
opens again as it was left until the meeting; it warns when the parts outgrow the meeting."""

from __future__ import annotations

from datetime import date

from plgcycle import agenda as agenda_model
from plgcycle import group, meetings
from plgcycle.groupview import group_view
from screens.agenda import AgendaScreen

from .conftest import TODAY, reread
from .helpers import drive, notifications, screen_text, settle, type_text

NEXT = date(2026, 11, 30)


def _keep_plg(store) -> None:
    """The demo teacher of this database (Ahmed) keeps the PLG; it meets on 30 Nov."""
    plg = group.new_plg(store.me, "PLG Activerend leren")
    plg = group.set_dates(plg, [date(2026, 11, 9), NEXT, date(2027, 1, 11)])
    store.save_many([plg])


def _meeting(path):
    records, _me = reread(path)
    view = group_view(records.values(), None, TODAY)
    return next(m for m in view.meetings if meetings.day_of(m) == NEXT)


def _items(meeting, part: str) -> list[str]:
    return [i["text"] for i in meetings.parts(meeting)[part].get("items", [])]


def test_leaving_keeps_the_agenda_with_the_meeting_and_it_opens_again(
    demo_store, demo_db, make_app
):
    _keep_plg(demo_store)
    app = make_app(demo_store)

    async def first(pilot):
        app.push_screen(AgendaScreen())
        await settle(pilot)
        assert "30 nov 2026" in screen_text(app)
        table = app.screen.query_one("#agenda-table")
        table.move_cursor(row=0)  # the stand-up: n adds an item there
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Welkom aan Noor")
        await pilot.press("ctrl+s")  # ctrl+s in the dialog saves the item
        await settle(pilot)
        assert "Welkom aan Noor" in screen_text(app)
        await pilot.press("plus")  # five minutes more for the stand-up
        await pilot.press("escape")  # leaving keeps it with the meeting: nothing asked
        await settle(pilot)
        assert not isinstance(app.screen, AgendaScreen)
        assert any("bewaard bij de bijeenkomst van 30 nov 2026" in n for n in notifications(app))

    drive(app, first, size=(100, 40))
    meeting = _meeting(demo_db)
    assert _items(meeting, agenda_model.STANDUP)[0] == "Welkom aan Noor"
    standup = meetings.parts(meeting)[agenda_model.STANDUP]["minutes"]

    app = make_app(demo_store)

    async def again(pilot):
        app.push_screen(AgendaScreen())
        await settle(pilot)
        screen = app.screen
        assert "Welkom aan Noor" in screen_text(app) and "bewaard bij de bijeenkomst" in (
            screen_text(app)
        )
        assert screen.agenda.part(agenda_model.STANDUP).minutes == standup
        table = screen.query_one("#agenda-table")
        table.move_cursor(row=1)  # the first stand-up item: Welkom aan Noor
        await pilot.press("d")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("bewaard" in n for n in notifications(app))
        assert screen.has_unsaved() is False

    drive(app, again, size=(100, 40))
    assert "Welkom aan Noor" not in _items(_meeting(demo_db), agenda_model.STANDUP)


def test_the_parts_outgrowing_the_meeting_are_named_and_a_past_meeting_is_not_changed(
    demo_store, demo_db, make_app
):
    _keep_plg(demo_store)
    app = make_app(demo_store)

    async def scenario(pilot):
        app.push_screen(AgendaScreen())
        await settle(pilot)
        screen = app.screen
        assert screen.agenda.length == 90 and screen.agenda.total_minutes == 90
        assert "meer dan" not in screen_text(app)
        await pilot.press("plus")
        await settle(pilot)
        assert "95 minuten: 5 minuten meer dan de 90 van de bijeenkomst" in screen_text(app)
        assert any("5 minuten meer" in n for n in notifications(app))
        await pilot.press("ctrl+s")
        await settle(pilot)

    drive(app, scenario, size=(100, 40))
    meeting = _meeting(demo_db)
    assert meetings.over_time(meeting) == 5

    # After the meeting's day the saved agenda can no longer change.
    app = make_app(demo_store, today=date(2026, 12, 1))

    async def later(pilot):
        access = app.session.group
        agenda = agenda_model.Agenda.from_dict(meetings.saved_agenda(meeting))
        try:
            access.save_agenda(agenda)
        except Exception as exc:  # noqa: BLE001 - the message is what a teacher reads
            assert "voorbij" in str(exc)
        else:
            raise AssertionError("a past meeting's agenda was changed")

    drive(app, later)


def test_ctrl_s_saves_in_the_agendas_file_dialog_too(demo_store, demo_db, make_app, tmp_path):
    _keep_plg(demo_store)
    app = make_app(demo_store)
    target = tmp_path / "agenda.md"

    async def scenario(pilot):
        app.push_screen(AgendaScreen())
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        field = app.screen.query_one("#save-path")
        field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)

    drive(app, scenario, size=(100, 40))
    assert target.read_text(encoding="utf-8").startswith("# Bijeenkomst PLG Activerend leren")
