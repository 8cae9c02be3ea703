"""The trust rules of the PLG as a group: meetings, scan rounds and scan responses.

Part of :mod:`plgcycle.trust`, which applies them to what passed the signature and
ownership rules.  A meeting or a scan round counts only from the keeper of the PLG record
it names (its facilitator, or a note-taker that record names); a scan response only from
a member of the PLG, given before its round closed.  Each is judged against the version of
the PLG record and the scan round that wins among the database and all files, so the order
of the files plays no part.
"""

from __future__ import annotations

from collections.abc import Mapping

from .group import is_member, keepers
from .model import MEETING, PLG, SCAN_RESPONSE, SCAN_ROUND
from .scan_rounds import in_time
from .signing import Signed
from .verdict import NOT_FACILITATOR, NOT_IN_PLG, SCAN_CLOSED


def better(a: Signed, b: Signed) -> Signed:
    """The preferred of two versions: exchange.winner, then a signed copy, then the lesser sig.

    winner() returns its first argument only for identical content, so asking
    both ways tells a real preference from a tie.  The whole is a total order:
    merging stays commutative, associative and idempotent.
    """
    from .exchange import winner

    if a.record is not b.record:
        if winner(a.record, b.record) is b.record:
            return b  # on a tie winner() returns its first argument: this is a real preference
        if winner(b.record, a.record) is a.record:
            return a
    if a.sig == b.sig or b.sig is None:
        return a
    if a.sig is None:
        return b
    return a if a.sig < b.sig else b


def _winners(
    kind: str, passed: list[tuple[int, Signed]], local: Mapping[str, Signed]
) -> dict[str, Signed]:
    """The version of each record of ``kind`` that wins among the database and the files."""
    found = {rid: entry for rid, entry in local.items() if entry.record.kind == kind}
    for _index, entry in passed:
        if entry.record.kind == kind:
            current = found.get(entry.record.id)
            found[entry.record.id] = entry if current is None else better(current, entry)
    return found


def _keepers(plgs: Mapping[str, Signed], plg_id: object) -> set[str]:
    plg = plgs.get(plg_id) if isinstance(plg_id, str) else None
    return keepers(plg.record) if plg is not None and not plg.record.deleted else set()


def group_rules(
    passed: list[tuple[int, Signed]],
    local: Mapping[str, Signed],
    pending: list[tuple[int, Signed, str]],
) -> list[tuple[int, Signed]]:
    """Meetings and scan rounds whose owner keeps the PLG's meetings; scan responses from
    its members, for a scan round that exists and was open when they answered.

    Judged against the version of each PLG record and scan round that wins among the
    database and all files, so the result does not depend on the order of the files.
    """
    group_kinds = (MEETING, SCAN_ROUND, SCAN_RESPONSE)
    if not any(entry.record.kind in group_kinds for _index, entry in passed):
        return passed
    plgs = _winners(PLG, passed, local)
    kept = []
    for index, entry in passed:
        record = entry.record
        if record.kind in (MEETING, SCAN_ROUND) and not record.deleted:
            if record.owner not in _keepers(plgs, record.data.get("plg")):
                pending.append((index, entry, NOT_FACILITATOR))
                continue
        kept.append((index, entry))
    return _scan_responses(kept, local, plgs, pending)


def _scan_responses(
    passed: list[tuple[int, Signed]],
    local: Mapping[str, Signed],
    plgs: Mapping[str, Signed],
    pending: list[tuple[int, Signed, str]],
) -> list[tuple[int, Signed]]:
    rounds = _winners(SCAN_ROUND, passed, local)
    kept = []
    for index, entry in passed:
        record = entry.record
        if record.kind == SCAN_RESPONSE and not record.deleted:
            found = rounds.get(record.data.get("scan_round"))  # type: ignore[arg-type]
            scan_round = found.record if found is not None else None
            plg = plgs.get(scan_round.data.get("plg") or "") if scan_round is not None else None
            if scan_round is None or scan_round.deleted or not in_time(scan_round, record):
                pending.append((index, entry, SCAN_CLOSED))
                continue
            if plg is None or plg.record.deleted or not is_member(plg.record, record.owner):
                pending.append((index, entry, NOT_IN_PLG))
                continue
        kept.append((index, entry))
    return kept
