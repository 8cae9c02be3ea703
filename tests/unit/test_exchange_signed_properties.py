"""Property tests (hypothesis) of the product over generated signed files, as bytes.

Files are written as plgcycle writes them and read back with ``parse_export``; then

* ``plgcycle merge`` (``plan_merge`` + ``merged_envelope``) stays commutative, associative and
  idempotent with signatures, and every merged record keeps the signature it arrived with;
* ``plan_import`` (into an empty database) and the review (``load_exports``) agree on every
  generated file set, whatever it holds (forgeries, relays, unsigned copies, other keys,
  takeovers, foreign try-outs), in every order of the files: the same records with the same
  signatures, the same records left out, the same lines.
"""

from __future__ import annotations

import hashlib
import itertools
import tempfile
import uuid
from pathlib import Path

import orjson
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from plgcycle import exchange, review
from plgcycle.model import FEEDBACK, PERSON, ROUND, TRYOUT, Record
from plgcycle.signing import PersonKey, Signed, sign_record, signed_envelope
from tests.exchange_helpers import NOW
from tests.trust_helpers import EXPORTED_AT

SOME = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "plgcycle-signed-property:" + name))


OWNERS = {name: _id(name) for name in ("a", "b", "c")}
KEYS = {o: PersonKey(p, hashlib.sha256(b"key:" + o.encode()).digest()) for o, p in OWNERS.items()}
OTHER = {
    o: PersonKey(p, hashlib.sha256(b"other:" + o.encode()).digest()) for o, p in OWNERS.items()
}
RA, RB, TB, FC, FN = (_id(n) for n in ("round-a", "round-b", "tryout-b", "feedback-c", "noted-c"))
SHAPES = {
    RA: (ROUND, "a", {"question": "A?", "chain": RA}),
    RB: (ROUND, "b", {"question": "B?", "chain": RB}),
    TB: (TRYOUT, "b", {"round": RB}),
    FC: (FEEDBACK, "c", {"round": RA, "giver": OWNERS["c"], "giver_name": "C", "type": "tip"}),
    FN: (FEEDBACK, "c", {"round": RB, "giver": OWNERS["a"], "giver_name": "A", "type": "top"}),
}
STAMPS = ("2026-11-20T09:00:00.000000+00:00", "2026-11-21T09:00:00.000000+00:00")


@st.composite
def versions(draw, rid: str) -> Record:
    kind, owner, links = SHAPES[rid]
    deleted = draw(st.integers(0, 6)) == 0
    data = {} if deleted else dict(links)
    if not deleted and kind == FEEDBACK:
        data["text"] = draw(st.sampled_from(["Mooi", "Waarom?"]))
    elif not deleted and kind == TRYOUT:
        data["what"] = draw(st.sampled_from(["Filmpjes", "Quiz"]))
    elif not deleted:
        data["goal_link"] = draw(st.sampled_from(["", "Schooldoel"]))
    rev, stamp = draw(st.integers(1, 3)), draw(st.sampled_from(STAMPS))
    return Record(kind, OWNERS[owner], data, rid, rev, stamp, deleted)


def owner_of(record: Record) -> str:
    return next(o for o, pid in OWNERS.items() if pid == record.owner)


def honest(record: Record, keys=KEYS) -> Signed:
    return Signed(record, sign_record(record, keys[owner_of(record)]))


def person(owner: str, rev: int, keys=KEYS) -> Signed:
    key = keys[owner]
    data = {"name": owner.upper(), "key": key.public}
    return honest(Record(PERSON, key.person, data, key.person, rev, STAMPS[0]), keys)


@st.composite
def honest_entries(draw) -> list[Signed]:
    chosen = draw(st.lists(st.sampled_from(sorted(SHAPES)), unique=True, max_size=4))
    records = [draw(versions(rid)) for rid in chosen]
    owners = sorted({owner_of(r) for r in records})
    return [honest(r) for r in records] + [person(o, draw(st.integers(1, 2))) for o in owners]


def env_of(entries: list[Signed], exporter: str | None, key: PersonKey | None, v1=False) -> dict:
    unique: dict[str, Signed] = {}
    for entry in entries:
        unique.setdefault(entry.record.id, entry)  # one id, one content in a file
    by = {"id": OWNERS[exporter] if exporter else None, "name": exporter or "Subgroep"}
    if v1:
        plain = []
        for entry in unique.values():
            record = entry.record.copy()
            record.data.pop("key", None)  # version 1 had no keys
            plain.append(record)
        return exchange.envelope(plain, by, NOW)
    return signed_envelope(list(unique.values()), by, key, EXPORTED_AT)


@st.composite
def honest_envs(draw) -> dict:
    entries = draw(honest_entries())
    exporter = draw(st.sampled_from([None, "a", "b", "c"]))
    if exporter and not any(e.record.id == OWNERS[exporter] for e in entries):
        entries.append(person(exporter, 1))
    return env_of(entries, exporter, KEYS[exporter] if exporter else None)


TRICKS = ("forged", "unsigned", "foreign", "takeover", "other key", "rekeyed", "cut", "relay")


@st.composite
def any_envs(draw) -> dict:
    entries = draw(honest_entries())
    exporter = draw(st.sampled_from([None, "a", "b", "c"]))
    key = KEYS[exporter] if exporter else None
    for trick in draw(st.lists(st.sampled_from(TRICKS), max_size=3)):
        victim = draw(versions(draw(st.sampled_from(sorted(SHAPES)))))
        if trick == "forged":
            forged = victim.copy()  # another text, a higher revision, the old signature
            forged.rev = victim.rev + 1
            if not forged.deleted:
                field = {ROUND: "question", FEEDBACK: "text", TRYOUT: "what"}[victim.kind]
                forged.data[field] = "Vals"
            entries.insert(0, Signed(forged, honest(victim).sig))
        elif trick == "unsigned":
            entries.insert(0, Signed(victim))
        elif trick == "foreign":
            tryout = Record(TRYOUT, OWNERS["c"], {"round": RA}, _id("foreign"), 1, STAMPS[0])
            entries.insert(0, honest(tryout))
        elif trick == "takeover":
            grab = Record(ROUND, OWNERS["b"], {"question": "Van b"}, RA, 5, STAMPS[1])
            entries.insert(0, honest(grab))
        elif trick == "other key":
            entries.insert(0, person("a", 3, OTHER))
            if victim.owner == OWNERS["a"]:
                entries.insert(0, honest(victim, OTHER))
        elif trick == "rekeyed" and exporter:
            key = OTHER[exporter]
            entries.insert(0, person(exporter, 4, OTHER))
        elif trick == "cut":
            entries.insert(0, Signed(victim, honest(victim).sig[:40]))
        elif trick == "relay":
            entries.insert(0, honest(victim))
    return env_of(entries, exporter, key, v1=draw(st.integers(0, 4)) == 0)


def read(env: dict, name: str) -> exchange.ExportFile:
    return exchange.parse_export(exchange.encode(env), Path(name))


def named(envs) -> list[exchange.ExportFile]:
    return [read(env, f"f{i}.plgcycle.json") for i, env in enumerate(envs)]


def merged(files: list[exchange.ExportFile], name="samen.plgcycle.json") -> exchange.ExportFile:
    env = exchange.merged_envelope(files, exchange.plan_merge(files), NOW)
    return read(env, name)


def content(files) -> dict:
    """Every record a merge of ``files`` keeps, with its signature, as bytes."""
    plan = exchange.plan_merge(files)
    return {
        rid: (orjson.dumps(r.to_dict(), option=orjson.OPT_SORT_KEYS), r.sig)
        for rid, r in plan.writes.items()
    }


@SOME
@given(st.tuples(honest_envs(), honest_envs(), honest_envs()))
def test_merge_with_signatures_is_commutative_associative_and_idempotent(envs):
    a, b, c = named(envs)
    assert content([a, b]) == content([b, a])
    assert content([merged([a, b]), c]) == content([a, merged([b, c])]) == content([a, b, c])
    assert content([a, a]) == content([a])
    assert content([merged([a, b]), b]) == content([a, b])
    both = exchange.merged_envelope([a, b], exchange.plan_merge([a, b]), NOW)
    assert exchange.encode(both) == exchange.encode(
        exchange.merged_envelope([b, a], exchange.plan_merge([b, a]), NOW)
    )
    arrived = {(r.id, r.sig) for f in (a, b) for r in f.records}
    assert {(r["id"], r.get("sig")) for r in both["records"]} <= arrived


def verdicts(refusals) -> set[tuple[str, str, str]]:
    return {(r.file, r.record.id, r.reason) for r in refusals}


@SOME
@given(st.lists(any_envs(), min_size=1, max_size=3), st.data())
def test_import_and_review_agree_on_every_file_set_in_every_order(envs, data):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, env in enumerate(envs):
            path = Path(folder) / f"f{i}.plgcycle.json"
            path.write_bytes(exchange.encode(env))
            paths.append(path)
        seen = set()
        orders = list(itertools.permutations(paths))
        for order in [orders[0], data.draw(st.sampled_from(orders))]:
            files = [exchange.read_export(p) for p in order]
            plan = exchange.plan_import((), None, files)
            shown = review.load_exports(list(order))
            imported = {
                rid: (orjson.dumps(r.to_dict(), option=orjson.OPT_SORT_KEYS), r.sig)
                for rid, r in plan.writes.items()
            }
            reviewed = {
                r.id: (orjson.dumps(r.to_dict(), option=orjson.OPT_SORT_KEYS), r.sig)
                for r in shown.records
            }
            assert imported == reviewed
            left_out = verdicts(r for s in plan.summaries for r in s.refusals)
            assert left_out == verdicts(r for v in shown.trust.files for r in v.refused)
            assert sorted(plan.trust.lines()) == sorted(shown.lines)
            assert {rid for rid, r in plan.writes.items() if r.sig is None} == shown.unsigned
            seen.add((tuple(sorted(imported.items())), frozenset(left_out)))
            event(f"left out: {min(len(left_out), 3)}")
        assert len(seen) == 1, "the order of the files changed what is shown or imported"
