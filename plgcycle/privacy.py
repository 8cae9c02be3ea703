"""What may leave this computer: the one rule every export and every shared view applies.

A text is private when it is a private note (a ``notes`` field, on a record or
on a step) or when its owner marked its field private (``data["private"]``, a
list of field paths such as ``steps.baseline.findings``).  Privacy belongs to
the text, not to a screen: a copy of a private text is private too (the
conclusions a next round carries, see :func:`plgcycle.cycle.start_next_round`),
and everything another person may see is made from :func:`shareable` records:
both export profiles (and so every merged file), the review with its detail,
reports and agenda, and the search among colleagues' questions.

A private field that holds something is *filled, withheld*: it is written as
``true``, the marker the progress profile uses for content it does not share.
So the rules of the cycle still count the field as filled, and a facilitator
sees the same step marks from a teacher's full export as from their progress
export, while the text itself never leaves.  Private notes never count for a
step and are left out altogether, as are empty private fields.
"""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import _
from .model import CARRIED_KEYS, LOGBOOK, NOTES, PRIVATE_KEY, ROUND, Record

WITHHELD = True  # stands for a text or value that is filled in but not shared
# Fields that only their owner ever sees, not even as "filled in": a teacher's own
# judgement whether a prediction held (see plgcycle.predictions), and a facilitator's logbook.
OWNER_ONLY = frozenset({"prediction_held", LOGBOOK})


def filled(value) -> bool:
    """Whether a field holds something (whitespace alone, or an empty list, is nothing)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)  # an empty list holds nothing to withhold
    return True


def is_withheld(value) -> bool:
    """True for the marker of a field that is filled in but not shared."""
    return value is WITHHELD


def withheld_label() -> str:
    """What a view shows in place of a field that is filled in but not shared."""
    return _("filled in, not shared")


def has_private(record: Record) -> bool:
    """Whether :func:`shareable` would change ``record``.

    Cheap, because it runs for every record of a review (tens of thousands) and
    most are clean: private notes sit in ``data`` itself or, on a round, in a
    step (see :func:`plgcycle.model.notes_paths`).
    """
    data = record.data
    if record.deleted:
        return bool(data)
    if PRIVATE_KEY in data or NOTES in data or not OWNER_ONLY.isdisjoint(data):
        return True
    steps = data.get("steps") if record.kind == ROUND else None
    if type(steps) is dict:
        for step in steps.values():
            if type(step) is dict and NOTES in step:
                return True
    return False


def _without_notes(data: dict) -> dict:
    return {
        key: _without_notes(value) if isinstance(value, dict) else value
        for key, value in data.items()
        if key != NOTES
    }


def _lookup(data: dict, path: str):
    node: object = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _withhold(data: dict, path: str) -> None:
    """Replace the value at ``path`` by the marker when filled (a text or a number), else drop it."""
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            return
        node = child
    key = parts[-1]
    if key not in node:
        return
    value = node[key]
    # Only texts and numbers have a "filled in" marker in the format; anything else
    # marked private (no form offers that) is left out rather than risk its content.
    if filled(value) and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        node[key] = WITHHELD
    elif value is not WITHHELD:
        del node[key]


def shareable(record: Record) -> Record:
    """``record`` as anyone but its owner may see it: the one privacy rule.

    Private notes are left out; every field marked private becomes ``true``
    when it holds something and is left out when empty; the list of private
    marks itself is left out; a deleted record keeps no content.  Returns
    ``record`` itself when there is nothing to hide, so never change the result.
    """
    if not has_private(record):
        return record
    clean = record.copy()
    if record.deleted:
        clean.data = {}
        return clean
    paths = clean.private_paths
    data = _without_notes(clean.data)
    data.pop(PRIVATE_KEY, None)
    for key in OWNER_ONLY:
        data.pop(key, None)
    for path in sorted(paths):
        if path.split(".")[-1] != NOTES and path not in OWNER_ONLY:
            _withhold(data, path)
    clean.data = data
    return clean


def _carried_from(parent: Record) -> set[str]:
    return {f"carried.{key}" for key in CARRIED_KEYS if parent.is_private(f"steps.apply.{key}")}


def with_carried_marks(records: Iterable[Record]) -> list[Record]:
    """``records``, with a round's carried texts marked private where their source is.

    The source of a carried text is the previous round's step "apply" (when it
    is among ``records``).  The cycle marks the copy when it makes it; this also
    covers copies made before that, or before their source was marked.  A
    record that needs a mark is copied; the others are returned as they are.
    """
    records = list(records)
    parents = {r.id: r for r in records if r.kind == ROUND and PRIVATE_KEY in r.data}
    if not parents:
        return records
    out = []
    for record in records:
        parent = parents.get(record.get("parent")) if record.kind == ROUND else None
        if parent is not None and parent.owner == record.owner and not record.deleted:
            missing = _carried_from(parent) - record.private_paths
            if missing:
                record = record.copy()
                record.data[PRIVATE_KEY] = sorted(record.private_paths | missing)
        out.append(record)
    return out


def shareable_records(records: Iterable[Record]) -> list[Record]:
    """:func:`shareable` of every record, in order, after :func:`with_carried_marks`."""
    records = list(records)
    if any(PRIVATE_KEY in r.data for r in records if r.kind == ROUND):
        records = with_carried_marks(records)
    return [shareable(r) if has_private(r) else r for r in records]


def private_count(record: Record) -> int:
    """How many filled private notes and fields of ``record`` stay on this computer."""
    if record.deleted:
        return 0

    def notes(data: dict) -> int:
        return sum(
            notes(value) if isinstance(value, dict) else int(key == NOTES and filled(value))
            for key, value in data.items()
        )

    count = notes(record.data)
    for path in record.private_paths:
        if (
            path.split(".")[-1] != NOTES
            and filled(_lookup(record.data, path))
            and not is_withheld(_lookup(record.data, path))
        ):
            count += 1
    return count
