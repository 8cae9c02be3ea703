"""A second window on a database another window has open: read-only until that one closes.

The app says so when it starts, asks the session every few seconds whether the
file is free again, and then says that saving works again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plgcycle.i18n import _

if TYPE_CHECKING:
    from .app import PlgApp

CHECK_SECONDS = 3


def announce_read_only(app: PlgApp, *, watch: bool) -> None:
    """Tell the teacher this window only looks; with ``watch``, become writable when free."""
    app.notify(
        _(
            "This database is open in another plgcycle window, so this one "
            "is read-only: you can look, but nothing will be saved."
        ),
        title=_("Read-only"),
        severity="warning",
        timeout=12,
    )
    if watch:
        app.writable_timer = app.set_interval(CHECK_SECONDS, app.session.try_writable)


def announce_writable(app: PlgApp) -> None:
    """The other window closed: stop watching, drop the banners, and say so."""
    if app.writable_timer is not None:
        app.writable_timer.stop()
    for banner in app.query("#readonly-banner"):
        banner.remove()
    app.notify(
        _(
            "The other plgcycle window is closed: you can make changes here "
            "again. Forms opened before this are still read-only; open them "
            "again."
        ),
        title=_("You can save again"),
        timeout=10,
    )
