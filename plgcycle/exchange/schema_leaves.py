"""Leaf schemas compiled: one generated expression to accept, keyword checks to explain.

A leaf schema constrains a single value and holds no other schema: ``type``,
``enum``, ``const``, lengths, ``pattern``, ``format`` and ranges (``_LEAF`` in
:mod:`.schema`).  :func:`leaf_predicate` evaluates it as one generated boolean
expression, so that a valid value costs a single call; only a value that fails
goes through :func:`explain_leaf`, which tries the keywords one by one and
raises a :class:`~.schema.Violation` for the first that fails.  The keyword
checks are also what :mod:`.schema_compiler` uses next to the structural
keywords of a larger schema object.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .schema import (
    _FORMATS,
    _TYPE_TESTS,
    Check,
    SchemaError,
    _fail,
    _is_integer,
    _json_equal,
    leaf_expression,
)


def leaf_predicate(node: dict, assert_formats: bool) -> Callable[[object], bool]:
    """One generated expression for a leaf schema (evaluated once, at compile time)."""
    names: dict = {
        "_is_integer": _is_integer,
        "_isfinite": math.isfinite,
        "_equal": _json_equal,
    }
    expression = leaf_expression(node, names, "a", assert_formats)
    return eval(f"lambda v: {expression}", names)  # noqa: S307 - built from the schema only


def choice_predicate(leaves: list[dict], assert_formats: bool) -> Callable[[object], bool]:
    """``anyOf`` between leaves as one expression: ``(a) or (b) or (c)``."""
    names: dict = {
        "_is_integer": _is_integer,
        "_isfinite": math.isfinite,
        "_equal": _json_equal,
    }
    parts = [
        f"({leaf_expression(leaf, names, f'o{i}', assert_formats)})"
        for i, leaf in enumerate(leaves)
    ]
    return eval(f"lambda v: {' or '.join(parts)}", names)  # noqa: S307


def explain_leaf(node: dict, assert_formats: bool) -> Check:
    """The slow path of a leaf: find the keyword that fails and raise for it."""
    checks = []
    if "type" in node:
        checks.append(type_check(node))
    if "enum" in node:
        checks.append(enum_check(node))
    if "const" in node:
        checks.append(const_check(node))
    if {"pattern", "minLength", "maxLength", "format"} & node.keys():
        checks.append(string_check(node, assert_formats))
    if {"minimum", "maximum"} & node.keys():
        checks.append(range_check(node))

    def explain(value):
        for check in checks:
            check(value)
        _fail("not", node, value)  # unreachable while predicate and checks agree

    return explain


# --- keywords -----------------------------------------------------------------------


def type_check(node: dict) -> Check:
    """``type``: one JSON type, or any of a list of them."""
    names = node["type"] if isinstance(node["type"], list) else [node["type"]]
    tests = [_TYPE_TESTS[name] for name in names]
    if len(tests) == 1:
        test = tests[0]

        def check(value):
            if not test(value):
                _fail("type", node, value)

        return check

    def check_any(value):
        if not any(test(value) for test in tests):
            _fail("type", node, value)

    return check_any


def enum_check(node: dict) -> Check:
    """``enum``: a set lookup when every option is a string or null, else JSON equality."""
    options = node["enum"]
    hashable = all(isinstance(o, (str, type(None))) for o in options)
    if hashable:
        allowed = frozenset(options)

        def check(value):
            if not ((value is None or type(value) is str) and value in allowed):
                _fail("enum", node, value)

        return check

    def check_slow(value):
        if not any(_json_equal(value, option) for option in options):
            _fail("enum", node, value)

    return check_slow


def const_check(node: dict) -> Check:
    """``const``: JSON equality with the one allowed value."""
    expected = node["const"]

    def check(value):
        if not _json_equal(value, expected):
            _fail("const", node, value)

    return check


def string_check(node: dict, assert_formats: bool) -> Check:
    """Lengths, ``pattern`` and (when asserted) ``format`` of a string; other values pass."""
    low = node.get("minLength", 0)
    high = node.get("maxLength")
    pattern = re.compile(node["pattern"]) if "pattern" in node else None
    fmt = _FORMATS.get(node.get("format", "")) if assert_formats else None
    if "format" in node and node["format"] not in _FORMATS:
        raise SchemaError(f"unsupported format {node['format']}")

    def check(value):
        if type(value) is not str:
            return
        size = len(value)
        if size < low:
            _fail("minLength", node, value)
        if high is not None and size > high:
            _fail("maxLength", node, value)
        if pattern is not None and pattern.search(value) is None:
            _fail("pattern", node, value)
        if fmt is not None and not fmt(value):
            _fail("format", node, value)

    return check


def range_check(node: dict) -> Check:
    """``minimum`` and ``maximum`` of a number; other values pass."""
    low, high = node.get("minimum"), node.get("maximum")

    def check(value):
        if type(value) not in (int, float):
            return
        if low is not None and value < low:
            _fail("minimum", node, value)
        if high is not None and value > high:
            _fail("maximum", node, value)

    return check
