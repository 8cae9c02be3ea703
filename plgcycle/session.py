"""The session: the one way in to the data for a user interface.

A :class:`Session` owns the open :class:`~plgcycle.store.Store`, the record index
built from it (and the cache that avoids rebuilding it), saving, the data version
that rises whenever the records change, and a change notification.  The app
creates one session and hands it to its screens; a screen reads and saves only
through it, never through the store.

The start cache (see :mod:`plgcycle.startcache`) lives here and nowhere else: when the
database file is the one the cache was written for, the first :meth:`Session.index` (the
first screen) gets the few records that screen needs, and every later call reads the whole
file, which the UI asks for after its first frame with :meth:`Session.load`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .clock import today as local_today
from .cycle import RecordIndex, colleague_rounds, first_screen_records
from .dbfile import database_path
from .errors import DatabaseLocked, InvalidInput, PlgError
from .gctools import gc_paused
from .group_session import GroupAccess
from .i18n import _
from .lock import FileLock
from .migrations import SCHEMA_VERSION
from .model import Record
from .startcache import StartCache, cache_path, file_identity, read_start_cache, write_start_cache
from .store import Store, take_database_lock

#: Why the records changed, as passed to the listeners of :meth:`Session.on_change`.
SAVED = "saved"  # records were saved through this session (the saving screen knows)
RELOADED = "reloaded"  # the records on screen may be stale: every screen should refresh
WRITABLE = "writable"  # a read-only session can save again
FAILED = "failed"  # the file could not be read after the first screen: see load_error


Listener = Callable[[str], None]


class Session:
    """Records, index and saving for one open database (or none: the facilitator's review)."""

    def __init__(
        self, store: Store | None, *, today: date | None = None, keys_db: Path | None = None
    ) -> None:
        self._store = store
        # Without a database open (a review of files): where confirmed check codes are kept.
        self._keys_db = keys_db
        self._path: Path | None = store.path if store is not None else None
        self.today = today or local_today()
        # With a start cache: the database's lock, held until the file is read (see open).
        self._lock: FileLock | None = None
        self._start: StartCache | None = None
        self._start_identity: list[int] | None = None
        self._first_call = False
        self._from_start = False
        self._records: dict[str, Record] | None = None
        self._index: RecordIndex | None = None
        self._index_key: tuple | None = None
        self._version = 0
        self._listeners: list[Listener] = []
        self.load_error: PlgError | None = None

    # --- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        db_path: str | os.PathLike | None = None,
        *,
        today: date | None = None,
        use_cache: bool = True,
    ) -> Session:
        """The teacher's database: read-only when another window holds its lock.

        With a start cache that matches the file, the file itself is read after the
        first screen (see the module's docstring).  A damaged or too-new database
        raises its :class:`PlgError` here, before any UI starts.
        """
        path = database_path(db_path)
        start = read_start_cache(path, SCHEMA_VERSION) if use_cache else None
        if start is not None:
            try:  # the file is read after the first screen; nothing changes it meanwhile
                lock = take_database_lock(path)
            except DatabaseLocked:
                start = None  # a read-only window reads the file at once
            else:
                session = cls(None, today=today)
                session._path, session._lock, session._start = path, lock, start
                session._start_identity, session._first_call = start.identity, True
                return session
        # What is loaded by now lives as long as the app: out of the collector's rounds
        # (on a large database those rounds cost a tenth of the start-up).
        with gc_paused(freeze=True):
            try:
                store = Store(path)
            except DatabaseLocked:
                store = Store(path, readonly=True)
        return cls(store, today=today)

    def close(self, *, after_error: bool = False) -> None:
        """Remember what the first screen needs for a quick next start, and let go of the file.

        ``after_error=True`` (the UI stopped on an unexpected error) keeps no start cache at
        all, so the next start reads the whole file: a cache that failed never stops it twice.
        """
        if self._store is None:
            if self._lock is not None:  # the file was never read
                self._lock.release()
                self._lock = None
                if after_error:
                    self._remove_start_cache()
            return
        try:
            if after_error:
                self._forget_start()
                self._remove_start_cache()
            else:
                self._save_start_cache()
        finally:
            self._store.close()

    # --- who and what ---------------------------------------------------------------------

    @property
    def has_database(self) -> bool:
        return self._path is not None

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def readonly(self) -> bool:
        """True when another window holds the database (or there is none): nothing is saved."""
        if self._store is None:
            return self._lock is None  # with the lock held, the file is read soon
        return self._store.readonly

    @property
    def me(self) -> str | None:
        """The id of the local teacher (None before the first-run profile, or in review)."""
        if self._store is None:
            return self._start.me if self._start is not None else None
        return self._store.me

    @property
    def can_edit(self) -> bool:
        """Whether the local teacher can change anything (a database, writable, a teacher)."""
        return not self.readonly and self.me is not None

    def me_record(self) -> Record | None:
        return self.index().persons.get(self.me or "")

    def _read_store(self) -> Store | None:
        """The store, the whole file read (None in review mode, or when it could not be read)."""
        if self._store is None:
            self.load()
        return self._store

    def now(self) -> datetime:
        """The moment a change is made (the store's clock, fixed in tests)."""
        return self._writable_store().clock()

    def get(self, record_id: str) -> Record | None:
        """One record by id (a copy to change and save), or None."""
        return store.get(record_id) if (store := self._read_store()) is not None else None

    def records(self, *, include_deleted: bool = False) -> list[Record]:
        """Every record (deleted ones too, as exports and import plans need, when asked)."""
        store = self._read_store()
        return store.list(include_deleted=include_deleted) if store is not None else []

    def setting(self, key: str, *, loaded_only: bool = False) -> Any:
        """A setting; with ``loaded_only`` None while only the start cache has been read."""
        store = self._store if loaded_only else self._read_store()
        return store.setting(key) if store is not None else None

    def shared_records(self) -> list[Record]:
        """Every record, deleted ones too, WITHOUT copying: for reading only (an export, a plan)."""
        self.index()
        return list(self._records.values()) if self._records is not None else []

    # --- the index ------------------------------------------------------------------------

    @property
    def data_version(self) -> int:
        """Rises whenever the records change; screens compare it to skip needless refreshes."""
        if self._store is None and self._lock is not None:
            return self._version  # nothing changed since the start cache was written
        self.index()
        return self._version

    def index(self) -> RecordIndex:
        """All records, grouped; read from the store only when the file changed."""
        if self._store is None:
            if self._lock is None:  # review mode, or the file could not be read
                return self._index or RecordIndex(())
            if self._first_call and self._start is not None:
                self._first_call = False
                self._index = RecordIndex(self._start.records)
                self._index_key = self._file_key()
                self._from_start = True
                self._version += 1
                return self._index
            self.load()
            if self._store is None:  # the file could not be read (see load_error)
                return self._index or RecordIndex(())
        store = self._store
        self._first_call = False
        key = self._file_key()
        if self._records is None or key != self._index_key:
            # Shared with the store, not copied: screens copy a record before changing it.
            shared: list[Record] = store.shared_records()
            self._records = {r.id: r for r in shared}
            self._index = RecordIndex(self._records.values())
            if not (self._from_start and key == self._index_key):
                self._version += 1  # (the start cache showed exactly this file)
            self._index_key = key
            self._from_start = False
        assert self._index is not None
        return self._index

    @property
    def group(self) -> GroupAccess:
        """The PLG and its meetings (:mod:`plgcycle.group_session`)."""
        return GroupAccess(self)

    def colleague_questions(self, listed: Sequence[Record]) -> int:
        """How many questions of colleagues the database holds, given those the index lists.

        That is ``len(listed)``, except while the index is the start cache's, which
        holds only the first few of them and their total.
        """
        if self._from_start and self._start is not None:
            return self._start.colleague_questions
        return len(listed)

    def load(self) -> None:
        """Read the whole database now, if that has not happened yet.

        When the first screen was drawn from a start cache that turns out not to
        match the file, the listeners hear :data:`RELOADED`.  A file that cannot be
        read any more sets :attr:`load_error` (the UI closes and reports it).
        """
        self._first_call = False
        if self._store is not None or self._lock is None or self._path is None:
            return
        start = self._start
        try:
            with gc_paused(freeze=True):  # what is read lives as long as the app
                self._store = Store(self._path, lock=self._lock)
                self._lock = None  # the store's now
                self.index()
        except PlgError as error:
            self.load_error = error
            if self._store is not None:  # the store holds the lock by now
                self._store.close()
                self._store = None
            elif self._lock is not None:
                self._lock.release()
            self._lock = None
            self._changed(FAILED)
            return
        if start is not None and not self._start_matches(start):
            self._forget_start()
            self._version += 1
            self._changed(RELOADED)

    def _file_key(self) -> tuple | None:
        # Every write replaces the file, so its identity changes; that also catches
        # writes made outside this session (another program, a restore).
        if self._path is None:
            return None
        try:
            stat = os.stat(self._path)
        except OSError:
            return None
        return (id(self._store), stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _start_matches(self, start: StartCache) -> bool:
        """Whether the start cache holds exactly what the whole file gives the first screen."""
        index, me = self.index(), self.me
        expected = first_screen_records(index, me)
        return (
            start.me == me
            and start.colleague_questions == len(colleague_rounds(index, me))
            and [(r.to_dict(), r.sig) for r in expected]
            == [(r.to_dict(), r.sig) for r in start.records]
        )

    def _forget_start(self) -> None:
        self._start, self._start_identity = None, None
        if self._from_start:
            self._index, self._records, self._from_start = None, None, False
        self._remove_start_cache()

    def _remove_start_cache(self) -> None:
        if self._path is None:
            return
        try:
            os.remove(cache_path(self._path))
        except OSError:
            pass

    def _save_start_cache(self) -> None:
        store = self._store
        if store is None or store.readonly or self.load_error is not None:
            return
        identity = file_identity(store.path)
        if identity is None or identity == self._start_identity:
            return  # no database, or the cache read at start still matches it
        index = self.index()
        if self._index_key is None or list(self._index_key[1:]) != identity:
            return
        me = self.me
        write_start_cache(
            store.path,
            SCHEMA_VERSION,
            identity,
            me,
            first_screen_records(index, me),
            len(colleague_rounds(index, me)),
        )

    # --- changing -------------------------------------------------------------------------

    def _writable_store(self) -> Store:
        self.index()  # the whole file, and the cache matching it, before it is updated
        if self._store is None:
            raise InvalidInput(_("There is no database to save in."))
        return self._store

    def save(self, records: Iterable[Record]) -> list[Record]:
        """Save records in one write; raises a PlgError (the file stays as it was)."""
        store = self._writable_store()
        try:
            saved: list[Record] = store.save_many(list(records))
        except PlgError:
            self._records = None  # the store reloaded the intact file; so do we
            raise
        # Update the cache with what was written instead of reading everything again.
        assert self._records is not None
        for record in saved:
            self._records[record.id] = record.copy()
        self._index = RecordIndex(self._records.values())
        self._index_key = self._file_key()
        self._version += 1
        self._changed(SAVED)
        return saved

    def create_me(self, person: Record) -> Record:
        """Make the local teacher's profile (the first-run screen)."""
        store = self._writable_store()
        try:
            return store.create_me(person)
        finally:
            self._records = None
            self._changed(SAVED)

    def apply_import(self, plan: Any, settings: dict[str, str] | None = None) -> None:
        """Carry out an import plan (and remember settings such as its folder) in one write."""
        from .exchange import apply_plan

        store = self._writable_store()
        try:
            with store.batch():
                apply_plan(store, plan)
                for key, value in (settings or {}).items():
                    if store.setting(key) != value:
                        store.set_setting(key, value)
        finally:
            self._records = None
            self._changed(SAVED)

    def set_settings(self, values: dict[str, Any]) -> None:
        """Change settings (not records) in one write; raises a PlgError when it cannot."""
        store = self._writable_store()
        with store.batch():
            for key, value in values.items():
                if store.setting(key) != value:
                    store.set_setting(key, value)

    # --- the shared folder (plgcycle.share does the work) -----------------------------------

    def share_config(self) -> Any:
        """Where this teacher shares (a ``sharesettings.ShareConfig``), or None."""
        from .sharesettings import config_from

        if not self.has_database or self.me is None:
            return None
        return config_from(self.setting)

    def share_sync(self, config: Any) -> Any:
        """A ``share.Sync`` of this database with ``config``'s folder (look at it off the UI
        thread with ``look``, then hand it to :meth:`share_take_in`)."""
        from .share import Sync

        assert self._path is not None and self.me is not None
        if self.can_edit:
            try:
                self.signing_key()  # the own file is signed: a database from before gets its key
            except PlgError:
                pass  # writing the own file then says what is wrong
        return Sync(config, self._path, self.me, self.shared_records())

    def share_take_in(self, sync: Any) -> None:
        """Take in what a look at the shared folder found, in one write (not in a read-only
        window: the window holding the database does that); every screen then refreshes."""
        plan = sync.planned(
            self.shared_records(), pins=self.keys("pins"), accepted=self.keys("accepted")
        )
        if self.readonly:
            return
        if plan is not None and plan.changes:
            self.apply_import(plan)
            sync.taken_in(self.shared_records())
            self._changed(RELOADED)
        else:
            sync.taken_in(None)

    def keys(self, kind: str) -> dict[str, str]:
        """Colleagues' keys the database remembers (``pins``, ``accepted``, ``confirmed``)."""
        return store.keys(kind) if (store := self._read_store()) is not None else {}

    def remember_confirmed(self, person: str, key: str, *, accept: bool = False) -> None:
        """Remember that ``person``'s ``key`` was confirmed (their check code compared);
        ``accept``: it is also the key that counts for them from now on (a new laptop).

        In the open database; in a review of files, in the teacher's own database on disk
        (made when it is not there yet).  Raises a PlgError when it cannot be written.
        """
        store = self._store
        if store is not None and store.readonly:
            raise InvalidInput(
                _("This window is read-only (the database is open in another window).")
            )
        with store.batch() if store is not None else Store(self._keys_db) as target:
            for kind in ("confirmed", "accepted") if accept else ("confirmed",):
                target.set_keys(kind, {**target.keys(kind), person: key})

    def signing_key(self):
        """The local teacher's signing key (:mod:`plgcycle.ownkey`), made when first needed.

        Raises a PlgError when there is no teacher or the key file cannot be used.
        """
        from .ownkey import ensure_key

        return self._with_own_key(ensure_key)

    def own_controlecode(self) -> str | None:
        """The controlecode of the local teacher's key (None without a teacher or key)."""
        from .ownkey import own_controlecode

        if self._read_store() is None:
            return None
        return self._with_own_key(own_controlecode)

    def _with_own_key(self, action):
        store = self._read_store()
        if store is None:
            raise InvalidInput(_("There is no database to save in."))
        before = self._file_key()
        try:
            return action(store)
        finally:
            if self._file_key() != before:  # the person record now names the key
                self._records = None
                self._changed(SAVED)

    # --- read-only and listeners ----------------------------------------------------------

    def try_writable(self) -> bool:
        """Reopen a read-only database for writing once the other window let go of it."""
        old = self._store
        if old is None or not old.readonly:
            return False
        try:
            writable = Store(old.path, clock=old.clock)
        except PlgError:
            return False
        self._store = writable
        old.close()
        self._records = None
        self._changed(WRITABLE)
        return True

    def on_change(self, listener: Listener) -> None:
        """Call ``listener(reason)`` whenever the records change (:data:`SAVED`, ...)."""
        self._listeners.append(listener)

    def _changed(self, reason: str) -> None:
        for listener in list(self._listeners):
            listener(reason)
