"""A learning question from the first word to the next round, asserting on what is stored."""

from __future__ import annotations

import pytest

from plgcycle import cycle
from plgcycle.model import step_data
from screens.dialogs.close_round import CloseRoundDialog
from screens.dialogs.confirm import UnsavedDialog
from screens.dialogs.question import QuestionDialog
from screens.home import HomeScreen
from screens.question import QuestionScreen
from screens.step import StepScreen
from screens.tryout import TryoutScreen

from .conftest import reread
from .helpers import content_text, drive, notifications, screen_text, type_text

QUESTION = "Hoe krijg ik 2 havo A met exit tickets actiever aan het werk?"


@pytest.fixture
def question(store):
    """A first-round question of the local teacher (Sanne de Vries)."""
    record = cycle.new_question(store.me, QUESTION, "Teamdoel: formatief handelen")
    store.save(record)
    return record


def test_empty_home_says_what_to_press_and_n_creates_a_question(store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Je hebt nog geen leervraag. Druk op n" in text
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        assert "Een goede leervraag" in screen_text(app)
        await type_text(pilot, "Hoe help ik 3 vwo met peerfeedback?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Hoe help ik 3 vwo met peerfeedback?" in screen_text(app)

    drive(app, scenario)
    records, me = reread(db_path)
    rounds = [r for r in records.values() if r.kind == "round"]
    assert len(rounds) == 1
    assert rounds[0].data["question"] == "Hoe help ik 3 vwo met peerfeedback?"
    assert rounds[0].data["round_no"] == 1 and rounds[0].owner == me


def test_the_link_with_school_goals_can_be_private_and_the_question_cannot(
    store, db_path, make_app
):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        boxes = app.screen.query("TickBox.private")
        assert [box.id for box in boxes] == ["private-goal_link"]  # never the question
        await type_text(pilot, "Hoe help ik 3 vwo met peerfeedback?")
        await pilot.press("tab")
        await type_text(pilot, "Sectieplan")
        await pilot.press("ctrl+o")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)

    drive(app, scenario)
    records, _me = reread(db_path)
    (rnd,) = [r for r in records.values() if r.kind == "round"]
    assert rnd.data["goal_link"] == "Sectieplan" and rnd.private_paths == {"goal_link"}


def test_an_empty_question_is_refused_and_cancel_asks_before_discarding(store, db_path, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        assert any("leervraag mag niet leeg" in n for n in notifications(app))
        await type_text(pilot, "Half af")
        await pilot.press("escape")
        await pilot.pause()
        assert "Wat je typte weggooien?" in screen_text(app)
        await pilot.press("escape")  # no: back to the dialog, text intact
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        assert app.screen.query_one("#field-question").text == "Half af"

    drive(app, scenario)
    records, _me = reread(db_path)
    assert not [r for r in records.values() if r.kind == "round"]


def test_a_step_is_saved_on_leave_with_its_private_marks(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter")  # open the only question
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.number == 1
        await type_text(pilot, "Exit tickets van vier lessen")
        await pilot.press("tab")
        await type_text(pilot, "Veel vragen blijven open")
        await pilot.press("ctrl+o")  # mark "what does it show" private
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Opgeslagen." in notifications(app)

    drive(app, scenario)
    records, _me = reread(db_path)
    saved = records[question.id]
    assert step_data(saved, "baseline") == {
        "sources": "Exit tickets van vier lessen",
        "findings": "Veel vragen blijven open",
        "baseline_figure": "",
        "notes": "",
    }
    assert saved.data["private"] == ["steps.baseline.findings"]
    assert saved.rev == question.rev + 1
    view = cycle.RoundView(saved)
    assert view.progress[0] is True


def test_moving_to_the_next_step_saves_the_current_one(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "2")
        await pilot.pause()
        assert app.screen.number == 2
        await pilot.press("tab")  # ideas -> chosen approach
        await type_text(pilot, "Filmpjes vooraf")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.number == 3
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.number == 2
        assert app.screen.query_one("#field-approach").text == "Filmpjes vooraf"

    drive(app, scenario)
    records, _me = reread(db_path)
    assert step_data(records[question.id], "approach")["approach"] == "Filmpjes vooraf"


def test_a_wrong_date_asks_before_leaving_and_keeps_the_text(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, TryoutScreen)
        await type_text(pilot, "2 havo A")
        form = app.screen
        form.query_one("#field-planned_date").value = "morgen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert "DD-MM-JJJJ" in screen_text(app)
        await pilot.press("enter")  # "keep editing" has the focus
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-class_group").value == "2 havo A"
        form.query_one("#field-planned_date").value = "2026-12-03"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)

    drive(app, scenario)
    records, _me = reread(db_path)
    tryouts = [r for r in records.values() if r.kind == "tryout"]
    assert len(tryouts) == 1
    assert tryouts[0].data["class_group"] == "2 havo A"
    assert tryouts[0].data["planned_date"] == "2026-12-03"
    assert tryouts[0].data["round"] == question.id


def test_leaving_without_saving_stores_nothing(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "t")
        await pilot.pause()
        await type_text(pilot, "2 havo A")
        app.screen.query_one("#field-planned_date").value = "morgen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "leave without saving"
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)

    drive(app, scenario)
    records, _me = reread(db_path)
    assert not [r for r in records.values() if r.kind == "tryout"]


def test_close_the_round_with_a_decision_and_start_the_next(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "5")
        await pilot.pause()
        assert app.screen.number == 5
        await type_text(pilot, "Exit tickets werken, maar kosten tijd.")
        await pilot.press("tab")  # the decision
        await pilot.press("down", "enter")  # adjust it (bijstellen)
        await pilot.press("tab")
        await type_text(pilot, "Digitale exit tickets")
        await pilot.press("ctrl+r")
        await pilot.pause()
        # Steps 1 to 4 are empty: said first, and closed anyway.
        assert "Nog niet gedaan in deze ronde" in content_text(app.screen)
        await pilot.click("#yes")
        await pilot.pause()
        assert "Ronde afgesloten" in " ".join(notifications(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Ronde afgesloten op" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert "ronde 2" in text.lower()
        assert "Uit de vorige ronde — besluit: bijstellen" in text
        assert "Digitale exit tickets" in text

    drive(app, scenario)
    records, _me = reread(db_path)
    first = records[question.id]
    assert first.data["closed_at"]
    assert step_data(first, "apply") == {
        "conclusions": "Exit tickets werken, maar kosten tijd.",
        "decision": "adapt",
        "next": "Digitale exit tickets",
        "notes": "",
    }
    second = [r for r in records.values() if r.kind == "round" and r.id != question.id]
    assert len(second) == 1
    assert second[0].data["round_no"] == 2 and second[0].data["parent"] == question.id
    assert second[0].data["question"] == QUESTION
    assert second[0].data["carried"]["next"] == "Digitale exit tickets"


def test_the_question_screen_offers_next_round_and_reopen_as_the_cycle_allows(
    store, db_path, question, make_app
):
    """r and o follow cycle.can_start_next_round and cycle.can_reopen; a dropped approach ends."""
    closed = store.save(cycle.close_round(question, "adapt", "Werkt deels"))
    second = store.save(cycle.start_next_round(closed, [closed]))
    dropped = store.save(cycle.close_round(second, "abandon", "Past niet"))
    app = make_app(store)

    async def scenario(pilot):
        await app.push_screen(QuestionScreen(closed.id))
        await pilot.pause()
        assert not app.screen.check_action("next_round", ())  # round 2 exists
        assert not app.screen.check_action("reopen_round", ())
        await pilot.press("r", "o")
        await pilot.pause()
        await app.push_screen(QuestionScreen(dropped.id))
        await pilot.pause()
        assert not app.screen.check_action("next_round", ())
        assert app.screen.check_action("reopen_round", ())
        await pilot.press("r")
        await pilot.pause()

    drive(app, scenario)
    records, _me = reread(db_path)
    assert sorted(r.data["round_no"] for r in records.values() if r.kind == "round") == [1, 2]
    assert records[closed.id].data["closed_at"] and records[dropped.id].data["closed_at"]


def test_the_close_round_dialog_marks_texts_private_and_the_next_round_keeps_them(
    store, db_path, question, make_app
):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "c")
        await pilot.pause()
        await pilot.click("#yes")  # steps 1 to 4 are empty: close anyway
        await pilot.pause()
        assert isinstance(app.screen, CloseRoundDialog)
        boxes = app.screen.query("TickBox.private")
        assert [box.id for box in boxes] == ["private-conclusions", "private-next"]
        assert screen_text(app).count("☐ privé") == 2
        await pilot.press("down", "enter")  # the decision: adjust it (bijstellen)
        await pilot.press("tab")
        await type_text(pilot, "Jan uit 4A werkt alleen met hulp")
        await pilot.press("ctrl+o")
        await pilot.press("tab")
        await type_text(pilot, "Apart oefenen met Jan")
        await pilot.press("ctrl+o")
        assert screen_text(app).count("☑ privé") == 2
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert "Conclusies: Jan uit 4A werkt alleen met hulp · privé" in text
        assert "Gepland voor deze ronde: Apart oefenen met Jan · privé" in text

    drive(app, scenario)
    records, _me = reread(db_path)
    first = records[question.id]
    assert step_data(first, "apply")["decision"] == "adapt"
    assert first.private_paths == {"steps.apply.conclusions", "steps.apply.next"}
    (second,) = [r for r in records.values() if r.kind == "round" and r.id != question.id]
    assert second.data["carried"]["conclusions"] == "Jan uit 4A werkt alleen met hulp"
    assert second.private_paths == {"carried.conclusions", "carried.next"}


def test_marking_step_5_private_after_the_next_round_started_marks_the_carried_copy(
    store, db_path, question, make_app
):
    closed = cycle.close_round(question, "adapt", "Jan uit 4A werkt alleen met hulp")
    second = cycle.start_next_round(closed, ())
    store.save_many([closed, second])
    app = make_app(store)

    async def scenario(pilot):
        await app.push_screen(StepScreen(question.id, 5))
        await pilot.pause()
        app.screen.query_one("#field-conclusions").focus()
        await pilot.press("ctrl+o")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Opgeslagen." in notifications(app)

    drive(app, scenario)
    records, _me = reread(db_path)
    assert records[question.id].private_paths == {"steps.apply.conclusions"}
    assert records[second.id].private_paths == {"carried.conclusions"}
    assert records[second.id].rev == second.rev + 1


def test_a_carried_text_is_shown_private_when_its_source_is(store, question, make_app):
    """A database from before carried copies had their own mark: the source decides."""
    closed = cycle.close_round(question, "adapt", "Jan uit 4A werkt alleen met hulp")
    second = cycle.start_next_round(closed, ())
    closed.set_private("steps.apply.conclusions", True)
    store.save_many([closed, second])
    app = make_app(store)

    async def scenario(pilot):
        await app.push_screen(QuestionScreen(second.id))
        await pilot.pause()
        assert "Conclusies: Jan uit 4A werkt alleen met hulp · privé" in screen_text(app)

    drive(app, scenario)


def test_closing_without_a_decision_is_refused(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "5")
        await pilot.pause()
        await type_text(pilot, "Conclusie")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Kies een besluit" in " ".join(notifications(app))

    drive(app, scenario)
    records, _me = reread(db_path)
    assert not records[question.id].data.get("closed_at")
    assert step_data(records[question.id], "apply")["conclusions"] == "Conclusie"


def test_edit_the_question_and_move_between_rounds(demo_store, demo_db, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("enter")  # Ahmed's question, round 2
        await pilot.pause()
        assert "ronde 2 van 2" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert "Ronde afgesloten op" in screen_text(app)  # round 1 was closed
        await pilot.press("right", "e")
        await pilot.pause()
        area = app.screen.query_one("#field-question")
        area.text = "Hoe laat ik 3 havo B met korte filmpjes actiever oefenen?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Hoe laat ik 3 havo B" in screen_text(app)

    drive(app, scenario)
    records, me = reread(demo_db)
    latest = cycle.RecordIndex(records.values()).latest_rounds(owner=me)[0]
    assert latest.data["question"] == "Hoe laat ik 3 havo B met korte filmpjes actiever oefenen?"


def test_deleting_a_learning_question_asks_and_removes_every_round(
    store, db_path, question, make_app
):
    second = cycle.start_next_round(cycle.close_round(question, "adapt", "Werkt deels"), ())
    store.save_many([cycle.close_round(question, "adapt", "Werkt deels"), second])
    app = make_app(store)

    async def scenario(pilot):
        await app.push_screen(QuestionScreen(second.id))
        await pilot.pause()
        ((_title, _help, delete),) = app.screen.palette_commands()
        delete()
        await pilot.pause()
        await pilot.click("#no")  # asks first: cancelling keeps everything
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        delete()
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Leervraag verwijderd." in notifications(app)

    drive(app, scenario)
    records, _me = reread(db_path)
    assert records[question.id].deleted and records[second.id].deleted
