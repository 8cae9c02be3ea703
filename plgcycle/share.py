"""Sharing through the PLG's shared folder: the teacher's own file out, colleagues' files in.

Each teacher sets the folder once (``plgcycle share FOLDER``, ``plgcycle init --share``
or *Mijn gegevens* in the app).  From then on a sync

1. reads every colleague's file in the folder that changed since the last sync
   (:func:`scan_folder`, incremental through :class:`~plgcycle.sharefolder.FolderCache`)
   and imports it (:func:`plan_sync`: the import rules of ``plgcycle import``, so a
   colleague's file never changes the teacher's own work);
2. writes the teacher's own export into the folder as one file with a stable name
   (:func:`write_own`), with the same function ``plgcycle export`` uses, and only when
   its content changed.

The export is deterministic: its moment (``exported_at``) is the newest change among
the records it holds, so the same work gives the same bytes and an unchanged database
writes no file (sync clients upload nothing, a git work tree shows no change).

Every call into :mod:`plgcycle.exchange` (preview, export, parsing, import planning)
is in this module, so when the export format changes (signed files) sharing follows.

Privacy: the folder receives exactly what the export preview shows.  The teacher sees
the preview when setting the folder; the kinds of records and the names it held then
are the approved *scope* (:data:`SCOPE_SETTING`).  When the file would hold more (a
first try-out, a colleague's name in feedback) it is not written until the teacher
has seen the preview again and agreed (:func:`widening`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .errors import ExchangeError, InvalidInput, PlgError
from .files import real_path
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
    records_key,
    sniff,
)
from .textsafe import printable

FOLDER_SETTING = "share_folder"  # the shared folder (an absolute path)
FILE_SETTING = "share_file"  # the teacher's own file in it (a name, kept once chosen)
SCOPE_SETTING = "share_scope"  # what the teacher agreed the file may hold (see widening)


class FolderUnavailable(PlgError):
    """The shared folder cannot be reached (a drive not connected, a client not set up)."""

    exit_code = 7


class ShareConfig(NamedTuple):
    """Where the teacher shares: the folder, the own file's name, the approved scope."""

    folder: Path
    file_name: str
    scope: dict | None


def config_from(setting: Callable[[str], Any]) -> ShareConfig | None:
    """The shared folder as the database's settings hold it (``setting`` reads one key)."""
    folder, name = setting(FOLDER_SETTING), setting(FILE_SETTING)
    if not isinstance(folder, str) or not folder or not isinstance(name, str) or not name:
        return None
    scope = setting(SCOPE_SETTING)
    return ShareConfig(Path(folder), name, scope if isinstance(scope, dict) else None)


def share_settings(folder: Path, file_name: str, scope: dict) -> dict[str, Any]:
    return {FOLDER_SETTING: str(folder), FILE_SETTING: file_name, SCOPE_SETTING: scope}


STOP_SETTINGS: dict[str, Any] = {FOLDER_SETTING: None, SCOPE_SETTING: None}


def own_file_name(person: Record) -> str:
    """``sanne-de-vries-0f8fad5b.plgcycle.json``: the name, and enough of the id that two
    colleagues with one name never write one file."""
    from .exchange import SUFFIX
    from .exchange.writing import slug

    return f"{slug(person.text('name'))}-{person.id[:8]}{SUFFIX}"


def check_folder(raw: str | os.PathLike, db_path: Path | None) -> Path:
    """The folder a teacher named, resolved; InvalidInput (one line) when it cannot be one.

    Refused: a path that is not an existing folder, and a folder that holds the
    database (or is inside the database's folder tree the other way round would
    not matter): the sync client would hand the whole database, private notes
    included, to every colleague.
    """
    text = os.fspath(raw)
    if not str(text).strip():
        raise InvalidInput(_("Name the shared folder of your PLG."))
    folder = real_path(text)
    try:
        is_dir = folder.is_dir()
        exists = is_dir or folder.exists()
    except OSError:
        is_dir = exists = False
    if not exists:
        raise InvalidInput(
            _(
                "{path} does not exist. Choose the folder your sync client (OneDrive, Google "
                "Drive, Nextcloud, Syncthing) keeps in step, or make it first."
            ).format(path=text)
        )
    if not is_dir:
        raise InvalidInput(_("{path} is a file, not a folder.").format(path=text))
    if db_path is not None:
        db = real_path(db_path)
        if folder == db.parent or folder in db.parents:
            raise InvalidInput(
                _(
                    "Your database {db} is in {path}: the sync client would give all of it, "
                    "private notes included, to your colleagues. Choose another folder, or "
                    "move the database with --db."
                ).format(db=db, path=text)
            )
    return folder


# --- the teacher's own file ------------------------------------------------------------------


class OwnExport(NamedTuple):
    """The teacher's export as the shared folder would receive it."""

    preview: Any  # plgcycle.exchange.ExportPreview
    person: Record
    moment: datetime  # exported_at: the newest change among the records
    fingerprint: str
    scope: dict


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


def scope_of(preview) -> dict:
    """The kinds of records and the people named in a preview: what widening is about."""
    return {
        "kinds": sorted(kind for kind, count in preview.counts.items() if count),
        "people": sorted(set(preview.people)),
    }


def merged_scope(approved: dict | None, scope: dict) -> dict:
    approved = approved or {}
    return {
        key: sorted(set(approved.get(key) or ()) | set(scope.get(key) or ()))
        for key in ("kinds", "people")
    }


def widening(approved: dict | None, own: OwnExport) -> list[str]:
    """What the file would hold that the teacher has not agreed to share yet, in words."""
    from .exchange.preview import kind_count

    approved = approved or {}
    kinds = set(approved.get("kinds") or ())
    people = set(approved.get("people") or ())
    new = [
        kind_count(kind, own.preview.counts[kind])
        for kind in own.scope["kinds"]
        if kind not in kinds
    ]
    new += [
        _("the name {name}").format(name=printable(name, single_line=True))
        for name in own.scope["people"]
        if name not in people
    ]
    return new


def prepare_own(records: Iterable[Record], me: str | None) -> OwnExport | None:
    """The teacher's own export (full profile), or None without a teacher."""
    from .exchange import PROFILE_FULL, prepare_export

    records = list(records)
    person = next((r for r in records if r.id == me and not r.deleted), None)
    if me is None or person is None:
        return None
    preview = prepare_export(records, me, PROFILE_FULL)
    moment = max(parse_iso(r.updated_at) for r in preview.records)
    stamp = iso(moment)
    return OwnExport(
        preview,
        person,
        moment,
        fingerprint(
            stamp, {"id": person.id, "name": person.text("name")}, PROFILE_FULL, preview.records
        ),
        scope_of(preview),
    )


def _read_file(path: Path, label: str):
    """Read and check one export as ``plgcycle import`` does; returns (bytes, ExportFile)."""
    from .exchange import MAX_FILE_BYTES, parse_export
    from .readfile import read_regular_file

    raw = read_regular_file(path, MAX_FILE_BYTES)
    return raw, parse_export(raw, path, label=label)


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
        raise _unavailable(folder, exc) from exc
    if stat is not None:
        mark = cache.own
        if mark == OwnFile(name, stat.st_size, stat.st_mtime_ns, own.fingerprint):
            return False
        try:
            raw, found = _read_file(path, name)
        except (OSError, ExchangeError):
            found = None  # damaged or cut short: written anew
        if found is not None and own.fingerprint == fingerprint(
            found.exported_at, found.exported_by, found.profile, found.records
        ):
            _remember_own(cache, name, stat, raw, own.fingerprint)
            return False
    export_to(path, own.preview, own.person, own.moment, source=db_path)
    try:  # what was written, so that the next look at the folder need not parse it
        from .readfile import read_regular_file

        raw = read_regular_file(path)
        stat = os.stat(path)
    except OSError:
        cache.own = None
    else:
        _remember_own(cache, name, stat, raw, own.fingerprint)
    return True


def _remember_own(cache: FolderCache, name: str, stat, raw: bytes, print_: str) -> None:
    cache.own = OwnFile(name, stat.st_size, stat.st_mtime_ns, print_)
    cache.files[name] = Known(stat.st_size, stat.st_mtime_ns, digest(raw), OWN)


def _unavailable(folder: Path, exc: OSError) -> FolderUnavailable:
    from .files import describe_os_error

    return FolderUnavailable(
        _(
            "The shared folder {folder} cannot be reached ({reason}); nothing was shared or "
            "read. Is the drive connected and the sync client running?"
        ).format(folder=folder, reason=describe_os_error(exc))
    )


# --- colleagues' files ---------------------------------------------------------------------------


class FolderScan:
    """What one look at the folder found: the files to take in, and what to remember."""

    def __init__(self, folder: Path, cache: FolderCache, key: str) -> None:
        self.folder = folder
        self.cache = cache
        self.key = key  # the colleagues' records this scan started from (records_key)
        self.files: list = []  # ExportFile: colleagues' files that changed, by name
        self.seen: dict[str, Known] = {}  # every file's identity, as it is now
        self.notices: list[str] = []  # files skipped this time, one line each
        self.unchanged = 0  # files not parsed again
        self.parsed = 0

    @property
    def exports(self) -> int:
        """How many files in the folder are plgcycle exports (the teacher's own included)."""
        return sum(1 for known in self.seen.values() if known.verdict != OTHER)


def scan_folder(
    folder: Path, cache: FolderCache, me: str | None, key: str, own_name: str | None = None
) -> FolderScan:
    """Look at every file in ``folder``; parse and check only those that changed.

    Touches no database (it may run off the UI thread).  A file that cannot be used
    now (half synced, cut short, damaged) is skipped with a notice and read again
    next time; one that vanishes meanwhile changes nothing.  Raises
    :class:`FolderUnavailable` when the folder cannot be listed.
    """
    from .readfile import read_regular_file

    scan = FolderScan(folder, cache, key)
    trusted = cache.records == key
    try:
        entries = list_folder(folder)
    except OSError as exc:
        raise _unavailable(folder, exc) from exc
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
            from .exchange import MAX_FILE_BYTES

            raw = read_regular_file(entry.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            continue
        except OSError as exc:
            scan.notices.append(_skipped(entry.name, exc))
            continue
        sha = digest(raw)
        if known is not None and known.sha256 == sha and known.verdict != OTHER:
            scan.seen[entry.name] = known._replace(size=entry.size, mtime_ns=entry.mtime_ns)
            scan.unchanged += 1
            continue
        try:
            found = _parse(raw, entry.path, entry.name)
        except ExchangeError as exc:
            if entry.path.exists():
                scan.notices.append(
                    str(exc) + " " + _("Skipped for now; it is read again at the next sync.")
                )
            continue
        scan.parsed += 1
        own = me is not None and found.exported_by.get("id") == me
        scan.seen[entry.name] = Known(len(raw), entry.mtime_ns, sha, OWN if own else EXPORT)
        if not own:
            scan.files.append(found)
        elif entry.name == own_name:
            cache.own = OwnFile(
                entry.name,
                len(raw),
                entry.mtime_ns,
                fingerprint(found.exported_at, found.exported_by, found.profile, found.records),
            )
    return scan


def _parse(raw: bytes, path: Path, label: str):
    from .exchange import parse_export

    return parse_export(raw, path, label=label)


def _skipped(name: str, exc: OSError) -> str:
    from .files import describe_os_error

    return _("{file}: cannot be read now ({reason}); it is read again at the next sync.").format(
        file=printable(name, single_line=True), reason=describe_os_error(exc)
    )


def plan_sync(records: Iterable[Record], me: str | None, scan: FolderScan):
    """The import of the changed files (a Plan), as ``plgcycle import`` would make it."""
    from .exchange import plan_import

    return plan_import(records, me, scan.files)


def remember(scan: FolderScan, records: Iterable[Record], me: str | None, db_path: Path) -> None:
    """After the import was saved (or had nothing to save): keep what was read."""
    cache = scan.cache
    cache.files = dict(scan.seen)
    cache.records = records_key(records, me)
    cache.save(db_path)


# --- what happened, in words -------------------------------------------------------------------


class SyncOutcome(NamedTuple):
    """One sync: the import plan, whether the own file was written, and the notices."""

    plan: Any  # plgcycle.exchange.Plan, or None when nothing was read
    scan: FolderScan | None
    written: bool | None  # None: the own file was not updated (see held_back)
    held_back: list[str]  # what the own file would newly hold, when the teacher said no
    saved: bool  # whether the import was saved (False in a read-only database)

    def _ids(self) -> tuple[set[str], set[str]]:
        added: set[str] = set()
        updated: set[str] = set()
        for summary in self.plan.summaries if self.plan else ():
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
        for summary in self.plan.summaries if self.plan else ():
            name = summary.file.sender_name or summary.file.label
            if (summary.added or summary.updated) and name not in names:
                names.append(name)
        return names


def news_line(outcome: SyncOutcome) -> str | None:
    """One line on what came in, or None when nothing did."""
    if not (outcome.added or outcome.updated):
        return None
    names = ", ".join(printable(n, single_line=True) for n in outcome.senders)
    if not outcome.saved:
        return _(
            "From {names}: {added} new and {updated} updated; not saved, because this "
            "database is open read-only."
        ).format(names=names, added=outcome.added, updated=outcome.updated)
    return _("From {names}: {added} new, {updated} updated.").format(
        names=names, added=outcome.added, updated=outcome.updated
    )
