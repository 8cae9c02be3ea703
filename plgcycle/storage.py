"""Writing the database: a TinyDB storage that writes atomically, while the file is ours.

:class:`AtomicJSONStorage` implements TinyDB's storage interface (``read``,
``write``, ``close``) over data kept in memory; every write replaces the whole
file through :func:`plgcycle.files.atomic_write`, so a crash or a full disk
leaves the old file or the new one, never half of one.  TinyDB itself is
imported only when a file is opened, so a start from the start cache does not
load it before the first frame.

:class:`WriteGuard` is asked before every write whether this process is still
the only writer: its lock file still the one it holds, the database file still
the one it last read or wrote.  When not, it refuses (``DatabaseChanged``)
instead of overwriting another process's work.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from .errors import DatabaseChanged, DatabaseReadOnly, SaveFailed
from .files import atomic_write, describe_os_error
from .i18n import _
from .lock import FileLock


class WriteGuard:
    """Knows the database file as this store last saw it, and whether its lock still holds."""

    def __init__(self, path: Path, lock: FileLock | None):
        self.path = path
        self.lock = lock
        self._on_disk: tuple | None = None  # the file as this store last read or wrote it
        self._lost: str | None = None  # why saving stopped (another writer), once it did

    def _identity(self) -> tuple | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def remember(self) -> None:
        """The file as it is now is the one this store read or wrote."""
        self._on_disk = self._identity()

    def check(self) -> None:
        """Refuse to save when another process may have written since we last did.

        Two signs: our lock file was deleted or replaced (a second writer could then
        lock a new one), or the database file is no longer the one we last read or
        wrote.  A missing file is no sign: saving then only puts the data back.
        """
        if self._lost is None:
            if self.lock is not None and not self.lock.still_held():
                self._lost = _(
                    "Not saved: the lock file {lock} was removed while this window was open, "
                    "so another plgcycle may be writing to {path}. Nothing was overwritten; "
                    "close this window and start plgcycle again."
                ).format(lock=self.lock.path, path=self.path)
            else:
                now = self._identity()
                if now is not None and now != self._on_disk:
                    self._lost = _(
                        "Not saved: {path} was changed by another program while this window "
                        "was open. Nothing was overwritten; close this window and start "
                        "plgcycle again to see the file as it is now."
                    ).format(path=self.path)
        if self._lost is not None:
            raise DatabaseChanged(self._lost)


class AtomicJSONStorage:
    """A TinyDB storage that keeps the data in memory and writes it atomically.

    While ``depth`` is above zero (``Store.batch``) writes are held back and
    ``dirty`` says one is due, so that many changes become one atomic write.
    """

    def __init__(
        self,
        path: Path,
        initial: dict | None,
        readonly: bool = False,
        guard: WriteGuard | None = None,
    ):
        self.path = path
        self.readonly = readonly
        self.guard = guard  # checks, before each write, that the file is still ours
        self._data = initial
        self.depth = 0
        self.dirty = False

    def read(self) -> dict | None:
        return self._data

    def write(self, data: dict) -> None:
        if self.readonly:
            raise DatabaseReadOnly(_("This database is open read-only; nothing was saved."))
        self._data = data
        if self.depth:
            self.dirty = True
        else:
            self.flush()

    def flush(self) -> None:
        if self._data is None:
            return
        if self.guard is not None:
            self.guard.check()
        payload = orjson.dumps(self._data)
        try:
            atomic_write(self.path, payload)
        except OSError as exc:
            raise SaveFailed(
                _("Not saved: {reason} ({path}). Your previous data is intact.").format(
                    reason=describe_os_error(exc), path=self.path
                )
            ) from exc
        self.dirty = False
        if self.guard is not None:
            self.guard.remember()

    def close(self) -> None:
        """Nothing to release: every write is complete when it returns."""


def open_tinydb(storage: AtomicJSONStorage):
    """A TinyDB over ``storage`` (TinyDB is imported here, when a file is opened)."""
    from tinydb import TinyDB

    return TinyDB(storage=lambda: storage)
