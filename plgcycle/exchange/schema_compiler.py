"""The schema compiled into checks that say where and why a value fails.

The reference implementation (``jsonschema``) needs about 400 microseconds per
record, which would make a facilitator wait half a minute for a hundred files;
so the schema is compiled into plain Python closures, one per schema object
(about 50 times faster).  A valid value is first tried against the generated
function of :mod:`.schema_fast` (faster still); only a value that fails comes
here, to raise a :class:`~.schema.Violation` naming the path, the keyword and
the schema object.  The tests run both, and ``jsonschema``, over the corpus of
bad files and over generated ones to show that they agree.
"""

from __future__ import annotations

from collections.abc import Callable

from .schema import (
    _ANNOTATIONS,
    _LEAF,
    _SUPPORTED,
    Check,
    SchemaError,
    Violation,
    _accept,
    _const_table,
    _fail,
)
from .schema_leaves import (
    choice_predicate,
    const_check,
    enum_check,
    explain_leaf,
    leaf_predicate,
    range_check,
    string_check,
    type_check,
)


class _Compiler:
    """Turns schema objects into checks (raise :class:`Violation`) and predicates (True/False).

    Leaf schemas (types, enums, lengths, patterns, formats, ranges) become one
    generated boolean expression each: a valid value costs a single call.  Only
    when it fails are the keywords checked one by one, to say which one (both
    built by :mod:`.schema_leaves`).  The keywords that hold other schemas
    (properties, items, combinations, conditions) are compiled here.
    """

    def __init__(self, root: dict, assert_formats: bool):
        self.root = root
        self.assert_formats = assert_formats
        self._compiled: dict[int, Check] = {}
        self._predicates: dict[int, Callable[[object], bool]] = {}

    def resolve(self, pointer: str) -> dict:
        if not pointer.startswith("#/"):
            raise SchemaError(f"only local references are supported: {pointer}")
        node = self.root
        for part in pointer[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def compile(self, node) -> Check:
        if node is True or node == {}:
            return _accept
        if node is False:
            return lambda value: _fail("false", {}, value)
        key = id(node)
        found = self._compiled.get(key)
        if found is not None:
            return found
        # A trampoline first, so that a schema referring to itself terminates.
        holder: list[Check] = []
        self._compiled[key] = lambda value: holder[0](value)
        check = self._build(node)
        holder.append(check)
        self._compiled[key] = check
        return check

    # --- predicates -----------------------------------------------------------------------

    def predicate(self, node) -> Callable[[object], bool]:
        """A quick yes/no version of a schema."""
        if node is True or node == {}:
            return lambda value: True
        if node is False:
            return lambda value: False
        key = id(node)
        found = self._predicates.get(key)
        if found is not None:
            return found
        keywords = set(node) - _ANNOTATIONS
        if keywords == {"$ref"}:
            result = self.predicate(self.resolve(node["$ref"]))
        elif keywords <= _LEAF:
            result = leaf_predicate(node, self.assert_formats)
        elif keywords == {"anyOf"} and all(self._leaf(sub) is not None for sub in node["anyOf"]):
            result = choice_predicate(
                [leaf for sub in node["anyOf"] if (leaf := self._leaf(sub)) is not None],
                self.assert_formats,
            )
        elif keywords == {"anyOf"}:
            options = tuple(self.predicate(sub) for sub in node["anyOf"])

            def result(value):
                for option in options:
                    if option(value):
                        return True
                return False
        elif keywords <= {"required", "properties"} and all(
            set(sub) - _ANNOTATIONS <= _LEAF for sub in node.get("properties", {}).values()
        ):
            required = tuple(node.get("required", ()))
            props = tuple((k, self.predicate(sub)) for k, sub in node.get("properties", {}).items())

            def result(value):
                if type(value) is not dict:
                    return True
                for name in required:
                    if name not in value:
                        return False
                for name, test in props:
                    if name in value and not test(value[name]):
                        return False
                return True
        else:
            check = self.compile(node)

            def result(value):
                try:
                    check(value)
                except Violation:
                    return False
                return True

        self._predicates[key] = result
        return result

    def _cheap(self, node) -> Callable[[object], bool] | None:
        """The predicate of a leaf (or a choice between leaves), which costs one call; else None."""
        if not isinstance(node, dict):
            return None
        while set(node) - _ANNOTATIONS == {"$ref"}:
            node = self.resolve(node["$ref"])
        keywords = set(node) - _ANNOTATIONS
        if keywords <= _LEAF:
            return self.predicate(node)
        if keywords == {"anyOf"} and all(self._cheap(sub) is not None for sub in node["anyOf"]):
            return self.predicate(node)
        return None

    def _leaf(self, node) -> dict | None:
        """``node`` itself when it is a leaf (after following references), else None."""
        if not isinstance(node, dict):
            return None
        while set(node) - _ANNOTATIONS == {"$ref"}:
            node = self.resolve(node["$ref"])
        return node if set(node) - _ANNOTATIONS <= _LEAF else None

    # --- checks -----------------------------------------------------------------------------

    def _build(self, node: dict) -> Check:
        unknown = set(node) - _SUPPORTED
        if unknown:
            raise SchemaError(f"unsupported keywords: {sorted(unknown)}")
        keywords = set(node) - _ANNOTATIONS
        if keywords == {"$ref"}:
            return self.compile(self.resolve(node["$ref"]))
        if keywords <= _LEAF:
            ok = leaf_predicate(node, self.assert_formats)
            explain = explain_leaf(node, self.assert_formats)

            def leaf(value):
                if not ok(value):
                    explain(value)

            return leaf
        checks: list[Check] = []
        if "$ref" in node:
            checks.append(self.compile(self.resolve(node["$ref"])))
        structural = {
            "properties",
            "required",
            "additionalProperties",
            "propertyNames",
            "maxProperties",
        } & node.keys()
        arrays = {"items", "minItems", "maxItems"} & node.keys()
        if (
            "type" in node
            and not (node["type"] == "object" and structural)
            and not (node["type"] == "array" and arrays)
        ):
            checks.append(type_check(node))
        if "enum" in node:
            checks.append(enum_check(node))
        if "const" in node:
            checks.append(const_check(node))
        if {"pattern", "minLength", "maxLength", "format"} & node.keys():
            checks.append(string_check(node, self.assert_formats))
        if {"minimum", "maximum"} & node.keys():
            checks.append(range_check(node))
        if structural:
            checks.append(self._object(node, typed=node.get("type") == "object"))
        if arrays:
            checks.append(self._array(node, typed=node.get("type") == "array"))
        if "anyOf" in node:
            checks.append(self._any_of(node))
        if "allOf" in node:
            checks.append(self._all_of(node["allOf"]))
        if "if" in node:
            checks.append(self._if(node))
        if not checks:
            return _accept
        if len(checks) == 1:
            return checks[0]

        def all_checks(value):
            for check in checks:
                check(value)

        return all_checks

    # --- keywords that hold other schemas -----------------------------------------------

    def _object(self, node: dict, typed: bool = False) -> Check:
        properties = {
            key: (self._cheap(sub), self.compile(sub))
            for key, sub in node.get("properties", {}).items()
        }
        required = tuple(node.get("required", ()))
        required_set = frozenset(required)
        extra = node.get("additionalProperties", True)
        extra_check = (
            None if extra is False else (None if extra in (True, {}) else self.compile(extra))
        )
        allow_extra = extra is not False
        names = self.compile(node["propertyNames"]) if "propertyNames" in node else None
        most = node.get("maxProperties")
        if allow_extra and extra_check is None and names is None and most is None and not required:
            return self._known_properties(node, typed, tuple(properties.items()))

        def check(value):
            if type(value) is not dict:
                if typed:
                    _fail("type", node, value)
                return
            if required_set and not required_set <= value.keys():
                missing = next(key for key in required if key not in value)
                _fail("required", node, value, missing)
            if most is not None and len(value) > most:
                _fail("maxProperties", node, value)
            if names is not None:
                for key in value:
                    try:
                        names(key)
                    except Violation as exc:
                        exc.keyword, exc.detail = "propertyNames", exc.keyword
                        exc.path.appendleft(key)
                        raise
            get = properties.get
            for key, item in value.items():
                entry = get(key)
                if entry is None:
                    if not allow_extra:
                        violation = Violation("additionalProperties", node, item, key)
                        violation.path.append(key)
                        raise violation
                    sub = extra_check
                    if sub is None:
                        continue
                else:
                    quick, sub = entry
                    if quick is not None and quick(item):
                        continue
                try:
                    sub(item)
                except Violation as exc:
                    exc.path.appendleft(key)
                    raise

        return check

    def _known_properties(self, node: dict, typed: bool, properties: tuple) -> Check:
        """An object that only constrains a few named properties: look those up, skip the rest."""

        def check(value):
            if type(value) is not dict:
                if typed:
                    _fail("type", node, value)
                return
            for key, (quick, sub) in properties:
                if key in value:
                    item = value[key]
                    if quick is not None and quick(item):
                        continue
                    try:
                        sub(item)
                    except Violation as exc:
                        exc.path.appendleft(key)
                        raise

        return check

    def _array(self, node: dict, typed: bool = False) -> Check:
        items = self.compile(node["items"]) if "items" in node else None
        low, high = node.get("minItems"), node.get("maxItems")

        def check(value):
            if type(value) is not list:
                if typed:
                    _fail("type", node, value)
                return
            if low is not None and len(value) < low:
                _fail("minItems", node, value)
            if high is not None and len(value) > high:
                _fail("maxItems", node, value)
            if items is not None:
                for position, item in enumerate(value):
                    try:
                        items(item)
                    except Violation as exc:
                        exc.path.appendleft(position)
                        raise

        return check

    def _any_of(self, node: dict) -> Check:
        options = tuple(self.predicate(sub) for sub in node["anyOf"])

        def check(value):
            for option in options:
                if option(value):
                    return
            _fail("anyOf", node, value)

        return check

    def _all_of(self, subs: list) -> Check:
        dispatch = self._const_dispatch(subs)
        if dispatch is not None:
            return dispatch
        checks = [self.compile(sub) for sub in subs]

        def check(value):
            for sub in checks:
                sub(value)

        return check

    def _const_dispatch(self, subs: list) -> Check | None:
        """``allOf: [{if: {properties: {K: {const: V}}}, then: S}, ...]`` as one dict lookup.

        This is how the schema chooses the data schema for a record's kind; the
        generic if/then would try every kind in turn.
        """
        found = _const_table(subs)
        if found is None:
            return None
        key, choices = found
        table = {value: self.compile(then) for value, then in choices.items()}

        def check(value):
            if type(value) is dict:
                found = value.get(key)
                if type(found) is str:
                    then = table.get(found)
                    if then is not None:
                        then(value)

        return check

    def _if(self, node: dict) -> Check:
        condition = self.predicate(node["if"])
        then = self.compile(node["then"]) if "then" in node else _accept
        otherwise = self.compile(node["else"]) if "else" in node else _accept

        def check(value):
            if condition(value):
                then(value)
            else:
                otherwise(value)

        return check
