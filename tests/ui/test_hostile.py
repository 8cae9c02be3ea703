"""People's text is shown literally: markup, escape codes, bidi overrides, emoji, long lines."""

from __future__ import annotations

from plgcycle.store import Store
from screens.feedback import FeedbackScreen

from .helpers import content_text, drive, screen_text
from .hostile import fill


def test_names_questions_and_feedback_are_shown_as_typed(db_path, clock, make_app):
    fill(db_path, clock)
    store = Store(db_path, clock=clock)
    app = make_app(store)

    async def scenario(pilot):
        text = screen_text(app)
        assert "[red]Rood[/red] \\x1b[31mEsc\\u202eRTL 😀" in text
        assert "[i]PLG[/i]" in text
        assert "[bold]Hoe[/bold] voorkom ik [link=http://x]dit[/link]? \\x1b[2J heel lang" in text
        assert "[blink]Collega[/blink…" in text  # the name column is cut on Home ...
        assert "[red]x[/red] vraag van een" in text  # cut to leave room for the mark:
        assert "· niet ondertekend" in text  # a colleague's question without a signature
        assert "\x1b" not in text and "\u202e" not in text
        # The long question wraps instead of being cut: its end is on screen too.
        assert "einde 🎉" in text and "\\u202egnirts" in text
        await pilot.press("enter")
        await pilot.pause()
        text = content_text(app.screen)
        assert "[u]doel[/u]" in text
        app.push_screen(FeedbackScreen(app.screen.round_id))
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Tip[/b] \\x1b[31m!" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        table = app.screen.query_one("#colleague-questions")
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        # ... and shown in full on the colleague's question.
        assert "Vraag van [blink]Collega[/blink] \\x1b]0;titel\\x07" in screen_text(app)

    drive(app, scenario)
    store.close()
