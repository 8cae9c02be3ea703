"""Property tests (hypothesis) of the trust rules over generated signed file sets.

* Whatever the files hold (forgeries, relays, unsigned copies, other keys, takeovers, foreign
  try-outs), the result is the same for every order of the files, and nothing accepted is
  forged: every accepted record is signed with its owner's key in use, or unsigned and marked.
* For honest signed files, merging stays commutative, associative and idempotent; importing
  files one at a time (keeping the pins) ends where importing them together does; a record
  relayed through someone else's merged file is accepted exactly like the original.
"""

from __future__ import annotations

import hashlib
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plgcycle import trust
from plgcycle.model import FEEDBACK, PERSON, ROUND, TRYOUT, Record
from plgcycle.signing import PersonKey, Signed, sign_record, signed_envelope, verify_record
from tests.trust_helpers import EXPORTED_AT, fingerprint, travel

SOME = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "plgcycle-trust-property:" + name))


OWNERS = {name: _id(name) for name in ("a", "b", "c")}
KEYS = {
    o: PersonKey(pid, hashlib.sha256(b"key:" + o.encode()).digest()) for o, pid in OWNERS.items()
}
OTHER_KEYS = {
    o: PersonKey(pid, hashlib.sha256(b"other:" + o.encode()).digest()) for o, pid in OWNERS.items()
}
RA, RB, TB, FC, FN = (_id(n) for n in ("round-a", "round-b", "tryout-b", "feedback-c", "noted-c"))
# id -> (kind, owner, links): a question of a and of b, b's try-out on b's question, c's
# feedback on a's question, and feedback c noted for a on b's question.
SHAPES = {
    RA: (ROUND, "a", {"chain": RA}),
    RB: (ROUND, "b", {"chain": RB}),
    TB: (TRYOUT, "b", {"round": RB}),
    FC: (FEEDBACK, "c", {"round": RA, "giver": OWNERS["c"], "giver_name": "C", "type": "tip"}),
    FN: (FEEDBACK, "c", {"round": RB, "giver": OWNERS["a"], "giver_name": "A", "type": "top"}),
}
STAMPS = ("2026-11-20T09:00:00.000000+00:00", "2026-11-21T09:00:00.000000+00:00")


@st.composite
def versions(draw, rid: str) -> Record:
    kind, owner, links = SHAPES[rid]
    deleted = draw(st.integers(0, 5)) == 0
    data = {} if deleted else {**links, "text": draw(st.sampled_from(["Hoe?", "Waarom?"]))}
    return Record(
        kind,
        OWNERS[owner],
        data,
        rid,
        draw(st.integers(1, 3)),
        draw(st.sampled_from(STAMPS)),
        deleted,
    )


def honest(record: Record, keys=KEYS) -> Signed:
    owner = next(o for o, pid in OWNERS.items() if pid == record.owner)
    return Signed(record, sign_record(record, keys[owner]))


def person(owner: str, rev: int, keys=KEYS) -> Signed:
    key = keys[owner]
    record = Record(
        PERSON, key.person, {"name": owner.upper(), "key": key.public}, key.person, rev, STAMPS[0]
    )
    return Signed(record, sign_record(record, key))


def make_file(name: str, entries: list[Signed], exporter: str | None, key: PersonKey | None):
    by = {"id": OWNERS.get(exporter, exporter) if exporter else None, "name": name}
    return travel(signed_envelope(entries, by, key, EXPORTED_AT), name)


@st.composite
def honest_entries(draw) -> list[Signed]:
    chosen = draw(st.dictionaries(st.sampled_from(sorted(SHAPES)), st.just(None), max_size=4))
    records = [draw(versions(rid)) for rid in chosen]
    owners = {next(o for o, p in OWNERS.items() if p == r.owner) for r in records}
    # A file carries the person record of everyone whose work it carries (as merges do).
    return [honest(r) for r in records] + [
        person(o, draw(st.integers(1, 2))) for o in sorted(owners)
    ]


@st.composite
def honest_files(draw, name: str):
    entries = draw(honest_entries())
    exporter = draw(st.sampled_from([None, "a", "b", "c"]))
    if exporter and not any(e.record.id == OWNERS[exporter] for e in entries):
        entries.append(person(exporter, 1))
    return make_file(name, entries, exporter, KEYS[exporter] if exporter else None)


TRICKS = (
    "forged",
    "unsigned",
    "foreign",
    "takeover",
    "other key",
    "rekeyed file",
    "cut sig",
    "relay",
    "no person",
)


@st.composite
def any_files(draw, name: str):
    """A file that may lie in any of the ways the issue lists (or several at once)."""
    entries = draw(honest_entries())
    exporter = draw(st.sampled_from([None, "a", "b", "c"]))
    key = KEYS[exporter] if exporter else None
    for trick in draw(st.lists(st.sampled_from(TRICKS), max_size=3)):
        victim = draw(versions(draw(st.sampled_from(sorted(SHAPES)))))
        if trick == "forged":  # another text, a higher revision, the old signature
            forged = victim.copy()
            forged.data["text"], forged.rev = "Vervalst", victim.rev + 1
            entries.append(Signed(forged, honest(victim).sig))
        elif trick == "unsigned":
            entries.append(Signed(victim))
        elif trick == "foreign":  # c's try-out on a's question
            entries.append(
                honest(Record(TRYOUT, OWNERS["c"], {"round": RA}, _id("foreign"), 1, STAMPS[0]))
            )
        elif trick == "takeover":  # b signs a record with the id of a's question
            entries.append(honest(Record(ROUND, OWNERS["b"], {"text": "Van b"}, RA, 5, STAMPS[1])))
        elif trick == "other key":  # someone made a key for a and signs a's work with it
            entries += [
                person("a", 3, OTHER_KEYS),
                honest(victim.copy(), OTHER_KEYS)
                if victim.owner == OWNERS["a"]
                else Signed(victim),
            ]
        elif trick == "rekeyed file" and exporter:
            key = OTHER_KEYS[exporter]
            entries.append(person(exporter, 4, OTHER_KEYS))
        elif trick == "cut sig":
            entries.append(Signed(victim, honest(victim).sig[:40]))
        elif trick == "relay":
            entries.append(honest(victim))
        elif trick == "no person":
            entries = [e for e in entries if e.record.kind != PERSON]
    if draw(st.booleans()):  # a version-1 file: no signatures at all
        return trust.TrustFile(
            name, [Signed(e.record) for e in entries], None, None, trust.SIG_NONE, 1
        )
    return make_file(name, entries, exporter, key)


def file_sets(files, low=1, high=4):
    return st.integers(low, high).flatmap(
        lambda n: st.tuples(*(files(f"f{i}.plgcycle.json") for i in range(n)))
    )


@SOME
@given(file_sets(any_files, 2, 4), st.data())
def test_any_files_give_one_result_in_every_order(files, data):
    pins = data.draw(
        st.dictionaries(
            st.sampled_from(sorted(OWNERS)), st.sampled_from(["real", "other"]), max_size=2
        )
    )
    pins = {
        OWNERS[o]: (KEYS if which == "real" else OTHER_KEYS)[o].public for o, which in pins.items()
    }
    accepted = {OWNERS["a"]: OTHER_KEYS["a"].public} if data.draw(st.booleans()) else {}
    local = data.draw(st.lists(st.sampled_from(sorted(SHAPES)).flatmap(versions), max_size=2))
    me = data.draw(st.sampled_from([None, OWNERS["b"]]))
    options = {"pins": pins, "accepted": accepted, "local": local, "me": me}
    expected = fingerprint(trust.resolve(list(files), **options))
    order = data.draw(st.permutations(files))
    assert fingerprint(trust.resolve(list(order), **options)) == expected


@SOME
@given(file_sets(any_files, 1, 4))
def test_nothing_accepted_from_a_file_is_forged(files):
    """Accepted signed work verifies with its owner's key, or sits in the owner's own signed file.

    (Only the owner can make the second: their file signature covers every record in it.)
    """
    result = trust.resolve(list(files))
    in_own_file = {
        (e.record.id, e.sig)
        for v in result.files
        if v.own_for
        for e in v.passed
        if e.record.owner == v.own_for
    }
    for rid, entry in result.writes.items():
        record = entry.record
        if entry.sig is None:
            assert rid in result.unsigned and record.owner not in result.keys
        elif (rid, entry.sig) not in in_own_file:
            assert verify_record(record, result.keys[record.owner], entry.sig)
            assert record.text("text") != "Vervalst"


def test_a_record_refused_in_its_owners_file_is_not_let_in_by_a_relayed_copy():
    """Found by the property above: b's own signed file holds two keys for b (so its records
    are refused there), and an unsigned file relays one of them with the same signature; the
    relayed copy was taken as covered by b's file and let in, signed with the other key."""
    question = Record(ROUND, OWNERS["b"], {"chain": RB, "text": "Hoe?"}, RB, 2, STAMPS[1])
    relayed = honest(question, OTHER_KEYS)  # signed with b's other key
    own = make_file(
        "f1.plgcycle.json",
        [relayed, person("b", 1, OTHER_KEYS), person("b", 4)],
        "b",
        KEYS["b"],
    )
    relay = make_file("f0.plgcycle.json", [relayed], None, None)
    for order in ([relay, own], [own, relay]):
        result = trust.resolve(order)
        assert RB not in result.records, [v.refused for v in result.files]


def accepted(files, **options) -> dict:
    return fingerprint(trust.resolve(list(files), **options))["records"]


def merged(*files):
    """What `plgcycle merge` writes: the accepted versions with their signatures, by nobody."""
    result = trust.resolve(list(files))
    return make_file("merged.plgcycle.json", list(result.records.values()), None, None)


@SOME
@given(file_sets(honest_files, 3, 3))
def test_merging_signed_files_is_commutative_associative_and_idempotent(files):
    a, b, c = files
    assert accepted([a, b]) == accepted([b, a])
    assert accepted([merged(a, b), c]) == accepted([a, merged(b, c)]) == accepted([a, b, c])
    assert accepted([a, a]) == accepted([a])
    assert accepted([merged(a, b), b]) == accepted([a, b])
    assert all(not v.refused for v in trust.resolve([a, b, c]).files)


@SOME
@given(file_sets(honest_files, 2, 4))
def test_importing_one_file_at_a_time_ends_where_importing_them_together_does(files):
    local, pins = [], {}
    for tfile in files:
        step = trust.resolve([tfile], local=local, pins=pins)
        local, pins = list(step.records.values()), step.pins
    together = trust.resolve(list(files))
    assert fingerprint(trust.resolve([], local=local))["records"] == accepted(files)
    assert pins == together.pins


@SOME
@given(honest_entries(), st.sampled_from(["a", "b", "c"]), file_sets(honest_files, 0, 2))
def test_a_relayed_record_is_accepted_exactly_like_the_original(entries, owner, others):
    own = [e for e in entries if e.record.owner == OWNERS[owner]]
    own.append(person(owner, 2))
    original = make_file("own.plgcycle.json", own, owner, KEYS[owner])
    relayed = make_file("relay.plgcycle.json", list(original.records), None, None)
    signed_by_other = make_file("other.plgcycle.json", list(original.records), "c", KEYS["c"])
    assert accepted([original, *others]) == accepted([relayed, *others])
    assert accepted([original, *others]) == accepted([signed_by_other, *others])
