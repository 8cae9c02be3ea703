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

The parts live beside it: :mod:`plgcycle.dbfile` (where the file is, reading
and checking it), :mod:`plgcycle.storage` (the atomic TinyDB storage and the
check that this process is still the only writer), :mod:`plgcycle.migrations`
(schema versions) and :mod:`plgcycle.backups`.  No TinyDB call happens outside
this module and the storage.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from . import backups, migrations
from .dbfile import META_DOC_ID, META_TABLE, RECORDS_TABLE, database_path, read_database_file
from .errors import DatabaseReadOnly, InvalidInput, PlgError, SaveFailed
from .files import describe_os_error, remove_stale_temp_files
from .i18n import _
from .lock import FileLock, take_lock
from .model import KINDS, PERSON, Record, iso, utcnow
from .storage import AtomicJSONStorage, WriteGuard, open_tinydb

# Where the meta document keeps colleagues' keys (see Store.keys).
KEY_MEMORY = {"pins": "key_pins", "accepted": "key_accepted", "confirmed": "key_confirmed"}


@dataclass
class _OpenFile:
    """What reading the file gives a store: TinyDB's tables and the store's index of them."""

    storage: AtomicJSONStorage
    records: Any  # tinydb.table.Table (TinyDB is imported only when a file is opened)
    meta: Any
    index: dict[str, int]  # record id -> TinyDB document id
    by_kind: dict[str, dict[str, int]]  # kind -> record id -> document id


class Store:
    """The repository: get, list, save and delete records by kind.

    Open it with ``Store(path)`` (or as a context manager).  ``readonly=True``
    takes no lock and refuses to save; it is what readers use.  ``lock`` is the
    database's lock when the caller took it already (:func:`take_database_lock`;
    the session does, to draw a first screen before the file is read).
    A record is deleted by saving it with ``deleted`` set (a tombstone, so the
    deletion travels with exports).
    """

    def __init__(
        self,
        path: str | os.PathLike | None = None,
        *,
        readonly: bool = False,
        clock: Callable[[], datetime] | None = None,
        lock: FileLock | None = None,
    ):
        # The real file: every path to it (a symlink, ``..``) meets the same lock,
        # and saves replace the file itself, never the link to it.
        self.path = database_path(path)
        self.readonly = readonly
        self.clock = clock or utcnow
        self._lock: FileLock | None = lock
        self._file: _OpenFile | None = None  # set when the file has been read
        from .outputs import remember_database

        remember_database(self.path)  # never written over by an export or report
        if not readonly and self._lock is None:
            self._lock = take_database_lock(self.path)
        self._guard = WriteGuard(self.path, self._lock)
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    def _opened(self) -> _OpenFile:
        """The file's tables (read when the store was made)."""
        assert self._file is not None, "read when the store was made"
        return self._file

    # --- opening -------------------------------------------------------------

    def _open(self) -> None:
        tables = read_database_file(self.path, backups.newest_backup(self.path))
        self._guard.remember()
        existed = tables is not None
        tables = tables or {}
        version = migrations.stored_schema(tables, existed, self.path)
        migrated = version < migrations.SCHEMA_VERSION
        if migrated:
            if not self.readonly and self.path.exists():
                migrations.keep_old_file(self.path, version)
            tables = migrations.migrate(tables, version, self.path)
        elif existed and not self.readonly:
            self._keep_backup(tables)
        self._file = self._read_tables(tables)
        if not self.readonly and (migrated or not existed):
            self._write_meta(schema=migrations.SCHEMA_VERSION)

    def _read_tables(self, tables: dict) -> _OpenFile:
        storage = AtomicJSONStorage(
            self.path, tables, readonly=self.readonly, guard=None if self.readonly else self._guard
        )
        db = open_tinydb(storage)
        index: dict[str, int] = {}
        by_kind: dict[str, dict[str, int]] = {}
        for doc_id, doc in (tables.get(RECORDS_TABLE) or {}).items():
            rid, number = doc["id"], int(doc_id)
            index[rid] = number
            kind = by_kind.get(doc["kind"])
            if kind is None:
                kind = by_kind[doc["kind"]] = {}
            kind[rid] = number
        return _OpenFile(
            storage,
            db.table(RECORDS_TABLE, cache_size=0),
            db.table(META_TABLE, cache_size=0),
            index,
            by_kind,
        )

    def _keep_backup(self, tables: dict) -> None:
        """A dated backup of the valid file just read (see :mod:`plgcycle.backups`)."""
        try:
            backups.keep_backup(
                self.path, self.path.read_bytes(), backups.record_count(tables), self.clock()
            )
            backups.keep_key_backup(self.path)
        except OSError as exc:
            raise SaveFailed(
                _("Cannot make a backup in {path}: {reason}. Nothing was changed.").format(
                    path=backups.backup_folder(self.path), reason=describe_os_error(exc)
                )
            ) from exc

    def _raw_docs(self) -> dict:
        """The stored documents as TinyDB keeps them ({doc_id: document}); never hand out."""
        return (self._opened().storage.read() or {}).get(RECORDS_TABLE) or {}

    def _reload(self) -> None:
        """After a failed write: drop in-memory changes, read the intact file again."""
        tables = read_database_file(self.path, backups.newest_backup(self.path))
        self._file = self._read_tables(tables or {})

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- meta ------------------------------------------------------------------

    def _meta_doc(self) -> dict:
        doc = self._opened().meta.get(doc_id=META_DOC_ID)
        return dict(doc) if doc else {}

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

    def keys(self, kind: str) -> dict[str, str]:
        """What the database remembers of colleagues' keys: person id -> public key.

        ``kind`` is ``pins`` (the first key seen for each person: trust on first
        use), ``accepted`` (key changes the teacher accepted, a new laptop) or
        ``confirmed`` (keys whose controlecode was compared with their owner).
        """
        found = self._meta_doc().get(KEY_MEMORY[kind])
        if not isinstance(found, dict):
            return {}
        return {p: k for p, k in found.items() if isinstance(p, str) and isinstance(k, str)}

    def set_keys(self, kind: str, keys: dict[str, str]) -> None:
        self._write_meta(**{KEY_MEMORY[kind]: dict(sorted(keys.items()))})

    def _write_meta(self, **values) -> None:
        doc = self._meta_doc()
        doc.update(values)
        from tinydb.table import Document

        meta = self._opened().meta
        self._guarded(lambda: meta.upsert(Document(doc, doc_id=META_DOC_ID)))

    # --- records -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._opened().index)

    def get(self, record_id: str, *, include_deleted: bool = False) -> Record | None:
        opened = self._opened()
        doc_id = opened.index.get(record_id)
        if doc_id is None:
            return None
        doc = opened.records.get(doc_id=doc_id)
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
        raw, index = self._raw_docs(), self._opened().index
        candidates: Iterable[dict]
        if kind is None:
            candidates = raw.values()
        else:
            by_kind = self._opened().by_kind.get(kind, {})
            candidates = (raw[str(doc_id)] for doc_id in by_kind.values())
        docs = [
            doc
            for doc in candidates
            if (owner is None or doc.get("owner") == owner)
            and (include_deleted or not doc.get("deleted"))
        ]
        docs.sort(key=lambda doc: index[doc["id"]])
        return [Record.from_dict(raw) for raw in orjson.loads(orjson.dumps(docs))]

    def shared_records(self) -> builtins.list[Record]:
        """Every record, deleted ones included, WITHOUT copying: for reading only.

        The records share their ``data`` with the store's memory, which makes a
        full read of a large database cheap (the app's start-up).  Never modify
        them: call ``copy()`` first (every function in ``cycle`` does).  A record
        changed in place would be written with the next save of anything else.
        """
        return [Record.from_dict(doc) for doc in self._raw_docs().values()]

    def create_me(self, person: Record) -> Record:
        """Store the local person on first run and remember them as 'me'.

        Also makes their signing key (or keeps the one beside the database, whose
        person id the new profile then takes).
        """
        if person.kind != PERSON:
            raise InvalidInput(_("The local person must be a person record."))
        if not self.readonly:
            # On first run each person gets a signing key beside the database; the person
            # record carries its public key (docs/export-format.md, "Keys").  A key already
            # there (the database was lost, the key kept) carries the person on: the new
            # profile keeps its id, and colleagues see the same controlecode.
            from .keyfile import load_key, load_or_create_key

            found = load_key(self.path)
            if found is not None:
                person.id = found.person
            key = load_or_create_key(self.path, person.id, self.clock())
            person.data = {**person.data, "key": key.public}
        person.owner = person.id
        with self.batch():
            saved = self._put(person, bump=True)
            self._write_meta(me=person.id)
        return saved

    def save(self, record: Record) -> Record:
        """Save the local person's record: raises ``rev``, stamps ``updated_at``."""
        self._check_owner(record)
        return self._put(record, bump=True)

    def save_many(self, records: Iterable[Record]) -> builtins.list[Record]:
        records = list(records)
        for record in records:
            self._check_owner(record)
        with self.batch():
            return [self._put(record, bump=True) for record in records]

    def apply(self, records: Iterable[Record]) -> int:
        """Write records exactly as given (import and merge); one atomic write.

        The caller (exchange) has already validated them and applied the
        ownership and trust rules; ``rev``, ``updated_at`` and the owner's
        signature (``sig``) are kept as they are.  New
        records go in with one bulk insert and changed ones with one bulk update,
        so importing thousands of records costs one pass, not one per record.
        """
        if self.readonly:
            raise DatabaseReadOnly(_("This database is open read-only; nothing was saved."))
        payloads: dict[str, dict] = {}
        for record in records:
            if record.kind not in KINDS:
                raise InvalidInput(_("Unknown kind {kind}.").format(kind=record.kind))
            payload = orjson.loads(orjson.dumps(record.to_dict()))
            if record.sig is not None:
                payload["sig"] = record.sig  # a colleague's signature, kept as it arrived
            payloads[record.id] = payload
        if not payloads:
            return 0
        opened = self._opened()
        index = opened.index
        new = [p for rid, p in payloads.items() if rid not in index]
        changed = {rid: p for rid, p in payloads.items() if rid in index}

        def replace(doc: dict) -> None:
            fresh = changed[doc["id"]]
            doc.clear()
            doc.update(fresh)

        with self.batch():
            if new:
                doc_ids = opened.records.insert_multiple(new)
                for payload, doc_id in zip(new, doc_ids, strict=False):
                    index[payload["id"]] = doc_id
                    opened.by_kind.setdefault(payload["kind"], {})[payload["id"]] = doc_id
            if changed:
                opened.records.update(replace, doc_ids=[index[rid] for rid in changed])
        return len(payloads)

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Group changes into one atomic write; on an error none of them is kept."""
        storage = self._opened().storage
        storage.depth += 1
        try:
            yield self
        except BaseException:
            storage.depth -= 1
            if storage.depth == 0:
                storage.dirty = False
                try:
                    self._reload()
                except PlgError:
                    pass  # the file itself went bad meanwhile; the first error says enough
            raise
        storage.depth -= 1
        if storage.depth == 0 and storage.dirty:
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
        opened = self._opened()
        doc_id = opened.index.get(record.id)
        if bump:
            previous = opened.records.get(doc_id=doc_id) if doc_id is not None else None
            record.rev = max(record.rev, previous["rev"] if previous else 0) + 1
            record.updated_at = iso(self.clock())
        payload = orjson.loads(orjson.dumps(record.to_dict()))
        if doc_id is None:
            doc_id = self._guarded(lambda: opened.records.insert(payload))
            opened.index[record.id] = doc_id
            opened.by_kind.setdefault(record.kind, {})[record.id] = doc_id
        else:
            from tinydb.table import Document

            self._guarded(lambda: opened.records.upsert(Document(payload, doc_id=doc_id)))
        return record

    def _guarded(self, action):
        """Run a write; when it fails outside a batch, reload so memory matches disk."""
        try:
            return action()
        except SaveFailed:
            if not self._opened().storage.depth:
                try:
                    self._reload()
                except PlgError:
                    pass  # the file itself went bad meanwhile; the save error says enough
            raise


def take_database_lock(path: Path) -> FileLock:
    """The single-writer lock of the database at ``path`` (a real path), or a PlgError.

    Holding it, this process may remove the temporary files a killed writer left.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveFailed(
            _("Cannot create the folder {path}: {reason}.").format(
                path=path.parent, reason=describe_os_error(exc)
            )
        ) from exc
    lock = take_lock(path)
    # Temp files left by a process that died mid-write; we hold the lock, so they are stale.
    remove_stale_temp_files(path.parent, path.name)
    remove_stale_temp_files(backups.backup_folder(path))
    return lock
