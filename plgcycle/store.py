"""The local database: TinyDB behind a small repository API.

Promises (each proven by a test, see docs/reliability.md):

* **Atomic writes.** Every save writes the whole database to a temporary file in
  the same folder, flushes and fsyncs it, then ``os.replace``-s it over the old
  file.  A crash or a full disk leaves either the old or the new file, never a
  half-written one.  When a write fails the in-memory state is reloaded from
  the intact file, so memory and disk never disagree.
* **One writer.** A lock file next to the database; a second process that opens
  the same database for writing gets :class:`DatabaseLocked` with a clear
  message.  Readers (``plgcycle status``, review mode) need no lock.  The store
  works on the real file (symlinks resolved), so every path to one file meets
  one lock, and a save through a symlink reaches the real file.  Before every
  save it checks that its lock file and the database file are still the ones it
  holds and last wrote; when another process deleted the lock or replaced the
  file, it refuses to save (:class:`DatabaseChanged`) instead of overwriting
  that other work.
* **Schema version** in the file; older files are migrated after a backup is
  kept, newer files are refused.  A damaged file is never overwritten, and each
  successful open for writing keeps a dated backup (see :mod:`plgcycle.backups`)
  so there is a way back.

No TinyDB call happens outside this module.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import orjson

from . import backups
from .backups import restore_backup  # noqa: F401  (the way back lives with the backups)
from .errors import (
    DatabaseChanged,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    InvalidInput,
    PlgError,
    SaveFailed,
)
from .files import atomic_write, real_path, remove_stale_temp_files
from .i18n import _
from .lock import FileLock, LockHeld
from .model import KINDS, PERSON, Record, iso, utcnow

SCHEMA_VERSION = 1
ENV_DB = "PLGCYCLE_DB"
RECORDS_TABLE = "records"
META_TABLE = "_meta"
META_DOC_ID = 1

# Migrations: MIGRATIONS[n] turns the raw tables of schema n into schema n + 1.
# Each runs on the raw dict TinyDB stores ({table: {doc_id: document}}).
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def default_path() -> Path:
    """The database in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("plgcycle", appauthor=False) / "plgcycle.json"


def resolve_path(explicit: str | os.PathLike | None = None) -> Path:
    """``--db`` wins over ``PLGCYCLE_DB``, which wins over the default folder.

    A path that names a folder (``--db ""`` arrives as ``.``) is refused before
    anything, a lock file included, is made beside it.
    """
    if explicit:
        path = Path(explicit).expanduser()
    else:
        env = os.environ.get(ENV_DB)
        path = Path(env).expanduser() if env else default_path()
    if path.name in ("", ".", "..") or path.is_dir():
        raise InvalidInput(_("{path} is a folder; the database must be a file, for example "
                             "--db plgcycle.json. Nothing was changed.").format(
                                 path=path.resolve()))
    return path


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The real database file: :func:`resolve_path` with symlinks and ``..`` resolved."""
    return real_path(resolve_path(explicit))


def backup_path(path: Path) -> Path:
    """The newest backup of the database ``path`` (a path that does not exist when none)."""
    return backups.newest_backup(path)


def _describe_os_error(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to write there")
    if exc.errno == errno.EROFS:
        return _("the disk is read-only")
    return exc.strerror or str(exc)


def _check_records(docs: dict) -> None:
    """Every stored document has the envelope's types (a tight loop: it runs at every start).

    The start cache uses this before the first frame; the file itself gets the
    full check of :func:`_check_stored_records`.
    """
    for doc_id, doc in docs.items():
        if type(doc) is not dict or not doc_id.isdigit():
            raise ValueError("not a plgcycle record")
        get = doc.get
        if not (type(get("id")) is str and type(get("kind")) is str and type(get("owner")) is str
                and type(get("data")) is dict and type(get("rev")) is int):
            raise ValueError("not a plgcycle record")


def _check_stored_records(docs: dict) -> None:
    """Every stored record follows the rules an import checks (see ``database_schema``).

    The same schema and the same rules beyond it as an export file, with what a
    local database keeps besides (private notes, deleted records with their
    content).  Runs at every open, before the backup is refreshed, so a database
    of the wrong shape is refused and never copied over the last good backup.
    Whole numbers written as ``3.0`` are kept as ``3``.  Raises ``Violation``
    (its path names the record and field) or ValueError.
    """
    from .exchange.record_rules import check_stored_records

    for doc_id in docs:
        if not doc_id.isdigit():
            raise ValueError("not a plgcycle record")
    check_stored_records(docs)


def _damaged(path: Path, hint: str | None, detail: str | None = None) -> DatabaseCorrupt:
    """The one line for a database that cannot be used; ``detail`` names record and field."""
    if detail and hint:
        message = _("The database is damaged: {detail} It was not changed. A backup is at "
                    "{backup}; `plgcycle restore` puts it back.").format(detail=detail, backup=hint)
    elif detail:
        message = _("The database is damaged: {detail} It was not changed, and there is no "
                    "backup.").format(detail=detail)
    elif hint:
        message = _("The database {path} is damaged (not valid plgcycle data). It was not "
                    "changed. A backup is at {backup}; `plgcycle restore` puts it back.").format(
                        path=path, backup=hint)
    else:
        message = _("The database {path} is damaged (not valid plgcycle data). It was not "
                    "changed, and there is no backup.").format(path=path)
    return DatabaseCorrupt(message, str(path), hint)


def read_database_file(path: Path) -> dict | None:
    """Parse and check a database file; None when it does not exist.  Raises DatabaseCorrupt.

    Only a regular file is read: a named pipe or a device would block or never end.
    """
    from .exchange.record_rules import load_json
    from .exchange.schema import Violation
    from .readfile import NotAFile, read_regular_file

    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return None
    except NotAFile as exc:
        raise InvalidInput(_("{path} is not a database file (it is a folder, a pipe or a "
                             "device); nothing was read.").format(path=path)) from exc
    except OSError as exc:
        raise SaveFailed(_("Cannot read {path}: {reason}.").format(
            path=path, reason=_describe_os_error(exc))) from exc
    backup = backup_path(path)
    hint = str(backup) if backup.exists() else None
    try:
        tables = load_json(raw)
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            raise ValueError("not a TinyDB database")
        _check_stored_records(tables.get(RECORDS_TABLE) or {})
        if not all(isinstance(doc, dict) for doc in (tables.get(META_TABLE) or {}).values()):
            raise ValueError("not plgcycle metadata")
    except Violation as violation:
        from .exchange import violation_message  # only for the message: slow to import

        docs = list((tables.get(RECORDS_TABLE) or {}).values())
        detail = violation_message(str(path), {"records": docs}, violation)
        raise _damaged(path, hint, detail) from None
    except (orjson.JSONDecodeError, ValueError) as exc:
        raise _damaged(path, hint) from exc
    return tables


class AtomicJSONStorage:
    """A TinyDB storage that keeps the data in memory and writes it atomically.

    It implements TinyDB's storage interface (``read``, ``write``, ``close``); TinyDB
    itself is imported only when a file is opened, so a start from the start cache
    does not load it before the first frame.

    ``batch()`` defers writes so that many changes become one atomic write.
    """

    def __init__(self, path: Path, initial: dict | None, readonly: bool = False,
                 writer: "Store | None" = None):
        self.path = path
        self.readonly = readonly
        self.writer = writer  # checks, before each write, that the file is still its own
        self._data = initial
        self._deferred = 0
        self._dirty = False

    def read(self) -> dict | None:
        return self._data

    def write(self, data: dict) -> None:
        if self.readonly:
            raise DatabaseReadOnly(_("This database is open read-only; nothing was saved."))
        self._data = data
        if self._deferred:
            self._dirty = True
        else:
            self.flush()

    def flush(self) -> None:
        if self._data is None:
            return
        if self.writer is not None:
            self.writer._check_still_ours()
        payload = orjson.dumps(self._data)
        try:
            atomic_write(self.path, payload)
        except OSError as exc:
            raise SaveFailed(_("Not saved: {reason} ({path}). Your previous data is intact.")
                             .format(reason=_describe_os_error(exc), path=self.path)) from exc
        self._dirty = False
        if self.writer is not None:
            self.writer._remember_file()

    def close(self) -> None:
        """Nothing to release: every write is complete when it returns."""


def _tinydb(storage: AtomicJSONStorage):
    from tinydb import TinyDB

    return TinyDB(storage=lambda: storage)


_OPENED_PARTS = frozenset({"_storage", "_db", "_records", "_meta", "_index", "_by_kind",
                           "_by_round"})


class Store:
    """The repository: get, list, save and delete records by kind.

    Open it with ``Store(path)`` (or as a context manager).  ``readonly=True``
    takes no lock and refuses to save; it is what readers use.  ``defer_read=True``
    takes the lock but reads the file on first use (or :meth:`load`): the app
    draws its first screen from the start cache meanwhile (see ``startcache``).
    """

    def __init__(
        self,
        path: str | os.PathLike | None = None,
        *,
        readonly: bool = False,
        clock: Callable[[], datetime] | None = None,
        defer_read: bool = False,
    ):
        # The real file: every path to it (a symlink, ``..``) meets the same lock,
        # and saves replace the file itself, never the link to it.
        self.path = database_path(path)
        self.readonly = readonly
        self.clock = clock or utcnow
        self._lock: FileLock | None = None
        self._deferred = False
        self._on_disk: tuple | None = None  # the file as this store last read or wrote it
        self._lost: str | None = None  # why saving stopped (another writer), once it did
        from .outputs import remember_database

        remember_database(self.path)  # never written over by an export or report
        if not readonly:
            self._acquire_lock()
        if defer_read and not readonly and self.path.exists():
            # The lock is held, so nothing else changes the file until it is read.
            self._deferred = True
            return
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    # --- reading the file later ------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """False while a store opened with ``defer_read=True`` has not read its file yet."""
        return not self._deferred

    def load(self) -> None:
        """Read the file now (a deferred store reads it on first use anyway).

        Raises the same errors as opening: a damaged or too-new file is refused.
        """
        if self._deferred:
            self._deferred = False
            try:
                self._open()
            except BaseException:
                self._deferred = True
                raise

    def __getattr__(self, name: str):
        # Only reached for attributes not set yet: the parts ``_open`` creates.  A
        # deferred store reads its file here, so every method works as usual.
        if name in _OPENED_PARTS and self.__dict__.get("_deferred"):
            self.load()
            return getattr(self, name)
        raise AttributeError(name)

    # --- opening -------------------------------------------------------------

    def _acquire_lock(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveFailed(_("Cannot create the folder {path}: {reason}.").format(
                path=self.path.parent, reason=_describe_os_error(exc))) from exc
        self._lock = take_lock(self.path)
        self._remove_stale_temp_files()

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a process that died mid-write; we hold the lock, so they are stale."""
        remove_stale_temp_files(self.path.parent, self.path.name)
        remove_stale_temp_files(backups.backup_folder(self.path))

    # --- still the only writer? ------------------------------------------------------

    def _file_identity(self) -> tuple | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _remember_file(self) -> None:
        self._on_disk = self._file_identity()

    def _check_still_ours(self) -> None:
        """Refuse to save when another process may have written since we last did.

        Two signs: our lock file was deleted or replaced (a second writer could then
        lock a new one), or the database file is no longer the one we last read or
        wrote.  A missing file is no sign: saving then only puts the data back.
        """
        if self._lost is None:
            if self._lock is not None and not self._lock.still_held():
                self._lost = _(
                    "Not saved: the lock file {lock} was removed while this window was open, "
                    "so another plgcycle may be writing to {path}. Nothing was overwritten; "
                    "close this window and start plgcycle again.").format(
                        lock=self._lock.path, path=self.path)
            else:
                now = self._file_identity()
                if now is not None and now != self._on_disk:
                    self._lost = _(
                        "Not saved: {path} was changed by another program while this window "
                        "was open. Nothing was overwritten; close this window and start "
                        "plgcycle again to see the file as it is now.").format(path=self.path)
        if self._lost is not None:
            raise DatabaseChanged(self._lost)

    def _open(self) -> None:
        tables = read_database_file(self.path)
        self._remember_file()
        existed = tables is not None
        tables = tables or {}
        meta = (tables.get(META_TABLE) or {}).get(str(META_DOC_ID)) or {}
        version = meta.get("schema", SCHEMA_VERSION if not existed else 0)
        if not isinstance(version, int):
            raise DatabaseCorrupt(_("The database {path} has no valid schema version; it was "
                                    "not changed.").format(path=self.path), str(self.path))
        if version > SCHEMA_VERSION:
            raise DatabaseTooNew(_(
                "The database {path} was made by a newer plgcycle (schema {found}, this version "
                "knows {known}). Update plgcycle; the file was not changed.").format(
                    path=self.path, found=version, known=SCHEMA_VERSION))
        migrated = False
        if version < SCHEMA_VERSION:
            tables = self._migrate(tables, version)
            migrated = True
        elif existed and not self.readonly:
            self._keep_backup(tables)
        self._storage = AtomicJSONStorage(self.path, tables, readonly=self.readonly,
                                          writer=None if self.readonly else self)
        self._db = _tinydb(self._storage)
        self._records = self._db.table(RECORDS_TABLE, cache_size=0)
        self._meta = self._db.table(META_TABLE, cache_size=0)
        self._rebuild_index()
        if not self.readonly and (migrated or not existed):
            self._write_meta(schema=SCHEMA_VERSION)

    def _migrate(self, tables: dict, version: int) -> dict:
        if not self.readonly and self.path.exists():
            self._backup(self.path.with_name(f"{self.path.name}.schema{version}.bak"))
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise DatabaseCorrupt(_("The database {path} has schema {found}, which this "
                                        "version cannot upgrade; it was not changed.").format(
                                            path=self.path, found=version), str(self.path))
            tables = step(tables)
            version += 1
        meta = tables.setdefault(META_TABLE, {}).setdefault(str(META_DOC_ID), {})
        meta["schema"] = version
        return tables

    def _backup(self, target: Path) -> None:
        """Keep a copy of the current file as ``target`` (before a migration).

        A real copy, not a hard link: a link would share the damage if something
        outside plgcycle ever wrote into the database file in place.
        """
        try:
            atomic_write(target, self.path.read_bytes())
        except OSError as exc:
            raise SaveFailed(_("Cannot make a backup {path}: {reason}. Nothing was changed.")
                             .format(path=target, reason=_describe_os_error(exc))) from exc

    def _keep_backup(self, tables: dict) -> None:
        """A dated backup of the valid file just read (see :mod:`plgcycle.backups`)."""
        try:
            backups.keep_backup(self.path, self.path.read_bytes(), backups.record_count(tables),
                                self.clock())
        except OSError as exc:
            raise SaveFailed(_("Cannot make a backup in {path}: {reason}. Nothing was changed.")
                             .format(path=backups.backup_folder(self.path),
                                     reason=_describe_os_error(exc))) from exc

    def _raw_docs(self) -> dict:
        """The stored documents as TinyDB keeps them ({doc_id: document}); never hand out."""
        return (self._storage.read() or {}).get(RECORDS_TABLE) or {}

    def _rebuild_index(self) -> None:
        index: dict[str, int] = {}
        by_kind: dict[str, dict[str, int]] = {}
        by_round: dict[str, set[str]] = {}
        for doc_id, doc in self._raw_docs().items():
            rid, number = doc["id"], int(doc_id)
            index[rid] = number
            kind = by_kind.get(doc["kind"])
            if kind is None:
                kind = by_kind[doc["kind"]] = {}
            kind[rid] = number
            round_id = doc["data"].get("round")
            if type(round_id) is str:
                linked = by_round.get(round_id)
                if linked is None:
                    by_round[round_id] = {rid}
                else:
                    linked.add(rid)
        self._index, self._by_kind, self._by_round = index, by_kind, by_round

    def _link(self, doc: dict) -> None:
        """Index records that belong to a round (try-outs, measures, feedback, actions)."""
        round_id = doc["data"].get("round")
        if isinstance(round_id, str):
            self._by_round.setdefault(round_id, set()).add(doc["id"])

    def _reload(self) -> None:
        """After a failed write: drop in-memory changes, read the intact file again."""
        tables = read_database_file(self.path) or {}
        self._storage = AtomicJSONStorage(self.path, tables, readonly=self.readonly,
                                          writer=None if self.readonly else self)
        self._db = _tinydb(self._storage)
        self._records = self._db.table(RECORDS_TABLE, cache_size=0)
        self._meta = self._db.table(META_TABLE, cache_size=0)
        self._rebuild_index()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- meta ------------------------------------------------------------------

    def _meta_doc(self) -> dict:
        doc = self._meta.get(doc_id=META_DOC_ID)
        return dict(doc) if doc else {}

    @property
    def schema(self) -> int:
        return self._meta_doc().get("schema", SCHEMA_VERSION)

    @property
    def me(self) -> str | None:
        """The id of the local person (the teacher using this database)."""
        return self._meta_doc().get("me")

    def set_me(self, person_id: str) -> None:
        """Remember which person is the local teacher (used by the demo and first run)."""
        self._write_meta(me=person_id)

    def setting(self, key: str, default=None):
        return (self._meta_doc().get("settings") or {}).get(key, default)

    def set_setting(self, key: str, value) -> None:
        settings = dict(self._meta_doc().get("settings") or {})
        settings[key] = value
        self._write_meta(settings=settings)

    def _write_meta(self, **values) -> None:
        doc = self._meta_doc()
        doc.update(values)
        from tinydb.table import Document

        self._guarded(lambda: self._meta.upsert(Document(doc, doc_id=META_DOC_ID)))

    # --- records -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._index)

    def get(self, record_id: str, *, include_deleted: bool = False) -> Record | None:
        doc_id = self._index.get(record_id)
        if doc_id is None:
            return None
        doc = self._records.get(doc_id=doc_id)
        if doc is None or (doc.get("deleted") and not include_deleted):
            return None
        return Record.from_dict(orjson.loads(orjson.dumps(doc)))

    def list(
        self,
        kind: str | None = None,
        *,
        owner: str | None = None,
        include_deleted: bool = False,
    ) -> list[Record]:
        """Records of ``kind`` (all kinds when None), oldest first, as independent copies."""
        raw = self._raw_docs()
        if kind is None:
            candidates = raw.values()
        else:
            candidates = (raw[str(doc_id)] for doc_id in self._by_kind.get(kind, {}).values())
        docs = [
            doc for doc in candidates
            if (owner is None or doc.get("owner") == owner)
            and (include_deleted or not doc.get("deleted"))
        ]
        docs.sort(key=lambda doc: self._index[doc["id"]])
        return [Record.from_dict(raw) for raw in orjson.loads(orjson.dumps(docs))]

    def related(self, round_id: str, *, include_deleted: bool = False) -> list[Record]:
        """The try-outs, measures, feedback and actions of one round, without a full scan."""
        raw = self._raw_docs()
        docs = [raw[str(self._index[rid])] for rid in self._by_round.get(round_id, ())]
        docs = [doc for doc in docs if doc["data"].get("round") == round_id
                and (include_deleted or not doc.get("deleted"))]
        docs.sort(key=lambda doc: self._index[doc["id"]])
        return [Record.from_dict(r) for r in orjson.loads(orjson.dumps(docs))]

    def shared_records(self) -> list[Record]:
        """Every record, deleted ones included, WITHOUT copying: for reading only.

        The records share their ``data`` with the store's memory, which makes a
        full read of a large database cheap (the app's start-up).  Never modify
        them: call ``copy()`` first (every function in ``cycle`` does).  A record
        changed in place would be written with the next save of anything else.
        """
        return [Record.from_dict(doc) for doc in self._raw_docs().values()]

    def snapshot(self) -> list[Record]:
        """Every record, deleted ones included, as independent copies, in one fast pass.

        The same records as ``list(include_deleted=True)``, in the same order, but
        copied straight from the stored table (about twice as fast on large
        databases); the UI reads the whole database this way.
        """
        table = (self._storage.read() or {}).get(RECORDS_TABLE) or {}
        return [Record.from_dict(raw) for raw in orjson.loads(orjson.dumps(list(table.values())))]

    def create_me(self, person: Record) -> Record:
        """Store the local person on first run and remember them as 'me'."""
        if person.kind != PERSON:
            raise InvalidInput(_("The local person must be a person record."))
        person.owner = person.id
        with self.batch():
            saved = self._put(person, bump=True)
            self._write_meta(me=person.id)
        return saved

    def save(self, record: Record) -> Record:
        """Save the local person's record: raises ``rev``, stamps ``updated_at``."""
        self._check_owner(record)
        return self._put(record, bump=True)

    def save_many(self, records: Iterable[Record]) -> list[Record]:
        records = list(records)
        for record in records:
            self._check_owner(record)
        with self.batch():
            return [self._put(record, bump=True) for record in records]

    def delete(self, record_id: str) -> Record | None:
        """Mark a record deleted (a tombstone, so the deletion travels with exports)."""
        record = self.get(record_id)
        if record is None:
            return None
        record.deleted = True
        return self.save(record)

    def restore(self, record_id: str) -> Record | None:
        """Undo a delete."""
        record = self.get(record_id, include_deleted=True)
        if record is None or not record.deleted:
            return record
        record.deleted = False
        return self.save(record)

    def apply(self, records: Iterable[Record]) -> int:
        """Write records exactly as given (import and merge); one atomic write.

        The caller (exchange) has already validated them and applied the
        ownership rules; ``rev`` and ``updated_at`` are kept as they are.  New
        records go in with one bulk insert and changed ones with one bulk update,
        so importing thousands of records costs one pass, not one per record.
        """
        if self.readonly:
            raise DatabaseReadOnly(_("This database is open read-only; nothing was saved."))
        payloads: dict[str, dict] = {}
        for record in records:
            if record.kind not in KINDS:
                raise InvalidInput(_("Unknown kind {kind}.").format(kind=record.kind))
            payloads[record.id] = orjson.loads(orjson.dumps(record.to_dict()))
        if not payloads:
            return 0
        new = [p for rid, p in payloads.items() if rid not in self._index]
        changed = {rid: p for rid, p in payloads.items() if rid in self._index}

        def replace(doc: dict) -> None:
            fresh = changed[doc["id"]]
            doc.clear()
            doc.update(fresh)

        with self.batch():
            if new:
                doc_ids = self._records.insert_multiple(new)
                for payload, doc_id in zip(new, doc_ids):
                    self._index[payload["id"]] = doc_id
                    self._by_kind.setdefault(payload["kind"], {})[payload["id"]] = doc_id
            if changed:
                self._records.update(replace, doc_ids=[self._index[rid] for rid in changed])
            for payload in payloads.values():
                self._link(payload)
        return len(payloads)

    @contextmanager
    def batch(self) -> Iterator["Store"]:
        """Group changes into one atomic write; on an error none of them is kept."""
        storage = self._storage
        storage._deferred += 1
        try:
            yield self
        except BaseException:
            storage._deferred -= 1
            if storage._deferred == 0:
                storage._dirty = False
                try:
                    self._reload()
                except PlgError:
                    pass  # the file itself went bad meanwhile; the first error says enough
            raise
        storage._deferred -= 1
        if storage._deferred == 0 and storage._dirty:
            self._guarded(storage.flush)

    # --- internals ------------------------------------------------------------------

    def _check_owner(self, record: Record) -> None:
        if self.readonly:
            raise DatabaseReadOnly(_("This database is open read-only; nothing was saved."))
        me = self.me
        if me is None or record.owner != me:
            raise PlgError(_("This belongs to a colleague; only they can change it."))

    def _put(self, record: Record, *, bump: bool) -> Record:
        if self.readonly:
            raise DatabaseReadOnly(_("This database is open read-only; nothing was saved."))
        doc_id = self._index.get(record.id)
        if bump:
            previous = self._records.get(doc_id=doc_id) if doc_id is not None else None
            record.rev = max(record.rev, previous["rev"] if previous else 0) + 1
            record.updated_at = iso(self.clock())
        payload = orjson.loads(orjson.dumps(record.to_dict()))
        if doc_id is None:
            doc_id = self._guarded(lambda: self._records.insert(payload))
            self._index[record.id] = doc_id
            self._by_kind.setdefault(record.kind, {})[record.id] = doc_id
        else:
            from tinydb.table import Document

            self._guarded(lambda: self._records.upsert(Document(payload, doc_id=doc_id)))
        self._link(payload)
        return record

    def _guarded(self, action):
        """Run a write; when it fails outside a batch, reload so memory matches disk."""
        try:
            return action()
        except SaveFailed:
            if not self._storage._deferred:
                try:
                    self._reload()
                except PlgError:
                    pass  # the file itself went bad meanwhile; the save error says enough
            raise


def take_lock(path: Path) -> FileLock:
    """The single-writer lock of the database at ``path`` (a real path); raises a PlgError."""
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire()
    except LockHeld as exc:
        raise DatabaseLocked(_(
            "The database {path} is in use by another plgcycle window. Close that one "
            "first; nothing was changed.").format(path=path)) from exc
    except OSError as exc:
        raise SaveFailed(_("Cannot write in the folder {path}: {reason}.").format(
            path=path.parent, reason=_describe_os_error(exc))) from exc
    return lock
