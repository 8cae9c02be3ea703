"""The screens the app can open from anywhere: one entry each, in one list.

Every entry appears in the command palette (ctrl+p); one with a ``key`` also has a
global key, shown on the help screen with its ``key_description`` (and in every
footer with ``in_footer``).  ``open`` is a function that imports its screen's class and
opens it: importing inside the function keeps a screen's module out of the
start-up, and a rename or a "find usages" still follows it.

To add a screen: write its module, add a function below that opens it, and add an
entry to :data:`SCREEN_COMMANDS`.  ``needs_teacher=False`` keeps a command
available in the facilitator's review, where there is no database and no teacher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from plgcycle.i18n import N_, _

if TYPE_CHECKING:
    from textual.app import App, SystemCommand
    from textual.binding import Binding
    from textual.screen import Screen

    from .app import PlgApp


def _help(app: App) -> None:
    from textual.binding import Binding

    from .help import HelpScreen

    if not isinstance(app.screen, HelpScreen):
        keys = [
            Binding(c.key, f"open({c.id!r})", c.key_description or c.title)
            for c in SCREEN_COMMANDS
            if c.key
        ]
        app.push_screen(HelpScreen([*keys, *type(app).BINDINGS], app.screen))


def _profile(app: App) -> None:
    from .profile import ProfileScreen

    if not isinstance(app.screen, ProfileScreen):
        app.push_screen(ProfileScreen())


def _new_question(app: App) -> None:
    from .question import open_new_question

    open_new_question(app)


def _new_action(app: App) -> None:
    from .action import open_new_action

    open_new_action(app)


def _import(app: App) -> None:
    from .exchange import ImportScreen

    if not isinstance(app.screen, ImportScreen):
        app.push_screen(ImportScreen())


def _export(app: App) -> None:
    from .dialogs.export import ExportDialog

    if not isinstance(app.screen, ExportDialog):
        app.push_screen(ExportDialog())


def _share_folder(app: App) -> None:
    from .dialogs.share import ShareFolderDialog

    if isinstance(app.screen, ShareFolderDialog):
        return

    def done(shared: bool | None) -> None:
        if shared:
            app.share_sync().run(asked=True)  # type: ignore[attr-defined]
        elif shared is False:
            app.share_sync().stopped()  # type: ignore[attr-defined]

    app.push_screen(ShareFolderDialog(), done)


def _sync(app: App) -> None:
    app.share_sync().run(asked=True)  # type: ignore[attr-defined]


def _accept_key(app: App) -> None:
    app.share_sync().accept_key()  # type: ignore[attr-defined]


def _review(app: App) -> None:
    from .review import ReviewScreen

    if not isinstance(app.screen, ReviewScreen):
        app.push_screen(ReviewScreen())


def _agenda(app: App) -> None:
    from .agenda import AgendaScreen

    if not isinstance(app.screen, AgendaScreen):
        app.push_screen(AgendaScreen())


def _scan(app: App) -> None:
    from .scan import ScanScreen

    if not isinstance(app.screen, ScanScreen):
        app.push_screen(ScanScreen())


def _scan_results(app: App) -> None:
    from .scan_results import ScanResultsScreen

    if not isinstance(app.screen, ScanResultsScreen):
        app.push_screen(ScanResultsScreen())


class ScreenCommand(NamedTuple):
    id: str  # used in binding actions: "app.open('<id>')"
    title: str  # message id, shown in the command palette and on the help screen
    help: str  # message id, one line under the title in the palette
    open: Callable[[App], None]
    key: str | None = None  # optional global key (avoid letters used by screens)
    key_description: str = ""  # message id: what the key does, short, on the help screen
    in_footer: bool = False  # the key shows in every footer (with key_description)
    needs_teacher: bool = True


SCREEN_COMMANDS: tuple[ScreenCommand, ...] = (
    ScreenCommand(
        "help",
        N_("Help"),
        N_("What every key does, screen by screen"),
        _help,
        key="f1",
        key_description=N_("help"),
        in_footer=True,
        needs_teacher=False,
    ),
    ScreenCommand(
        "profile", N_("My details"), N_("Name, school, subject, PLG and the next meeting"), _profile
    ),
    ScreenCommand(
        "new-question",
        N_("New learning question"),
        N_("Formulate a question about your own teaching"),
        _new_question,
    ),
    ScreenCommand(
        "new-action",
        N_("New action before the next meeting"),
        N_("What will I do before the next meeting?"),
        _new_action,
    ),
    ScreenCommand(
        "import",
        N_("Import colleagues' work"),
        N_("Read *.plgcycle.json files; see what changes first"),
        _import,
        key="i",
        key_description=N_("import"),
    ),
    ScreenCommand(
        "export",
        N_("Share my work"),
        N_("Export to a file after a preview"),
        _export,
        key="x",
        key_description=N_("share"),
    ),
    ScreenCommand(
        "share-folder",
        N_("Shared folder of the PLG"),
        N_("Set the folder your sync client keeps in step; see what goes there"),
        _share_folder,
    ),
    ScreenCommand(
        "sync",
        N_("Sync with the shared folder"),
        N_("Read colleagues' work there now and write yours"),
        _sync,
        key="f5",
        key_description=N_("sync"),
    ),
    ScreenCommand(
        "accept-key",
        N_("Accept a colleague's new key"),
        N_("After comparing the check code: take in their work from the shared folder"),
        _accept_key,
    ),
    ScreenCommand(
        "review",
        N_("Review the PLG"),
        N_("Who is where in the cycle, over everything imported (read-only)"),
        _review,
    ),
    ScreenCommand(
        "agenda",
        N_("Agenda: prepare the meeting"),
        N_("A proposed agenda for the next meeting"),
        _agenda,
    ),
    ScreenCommand(
        "scan",
        N_("The school scan"),
        N_("Answer the scan De school als PLG: now and desired, per statement"),
        _scan,
    ),
    ScreenCommand(
        "scan-results",
        N_("The school scan: group figures"),
        N_("The group's figures per part, never one person's answers"),
        _scan_results,
    ),
)

COMMANDS_BY_ID = {command.id: command for command in SCREEN_COMMANDS}


def command_bindings() -> Iterator[Binding]:
    """The global keys of the commands that have one (``app.open('<id>')``)."""
    from textual.binding import Binding

    for command in SCREEN_COMMANDS:
        if command.key:
            yield Binding(
                command.key,
                f"open({command.id!r})",
                command.key_description or command.title,
                show=command.in_footer,
                id=f"command-{command.id}",
            )


def open_command(app: PlgApp, command_id: str) -> None:
    """Open the screen of one command, once there is a teacher to do it for."""
    command = COMMANDS_BY_ID[command_id]
    if command.needs_teacher and app.session.has_database and app.session.me is None:
        # Before the welcome screen has made the teacher's profile there is nobody
        # to import for, export or plan as.
        app.notify(
            _("First fill in your name on the welcome screen; then you can do this."),
            title=_("Not yet"),
            severity="warning",
            timeout=8,
        )
        return
    command.open(app)


def palette_commands(app: PlgApp, screen: Screen) -> Iterator[SystemCommand]:
    """What the command palette (ctrl+p) offers: the commands above, the screen's own, and more."""
    from textual.app import SystemCommand

    for command in SCREEN_COMMANDS:
        if command.needs_teacher and app.session.me is None:
            continue
        yield SystemCommand(
            _(command.title),
            _(command.help),
            lambda command_id=command.id: app.action_open(command_id),
        )
    extra = getattr(screen, "palette_commands", None)
    if callable(extra):
        for title, help_text, callback in extra():
            yield SystemCommand(title, help_text, callback)
    yield SystemCommand(
        _("Light or dark colours"),
        _("Switch between a light and a dark theme"),
        app.action_toggle_dark,
    )
    yield SystemCommand(
        _("Screenshot"),
        _("Save an SVG picture of this screen in the current folder"),
        lambda: app.set_timer(0.1, app.deliver_screenshot),
    )
    yield SystemCommand(_("Quit"), _("Close plgcycle (your work is saved)"), app.action_quit)
