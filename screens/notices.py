"""The app's frame shows people's text literally, and notifications that help, not hide.

Notifications often quote a name, a question or a file name, and titles hold a
name or a class: never read as markup, control characters made visible.  They
never pile up (a newer one with the same title replaces the older, at most a few
at once), are withdrawn when no longer true, and never cover a dialog's buttons.
"""

from __future__ import annotations

import threading

from textual.app import App
from textual.notifications import Notification

from plgcycle.textsafe import printable

from .window import BasicModal


class Notices(App):
    """Mixed into the app before :class:`textual.app.App`."""

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
