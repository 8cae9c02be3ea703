"""Signed files of the demo PLG for the trust tests: real keys, real signatures, and every file
written as JSON text and read back, as it would travel."""

from __future__ import annotations

import hashlib
import itertools

import orjson

from plgcycle import exchange, trust
from plgcycle.model import FEEDBACK, PERSON, Record, iso
from plgcycle.signing import PersonKey, Signed, sign_record, signed_envelope
from plgcycle.trust import TrustFile, TrustResult
from tests.exchange_helpers import NOW, all_records, pid

STAMP = "2026-11-24T10:00:00.000000+00:00"
EXPORTED_AT = iso(NOW)


def key_of(name: str, generation: int = 0) -> PersonKey:
    """A teacher's key; a higher generation is the key of their next laptop."""
    seed = hashlib.sha256(f"plgcycle-test-key:{name}:{generation}".encode()).digest()
    return PersonKey(pid(name), seed, "2026-09-01T08:00:00.000000+00:00")


def records_of(name: str) -> list[Record]:
    """What a teacher exports: their own demo records, without private fields."""
    return exchange.export_records(all_records(), pid(name))


def first(kind: str, name: str) -> Record:
    return next(r for r in records_of(name) if r.kind == kind)


def keyed(records: list[Record], key: PersonKey) -> list[Record]:
    """The records, with the key in the person's own person record (as version 2 keeps it)."""
    out = []
    for record in records:
        if record.kind == PERSON and record.id == key.person:
            record = record.copy()
            record.data["key"] = key.public
        out.append(record)
    return out


def signed(records: list[Record], key: PersonKey) -> list[Signed]:
    return [Signed(r, sign_record(r, key)) for r in keyed(records, key)]


def travel(env: dict, label: str) -> TrustFile:
    """Write the envelope as the bytes of a file and read it back."""
    return TrustFile.from_envelope(orjson.loads(exchange.encode(env)), label)


def own_env(
    name: str,
    records: list[Record] | None = None,
    key: PersonKey | None = None,
    extra: list[Signed] = (),
) -> dict:
    """The envelope of a teacher's own export: their records, signed, in a file they signed."""
    key = key or key_of(name)
    records = records_of(name) if records is None else records
    entries = signed(records, key) + list(extra)
    person = next((r for r in records if r.kind == PERSON), None)
    return signed_envelope(
        entries, {"id": key.person, "name": person.text("name") if person else ""}, key, EXPORTED_AT
    )


def own_file(
    name: str,
    records: list[Record] | None = None,
    key: PersonKey | None = None,
    label: str | None = None,
    extra: list[Signed] = (),
) -> TrustFile:
    """A teacher's own export: their records, signed, in a file they signed."""
    return travel(own_env(name, records, key, extra), label or f"{name}.plgcycle.json")


def relay_env(
    entries: list[Signed], merger: PersonKey | None = None, exporter: str | None = None
) -> dict:
    """A merged file's envelope: records passed on with their signatures."""
    by = {"id": merger.person if merger else exporter, "name": "Subgroep A"}
    return signed_envelope(entries, by, merger, EXPORTED_AT)


def relay_file(
    label: str, entries: list[Signed], merger: PersonKey | None = None, exporter: str | None = None
) -> TrustFile:
    """A merged file: records passed on with their signatures; by nobody, or signed by a merger."""
    return travel(relay_env(entries, merger, exporter), label)


def v1_file(label: str, records: list[Record], exporter: str | None = None) -> TrustFile:
    """A version-1 file (no signatures), read with version 1's own reader."""
    env = exchange.envelope(records, {"id": exporter, "name": "oud"}, NOW)
    parsed = exchange.parse_export(exchange.encode(env))
    return TrustFile(label, [Signed(r) for r in parsed.records], exporter, None, trust.SIG_NONE, 1)


def entries(tfile: TrustFile) -> list[Signed]:
    return list(tfile.records)


def edited(entry: Signed, **data) -> Signed:
    """A newer version with other content that keeps the old signature (a forgery)."""
    record = entry.record.copy()
    record.data.update(data)
    record.rev += 1
    record.updated_at = STAMP
    return Signed(record, entry.sig)


def content(record: Record) -> bytes:
    return orjson.dumps(record.to_dict(), option=orjson.OPT_SORT_KEYS)


def fingerprint(result: TrustResult) -> dict:
    """Everything a result says, comparable across orders of the files (files by name)."""
    return {
        "records": {rid: (content(e.record), e.sig) for rid, e in result.records.items()},
        "writes": sorted(result.writes),
        "pins": dict(result.pins),
        "new_pins": dict(result.new_pins),
        "keys": dict(result.keys),
        "files": {
            v.name: (
                v.version,
                v.signature,
                v.own_for,
                sorted((e.record.id, content(e.record), e.sig or "") for e in v.passed),
                [(r.record.id, r.reason, r.message) for r in v.refused],
                v.unsigned,
                sorted((e.record.id, content(e.record), e.sig or "") for e in v.superseded),
                v.line(),
            )
            for v in result.files
        },
        "notices": [
            (n.person, n.kind, n.known, n.offered, n.files, n.message) for n in result.notices
        ],
        "unsigned": sorted(result.unsigned),
        "noted_by": dict(result.noted_by),
        "same_name": list(result.same_name),
        "lines": sorted(result.lines()),
    }


def every_order(files: list[TrustFile], **options) -> TrustResult:
    """Resolve the files in every order; every order must give the same result."""
    first_result = trust.resolve(files, **options)
    expected = fingerprint(first_result)
    for order in itertools.permutations(files):
        assert fingerprint(trust.resolve(list(order), **options)) == expected, [
            f.name for f in order
        ]
    return first_result


def refused(result: TrustResult, name: str) -> list[tuple[str, str]]:
    """(record id, reason) of what a file lost."""
    verdict = next(v for v in result.files if v.name == name)
    return [(r.record.id, r.reason) for r in verdict.refused]


def new_record(kind: str, name: str, rid: str, **data) -> Record:
    """A record of ``name``'s, revision 1, with ``data``."""
    return Record(kind, pid(name), data, rid, 1, STAMP)


def noted_for_sanne(question: Record) -> list[Record]:
    """Five pieces of feedback on ``question`` with ``giver`` set to Sanne, written by Joris."""
    return [
        new_record(
            FEEDBACK,
            "joris",
            f"9c000000-0000-4000-8000-00000000000{n}",
            round=question.id,
            type="top",
            text=f"Top {n}",
            giver=pid("sanne"),
            giver_name="Sanne de Vries",
        )
        for n in range(5)
    ]
