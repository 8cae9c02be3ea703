"""Errors a user can meet, each with one readable, translated line.

The CLI prints ``str(error)`` and exits with ``error.exit_code``; the TUI shows
it as a notification.  Nothing here carries a traceback to the user.

Messages name files, folders and people, and those names come from people:
every message passes through :func:`plgcycle.textsafe.printable` here, once,
so that a folder called ``ESC]2;...BEL`` is shown as ``\x1b]2;...\x07`` and
never retitles or clears the terminal, whoever built the message.
"""

from __future__ import annotations

from .textsafe import printable


class PlgError(Exception):
    """Base class: the message is already translated when the error is raised."""

    exit_code = 1

    def __init__(self, message: str):
        message = printable(message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class StoreError(PlgError):
    """Something about the database file stops us from reading or writing it."""


class DatabaseCorrupt(StoreError):
    exit_code = 3

    def __init__(self, message: str, path: str, backup: str | None = None):
        super().__init__(message)
        self.path = path
        self.backup = backup


class DatabaseTooNew(StoreError):
    exit_code = 3


class DatabaseLocked(StoreError):
    exit_code = 4


class DatabaseReadOnly(StoreError):
    """The store was opened for reading only (for example by a second instance)."""

    exit_code = 4


class SaveFailed(StoreError):
    """Writing failed (disk full, no permission); the previous data is intact."""

    exit_code = 5


class DatabaseChanged(SaveFailed):
    """Another process wrote the database (or removed its lock) while this store had it open.

    The store stops saving for good: saving would overwrite that other work.
    """

    exit_code = 4


class InvalidInput(PlgError):
    """A value given by the user is not acceptable."""

    exit_code = 2


class ExchangeError(PlgError):
    """An export or import file could not be used; nothing was changed."""

    exit_code = 6
