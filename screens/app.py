"""The plgcycle app: global keys, notifications, the title, quitting and the first screen.

The data belongs to the :class:`~plgcycle.session.Session` the app is given; the
app only hands it to the screens (``screen.session``) and refreshes them when the
session says the records on screen may be stale.  The screens the app can open
from anywhere are listed in :mod:`screens.commands`; starting the app from the
command line is :func:`screens.start.run`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from plgcycle.i18n import N_, _, set_language
from plgcycle.session import FAILED, RELOADED, WRITABLE, Session

from .base import quit_app, translate_bindings
from .commands import command_bindings, open_command, palette_commands
from .notices import Notices
from .palette import open_palette
from .readonly import announce_read_only, announce_writable
from .typing_keys import Typing


class PlgApp(Notices, Typing, App[None]):
    """The teacher's app (and the frame for the facilitator's review screens)."""

    CSS_PATH = "app.tcss"
    TITLE = "plgcycle"
    BINDINGS = [
        # Not a priority binding, so that Home can show the same key in its footer.
        Binding("ctrl+q", "quit", N_("quit"), id="quit", show=False),
        Binding("question_mark", "open('help')", N_("help"), id="help", show=False),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("commands"),
            id="command-palette",
            show=False,
            priority=True,
        ),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        session: Session,
        *,
        lang: str = "nl",
        initial_screen: Callable[[], Screen] | None = None,
    ) -> None:
        self.lang = set_language(lang)
        super().__init__()
        self.session = session
        self.initial_screen = initial_screen
        self.writable_timer: Timer | None = None
        for binding in command_bindings():
            self._bindings._add_binding(binding)
        translate_bindings(self)
        session.on_change(self._session_changed)

    def get_default_screen(self) -> Screen:
        if self.initial_screen is not None:
            return self.initial_screen()
        from .home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        session = self.session
        if (
            self.initial_screen is None
            and session.has_database
            and session.me is None
            and not session.readonly
        ):
            from .firstrun import FirstRunScreen

            self.push_screen(FirstRunScreen())
        if session.has_database and session.readonly:
            # As soon as the other window closes, write again (the review never writes).
            announce_read_only(self, watch=self.initial_screen is None)
        # The first frame may come from the start cache: read everything right after it,
        # then look at the shared folder (the start never waits for either).
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.session.load()
        if self.initial_screen is None and self.session.has_database and not self._exit:
            self.share_sync().run()

    def share_sync(self):
        """The app's link with the shared folder (:class:`screens.sharing.ShareSync`)."""
        sync = getattr(self, "_share_sync", None)
        if sync is None:
            from .sharing import ShareSync

            sync = self._share_sync = ShareSync(self)
        return sync

    def _session_changed(self, reason: str) -> None:
        if reason == FAILED:  # the file changed in a way its identity did not show
            self.exit(return_code=1)
            return
        if reason not in (RELOADED, WRITABLE):
            return  # a save: the screen that saved shows it
        if reason == WRITABLE:
            announce_writable(self)
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()

    # --- commands and keys ------------------------------------------------------------

    def action_open(self, command_id: str) -> None:
        """Open a screen of :mod:`screens.commands` (the palette and the global keys)."""
        open_command(self, command_id)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return palette_commands(self, screen)

    def action_command_palette(self) -> None:
        open_palette(self)

    def _fatal_error(self) -> None:
        """An unexpected error closes the app without Textual's traceback, which would print
        people's records on the terminal; :func:`screens.start.run` reports it in one line
        and keeps the details in a crash log."""
        self.bell()
        self._close_messages_no_wait()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help_quit(self) -> None:
        self.notify(_("Press ctrl+q to quit plgcycle."), title=_("Quit?"))

    async def action_quit(self) -> None:
        """Quit; first ask about every window holding unsaved text (see ``base.quit_app``)."""
        quit_app(self)
