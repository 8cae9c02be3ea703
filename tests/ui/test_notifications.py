"""Notifications never pile up, never cover a dialog's buttons, and never outlive their truth."""

from __future__ import annotations

from textual.widgets import Button
from textual.widgets._toast import Toast

from screens.action import ActionScreen
from screens.dialogs.confirm import UnsavedDialog
from screens.dialogs.question import QuestionDialog

from .helpers import drive, notifications, settle, type_text

SMALL = (80, 24)


def _covered(app, selectors) -> list[str]:
    """The buttons of the dialog on screen that a notification lies over."""
    toasts = [t.region for t in app.screen.query(Toast) if t.region.area]
    buttons = [app.screen.query_one(s, Button) for s in selectors]
    return [str(b.label) for b in buttons if any(b.region.overlaps(t) for t in toasts)]


def test_a_failed_save_leaves_the_dialog_readable_and_a_good_save_takes_it_back(
    demo_store, make_app
):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        await type_text(pilot, "Lesplan maken")
        await pilot.press("tab")
        await type_text(pilot, "volgende week")
        await pilot.press("ctrl+s")  # refused: a "Niet opgeslagen" stays a while
        await settle(pilot)
        await pilot.press("escape")  # refused again, and asked
        await settle(pilot)
        await pilot.pause(0.2)
        assert isinstance(app.screen, UnsavedDialog)
        assert _covered(app, ["#stay", "#discard"]) == []
        await pilot.click("#stay")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        app.screen.query_one("#field-due").value = "1-12-2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = notifications(app)
        assert "Opgeslagen." in shown
        assert not any("datum" in n.lower() for n in shown), shown
        assert not [n for n in app._notifications if n.title == "Niet opgeslagen"]

    drive(app, scenario, size=SMALL, toasts=True)


def test_notifications_do_not_pile_up(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        for n in range(5):
            app.notify(f"bericht {n}", title=f"titel {n}")
        app.notify("eerste fout", title="Niet opgeslagen", severity="error")
        app.notify("tweede fout", title="Niet opgeslagen", severity="error")
        await settle(pilot)
        assert notifications(app) == ["bericht 4", "tweede fout"]

    drive(app, scenario)


def test_a_problem_in_a_dialog_is_shown_away_from_its_buttons(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)
        await pilot.press("ctrl+s")  # an empty question: refused with a notification
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog) and notifications(app)
        assert _covered(app, ["#cancel", "#submit"]) == []
        await pilot.press("escape")  # the dialog closes, and its problem with it
        await settle(pilot)
        assert not isinstance(app.screen, QuestionDialog)
        assert notifications(app) == []

    drive(app, scenario, size=SMALL, toasts=True)


def test_what_a_dialog_saved_is_still_said_after_it_closes(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Hoe laat ik mijn klas meer zelf nakijken?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, QuestionDialog)
        assert any(n.startswith("Leervraag") for n in notifications(app)), notifications(app)

    drive(app, scenario, size=SMALL, toasts=True)
