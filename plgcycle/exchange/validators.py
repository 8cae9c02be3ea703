"""Checks built from a schema: one call for a valid value, a named reason for a bad one.

:func:`compile_schema` pairs the generated yes/no function of
:mod:`.schema_fast` with the closures of :mod:`.schema_compiler`, which run
only when the answer is no.  :func:`export_validator` is that check for the
export schema, after ``jsonschema`` has checked the schema itself against the
2020-12 meta-schema.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .schema import _ANNOTATIONS, _LEAF, Check, Violation, load_schema
from .schema_compiler import _Compiler
from .schema_fast import generate


class CompiledCheck:
    """A :data:`~.schema.Check`: None for a valid value, :class:`Violation` for a bad one.

    ``fast`` is the generated yes/no function; ``explain`` runs the checks that name
    the reason (both also used by the tests, which check that they agree).
    """

    __slots__ = ("_explain", "_target", "fast")

    def __init__(
        self, fast: Callable[[object], bool], explain: Callable[[], Check], target: object
    ) -> None:
        self.fast = fast
        self._explain = explain
        self._target = target

    def __call__(self, value: object) -> None:
        if self.fast(value):
            return
        self._explain()(value)
        # Unreachable while both agree (the tests check they do); refuse rather than accept.
        target = self._target
        raise Violation("not", target if isinstance(target, dict) else {}, value)

    def explain(self, value: object) -> None:
        """Run the checks that name the reason (raise :class:`Violation`), without ``fast``."""
        self._explain()(value)


def compile_schema(schema: dict, *, assert_formats: bool = True, node=None) -> CompiledCheck:
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

    return CompiledCheck(fast, explain, target)


@lru_cache(maxsize=2)
def export_validator(version: int = 1) -> CompiledCheck:
    """The compiled validator of the export schema of ``version``, after checking the schema."""
    import jsonschema  # deferred: only needed when a file is read or written

    schema = load_schema(version)
    jsonschema.Draft202012Validator.check_schema(schema)
    return compile_schema(schema)
