"""Which key counts for each person, and signatures checked once each.

The first of the trust rules (:mod:`plgcycle.trust`): a person's key is the one
pinned earlier or accepted as a change, else the one in the person's own signed
file, else the one in a relayed self-signed person record (trust on first use);
two different keys for an unknown person, none accepted, leave that person
ambiguous.  :class:`Keys` works this out for all files at once and remembers
which files bring another key.  :class:`SignatureChecker` verifies each distinct
(key, signature, content) once, so the rules may ask as often as they need.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, MutableSet, Sequence
from typing import Literal

import orjson

from .model import PERSON, Record
from .signing import CanonicalError, record_message, valid_public_key, verify
from .verdict import TrustFile


class SignatureChecker:
    """Verifies each distinct (key, signature, content) once per run, or once per session.

    ``known`` holds digests of triples verified before (a caller keeps the set between
    runs, e.g. while the review screen re-reads a synchronised folder); only successful
    verifications enter it, and a digest covers the key, the signature and the content.
    """

    def __init__(self, known: MutableSet[bytes] | None = None):
        self._seen: dict[tuple, bool] = {}
        self._messages: dict[int, bytes | None] = {}  # by object: records live as long as a run
        self._contents: dict[int, bytes | None] = {}
        self._known = known
        self.verified = 0

    def message(self, record: Record) -> bytes | None:
        """The bytes a signature of ``record`` covers, or None when it has no canonical form."""
        found: bytes | Literal[False] | None = self._messages.get(id(record), False)
        if found is False:
            try:
                found = record_message(record)
            except CanonicalError:
                found = None
            self._messages[id(record)] = found
        return found

    def same(self, a: Record, b: Record) -> bool:
        """Whether two records sign as the same message (the quick test first: equal JSON)."""
        if a is b:
            return True
        quick_a, quick_b = self._quick(a), self._quick(b)
        if quick_a is not None and quick_a == quick_b:
            return True
        message = self.message(a)
        return message is not None and message == self.message(b)

    def _quick(self, record: Record) -> bytes | None:
        found: bytes | Literal[False] | None = self._contents.get(id(record), False)
        if found is False:
            try:
                found = orjson.dumps(record.to_dict(), option=orjson.OPT_SORT_KEYS)
            except (TypeError, orjson.JSONEncodeError):
                found = None
            self._contents[id(record)] = found
        return found

    def check(self, record: Record, key: str, sig: str) -> bool:
        """Whether ``sig`` is a valid signature of ``record`` by ``key``."""
        message = self.message(record)
        if message is None:
            return False
        probe = (key, sig, message)
        found = self._seen.get(probe)
        if found is None:
            digest = None
            if self._known is not None and isinstance(key, str) and isinstance(sig, str):
                digest = hashlib.sha256(
                    b"%b\n%b\n%b" % (key.encode(), sig.encode(), message)
                ).digest()
                if digest in self._known:
                    self._seen[probe] = True
                    return True
            self.verified += 1
            found = self._seen[probe] = verify(message, key, sig)
            if found and digest is not None and self._known is not None:
                self._known.add(digest)
        return found


class Keys:
    """Which key counts for each person, and which files bring another one.

    ``resolved``: person -> the key that counts.  ``ambiguous``: person -> key ->
    files, for an unknown person offered several keys.  ``conflicts``: person ->
    other key -> files that bring it.  ``claimed``: person -> every key seen for
    them (the pin included).  Files are known by their position in ``files``.
    """

    def __init__(
        self,
        files: Sequence[TrustFile],
        pins: Mapping[str, str],
        accepted: Mapping[str, str],
        checker: SignatureChecker,
    ):
        own: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        relay: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        owners: set[str] = set()
        self.files = files
        person_claims: list[
            tuple[int, Record, str, str]
        ] = []  # self-signed: file, record, sig, key
        vouched: dict[tuple[str, str], Record] = {}  # (id, sig) -> person record in its own file
        for index, tfile in enumerate(files):
            mine = tfile.own_for
            if mine and tfile.exporter_key is not None:  # own_for implies a valid key
                own[mine][tfile.exporter_key].add(index)
            for entry in tfile.records:
                record = entry.record
                owners.add(record.owner)
                if record.kind != PERSON or record.id != record.owner or record.deleted:
                    continue
                key = record.data.get("key")
                if not isinstance(key, str) or not entry.sig or not valid_public_key(key):
                    continue
                if mine == record.id and key == tfile.exporter_key:
                    vouched.setdefault((record.id, entry.sig), record)  # the file's own claim
                else:
                    person_claims.append((index, record, entry.sig, key))
        for index, record, sig, key in person_claims:
            original = vouched.get((record.id, sig))
            if (
                original is not None
                and original.data.get("key") == key
                and checker.same(original, record)
            ):
                relay[record.id][key].add(index)  # a copy of what the own file vouches for
            elif checker.check(record, key, sig):
                relay[record.id][key].add(index)
        self.resolved: dict[str, str] = {}
        self.ambiguous: dict[str, dict[str, set[int]]] = {}
        self.conflicts: dict[str, dict[str, set[int]]] = {}  # person -> other key -> files
        self.claimed: dict[str, set[str]] = {}
        for person in sorted(owners | set(own) | set(relay)):
            claims: dict[str, set[int]] = defaultdict(set)
            for source in (own.get(person, {}), relay.get(person, {})):
                for key, where in source.items():
                    claims[key] |= where
            self.claimed[person] = set(claims) | ({pins[person]} if pins.get(person) else set())
            key = accepted.get(person) or pins.get(person)
            if key is None:
                candidates = set(own.get(person) or ()) or set(relay.get(person) or ())
                if len(candidates) > 1:
                    self.ambiguous[person] = dict(claims)
                    continue
                key = next(iter(candidates), None)
            if key is None:
                continue
            self.resolved[person] = key
            others = {k: where for k, where in claims.items() if k != key}
            if others:
                self.conflicts[person] = others

    def conflict_files(self, person: str) -> set[int]:
        """The files that bring another key for ``person`` than the one that counts."""
        found: set[int] = set()
        for where in self.conflicts.get(person, {}).values():
            found |= where
        return found
