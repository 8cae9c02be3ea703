"""The export schema, and the words its checks are made of.

``plgcycle/schema/export-v1.json`` and ``export-v2.json`` (the same with signatures)
are the one description of a valid export:
published for other programs, documented in docs/export-format.md, and the
thing plgcycle itself validates against.  This module finds and reads it, and
holds what the two checks built from it share (:mod:`.schema_fast`, one
generated yes/no function; :mod:`.schema_compiler`, the closures that say
where and why): the keywords plgcycle understands, :class:`Violation`, JSON
equality and types, the formats, and a leaf schema written out as one Python
expression.

Only the keywords listed in ``_SUPPORTED`` are understood; any other makes the
compilers fail, so the schema cannot quietly outgrow them.  ``format``
(``date``, ``date-time``) is asserted, not just annotated: a date must exist in
the calendar.  Patterns use :func:`re.search`, as ``jsonschema`` does, and the
schema pairs them with exact lengths so that a trailing newline cannot slip
through.
"""

from __future__ import annotations

import json
import math
import re
from collections import deque
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

SCHEMA_FOLDER = Path(__file__).parent.parent / "schema"
SCHEMA_PATH = SCHEMA_FOLDER / "export-v1.json"
# Version 2 is version 1 with signatures (docs/export-format.md); both stay readable.
SCHEMA_PATHS = {1: SCHEMA_PATH, 2: SCHEMA_FOLDER / "export-v2.json"}

# Keywords that only describe (no effect on validity).
_ANNOTATIONS = {
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "$defs",
}
_SUPPORTED = _ANNOTATIONS | {
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "maxProperties",
    "items",
    "minItems",
    "maxItems",
    "enum",
    "const",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "anyOf",
    "allOf",
    "if",
    "then",
    "else",
    "format",
}


class Violation(Exception):
    """A value that the schema does not allow.

    ``path`` is the list of keys and positions from the document root to the
    value; ``keyword`` the schema keyword that failed; ``node`` the schema
    object holding it (its ``title`` names the kind of value expected).
    """

    def __init__(self, keyword: str, node: dict, value, detail=None):
        super().__init__(keyword)
        self.keyword = keyword
        self.node = node
        self.value = value
        self.detail = detail
        self.path: deque = deque()

    def __str__(self) -> str:  # for debugging and test output only
        where = "/".join(str(p) for p in self.path)
        return f"{where or '<root>'}: {self.keyword} ({self.node.get('title', '')})"


class SchemaError(Exception):
    """The schema uses something this compiler does not understand (a programming error)."""


def _json_equal(a, b) -> bool:
    """Equality as JSON Schema defines it: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return a == b


def _is_integer(value) -> bool:
    t = type(value)
    return t is int or (t is float and math.isfinite(value) and value.is_integer())


_TYPE_TESTS: dict[str, Callable[[object], bool]] = {
    "string": lambda v: type(v) is str,
    "integer": _is_integer,
    "number": lambda v: type(v) is int or (type(v) is float and math.isfinite(v)),
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
    "object": lambda v: type(v) is dict,
    "array": lambda v: type(v) is list,
}


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _valid_datetime(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


_FORMATS: dict[str, Callable[[str], bool]] = {"date": _valid_date, "date-time": _valid_datetime}

Check = Callable[[object], None]


_LEAF = {
    "type",
    "enum",
    "const",
    "pattern",
    "minLength",
    "maxLength",
    "format",
    "minimum",
    "maximum",
}
_TYPE_EXPR = {
    "string": "type(v) is str",
    "integer": "(type(v) is int or (type(v) is float and _is_integer(v)))",
    "number": "(type(v) is int or (type(v) is float and _isfinite(v)))",
    "boolean": "type(v) is bool",
    "null": "v is None",
    "object": "type(v) is dict",
    "array": "type(v) is list",
}


def leaf_expression(node: dict, names: dict, prefix: str, assert_formats: bool) -> str:
    """A leaf schema (types, enums, lengths, patterns, formats, ranges) as one expression of ``v``.

    The constants it needs are added to ``names`` (prefixed by ``prefix``), the
    namespace the expression is evaluated in.
    """
    parts = []
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        parts.append("(" + " or ".join(_TYPE_EXPR[t] for t in types) + ")")
    if "enum" in node:
        if all(isinstance(o, str) or o is None for o in node["enum"]):
            names[f"_{prefix}_enum"] = frozenset(node["enum"])
            parts.append(f"((v is None or type(v) is str) and v in _{prefix}_enum)")
        else:
            names[f"_{prefix}_enum"] = node["enum"]
            parts.append(f"any(_equal(v, o) for o in _{prefix}_enum)")
    if "const" in node:
        expected = node["const"]
        if expected is True or expected is False or expected is None:
            parts.append(f"v is {expected!r}")
        else:
            names[f"_{prefix}_const"] = expected
            parts.append(f"_equal(v, _{prefix}_const)")
    string = []
    if "minLength" in node:
        string.append(f"len(v) >= {int(node['minLength'])}")
    if "maxLength" in node:
        string.append(f"len(v) <= {int(node['maxLength'])}")
    if "pattern" in node:
        names[f"_{prefix}_pattern"] = re.compile(node["pattern"])
        string.append(f"_{prefix}_pattern.search(v) is not None")
    if "format" in node:
        if node["format"] not in _FORMATS:
            raise SchemaError(f"unsupported format {node['format']}")
        if assert_formats:
            names[f"_{prefix}_format"] = _FORMATS[node["format"]]
            string.append(f"_{prefix}_format(v)")
    if string and parts and parts[0] == "(type(v) is str)":
        parts.extend(string)  # already known to be text
    elif string:
        parts.append("(type(v) is not str or (" + " and ".join(string) + "))")
    bounds = []
    if "minimum" in node:
        bounds.append(f"v >= {node['minimum']!r}")
    if "maximum" in node:
        bounds.append(f"v <= {node['maximum']!r}")
    if bounds:
        parts.append("(type(v) not in (int, float) or (" + " and ".join(bounds) + "))")
    return " and ".join(parts) or "True"


def _const_table(subs: list) -> tuple[str, dict] | None:
    """``allOf: [{if: {properties: {K: {const: V}}}, then: S}, ...]`` as (K, {V: S}), else None."""
    key = None
    table: dict = {}
    for sub in subs:
        if not isinstance(sub, dict) or set(sub) != {"if", "then"}:
            return None
        cond = sub["if"]
        if set(cond) - {"properties", "required"} or len(cond.get("properties", {})) != 1:
            return None
        ((prop, test),) = cond["properties"].items()
        if set(test) != {"const"} or not isinstance(test["const"], str):
            return None
        if cond.get("required", [prop]) != [prop] or (key is not None and prop != key):
            return None
        key = prop
        table[test["const"]] = sub["then"]
    return (key, table) if key is not None else None


def _accept(value) -> None:
    return None


def _fail(keyword: str, node: dict, value, detail=None):
    raise Violation(keyword, node, value, detail)


@lru_cache(maxsize=2)
def load_schema(version: int = 1) -> dict:
    """The export schema of format ``version`` (1 or 2) as a dict (read once per process)."""
    return json.loads(SCHEMA_PATHS[version].read_text(encoding="utf-8"))
