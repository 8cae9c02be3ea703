"""Export, import and merge of shareable ``*.plgcycle.json`` files.

The file (documented in docs/export-format.md)::

    {"format": "plgcycle-export", "version": 1, "exported_at": ISO-8601 UTC,
     "exported_by": {"id": uuid, "name": str}, "records": [...],
     "checksum": "sha256:<hex of the canonical JSON of records>"}

Merge rule: for every id the version with the higher ``(rev, updated_at, owner)``
wins; a full tie with different content is settled by the canonical JSON (so
the result never depends on the order of the files) and reported as a conflict.
Import never changes a record owned by the local person.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import ExchangeError
from .i18n import _
from .model import Record, iso, strip_private, utcnow

FORMAT = "plgcycle-export"
VERSION = 1
SUFFIX = ".plgcycle.json"
PROFILE_FULL = "full"


def canonical(value) -> bytes:
    """Canonical JSON bytes: sorted keys, no spaces, UTF-8 (not ASCII-escaped)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def checksum(records: list[dict]) -> str:
    return "sha256:" + hashlib.sha256(canonical(records)).hexdigest()


@dataclass
class ExportFile:
    """A parsed, validated export."""

    path: Path | None
    exported_at: str
    exported_by: dict
    records: list[Record]
    profile: str = PROFILE_FULL


# --- writing ------------------------------------------------------------------


def export_records(records: Iterable[Record], me: str) -> list[Record]:
    """What the local person shares: their own records (tombstones included), private fields removed."""
    return [strip_private(r) for r in records if r.owner == me]


def envelope(records: list[Record], exported_by: dict, now: datetime | None = None,
             profile: str = PROFILE_FULL) -> dict:
    raw = [r.to_dict() for r in records]
    env = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now or utcnow()),
        "exported_by": {"id": exported_by["id"], "name": exported_by.get("name", "")},
        "records": raw,
        "checksum": checksum(raw),
    }
    if profile != PROFILE_FULL:
        env["profile"] = profile
    return env


def write_export(path: Path, env: dict) -> Path:
    """Write an envelope atomically (temp file, fsync, replace)."""
    from .store import atomic_write

    path = Path(path)
    try:
        atomic_write(path, json.dumps(env, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError as exc:
        raise ExchangeError(_("Cannot write {path}: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from exc
    return path


# --- reading ------------------------------------------------------------------


def parse_export(raw: bytes, path: Path | None = None) -> ExportFile:
    """Validate and parse the bytes of an export; raises ExchangeError naming the problem."""
    name = str(path) if path else _("the file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(_("{file}: not UTF-8 text.").format(file=name)) from exc
    try:
        env = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(_("{file}: not a JSON file (line {line}).").format(
            file=name, line=exc.lineno)) from exc
    if not isinstance(env, dict) or env.get("format") != FORMAT:
        raise ExchangeError(_("{file}: not a plgcycle export.").format(file=name))
    version = env.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError(_("{file}: field {field} is missing or wrong.").format(file=name, field="version"))
    if version > VERSION:
        raise ExchangeError(_("{file}: made by a newer plgcycle (format version {version}); "
                              "update plgcycle.").format(file=name, version=version))
    records = env.get("records")
    if not isinstance(records, list):
        raise ExchangeError(_("{file}: field {field} is missing or wrong.").format(file=name, field="records"))
    if env.get("checksum") != checksum(records):
        raise ExchangeError(_("{file}: the checksum does not match; the file was changed or "
                              "damaged on the way.").format(file=name))
    parsed = []
    for position, item in enumerate(records):
        try:
            parsed.append(Record.from_dict(item))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ExchangeError(_("{file}: record {record} is not valid.").format(
                file=name, record=position + 1)) from exc
    by = env.get("exported_by") if isinstance(env.get("exported_by"), dict) else {}
    return ExportFile(path, str(env.get("exported_at", "")), by, parsed,
                      str(env.get("profile", PROFILE_FULL)))


def read_export(path: str | Path) -> ExportFile:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(_("Cannot read {path}: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from exc
    return parse_export(raw, path)


# --- merging ------------------------------------------------------------------


def version_key(record: Record) -> tuple:
    return (record.rev, record.updated_at, record.owner)


def _content(record: Record) -> bytes:
    return canonical(record.to_dict())


def winner(a: Record, b: Record) -> Record:
    """The version that survives a merge; a pure, symmetric choice."""
    ka, kb = version_key(a), version_key(b)
    if ka != kb:
        return a if ka > kb else b
    return a if _content(a) >= _content(b) else b


@dataclass
class MergeResult:
    records: dict[str, Record] = field(default_factory=dict)
    conflicts: list[tuple[Record, Record]] = field(default_factory=list)

    def as_list(self) -> list[Record]:
        return list(self.records.values())


def merge(*record_sets: Iterable[Record]) -> MergeResult:
    """Merge record sets: per id the winner; ties with different content are listed."""
    result = MergeResult()
    for records in record_sets:
        for record in records:
            current = result.records.get(record.id)
            if current is None:
                result.records[record.id] = record
                continue
            if version_key(current) == version_key(record) and _content(current) != _content(record):
                result.conflicts.append((current, record))
            result.records[record.id] = winner(current, record)
    return result
