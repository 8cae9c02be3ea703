"""Keeping the shared folder and the database in step while the app runs.

:class:`ShareSync` belongs to the app and is made after the first frame, so a start
never waits for the folder.  A sync looks at the folder off the UI thread (only files
that changed are parsed, see :mod:`plgcycle.sharefolder`), takes in colleagues' work
through the session (every screen then refreshes), and writes the teacher's own file,
again off the UI thread.  It runs

* once at the start, right after the whole database is read;
* when the teacher asks (``s`` on Home, the command palette);
* after the teacher saves something, a moment later, to write the own file only.

When the own file would hold something new (a first try-out), it is not written until
the teacher agrees in :class:`~screens.dialogs.share.ShareMoreDialog`: asked at once
when the teacher started the sync or the app, else with a notification.
:func:`write_on_close` writes the own file one last time when the app closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from plgcycle.errors import PlgError
from plgcycle.i18n import _
from plgcycle.session import SAVED, Session
from plgcycle.signing import controlecode
from plgcycle.textsafe import printable

WRITE_DELAY = 2.0  # seconds after a save before the own file is written


class ShareSync:
    """The app's link with the shared folder (one per app)."""

    def __init__(self, app) -> None:
        self.app = app
        self.session: Session = app.session
        self.busy = False
        self.again: tuple[bool, bool] | None = None  # (read, asked) of a sync asked meanwhile
        self.status = ""  # one line for Home: the folder and when it was last in step
        self.held: list[str] = []  # what the own file would newly hold, waiting for a yes
        self.finished: Callable[[], None] | None = None  # called after every sync (tests, bench)
        self._timer = None
        self._announced: list[str] = []  # the last "would now also hold" notification
        self._declined: list[str] = []  # what the teacher said "not now" to
        self.keys_waiting: list[tuple[str, str, str]] = []  # (person, name, new key) to accept
        self._first = ""  # a line to say before the next sync's news
        self.session.on_change(self._changed)

    # --- starting -----------------------------------------------------------------------

    def _changed(self, reason: str) -> None:
        if reason != SAVED or self.session.share_config() is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(WRITE_DELAY, lambda: self.run(read=False))

    def run(self, *, read: bool = True, asked: bool = False) -> None:
        """Look at the folder (``read``) and write the own file; ``asked``: the teacher asked."""
        session = self.session
        config = session.share_config() if session.can_edit else None
        if config is None:
            if asked:
                self.app.notify(
                    _("No shared folder yet: set it under My details (p on Home, then ctrl+g).")
                    if session.can_edit
                    else _("This window is read-only: the other plgcycle window shares."),
                    title=_("Shared folder"),
                    severity="warning",
                    timeout=8,
                )
            self._done()
            return
        if self.busy:
            before = self.again or (False, False)
            self.again = (read or before[0], asked or before[1])
            return
        self.busy = True
        sync = session.share_sync(config)
        self.app.run_worker(
            lambda: self._look(sync, read, asked), thread=True, group="share", exit_on_error=False
        )

    def stopped(self) -> None:
        """Sharing was switched off: nothing to show on Home any more."""
        self.status, self.held = "", []
        self._show_status()

    # --- off the UI thread --------------------------------------------------------------

    def _look(self, sync, read: bool, asked: bool) -> None:
        try:
            sync.look(read)
        except PlgError as error:
            self.app.call_from_thread(self._failed, sync.config, error)
            return
        self.app.call_from_thread(self._looked, sync, asked)

    def _write(self, sync) -> None:
        try:
            sync.write()
        except PlgError as error:
            self.app.call_from_thread(self._failed, sync.config, error)
            return
        self.app.call_from_thread(self._finish, sync.config)

    # --- back on the UI thread ----------------------------------------------------------

    def _looked(self, sync, asked: bool) -> None:
        session = self.session
        scan = sync.scan
        try:
            session.share_take_in(sync)
        except PlgError as error:
            self._failed(sync.config, error)
            return
        lines = []
        if scan is not None:
            self.keys_waiting = _keys_waiting(sync.plan)
            news = sync.news()
            lines = ([news] if news else []) + scan.notices + sync.warnings()
            if self.keys_waiting and session.can_edit:
                lines.append(_accept_hint())
            if self._first:
                lines.insert(0, self._first)
                self._first = ""
            if asked and not lines:
                lines = [_("Nothing new from colleagues.")]
        if lines:
            warn = scan is not None and bool(scan.notices or sync.warnings())
            self.app.notify(
                "\n".join(lines),
                title=_("Shared folder"),
                severity="warning" if warn else "information",
                timeout=12 if warn else 6,
            )
        self.held = new = sync.prepare(session.shared_records())
        if new:
            self._ask(sync, asked)
            sync.own = None  # not written: what was read is still kept
        self.app.run_worker(
            lambda: self._write(sync), thread=True, group="share", exit_on_error=False
        )

    def _ask(self, sync, asked: bool) -> None:
        from .dialogs.share import ShareMoreDialog
        from .home import HomeScreen

        new = sync.new
        if not asked and new == self._declined:
            return  # "not now" was the answer to exactly this; Home's line still says it
        if not (asked or isinstance(self.app.screen, HomeScreen)):
            if self._announced == new:
                return  # said already; Home's line says it too
            self._announced = list(new)
            self.app.notify(
                _(
                    "Your file in the shared folder would now also hold: {list}. It is not "
                    "updated until you agree: press s on Home."
                ).format(list=", ".join(new)),
                title=_("Shared folder"),
                timeout=12,
            )
            return

        if any(isinstance(screen, ShareMoreDialog) for screen in self.app.screen_stack):
            return  # the question is on screen already

        def answered(yes: bool | None) -> None:
            self._announced = []
            self._declined = [] if yes else list(new)
            if yes:
                self.held = []
                self.run(read=False, asked=True)
            else:
                self.app.notify(
                    _(
                        "Your file in the shared folder was not updated; press s on Home "
                        "when you want to share it."
                    ),
                    title=_("Shared folder"),
                    timeout=8,
                )

        self.app.push_screen(ShareMoreDialog(sync.own, new, sync.config), answered)

    def accept_key(self) -> None:
        """Ask about the first new key the folder brings: on a yes it counts from now on
        (and is confirmed), and the folder is read again, so that colleague's work comes in."""
        from .dialogs.confirm import accept_key_question

        if not self.keys_waiting:
            self.app.notify(
                _("No new key is waiting to be accepted."), title=_("Shared folder"), markup=False
            )
            return
        person, name, key = self.keys_waiting[0]

        def answered(accept: bool | None) -> None:
            if not accept:
                return
            try:
                self.session.remember_confirmed(person, key, accept=True)
            except PlgError as error:
                self.app.notify(str(error), severity="error", timeout=10, markup=False)
                return
            self.keys_waiting = [w for w in self.keys_waiting if w[0] != person]
            self._first = _("Confirmed: the key of {name} (check code {code}).").format(
                name=printable(name, single_line=True), code=controlecode(key)
            )  # said with what the folder then brings, in one notification
            self.run(asked=True)

        self.app.push_screen(accept_key_question(name, key), answered)

    def _failed(self, config, error: PlgError) -> None:
        self.status = _("Shared folder {folder}: not in step · s: try again").format(
            folder=_shown(config.folder)
        )
        self.app.notify(str(error), title=_("Shared folder"), severity="error", timeout=12)
        self._done()

    def _finish(self, config) -> None:
        moment = datetime.now().strftime("%H:%M")
        if self.held:
            self.status = _(
                "Shared folder {folder} · your file waits for your OK · s: see what is new"
            ).format(folder=_shown(config.folder))
        else:
            self.status = _("Shared folder {folder} · in step at {time} · s: sync now").format(
                folder=_shown(config.folder), time=moment
            )
        self._done()

    def _show_status(self) -> None:
        for screen in self.app.screen_stack:
            shown = getattr(screen, "share_status_changed", None)
            if callable(shown):
                shown()

    def _done(self) -> None:
        self.busy = False
        self._show_status()
        again, self.again = self.again, None
        if again is not None:
            self.run(read=again[0], asked=again[1])
            return
        if self.finished is not None:
            self.finished()


def _accept_hint() -> str:
    return _(
        "After comparing the check code, accept the new key: ctrl+p, then "
        "\u201cAccept a colleague's new key\u201d."
    )


def _keys_waiting(plan) -> list[tuple[str, str, str]]:
    """(person, name, key) for every new key a look at the folder found waiting."""
    if plan is None or plan.trust is None:
        return []
    return [
        (notice.person, plan.names.get(notice.person) or _("unknown colleague"), key)
        for notice in plan.trust.notices
        for key in notice.offered
    ]


def _shown(folder) -> str:
    from .exchange import display_path

    return display_path(folder)


def write_on_close(session: Session) -> None:
    """Write the own file one last time as the app closes (when the teacher agreed to all
    it holds); a folder that cannot be reached is left for the next start."""
    try:
        config = session.share_config() if session.can_edit else None
        if config is None:
            return
        sync = session.share_sync(config)
        sync.look(read=False)
        if not sync.prepare(session.shared_records()):
            sync.write()
    except (PlgError, OSError):
        pass
