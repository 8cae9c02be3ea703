"""The plgcycle app: global keys, notifications, the title, quitting and the first screen.

The data belongs to the :class:`~plgcycle.session.Session` the app is given; the
app only hands it to the screens (``screen.session``) and refreshes them when the
session says the records on screen may be stale.  The screens the app can open
from anywhere are listed in :mod:`screens.commands`; starting the app from the
command line is :func:`screens.start.run`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import cache

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notification
from textual.screen import Screen
from textual.widgets import Input, TextArea

from plgcycle.i18n import N_, _, ngettext, set_language
from plgcycle.session import FAILED, RELOADED, WRITABLE, Session
from plgcycle.textsafe import printable

from .base import quit_app, translate_bindings
from .commands import COMMANDS_BY_ID, SCREEN_COMMANDS, palette_commands
from .window import BasicModal


class PlgApp(App[None]):
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
        # In a text area, as in every editor: the start and the end of its text (pressed
        # again there, and elsewhere, these keys go on to the screen: its top or end).
        Binding("ctrl+home", "text_edge(-1)", N_("start of the text"), show=False, priority=True),
        Binding("ctrl+end", "text_edge(1)", N_("end of the text"), show=False, priority=True),
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
        for command in SCREEN_COMMANDS:
            if command.key:
                self._bindings._add_binding(
                    Binding(
                        command.key,
                        f"open({command.id!r})",
                        command.key_description or command.title,
                        show=command.in_footer,
                        id=f"command-{command.id}",
                    )
                )
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
            self.notify(
                _(
                    "This database is open in another plgcycle window, so this one "
                    "is read-only: you can look, but nothing will be saved."
                ),
                title=_("Read-only"),
                severity="warning",
                timeout=12,
            )
            if self.initial_screen is None:  # as soon as the other window closes, write again
                self._writable_timer = self.set_interval(3, session.try_writable)
        # The first frame may come from the start cache: read everything right after it.
        self.call_after_refresh(session.load)

    def _session_changed(self, reason: str) -> None:
        if reason == FAILED:  # the file changed in a way its identity did not show
            self.exit(return_code=1)
            return
        if reason not in (RELOADED, WRITABLE):
            return  # a save: the screen that saved shows it
        if reason == WRITABLE:
            self._writable_timer.stop()
            for banner in self.query("#readonly-banner"):
                banner.remove()
            self.notify(
                _(
                    "The other plgcycle window is closed: you can make changes here "
                    "again. Forms opened before this are still read-only; open them "
                    "again."
                ),
                title=_("You can save again"),
                timeout=10,
            )
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()

    # --- notifications ----------------------------------------------------------------

    #: At most this many notifications at once; a newer one pushes the oldest out.
    MAX_NOTIFICATIONS = 2

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification: always literal (they often quote people's text or file names),
        never piling up, and never over a dialog's buttons.

        A notification replaces an earlier one with the same title ("Not saved" twice
        shows once, the newest), and at most :attr:`MAX_NOTIFICATIONS` show at once.
        On this thread it is shown at once, so that a dialog opened right after it
        (which withdraws what was shown before: the dialog says what matters now) is
        not covered by it; from another thread it goes through Textual's message.
        """
        message, title = printable(message), printable(title)
        if threading.get_ident() != self._thread_id:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
            return
        earlier = list(self._notifications)
        kept = [n for n in earlier if n.title != title or not title]
        kept = kept[max(len(kept) - self.MAX_NOTIFICATIONS + 1, 0) :]
        for old in earlier:
            if old not in kept:
                self._unnotify(old, refresh=False)
        notification = Notification(
            message,
            title,
            severity,
            self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
            markup=False,
        )
        self._notifications.add(notification)
        self._refresh_notifications()

    def withdraw_notifications(self, title: str | None = None, *, since: float = 0) -> None:
        """Take back notifications that are no longer true: those with ``title`` (a save
        succeeded: "Not saved" is stale), or the problems raised ``since`` a moment (a
        dialog that closed: what was wrong in it is gone with it)."""
        stale = [
            n
            for n in self._notifications
            if (n.title == printable(title) if title is not None else True)
            and n.raised_at >= since
            and (title is not None or n.severity != "information")
        ]
        for notification in stale:
            self._unnotify(notification, refresh=False)
        if stale:
            self._refresh_notifications()

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        """A dialog starts without the notifications of the screen beneath it: they would cover
        its buttons, and the dialog says what matters now."""
        if isinstance(screen, BasicModal) and len(self._notifications):
            self.clear_notifications()
        return super().push_screen(screen, *args, **kwargs)

    def format_title(self, title: str, sub_title: str):
        """Titles often hold people's text (a name, a class): control characters made visible."""
        return super().format_title(
            printable(title, single_line=True), printable(sub_title, single_line=True)
        )

    # --- commands and keys ------------------------------------------------------------

    def action_open(self, command_id: str) -> None:
        """Open a screen of :mod:`screens.commands` (the palette and the global keys)."""
        command = COMMANDS_BY_ID[command_id]
        if command.needs_teacher and self.session.has_database and self.session.me is None:
            # Before the welcome screen has made the teacher's profile there is nobody
            # to import for, export or plan as.
            self.notify(
                _("First fill in your name on the welcome screen; then you can do this."),
                title=_("Not yet"),
                severity="warning",
                timeout=8,
            )
            return
        command.open(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return palette_commands(self, screen)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette  # only when used: it is slow to import

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                _palette_class()(id="--command-palette", placeholder=_("Search for a command…"))
            )

    def _fatal_error(self) -> None:
        """An unexpected error closes the app without Textual's traceback, which would print
        people's records on the terminal; :func:`screens.start.run` reports it in one line
        and keeps the details in a crash log."""
        self.bell()
        self._close_messages_no_wait()

    # --- typing ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "text_edge":
            # Once the cursor is at that end of the text, the key goes on to the screen.
            area = self.focused
            if not isinstance(area, TextArea):
                return False
            edge = area.document.end if int(parameters[0]) > 0 else (0, 0)
            return area.cursor_location != edge
        return True

    def action_text_edge(self, delta: int) -> None:
        area = self.focused
        if isinstance(area, TextArea):
            area.move_cursor(area.document.end if delta > 0 else (0, 0))

    async def on_event(self, event: events.Event) -> None:
        """A text of several lines pasted into a one-line field is kept whole, on one line
        (Textual keeps only its first line), and the teacher is told."""
        if (
            isinstance(event, events.Paste)
            and not event.is_forwarded
            and isinstance(self.focused, Input)
            and len(lines := [line.strip() for line in event.text.splitlines()]) > 1
        ):
            kept = [line for line in lines if line]
            event = events.Paste(" ".join(kept))
            self.notify(
                ngettext(
                    "The pasted text had {n} line; this field holds one.",
                    "The pasted text had {n} lines; they are joined into one line here.",
                    len(kept),
                ).format(n=len(kept)),
                title=_("Pasted on one line"),
                timeout=6,
            )
        await super().on_event(event)

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help_quit(self) -> None:
        self.notify(_("Press ctrl+q to quit plgcycle."), title=_("Quit?"))

    async def action_quit(self) -> None:
        """Quit; first ask about every window holding unsaved text (see ``base.quit_app``)."""
        quit_app(self)


@cache
def _palette_class():
    """Textual's command palette, saying "no matches" in the user's language.

    Made on first use (the palette is slow to import), and kept out of the module's
    names: it is Textual's window, not one of plgcycle's.
    """
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class Palette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            # Textual's own, but for the one text it writes in English.
            self._stop_no_matches_countdown()

            def show_no_matches() -> None:
                if search_value:
                    self.query_one(CommandList).add_option(
                        Option(
                            Align.center(Text(_("No matches found"), style="not bold")),
                            disabled=True,
                            id=self._NO_MATCHES,
                        )
                    )
                    self._list_visible = True
                else:
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    return Palette
