"""The signing key beside the database: ``<db>.key``, owner-only, never overwritten.

On first run each person gets an Ed25519 key (:func:`load_or_create_key`).  The
file holds the person id, the 32-byte seed (base64), the public key and the
creation date, as JSON::

    {"format": "plgcycle-key", "version": 1, "person": uuid,
     "public": base64, "seed": base64, "created_at": ISO-8601 UTC}

It is created owner-only from its first byte (``os.open`` with ``O_CREAT |
O_EXCL`` and mode 0o600), written completely and fsynced under a temporary
name, then linked into place, which fails when a key is already there: a key
is never replaced, by a second process or by anything else.  A damaged key
file is refused with a message and left as it is.

Backups: :func:`backup_key` keeps ``<db>.key.bak`` beside the database's own
backup; :func:`restore_key` puts it back when the key itself is missing or
damaged (a working key is never replaced by an older one).  Moving to a new
computer means copying the database and its ``.key`` file together
(docs/export-format.md, "Keys").
"""

from __future__ import annotations

import errno
import json
import os
import secrets
from datetime import datetime
from pathlib import Path

from .errors import DatabaseCorrupt, SaveFailed, StoreError
from .i18n import _
from .model import iso, utcnow
from .signing import KEY_BYTES, PersonKey, b64, b64_bytes

KEY_FORMAT = "plgcycle-key"
KEY_VERSION = 1
MAX_KEY_FILE = 64 * 1024


def key_path(db_path: str | os.PathLike) -> Path:
    """``plgcycle.json`` -> ``plgcycle.json.key`` (beside the database)."""
    db = Path(db_path)
    return db.with_name(db.name + ".key")


def key_backup_path(db_path: str | os.PathLike) -> Path:
    return key_path(db_path).with_name(key_path(db_path).name + ".bak")


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to write there")
    if exc.errno == errno.EROFS:
        return _("the disk is read-only")
    return exc.strerror or str(exc)


def _fsync_folder(folder: Path) -> None:
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


def _write_private(path: Path, payload: bytes, *, replace: bool) -> None:
    """Write ``payload`` as an owner-only file, atomically.

    ``replace`` False: fail with FileExistsError when ``path`` exists, even
    when another process creates it at the same moment (a hard link is
    atomic and never replaces).  Where a file system has no hard links (FAT
    on a USB stick) the check and the rename are two steps.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:
                if path.exists():
                    raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
                os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _fsync_folder(path.parent)


def _payload(key: PersonKey) -> bytes:
    return (
        json.dumps(
            {
                "format": KEY_FORMAT,
                "version": KEY_VERSION,
                "person": key.person,
                "public": key.public,
                "seed": b64(key.seed),
                "created_at": key.created_at,
            },
            indent=1,
        ).encode("utf-8")
        + b"\n"
    )


def _damaged(path: Path, why: str, db_path: Path) -> DatabaseCorrupt:
    backup = key_backup_path(db_path)
    hint = str(backup) if backup.exists() and backup != path else None
    if hint:
        message = _(
            "The signing key {path} is damaged ({why}); plgcycle has not changed it. A "
            "backup is at {backup}; plgcycle restore puts it back."
        )
    else:
        message = _(
            "The signing key {path} is damaged ({why}); plgcycle has not changed it, and "
            "there is no backup. Put back a copy of the key file, or move it aside to "
            "start with a new key (colleagues then accept your new check code)."
        )
    return DatabaseCorrupt(message.format(path=path, why=why, backup=hint), str(path), hint)


def read_key_file(path: Path, db_path: Path | None = None) -> PersonKey:
    """The key in ``path``; DatabaseCorrupt naming what is wrong when it is damaged."""
    db_path = db_path or path.with_name(path.name.removesuffix(".key"))
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise StoreError(
            _("Cannot read the signing key {path}: {reason}.").format(
                path=path, reason=_reason(exc)
            )
        ) from exc
    if len(raw) > MAX_KEY_FILE:
        raise _damaged(path, _("far too large for a key"), db_path)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path, _("not readable as a key file"), db_path) from None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FORMAT:
        raise _damaged(path, _("not a plgcycle key file"), db_path)
    if doc.get("version") != KEY_VERSION:
        raise _damaged(path, _("an unknown version of the key file"), db_path)
    seed = b64_bytes(doc.get("seed"), KEY_BYTES)
    person = doc.get("person")
    if seed is None or not isinstance(person, str) or not person:
        raise _damaged(path, _("the key itself is missing or cut short"), db_path)
    created_at = doc.get("created_at")
    key = PersonKey(person, seed, created_at if isinstance(created_at, str) else "")
    if doc.get("public") != key.public:
        raise _damaged(path, _("the public key does not belong to the key"), db_path)
    return key


def _tighten(path: Path) -> None:
    """Make a key file owner-only again (a copy may have arrived with wider permissions)."""
    if os.name != "posix":
        return
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass


def load_key(db_path: str | os.PathLike) -> PersonKey | None:
    """The key beside the database, or None when there is none yet."""
    db = Path(db_path)
    path = key_path(db)
    if not path.exists():
        return None
    key = read_key_file(path, db)
    _tighten(path)
    return key


def load_or_create_key(
    db_path: str | os.PathLike, person_id: str, now: datetime | None = None
) -> PersonKey:
    """The person's key beside the database, made on first use; never overwritten.

    Raises StoreError when the key file belongs to another person (the
    database's person changed, or a colleague's key file was copied here),
    DatabaseCorrupt when it is damaged, SaveFailed when it cannot be written.
    """
    db = Path(db_path)
    path = key_path(db)
    key = load_key(db)
    if key is None:
        fresh = PersonKey.generate(person_id, iso(now or utcnow()))
        try:
            _write_private(path, _payload(fresh), replace=False)
            return fresh
        except FileExistsError:
            key = load_key(db)  # another process made one a moment ago: use that one
        except OSError as exc:
            raise SaveFailed(
                _("Cannot write the signing key {path}: {reason}. Nothing was changed.").format(
                    path=path, reason=_reason(exc)
                )
            ) from exc
    if key is None or key.person != person_id:
        raise StoreError(
            _(
                "The signing key {path} belongs to another person; plgcycle does not "
                "overwrite it. Open the database that goes with it, or move the key "
                "file aside to start with a new key."
            ).format(path=path)
        )
    return key


def install_key(db_path: str | os.PathLike, key: PersonKey) -> Path:
    """Put ``key`` beside the database as its key file (owner-only); never replaces one.

    For a key carried over by hand or made elsewhere (tests give a teacher a
    known key this way).  Raises FileExistsError when the database has a key.
    """
    path = key_path(db_path)
    _write_private(path, _payload(key), replace=False)
    return path


def backup_key(db_path: str | os.PathLike) -> Path | None:
    """Keep ``<db>.key.bak`` (owner-only) when the key is sound; returns it, or None."""
    db = Path(db_path)
    path, backup = key_path(db), key_backup_path(db)
    if not path.exists():
        return None
    payload = _payload(read_key_file(path, db))
    try:
        if backup.exists() and backup.read_bytes() == payload:
            return backup
        _write_private(backup, payload, replace=True)
    except OSError as exc:
        raise SaveFailed(
            _("Cannot make a backup {path}: {reason}. Nothing was changed.").format(
                path=backup, reason=_reason(exc)
            )
        ) from exc
    return backup


def restore_key(db_path: str | os.PathLike, now: datetime | None = None) -> Path | None:
    """Put ``<db>.key.bak`` back when the key is missing or damaged; returns the key path.

    A sound key is left alone (None), even when the backup differs: a key is
    never replaced by another.  A damaged key is kept beside it, renamed.
    """
    db = Path(db_path)
    path, backup = key_path(db), key_backup_path(db)
    if path.exists():
        try:
            read_key_file(path, db)
            return None
        except DatabaseCorrupt:
            pass
    if not backup.exists():
        raise StoreError(
            _("There is no backup of the key: {path} does not exist.").format(path=backup)
        )
    key = read_key_file(backup, db)  # refuses a damaged backup
    if path.exists():
        stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%S")
        os.replace(path, path.with_name(f"{path.name}.damaged-{stamp}"))
    try:
        _write_private(path, _payload(key), replace=False)
    except OSError as exc:
        raise SaveFailed(
            _("Cannot write the signing key {path}: {reason}. Nothing was changed.").format(
                path=path, reason=_reason(exc)
            )
        ) from exc
    return path
