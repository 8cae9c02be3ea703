"""The screens' words: Dutch all through (the palette too), and what a key does where it is."""

from __future__ import annotations

from textual.command import CommandList

from plgcycle import cycle
from screens.dialogs.confirm import ConfirmDialog
from screens.dialogs.feedback import FeedbackDialog
from screens.feedback import FeedbackScreen
from screens.question import QuestionScreen

from .helpers import content_text, drive, screen_text, settle, type_text


def test_the_palette_says_no_matches_in_dutch(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "qqqzzz")
        for _attempt in range(100):
            await pilot.pause(0.05)
            prompts = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            if prompts:
                break
        assert any("Niets gevonden" in p for p in prompts), prompts

    drive(app, scenario)


def test_on_your_own_question_feedback_is_noted_on_a_colleague_s_given(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        index = app.session.index()
        mine = index.latest_rounds(owner=app.session.me)[0]
        theirs = next(r for r in index.latest_rounds() if r.owner != app.session.me)
        app.push_screen(FeedbackScreen(mine.id))
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "a feedback noteren" in footer and "feedback geven" not in footer
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackDialog)
        assert "Feedback noteren" in content_text(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        app.pop_screen()
        app.push_screen(FeedbackScreen(theirs.id))
        await settle(pilot)
        assert "a feedback geven" in screen_text(app).splitlines()[-1]

    drive(app, scenario)


def test_deleting_a_try_out_without_a_class_says_so(store, make_app):
    round_rec = store.save(cycle.new_question(store.me, "Hoe activeer ik 2 havo?"))
    store.save(cycle.new_tryout(round_rec, store.me))
    app = make_app(store)

    async def scenario(pilot):
        app.push_screen(QuestionScreen(round_rec.id))
        await settle(pilot)
        parts = app.screen.query_one("#parts")
        parts.highlighted = next(
            i for i, o in enumerate(parts.options) if (o.id or "").startswith("tryout:")
        )
        shown = screen_text(app)
        assert "(nog geen klas)" in shown
        assert "1 uitprobeermoment gepland, nog niet uitgevoerd" in shown
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        said = content_text(app.screen)
        assert "het uitproberen zonder klas verwijderen?" in said.lower(), said
        assert "  " not in said

    drive(app, scenario)
