"""Whatever of your own you can open, you can delete: with Delete where it is listed, and from
its own screen through the command palette ("verwijder" finds it); it asks first."""

from __future__ import annotations

from screens.action import ActionScreen
from screens.dialogs.confirm import ConfirmDialog
from screens.feedback import FeedbackScreen
from screens.home import HomeScreen
from screens.question import QuestionScreen
from screens.tryout import TryoutScreen

from .conftest import reread
from .helpers import drive, settle


def _deleting(app) -> list:
    """The palette's commands on this screen that a search for "verwijder" finds."""
    return [c for c in app.get_system_commands(app.screen) if "verwijder" in c.title.lower()]


async def _confirm(pilot) -> None:
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.click("#yes")
    await settle(pilot)


def test_an_action_on_home_is_deleted_with_delete(demo_db, demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        actions = app.screen.query_one("#actions")
        actions.focus()
        await settle(pilot)
        action_id = actions.highlighted_option.id.partition(":")[2]
        assert [c.title for c in _deleting(app)] == [
            "Actie verwijderen: Filmpjes 5.3 en 5.4 opnemen en de filmpjeshoek in…"
        ]
        await pilot.press("delete")
        await _confirm(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session.get(action_id) is None
        return action_id

    drive(app, scenario)
    records, _me = reread(demo_db)
    deleted = [r for r in records.values() if r.kind == "action" and r.deleted]
    assert len(deleted) == 1


def test_every_own_record_screen_offers_to_delete_it(demo_db, demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        index = app.session.index()
        round_rec = index.latest_rounds(owner=app.session.me)[0]
        view = index.view(round_rec.id)
        action = index.actions_of(app.session.me)[0]
        tryout = view.tryouts[0]
        theirs, own_feedback = next(  # feedback you gave on a colleague's question
            (v, f)
            for v in (index.view(r) for r in sorted(index.rounds))
            for f in v.feedback
            if f.owner == app.session.me
        )
        app.push_screen(QuestionScreen(round_rec.id))
        await settle(pilot)
        assert "Deze leervraag verwijderen" in [c.title for c in _deleting(app)]
        for screen, gone in (
            (ActionScreen(action.id), action.id),
            (TryoutScreen(round_rec.id, tryout.id), tryout.id),
        ):
            app.push_screen(screen)
            await settle(pilot)
            (command,) = _deleting(app)
            command.callback()
            await _confirm(pilot)
            assert isinstance(app.screen, QuestionScreen), "the screen of a deleted record closes"
            assert app.session.get(gone) is None
        app.push_screen(FeedbackScreen(theirs.id))
        await settle(pilot)
        listing = app.screen.query_one("#feedback-list")
        listing.highlighted = [o.id for o in listing.options].index(own_feedback.id)
        await settle(pilot)
        (command,) = _deleting(app)
        command.callback()
        await _confirm(pilot)
        assert app.session.get(own_feedback.id) is None

    drive(app, scenario)
