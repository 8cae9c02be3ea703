"""The command palette, the help screen and the footer: every key described, in the user's language."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from screens.action import ActionScreen
from screens.app import PlgApp
from screens.base import FormScreen
from screens.commands import SCREEN_COMMANDS
from screens.dialogs.question import QuestionDialog
from screens.feedback import FeedbackScreen
from screens.firstrun import FirstRunScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.profile import ProfileScreen
from screens.question import QuestionScreen
from screens.step import StepScreen
from screens.tryout import TryoutScreen

from .helpers import drive, notifications, screen_text, settle, type_text

SCREENS = [
    PlgApp,
    HomeScreen,
    QuestionScreen,
    StepScreen,
    TryoutScreen,
    FeedbackScreen,
    ActionScreen,
    ProfileScreen,
    FirstRunScreen,
    HelpScreen,
    FormScreen,
]


@pytest.mark.parametrize("node", SCREENS, ids=lambda n: n.__name__)
def test_every_binding_has_a_description(node):
    for binding in node.BINDINGS:
        if getattr(binding, "system", False):
            continue
        assert binding.description, f"{node.__name__}: {binding.key} has no description"


def test_every_screen_command_opens_its_screen(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        for command in SCREEN_COMMANDS:
            before = len(app.screen_stack)
            app.action_open(command.id)
            await settle(pilot)
            if command.id == "sync":  # an action, not a screen: without a folder it says so
                assert "Nog geen gedeelde map" in notifications(app)[-1]
                continue
            if command.id == "accept-key":  # an action too: no key waits without a folder
                assert "Er wacht geen nieuwe sleutel" in notifications(app)[-1]
                continue
            assert len(app.screen_stack) > before, command.id
            while len(app.screen_stack) > before:
                app.pop_screen()
            await settle(pilot)

    drive(app, scenario)


def test_command_palette_creates_a_question(store, make_app):
    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "nieuwe leervraag")
        await pilot.pause(0.3)
        assert "Nieuwe leervraag" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)

    drive(app, scenario)


def test_help_lists_the_keys_in_dutch_and_english(demo_store, make_app):
    for lang, words in (
        ("nl", ["nieuwe leervraag", "stap openen", "volgende stap", "Overal"]),
        ("en", ["new question", "open step", "next step", "Everywhere"]),
    ):
        app = make_app(demo_store, lang=lang)

        async def scenario(pilot, words=words, app=app):
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            text = "\n".join(str(s.content) for s in app.screen.query("Static"))
            for word in words:
                assert word in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

        drive(app, scenario)


def test_the_footer_shows_the_keys_that_matter_here(demo_store, make_app):
    app = make_app(demo_store)

    async def scenario(pilot):
        footer = screen_text(app).splitlines()[-1]
        assert "nieuwe leervraag" in footer and "opslaan" not in footer
        await pilot.press("enter")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "stap openen" in footer and "ronde afsluiten" in footer
        await pilot.press("1")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "opslaan" in footer and "nieuwe leervraag" not in footer

    drive(app, scenario)
