"""Reading a file that people named: only a regular file, never one that blocks.

A named pipe (``mkfifo``) waits for a writer for ever, and a device such as
``/dev/zero`` never ends.  A file named on the command line, picked in a
screen or given as the database is opened without blocking and checked for
what it is before a byte is read, so plgcycle answers at once.
"""

from __future__ import annotations

import os
import stat


class NotAFile(OSError):
    """The path exists but is a folder, a pipe, a socket or a device."""


def read_regular_file(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit`` + 1 of them).

    Raises :class:`NotAFile` for anything else that exists, and the usual
    ``OSError`` (``FileNotFoundError``, ``PermissionError``...) otherwise.
    ``O_NONBLOCK`` makes opening a pipe return at once; the check that follows
    is on the file actually opened, so nothing can be swapped in between.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError as exc:
        raise NotAFile(exc.errno, "not a file", str(path)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(0, "not a file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: plain reads from here on
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            return handle.read() if limit is None else handle.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
