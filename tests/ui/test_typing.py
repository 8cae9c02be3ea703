"""Typing behaves as in every editor: a pasted text is kept whole, ctrl+end goes to the end of
the text, and Enter in the last field does what the form is for."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from plgcycle.store import Store
from screens.dialogs.question import QuestionDialog
from screens.home import HomeScreen

from .helpers import drive, notifications, settle, type_text


def test_a_text_of_several_lines_pasted_into_a_one_line_field_is_kept(store, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("a")  # a new action: its date is a one-line field
        await settle(pilot)
        area = app.focused
        assert isinstance(area, TextArea)
        await pilot.press("tab")
        field = app.focused
        app.post_message(events.Paste("Wiskunde\nLokaal 12\n\n"))
        await settle(pilot)
        assert field.value == "Wiskunde Lokaal 12"
        assert any("2 regels" in n for n in notifications(app)), notifications(app)

    drive(app, scenario)


def test_ctrl_end_goes_to_the_end_of_the_text(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("enter", "e")  # edit the question: the text area starts at its start
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)
        area = app.focused
        assert isinstance(area, TextArea) and area.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        await type_text(pilot, " Echt.")
        assert area.text.endswith("oefenen? Echt."), area.text
        await pilot.press("ctrl+home")
        await type_text(pilot, "Vraag:")
        assert area.text.startswith("Vraag:Hoe kan ik")
        await pilot.press("ctrl+end", "ctrl+end")  # at the end of the text: on to the screen's
        assert area.cursor_location == area.document.end and app.focused is area

    drive(app, scenario)


def test_enter_in_the_last_field_of_the_welcome_screen_starts(db_path, clock, make_app):
    app = make_app(Store(db_path, clock=clock))

    async def scenario(pilot):
        await type_text(pilot, "Sanne de Vries")
        for _ in range(5):  # to the last field, the next meeting
            await pilot.press("tab")
        assert app.focused.id == "field-next_meeting"
        await type_text(pilot, "14-12-2026")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), app.screen
        assert app.session.me_record().data["next_meeting"] == "2026-12-14"

    drive(app, scenario)
    app.session.close()
