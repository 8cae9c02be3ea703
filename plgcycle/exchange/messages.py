"""What is wrong with a file, in words: one translated line per schema violation.

:func:`violation_message` turns a :class:`~.schema.Violation` into a line that
names the file, the record (its number and id) and the field, and says what
the value should be, for an export and for the records of a database alike.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..i18n import _, current_language
from ..model import MAX_NUMBER, NOTES, PRIVATE_KEY
from ..textsafe import printable, shorten

_TITLE_PROBLEMS = {
    "uuid": lambda: _(
        "not a UUID (36 characters, lower case, like 0f8fad5b-d9cb-469f-a165-70867728950e)"
    ),
    "uuid-or-null": lambda: _(
        "not a UUID (36 characters, lower case, like 0f8fad5b-d9cb-469f-a165-70867728950e) or null"
    ),
    "timestamp": lambda: _("not a date and time in UTC, ISO-8601 (like 2026-11-23T09:00:00+00:00)"),
    "timestamp-or-empty": lambda: _(
        "not a date and time in UTC, ISO-8601 (like 2026-11-23T09:00:00+00:00)"
    ),
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
    "public-key": lambda: _("not a public key (44 characters of base64)"),
    "public-key-or-null": lambda: _("not a public key (44 characters of base64) or null"),
    "signature": lambda: _("not a signature (88 characters of base64)"),
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
    if (
        keyword in ("maxLength", "anyOf")
        and isinstance(value, str)
        and title in ("text", "name", "")
    ):
        limit = node.get("maxLength") or 100_000
        return _("longer than {limit} characters ({length})").format(
            limit=_thousands(limit), length=_thousands(len(value))
        )
    if title == "future":
        return _(
            "later than now ({value}); the clock of the computer that saved it must have been wrong"
        ).format(value=_show_value(value))
    if title == "number" and type(value) is float and not math.isfinite(value):
        # 1e400, or 400 digits: read as infinity, so there is no value to show
        return _("too large a number; at most {limit} either way").format(
            limit=_thousands(MAX_NUMBER)
        )
    if title == "number" and type(value) in (int, float):
        return _("too large a number ({value}); at most {limit} either way").format(
            value=_show_value(value), limit=_thousands(MAX_NUMBER)
        )
    if title in _TITLE_PROBLEMS:
        return _TITLE_PROBLEMS[title]()
    if keyword in ("maxItems", "maxProperties"):
        most = node.get("maxItems", node.get("maxProperties"))
        return _("too many entries (at most {limit})").format(limit=_thousands(most))
    if keyword == "enum":
        allowed = ", ".join(str(o) for o in node["enum"] if o not in (None, ""))
        return _("unknown value {value} (allowed: {allowed})").format(
            value=_show_value(value), allowed=allowed
        )
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
    """One line for a :class:`~.schema.Violation` in a file named ``name``.

    ``env`` is the document checked: an export, or ``{"records": [...]}`` for the
    records of a database, so that both name the record (its number and id) and
    the field in the same words.
    """
    path = list(violation.path)
    if violation.keyword == "required":
        path.append(violation.detail)
    records = env.get("records")
    if (
        len(path) >= 2
        and path[0] == "records"
        and isinstance(path[1], int)
        and isinstance(records, list)
    ):
        rest = path[2:]
        if not rest:
            return _("{file}: record {number}: {problem}.").format(
                file=name,
                number=path[1] + 1,
                problem=_("should be an object ({...})")
                if violation.keyword == "type"
                else _problem(violation),
            )
        return _("{file}: record {number} (id {id}), field {field}: {problem}.").format(
            file=name,
            number=path[1] + 1,
            id=_record_label(records, path[1]),
            field=_field_path(rest),
            problem=_problem(violation),
        )
    return _("{file}: field {field}: {problem}.").format(
        file=name, field=_field_path(path), problem=_problem(violation)
    )


def _file_name(path: Path | None) -> str:
    return printable(str(path), single_line=True) if path else _("the file")
