"""Small terminals (60x20, 60x24): what has the focus is on screen, and rows never wrap badly."""

from __future__ import annotations

from screens.question import QuestionScreen

from .helpers import drive, screen_text, settle


def _lines_of(app, widget) -> list[str]:
    """The screen's lines where ``widget`` is drawn (the visible part of it)."""
    lines = screen_text(app).splitlines()
    region = widget.region
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


def test_a_colleague_list_with_the_focus_is_on_screen(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        colleagues = app.screen.query_one("#colleague-questions")
        for _ in range(4):
            if app.focused is colleagues:
                break
            await pilot.press("tab")
            await settle(pilot)
        assert app.focused is colleagues
        await pilot.press("down")
        await settle(pilot)
        shown = screen_text(app)
        highlighted = colleagues.highlighted_option
        name = str(highlighted.prompt).split("  ")[0].rstrip("…")
        assert name in shown, "the highlighted question is not on screen"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        index = app.session.index()
        owner = index.person_name(index.rounds[app.screen.round_id].owner)
        assert owner.startswith(name), (owner, name)

    drive(app, scenario, size=(60, 20))


def test_rows_do_not_wrap_in_a_narrow_terminal(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        colleagues = app.screen.query_one("#colleague-questions")
        colleagues.focus()
        await settle(pilot)
        rows = [line for line in _lines_of(app, colleagues) if line.strip(" ▌")]
        assert rows and all(("●" in r or "○" in r) for r in rows), rows
        head = app.screen.query_one("#colleagues-head")
        assert len(_lines_of(app, head)) == 1 and "Leervraag" in _lines_of(app, head)[0]
        await pilot.press("shift+tab", "shift+tab", "enter")  # back to the own question
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        parts = app.screen.query_one("#parts")
        for line in _lines_of(app, parts):
            text = line.lstrip("▌").removeprefix(" ")
            assert not text.strip() or text[0] in "●○✎✉☐☑─" or text.startswith("  "), line

    drive(app, scenario, size=(60, 24))
