"""The plgcycle app: opens the first screen, holds the store, offers global keys and commands.

Kept small on purpose: every screen lives in its own module and reaches the data
through the three helpers here (:meth:`PlgApp.index`, :meth:`PlgApp.save_records`,
:attr:`PlgApp.me`).  Screens other modules add are wired in through
:data:`SCREEN_COMMANDS` (one entry each), which feeds both the command palette
and optional global keys.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from plgcycle.cycle import RecordIndex
from plgcycle.errors import DatabaseLocked, InvalidInput, PlgError
from plgcycle.i18n import N_, _, detect_language, set_language
from plgcycle.model import Record
from plgcycle.startcache import (
    StartCache,
    cache_path,
    file_identity,
    read_start_cache,
    write_start_cache,
)
from plgcycle.gctools import gc_paused
from plgcycle.dbfile import resolve_path
from plgcycle.migrations import SCHEMA_VERSION
from plgcycle.store import Store
from plgcycle.textsafe import printable

from .base import translate_bindings


# ==========================================================================================
# Screen-opening commands: ONE ENTRY PER SCREEN.
#
# Each entry appears in the command palette (ctrl+p) and, when it has a ``key``, as a
# global key shown on the help screen.  ``target`` is "module:attribute" and is imported
# only when the command is used, so a screen costs nothing at start-up.  The attribute
# is either a Screen class (instantiated without arguments and pushed) or a callable
# ``open(app)`` that does the opening itself (for screens that need arguments or
# return a result).  ``needs_store=False`` keeps a command available in the
# facilitator's read-only review mode, where ``app.store`` is None.
#
# To wire in a screen built elsewhere, add a line such as:
#   ScreenCommand(N_("Import a colleague's export"), N_("Read a .plgcycle.json file"),
#                 "screens.exchange:ImportScreen", key="i"),
#   ScreenCommand(N_("Export my work"), N_("Write a file to share"),
#                 "screens.dialogs.export:open_export", key="x"),
#   ScreenCommand(N_("Review the PLG"), N_("Who is where in the cycle"),
#                 "screens.review:ReviewScreen", needs_store=False),
#   ScreenCommand(N_("Prepare the meeting"), N_("Agenda for the next meeting"),
#                 "screens.agenda:AgendaScreen", needs_store=False),
# ==========================================================================================


@dataclass(frozen=True)
class ScreenCommand:
    title: str  # message id, shown in the command palette and on the help screen
    help: str  # message id, one line under the title in the palette
    target: str  # "module:attribute"
    key: str | None = None  # optional global key (avoid letters used by screens)
    key_description: str = ""  # message id: when given, the key shows in every footer
    needs_store: bool = True


SCREEN_COMMANDS: list[ScreenCommand] = [
    ScreenCommand(N_("Help: all keys"), N_("What every key does, screen by screen"),
                  "screens.help:HelpScreen", key="f1", key_description=N_("help"),
                  needs_store=False),
    ScreenCommand(N_("My details"), N_("Name, school, subject, PLG and the next meeting"),
                  "screens.profile:ProfileScreen"),
    ScreenCommand(N_("New learning question"), N_("Formulate a question about your own teaching"),
                  "screens.question:open_new_question"),
    ScreenCommand(N_("New action before the next meeting"),
                  N_("What will I do before the next meeting?"), "screens.action:open_new_action"),
    ScreenCommand(N_("Import colleagues' work"),
                  N_("Read *.plgcycle.json files; see what changes first"),
                  "screens.exchange:ImportScreen", key="i"),
    ScreenCommand(N_("Share my work"), N_("Export to a file after a preview"),
                  "screens.dialogs.export:open_export", key="x"),
    ScreenCommand(N_("Review the PLG"),
                  N_("Who is where in the cycle, over everything imported (read-only)"),
                  "screens.review:open_review"),
    ScreenCommand(N_("Prepare the meeting"), N_("A proposed agenda for the next meeting"),
                  "screens.agenda:open_agenda"),
]

# ==========================================================================================


def load_target(target: str):
    module_name, _sep, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


class PlgApp(App[None]):
    """The teacher's app (and the frame for the facilitator's review screens)."""

    CSS_PATH = "app.tcss"
    TITLE = "plgcycle"
    BINDINGS = [
        # Not a priority binding, so that Home can show the same key in its footer.
        Binding("ctrl+q", "quit", N_("quit"), id="quit", show=False),
        Binding("question_mark", "open_target('screens.help:HelpScreen')", N_("help"),
                id="help", show=False),
        Binding("ctrl+p", "command_palette", N_("commands"), id="command-palette",
                show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        store: Store | None,
        *,
        lang: str = "nl",
        today: date | None = None,
        initial_screen: Callable[[], Screen] | None = None,
        start: StartCache | None = None,
    ) -> None:
        self.lang = set_language(lang)
        super().__init__()
        self.store = store
        # Home's first frame may come from the start cache while the store has not
        # read its file yet (see plgcycle.startcache); everything else reads the store.
        self._start = start if store is not None and not store.loaded else None
        self._start_identity = self._start.identity if self._start is not None else None
        self._from_start = False
        self.load_error: PlgError | None = None
        self.today = today or date.today()
        self.initial_screen = initial_screen
        self._records: dict[str, Record] | None = None
        self._index: RecordIndex | None = None
        self._index_key: tuple | None = None
        self._version = 0
        for command in SCREEN_COMMANDS:
            if command.key:
                self._bindings._add_binding(Binding(
                    command.key, f"open_target({command.target!r})",
                    command.key_description or command.title, show=bool(command.key_description)))
        translate_bindings(self)

    # --- the first screen ---------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self.initial_screen is not None:
            return self.initial_screen()
        from .home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.initial_screen is None and self.store is not None and self.me is None \
                and not self.store.readonly:
            from .firstrun import FirstRunScreen

            self.push_screen(FirstRunScreen())
        if self.store is not None and self.store.readonly and self.initial_screen is None:
            # As soon as the other window closes, this one can write again.
            self._writable_timer = self.set_interval(3, self._try_writable)
        if self.store is not None and self.store.readonly:
            self.notify(_("This database is open in another plgcycle window, so this one "
                          "is read-only: you can look, but nothing will be saved."),
                        title=_("Read-only"), severity="warning", timeout=12)

    def _try_writable(self) -> None:
        """Reopen the database for writing once the other window has let go of it."""
        try:
            writable = Store(self.store.path, clock=self.store.clock)
        except PlgError:
            return
        self._writable_timer.stop()
        old, self.store = self.store, writable
        old.close()
        self._records = None
        for banner in self.query("#readonly-banner"):
            banner.remove()
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()
        self.notify(_("The other plgcycle window is closed: you can make changes here again. "
                      "Forms opened before this are still read-only; open them again."),
                    title=_("You can save again"), timeout=10)

    # --- data ---------------------------------------------------------------------------

    @property
    def can_edit(self) -> bool:
        """Whether the local teacher can change anything (a store, writable, a teacher)."""
        return self.store is not None and not self.store.readonly and self.me is not None

    @property
    def me(self) -> str | None:
        if self.store is None:
            return None
        if self._start is not None and not self.store.loaded:
            return self._start.me
        return self.store.me

    def me_record(self) -> Record | None:
        return self.index().persons.get(self.me or "")

    def _file_key(self) -> tuple | None:
        # Every write replaces the file, so its identity changes; that also catches
        # writes made by other screens straight through the store (an import).
        try:
            stat = os.stat(self.store.path)
        except (OSError, AttributeError):
            return None
        return (id(self.store), stat.st_ino, stat.st_mtime_ns, stat.st_size)

    @property
    def data_version(self) -> int:
        """Rises whenever the records change; screens compare it to skip needless refreshes."""
        if self.store is not None and not self.store.loaded:
            return self._version  # nothing changed since the start cache was written
        self.index()
        return self._version

    def index(self, *, first_screen: bool = False) -> RecordIndex:
        """All records, grouped; read from the store only when the file changed.

        ``first_screen=True`` (Home's first drawing only) accepts the records of
        the start cache while the store has not read its file yet.
        """
        if self.store is None:
            return RecordIndex(())
        if not self.store.loaded:
            if first_screen and self._start is not None:
                if self._index is None:
                    self._index = RecordIndex(self._start.records)
                    self._index_key = self._file_key()
                    self._from_start = True
                    self._version += 1
                return self._index
            self.finish_loading()
            if not self.store.loaded:  # the file could not be read: the app is closing
                return self._index or RecordIndex(())
        key = self._file_key()
        if self._records is None or key != self._index_key:
            # Shared with the store, not copied: screens copy a record before changing it.
            self._records = {r.id: r for r in self.store.shared_records()}
            self._index = RecordIndex(self._records.values())
            if not (self._from_start and key == self._index_key):
                self._version += 1  # (the start cache showed exactly this file)
            self._index_key = key
            self._from_start = False
        return self._index

    def finish_loading(self) -> None:
        """Read the whole database (after a first frame drawn from the start cache)."""
        if self.store is None or self.store.loaded:
            return
        start = self._start
        try:
            # What is read lives as long as the app: out of the collector's rounds.
            with gc_paused(freeze=True):
                self.store.load()
                self.index()
        except PlgError as error:
            # Only when the file changed in a way its identity does not show: stop,
            # and let the command line report it as it does before any screen.
            self.load_error = error
            self.exit(return_code=1)
            return
        if start is not None and not self._start_matches(start):
            self.forget_start()
            self._version += 1  # what Home shows came from a cache that was wrong
            for screen in self.screen_stack:
                refresh = getattr(screen, "refresh_data", None)
                if callable(refresh):
                    refresh()

    def _start_matches(self, start: StartCache) -> bool:
        """Whether the start cache holds exactly what the whole file gives Home."""
        from plgcycle.cycle import colleague_rounds, first_screen_records

        index, me = self.index(), self.store.me
        expected = first_screen_records(index, me)
        return (start.me == me and start.colleague_questions == len(colleague_rounds(index, me))
                and [r.to_dict() for r in expected] == [r.to_dict() for r in start.records])

    def forget_start(self) -> None:
        """Stop using the start cache (it is replaced when the app closes)."""
        if self._start is None:
            return
        self._start = None
        self._start_identity = None
        if self._from_start:
            self._index, self._records, self._from_start = None, None, False
        try:
            os.remove(cache_path(self.store.path))
        except OSError:
            pass

    @property
    def using_start_cache(self) -> bool:
        """Whether the index Home shows still comes from the start cache."""
        return self._from_start

    def colleague_questions(self, shown: Sequence[Record]) -> int:
        """How many colleagues' questions there are (Home lists some of them)."""
        return self._start.colleague_questions if self._from_start else len(shown)

    def save_start_cache(self) -> None:
        """Remember what Home needs for a quick next start (when the database changed)."""
        store = self.store
        if store is None or store.readonly or not store.loaded or self.load_error is not None:
            return
        identity = file_identity(store.path)
        if identity is None or identity == self._start_identity:
            return  # no database, or the cache read at start still matches it
        from plgcycle.cycle import colleague_rounds, first_screen_records

        index = self.index()
        if self._index_key is None or list(self._index_key[1:]) != identity:
            return
        me = self.me
        write_start_cache(store.path, SCHEMA_VERSION, identity, me,
                          first_screen_records(index, me), len(colleague_rounds(index, me)))

    def data_changed(self) -> None:
        """Call after writing to the store without :meth:`save_records` (forces a re-read)."""
        self._records = None

    def save_records(self, records: Sequence[Record] | Iterable[Record]) -> list[Record] | None:
        """Save the local teacher's records in one write; None (and a notification) on failure."""
        records = list(records)
        try:
            if self.store is None:
                raise InvalidInput(_("There is no database to save in."))
            self.index()  # the cache must match the file before it is updated below
            saved = self.store.save_many(records)
        except PlgError as error:
            self._records = None  # the store reloaded the intact file; so do we
            self.notify(str(error), title=_("Not saved"), severity="error", timeout=10)
            return None
        # Update the cache with what was written instead of reading everything again.
        for record in saved:
            self._records[record.id] = record.copy()
        self._index = RecordIndex(self._records.values())
        self._index_key = self._file_key()
        self._version += 1
        return saved

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications are always literal: they often quote people's text or file names."""
        super().notify(printable(message), title=printable(title), severity=severity,
                       timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str):
        """Titles often hold people's text (a name, a class): control characters made visible."""
        return super().format_title(printable(title, single_line=True),
                                    printable(sub_title, single_line=True))

    # --- commands and keys ------------------------------------------------------------

    def action_open_target(self, target: str) -> None:
        command = next((c for c in SCREEN_COMMANDS if c.target == target), None)
        if command is not None and command.needs_store and self.store is not None \
                and self.me is None:
            # The same rule as the command palette: before the welcome screen has made
            # the teacher's profile there is nobody to import for, export or plan as.
            self.notify(_("First fill in your name on the welcome screen; then you can do "
                          "this."), title=_("Not yet"), severity="warning", timeout=8)
            return
        opened = load_target(target)
        if isinstance(opened, type) and issubclass(opened, Screen):
            if isinstance(self.screen, opened):
                return
            self.push_screen(opened())
        else:
            opened(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in SCREEN_COMMANDS:
            if command.needs_store and self.store is None:
                continue
            if command.needs_store and self.me is None:
                continue
            yield SystemCommand(_(command.title), _(command.help),
                                lambda target=command.target: self.action_open_target(target))
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            for title, help_text, callback in extra():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand(_("Light or dark colours"), _("Switch between a light and a dark theme"),
                            self.action_toggle_dark)
        yield SystemCommand(_("Screenshot"), _("Save an SVG picture of this screen in the "
                                               "current folder"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        yield SystemCommand(_("Quit"), _("Close plgcycle (your work is saved)"), self.action_quit)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette  # only when used: it is slow to import

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=_("Search for a command…")))

    def _fatal_error(self) -> None:
        """An unexpected error closes the app without Textual's traceback, which would print
        people's records on the terminal; :func:`run` reports it in one line and keeps the
        details in a crash log."""
        self.bell()
        self._close_messages_no_wait()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help_quit(self) -> None:
        self.notify(_("Press ctrl+q to quit plgcycle."), title=_("Quit?"))

    async def action_quit(self) -> None:
        """Quit; first ask about every window holding unsaved text (see ``base.quit_app``)."""
        from .base import quit_app

        quit_app(self)


def today_from_env() -> date | None:
    from plgcycle.clock import today_override

    return today_override()


def open_store(db_path=None) -> Store:
    """The store for the app: read-only when another window holds the lock.

    A damaged or too-new database raises its :class:`PlgError` before any UI starts.
    """
    return open_quickly(db_path, use_cache=False)[0]


def open_quickly(db_path=None, *, use_cache: bool = True) -> tuple[Store, StartCache | None]:
    """The store, and the start cache when it matches the file (then the file is read later).

    Read-only windows (another window holds the lock) always read the file at once.
    """
    path = resolve_path(db_path)
    start = read_start_cache(path, SCHEMA_VERSION) if use_cache else None
    # What is loaded by now (modules, and the records when they were read) lives as long
    # as the app: keep it out of the garbage collector's rounds (on a large database
    # those rounds cost a tenth of the start-up).
    with gc_paused(freeze=True):
        try:
            store = Store(path, defer_read=start is not None)
        except DatabaseLocked:
            store, start = Store(path, readonly=True), None
    return store, start


def run(db_path=None, lang: str | None = None) -> None:
    """Start the app (``plgcycle`` without a subcommand)."""
    lang = set_language(lang or detect_language(None))
    today = today_from_env()
    store, start = open_quickly(db_path)
    try:
        app = PlgApp(store, lang=lang, today=today, start=start)
        app.run()
        if app.load_error is not None:
            raise app.load_error
        if app._exception is not None:  # see PlgApp._fatal_error
            raise app._exception
        app.save_start_cache()
    finally:
        store.close()
