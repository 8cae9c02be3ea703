"""Checks built from a schema: one call for a valid value, a named reason for a bad one.

:func:`compile_schema` pairs the generated yes/no function of
:mod:`.schema_fast` with the closures of :mod:`.schema_compiler`, which run
only when the answer is no.  :func:`export_validator` is that check for the
export schema, after ``jsonschema`` has checked the schema itself against the
2020-12 meta-schema.
"""

from __future__ import annotations

from functools import lru_cache

from .schema import _ANNOTATIONS, _LEAF, Check, Violation, load_schema
from .schema_compiler import _Compiler
from .schema_fast import generate


def compile_schema(schema: dict, *, assert_formats: bool = True, node=None) -> Check:
    """A function that returns None for a valid document and raises :class:`Violation` otherwise.

    ``node`` (a part of ``schema``, such as ``schema["$defs"]["record"]``) checks
    values against that part instead of the whole schema.  A valid value costs one
    call of a generated function (:mod:`.schema_fast`); only a value that
    fails goes through the checks that say where and why.
    """
    target = schema if node is None else node
    fast = generate(_Compiler(schema, assert_formats), target, _ANNOTATIONS, _LEAF)

    @lru_cache(maxsize=1)
    def explain() -> Check:
        # Built when first needed: a database that is fine never pays for it at start-up.
        return _Compiler(schema, assert_formats).compile(target)

    def validate(value) -> None:
        if fast(value):
            return
        explain()(value)
        # Unreachable while both agree (the tests check they do); refuse rather than accept.
        raise Violation("not", target if isinstance(target, dict) else {}, value)

    validate.fast = fast  # type: ignore[attr-defined]  (for the tests)
    validate.explain = lambda value: explain()(value)  # type: ignore[attr-defined]
    return validate


@lru_cache(maxsize=1)
def export_validator() -> Check:
    """The compiled validator of the export schema, after checking the schema itself."""
    import jsonschema  # deferred: only needed when a file is read or written

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return compile_schema(schema)
