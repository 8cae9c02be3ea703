"""The single-writer lock: an operating-system lock on ``<db>.lock``.

``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows.  The operating
system drops the lock when the process that held it ends, however it ends, so a
crash never leaves a stale lock that blocks the next start.

The lock file is derived from the database's real path (symlinks resolved, see
``Store``), so every path that leads to one file meets one lock.  A lock file
that is deleted or replaced while it is held no longer protects anything: a
second process would create a new file and lock that.  :meth:`FileLock.still_held`
notices, and the store then refuses to save (see docs/reliability.md).

Why not the filelock package (used before): importing it cost about 5% of the
app's whole start-up (it loads hashlib, secrets, decimal and inspect), for the
two system calls below.  See docs/design.md.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from .errors import DatabaseLocked, SaveFailed
from .files import describe_os_error
from .i18n import _

_HELD = {
    errno.EAGAIN,
    errno.EACCES,
    errno.EWOULDBLOCK,
    getattr(errno, "EDEADLK", errno.EAGAIN),
    getattr(errno, "EDEADLOCK", errno.EAGAIN),
}


class LockHeld(Exception):
    """Another process holds the lock."""


class FileLock:
    """A non-blocking exclusive lock on a file (created when missing)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise :class:`LockHeld`; other failures raise OSError."""
        if self._fd is not None:
            return
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock(fd)
            except OSError as exc:
                os.close(fd)
                if exc.errno in _HELD:
                    raise LockHeld(self.path) from exc
                raise
            if _same_file(fd, self.path):
                break
            # The file was deleted or replaced between opening and locking it: the lock
            # is on a file nobody else will find.  Try again with the file there now.
            os.close(fd)
        self._fd = fd

    def still_held(self) -> bool:
        """Whether the lock file on disk is still the very file this lock holds.

        False after the file was deleted or replaced: another process could then
        lock a new file of the same name, and this lock protects nothing any more.
        """
        return self._fd is not None and _same_file(self._fd, self.path)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        except OSError:
            pass  # closing the file below releases it anyway
        finally:
            os.close(fd)


def _same_file(fd: int, path: str) -> bool:
    if os.name == "nt":  # pragma: no cover - an open file cannot be deleted or replaced there
        return True
    try:
        disk, held = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (disk.st_dev, disk.st_ino) == (held.st_dev, held.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def take_lock(path: Path) -> FileLock:
    """The single-writer lock of the database at ``path`` (a real path); raises a PlgError."""
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire()
    except LockHeld as exc:
        raise DatabaseLocked(
            _(
                "The database {path} is in use by another plgcycle window. Close that one "
                "first; nothing was changed."
            ).format(path=path)
        ) from exc
    except OSError as exc:
        raise SaveFailed(
            _("Cannot write in the folder {path}: {reason}.").format(
                path=path.parent, reason=describe_os_error(exc)
            )
        ) from exc
    return lock
