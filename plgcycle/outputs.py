"""Where an export, a merged file, a report or an agenda may be written.

One rule for every command and every dialog: an output never replaces a file
plgcycle keeps for a database.  Those are, for each database in play, the
database itself and every file beside it whose name starts with the database's
name and a dot (its lock, start cache, migration backups, the copies restore
keeps), the temporary files of all of those, and everything in its backup
folder.  The path is compared after resolving symlinks and ``..``, and an
existing file is also compared by device and inode, so a hard link to the
database is refused too.

The databases in play: every database this process opened (the app's, the one
``export`` read), the one named with ``--db`` when a command passes it, the one
in ``PLGCYCLE_DB`` and the default one in the user data folder.

Replacing any other existing file is the caller's question to ask
(``plgcycle.cli.common.confirm_output``, the app's file dialogs).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InvalidInput, PlgError
from .files import real_path
from .i18n import _

_opened: set[Path] = set()


def remember_database(path: Path) -> None:
    """Protect ``path`` (a real path) and its files for as long as this process runs."""
    _opened.add(path)


def databases(extra: Iterable[str | os.PathLike | None] = ()) -> list[Path]:
    """The real paths of the databases in play (see the module docstring)."""
    from .dbfile import ENV_DB, default_path

    found = [real_path(p) for p in extra if p]
    found += sorted(_opened)
    env = os.environ.get(ENV_DB)
    if env:
        found.append(real_path(env))
    found.append(real_path(default_path()))
    return list(dict.fromkeys(found))


def _by_name(target: Path, db: Path) -> bool:
    """Whether the real path ``target`` is, by its name, one of the files kept for ``db``."""
    from .backups import backup_folder

    if target == db or backup_folder(db) in target.parents:
        return True
    if target.parent != db.parent:
        return False
    name = os.path.normcase(target.name)
    own = os.path.normcase(db.name)
    return name.startswith(own + ".") or name.startswith("." + own + ".")


def _kept_files(db: Path) -> Iterator[Path]:
    """The files that exist now and belong to ``db`` (for the hard-link comparison)."""
    from .backups import backup_folder

    yield db
    own = os.path.normcase(db.name)
    for folder, every in ((db.parent, False), (backup_folder(db), True)):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            folded = os.path.normcase(name)
            if every or folded.startswith(own + ".") or folded.startswith("." + own + "."):
                yield folder / name


def protected_by(
    target: str | os.PathLike, extra: Iterable[str | os.PathLike | None] = ()
) -> Path | None:
    """The database whose file ``target`` is (by path, symlink, ``..`` or hard link), or None."""
    real = real_path(target)
    try:
        stat = os.stat(real)
    except OSError:
        stat = None
    for db in databases(extra):
        if _by_name(real, db):
            return db
        if stat is None:
            continue
        for kept in _kept_files(db):
            try:
                other = os.stat(kept)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (stat.st_dev, stat.st_ino):
                return db
    return None


def check_output(target: str | os.PathLike, extra: Iterable[str | os.PathLike | None] = ()) -> None:
    """Raise InvalidInput when writing ``target`` would replace one of plgcycle's own files."""
    db = protected_by(target, extra)
    if db is not None:
        raise InvalidInput(
            _(
                "{path} is one of plgcycle's own files (the database {db}, a backup of it or its "
                "lock); writing there would destroy it. Choose another file name; nothing was "
                "written."
            ).format(path=target, db=db)
        )


def write_text(path: Path, text: str, *, bom: bool = False) -> Path:
    """Write a text file atomically; a clear one-line error when it cannot be written.

    Never one of plgcycle's own files (``outputs.check_output``); owner-only, like
    every file plgcycle writes.
    """
    from .files import describe_os_error, write_output

    path = Path(path)
    check_output(path)
    try:
        write_output(path, text.encode("utf-8-sig" if bom else "utf-8"))
    except OSError as exc:
        raise PlgError(
            _("Cannot write {path}: {reason}.").format(path=path, reason=describe_os_error(exc))
        ) from exc
    return path
