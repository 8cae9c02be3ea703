"""The start cache: what the first screen needs, so a large database opens quickly.

A teacher's database grows with every import of colleagues' work; a PLG-wide one
holds thousands of records, and reading all of them before Home appears made the
start noticeably slower.  Home itself needs only a few dozen records (see
:func:`plgcycle.index.first_screen_records`).  When the app closes it writes
those to ``<db>.start`` together with the identity of the database file they
came from (inode, modification time in nanoseconds, size).

At the next start the cache is used only when that identity still matches the
file: every save replaces the file (a new inode and time), so any change made
since, by plgcycle or anything else, makes the cache stale and the database is
read in full before the first screen, as without a cache.  Even a valid cache
only draws the first frame: the whole file is read right after it, before any
key is handled, and nothing is ever saved from the cached records.  The app then
checks the cache against the whole file: a cache that does not match (or that
Home cannot even draw) is replaced, and Home is drawn again from the file.

The cache is a convenience, never a source of truth: it is written atomically
with owner-only permissions (it holds the same kind of text as the database),
a cache that cannot be read or written is ignored, and deleting it is always
safe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import orjson

from .dbfile import check_record_types
from .files import atomic_write, real_path
from .model import Record

CACHE_VERSION = 1


@dataclass(frozen=True)
class StartCache:
    me: str | None
    records: list[Record]
    colleague_questions: int  # how many colleagues' questions the whole database holds
    identity: list[int]  # of the database file it was written for (and still matches)


def cache_path(db_path: Path) -> Path:
    """Beside the real database file, whatever path (a symlink) led to it."""
    real = real_path(db_path)
    return real.with_name(real.name + ".start")


def file_identity(path: Path) -> list[int] | None:
    """Changes whenever the file is replaced or written (None when it is missing)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_ino, stat.st_mtime_ns, stat.st_size]


def read_start_cache(db_path: Path, schema: int) -> StartCache | None:
    """The cache for this exact database file, or None (missing, stale or unreadable)."""
    identity = file_identity(db_path)
    if identity is None:
        return None
    try:
        raw = orjson.loads(cache_path(db_path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    try:
        if raw["version"] != CACHE_VERSION or raw["schema"] != schema or raw["file"] != identity:
            return None
        me = raw["me"]
        docs = raw["records"]
        check_record_types(
            {str(n): doc for n, doc in enumerate(docs)}
        )  # the envelope, as the store
        records = [Record.from_dict(doc) for doc in docs]
        count = raw["colleague_questions"]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if not (me is None or isinstance(me, str)) or not isinstance(count, int):
        return None
    return StartCache(me, records, count, identity)


def _with_sig(record: Record) -> dict:
    raw = record.to_dict()
    if record.sig is not None:  # a colleague's signature: the first screen marks the unsigned
        raw["sig"] = record.sig
    return raw


def write_start_cache(
    db_path: Path,
    schema: int,
    identity: list[int],
    me: str | None,
    records: list[Record],
    colleague_questions: int,
) -> bool:
    """Write the cache for the database file with ``identity``; False when that failed."""
    payload = orjson.dumps(
        {
            "version": CACHE_VERSION,
            "schema": schema,
            "file": identity,
            "me": me,
            "colleague_questions": colleague_questions,
            "records": [_with_sig(record) for record in records],
        }
    )
    try:
        atomic_write(cache_path(db_path), payload)
    except OSError:
        return False
    return True
