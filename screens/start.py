"""Starting the app from the command line: the teacher's app, the review and the agenda.

The only module the command line (:mod:`plgcycle.cli`) imports from ``screens``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from plgcycle import review as rv
from plgcycle.agenda import Agenda
from plgcycle.clock import today_override
from plgcycle.i18n import detect_language, set_language
from plgcycle.model import Record
from plgcycle.session import Session

from .agenda import AgendaOutcome, AgendaScreen
from .app import PlgApp
from .review import ReviewScreen


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
        from .sharing import write_on_close

        write_on_close(session)  # the last changes, when a timer had not written them yet
    finally:
        session.close(after_error=failed)


def run_review(
    records: Sequence[Record],
    *,
    lang: str,
    today: date | None,
    files: Sequence[rv.SourceFile] = (),
    rule: rv.StalledRule | None = None,
    data: rv.ReviewData | None = None,
    keys_db: Path | None = None,
) -> None:
    """Open the app in read-only review mode over ``records`` (no database is opened).

    ``data`` (from :func:`plgcycle.review.load_exports`) carries what the trust rules
    said of the files; without it the records are reviewed as they are.  ``keys_db``:
    the database that keeps confirmed check codes (written only when one is confirmed).
    """
    data = data or rv.ReviewData(list(records), list(files))
    PlgApp(
        Session(None, today=today, keys_db=keys_db),
        lang=lang,
        initial_screen=lambda: ReviewScreen(data, rule=rule),
    ).run()


def run_agenda(
    agenda: Agenda,
    *,
    lang: str,
    today: date | None,
    path: Path | None = None,
    notices: Sequence[str] = (),
) -> AgendaOutcome:
    """Open the app on the agenda (no database is opened); say how it was left.

    ``notices``: the remarks about the files the agenda was proposed from.
    """
    screen = AgendaScreen(agenda, path, notices)
    PlgApp(Session(None, today=today), lang=lang, initial_screen=lambda: screen).run()
    return AgendaOutcome(
        screen.agenda,
        screen.saved_to,
        screen.has_unsaved() and not screen.discarded,
        screen.discarded,
    )
