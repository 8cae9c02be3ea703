"""The shared folder's files: which names to look at, and what was read there before.

A PLG's shared folder is kept in step by a sync client (OneDrive, SharePoint, Google
Drive, Dropbox, Nextcloud, Syncthing) or is a git work tree.  Besides the teachers'
exports it holds the clients' own files and, sometimes, their copies of a file that
changed on two computers at once.  The clients put their mark before the last
extension, so a copy of ``naam.plgcycle.json`` is named like:

* ``naam.plgcycle-LAPTOP.json`` (OneDrive, SharePoint)
* ``naam.plgcycle (Laptop's conflicted copy 2026-12-01).json`` (Dropbox)
* ``naam.plgcycle (1).json`` (Google Drive)
* ``naam.plgcycle (conflicted copy 2026-12-01 101010).json`` (Nextcloud)
* ``naam.plgcycle.sync-conflict-20261201-101010-ABCDEFG.json`` (Syncthing)

Every such copy is read like any export (:func:`is_export_name`), and any other
``.json`` file whose first bytes say ``"plgcycle-export"`` too (:func:`sniff`): a file
is recognised by its content.  Names the clients use for files in transit, their own
bookkeeping and hidden entries (``.git`` included) are never read
(:func:`is_ignored`).

:class:`FolderCache` remembers, beside the database (``<db>.sharecache``), each file's
identity as last read: size, modification time in nanoseconds and SHA-256 of its
bytes.  A file whose size and time are unchanged is not opened again; one whose
bytes hash the same (a sync client or ``git checkout`` touched it) is not parsed or
checked again.  Like the start cache it is a convenience only: it is written
atomically and owner-only, a damaged or missing one means every file is read again,
and it is valid only while the colleagues' records in the database are the ones it
was written with (:attr:`FolderCache.records`), so a restored backup or an import
made elsewhere makes the next sync read everything again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import orjson

from .files import atomic_write, real_path
from .model import Record

CACHE_VERSION = 1
SNIFF_BYTES = 4096
MARK = b'"plgcycle-export"'

#: Verdicts kept per file: read and taken in; a teacher's own file (nothing to take in);
#: not a plgcycle export at all.
EXPORT, OWN, OTHER = "export", "own", "other"

# What sync clients and systems leave in a folder besides people's files.
_IGNORED = frozenset({"desktop.ini", "thumbs.db", "icon\r"})
_IN_TRANSIT = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".!sync", "~")


def is_ignored(name: str) -> bool:
    """Names never read: hidden entries (``.git``, ``.stfolder``, Syncthing's and plgcycle's
    temporary files, ``.~lock``), ``~`` names (``~syncthing~*.tmp``, Office's ``~$``), files
    in transit (``.tmp``, ``.part``, ``.crdownload``, ...) and the system's own files."""
    folded = name.casefold()
    return name.startswith((".", "~")) or folded in _IGNORED or folded.endswith(_IN_TRANSIT)


def is_export_name(name: str) -> bool:
    """Named like an export or a sync client's copy of one: ``.plgcycle`` and then ``.json``."""
    folded = name.casefold()
    return folded.endswith(".json") and ".plgcycle" in folded[:-5]


def sniff(path: str) -> bool:
    """Whether a ``.json`` file with another name says it is a plgcycle export."""
    from .readfile import read_regular_file

    try:
        head = read_regular_file(path, SNIFF_BYTES)
    except OSError:
        return False
    return MARK in head


class Entry(NamedTuple):
    """A file in the shared folder as listed: its name and identity without its bytes."""

    name: str
    path: str  # (no Path object: most files of a look are known and need none)
    size: int
    mtime_ns: int


def list_folder(folder: Path) -> list[Entry]:
    """The regular files directly in ``folder`` that may be exports, by name.

    Raises OSError when the folder cannot be listed.  A file that disappears while
    it is listed is left out.
    """
    found = []
    with os.scandir(folder) as entries:
        for item in entries:
            name = item.name
            if is_ignored(name) or not name.casefold().endswith(".json"):
                continue
            try:
                if not item.is_file():
                    continue
                stat = item.stat()
            except OSError:
                continue  # gone meanwhile: it changes nothing
            found.append(Entry(name, item.path, stat.st_size, stat.st_mtime_ns))
    found.sort(key=lambda e: (e.name.casefold(), e.name))
    return found


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Known(NamedTuple):
    """What was read from one file: its identity then, and what it turned out to be."""

    size: int
    mtime_ns: int
    sha256: str
    verdict: str  # EXPORT, OWN or OTHER

    def same_stat(self, entry: Entry) -> bool:
        return self.size == entry.size and self.mtime_ns == entry.mtime_ns


class OwnFile(NamedTuple):
    """The teacher's own file as this database last wrote or checked it."""

    name: str
    size: int
    mtime_ns: int
    fingerprint: str  # of the file's content (plgcycle.share.fingerprint)
    source: str  # own_key of the records it was made from ("" when not known)


def _versions(records: Iterable[Record]) -> str:
    return digest("\n".join(sorted(f"{r.id}:{r.rev}:{r.updated_at}" for r in records)).encode())


def records_key(records: Iterable[Record], me: str | None) -> str:
    """A digest of the versions of every record the teacher does not own (tombstones too).

    Only an import changes those; a cache written with another key was written for
    other data (a restored backup, an import made outside the shared folder).
    """
    return _versions(r for r in records if r.owner != me)


def own_key(records: Iterable[Record], me: str | None) -> str:
    """A digest of the versions of the teacher's own records: every save changes it."""
    return _versions(r for r in records if r.owner == me)


def cache_path(db_path: Path) -> Path:
    real = real_path(db_path)
    return real.with_name(real.name + ".sharecache")


class FolderCache:
    """What the last sync read in one shared folder, for the database it belongs to."""

    def __init__(
        self,
        folder: str,
        records: str = "",
        files: dict[str, Known] | None = None,
        own: OwnFile | None = None,
    ) -> None:
        self.folder = folder
        self.records = records
        self.files: dict[str, Known] = files or {}
        self.own = own
        self._written: bytes | None = None  # the payload on disk, when known

    @classmethod
    def load(cls, db_path: Path, folder: Path) -> FolderCache:
        """The cache for ``folder``; an empty one when missing, damaged or of another folder."""
        empty = cls(str(folder))
        try:
            raw = orjson.loads(cache_path(db_path).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return empty
        try:
            if raw["version"] != CACHE_VERSION or raw["folder"] != str(folder):
                return empty
            files = {
                str(name): Known(int(k[0]), int(k[1]), str(k[2]), str(k[3]))
                for name, k in raw["files"].items()
            }
            own = raw.get("own")
            own_file = (
                OwnFile(str(own[0]), int(own[1]), int(own[2]), str(own[3]), str(own[4]))
                if own
                else None
            )
            cache = cls(str(folder), str(raw["records"]), files, own_file)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return empty
        cache._written = cache._payload()
        return cache

    def _payload(self) -> bytes:
        return orjson.dumps(
            {
                "version": CACHE_VERSION,
                "folder": self.folder,
                "records": self.records,
                "files": {name: list(known) for name, known in sorted(self.files.items())},
                "own": list(self.own) if self.own else None,
            }
        )

    def save(self, db_path: Path) -> bool:
        """Write the cache (atomically, owner-only) when it changed; False when that failed
        (no harm done: the next sync reads more)."""
        payload = self._payload()
        if payload == self._written:
            return True
        try:
            atomic_write(cache_path(db_path), payload)
        except OSError:
            return False
        self._written = payload
        return True


def remove_cache(db_path: Path) -> None:
    """Forget what was read (the next sync reads every file again)."""
    try:
        os.remove(cache_path(db_path))
    except OSError:
        pass
