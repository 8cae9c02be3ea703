"""A second window (the database is open in another one) calls your own work your own.

Read-only for two different reasons, never mixed up: a colleague's question (you
may add feedback), or your own question in a window that cannot save because
another plgcycle window has the database open.
"""

from __future__ import annotations

from plgcycle.store import Store
from screens.feedback import FeedbackScreen
from screens.question import QuestionScreen
from screens.step import StepScreen
from screens.tryout import TryoutScreen

from .helpers import content_text, drive, settle


def _own_round(app):
    return app.session.index().latest_rounds(owner=app.session.me)[0].id


def test_own_work_in_a_read_only_window_is_called_your_own(demo_db, make_app):
    app = make_app(Store(demo_db, readonly=True))

    async def scenario(pilot):
        round_id = _own_round(app)
        app.push_screen(QuestionScreen(round_id))
        await settle(pilot)
        text = content_text(app.screen)
        assert "Je eigen vraag" in text and "ander plgcycle-venster" in text
        assert "Vraag van" not in text and "f voegt je feedback toe" not in text
        for screen in (
            StepScreen(round_id, 1),
            TryoutScreen(round_id, app.session.index().view(round_id).tryouts[0].id),
        ):
            app.push_screen(screen)
            await settle(pilot)
            text = content_text(app.screen)
            assert "Je eigen werk" in text and "ander plgcycle-venster" in text, text[:400]
            assert "collega" not in app.screen.query_one("#read-only-note").content.plain
            assert "ctrl+f" not in text  # feedback cannot be added in this window
            app.pop_screen()
            await settle(pilot)
        app.push_screen(FeedbackScreen(round_id))
        await settle(pilot)
        text = content_text(app.screen)
        assert "Je eigen werk" in text and "s wisselt" not in text
        assert "open" in text  # what you did with each piece of feedback still shows

    drive(app, scenario)


def test_a_colleague_s_question_still_offers_feedback(demo_db, make_app):
    with Store(demo_db) as store:
        app = make_app(store)

        async def scenario(pilot):
            index = app.session.index()
            theirs = next(r for r in index.latest_rounds() if r.owner != app.session.me)
            app.push_screen(QuestionScreen(theirs.id))
            await settle(pilot)
            text = content_text(app.screen)
            assert "Vraag van" in text and "f voegt je feedback toe" in text
            app.push_screen(StepScreen(theirs.id, 1))
            await settle(pilot)
            note = app.screen.query_one("#read-only-note").content.plain
            assert "collega" in note and "ctrl+f" in note

        drive(app, scenario)
