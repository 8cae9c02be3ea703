"""Planning an import or a merge of export files through the trust rules, and applying it.

Both go through :func:`plgcycle.trust.resolve`, the one set of trust and
ownership rules that the review, report and agenda use too: a record counts
only when its owner signed it (or, unsigned, while nobody knows the owner's
key); the owner and kind of an id never change; only feedback may hang on
someone else's question; the local teacher's own records never change through
a file.  The rules judge all files at once, so the plan never depends on the
order of the files.  Everything a file brings that is left out is reported,
per file and per record, with the reason.

:func:`plan_import` works out an import into a database (pure: nothing is
written; :func:`plan_import_into` reads the records and the remembered keys from
an open store), :func:`plan_merge` a merge without one; :func:`apply_plan` writes an
import in one atomic write, with the keys the database remembers (the first
key seen for each colleague, and key changes the teacher accepted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableSet, Sequence

from ..group import pin_first_plg
from ..model import PERSON, Record
from ..signing import valid_public_key
from .fileformat import ExportFile
from .merging import _content, is_conflict
from .outcome import OLDER, Conflict, FileSummary, Plan


def _own_key(existing: Mapping[str, Record], me: str | None) -> dict[str, str]:
    """The local teacher's key, as their person record names it: it counts for them."""
    person = existing.get(me or "")
    key = person.data.get("key") if person is not None and person.kind == PERSON else None
    return {me: key} if me and isinstance(key, str) and valid_public_key(key) else {}


def _with_sig(record: Record, sig: str | None) -> Record:
    if record.sig == sig:
        return record
    copy = record.copy()
    copy.sig = sig
    return copy


def _build(
    files: Sequence[ExportFile],
    existing: Mapping[str, Record],
    me: str | None,
    pins: Mapping[str, str],
    accepted: Mapping[str, str],
    verified: MutableSet[bytes] | None,
    merging: bool,
) -> Plan:
    from ..gctools import gc_paused

    with gc_paused():  # many small objects that all stay alive: collector rounds find nothing
        return _build_plan(files, existing, me, pins, accepted, verified, merging)


def _build_plan(
    files: Sequence[ExportFile],
    existing: Mapping[str, Record],
    me: str | None,
    pins: Mapping[str, str],
    accepted: Mapping[str, str],
    verified: MutableSet[bytes] | None,
    merging: bool,
) -> Plan:
    from ..trust import resolve
    from ..trust_messages import claimed_names

    tfiles = [export.trust_file() for export in files]
    result = resolve(
        tfiles,
        local=existing.values(),
        pins=pins,
        accepted=accepted,
        me=me,
        verified=verified,
    )
    contents: dict[int, bytes] = {}

    def content(record: Record) -> bytes:
        found = contents.get(id(record))
        if found is None:
            found = contents[id(record)] = _content(record)
        return found

    summaries = []
    for export, verdict in zip(files, result.files, strict=True):
        summary = FileSummary(export, verdict=verdict, refusals=list(verdict.refused))
        senders = export.senders
        for entry in verdict.passed:
            record = entry.record
            if senders and record.owner not in senders:
                summary.carried[record.owner] += 1
            best = result.records[record.id].record
            local = existing.get(record.id)
            if local is not None and content(local) == content(record):
                summary.unchanged += 1
            elif best is record or content(best) == content(record):
                (summary.added if local is None else summary.updated).append(record)
                if local is not None and is_conflict(local, record):
                    summary.conflicts.append(Conflict(record, local, True))
            else:
                summary.ignored.append((record, OLDER))
                if is_conflict(best, record):
                    summary.conflicts.append(Conflict(best, record, False, best is local))
        summary.ignored.extend((entry.record, OLDER) for entry in verdict.superseded)
        summary.ignored.extend((refusal.record, refusal.reason) for refusal in verdict.refused)
        summaries.append(summary)

    chosen = result.records if merging else result.writes
    writes = {rid: _with_sig(entry.record, entry.sig) for rid, entry in chosen.items()}
    added = sum(1 for rid in writes if rid not in existing)
    updated = sum(
        1
        for rid, record in writes.items()
        if rid in existing and content(existing[rid]) != content(record)
    )
    names = {**claimed_names(tfiles), **result.names}
    # Pins are kept for the people whose work counts: a file whose records are all left
    # out leaves no trace in the database, not even the key it came with.
    owners = {entry.record.owner for entry in result.records.values()}
    kept_pins = {pid: key for pid, key in result.pins.items() if pid in pins or pid in owners}
    return Plan(
        summaries,
        writes,
        names,
        merging,
        result,
        added,
        updated,
        kept_pins,
        dict(accepted),
    )


def plan_import(
    existing: Iterable[Record],
    me: str | None,
    files: Sequence[ExportFile],
    *,
    pins: Mapping[str, str] | None = None,
    accepted: Mapping[str, str] | None = None,
    verified: MutableSet[bytes] | None = None,
) -> Plan:
    """Work out an import of ``files`` into a database holding ``existing``.

    Pure: nothing is written.  ``me`` is the local teacher (None in a
    database without one, such as a facilitator's).  ``pins`` are the keys the
    database remembers (the first key seen for each colleague), ``accepted``
    the key changes the teacher accepted (a colleague's new laptop); the plan
    carries both, with the new pins, for :func:`apply_plan` to keep.
    ``verified`` may hold signatures checked earlier in a session.
    """
    state = {r.id: r for r in existing}
    known = {**_own_key(state, me), **(pins or {})}
    return _build(files, state, me, known, accepted or {}, verified, merging=False)


def plan_import_into(
    store,
    files: Sequence[ExportFile],
    *,
    accepted: Mapping[str, str] | None = None,
    verified: MutableSet[bytes] | None = None,
) -> Plan:
    """:func:`plan_import` for an open store, with the keys it remembers.

    The pins and the accepted key changes come from the store itself, so that a
    caller cannot forget them (without them a colleague's new key would count as
    a first key).  ``accepted`` adds key changes the teacher accepts just now.
    """
    return plan_import(
        store.list(include_deleted=True),
        store.me,
        files,
        pins=store.keys("pins"),
        accepted={**store.keys("accepted"), **(accepted or {})},
        verified=verified,
    )


def plan_merge(
    files: Sequence[ExportFile],
    *,
    pins: Mapping[str, str] | None = None,
    accepted: Mapping[str, str] | None = None,
    verified: MutableSet[bytes] | None = None,
) -> Plan:
    """Merge files into one set of records (no database): what passes the trust rules.

    The records keep the signatures they arrived with; what is left out is
    reported per file, exactly as an import of the same files would.
    """
    return _build(files, {}, None, pins or {}, accepted or {}, verified, merging=True)


def apply_plan(store, plan: Plan) -> int:
    """Write the records of an import plan in one atomic write; returns how many.

    The first keys seen (``plan.pins``) and the key changes accepted are kept
    in the database with them, so that the next import knows them.
    """
    with store.batch():
        written = store.apply(plan.writes.values()) if plan.writes else 0
        pins = {**store.keys("pins"), **plan.pins}
        if pins != store.keys("pins"):
            store.set_keys("pins", pins)
        accepted = {**store.keys("accepted"), **plan.accepted}
        if accepted != store.keys("accepted"):
            store.set_keys("accepted", accepted)
        pin_first_plg(store, plan.writes.values())  # the teacher's PLG, on first sight
    return written
