"""Everything on a screen can be reached from the keyboard, wherever the focus is.

Page down, page up, ctrl+end and ctrl+home move the screen's body even when a field
or a short list has the focus (which would otherwise take those keys), so what lies
below the last field (a chart, the feedback) is always a few keys away.
"""

from __future__ import annotations

from plgcycle import cycle
from screens.tryout import TryoutScreen

from .helpers import drive, screen_text, settle

FEEDBACK = "Feedback op dit uitproberen"


def _open_own_tryout(app):
    index = app.session.index()
    round_rec = index.latest_rounds(owner=app.session.me)[0]
    view = index.view(round_rec.id)
    tryout = view.tryouts[0]
    measure = cycle.new_measure(
        round_rec, app.session.me, "% gemaakte opgaven", tryout=tryout, baseline=60, value=70
    )
    app.session.save([measure])  # a measures list, and so a chart, on the screen
    app.push_screen(TryoutScreen(round_rec.id, tryout.id))


def test_the_bottom_of_the_try_out_screen_is_reached_from_every_field(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        _open_own_tryout(app)
        await settle(pilot)
        assert FEEDBACK not in screen_text(app)
        for focus in ("#field-class_group", "#field-what", "#measures"):
            app.screen.query_one(focus).focus()
            await settle(pilot)
            await pilot.press("ctrl+home")
            await settle(pilot)
            for _ in range(8):
                await pilot.press("pagedown")
            await settle(pilot)
            shown = screen_text(app)
            assert FEEDBACK in shown, f"page down from {focus} did not reach the end"
            await pilot.press("ctrl+home")
            await settle(pilot)
            assert FEEDBACK not in screen_text(app)
            await pilot.press("ctrl+end")
            if focus == "#field-what":  # a text area: first the end of its text, then on
                await pilot.press("ctrl+end")
            await settle(pilot)
            assert FEEDBACK in screen_text(app), f"ctrl+end from {focus} did not reach the end"
            assert app.focused is app.screen.query_one(focus)  # the focus stays where it was

    drive(app, scenario, size=(100, 30))
