"""The session: the one way in to the data for a user interface.

A :class:`Session` owns the open :class:`~plgcycle.store.Store`, the record index
built from it (and the cache that avoids rebuilding it), saving, the data version
that rises whenever the records change, and a change notification.  The app
creates one session and hands it to its screens; a screen reads and saves only
through it, never through the store.

The start cache (see :mod:`plgcycle.startcache`) lives here and nowhere else:
when the database file is exactly the one the cache was written for, the first
call of :meth:`Session.index` (the first screen) gets the few records that screen
needs, and every later call reads the whole file.  The UI asks for that read
right after its first frame with :meth:`Session.load`, which does nothing when
the file has been read already.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .clock import today as local_today
from .cycle import RecordIndex, colleague_rounds, first_screen_records
from .errors import DatabaseLocked, InvalidInput, PlgError
from .gctools import gc_paused
from .i18n import _
from .model import Record
from .startcache import StartCache, cache_path, file_identity, read_start_cache, write_start_cache
from .store import SCHEMA_VERSION, Store, resolve_path

#: Why the records changed, as passed to the listeners of :meth:`Session.on_change`.
SAVED = "saved"  # records were saved through this session (the saving screen knows)
RELOADED = "reloaded"  # the records on screen may be stale: every screen should refresh
WRITABLE = "writable"  # a read-only session can save again
FAILED = "failed"  # the file could not be read after the first screen: see load_error


Listener = Callable[[str], None]


class Session:
    """Records, index and saving for one open database (or none: the facilitator's review)."""

    def __init__(self, store: Store | None, *, today: date | None = None,
                 start: StartCache | None = None) -> None:
        self._store = store
        self.today = today or local_today()
        self._start = start if store is not None and not store.loaded else None
        self._start_identity = self._start.identity if self._start is not None else None
        self._first_call = self._start is not None
        self._from_start = False
        self._records: dict[str, Record] | None = None
        self._index: RecordIndex | None = None
        self._index_key: tuple | None = None
        self._version = 0
        self._listeners: list[Listener] = []
        self.load_error: PlgError | None = None

    # --- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, db_path: str | os.PathLike | None = None, *, today: date | None = None,
             use_cache: bool = True) -> Session:
        """The teacher's database: read-only when another window holds its lock.

        With a start cache that matches the file, the file itself is read after the
        first screen (see the module's docstring).  A damaged or too-new database
        raises its :class:`PlgError` here, before any UI starts.
        """
        path = resolve_path(db_path)
        start = read_start_cache(path, SCHEMA_VERSION) if use_cache else None
        # What is loaded by now lives as long as the app: out of the collector's rounds
        # (on a large database those rounds cost a tenth of the start-up).
        with gc_paused(freeze=True):
            try:
                store = Store(path, defer_read=start is not None)
            except DatabaseLocked:
                store, start = Store(path, readonly=True), None
        return cls(store, today=today, start=start)

    def close(self, *, after_error: bool = False) -> None:
        """Remember what the first screen needs for a quick next start, and let go of the file.

        ``after_error=True`` (the UI stopped on an unexpected error) keeps no start
        cache at all, so the next start reads the whole file: a cache the first
        screen could not draw never stops the app twice.
        """
        if self._store is None:
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
        return self._store is not None

    @property
    def path(self) -> Path | None:
        return self._store.path if self._store is not None else None

    @property
    def readonly(self) -> bool:
        """True when another window holds the database (or there is none): nothing is saved."""
        return self._store is None or self._store.readonly

    @property
    def me(self) -> str | None:
        """The id of the local teacher (None before the first-run profile, or in review)."""
        if self._store is None:
            return None
        if self._start is not None and not self._store.loaded:
            return self._start.me
        return self._store.me

    @property
    def can_edit(self) -> bool:
        """Whether the local teacher can change anything (a database, writable, a teacher)."""
        return not self.readonly and self.me is not None

    def me_record(self) -> Record | None:
        return self.index().persons.get(self.me or "")

    def now(self) -> datetime:
        """The moment a change is made (the store's clock, fixed in tests)."""
        if self._store is None:
            raise InvalidInput(_("There is no database to save in."))
        return self._store.clock()

    def get(self, record_id: str) -> Record | None:
        """One record by id (a copy to change and save), or None."""
        return self._store.get(record_id) if self._store is not None else None

    def records(self, *, include_deleted: bool = False) -> list[Record]:
        """Every record (deleted ones too, as exports and import plans need, when asked)."""
        if self._store is None:
            return []
        return self._store.list(include_deleted=include_deleted)

    def setting(self, key: str) -> Any:
        return self._store.setting(key) if self._store is not None else None

    # --- the index ------------------------------------------------------------------------

    @property
    def data_version(self) -> int:
        """Rises whenever the records change; screens compare it to skip needless refreshes."""
        if self._store is not None and not self._store.loaded:
            return self._version  # nothing changed since the start cache was written
        self.index()
        return self._version

    def index(self) -> RecordIndex:
        """All records, grouped; read from the store only when the file changed."""
        store = self._store
        if store is None:
            return RecordIndex(())
        if not store.loaded:
            if self._first_call and self._start is not None:
                self._first_call = False
                self._index = RecordIndex(self._start.records)
                self._index_key = self._file_key()
                self._from_start = True
                self._version += 1
                return self._index
            self.load()
            if not store.loaded:  # the file could not be read (see load_error)
                return self._index or RecordIndex(())
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
        store = self._store
        self._first_call = False
        if store is None or store.loaded or self.load_error is not None:
            return
        start = self._start
        try:
            with gc_paused(freeze=True):  # what is read lives as long as the app
                store.load()
                self.index()
        except PlgError as error:
            self.load_error = error
            self._changed(FAILED)
            return
        if start is not None and not self._start_matches(start):
            self._forget_start()
            self._version += 1
            self._changed(RELOADED)

    def _file_key(self) -> tuple | None:
        # Every write replaces the file, so its identity changes; that also catches
        # writes made outside this session (another program, a restore).
        try:
            stat = os.stat(self._store.path)  # type: ignore[union-attr]
        except (OSError, AttributeError):
            return None
        return (id(self._store), stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _start_matches(self, start: StartCache) -> bool:
        """Whether the start cache holds exactly what the whole file gives the first screen."""
        index, me = self.index(), self.me
        expected = first_screen_records(index, me)
        return (start.me == me and start.colleague_questions == len(colleague_rounds(index, me))
                and [r.to_dict() for r in expected] == [r.to_dict() for r in start.records])

    def _forget_start(self) -> None:
        self._start, self._start_identity = None, None
        if self._from_start:
            self._index, self._records, self._from_start = None, None, False
        self._remove_start_cache()

    def _remove_start_cache(self) -> None:
        try:
            os.remove(cache_path(self._store.path))  # type: ignore[union-attr]
        except OSError:
            pass

    def _save_start_cache(self) -> None:
        store = self._store
        if store is None or store.readonly or not store.loaded or self.load_error is not None:
            return
        identity = file_identity(store.path)
        if identity is None or identity == self._start_identity:
            return  # no database, or the cache read at start still matches it
        index = self.index()
        if self._index_key is None or list(self._index_key[1:]) != identity:
            return
        me = self.me
        write_start_cache(store.path, SCHEMA_VERSION, identity, me,
                          first_screen_records(index, me), len(colleague_rounds(index, me)))

    # --- changing -------------------------------------------------------------------------

    def _writable_store(self) -> Store:
        if self._store is None:
            raise InvalidInput(_("There is no database to save in."))
        self.index()  # the cache must match the file before it is updated
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
