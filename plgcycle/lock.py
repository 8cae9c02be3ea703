"""The single-writer lock: an operating-system lock on ``<db>.lock``.

``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows.  The operating
system drops the lock when the process that held it ends, however it ends, so a
crash never leaves a stale lock that blocks the next start.

Why not the filelock package (used before): importing it cost about 5% of the
app's whole start-up (it loads hashlib, secrets, decimal and inspect), for the
two system calls below.  See docs/design.md.
"""

from __future__ import annotations

import errno
import os

_HELD = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLK", errno.EAGAIN),
         getattr(errno, "EDEADLOCK", errno.EAGAIN)}


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
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _HELD:
                raise LockHeld(self.path) from exc
            raise
        self._fd = fd

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


if os.name == "nt":  # pragma: no cover - exercised on Windows only
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
