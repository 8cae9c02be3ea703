"""Sharing through the PLG's shared folder: the teacher's own file out, colleagues' files in.

Each teacher sets the folder once (``plgcycle share FOLDER``, ``plgcycle init --share``
or *Mijn gegevens* in the app; the settings are :mod:`plgcycle.sharesettings`).  From
then on a :class:`Sync`

1. looks at the folder (:meth:`Sync.look`, off the UI thread): every file that changed
   since the last sync is parsed and checked by the import's own reader
   (:func:`scan_folder`; unchanged ones are known by size, time and hash,
   :mod:`plgcycle.sharefolder`);
2. takes colleagues' work in with the import's rules (:meth:`Sync.planned`: a colleague's
   file never changes the teacher's own work), saved by the caller in one write;
3. writes the teacher's own export into the folder as one file with a stable name
   (:meth:`Sync.write`), with the function ``plgcycle export`` uses, and only when its
   content changed.

The export is deterministic: its moment (``exported_at``) is the newest change among the
records it holds, so the same work gives the same bytes and an unchanged database writes
no file (sync clients upload nothing, a git work tree shows no change).

Every call into :mod:`plgcycle.exchange` (preview, export, parsing, import planning) is
in this module, so when the export format changes (signed files) sharing follows.

Privacy: the folder receives exactly what the export preview shows.  The teacher sees the
preview when setting the folder; the kinds of records and the names it held then are the
agreed scope.  When the file would hold more (a first try-out, a colleague's name in
feedback) it is not written until the teacher has seen the preview again and agreed
(:func:`widening`, :meth:`Sync.prepare`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .errors import ExchangeError
from .i18n import _
from .model import Record, iso, parse_iso
from .sharefolder import (
    EXPORT,
    OTHER,
    OWN,
    FolderCache,
    Known,
    OwnFile,
    digest,
    is_export_name,
    list_folder,
    own_key,
    records_key,
    sniff,
)
from .sharesettings import (
    FILE_SETTING,
    FOLDER_SETTING,
    SCOPE_SETTING,
    STOP_SETTINGS,
    FolderUnavailable,
    ShareConfig,
    check_folder,
    config_from,
    merged_scope,
    share_settings,
    unavailable,
)
from .textsafe import printable

__all__ = [
    "FILE_SETTING",
    "FOLDER_SETTING",
    "SCOPE_SETTING",
    "STOP_SETTINGS",
    "FolderScan",
    "FolderUnavailable",
    "OwnExport",
    "ShareConfig",
    "Sync",
    "check_folder",
    "config_from",
    "merged_scope",
    "own_file_name",
    "prepare_own",
    "read_shared_folder",
    "scan_folder",
    "share_settings",
    "widening",
    "write_own",
]


def own_file_name(person: Record) -> str:
    """``sanne-de-vries-0f8fad5b.plgcycle.json``: the name, and enough of the id that two
    colleagues with one name never write one file."""
    from .exchange import SUFFIX
    from .exchange.writing import slug

    return f"{slug(person.text('name'))}-{person.id[:8]}{SUFFIX}"


# --- the teacher's own file ------------------------------------------------------------------


class OwnExport(NamedTuple):
    """The teacher's export as the shared folder would receive it."""

    preview: Any  # plgcycle.exchange.ExportPreview
    person: Record
    moment: datetime  # exported_at: the newest change among the records
    fingerprint: str
    scope: dict
    source: str  # own_key of the records it is made from


def fingerprint(
    exported_at: str, exported_by: dict, profile: str, records: Iterable[Record]
) -> str:
    """What makes two exports the same file, whatever bytes the format writes them with."""
    body = {
        "exported_at": exported_at,
        "exported_by": {"id": exported_by.get("id"), "name": exported_by.get("name", "")},
        "profile": profile,
        "records": [r.to_dict() for r in records],
    }
    return digest(orjson.dumps(body, option=orjson.OPT_SORT_KEYS))


def _file_print(found) -> str:
    return fingerprint(found.exported_at, found.exported_by, found.profile, found.records)


def prepare_own(records: Iterable[Record], me: str | None) -> OwnExport | None:
    """The teacher's own export (full profile), or None without a teacher."""
    from .exchange import PROFILE_FULL, prepare_export

    records = list(records)
    person = next((r for r in records if r.id == me and not r.deleted), None)
    if me is None or person is None:
        return None
    preview = prepare_export(records, me, PROFILE_FULL)
    moment = max(parse_iso(r.updated_at) for r in preview.records)
    by = {"id": person.id, "name": person.text("name")}
    return OwnExport(
        preview,
        person,
        moment,
        fingerprint(iso(moment), by, PROFILE_FULL, preview.records),
        {
            "kinds": sorted(kind for kind, count in preview.counts.items() if count),
            "people": sorted(set(preview.people)),
        },
        own_key(records, me),
    )


def widening(agreed: dict | None, own: OwnExport) -> list[str]:
    """What the file would hold that the teacher has not agreed to share yet, in words."""
    from .exchange.preview import kind_count

    agreed = agreed or {}
    kinds, people = set(agreed.get("kinds") or ()), set(agreed.get("people") or ())
    new = [kind_count(k, own.preview.counts[k]) for k in own.scope["kinds"] if k not in kinds]
    new += [
        _("the name {name}").format(name=printable(name, single_line=True))
        for name in own.scope["people"]
        if name not in people
    ]
    return new


def _raw(path: str | Path) -> bytes:
    from .exchange import MAX_FILE_BYTES
    from .readfile import read_regular_file

    return read_regular_file(path, MAX_FILE_BYTES)


def _parse(raw: bytes, path: str | Path, label: str):
    """Check and parse one export as ``plgcycle import`` does (an ExportFile)."""
    from .exchange import parse_export

    return parse_export(raw, Path(path), label=label)


def write_own(folder: Path, name: str, own: OwnExport, cache: FolderCache, db_path: Path) -> bool:
    """Put the teacher's export in the folder as ``name``; False when it was there already.

    An unchanged file is recognised by its identity (as this database last wrote or
    checked it) or else by its content, and never written again.  The write is the
    export's own (``export_to``): a temporary name beside it, then a rename.
    """
    from .exchange import export_to

    path = folder / name
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        stat = None
    except OSError as exc:
        raise unavailable(folder, exc) from exc
    if stat is not None:
        mark = cache.own
        if mark is not None and mark[:4] == (name, stat.st_size, stat.st_mtime_ns, own.fingerprint):
            return False
        try:
            raw = _raw(path)
            found = _parse(raw, path, name)
        except (OSError, ExchangeError):
            found = None  # damaged or cut short: written anew
        if found is not None and _file_print(found) == own.fingerprint:
            _remember_own(cache, name, stat, raw, own)
            return False
    export_to(path, own.preview, own.person, own.moment, source=db_path)
    try:  # what was written, so that the next look at the folder need not parse it
        from .readfile import read_regular_file

        raw = read_regular_file(path)
        stat = os.stat(path)
    except OSError:
        cache.own = None
    else:
        _remember_own(cache, name, stat, raw, own)
    return True


def _remember_own(cache: FolderCache, name: str, stat, raw: bytes, own: OwnExport) -> None:
    cache.own = OwnFile(name, stat.st_size, stat.st_mtime_ns, own.fingerprint, own.source)
    cache.files[name] = Known(stat.st_size, stat.st_mtime_ns, digest(raw), OWN)


# --- colleagues' files ---------------------------------------------------------------------------


class FolderScan:
    """What one look at the folder found: the files to take in, and what to remember."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key  # the colleagues' records this scan started from (records_key)
        self.files: list = []  # ExportFile: colleagues' files that changed, by name
        self.seen: dict[str, Known] = {}  # every file's identity, as it is now
        self.notices: list[str] = []  # files skipped this time, one line each
        self.unchanged = 0  # files not parsed again
        self.parsed = 0

    @property
    def exports(self) -> int:
        """How many colleagues' exports the folder holds (copies of one file included)."""
        return sum(1 for known in self.seen.values() if known.verdict == EXPORT)


def scan_folder(
    folder: Path, cache: FolderCache, me: str | None, key: str, own_name: str | None = None
) -> FolderScan:
    """Look at every file in ``folder``; parse and check only those that changed.

    Touches no database (it may run off the UI thread).  A file that cannot be used
    now (half synced, cut short, damaged) is skipped with a notice and read again
    next time; one that vanishes meanwhile changes nothing.  Raises
    :class:`FolderUnavailable` when the folder cannot be listed.
    """
    scan = FolderScan(folder, key)
    trusted = cache.records == key
    try:
        entries = list_folder(folder)
    except OSError as exc:
        raise unavailable(folder, exc) from exc
    for entry in entries:
        known = cache.files.get(entry.name)
        if known is not None and known.verdict == EXPORT and not trusted:
            known = None  # taken into other records than these: read again
        if known is not None and known.same_stat(entry):
            scan.seen[entry.name] = known
            scan.unchanged += 1
            continue
        if not is_export_name(entry.name) and not sniff(entry.path):
            scan.seen[entry.name] = Known(entry.size, entry.mtime_ns, "", OTHER)
            continue
        try:
            raw = _raw(entry.path)
        except FileNotFoundError:
            continue  # gone meanwhile: it changes nothing
        except OSError as exc:
            scan.notices.append(_skipped(entry.name, exc))
            continue
        sha = digest(raw)
        if known is not None and known.sha256 == sha and known.verdict != OTHER:
            scan.seen[entry.name] = known._replace(size=len(raw), mtime_ns=entry.mtime_ns)
            scan.unchanged += 1  # touched, not changed: taken in before
            continue
        try:
            found = _parse(raw, entry.path, entry.name)
        except ExchangeError as exc:
            scan.notices.append(
                str(exc) + " " + _("Skipped for now; it is read again at the next sync.")
            )
            continue
        scan.parsed += 1
        mine = me is not None and found.exported_by.get("id") == me
        scan.seen[entry.name] = Known(len(raw), entry.mtime_ns, sha, OWN if mine else EXPORT)
        if not mine:
            scan.files.append(found)
        elif entry.name == own_name:
            cache.own = OwnFile(entry.name, len(raw), entry.mtime_ns, _file_print(found), "")
    return scan


def read_shared_folder(folder: Path) -> FolderScan:
    """Every export in a shared folder, recognised by content (sync clients' copies too),
    and one notice per file that cannot be used now: what a facilitator's review of the
    folder needs (``scan.files``), without a database or a cache."""
    return scan_folder(folder, FolderCache(str(folder)), None, "")


def _skipped(name: str, exc: OSError) -> str:
    from .files import describe_os_error

    return _("{file}: cannot be read now ({reason}); it is read again at the next sync.").format(
        file=printable(name, single_line=True), reason=describe_os_error(exc)
    )


# --- one sync, in steps -------------------------------------------------------------------------


class Sync:
    """One sync of a database with its shared folder, in steps a UI can spread over threads.

    ``look`` does only file work (any thread); the other steps read the records they
    are given; saving is the caller's (the store, or the session).
    """

    def __init__(self, config: ShareConfig, db_path: Path, me: str, records: Sequence[Record]):
        self.config = config
        self.db_path = db_path
        self.me = me
        self.key = records_key(records, me)
        self.cache = FolderCache(str(config.folder))
        self.scan: FolderScan | None = None
        self.plan: Any = None  # plgcycle.exchange.Plan of what changed, or None
        self.saved = False  # whether the plan was saved (not in a read-only window)
        self.own: OwnExport | None = None
        self.new: list[str] = []  # what the own file would newly hold (a yes is needed)
        self._own_stat: tuple[int, int] | None = None

    def look(self, read: bool = True) -> None:
        """Read the cache and the folder (``read``), and the own file's identity."""
        config = self.config
        self.cache = FolderCache.load(self.db_path, config.folder)
        if read:
            self.scan = scan_folder(config.folder, self.cache, self.me, self.key, config.file_name)
        try:
            stat = os.stat(config.folder / config.file_name)
            self._own_stat = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            self._own_stat = None

    def planned(
        self,
        records: Iterable[Record],
        *,
        pins: dict[str, str] | None = None,
        accepted: dict[str, str] | None = None,
    ):
        """The import of what changed in the folder (a Plan), or None when nothing did.

        ``pins`` and ``accepted``: the colleagues' keys the database remembers (as
        ``plgcycle import`` uses them), so that a file with another key for a known
        colleague is refused here too, never taken as a first key.
        """
        if self.scan is not None and self.scan.files:
            from .exchange import plan_import

            self.plan = plan_import(records, self.me, self.scan.files, pins=pins, accepted=accepted)
        return self.plan

    def apply(self, store) -> None:
        """Save the plan into an open store (as ``plgcycle import`` does), then remember."""
        if self.plan is not None and self.plan.changes:
            from .exchange import apply_plan

            apply_plan(store, self.plan)
            self.taken_in(store.shared_records())
        else:
            self.taken_in(None)

    def taken_in(self, records: Iterable[Record] | None) -> None:
        """The plan was saved (``records``: the database now; None: nothing changed)."""
        self.saved = True
        if self.scan is not None:
            waiting = self.waiting()
            self.cache.files = {n: k for n, k in self.scan.seen.items() if n not in waiting}
            self.cache.records = self.key if records is None else records_key(records, self.me)

    def prepare(self, records: Sequence[Record]) -> list[str]:
        """Work out the own file; what it would newly hold (empty: it may be written).

        When the own records are as they were at the last write and the file in the
        folder is still that one, there is nothing to do (and nothing to work out).
        """
        mark = self.cache.own
        if (
            mark is not None
            and mark.name == self.config.file_name
            and mark.source
            and (mark.size, mark.mtime_ns) == self._own_stat
            and mark.source == own_key(records, self.me)
        ):
            self.own, self.new = None, []
            return []
        self.own = prepare_own(records, self.me)
        self.new = widening(self.config.scope, self.own) if self.own is not None else []
        return self.new

    def agreed(self) -> dict:
        """The scope to store once the teacher agreed to what is new."""
        assert self.own is not None
        return merged_scope(self.config.scope, self.own.scope)

    def write(self) -> bool:
        """Write the own file when it changed (after :meth:`prepare`, and a yes when it asked
        one); keep what was read.  True when a file was written."""
        written = False
        if self.own is not None:
            written = write_own(
                self.config.folder, self.config.file_name, self.own, self.cache, self.db_path
            )
        self.cache.save(self.db_path)
        return written

    # --- in words ---------------------------------------------------------------------------

    def _ids(self) -> tuple[set[str], set[str]]:
        added: set[str] = set()
        updated: set[str] = set()
        for summary in self.plan.summaries if self.plan is not None else ():
            added.update(r.id for r in summary.added)
            updated.update(r.id for r in summary.updated)
        return added, updated - added

    @property
    def added(self) -> int:
        """Records new to the database (one that two copies brought counts once)."""
        return len(self._ids()[0])

    @property
    def updated(self) -> int:
        """Records the database held in an older version."""
        return len(self._ids()[1])

    @property
    def senders(self) -> list[str]:
        """Who brought something new, by name."""
        names: list[str] = []
        for summary in self.plan.summaries if self.plan is not None else ():
            name = summary.file.sender_name or summary.file.label
            if (summary.added or summary.updated) and name not in names:
                names.append(name)
        return names

    def waiting(self) -> set[str]:
        """Names of files whose records wait for a key: read again at every sync."""
        from .exchange.accepting import waiting_files

        return waiting_files(self.plan)

    def warnings(self) -> list[str]:
        """What the trust rules left out this time, as ``plgcycle import`` says it: a line
        per key that is not used (another key for a known colleague), then per file."""
        plan = self.plan
        if plan is None:
            return []
        lines = list(plan.notices())
        for summary in plan.summaries:
            line = summary.verdict.line() if summary.verdict is not None else None
            if line:
                lines.append(line)
        return lines

    def news(self) -> str | None:
        """One line on what came in, or None when nothing did."""
        if not (self.added or self.updated):
            return None
        values = {
            "names": ", ".join(printable(n, single_line=True) for n in self.senders),
            "added": self.added,
            "updated": self.updated,
        }
        if not self.saved:
            return _(
                "From {names}: {added} new and {updated} updated; not saved, because this "
                "database is open read-only."
            ).format(**values)
        return _("From {names}: {added} new, {updated} updated.").format(**values)
