"""Accepting a colleague's new key, only when the teacher says so (``--accept-key``).

When a file brings another key for a colleague whose key is known (a new
laptop), or two files bring different keys for someone new, the trust rules
leave that colleague's records out and say so (:class:`plgcycle.verdict.KeyNotice`).
The teacher compares the controlecode with the colleague and then accepts the
key by naming the colleague, their person id, or the controlecode itself;
:func:`keys_to_accept` turns those words into the keys to accept.  Naming a
colleague whose key is already the one in use confirms it instead
(:func:`keys_to_confirm`): the review shows who has been confirmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InvalidInput
from ..i18n import _
from ..signing import controlecode
from ..textsafe import printable, shorten
from ..verdict import KeyNotice, normalised_name
from .outcome import Plan


def _digits(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def _matches(notice: KeyNotice, wanted: str, name: str) -> str | None:
    """The key ``wanted`` accepts of ``notice``: "" for "the one offered", None for no match."""
    plain = _digits(wanted)
    if plain.isdigit():
        for key in notice.offered:
            if _digits(controlecode(key)) == plain:
                return key
        return None
    if wanted.strip() == notice.person or (
        name and normalised_name(wanted) == normalised_name(name)
    ):
        return ""
    return None


def keys_to_accept(plan: Plan, wanted: Sequence[str]) -> dict[str, str]:
    """Person id -> the new key to accept, for each colleague named in ``wanted``.

    Raises InvalidInput (one line) when a name matches no key notice, or names a
    colleague for whom several keys arrive without saying which one (the
    controlecode does).
    """
    notices = plan.trust.notices if plan.trust is not None else []
    out: dict[str, str] = {}
    for text in wanted:
        found = False
        for notice in notices:
            name = plan.names.get(notice.person, "")
            key = _matches(notice, text, name)
            if key is None:
                continue
            found = True
            if key == "" and len(notice.offered) != 1:
                raise InvalidInput(
                    _(
                        "{name}: the files bring {n} different keys (check codes {codes}); "
                        "say which one you compared: --accept-key followed by that check code. "
                        "Nothing was changed."
                    ).format(
                        name=shorten(printable(name, single_line=True), 60),
                        n=len(notice.offered),
                        codes=", ".join(controlecode(k) for k in notice.offered),
                    )
                )
            out[notice.person] = key or notice.offered[0]
        if not found and text in _confirmable(plan, [text]):
            continue  # a key already in use: naming it confirms it (keys_to_confirm)
        if not found:
            raise InvalidInput(
                _(
                    "{name}: these files bring no other key for that colleague, so there is "
                    "nothing to accept. Nothing was changed."
                ).format(name=shorten(printable(text, single_line=True), 60))
            )
    return out


def _confirmable(plan: Plan, wanted: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Words of ``wanted`` that name a colleague whose key is in use: word -> (person, key)."""
    trust = plan.trust
    if trust is None:
        return {}
    waiting = {notice.person for notice in trust.notices}
    out = {}
    for text in wanted:
        plain = _digits(text)
        for person, key in trust.keys.items():
            if person in waiting:
                continue
            name = plan.names.get(person, "")
            by_code = plain.isdigit() and _digits(controlecode(key)) == plain
            by_name = text.strip() == person or (
                bool(name) and normalised_name(text) == normalised_name(name)
            )
            if by_code or by_name:
                out[text] = (person, key)
    return out


def keys_to_confirm(plan: Plan, wanted: Sequence[str]) -> dict[str, str]:
    """Person id -> key, for the colleagues named whose key is already the one in use.

    Naming them with ``--accept-key`` after comparing the controlecode marks the key
    as confirmed; the review shows who has been confirmed.
    """
    return dict(_confirmable(plan, wanted).values())


def accept_hint(plan: Plan, *, sync: bool = False) -> list[str]:
    """How to accept each key that is waiting for the teacher (for the command line);
    ``sync``: for files read from the shared folder (``plgcycle sync``)."""
    out = []
    for notice in plan.trust.notices if plan.trust is not None else []:
        name = printable(plan.names.get(notice.person) or notice.person, single_line=True)
        if len(notice.offered) == 1:
            what = name
        else:
            what = _("CHECK-CODE")
        if sync:
            line = _(
                "After comparing the check code with {name}, accept the new key with: "
                "plgcycle sync --accept-key '{what}'"
            )
        else:
            line = _(
                "After comparing the check code with {name}, accept the new key with: "
                "plgcycle import --accept-key '{what}' FILE..."
            )
        out.append(line.format(name=shorten(name, 60), what=what))
    return out


def waiting_files(plan: Plan | None) -> set[str]:
    """Names of the files whose records wait for the teacher to accept a key.

    A shared-folder sync does not remember them as read, so that every sync reads
    them again and says so until the key is accepted (``plgcycle sync --accept-key``,
    or an import), and then takes them in; the rest of the folder stays remembered.
    """
    from ..verdict import AMBIGUOUS_KEY, OTHER_KEY

    out: set[str] = set()
    for summary in plan.summaries if plan is not None else ():
        path = summary.file.path
        if path is not None and any(
            r.reason in (OTHER_KEY, AMBIGUOUS_KEY) for r in summary.refusals
        ):
            out.add(Path(path).name)
    return out
