"""Writing files so that nothing is lost and nothing leaks.

Every file plgcycle writes (the database, its backups, the start cache, exports,
reports, agendas) goes through :func:`atomic_write`:

* **Owner-only from the first byte.**  The temporary file is created with
  ``O_CREAT | O_EXCL`` and mode 0600, and ``fchmod``-ed to 0600 before anything
  is written, so the umask cannot widen it and a half-written copy is never
  readable by others.  ``O_EXCL`` also means a file that happens to lie there
  (with whatever mode) is never reused.
* **All or nothing.**  The bytes go to a temporary file beside the target; it
  is fsynced and then ``os.replace``-d over the target, and the folder is
  fsynced.  Readers see the old or the new file, never a mix.
* **No leftovers.**  On every failure (a full disk, no permission, an
  interrupt) the temporary file is removed before the error goes on.
* **A symlink stays a symlink.**  The real file behind the path is replaced,
  so a database or a report reached through a link gets the new bytes and the
  link keeps pointing at it.

Temporary files are named ``.<name>.<pid>.<random>.tmp``; a writer that holds the
database lock removes the ones a killed process left behind.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .i18n import _

PRIVATE = 0o600
PRIVATE_FOLDER = 0o700


def describe_os_error(exc: OSError) -> str:
    """Why a file could not be read or written, in words for the one-line message."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to write there")
    if exc.errno == errno.EROFS:
        return _("the disk is read-only")
    return exc.strerror or str(exc)


def real_path(path: str | os.PathLike) -> Path:
    """The absolute path with every symlink and ``..`` resolved (the file itself need not exist)."""
    return Path(os.path.realpath(os.path.expanduser(os.fspath(path))))


def temp_path(target: Path) -> Path:
    """A fresh name for a temporary file beside ``target`` (see the module docstring)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def is_temp_of(name: str, target_name: str) -> bool:
    """Whether ``name`` is a temporary file made by :func:`atomic_write` for ``target_name``."""
    return name.startswith(f".{target_name}.") and name.endswith(".tmp")


def _create_private(path: Path) -> int:
    """A new file, owner-only before its first byte; FileExistsError when the name is taken."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, PRIVATE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE)  # the umask may have narrowed it; never wider than 0600
    except BaseException:
        os.close(fd)
        _remove(path)
        raise
    return fd


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(path: str | os.PathLike, payload: bytes) -> None:
    """Replace the file at ``path`` by ``payload``: readers see the old or the new bytes only.

    Raises OSError (the caller turns it into one readable line); the old file and
    the folder are then exactly as they were.
    """
    target = real_path(path)
    while True:
        tmp = temp_path(target)
        try:
            fd = _create_private(tmp)
        except FileExistsError:
            continue  # another writer's name, by a one-in-four-billion chance: pick another
        break
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    fsync_dir(target.parent)


def write_output(path: str | os.PathLike, payload: bytes) -> None:
    """:func:`atomic_write` for a file outside the database's folder (an export, a report).

    No lock guards such a file, so first the temporary files a killed plgcycle
    left for this same target are removed, but only those of processes that are
    gone (the process id is in the name).
    """
    target = real_path(path)
    try:
        names = os.listdir(target.parent)
    except OSError:
        names = []
    for name in names:
        if is_temp_of(name, target.name) and not _alive(_writer_pid(name, target.name)):
            _remove(target.parent / name)
    atomic_write(target, payload)


def _writer_pid(name: str, target_name: str) -> int | None:
    middle = name[len(target_name) + 2 : -len(".tmp")]  # "<pid>.<random>"
    pid = middle.split(".", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int | None) -> bool:
    if pid is None or pid <= 0:
        return True  # not ours to judge: leave it
    if pid == os.getpid():
        return False  # this process writes one file at a time: an old name is stale
    if os.name != "posix":
        return True  # os.kill would end the process there, not test it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def private_folder(folder: Path) -> None:
    """Create ``folder`` (owner-only) when it is missing; OSError when that fails."""
    try:
        os.mkdir(folder, PRIVATE_FOLDER)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    if hasattr(os, "chmod"):
        os.chmod(folder, PRIVATE_FOLDER)
    fsync_dir(folder.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the rename is already durable)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(folder: Path, target_name: str | None = None) -> None:
    """Remove temporary files left in ``folder`` by a process that died mid-write.

    Only call this while holding the database lock: then no other plgcycle is
    writing, so every temporary file there is stale.  ``target_name`` limits it
    to the temporary files of one file (None: every ``.*.tmp``).
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if (
            is_temp_of(name, target_name)
            if target_name is not None
            else name.startswith(".") and name.endswith(".tmp")
        ):
            _remove(folder / name)
