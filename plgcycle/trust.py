"""One set of ownership and trust rules for everything that reads export files.

Import, merge, review, report and agenda all call :func:`resolve` with what
they have (the local database's records, the pinned keys, the key changes the
teacher accepted, the files) and use what it accepts.  It looks at every file
at once, so the result never depends on the order of the files:

1. **Keys.**  A person's key is the one pinned earlier, or one the teacher
   accepted as a change; otherwise the one in the person's *own* file (their
   ``exported_by.id`` and a file signature that verifies with it), otherwise
   the one in a relayed self-signed person record (trust on first use).  Two
   different keys for an unknown person, none of them accepted, are refused
   both.  A file that brings another key for a person whose key is known loses
   all of that person's records.
2. **Signatures.**  A record counts as its owner's work only when it is
   signed with the owner's key: by its own ``sig``, or as part of its owner's
   own signed file (whose signature covers every record in it).  A record
   without a signature is accepted only while the owner's key is unknown
   (version-1 files) and is then marked *unsigned*.
3. **Ownership.**  An id keeps its owner and kind: a record that claims an id
   the database has with another owner is refused, and when files disagree on
   an id's owner, none of them is believed.  Only feedback may hang on
   another person's question; a try-out, measure, action or next round
   attached to someone else's round is refused, judged against all files
   together.  A meeting counts only when its owner keeps the PLG's meetings: the
   facilitator who owns the PLG record it belongs to, or a note-taker that
   record names (judged by the version of the PLG record that wins).  The
   local teacher's own records never change through a file.
4. **Versions.**  Per id the version that :func:`plgcycle.exchange.winner`
   prefers survives; identical versions prefer a signed copy.

``exported_by`` and ``sources`` play no part beyond (1): they cannot hide or
launder a relayed record.  docs/export-format.md specifies the rules.

This module applies rules 2 to 4; :mod:`plgcycle.trust_keys` works out the
keys (1) and checks each signature once, :mod:`plgcycle.trust_messages` words
what was refused, and :mod:`plgcycle.verdict` holds the shapes of the result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, MutableSet, Sequence

from .gctools import gc_paused
from .model import (
    ACTION,
    FEEDBACK,
    MEASURE,
    PERSON,
    ROUND,
    TRYOUT,
    Record,
)
from .signing import Signed
from .textsafe import printable
from .trust_group import better, group_rules
from .trust_keys import Keys, SignatureChecker
from .trust_messages import claimed_names, key_notices, refusal, trusted_names
from .verdict import (
    AMBIGUOUS,
    AMBIGUOUS_KEY,
    BAD_SIGNATURE,
    CHANGED,
    FOREIGN,
    NOT_FACILITATOR,
    NOT_IN_PLG,
    NOT_SELF,
    OTHER_KEY,
    REASONS,
    SCAN_CLOSED,
    SIG_INVALID,
    SIG_NONE,
    SIG_VALID,
    TAKEOVER,
    UNKNOWN_KEY,
    UNSIGNED,
    YOURS,
    FileVerdict,
    KeyNotice,
    Refusal,
    TrustFile,
    TrustResult,
    normalised_name,
    noted_for_someone_else,
)

__all__ = [
    "Signed",
    "TrustFile",
    "Refusal",
    "FileVerdict",
    "KeyNotice",
    "TrustResult",
    "resolve",
    "normalised_name",
    "REASONS",
    "BAD_SIGNATURE",
    "OTHER_KEY",
    "AMBIGUOUS_KEY",
    "UNKNOWN_KEY",
    "UNSIGNED",
    "NOT_SELF",
    "TAKEOVER",
    "FOREIGN",
    "NOT_FACILITATOR",
    "NOT_IN_PLG",
    "SCAN_CLOSED",
    "YOURS",
    "SIG_VALID",
    "SIG_INVALID",
    "SIG_NONE",
    "CHANGED",
    "AMBIGUOUS",
]

# Not a refusal: an older version its owner's own file supersedes (see _newest_own).
SUPERSEDED = "superseded"

# The links that tie a record to its owner's question; feedback may point anywhere.
_OWN_LINKS = {
    ROUND: ("parent", "chain"),
    TRYOUT: ("round",),
    MEASURE: ("round", "tryout"),
    ACTION: ("round",),
}


def resolve(
    files: Sequence[TrustFile],
    *,
    local: Iterable[Record | Signed] = (),
    pins: Mapping[str, str] | None = None,
    accepted: Mapping[str, str] | None = None,
    me: str | None = None,
    verified: MutableSet[bytes] | None = None,
) -> TrustResult:
    """Apply the trust and ownership rules to ``files`` together; pure and order-independent.

    ``local``: the records already trusted (a database; empty for a review).
    ``pins``: person id -> public key pinned earlier.  ``accepted``: person id
    -> a new key the teacher accepted (a new laptop).  ``me``: the local
    teacher, whose records no file changes (None without one).  ``verified``: a set the
    caller keeps between runs so that each signature is checked once per session (it only
    saves time: the result is the same with or without it).
    """
    with gc_paused():  # many small objects that all stay alive: collector rounds find nothing
        return _resolve(files, local, dict(pins or {}), dict(accepted or {}), me, verified)


def _resolve(
    files: Sequence[TrustFile],
    local: Iterable[Record | Signed],
    pins: dict[str, str],
    accepted: dict[str, str],
    me: str | None,
    verified: MutableSet[bytes] | None,
) -> TrustResult:
    local_map: dict[str, Signed] = {}
    for item in local:
        entry = item if isinstance(item, Signed) else Signed(item, getattr(item, "sig", None))
        local_map[entry.record.id] = entry
    checker = SignatureChecker(verified)
    keys = Keys(files, pins, accepted, checker)
    labels = [printable(f.name, single_line=True) for f in files]  # file names are data too
    verdicts = [
        FileVerdict(label, f.version, f.signature, None)
        for label, f in zip(labels, files, strict=False)
    ]
    pending: list[tuple[int, Signed, str]] = []  # (file, entry, reason) refused
    passed: list[tuple[int, Signed]] = []

    covered = _covered(files, keys)
    newest = _newest_own(files, keys)
    for index, tfile in enumerate(files):
        mine = tfile.own_for
        if mine and keys.resolved.get(mine) == tfile.exporter_key:
            verdicts[index].own_for = mine
        for entry in tfile.records:
            reason = _signature_reason(index, tfile, entry, keys, covered, newest, checker)
            if reason is SUPERSEDED:
                verdicts[index].superseded.append(entry)
            elif reason:
                pending.append((index, entry, reason))
            else:
                passed.append((index, entry))

    passed = _ownership(passed, local_map, me, pending, checker)
    passed = group_rules(passed, local_map, pending)
    best: dict[str, Signed] = dict(local_map)
    for index, entry in passed:
        verdicts[index].passed.append(entry)
        if entry.sig is None:
            verdicts[index].unsigned += 1
        rid = entry.record.id
        current = best.get(rid)
        best[rid] = entry if current is None else better(current, entry)
    writes = {rid: entry for rid, entry in best.items() if entry is not local_map.get(rid)}
    unsigned = frozenset(rid for rid, entry in writes.items() if entry.sig is None)

    names = trusted_names(best.values())
    fallback = claimed_names(files)
    for index, entry, reason in pending:
        verdicts[index].refused.append(
            refusal(labels[index], entry.record, reason, names, fallback)
        )

    # Pins keep the first key seen; accepted changes stay an overlay, so that what an old
    # key signed is still recognised as "another key" rather than as a forgery.
    new_pins = {
        pid: key for pid, key in keys.resolved.items() if pid not in pins and pid not in accepted
    }
    return TrustResult(
        best,
        writes,
        {**pins, **new_pins},
        new_pins,
        dict(keys.resolved),
        verdicts,
        key_notices(keys, names, fallback),
        unsigned,
        _noted_by(best.values(), names),
        _same_names(best.values()),
        names,
        checker.verified,
    )


def _covered(files: Sequence[TrustFile], keys: Keys) -> dict[tuple[str, str], Record]:
    """(id, sig) -> record, for records inside their owner's own signed file.

    The file signature covers them (through the checksum), so they need no
    check of their own; a relayed copy with the same content and signature is
    the same signed work and needs none either.
    """
    found: dict[tuple[str, str], Record] = {}
    for index, tfile in enumerate(files):
        mine = tfile.own_for
        if not mine or keys.resolved.get(mine) != tfile.exporter_key:
            continue
        if mine in keys.conflicts and index in keys.conflict_files(mine):
            continue  # its own records are refused there (two keys): they cover no copy
        for entry in tfile.records:
            if entry.record.owner == mine and entry.sig is not None:
                found.setdefault((entry.record.id, entry.sig), entry.record)
    return found


def _newest_own(files: Sequence[TrustFile], keys: Keys) -> dict[str, Record]:
    """Per id, the highest revision its owner's own complete signed file brings.

    A relayed version with a lower revision of the same owner and kind can change
    nothing: it loses to that version in every merge, it claims the same owner (so
    ownership is decided the same), and it is no conflict (a conflict needs the same
    revision).  Its signature is therefore not checked: it is left out as superseded,
    which is what checking it would have led to either way (refused, or older).
    A progress copy does not count: review prefers an older full version over it.
    """
    found: dict[str, Record] = {}
    for index, tfile in enumerate(files):
        mine = tfile.own_for
        if tfile.partial or not mine or keys.resolved.get(mine) != tfile.exporter_key:
            continue
        if mine in keys.conflicts and index in keys.conflict_files(mine):
            continue  # refused there, as in _covered
        for entry in tfile.records:
            record = entry.record
            if record.owner == mine and entry.sig is not None:
                current = found.get(record.id)
                if current is None or record.rev > current.rev:
                    found[record.id] = record
    return found


def _signature_reason(
    index: int,
    tfile: TrustFile,
    entry: Signed,
    keys: Keys,
    covered: dict[tuple[str, str], Record],
    newest: dict[str, Record],
    checker: SignatureChecker,
) -> str | None:
    record, sig = entry
    owner = record.owner
    if record.kind == PERSON and owner != record.id:
        return NOT_SELF
    if owner in keys.ambiguous:
        return AMBIGUOUS_KEY
    if owner in keys.conflicts and index in keys.conflict_files(owner):
        return OTHER_KEY
    key = keys.resolved.get(owner)
    if sig is None:
        return UNSIGNED if key is not None else None
    if key is None:
        return UNKNOWN_KEY
    if not (tfile.own_for == owner and tfile.exporter_key == key):
        original = covered.get((record.id, sig))
        same = original is not None and checker.same(original, record)
        newer = None if same else newest.get(record.id)
        if (
            newer is not None
            and newer.rev > record.rev
            and newer.owner == owner
            and newer.kind == record.kind
        ):
            return SUPERSEDED
        if not same and not checker.check(record, key, sig):
            if any(
                checker.check(record, other, sig)
                for other in sorted(keys.claimed.get(owner, ()))
                if other != key
            ):
                return OTHER_KEY
            return BAD_SIGNATURE
    if record.kind == PERSON and not record.deleted:
        stated = record.data.get("key")
        if isinstance(stated, str) and stated != key:
            return OTHER_KEY
    return None


def _ownership(
    passed: list[tuple[int, Signed]],
    local: Mapping[str, Signed],
    me: str | None,
    pending: list[tuple[int, Signed, str]],
    checker: SignatureChecker,
) -> list[tuple[int, Signed]]:
    """Takeovers, foreign attachments and the local teacher's own records, over all files at once.

    Who owns an id: the database when it has the id; otherwise the files, when
    their signed versions agree (unsigned versions count only where no signed
    one exists, so an unsigned file cannot dispute signed work).  When they
    disagree nobody is believed: no order-free rule could tell the original.
    """
    signed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    unsigned: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _index, entry in passed:
        shape = (entry.record.owner, entry.record.kind)
        (unsigned if entry.sig is None else signed)[entry.record.id].add(shape)
    claim: dict[str, tuple[str, str] | None] = {}
    for rid in signed.keys() | unsigned.keys():
        found = signed.get(rid) or unsigned[rid]
        claim[rid] = next(iter(found)) if len(found) == 1 else None
    for rid, entry in local.items():
        claim[rid] = (entry.record.owner, entry.record.kind)
    owner_of = {rid: shape[0] if shape else None for rid, shape in claim.items()}
    kept = []
    for index, entry in passed:
        record = entry.record
        mine = local.get(record.id)
        reason = None
        if claim[record.id] != (record.owner, record.kind):
            reason = (
                YOURS
                if me is not None and mine is not None and mine.record.owner == me
                else TAKEOVER
            )
        elif _foreign(record, owner_of):
            reason = FOREIGN
        elif me is not None and record.owner == me:
            if mine is not None and checker.same(mine.record, record):
                continue  # your own work, unchanged: nothing to say
            reason = YOURS
        if reason:
            pending.append((index, entry, reason))
        else:
            kept.append((index, entry))
    return kept


def _foreign(record: Record, owner_of: Mapping[str, str | None]) -> bool:
    if record.deleted:
        return False
    for link in _OWN_LINKS.get(record.kind, ()):
        target = record.data.get(link)
        if isinstance(target, str) and target != record.id:
            owner = owner_of.get(target)
            if owner is not None and owner != record.owner:
                return True
    return False


def _noted_by(entries: Iterable[Signed], names: Mapping[str, str]) -> dict[str, str]:
    """Feedback its owner wrote down for someone else: counted apart, never as the giver's own."""
    out = {}
    for entry in entries:
        record = entry.record
        if record.kind != FEEDBACK or record.deleted:
            continue
        if noted_for_someone_else(record, names.get(record.owner, "")):
            out[record.id] = record.owner
    return out


def _same_names(entries: Iterable[Signed]) -> list[tuple[str, ...]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        record = entry.record
        if record.kind == PERSON and not record.deleted:
            name = normalised_name(record.text("name"))
            if name:
                groups[name].add(record.id)
    return sorted(tuple(sorted(ids)) for ids in groups.values() if len(ids) > 1)
