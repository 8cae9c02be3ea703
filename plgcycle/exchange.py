"""Export, import and merge of shareable ``*.plgcycle.json`` files.

The file (specified in docs/export-format.md, schema in
``plgcycle/schema/export-v1.json``)::

    {"format": "plgcycle-export", "version": 1, "exported_at": ISO-8601 UTC,
     "exported_by": {"id": uuid, "name": str}, "profile": "full" | "progress",
     "records": [...], "checksum": "sha256:<hex of the canonical JSON of records>"}

What leaves the machine (:func:`export_records`): the local teacher's own
records, including the feedback they gave, as :func:`plgcycle.privacy.shareable`
makes them: no private notes, and a field they marked private as ``true``
("something is written here") when filled; deleted records travel as tombstones
without content.  The ``progress`` profile keeps only progress metadata; every
other text or result is replaced by ``true`` in the same way, so that the rules
of the cycle see which steps are complete from either profile, and nobody sees
what was written.

Merge rule (:func:`merge`): for every id the version with the higher
``(rev, updated_at, owner)`` wins; at a full tie the version with the most
content wins (a full version over its progress copy), then the canonical JSON.
That is a total order, so merging is commutative, associative and idempotent.
Ties with really different content are reported as conflicts.

Import (:func:`plan_import`) adds ownership rules on top of the merge rule:
records of the local teacher are never changed or created by a file; the owner
and kind of an id never change; try-outs, measures, actions and rounds cannot be
attached to someone else's question.  Everything a file tries and is refused is
reported, per file, with the reason.  The whole file is validated before
anything is written, and the import is one atomic write.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson

from .errors import ExchangeError
from .i18n import _, current_language, format_date, ngettext
from .model import (
    ACTION,
    FEEDBACK,
    KIND_LABELS,
    MAX_NUMBER,
    MEASURE,
    NOTES,
    PERSON,
    PRIVATE_KEY,
    ROUND,
    TRYOUT,
    Record,
    iso,
    utcnow,
)
from .privacy import (
    WITHHELD,
    filled,
    private_count,
    shareable,
    shareable_records,
    with_carried_marks,
)
from .textsafe import printable, shorten

FORMAT = "plgcycle-export"
VERSION = 1
SUFFIX = ".plgcycle.json"
PROFILE_FULL = "full"
PROFILE_PROGRESS = "progress"
PROFILES = (PROFILE_FULL, PROFILE_PROGRESS)
MAX_FILE_BYTES = 50 * 1024 * 1024
GENERATOR = "plgcycle"
_BOM = b"\xef\xbb\xbf"


def canonical(value) -> bytes:
    """Canonical JSON bytes: sorted keys, no spaces, UTF-8 (not ASCII-escaped)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def checksum(records: list[dict]) -> str:
    return "sha256:" + hashlib.sha256(canonical(records)).hexdigest()


def _fast_checksum(records: list) -> str | None:
    """The same digest through orjson (much faster); None when orjson cannot encode it.

    orjson and json write a few floats differently (1e-07 / 1e-7), so a
    mismatch is always checked again with :func:`checksum`, the definition.
    """
    try:
        payload = orjson.dumps(records, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return None
    return "sha256:" + hashlib.sha256(payload).hexdigest()


def _content(record: Record) -> bytes:
    """The whole record as bytes, for comparing versions (true and 1 differ)."""
    raw = record.to_dict()
    try:
        return orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return canonical(raw)


@dataclass
class ExportFile:
    """A parsed, validated export."""

    path: Path | None
    exported_at: str
    exported_by: dict
    records: list[Record]
    profile: str = PROFILE_FULL
    sources: list[dict] = field(default_factory=list)
    checksum: str = ""

    @property
    def label(self) -> str:
        """The file name as shown to people (controls made visible)."""
        return printable(self.path.name if self.path else _("the file"), single_line=True)

    @property
    def senders(self) -> set[str]:
        """The person ids that made this file: its exporter, or the sources of a merged file."""
        found = {s.get("id") for s in self.sources if s.get("id")}
        if self.exported_by.get("id"):
            found.add(self.exported_by["id"])
        return found

    @property
    def sender_name(self) -> str:
        return str(self.exported_by.get("name") or "")


# --- the progress profile -------------------------------------------------------------------

# What a progress export keeps, per kind, as paths in ``data``.  Every other
# field is content (a reflection, a plan, a result) and is withheld: ``true``
# when something was written, left out when empty.
PROGRESS_KEEP: dict[str, frozenset[str]] = {
    PERSON: frozenset({"name", "school", "subject", "plg", "subgroup", "next_meeting", "role"}),
    ROUND: frozenset({"question", "goal_link", "round_no", "parent", "chain", "closed_at",
                      "feedback_status", "steps.apply.decision", "carried.decision", "progress",
                      "step_reached", "tryouts_planned", "tryouts_done", "feedback_count"}),
    TRYOUT: frozenset({"round", "class_group", "planned_date", "run_date"}),
    MEASURE: frozenset({"round", "tryout", "name", "unit"}),
    FEEDBACK: frozenset({"round", "step", "tryout", "type", "giver", "giver_name", "given_on"}),
    ACTION: frozenset({"round", "due", "done"}),
}
# Fields holding other fields (the steps of a round, what a round carried forward).
_NESTED = {ROUND: {"steps": 2, "carried": 1}}
# The progress summary a round carries in a progress export (computed at export time).
PROGRESS_SUMMARY = ("progress", "step_reached", "tryouts_planned", "tryouts_done", "feedback_count")




def _leaves(data: dict, depth: int, prefix: str = ""):
    """(path, value) of every field, descending ``depth`` levels into nested objects."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if depth > 0 and isinstance(value, dict):
            yield from _leaves(value, depth - 1, path + ".")
        else:
            yield path, value


def _data_leaves(record: Record):
    nested = _NESTED.get(record.kind, {})
    for key, value in record.data.items():
        depth = nested.get(key, 0)
        if depth and isinstance(value, dict):
            yield from _leaves(value, depth - 1, key + ".")
        else:
            yield key, value


def withheld_paths(record: Record) -> list[str]:
    """The fields of a record that a progress export withheld (``true`` in place of content)."""
    keep = PROGRESS_KEEP.get(record.kind, frozenset())
    return [path for path, value in _data_leaves(record) if value is WITHHELD and path not in keep]


def is_withheld(record: Record, path: str) -> bool:
    """True when the field at ``path`` (e.g. ``steps.analyse.worked``) was withheld."""
    node = record.data
    for part in path.split("."):
        if not isinstance(node, dict):
            return False
        node = node.get(part)
    return node is WITHHELD and path not in PROGRESS_KEEP.get(record.kind, frozenset())


def progress_record(record: Record, summary: dict | None = None) -> Record:
    """A copy with only progress metadata: content becomes ``true`` when filled, else left out."""
    keep = PROGRESS_KEEP.get(record.kind, frozenset())
    clean = record.copy()
    if record.deleted:
        clean.data = {}
        return clean
    data: dict = {}
    for path, value in _data_leaves(record):
        if path in PROGRESS_SUMMARY:
            continue  # recomputed below, never copied from an older file
        if path in keep:
            out = value
        elif filled(value):
            out = WITHHELD
        else:
            continue
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = out
    if record.kind == ROUND and summary:
        data.update(summary)
    clean.data = data
    return clean


def round_summary(view) -> dict:
    """The progress summary of a round (a :class:`plgcycle.cycle.RoundView`)."""
    from .cycle import tryout_done, tryout_planned

    return {
        "progress": list(view.progress),
        "step_reached": view.step_reached,
        "tryouts_planned": sum(1 for t in view.tryouts if tryout_planned(t)),
        "tryouts_done": sum(1 for t in view.tryouts if tryout_done(t)),
        "feedback_count": len(view.feedback),
    }


# --- what an export holds ---------------------------------------------------------------------


def export_records(records: Iterable[Record], me: str, profile: str = PROFILE_FULL) -> list[Record]:
    """What the local person shares: their own records (tombstones without content), private fields withheld.

    ``records`` may be the whole database: only records owned by ``me`` are
    exported, the others are read for the progress summary of the rounds.  The
    summary is worked out from the same shareable records as the full profile,
    so both profiles give the same step marks.
    """
    records = list(records)
    own = [r for r in records if r.owner == me]
    shared = [r.copy() for r in shareable_records(own)]
    if profile != PROFILE_PROGRESS:
        return shared
    from .cycle import RecordIndex

    index = RecordIndex(shareable_records(records))
    out = []
    for record in shared:
        summary = None
        if record.kind == ROUND and not record.deleted and record.id in index.rounds:
            summary = round_summary(index.view(record.id))
        out.append(progress_record(record, summary))
    return out


def kind_count(kind: str, n: int) -> str:
    """``3 question rounds``, translated."""
    if kind == PERSON:
        return ngettext("{n} person", "{n} people", n).format(n=n)
    if kind == ROUND:
        return ngettext("{n} question round", "{n} question rounds", n).format(n=n)
    if kind == TRYOUT:
        return ngettext("{n} try-out", "{n} try-outs", n).format(n=n)
    if kind == MEASURE:
        return ngettext("{n} measure", "{n} measures", n).format(n=n)
    if kind == FEEDBACK:
        return ngettext("{n} piece of feedback", "{n} pieces of feedback", n).format(n=n)
    if kind == ACTION:
        return ngettext("{n} action", "{n} actions", n).format(n=n)
    return f"{n} {kind}"


@dataclass
class ExportPreview:
    """What an export will contain, shown before it is written."""

    profile: str
    counts: dict[str, int]  # kind -> records (not deleted)
    deleted: int  # tombstones: deletions travel, contents do not
    people: list[str]  # names in the file: you, and whoever gave feedback you recorded
    feedback_to: list[str]  # colleagues whose questions your feedback is on
    private_left_out: int  # filled private notes and fields that stay on this computer
    withheld: int  # progress profile: texts and results not shared
    records: list[Record] = field(default_factory=list, repr=False)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.deleted

    def lines(self) -> list[str]:
        """The preview as short translated lines (the CLI prints them, the TUI shows them)."""
        out = []
        if self.profile == PROFILE_PROGRESS:
            out.append(_("Profile: progress only (questions, steps, dates, decisions, feedback "
                         "counts; no reflections or results)."))
        else:
            out.append(_("Profile: everything you wrote, except private notes."))
        parts = [kind_count(kind, count) for kind, count in self.counts.items() if count]
        out.append(_("Records: {list}.").format(list=", ".join(parts) or _("none")))
        if self.deleted:
            out.append(ngettext("{n} deletion is shared (without its content).",
                                "{n} deletions are shared (without their content).",
                                self.deleted).format(n=self.deleted))
        out.append(_("People mentioned: {names}.").format(
            names=", ".join(printable(n, single_line=True) for n in self.people) or _("none")))
        if self.feedback_to:
            out.append(_("Your feedback goes to: {names}.").format(
                names=", ".join(printable(n, single_line=True) for n in self.feedback_to)))
        if self.private_left_out:
            out.append(ngettext("{n} private note or field stays on this computer.",
                                "{n} private notes and fields stay on this computer.",
                                self.private_left_out).format(n=self.private_left_out))
        else:
            out.append(_("Private notes never leave this computer (there are none now)."))
        if self.withheld:
            out.append(ngettext("{n} text or result is left out (progress only).",
                                "{n} texts and results are left out (progress only).",
                                self.withheld).format(n=self.withheld))
        else:
            out.append(_("Check that your texts name classes or groups, never students."))
        return out


def prepare_export(records: Iterable[Record], me: str, profile: str = PROFILE_FULL) -> ExportPreview:
    """The records to export and a preview of them."""
    if profile not in PROFILES:
        raise ExchangeError(_("Unknown profile {profile}: use full or progress.").format(profile=profile))
    records = list(records)
    exported = export_records(records, me, profile)
    counts = {kind: 0 for kind in KIND_LABELS}
    deleted = 0
    for record in exported:
        if record.deleted:
            deleted += 1
        else:
            counts[record.kind] = counts.get(record.kind, 0) + 1
    persons = {r.id: r for r in records if r.kind == PERSON and not r.deleted}
    rounds = {r.id: r for r in records if r.kind == ROUND}
    own_name = persons[me].text("name") if me in persons else ""
    people: list[str] = [own_name] if own_name else []
    recipients: list[str] = []
    for record in exported:
        if record.deleted:
            continue
        if record.kind == PERSON:
            name = record.text("name")
            if name and name not in people:
                people.append(name)
        if record.kind == FEEDBACK:
            giver = record.text("giver_name")
            if giver and giver not in people:
                people.append(giver)
            target = rounds.get(record.data.get("round") or "")
            if target is not None and target.owner != me:
                person = persons.get(target.owner)
                name = person.text("name") if person else _("unknown colleague")
                if name not in recipients:
                    recipients.append(name)
    own = with_carried_marks(r for r in records if r.owner == me)
    private = sum(private_count(r) for r in own)
    withheld = 0
    if profile == PROFILE_PROGRESS:  # what the profile leaves out beyond the private fields
        withheld = sum(len(withheld_paths(r)) for r in exported) - \
            sum(len(withheld_paths(shareable(r))) for r in own)
    return ExportPreview(profile, counts, deleted, people, sorted(recipients, key=str.casefold),
                         private, withheld, exported)


# Letters that Unicode does not decompose into a plain letter plus an accent.
_TRANSLIT = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss",
                           "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE",
                           "þ": "th", "ð": "d", "ĳ": "ij", "Ĳ": "IJ"})


def slug(text: str, limit: int = 60) -> str:
    """A safe file-name part: ``Sanne de Vries`` -> ``sanne-de-vries``."""
    plain = unicodedata.normalize("NFKD", (text or "").translate(_TRANSLIT))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return plain[:limit].rstrip("-") or "plgcycle"


def default_export_name(name: str, today: date, profile: str = PROFILE_FULL) -> str:
    """``sanne-de-vries-2026-11-23.plgcycle.json`` (with ``-voortgang`` for progress)."""
    extra = "-" + slug(_("progress")) if profile == PROFILE_PROGRESS else ""
    return f"{slug(name)}-{today.isoformat()}{extra}{SUFFIX}"


def envelope(records: list[Record], exported_by: dict, now: datetime | None = None,
             profile: str = PROFILE_FULL, sources: list[dict] | None = None) -> dict:
    raw = [r.to_dict() for r in records]
    env = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now or utcnow()),
        "exported_by": {"id": exported_by.get("id"), "name": exported_by.get("name", "")},
        "profile": profile,
        "generator": GENERATOR,
        "records": raw,
        "checksum": checksum(raw),
    }
    if sources:
        env["sources"] = sources
    return env


def encode(env: dict) -> bytes:
    """The bytes of an export file (readable: one record per few lines)."""
    return json.dumps(env, ensure_ascii=False, indent=1).encode("utf-8")


def write_export(path: Path, env: dict, payload: bytes | None = None, *,
                 source: str | Path | None = None) -> Path:
    """Validate an envelope and write it atomically (temp file, fsync, replace).

    A file plgcycle writes must be one it can read back: the bytes are checked
    with the same validator as an import before they replace anything.  When
    that fails, the fault is in what the records came from, not in ``path``
    (which is not written): ``source``, the database they were read from, is the
    file the message names.  It is never one of plgcycle's own files
    (``outputs.check_output``), and like every file plgcycle writes it is
    owner-only: the teacher shares it by sending it.
    """
    from .files import write_output
    from .outputs import check_output
    from .files import describe_os_error as _describe_os_error

    path = Path(path)
    check_output(path)
    payload = encode(env) if payload is None else payload
    if len(payload) > MAX_FILE_BYTES:
        raise ExchangeError(_("The file would be larger than {limit} MB, more than plgcycle reads; "
                              "nothing was written to {path}.").format(
                                  limit=MAX_FILE_BYTES // (1024 * 1024), path=path))
    label = _("the database {path}").format(path=source) if source is not None else None
    try:
        parse_export(payload, path, label=label)
    except ExchangeError as exc:
        if source is None:
            raise
        raise ExchangeError(str(exc) + " " + _("Nothing was written to {path}.").format(
            path=path)) from None
    try:
        write_output(path, payload)
    except OSError as exc:
        raise ExchangeError(_("Cannot write {path}: {reason}.").format(
            path=path, reason=_describe_os_error(exc))) from exc
    return path


def export_to(path: Path, preview: ExportPreview, person: Record, now: datetime | None = None,
              *, source: str | Path | None = None) -> Path:
    """Write the records of a preview as an export made by ``person``.

    ``source`` is the database the records come from, named when they cannot be
    exported (see :func:`write_export`).
    """
    env = envelope(preview.records, {"id": person.id, "name": person.text("name")}, now,
                   preview.profile)
    return write_export(path, env, source=source)


# --- reading and validating -------------------------------------------------------------------

_TITLE_PROBLEMS = {
    "uuid": lambda: _("not a UUID (36 characters, lower case, like "
                      "0f8fad5b-d9cb-469f-a165-70867728950e)"),
    "uuid-or-null": lambda: _("not a UUID (36 characters, lower case, like "
                              "0f8fad5b-d9cb-469f-a165-70867728950e) or null"),
    "timestamp": lambda: _("not a date and time in UTC, ISO-8601 (like 2026-11-23T09:00:00+00:00)"),
    "timestamp-or-empty": lambda: _("not a date and time in UTC, ISO-8601 (like "
                                    "2026-11-23T09:00:00+00:00)"),
    "date": lambda: _("not a date as YYYY-MM-DD"),
    "text": lambda: _("should be text"),
    "name": lambda: _("should be text"),
    "number": lambda: _("should be a number"),
    "count": lambda: _("should be a whole number of 0 or more (below 2^53)"),
    "flag": lambda: _("should be true or false"),
    "deleted": lambda: _("should be true or false"),
    "round-number": lambda: _("should be a whole number from 1 to 10000"),
    "step-reached": lambda: _("should be a whole number from 0 to 5"),
    "progress": lambda: _("should be a list of five values true or false"),
    "tombstone-data": lambda: _("a deleted record carries no content (data should be {})"),
    "checksum": lambda: _("should be sha256: followed by 64 hexadecimal characters"),
    "person-owner": lambda: _("a person record belongs to that person (owner should equal id)"),
    "private-marks": lambda: _("should be a list of field names"),
}


def _type_name(name: str) -> str:
    return {
        "object": _("an object ({...})"),
        "array": _("a list ([...])"),
        "string": _("text"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
        "null": _("null"),
    }.get(name, name)


def _thousands(number: int) -> str:
    """``100.000`` in Dutch, ``100,000`` in English."""
    text = f"{number:,}"
    return text.replace(",", ".") if current_language() == "nl" else text


def _show_value(value) -> str:
    """A wrong value, short and literal; containers only by their shape (they may be deep)."""
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return shorten(text, 40)


def _problem(violation) -> str:
    """One translated phrase for what is wrong with a value."""
    node, keyword, value = violation.node, violation.keyword, violation.value
    title = node.get("title", "")
    if keyword == "required":
        return _("missing")
    if keyword == "additionalProperties":
        if violation.detail in (NOTES, PRIVATE_KEY):
            return _("private notes and private fields never belong in an export")
        return _("not part of the format (unknown field)")
    if keyword == "propertyNames":
        return _("{key} is not a UUID").format(key=_show_value(violation.path[-1]))
    if keyword in ("maxLength", "anyOf") and isinstance(value, str) and title in ("text", "name", ""):
        limit = node.get("maxLength") or 100_000
        return _("longer than {limit} characters ({length})").format(
            limit=_thousands(limit), length=_thousands(len(value)))
    if title == "future":
        return _("later than now ({value}); the clock of the computer that saved it must have "
                 "been wrong").format(value=_show_value(value))
    if title == "number" and type(value) is float and not math.isfinite(value):
        # 1e400, or 400 digits: read as infinity, so there is no value to show
        return _("too large a number; at most {limit} either way").format(
            limit=_thousands(MAX_NUMBER))
    if title == "number" and type(value) in (int, float):
        return _("too large a number ({value}); at most {limit} either way").format(
            value=_show_value(value), limit=_thousands(MAX_NUMBER))
    if title in _TITLE_PROBLEMS:
        return _TITLE_PROBLEMS[title]()
    if keyword in ("maxItems", "maxProperties"):
        most = node.get("maxItems", node.get("maxProperties"))
        return _("too many entries (at most {limit})").format(limit=_thousands(most))
    if keyword == "enum":
        allowed = ", ".join(str(o) for o in node["enum"] if o not in (None, ""))
        return _("unknown value {value} (allowed: {allowed})").format(
            value=_show_value(value), allowed=allowed)
    if keyword == "const":
        return _("should be {expected}").format(expected=_show_value(node["const"]))
    if keyword == "type":
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        return _("should be {type}").format(type=" / ".join(_type_name(n) for n in names))
    if keyword in ("minimum", "maximum"):
        return _("out of range ({value})").format(value=_show_value(value))
    if keyword == "minItems":
        return _("too few entries")
    return _("not valid")


def _record_label(records, position: int) -> str:
    item = records[position] if 0 <= position < len(records) else None
    rid = item.get("id") if isinstance(item, dict) else None
    return shorten(rid, 40) if isinstance(rid, str) else "?"


def _field_path(parts) -> str:
    return printable(".".join(str(p) for p in parts), single_line=True) or "?"


def violation_message(name: str, env: dict, violation) -> str:
    """One line for a :class:`~plgcycle.exchange_schema.Violation` in a file named ``name``.

    ``env`` is the document checked: an export, or ``{"records": [...]}`` for the
    records of a database, so that both name the record (its number and id) and
    the field in the same words.
    """
    path = list(violation.path)
    if violation.keyword == "required":
        path.append(violation.detail)
    records = env.get("records")
    if len(path) >= 2 and path[0] == "records" and isinstance(path[1], int) and isinstance(records, list):
        rest = path[2:]
        if not rest:
            return _("{file}: record {number}: {problem}.").format(
                file=name, number=path[1] + 1,
                problem=_("should be an object ({...})") if violation.keyword == "type"
                else _problem(violation))
        return _("{file}: record {number} (id {id}), field {field}: {problem}.").format(
            file=name, number=path[1] + 1, id=_record_label(records, path[1]),
            field=_field_path(rest), problem=_problem(violation))
    return _("{file}: field {field}: {problem}.").format(
        file=name, field=_field_path(path), problem=_problem(violation))


def _file_name(path: Path | None) -> str:
    return printable(str(path), single_line=True) if path else _("the file")


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


def parse_export(raw: bytes, path: Path | None = None, *, label: str | None = None,
                 now: datetime | None = None) -> ExportFile:
    """Validate and parse the bytes of an export; raises ExchangeError naming the problem.

    Checks, in order: size, UTF-8, JSON, format and version, the JSON Schema
    (types, required fields, kinds, UUIDs, dates, text sizes, number ranges), the
    checksum, then what a schema cannot say: a person owns itself, one id has
    one content, a progress file holds no content, and no moment is later than
    ``now`` (the clock, by default) plus a day.  Whole numbers written as ``3.0``
    are read as ``3``.
    """
    from .exchange_schema import Violation, export_validator
    from .record_rules import check_record_rules, load_json, whole_numbers

    name = printable(label, single_line=True) if label else _file_name(path)
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeError(_("{file}: larger than {limit} MB; plgcycle does not read files that big.")
                      .format(file=name, limit=MAX_FILE_BYTES // (1024 * 1024)))
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]  # some editors on Windows write one
    try:
        env = load_json(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise ExchangeError(_("{file}: not UTF-8 text (byte {position}).").format(
                file=name, position=bad.start + 1)) from exc
        if "depth" in str(exc) or "recursion" in str(exc):
            raise ExchangeError(_("{file}: nested too deeply to be a plgcycle export.").format(
                file=name)) from exc
        raise ExchangeError(_("{file}: not valid JSON (line {line}, column {column}).").format(
            file=name, line=exc.lineno, column=exc.colno)) from exc
    if not isinstance(env, dict) or env.get("format") != FORMAT:
        raise ExchangeError(_("{file}: not a plgcycle export (no \"format\": \"{format}\").").format(
            file=name, format=FORMAT))
    version = env.get("version")
    if type(version) is int and version > VERSION:
        raise ExchangeError(_("{file}: made by a newer plgcycle (format version {version}); update "
                        "plgcycle to read it.").format(file=name, version=version))
    try:
        export_validator()(env)
    except Violation as violation:
        raise ExchangeError(violation_message(name, env, violation)) from None
    records = env["records"]
    stated = env["checksum"]
    if _fast_checksum(records) != stated and checksum(records) != stated:
        raise ExchangeError(_("{file}: the checksum does not match; the file was changed or damaged "
                        "on the way.").format(file=name))
    for position, item in enumerate(records):
        try:
            check_record_rules(item)
        except Violation as violation:
            violation.path.extendleft((position, "records"))
            raise ExchangeError(violation_message(name, env, violation)) from None
    future = future_moments(env, now)
    if future is not None:
        where, stamp = future
        violation = Violation("future", {"title": "future"}, stamp)
        violation.path.extend(where)
        raise ExchangeError(violation_message(name, env, violation))
    profile = env.get("profile", PROFILE_FULL)
    parsed: list[Record] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(records):
        first = seen.get(item["id"])
        if first is not None:
            if canonical(records[first]) != canonical(item):
                raise ExchangeError(_("{file}: records {first} and {second} have the same id {id} but "
                                "different content.").format(
                                    file=name, first=first + 1, second=position + 1, id=item["id"]))
            continue
        seen[item["id"]] = position
        item = whole_numbers(item)
        record = Record(item["kind"], item["owner"], item["data"], item["id"], item["rev"],
                        item["updated_at"], item["deleted"])
        if profile == PROFILE_PROGRESS:
            keep = PROGRESS_KEEP[record.kind]
            for leaf, value in _data_leaves(record):
                if leaf not in keep and value is not WITHHELD and filled(value):
                    raise ExchangeError(_("{file}: record {number} (id {id}), field {field}: a progress "
                                    "export does not share this (it should be true or left out).")
                                  .format(file=name, number=position + 1, id=record.id,
                                          field=_field_path(["data", leaf])))
        parsed.append(record)
    sources = [dict(s) for s in env.get("sources", [])]
    return ExportFile(path, env["exported_at"], dict(env["exported_by"]), parsed, profile,
                      sources, stated)


def read_export(path: str | Path, *, label: str | None = None,
                now: datetime | None = None) -> ExportFile:
    """Read and validate one export file; raises ExchangeError naming the file.

    Messages name the file as given (``label`` overrides that, e.g. the bare
    file name in a screen that already shows the folder).  Only a regular file
    is read: a named pipe or a device is refused at once instead of waiting.
    """
    from .readfile import NotAFile, read_regular_file
    from .files import describe_os_error as _describe_os_error

    path = Path(path)
    name = printable(label, single_line=True) if label else _file_name(path)
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError as exc:
        raise ExchangeError(_("{file}: no such file.").format(file=name)) from exc
    except NotAFile as exc:
        if path.is_dir():
            raise ExchangeError(_("{file}: is a folder, not an export file.").format(
                file=name)) from exc
        raise ExchangeError(_("{file}: not a regular file (a pipe or a device); plgcycle only "
                              "reads export files.").format(file=name)) from exc
    except OSError as exc:
        raise ExchangeError(_("Cannot read {path}: {reason}.").format(
            path=name, reason=_describe_os_error(exc))) from exc
    return parse_export(raw, path, label=label, now=now)


def read_exports(paths: Sequence[str | Path]) -> list[ExportFile]:
    """Read every file; when any is unusable, raise one error listing them all."""
    files, problems = [], []
    for path in paths:
        try:
            files.append(read_export(path))
        except ExchangeError as exc:
            problems.append(str(exc))
    if problems:
        raise ExchangeError("\n".join(problems))
    return files


def find_export_files(folder: str | Path) -> list[Path]:
    """The ``*.plgcycle.json`` files directly inside ``folder``, by name."""
    folder = Path(folder)
    try:
        return sorted((p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file()),
                      key=lambda p: p.name.casefold())
    except OSError:
        return []


# --- merging ------------------------------------------------------------------------------------



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
                raise ExchangeError(_("{folder}: no export files (*{suffix}) in this folder.")
                                    .format(folder=path, suffix=SUFFIX))
            inside = [p for p in inside if skip is None or p.resolve() != skip]
        else:
            inside = [path]  # a missing file is reported when it is read, with its name
        for item in inside:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found

def version_key(record: Record) -> tuple:
    return (record.rev, record.updated_at, record.owner)


def _withheld_count(record: Record) -> int:
    """How many fields a version withholds (a progress copy withholds more than a full one)."""
    keep = PROGRESS_KEEP.get(record.kind, frozenset())
    return sum(1 for path, value in _data_leaves(record) if value is WITHHELD and path not in keep)


def winner(a: Record, b: Record) -> Record:
    """The version that survives a merge; a pure, symmetric choice."""
    ka, kb = version_key(a), version_key(b)
    if ka != kb:
        return a if ka > kb else b
    ca, cb = _content(a), _content(b)
    if ca == cb:
        return a
    wa, wb = _withheld_count(a), _withheld_count(b)
    if wa != wb:
        return a if wa < wb else b
    return a if ca >= cb else b


def same_version_shared_differently(a: Record, b: Record) -> bool:
    """True when two versions differ only because one was exported as progress."""
    return _content(progress_record(a)) == _content(progress_record(b))


def is_conflict(a: Record, b: Record) -> bool:
    """Two versions with the same (rev, updated_at, owner) and really different content."""
    if version_key(a) != version_key(b):
        return False
    if _content(a) == _content(b):
        return False
    if a.kind == b.kind and a.deleted == b.deleted and same_version_shared_differently(a, b):
        return False
    return True


@dataclass
class MergeResult:
    records: dict[str, Record] = field(default_factory=dict)
    conflicts: list[tuple[Record, Record]] = field(default_factory=list)

    def as_list(self) -> list[Record]:
        return list(self.records.values())


def merge(*record_sets: Iterable[Record]) -> MergeResult:
    """Merge record sets: per id the winner; ties with different content are listed."""
    result = MergeResult()
    records = result.records
    for record_set in record_sets:
        for record in record_set:
            current = records.get(record.id)
            if current is None:
                records[record.id] = record
                continue
            if current is record:
                continue
            if is_conflict(current, record):
                result.conflicts.append((current, record))
            records[record.id] = winner(current, record)
    return result


# --- what happened to each record of a file --------------------------------------------------------

ADDED, UPDATED, UNCHANGED, IGNORED = "added", "updated", "unchanged", "ignored"

YOURS = "yours"  # owned by the local teacher
OLDER = "older"  # the database (or an earlier file) has a newer version
TAKEOVER = "takeover"  # the id belongs to a record of another owner or kind
FOREIGN = "foreign"  # attached to someone else's question

REASONS = (YOURS, TAKEOVER, FOREIGN, OLDER)


def reason_text(reason: str, n: int, merging: bool = False) -> str:
    """Why ``n`` records were ignored, as one translated phrase."""
    if reason == YOURS:
        return ngettext("{n} is yours: an import never changes your own work",
                        "{n} are yours: an import never changes your own work", n).format(n=n)
    if reason == TAKEOVER:
        return ngettext("{n} claims the id of a record that belongs to someone else",
                        "{n} claim the id of a record that belongs to someone else", n).format(n=n)
    if reason == FOREIGN:
        return ngettext("{n} is attached to someone else's question",
                        "{n} are attached to someone else's question", n).format(n=n)
    if merging:
        return ngettext("{n} is older than the version in another file",
                        "{n} are older than the version in another file", n).format(n=n)
    return ngettext("{n} is older than the version you already have",
                    "{n} are older than the version you already have", n).format(n=n)


@dataclass
class Conflict:
    """Two versions with the same revision and different content; the rule kept one."""

    kept: Record
    other: Record
    kept_from_file: bool  # True when the version from the file won


@dataclass
class FileSummary:
    """The outcome of one file of an import or merge."""

    file: ExportFile
    added: list[Record] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    unchanged: int = 0
    ignored: list[tuple[Record, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    carried: Counter = field(default_factory=Counter)  # owner id -> records not from the sender

    @property
    def ignored_by_reason(self) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {}
        for record, reason in self.ignored:
            out.setdefault(reason, []).append(record)
        return {reason: out[reason] for reason in REASONS if reason in out}

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)


@dataclass
class Plan:
    """An import or merge worked out before anything is written."""

    summaries: list[FileSummary]
    writes: dict[str, Record]  # id -> record to write (import) or the merged records (merge)
    names: dict[str, str]  # person id -> name, for describing records and owners
    merging: bool = False

    @property
    def changes(self) -> int:
        return sum(s.changes for s in self.summaries)

    def name_of(self, person_id: str | None) -> str:
        return self.names.get(person_id or "", "") or _("unknown colleague")


def _owner_of(record_id, state: dict[str, Record], incoming: dict[str, Record]) -> str | None:
    if not isinstance(record_id, str):
        return None
    found = state.get(record_id) or incoming.get(record_id)
    return found.owner if found is not None else None


def _foreign_link(record: Record, state: dict[str, Record], incoming: dict[str, Record]) -> bool:
    """True when a record hangs on a question (or try-out) of another owner.

    Only feedback may be attached to someone else's round; a try-out,
    measure, action or next round belongs to the owner of its question.
    Links to records nobody has seen yet are allowed (they may arrive later).
    """
    if record.deleted or record.kind in (PERSON, FEEDBACK):
        return False
    links = {ROUND: ("parent", "chain"), TRYOUT: ("round",), MEASURE: ("round", "tryout"),
             ACTION: ("round",)}.get(record.kind, ())
    for key in links:
        target = record.data.get(key)
        if target == record.id:
            continue
        owner = _owner_of(target, state, incoming)
        if owner is not None and owner != record.owner:
            return True
    return False


def _names(records: Iterable[Record]) -> dict[str, str]:
    return {r.id: r.text("name") for r in records if r.kind == PERSON and not r.deleted}


def plan_import(existing: Iterable[Record], me: str | None, files: Sequence[ExportFile]) -> Plan:
    """Work out an import of ``files`` (in order) into a database holding ``existing``.

    Pure: nothing is written.  ``me`` is the local teacher (None in a
    database without one, such as a facilitator's).
    """
    state: dict[str, Record] = {r.id: r for r in existing}
    names = _names(state.values())
    writes: dict[str, Record] = {}
    summaries = []
    for export in files:
        summary = FileSummary(export)
        incoming = {r.id: r for r in export.records}
        senders = export.senders
        for record in export.records:
            current = state.get(record.id)
            if me is not None and (record.owner == me or (current is not None and current.owner == me)):
                if current is not None and _content(current) == _content(record):
                    summary.unchanged += 1
                else:
                    summary.ignored.append((record, YOURS))
                continue
            if senders and record.owner not in senders:
                summary.carried[record.owner] += 1
            if current is not None and (current.owner != record.owner or current.kind != record.kind):
                summary.ignored.append((record, TAKEOVER))
                continue
            if current is not None and _content(current) == _content(record):
                summary.unchanged += 1
                continue
            if _foreign_link(record, state, incoming):
                summary.ignored.append((record, FOREIGN))
                continue
            if current is None:
                summary.added.append(record)
            else:
                kept = winner(current, record)
                if is_conflict(current, record):
                    summary.conflicts.append(Conflict(kept, current if kept is record else record,
                                                      kept is record))
                if kept is not record:
                    summary.ignored.append((record, OLDER))
                    continue
                summary.updated.append(record)
            state[record.id] = record
            writes[record.id] = record
        names.update({k: v for k, v in _names(export.records).items() if k not in names or v})
        summaries.append(summary)
    return Plan(summaries, writes, names)


def apply_plan(store, plan: Plan) -> int:
    """Write the records of an import plan in one atomic write; returns how many."""
    if not plan.writes:
        return 0
    return store.apply(plan.writes.values())


def import_files(store, files: Sequence[ExportFile]) -> Plan:
    """Plan and apply an import into ``store`` (all files or nothing, one write)."""
    plan = plan_import(store.list(include_deleted=True), store.me, files)
    apply_plan(store, plan)
    return plan


def plan_merge(files: Sequence[ExportFile]) -> Plan:
    """Merge files into one set of records (no database); per-file outcome in order."""
    merged: dict[str, Record] = {}
    names: dict[str, str] = {}
    summaries = []
    for export in files:
        summary = FileSummary(export)
        senders = export.senders
        for record in export.records:
            if senders and record.owner not in senders:
                summary.carried[record.owner] += 1
            current = merged.get(record.id)
            if current is None:
                summary.added.append(record)
                merged[record.id] = record
                continue
            if _content(current) == _content(record):
                summary.unchanged += 1
                continue
            kept = winner(current, record)
            if is_conflict(current, record) or current.owner != record.owner:
                summary.conflicts.append(Conflict(kept, current if kept is record else record,
                                                  kept is record))
            if kept is record:
                summary.updated.append(record)
                merged[record.id] = record
            else:
                summary.ignored.append((record, OLDER))
        names.update({k: v for k, v in _names(export.records).items() if v})
        summaries.append(summary)
    return Plan(summaries, merged, names, merging=True)


def merged_sources(files: Sequence[ExportFile]) -> list[dict]:
    """Who contributed to a merged file: the exporters, or the sources of merged inputs."""
    found: dict[tuple, dict] = {}
    for export in files:
        entries = export.sources or [{"id": export.exported_by.get("id"),
                                      "name": export.sender_name,
                                      "exported_at": export.exported_at}]
        for entry in entries:
            key = (entry.get("id"), entry.get("name"))
            if key not in found or entry["exported_at"] > found[key]["exported_at"]:
                found[key] = {"id": entry.get("id"), "name": entry.get("name", ""),
                              "exported_at": entry["exported_at"]}
    return sorted(found.values(), key=lambda s: (s["name"].casefold(), s["exported_at"]))


def merged_envelope(files: Sequence[ExportFile], plan: Plan, now: datetime | None = None) -> dict:
    """The envelope of a merged file: made by nobody in particular, from these sources."""
    sources = merged_sources(files)
    names = ", ".join(s["name"] for s in sources if s["name"])
    profile = (PROFILE_PROGRESS if files and all(f.profile == PROFILE_PROGRESS for f in files)
               else PROFILE_FULL)
    records = sorted(plan.writes.values(), key=lambda r: (r.kind, r.owner, r.id))
    env = envelope(records, {"id": None, "name": names}, now, profile, sources)
    return env


# --- describing records for people -------------------------------------------------------------------


def describe(record: Record, names: dict[str, str] | None = None, width: int = 50) -> str:
    """A short, literal description: ``learning question 'Hoe help ik…' (Sanne de Vries)``."""
    names = names or {}
    label = _(KIND_LABELS.get(record.kind, record.kind))
    text = ""
    if record.kind == PERSON:
        text = record.text("name")
    elif record.kind == ROUND:
        text = record.text("question")
    elif record.kind == TRYOUT:
        text = record.text("class_group") or record.text("what")
    elif record.kind == MEASURE:
        text = record.text("name")
    elif record.kind in (FEEDBACK, ACTION):
        text = record.text("text")
    out = label
    if record.deleted:
        out = _("{kind} (deleted)").format(kind=label)
    if text:
        out += f" “{shorten(text, width)}”"
    owner = names.get(record.owner)
    if owner and record.kind != PERSON:
        out += f" ({shorten(owner, 40)})"
    return out


def summary_lines(plan: Plan, *, limit: int = 5) -> list[tuple[int, str]]:
    """The summary of an import or merge as (indent, line) pairs, translated and literal-safe."""
    lines: list[tuple[int, str]] = []
    for summary in plan.summaries:
        export = summary.file
        sender = printable(export.sender_name, single_line=True) or _("unknown sender")
        profile = _("progress only") if export.profile == PROFILE_PROGRESS else _("full")
        lines.append((0, _("{file} — {sender}, {date} ({profile})").format(
            file=export.label, sender=shorten(sender, 80), date=format_date(export.exported_at),
            profile=profile)))
        ignored = len(summary.ignored)
        lines.append((1, _("new: {added} · updated: {updated} · unchanged: {unchanged} · "
                           "ignored: {ignored}").format(
                               added=len(summary.added), updated=len(summary.updated),
                               unchanged=summary.unchanged, ignored=ignored)))
        for reason, records in summary.ignored_by_reason.items():
            lines.append((1, _("ignored: {why}").format(
                why=reason_text(reason, len(records), plan.merging))))
            if reason != OLDER:
                for record in records[:limit]:
                    lines.append((2, "- " + describe(record, plan.names)))
                if len(records) > limit:
                    lines.append((2, _("… and {n} more").format(n=len(records) - limit)))
        for conflict in summary.conflicts[:limit * 4]:
            kept = conflict.kept
            if conflict.kept.owner != conflict.other.owner:
                text = _("conflict: {record} has the same id as a record of {other}; kept the "
                         "version of {owner}.").format(
                             record=describe(kept, plan.names),
                             other=shorten(plan.name_of(conflict.other.owner), 40),
                             owner=shorten(plan.name_of(kept.owner), 40))
            elif conflict.kept_from_file:
                text = _("conflict: {record}: two different versions with revision {rev}; kept "
                         "the one from this file.").format(record=describe(kept, plan.names),
                                                           rev=kept.rev)
            else:
                where = (_("kept the one from an earlier file") if plan.merging
                         else _("kept the one you had"))
                text = _("conflict: {record}: two different versions with revision {rev}; "
                         "{where}.").format(record=describe(kept, plan.names), rev=kept.rev,
                                            where=where)
            lines.append((1, text))
        if len(summary.conflicts) > limit * 4:
            lines.append((1, _("… and {n} more conflicts").format(
                n=len(summary.conflicts) - limit * 4)))
        for owner, count in sorted(summary.carried.items(), key=lambda kv: plan.name_of(kv[0])):
            lines.append((1, ngettext(
                "also in this file: {n} record of {name}, not made by the sender",
                "also in this file: {n} records of {name}, not made by the sender",
                count).format(n=count, name=shorten(plan.name_of(owner), 60))))
    return lines
