"""Planning an import of export files into a database, and applying the plan.

Import (:func:`plan_import`) adds ownership rules on top of the merge rule
(:mod:`.merging`): records of the local teacher are never changed or created by
a file; the owner and kind of an id never change; try-outs, measures, actions
and rounds cannot be attached to someone else's question.  Everything a file
tries and is refused is reported, per file, with the reason.  The whole plan is
worked out before anything is written, and :func:`apply_plan` writes it in one
atomic write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import ACTION, FEEDBACK, MEASURE, PERSON, ROUND, TRYOUT, Record
from .fileformat import ExportFile
from .merging import _content, is_conflict, winner
from .outcome import FOREIGN, OLDER, TAKEOVER, YOURS, Conflict, FileSummary, Plan, person_names


def _owner_of(record_id, state: dict[str, Record], incoming: dict[str, Record]) -> str | None:
    if not isinstance(record_id, str):
        return None
    found = state.get(record_id) or incoming.get(record_id)
    return found.owner if found is not None else None


def _foreign_link(record: Record, state: dict[str, Record], incoming: dict[str, Record]) -> bool:
    """True when a record hangs on a question (or try-out) of another owner.

    Only feedback may be attached to someone else's round; a try-out,
    measure, action or next round belongs to the owner of its question.
    Links to records nobody has seen yet are allowed (they may arrive later).
    """
    if record.deleted or record.kind in (PERSON, FEEDBACK):
        return False
    links = {
        ROUND: ("parent", "chain"),
        TRYOUT: ("round",),
        MEASURE: ("round", "tryout"),
        ACTION: ("round",),
    }.get(record.kind, ())
    for key in links:
        target = record.data.get(key)
        if target == record.id:
            continue
        owner = _owner_of(target, state, incoming)
        if owner is not None and owner != record.owner:
            return True
    return False


def plan_import(existing: Iterable[Record], me: str | None, files: Sequence[ExportFile]) -> Plan:
    """Work out an import of ``files`` (in order) into a database holding ``existing``.

    Pure: nothing is written.  ``me`` is the local teacher (None in a
    database without one, such as a facilitator's).
    """
    state: dict[str, Record] = {r.id: r for r in existing}
    names = person_names(state.values())
    writes: dict[str, Record] = {}
    summaries = []
    for export in files:
        summary = FileSummary(export)
        incoming = {r.id: r for r in export.records}
        senders = export.senders
        for record in export.records:
            current = state.get(record.id)
            if me is not None and (
                record.owner == me or (current is not None and current.owner == me)
            ):
                if current is not None and _content(current) == _content(record):
                    summary.unchanged += 1
                else:
                    summary.ignored.append((record, YOURS))
                continue
            if senders and record.owner not in senders:
                summary.carried[record.owner] += 1
            if current is not None and (
                current.owner != record.owner or current.kind != record.kind
            ):
                summary.ignored.append((record, TAKEOVER))
                continue
            if current is not None and _content(current) == _content(record):
                summary.unchanged += 1
                continue
            if _foreign_link(record, state, incoming):
                summary.ignored.append((record, FOREIGN))
                continue
            if current is None:
                summary.added.append(record)
            else:
                kept = winner(current, record)
                if is_conflict(current, record):
                    summary.conflicts.append(
                        Conflict(kept, current if kept is record else record, kept is record)
                    )
                if kept is not record:
                    summary.ignored.append((record, OLDER))
                    continue
                summary.updated.append(record)
            state[record.id] = record
            writes[record.id] = record
        names.update({k: v for k, v in person_names(export.records).items() if k not in names or v})
        summaries.append(summary)
    return Plan(summaries, writes, names)


def apply_plan(store, plan: Plan) -> int:
    """Write the records of an import plan in one atomic write; returns how many."""
    if not plan.writes:
        return 0
    return store.apply(plan.writes.values())
