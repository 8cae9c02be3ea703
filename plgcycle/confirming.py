"""Confirming a colleague's key: the controlecode compared in person.

Every person's key has a short controlecode (:func:`plgcycle.signing.controlecode`).
At a meeting two colleagues compare it: one reads their own from their profile,
the other types it in (``plgcycle confirm NAME CODE``, or ``b`` in the review's
files tab).  When it matches the key plgcycle holds for that colleague, the key
is remembered as confirmed and the review marks them so; when it does not,
someone else may be sending work in their name, and nothing is remembered.

Pure: the caller says which keys it holds and stores the answer
(:meth:`plgcycle.store.Store.set_keys` with ``"confirmed"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .errors import InvalidInput
from .i18n import _
from .signing import controlecode, valid_public_key
from .textsafe import printable, shorten
from .verdict import normalised_name

CODE_DIGITS = 16


class Confirmation(NamedTuple):
    """A colleague whose controlecode matched: remember ``key`` as confirmed for ``person``."""

    person: str
    name: str
    key: str
    code: str


def code_digits(typed: str) -> str:
    """The digits of a typed controlecode (spaces, dashes and dots between groups ignored)."""
    return "".join(c for c in typed if c not in " \t-.")


def _shown(text: str) -> str:
    return shorten(printable(text, single_line=True), 60)


def confirm(
    wanted: str, typed: str, keys: Mapping[str, str], names: Mapping[str, str]
) -> Confirmation:
    """The colleague ``wanted`` (a name or a person id) whose key has controlecode ``typed``.

    ``keys``: person id -> the key in use; ``names``: person id -> name.  Raises
    InvalidInput (one line that says nothing was confirmed) for a code that is not
    four groups of four digits, for nobody by that name, and for a code that does
    not match; two colleagues with the same name are told apart by the code.
    """
    digits = code_digits(typed)
    if len(digits) != CODE_DIGITS or not digits.isdigit() or not digits.isascii():
        raise InvalidInput(
            _(
                "A check code is four groups of four digits, such as 4821 0937 5512 8830. "
                "Nothing was confirmed."
            )
        )
    people = [
        pid
        for pid, key in keys.items()
        if valid_public_key(key)
        and (
            wanted.strip() == pid
            or (names.get(pid) and normalised_name(names[pid]) == normalised_name(wanted))
        )
    ]
    if not people:
        raise InvalidInput(
            _(
                "{name}: plgcycle knows no key of a colleague by that name (their work "
                "has not arrived yet?). Nothing was confirmed."
            ).format(name=_shown(wanted))
        )
    for pid in sorted(people):
        code = controlecode(keys[pid])
        if code_digits(code) == digits:
            return Confirmation(pid, names.get(pid, ""), keys[pid], code)
    if len(people) == 1:
        held = controlecode(keys[people[0]])
        raise InvalidInput(
            _(
                "{name}: the check code you typed does not match the one plgcycle holds "
                "({held}). Compare again; if it still differs, someone else may be sending "
                "work in this name. Nothing was confirmed."
            ).format(name=_shown(names.get(people[0]) or wanted), held=held)
        )
    raise InvalidInput(
        _(
            "{name}: {n} colleagues have this name and the check code matches none of them. "
            "Compare again. Nothing was confirmed."
        ).format(name=_shown(wanted), n=len(people))
    )
