"""Every screen and every dialog: ctrl+q quits, and typed text is saved or discarded on purpose.

The windows are found in the package itself (every Screen and ModalScreen class
under ``screens``), so a new one is covered as soon as it exists: it must derive
from the shared bases, and it needs a line in ``OPEN`` saying how a teacher or a
facilitator reaches it (the test fails until it has one).

For each window, in the real app over a real database (or the facilitator's
review over real export files):

* with nothing typed, ctrl+q quits at once;
* with text typed (where typing is work, see ``TYPED_TEXT_IS_WORK``), ctrl+q asks;
  "save" stores the text (it is in a file on disk afterwards) and then quits,
  "discard and quit" quits and no file holds the text;
* where the fields only choose something (a folder, a file name, a filter),
  ctrl+q quits at once and nothing is written.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, RadioButton, TextArea

import screens
from plgcycle.cycle import RoundView
from screens.app import PlgApp
from screens.base import PlgModal, PlgScreen
from screens.dialogs.confirm import ConfirmDialog, UnsavedDialog
from screens.dialogs.review_save import SaveFileDialog
from screens.window import BasicModal

from .helpers import drive, notifications, settle, type_text

MARK = "Bewaarmij42"  # what is typed; looked for in every file afterwards
BASES = (PlgScreen, BasicModal)  # every dialog's base (PlgModal adds typed-text care)


def _windows() -> dict[str, type[Screen]]:
    found: dict[str, type[Screen]] = {}
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
                and not _is_base(value)
            ):
                found[name] = value
    return dict(sorted(found.items()))


def _is_base(cls: type) -> bool:
    """The shared bases themselves (windows derive from them; they are not opened)."""
    from screens.base import FormScreen
    from screens.dialogs.form import FormDialog

    return cls in (PlgScreen, BasicModal, PlgModal, FormScreen, FormDialog)


WINDOWS = _windows()


# --- how each window is reached ------------------------------------------------------------------

Opener = Callable[[PlgApp, object], Awaitable[None]]


@dataclass(frozen=True)
class Way:
    app: str  # "teacher" (the demo database), "new" (no teacher yet), "review" (export files)
    open: Opener
    fill: Opener | None = None  # how to type into it when the first text field is not the way


def _my_round(app: PlgApp) -> str:
    index = app.session.index()
    mine = [
        r for r in index.rounds.values() if r.owner == app.session.me and not RoundView(r).closed
    ]
    return sorted(mine, key=lambda r: r.id)[0].id


def _my_tryout(app: PlgApp) -> tuple[str, str]:
    index = app.session.index()
    for round_id in sorted(r.id for r in index.rounds.values() if r.owner == app.session.me):
        tryouts = index.view(round_id).tryouts
        if tryouts:
            return round_id, tryouts[0].id
    raise AssertionError("the demo has a try-out of the local teacher")


def push(factory) -> Opener:
    async def opener(app, pilot):
        app.push_screen(factory(app))
        await settle(pilot)

    return opener


def keys(*pressed: str, first: Opener | None = None) -> Opener:
    async def opener(app, pilot):
        if first is not None:
            await first(app, pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return opener


async def nothing(app, pilot):
    await settle(pilot)


def _question_screen(app):
    from screens.question import QuestionScreen

    return QuestionScreen(_my_round(app))


def _tryout_screen(app):
    from screens.tryout import TryoutScreen

    return TryoutScreen(*_my_tryout(app))


def _feedback_screen(app):
    from screens.feedback import FeedbackScreen

    return FeedbackScreen(_my_round(app))


async def _fill_feedback(app, pilot):
    app.screen.query(RadioButton).first().value = True  # a top
    app.screen.query_one(TextArea).focus()
    await type_text(pilot, MARK)
    giver = app.screen.query_one("#field-giver_name", Input)
    giver.focus()
    await type_text(pilot, "Sanne")


async def _fill_close_round(app, pilot):
    app.screen.query(RadioButton).first().value = True  # a decision
    area = app.screen.query_one(TextArea)
    area.focus()
    await type_text(pilot, MARK)


async def _agenda_item(app, pilot):
    await pilot.press("n")  # a new item, typed in its dialog and saved there
    await settle(pilot)
    await type_text(pilot, MARK)
    await pilot.press("enter")
    await settle(pilot)


def _profile_screen(app):
    from screens.profile import ProfileScreen

    return ProfileScreen()


def _share_more(app):
    from plgcycle import share
    from screens.dialogs.share import ShareMoreDialog

    own = share.prepare_own(app.session.shared_records(), app.session.me)
    config = share.ShareConfig(Path.cwd(), "ahmed.plgcycle.json", None)
    return ShareMoreDialog(own, share.widening(None, own), config)


def _meeting_screen(app):
    from datetime import date

    from plgcycle import group
    from screens.meeting import MeetingScreen

    app.session.group.start_plg("PLG Taal")
    app.session.group.change_plg(lambda plg: group.set_dates(plg, [date(2026, 12, 7)]))
    return MeetingScreen()


def _scan_screen(app):
    from screens.scan import ScanScreen

    app.session.group.start_plg("PLG Taal")  # the teacher keeps it: may open a scan round
    return ScanScreen()


OPEN: dict[str, Way] = {
    "HomeScreen": Way("teacher", nothing),
    "FirstRunScreen": Way("new", nothing),
    "ProfileScreen": Way(
        "teacher",
        push(lambda app: __import__("screens.profile", fromlist=["ProfileScreen"]).ProfileScreen()),
    ),
    "QuestionScreen": Way("teacher", push(_question_screen)),
    "StepScreen": Way(
        "teacher",
        push(
            lambda app: __import__("screens.step", fromlist=["StepScreen"]).StepScreen(
                _my_round(app), 1
            )
        ),
    ),
    "TryoutScreen": Way("teacher", push(_tryout_screen)),
    "FeedbackScreen": Way("teacher", push(_feedback_screen)),
    "ActionScreen": Way("teacher", keys("a")),
    "ColleaguesScreen": Way(
        "teacher",
        push(
            lambda app: __import__(
                "screens.colleagues", fromlist=["ColleaguesScreen"]
            ).ColleaguesScreen()
        ),
    ),
    "HelpScreen": Way("teacher", keys("f1")),
    "MeetingScreen": Way("teacher", push(_meeting_screen)),
    "PlgGroupScreen": Way("teacher", keys("g")),
    "VerslagScreen": Way(
        "teacher",
        push(
            lambda app: __import__(
                "screens.meeting_verslag", fromlist=["VerslagScreen"]
            ).VerslagScreen()
        ),
    ),
    "ImportScreen": Way("teacher", keys("i")),
    "ExportDialog": Way("teacher", keys("x")),
    "QuestionDialog": Way("teacher", keys("n")),
    "MeasureDialog": Way("teacher", keys("ctrl+g", first=push(_tryout_screen))),
    "ValuesImportDialog": Way(
        "teacher",
        push(
            lambda app: __import__(
                "screens.dialogs.values_import", fromlist=["ValuesImportDialog"]
            ).ValuesImportDialog("Cijfer")
        ),
    ),
    "SeriesLinkDialog": Way(
        "teacher",
        push(
            lambda app: __import__(
                "screens.dialogs.series_link", fromlist=["SeriesLinkDialog"]
            ).SeriesLinkDialog("Cijfer", None, [])
        ),
    ),
    "FeedbackDialog": Way("teacher", keys("a", first=push(_feedback_screen)), _fill_feedback),
    "CloseRoundDialog": Way(
        "teacher",
        # Steps 3 and 4 are open: asked first, and closed anyway (tab to the second button).
        keys("c", "tab", "enter", first=push(_question_screen)),
        _fill_close_round,
    ),
    "ConfirmDialog": Way("teacher", push(lambda app: ConfirmDialog("?", "?", "OK"))),
    "UnsavedDialog": Way("teacher", push(lambda app: UnsavedDialog("?"))),
    "ReviewScreen": Way("review", nothing),
    "ReviewQuestionScreen": Way("review", keys("enter")),
    "ThresholdDialog": Way("review", keys("t")),
    "CheckCodeDialog": Way("review", keys("b")),
    "AgendaScreen": Way("review", keys("a"), _agenda_item),
    "AgendaItemDialog": Way("review", keys("a", "n")),
    "SaveFileDialog": Way("review", keys("a", "w")),
    "ShareFolderDialog": Way("teacher", keys("ctrl+g", first=push(_profile_screen))),
    "ShareMoreDialog": Way("teacher", push(_share_more)),
    "ScanScreen": Way("teacher", push(_scan_screen)),
    "ScanResultsScreen": Way("teacher", keys("f", first=push(_scan_screen))),
    "OpenScanRoundDialog": Way("teacher", keys("o", first=push(_scan_screen))),
}


def test_every_window_derives_from_the_shared_bases():
    assert WINDOWS, "no screens found"
    stray = [name for name, cls in WINDOWS.items() if not issubclass(cls, BASES)]
    assert stray == [], f"derive these from PlgScreen or PlgModal (screens/base.py): {stray}"


def test_every_window_has_a_way_to_open_it_here():
    missing = sorted(set(WINDOWS) - set(OPEN))
    assert missing == [], f"add to OPEN how a teacher or facilitator opens: {missing}"
    assert sorted(set(OPEN) - set(WINDOWS)) == []


# --- the apps ------------------------------------------------------------------------------------


def _files_holding(folder: Path, text: str) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and text.encode() in p.read_bytes()
    )


def _quit(app) -> bool:
    return app.return_code is not None


async def _open(app, pilot, name: str) -> None:
    await settle(pilot)
    await OPEN[name].open(app, pilot)
    assert type(app.screen).__name__ == name, f"{name} did not open (got {app.screen})"


def _text_fields(screen) -> list:
    return [w for w in [*screen.query(TextArea), *screen.query(Input)] if not w.disabled]


async def _type(app, pilot, name: str) -> None:
    way = OPEN[name]
    if way.fill is not None:
        await way.fill(app, pilot)
        return
    fields = _text_fields(app.screen)
    field = app.focused if app.focused in fields else fields[0]
    field.focus()
    if isinstance(field, Input):
        field.cursor_position = len(field.value)
    await type_text(pilot, MARK)


def _types(name: str) -> bool:
    """Whether this window has something to type into (a field, or its own way)."""
    return OPEN[name].fill is not None or name not in NO_TEXT


# Windows without a text field of their own (checked below: a field added later shows up).
NO_TEXT = {
    "HomeScreen",
    "VerslagScreen",
    "QuestionScreen",
    "FeedbackScreen",
    "HelpScreen",
    "ReviewScreen",
    "ReviewQuestionScreen",
    "ConfirmDialog",
    "UnsavedDialog",
    "AgendaScreen",
    "ShareMoreDialog",
    "SeriesLinkDialog",
    "ScanScreen",
    "ScanResultsScreen",
}

CASES = [
    (name, mode)
    for name in WINDOWS
    for mode in ("nothing", "save", "discard")
    if mode == "nothing" or _types(name)
]


@pytest.mark.parametrize("name,mode", CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_ctrl_q_quits_every_window_and_asks_where_text_was_typed(name, mode, build, tmp_path):
    cls = WINDOWS[name]
    app = build(OPEN[name].app)
    seen: list[str] = []

    async def scenario(pilot):
        await _open(app, pilot, name)
        has_fields = bool(_text_fields(app.screen))
        assert has_fields == (name not in NO_TEXT), (
            f"{name}: update NO_TEXT (it {'has' if has_fields else 'has no'} text field)"
        )
        if mode != "nothing":
            await _type(app, pilot, name)
            assert MARK not in "".join(_files_holding(tmp_path, MARK))
            assert not _files_holding(tmp_path, MARK), "nothing is written before it is asked"
        await pilot.press("ctrl+q")
        await settle(pilot)
        for _ in range(6):  # answer each question the way this case chooses
            if _quit(app):
                break
            screen = app.screen
            seen.append(type(screen).__name__)
            if isinstance(screen, UnsavedDialog):
                await pilot.click("#save" if mode == "save" else "#discard")
            elif isinstance(screen, SaveFileDialog) and mode == "save":
                await pilot.press("enter")  # the file it proposes, in the current folder
            elif isinstance(screen, ConfirmDialog) and mode == "save":
                await pilot.click("#yes")
            else:
                break
            await settle(pilot)

    drive(app, scenario)
    assert _quit(app), f"{name}: ctrl+q did not quit (on {seen[-1:] or name}; {notifications(app)})"
    work = getattr(cls, "TYPED_TEXT_IS_WORK", True) and mode != "nothing"
    if not work:
        assert seen == [], f"{name}: quitting asked {seen} although nothing of value was typed"
        assert _files_holding(tmp_path, MARK) == []
        return
    assert seen and seen[0] == "UnsavedDialog", f"{name}: ctrl+q did not ask about the text"
    holding = _files_holding(tmp_path, MARK)
    if mode == "save":
        assert holding, f"{name}: 'save' did not store the typed text in any file"
    else:
        assert holding == [], f"{name}: 'discard' still wrote the typed text to {holding}"
