"""Starting the teacher's app: ``plgcycle`` without a command (see :mod:`plgcycle.cli`)."""

from __future__ import annotations

import os

from plgcycle.clock import today_override
from plgcycle.i18n import detect_language, set_language
from plgcycle.session import Session

from .app import PlgApp


def run(db_path: str | os.PathLike | None = None, lang: str | None = None) -> None:
    """Open the database and run the app until the teacher quits.

    A database that cannot be opened raises its PlgError before any screen; one
    that could not be read after the first frame raises it after the app closed.
    """
    lang = set_language(lang or detect_language(None))
    session = Session.open(db_path, today=today_override())
    failed = True
    try:
        app = PlgApp(session, lang=lang)
        app.run()
        if session.load_error is not None:
            raise session.load_error
        if app._exception is not None:  # see PlgApp._fatal_error
            raise app._exception
        failed = False
    finally:
        session.close(after_error=failed)
