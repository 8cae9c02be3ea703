"""Reading an export file and checking every part of it before anything is used.

:func:`parse_export` checks, in order: size, UTF-8, JSON, format and version,
the JSON Schema (:func:`.validators.export_validator`), the checksum, then what
a schema cannot say (:mod:`.record_rules`; one id has one content; a progress
file holds no content; no moment lies in the future).  A file that fails is
refused as a whole, with one line naming the file, record and field
(:mod:`.messages`).  Also here: finding the export files in a folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import orjson

from ..errors import ExchangeError
from ..i18n import _
from ..model import ROUND, Record, iso, utcnow
from ..privacy import WITHHELD, filled
from ..signing import verify_envelope
from ..textsafe import printable
from .fileformat import (
    FORMAT,
    MAX_FILE_BYTES,
    SUFFIX,
    VERSION,
    VERSIONS,
    ExportFile,
    _fast_checksum,
    canonical,
    checksum,
)
from .messages import _field_path, _file_name, violation_message
from .profiles import PROFILE_FULL, PROFILE_PROGRESS, PROGRESS_KEEP, _data_leaves
from .record_rules import check_record_rules, load_json, whole_numbers
from .schema import Violation
from .validators import export_validator

SIG_VALID, SIG_INVALID, SIG_NONE = "valid", "invalid", "none"  # as plgcycle.verdict names them

_BOM = b"\xef\xbb\xbf"

# Clocks are often a little off, never a day: a moment later than this after now cannot
# be true, and a version stamped far in the future would win every merge for ever.
CLOCK_MARGIN = timedelta(days=1)


def _future(stamp: str, limit: str) -> bool:
    """True when the timestamp ``stamp`` (checked by the schema) is later than ``limit``.

    Both are UTC and start ``YYYY-MM-DDTHH:MM:SS``, so comparing those characters
    compares the moments, to the second.
    """
    return stamp[:19] > limit


def future_moments(env: dict, now: datetime | None = None) -> tuple[list, str] | None:
    """The first moment in a checked export later than ``now`` plus :data:`CLOCK_MARGIN`.

    Returns (path of the field, its value), or None.  Every field that records a
    moment that happened is checked: when the file was made (and when its sources
    were), when each version was saved, when a round was closed.
    """
    limit = iso((now or utcnow()) + CLOCK_MARGIN)[:19]
    if _future(env["exported_at"], limit):
        return ["exported_at"], env["exported_at"]
    for position, source in enumerate(env.get("sources", ())):
        if _future(source["exported_at"], limit):
            return ["sources", position, "exported_at"], source["exported_at"]
    for position, item in enumerate(env["records"]):
        if _future(item["updated_at"], limit):
            return ["records", position, "updated_at"], item["updated_at"]
        closed = item["data"].get("closed_at") if item["kind"] == ROUND else None
        if type(closed) is str and closed and _future(closed, limit):
            return ["records", position, "data", "closed_at"], closed
    return None


def parse_export(
    raw: bytes, path: Path | None = None, *, label: str | None = None, now: datetime | None = None
) -> ExportFile:
    """Validate and parse the bytes of an export; raises ExchangeError naming the problem.

    Checks, in order: size, UTF-8, JSON, format and version (1 or 2), the JSON
    Schema of that version (types, required fields, kinds, UUIDs, dates, text
    sizes, number ranges), the checksum, then what a schema cannot say: a person owns itself, one id has
    one content, a progress file holds no content, and no moment is later than
    ``now`` (the clock, by default) plus a day.  Whole numbers written as ``3.0``
    are read as ``3``.  Signatures are not judged here (that is for the trust
    rules, :mod:`plgcycle.trust`): each record keeps the ``sig`` it carries, and
    the file says whether its own signature verifies.
    """
    name = printable(label, single_line=True) if label else _file_name(path)
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeError(
            _("{file}: larger than {limit} MB; plgcycle does not read files that big.").format(
                file=name, limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]  # some editors on Windows write one
    try:
        env = load_json(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise ExchangeError(
                _("{file}: not UTF-8 text (byte {position}).").format(
                    file=name, position=bad.start + 1
                )
            ) from exc
        if "depth" in str(exc) or "recursion" in str(exc):
            raise ExchangeError(
                _("{file}: nested too deeply to be a plgcycle export.").format(file=name)
            ) from exc
        raise ExchangeError(
            _("{file}: not valid JSON (line {line}, column {column}).").format(
                file=name, line=exc.lineno, column=exc.colno
            )
        ) from exc
    if not isinstance(env, dict) or env.get("format") != FORMAT:
        raise ExchangeError(
            _('{file}: not a plgcycle export (no "format": "{format}").').format(
                file=name, format=FORMAT
            )
        )
    version = env.get("version")
    if type(version) is float and version.is_integer():
        version = int(version)
    if type(version) is int and version > VERSION:
        raise ExchangeError(
            _(
                "{file}: made by a newer plgcycle (format version {version}); update "
                "plgcycle to read it."
            ).format(file=name, version=version)
        )
    readable = version if type(version) is int and version in VERSIONS else 1
    try:
        export_validator(readable)(env)
    except Violation as violation:
        raise ExchangeError(violation_message(name, env, violation)) from None
    records = env["records"]
    stated = env["checksum"]
    if _fast_checksum(records) != stated and checksum(records) != stated:
        raise ExchangeError(
            _(
                "{file}: the checksum does not match; the file was changed or damaged on the way."
            ).format(file=name)
        )
    for position, item in enumerate(records):
        try:
            check_record_rules(item)
        except Violation as violation:
            violation.path.extendleft((position, "records"))
            raise ExchangeError(violation_message(name, env, violation)) from None
    future = future_moments(env, now)
    if future is not None:
        where, stamp = future
        too_late = Violation("future", {"title": "future"}, stamp)
        too_late.path.extend(where)
        raise ExchangeError(violation_message(name, env, too_late))
    profile = env.get("profile", PROFILE_FULL)
    parsed: list[Record] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(records):
        first = seen.get(item["id"])
        if first is not None:
            if canonical(records[first]) != canonical(item):
                raise ExchangeError(
                    _(
                        "{file}: records {first} and {second} have the same id {id} but "
                        "different content."
                    ).format(file=name, first=first + 1, second=position + 1, id=item["id"])
                )
            continue
        seen[item["id"]] = position
        item = whole_numbers(item)
        record = Record(
            item["kind"],
            item["owner"],
            item["data"],
            item["id"],
            item["rev"],
            item["updated_at"],
            item["deleted"],
            item.get("sig"),
        )
        if profile == PROFILE_PROGRESS:
            keep = PROGRESS_KEEP[record.kind]
            for leaf, value in _data_leaves(record):
                if leaf not in keep and value is not WITHHELD and filled(value):
                    raise ExchangeError(
                        _(
                            "{file}: record {number} (id {id}), field {field}: a progress "
                            "export does not share this (it should be true or left out)."
                        ).format(
                            file=name,
                            number=position + 1,
                            id=record.id,
                            field=_field_path(["data", leaf]),
                        )
                    )
        parsed.append(record)
    sources = [dict(s) for s in env.get("sources", [])]
    signature = SIG_NONE
    if readable >= 2:
        state = verify_envelope(env, checksum_checked=True)
        signature = SIG_NONE if state is None else SIG_VALID if state else SIG_INVALID
    return ExportFile(
        path,
        env["exported_at"],
        dict(env["exported_by"]),
        parsed,
        profile,
        sources,
        stated,
        readable,
        signature,
    )


def read_export(
    path: str | Path, *, label: str | None = None, now: datetime | None = None
) -> ExportFile:
    """Read and validate one export file; raises ExchangeError naming the file.

    Messages name the file as given (``label`` overrides that, e.g. the bare
    file name in a screen that already shows the folder).  Only a regular file
    is read: a named pipe or a device is refused at once instead of waiting.
    """
    from ..files import describe_os_error as _describe_os_error
    from ..readfile import NotAFile, read_regular_file

    path = Path(path)
    name = printable(label, single_line=True) if label else _file_name(path)
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError as exc:
        raise ExchangeError(_("{file}: no such file.").format(file=name)) from exc
    except NotAFile as exc:
        if path.is_dir():
            raise ExchangeError(
                _("{file}: is a folder, not an export file.").format(file=name)
            ) from exc
        raise ExchangeError(
            _(
                "{file}: not a regular file (a pipe or a device); plgcycle only reads export files."
            ).format(file=name)
        ) from exc
    except OSError as exc:
        raise ExchangeError(
            _("Cannot read {path}: {reason}.").format(path=name, reason=_describe_os_error(exc))
        ) from exc
    return parse_export(raw, path, label=label, now=now)


def read_exports(paths: Sequence[str | Path]) -> list[ExportFile]:
    """Read every file; when any is unusable, raise one error listing them all."""
    from ..gctools import gc_paused

    files, problems = [], []
    with gc_paused():  # everything read stays alive: collector rounds would find nothing
        for path in paths:
            try:
                files.append(read_export(path))
            except ExchangeError as exc:
                problems.append(str(exc))
    if problems:
        raise ExchangeError("\n".join(problems))
    return files


def find_export_files(folder: str | Path) -> list[Path]:
    """The export files directly inside ``folder``: named ``*.plgcycle.json``, a sync
    client's copy of one (``naam.plgcycle (1).json``, ``naam.plgcycle.sync-conflict-….json``)
    or any other ``.json`` file that says it is a plgcycle export; never hidden files,
    files in transit or the clients' own (see :mod:`plgcycle.sharefolder`)."""
    from ..sharefolder import is_export_name, is_ignored, sniff

    folder = Path(folder)
    try:
        return sorted(
            (
                p
                for p in folder.iterdir()
                if not is_ignored(p.name)
                and p.name.casefold().endswith(".json")
                and p.is_file()
                and (is_export_name(p.name) or sniff(str(p)))
            ),
            key=lambda p: p.name.casefold(),
        )
    except OSError:
        return []


def expand_export_paths(paths: Iterable[str | Path], skip: Path | None = None) -> list[Path]:
    """The files named, with folders replaced by the export files inside them.

    Each file counts once, however it is named; ``skip`` (a resolved path, e.g. the
    output of a merge) is left out of folders.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            inside = find_export_files(path)
            if not inside:
                raise ExchangeError(
                    _("{folder}: no export files (*{suffix}) in this folder.").format(
                        folder=path, suffix=SUFFIX
                    )
                )
            inside = [p for p in inside if skip is None or p.resolve() != skip]
        else:
            inside = [path]  # a missing file is reported when it is read, with its name
        for item in inside:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found
