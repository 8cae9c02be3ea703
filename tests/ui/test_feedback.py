"""Peer feedback: noting a colleague's top/tip/question, marking what was done, feedback on a colleague."""

from __future__ import annotations

import pytest

from plgcycle import cycle
from screens.dialogs.feedback import FeedbackDialog
from screens.feedback import FeedbackScreen
from screens.question import QuestionScreen

from .conftest import reread
from .helpers import content_text, drive, notifications, screen_text, type_text


@pytest.fixture
def question(store):
    record = cycle.new_question(store.me, "Hoe help ik 4 vwo met peerfeedback?")
    store.save(record)
    return record


def test_note_feedback_from_a_colleague_and_mark_it_taken_on(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "Nog geen feedback" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackDialog)
        await pilot.press("down", "enter")  # kind: tip
        await pilot.press("tab")
        await type_text(pilot, "Deel de voorbeeldtekst vooraf")
        await pilot.press("tab")
        await type_text(pilot, "Lotte Jansen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        text = screen_text(app)
        assert "TIP" in text and "Deel de voorbeeldtekst vooraf" in text and "Lotte Jansen" in text
        assert "open" in text
        await pilot.press("s")
        await pilot.pause()
        assert "overgenomen" in screen_text(app)

    drive(app, scenario)
    records, me = reread(db_path)
    feedback = next(r for r in records.values() if r.kind == "feedback")
    assert feedback.owner == me
    assert feedback.data["type"] == "tip"
    assert feedback.data["giver_name"] == "Lotte Jansen"
    assert feedback.data["given_on"] == "2026-11-23"
    assert feedback.data["round"] == question.id
    rnd = records[question.id]
    assert rnd.data["feedback_status"] == {feedback.id: "adopted"}


def test_feedback_on_a_step_from_the_step_screen(store, db_path, question, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "2", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackDialog)
        await pilot.press("enter")  # kind: top
        await pilot.press("tab")
        await type_text(pilot, "Sterk plan")
        await pilot.press("tab")
        await type_text(pilot, "Joris")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Sterk plan" in content_text(app.screen)

    drive(app, scenario)
    records, _me = reread(db_path)
    feedback = next(r for r in records.values() if r.kind == "feedback")
    assert feedback.data["step"] == "approach" and feedback.data["type"] == "top"


def test_give_feedback_on_a_colleagues_question(demo_store, demo_db, make_app):
    app = make_app(demo_store)
    index = app.session.index()
    lotte = next(r for r in index.latest_rounds() if "exit tickets" in r.text("question"))
    before = reread(demo_db)[0][lotte.id]

    async def scenario(pilot):
        colleagues = app.screen.query_one("#colleague-questions")
        colleagues.focus()
        colleagues.highlighted = [o.id for o in colleagues.options].index(f"colleague:{lotte.id}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Vraag van Lotte Jansen" in screen_text(app)
        await pilot.press("e")  # a colleague's question cannot be edited
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("f", "a")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackDialog)
        assert not app.screen.query("#field-giver_name")  # you are the giver
        await pilot.press("down", "down", "enter")  # a question
        await pilot.press("tab")
        await type_text(pilot, "Welke tool ga je gebruiken?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Welke tool ga je gebruiken?" in screen_text(app)
        assert "van jou" in screen_text(app)

    drive(app, scenario)
    records, me = reread(demo_db)
    mine = [
        r
        for r in records.values()
        if r.kind == "feedback" and r.owner == me and r.data["round"] == lotte.id
    ]
    assert len(mine) == 1
    assert mine[0].data["type"] == "question" and mine[0].data["giver"] == me
    assert mine[0].data["giver_name"] == "Ahmed El Amrani"
    assert records[lotte.id].rev == before.rev  # the colleague's round is untouched


def test_status_cannot_be_changed_on_a_colleagues_question(demo_store, make_app):
    app = make_app(demo_store)
    index = app.session.index()
    sanne = next(r for r in index.latest_rounds() if "peerfeedback" in r.text("question"))

    async def scenario(pilot):
        app.push_screen(FeedbackScreen(sanne.id))
        await pilot.pause()
        screen = app.screen
        assert screen.check_action("status", ()) is False
        assert screen.check_action("edit", ()) is False  # Lotte's feedback is hers
        await pilot.press("s")
        await pilot.pause()
        assert not notifications(app)

    drive(app, scenario)
