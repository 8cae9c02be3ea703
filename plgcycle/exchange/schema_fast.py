"""One generated Python function that says whether a value matches a schema.

The checks of :mod:`.schema_compiler` are closures, one per schema
object, so a record costs some fifty calls; that is fine for an import, but the
database is checked with the same rules every time plgcycle opens it, and a
teacher's database holds up to 10,000 records.  This module writes the same
rules out as the source of a few plain functions (one per object schema, the
leaves inlined as expressions) and compiles them once: a valid record then
costs a handful of calls.

It only answers yes or no.  When the answer is no, the closures run to say
which record, field and rule failed, so the two must agree; the tests check
that on the corpus of bad files and on generated ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from .schema import (
    _SUPPORTED,
    SchemaError,
    _const_table,
    _is_integer,
    _json_equal,
    leaf_expression,
)

_MISSING = object()
_FEW = 4  # optional properties up to which each is looked up by name
_REMEMBER = 50_000  # texts remembered per pattern (a set of that size is a few MB at most)
_VAR = re.compile(r"\bv\b")


class _Writer:
    """Writes predicate functions for the schema objects of one compiler (see ``generate``)."""

    def __init__(self, compiler, annotations: set[str], leaf_keywords: set[str]):
        self.compiler = compiler
        self.annotations = annotations
        self.leaf_keywords = leaf_keywords
        self.names: dict = {
            "_MISSING": _MISSING,
            "_is_integer": _is_integer,
            "_isfinite": math.isfinite,
            "_equal": _json_equal,
        }
        self.functions: dict[int, str] = {}
        self.sources: list[str] = []
        self.tables: list[tuple[str, dict[str, str]]] = []  # name -> {const: function name}
        self.memos: dict[int, tuple[str, str]] = {}  # leaf -> (its set, its function)
        self.inlining: set[int] = set()  # objects being written inline just now
        self.counter = 0

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"_{stem}{self.counter}"

    def constant(self, value) -> str:
        name = self.fresh("k")
        self.names[name] = value
        return name

    def follow(self, node):
        """``node`` after following references that stand alone."""
        while isinstance(node, dict) and set(node) - self.annotations == {"$ref"}:
            node = self.compiler.resolve(node["$ref"])
        if isinstance(node, dict) and set(node) - _SUPPORTED:
            raise SchemaError(f"unsupported keywords: {sorted(set(node) - _SUPPORTED)}")
        return node

    def expression(self, node, var: str) -> str:
        """A Python expression, true when ``var`` matches ``node``."""
        node = self.follow(node)
        if node is True or node == {}:
            return "True"
        if node is False:
            return "False"
        keywords = set(node) - self.annotations
        if keywords <= self.leaf_keywords:
            if keywords & {"pattern", "format"}:
                return self.remembered(node, var)
            expr = leaf_expression(
                node, self.names, self.fresh("l")[1:], self.compiler.assert_formats
            )
            return "(" + _VAR.sub(var, expr) + ")"
        if keywords == {"anyOf"}:
            return "(" + " or ".join(self.expression(sub, var) for sub in node["anyOf"]) + ")"
        if (
            keywords <= {"properties", "required"}
            and len(node.get("properties", ())) <= _FEW
            and id(node) not in self.inlining
        ):  # a schema that holds itself gets a function
            self.inlining.add(id(node))
            try:
                return self.inline_object(node, var)
            finally:
                self.inlining.discard(id(node))
        return f"{self.function(node)}({var})"

    def inline_object(self, node: dict, var: str) -> str:
        """A few named properties as one expression: no call of its own.

        That is how the schema picks a record's data schema by kind (``then``:
        ``{properties: {data: ...}}``) and says when a record is deleted (``if``),
        once per record.
        """
        required = list(node.get("required", ()))
        tests = [f"{key!r} in {var}" for key in required]
        for key, sub in node.get("properties", {}).items():
            test = self.expression(sub, f"{var}[{key!r}]")
            if test != "True":
                tests.append(test if key in required else f"({key!r} not in {var} or {test})")
        return f"(type({var}) is not dict or ({' and '.join(tests) or 'True'}))"

    def remembered(self, node: dict, var: str) -> str:
        """A leaf with a pattern or a format, remembering the texts that passed.

        Ids and links repeat all over a database (the owner, the round, the giver)
        and a regular expression costs ten times a set lookup.  The set is bounded,
        and only ever holds texts that passed, so it cannot change an answer.
        """
        key = id(node)
        if key not in self.memos:
            seen, check = self.fresh("s"), self.fresh("m")
            self.names[seen] = set()
            expr = leaf_expression(
                node, self.names, self.fresh("l")[1:], self.compiler.assert_formats
            )
            self.sources.append(
                f"def {check}(v):\n"
                f"    if not ({expr}): return False\n"
                f"    if type(v) is str:\n"
                f"        if len({seen}) >= {_REMEMBER}: {seen}.clear()\n"
                f"        {seen}.add(v)\n"
                f"    return True\n"
            )
            self.memos[key] = (seen, check)
        seen, check = self.memos[key]
        return f"((type({var}) is str and {var} in {seen}) or {check}({var}))"

    def function(self, node: dict) -> str:
        """The name of the predicate function for ``node`` (written once)."""
        key = id(node)
        if key in self.functions:
            return self.functions[key]
        name = self.fresh("p")
        self.functions[key] = name  # before the body: a schema may refer to itself
        body = self.body(node)
        self.sources.append(
            f"def {name}(v):\n" + "".join(f"    {line}\n" for line in body) + "    return True\n"
        )
        return name

    def body(self, node: dict) -> list[str]:
        lines: list[str] = []
        if "$ref" in node:
            lines.append(f"if not {self.expression({'$ref': node['$ref']}, 'v')}: return False")
        leaf = {k: node[k] for k in self.leaf_keywords if k in node}
        if leaf:
            expr = leaf_expression(
                leaf, self.names, self.fresh("l")[1:], self.compiler.assert_formats
            )
            lines.append(f"if not ({expr}): return False")
        lines += self.object_lines(node)
        lines += self.array_lines(node)
        if "anyOf" in node:
            options = " or ".join(self.expression(sub, "v") for sub in node["anyOf"])
            lines.append(f"if not ({options}): return False")
        if "allOf" in node:
            lines += self.all_of_lines(node["allOf"])
        if "if" in node:
            condition = self.expression(node["if"], "v")
            then = self.expression(node.get("then", True), "v")
            otherwise = self.expression(node.get("else", True), "v")
            lines.append(f"if ({condition}):")
            lines.append(f"    if not {then}: return False")
            lines.append(f"elif not {otherwise}: return False")
        return lines

    def object_lines(self, node: dict) -> list[str]:
        structural = {
            "properties",
            "required",
            "additionalProperties",
            "propertyNames",
            "maxProperties",
        } & node.keys()
        if not structural:
            return []
        inner: list[str] = []
        properties = node.get("properties", {})
        required = list(node.get("required", ()))
        if required:
            inner.append(f"if not {self.constant(frozenset(required))} <= v.keys(): return False")
        if "maxProperties" in node:
            inner.append(f"if len(v) > {int(node['maxProperties'])}: return False")
        if "propertyNames" in node:
            inner.append("for k in v:")
            inner.append(f"    if not {self.expression(node['propertyNames'], 'k')}: return False")
        extra = node.get("additionalProperties", True)
        optional = [key for key in properties if key not in required]
        if extra is False and len(optional) > _FEW:
            inner += self.present_keys_lines(properties)
        else:
            inner += self.named_keys_lines(properties, required, extra)
        return ["if type(v) is dict:"] + ["    " + line for line in inner] if inner else []

    def named_keys_lines(self, properties: dict, required: list, extra) -> list[str]:
        """Look up each property by name (few optional ones, or other keys allowed)."""
        lines: list[str] = []
        if extra is False:
            lines.append(f"if not v.keys() <= {self.constant(frozenset(properties))}: return False")
        elif not (extra is True or extra == {}):
            known = self.constant(frozenset(properties))
            lines.append("for k, x in v.items():")
            lines.append(
                f"    if k not in {known} and not {self.expression(extra, 'x')}: return False"
            )
        for key, sub in properties.items():
            test = self.expression(sub, "x")
            if test == "True":
                continue
            literal = repr(key)
            if key in required:
                lines.append(f"x = v[{literal}]")
                lines.append(f"if not {test}: return False")
            else:
                lines.append(f"x = v.get({literal}, _MISSING)")
                lines.append(f"if x is not _MISSING and not {test}: return False")
        return lines

    def present_keys_lines(self, properties: dict) -> list[str]:
        """Only known keys allowed, many of them optional: test the keys that are there.

        Records fill a few of their many optional fields, so going over what is
        present costs less than asking for every field; fields with the same test
        (most are text) share one branch.
        """
        by_key = {key: self.expression(sub, "x") for key, sub in properties.items()}
        counts = Counter(test for test in by_key.values() if test != "True")
        tests = {test: number for number, (test, _n) in enumerate(counts.most_common())}
        groups = {key: tests.get(test, -1) for key, test in by_key.items()}
        lines = [
            "for k, x in v.items():",
            f"    g = {self.constant(groups)}.get(k)",
            "    if g is None: return False",
        ]
        word = "if"  # the most common test first: it decides most keys with one comparison
        for test, number in tests.items():
            lines.append(f"    {word} g == {number}:")
            lines.append(f"        if not {test}: return False")
            word = "elif"
        return lines

    def array_lines(self, node: dict) -> list[str]:
        if not {"items", "minItems", "maxItems"} & node.keys():
            return []
        inner: list[str] = []
        if "minItems" in node:
            inner.append(f"if len(v) < {int(node['minItems'])}: return False")
        if "maxItems" in node:
            inner.append(f"if len(v) > {int(node['maxItems'])}: return False")
        if "items" in node:
            test = self.expression(node["items"], "x")
            if test != "True":
                inner.append("for x in v:")
                inner.append(f"    if not {test}: return False")
        return ["if type(v) is list:"] + ["    " + line for line in inner] if inner else []

    def all_of_lines(self, subs: list) -> list[str]:
        table = _const_table(subs)
        if table is None:
            return [f"if not {self.expression(sub, 'v')}: return False" for sub in subs]
        key, choices = table
        lookup = self.fresh("t")
        self.tables.append(
            (lookup, {value: self.function_for(then) for value, then in choices.items()})
        )
        return [
            "if type(v) is dict:",
            f"    y = v.get({key!r})",
            "    if type(y) is str:",
            f"        f = {lookup}.get(y)",
            "        if f is not None and not f(v): return False",
        ]

    def function_for(self, node) -> str:
        """A function name for any schema (a leaf gets a small function of its own)."""
        node = self.follow(node)
        if isinstance(node, dict) and not (set(node) - self.annotations <= self.leaf_keywords):
            return self.function(node)
        name = self.fresh("p")
        self.sources.append(f"def {name}(v):\n    return {self.expression(node, 'v')}\n")
        return name


def generate(
    compiler, node, annotations: set[str], leaf_keywords: set[str]
) -> Callable[[object], bool]:
    """The predicate of ``node``: True exactly when the compiler's checks accept the value."""
    writer = _Writer(compiler, annotations, leaf_keywords)
    name = writer.function_for(node)
    namespace = writer.names
    exec("\n".join(writer.sources), namespace)  # noqa: S102 - written from the schema only
    for lookup, functions in writer.tables:
        namespace[lookup] = {value: namespace[function] for value, function in functions.items()}
    return namespace[name]
