"""Backups of the database: the last few distinct good states, with dates, and the way back.

Every open for writing of a valid database keeps a copy of it in the folder
``<db>.backups/`` beside it, unless the newest backup already holds exactly those
bytes.  A backup is named after the moment it was made (UTC) and the number of
records it holds::

    plgcycle.json.backups/2026-11-23-090000_1234.json
    plgcycle.json.backups/2026-11-23-090000-2_1240.json   (a second one in that second)

so listing and pruning them reads no file.  Which backups stay:

* the newest :data:`KEEP`, so that one bad day cannot push out the last good one;
* and every older one that holds more records than all newer ones.  Records are
  never removed (a deletion is a tombstone), so a database holding fewer records
  than before is a replacement, for example a fresh empty one made because the
  real one was missing: its backups never push out the fuller state.

Backups are written like every file (``files.atomic_write``: owner-only from the
first byte, all or nothing).  :func:`restore_backup` puts one back without ever
moving the database away: it first keeps a synced copy of the current file
beside it, then replaces the database atomically by a synced copy of the
backup.  When either step fails, everything is as it was.

The single ``<db>.bak`` of earlier versions is taken into the folder at the
first open, and until then listed and restorable as it is.

The signing key beside the database (``<db>.key``, :mod:`plgcycle.keyfile`) is
kept with it: every backup also keeps ``<db>.key.bak`` (owner-only), and a
restore puts the key back when it is missing or damaged (a sound key is never
replaced by another).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import DatabaseCorrupt, PlgError, SaveFailed, StoreError
from .files import atomic_write, private_folder, real_path
from .i18n import _

KEEP = 5
FOLDER_SUFFIX = ".backups"
LEGACY_SUFFIX = ".bak"
BEFORE_RESTORE = ".before-restore-"

_NAME = re.compile(r"^(\d{4}-\d\d-\d\d-\d{6})(?:-(\d+))?_(\d+)\.json$")
_STAMP = "%Y-%m-%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    """One backup file; ``records`` is what its name says (None for an old ``<db>.bak``)."""

    path: Path
    made: datetime  # UTC
    records: int | None
    seq: int = 1

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.made, self.seq)


def backup_folder(db: Path) -> Path:
    return db.with_name(db.name + FOLDER_SUFFIX)


def legacy_backup(db: Path) -> Path:
    """Where versions before the backup folder kept their one backup."""
    return db.with_name(db.name + LEGACY_SUFFIX)


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        made = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return Backup(path, made, int(match.group(3)), int(match.group(2) or 1))


def _legacy(db: Path) -> Backup | None:
    path = legacy_backup(db)
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return Backup(path, datetime.fromtimestamp(stat.st_mtime, UTC), None)


def _in_folder(db: Path) -> list[Backup]:
    folder = backup_folder(db)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = [_parse(folder / name) for name in names]
    return sorted((b for b in found if b is not None), key=lambda b: b.order, reverse=True)


def list_backups(db: Path) -> list[Backup]:
    """Every backup of ``db``, newest first (an old ``<db>.bak`` included)."""
    backups = _in_folder(db)
    old = _legacy(db)
    if old is not None:
        backups = sorted(backups + [old], key=lambda b: b.order, reverse=True)
    return backups


def newest_backup(db: Path) -> Path:
    """The newest backup, or where the single backup of earlier versions would be."""
    backups = list_backups(db)
    return backups[0].path if backups else legacy_backup(db)


def record_count(tables: dict) -> int:
    return len(tables.get("records") or {})


def live_records(tables: dict) -> int:
    """Records that are not deleted: what a teacher would count."""
    return sum(1 for doc in (tables.get("records") or {}).values() if not doc.get("deleted"))


def _free_name(folder: Path, made: datetime, records: int, taken: list[Backup]) -> tuple[Path, int]:
    stamp = made.astimezone(UTC).strftime(_STAMP)
    seq = 1 + max((b.seq for b in taken if b.made.strftime(_STAMP) == stamp), default=0)
    while True:
        name = f"{stamp}_{records}.json" if seq == 1 else f"{stamp}-{seq}_{records}.json"
        if not (folder / name).exists():
            return folder / name, seq
        seq += 1


def keep_backup(db: Path, payload: bytes, records: int, now: datetime) -> Path | None:
    """Keep ``payload`` (the valid database as read) as the newest backup; prune the old ones.

    Only a writer holding the database lock calls this.  Returns the new backup,
    or None when the newest backup already holds these bytes.  Raises OSError.
    """
    folder = backup_folder(db)
    private_folder(folder)
    _adopt_legacy(db)
    existing = _in_folder(db)
    if existing and _holds(existing[0].path, payload):
        return None
    made = now.astimezone(UTC).replace(microsecond=0)
    if existing and made < existing[0].made:
        made = existing[0].made  # a clock set back never sorts a new backup below an old one
    target, seq = _free_name(folder, made, records, existing)
    atomic_write(target, payload)
    _prune([Backup(target, made, records, seq)] + existing)
    return target


def keep_key_backup(db: Path) -> Path | None:
    """Keep ``<db>.key.bak`` beside the database's backups; returns it, or None.

    A key file that is damaged (or another person's) is left for the moment the
    key is needed, which says what is wrong with it: opening the database never
    fails because of it.  A backup that cannot be written raises SaveFailed, as
    the database's own backup does.
    """
    from .keyfile import backup_key

    try:
        return backup_key(db)
    except SaveFailed:
        raise
    except (DatabaseCorrupt, StoreError):
        return None


def restore_missing_key(db: Path) -> Path | None:
    """Put ``<db>.key.bak`` back when the key is missing or damaged; returns the key, or None.

    None when the key is sound (it is never replaced) or there is no usable backup of it.
    """
    from .keyfile import key_backup_path, restore_key

    if not key_backup_path(db).exists():
        return None
    try:
        return restore_key(db)
    except SaveFailed:
        raise
    except StoreError:
        return None


def _holds(path: Path, payload: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(payload):
            return False
        return path.read_bytes() == payload
    except OSError:
        return False


def _adopt_legacy(db: Path) -> None:
    """Move the single ``<db>.bak`` of earlier versions into the folder, when it is valid."""
    old = _legacy(db)
    if old is None:
        return
    from .dbfile import read_database_file

    try:
        tables = read_database_file(old.path)
    except PlgError:
        return  # a damaged old backup stays where it is, for a person to look at
    if tables is None:
        return
    folder = backup_folder(db)
    target, _seq = _free_name(
        folder, old.made.replace(microsecond=0), record_count(tables), _in_folder(db)
    )
    os.replace(old.path, target)


def _prune(backups: list[Backup]) -> None:
    """Keep the newest KEEP, and any older one holding more records than every newer one."""
    most_newer = -1
    for number, backup in enumerate(backups):
        count = backup.records if backup.records is not None else 0
        if number >= KEEP and count <= most_newer:
            try:
                os.unlink(backup.path)
            except OSError:
                pass
        most_newer = max(most_newer, count)


# --- the way back --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """A backup as ``plgcycle restore --list`` shows it."""

    number: int  # 1 is the newest
    backup: Backup
    records: int | None  # records not deleted; None when the backup is damaged

    @property
    def usable(self) -> bool:
        return self.records is not None


def describe_backups(db: str | os.PathLike) -> list[BackupInfo]:
    """Every backup of ``db``, newest first, each read to check it and count its records."""
    from .dbfile import read_database_file

    infos = []
    for number, backup in enumerate(list_backups(real_path(db)), start=1):
        try:
            tables = read_database_file(backup.path)
        except PlgError:
            tables = None
        infos.append(BackupInfo(number, backup, live_records(tables) if tables else None))
    return infos


def restore_backup(
    path: str | os.PathLike | None = None,
    clock: Callable[[], datetime] | None = None,
    *,
    backup: str | os.PathLike | None = None,
) -> tuple[Path | None, Path]:
    """Put a backup back (the newest usable one unless ``backup`` names one).

    The current file is first kept beside the database as
    ``<db>.before-restore-<moment>`` (a synced copy; the database itself is never
    moved away); then the database is replaced atomically by a synced copy of the
    backup.  A failure at any point leaves every file as it was.  The signing key
    is not touched here: :func:`restore_missing_key` puts it back when it is
    missing or damaged (``plgcycle restore`` calls both).

    Returns (the kept copy or None when there was no database file, the database).
    """
    from .dbfile import database_path, read_database_file
    from .files import describe_os_error
    from .lock import take_lock
    from .model import utcnow

    db = database_path(path)
    backups = list_backups(db)
    if not backups:
        raise PlgError(_("There is no backup of {path}.").format(path=db))
    if backup is not None:
        wanted = real_path(backup)
        chosen = [b for b in backups if real_path(b.path) == wanted]
        if not chosen:
            raise PlgError(_("{path} is not a backup of {db}.").format(path=backup, db=db))
        candidates = chosen
    else:
        candidates = backups
    lock = take_lock(db)
    try:
        payload = None
        for candidate in candidates:
            try:
                if read_database_file(candidate.path) is not None:  # refuses a damaged backup
                    payload = candidate.path.read_bytes()
                    break
            except PlgError:
                continue
        if payload is None:
            if backup is not None:
                raise PlgError(
                    _(
                        "The backup {path} is damaged; choose another one "
                        "(plgcycle restore --list)."
                    ).format(path=backup)
                )
            raise PlgError(
                _("Every backup of {path} is damaged; nothing was changed.").format(path=db)
            )
        kept = None
        try:
            current = db.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise SaveFailed(
                _("Not restored: {reason} ({path}). Nothing was changed.").format(
                    reason=describe_os_error(exc), path=db
                )
            ) from exc
        if current is not None:
            kept = _before_restore_name(db, (clock or utcnow)())
            try:
                atomic_write(kept, current)
            except OSError as exc:
                raise SaveFailed(
                    _("Not restored: {reason} ({path}). Nothing was changed.").format(
                        reason=describe_os_error(exc), path=kept
                    )
                ) from exc
        try:
            atomic_write(db, payload)
        except OSError as exc:
            if kept is not None:
                try:
                    os.unlink(kept)  # only a copy: the database is still there, unchanged
                except OSError:
                    pass
            raise SaveFailed(
                _("Not restored: {reason} ({path}). Nothing was changed.").format(
                    reason=describe_os_error(exc), path=db
                )
            ) from exc
    finally:
        lock.release()
    return kept, db


def _before_restore_name(db: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime(_STAMP)
    candidate = db.with_name(f"{db.name}{BEFORE_RESTORE}{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = db.with_name(f"{db.name}{BEFORE_RESTORE}{stamp}-{number}")
    return candidate
