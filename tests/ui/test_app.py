"""The app's plumbing: the record cache, quitting with unsaved text, the colleagues screen, wiring."""

from __future__ import annotations

from plgcycle import cycle
from plgcycle.model import step_data
from plgcycle.session import Session
from plgcycle.store import Store
from screens.app import PlgApp
from screens.base import save_records
from screens.colleagues import ColleaguesScreen
from screens.commands import SCREEN_COMMANDS
from screens.dialogs.confirm import UnsavedDialog
from screens.home import HOME_COLLEAGUES
from screens.question import QuestionScreen
from screens.step import StepScreen

from .conftest import reread
from .helpers import drive, screen_text, settle, type_text


def test_the_cache_follows_saves_and_writes_made_elsewhere(store, make_app):
    app = make_app(store)
    first = app.session.index()
    assert app.session.index() is first  # nothing changed: no re-read
    question = cycle.new_question(store.me, "Eerste vraag")
    assert app.session.save([question])
    assert question.id in app.session.index().rounds
    # A write straight through the store (as an import does) is noticed too.
    other = cycle.new_question(store.me, "Tweede vraag")
    store.save(other)
    assert other.id in app.session.index().rounds
    version = app.session.data_version
    assert app.session.data_version == version


def test_quitting_asks_and_saves_the_open_form(store, db_path, make_app):
    question = cycle.new_question(store.me, "Vraag")
    store.save(question)
    app = make_app(store)

    async def scenario(pilot):
        app.push_screen(StepScreen(question.id, 1))
        await settle(pilot)
        await type_text(pilot, "Toetscijfers")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.press("enter")  # "save" has the focus
        await settle(pilot)

    drive(app, scenario)
    assert app.return_code == 0 or app.return_code is None
    records, _me = reread(db_path)
    assert step_data(records[question.id], "baseline")["sources"] == "Toetscijfers"


def test_many_colleagues_are_capped_on_home_and_searchable(store, make_app):
    colleagues = [cycle.new_person(f"Collega {i:02d}") for i in range(HOME_COLLEAGUES + 5)]
    rounds = [cycle.new_question(p.id, f"Vraag over klas {i}") for i, p in enumerate(colleagues)]
    for i, record in enumerate([*colleagues, *rounds]):
        record.rev, record.updated_at = 1, f"2026-11-01T10:00:{i % 60:02d}.{i:06d}+00:00"
    store.apply([*colleagues, *rounds])
    app = make_app(store)

    async def scenario(pilot):
        table = app.screen.query_one("#colleague-questions")
        assert table.option_count == HOME_COLLEAGUES
        assert "Nog 5 vragen van collega's: druk op c" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ColleaguesScreen)
        assert app.screen.query_one("#all-colleagues").row_count == HOME_COLLEAGUES + 5
        await type_text(pilot, "collega 07")
        await settle(pilot)
        assert app.screen.query_one("#all-colleagues").row_count == 1
        await pilot.press("enter", "enter")  # to the table, open the question
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert "Vraag over klas 7" in screen_text(app)

    drive(app, scenario)


def test_review_mode_starts_on_the_given_screen_without_a_store():
    from textual.screen import Screen
    from textual.widgets import Static

    class Review(Screen):
        def compose(self):
            yield Static("review")

    app = PlgApp(Session(None), initial_screen=Review)

    async def scenario(pilot):
        assert isinstance(app.screen, Review)
        assert app.session.index().rounds == {}
        assert save_records(app, []) is None  # nothing to save in: a notification, no crash
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Hulp" in titles
        assert "Nieuwe leervraag" not in titles  # needs a database

    drive(app, scenario)


def test_screen_commands_have_unique_keys():
    keys = [c.key for c in SCREEN_COMMANDS if c.key]
    assert len(keys) == len(set(keys))


def test_english_and_dutch_step_screens(store, make_app):
    question = cycle.new_question(store.me, "Vraag")
    store.save(question)
    for lang, title in (("nl", "Stap 2 van 5: Aanpak"), ("en", "Step 2 of 5: Approach")):
        app = make_app(store, lang=lang)

        async def scenario(pilot, title=title, app=app):
            app.push_screen(StepScreen(question.id, 2))
            await settle(pilot)
            assert title in screen_text(app)

        drive(app, scenario)


def test_a_second_app_sees_what_the_first_saved(db_path, clock, make_app):
    with Store(db_path, clock=clock) as first:
        first.create_me(cycle.new_person("Sanne"))
        first.save(cycle.new_question(first.me, "Vraag een"))
    second = Store(db_path, clock=clock)
    app = make_app(second)

    async def scenario(pilot):
        assert "Vraag een" in screen_text(app)

    drive(app, scenario)
    second.close()
