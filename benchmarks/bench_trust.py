"""What signatures cost a merge: the same records signed (version 2) and unsigned (version 1).

    .venv/bin/python benchmarks/bench_trust.py [--repeat N]

100 exports of 100 records and 100 exports of 1,000 records, as in bench_merge.py: one
teacher per file, each file also carrying a tenth of its neighbour's records in an older
version (relayed, so their signatures must be checked one by one).  Measured side by side in
one run, the least CPU time of ``--repeat`` runs, per stage:

* ``read``: JSON, the checksum, the records (and for signed files the file signature);
* ``schema``: the version-1 JSON Schema over the same records (version 2 adds three short
  fields, so this stage is the same for both and measured once);
* ``trust``: :func:`plgcycle.trust.resolve`, the rules and the merge (verification included).

Printed: the times, signed over unsigned (target: at most 1.5x), and 100 x 1,000 over
100 x 100 (linear = 10).  Then two other shapes of the same 100 x 1,000 records: a
facilitator's folder (every record also relayed in a subgroup's merged file) and the worst
case (every record arrives only through unsigned merged files, so every signature is
checked), and the speed of verifying one record (canonical form included).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plgcycle import demo, exchange, signing, trust  # noqa: E402
from plgcycle.exchange.validators import export_validator  # noqa: E402
from plgcycle.gctools import gc_paused  # noqa: E402
from plgcycle.model import PERSON, Record  # noqa: E402
from plgcycle.signing import PersonKey, Signed  # noqa: E402

TEMPLATES = [r for r in demo.build(date(2026, 11, 23))[1] if r.kind != PERSON]
NOW = "2026-11-23T09:00:00.000000+00:00"


def _id(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "bench:" + ":".join(map(str, parts))))


def _key(f: int) -> PersonKey:
    return PersonKey(_id("person", f), hashlib.sha256(f"bench-key:{f}".encode()).digest())


def make_records(files: int, per_file: int) -> list[list[Record]]:
    out = []
    for f in range(files):
        owner = _id("person", f)
        records = [
            Record(
                PERSON,
                owner,
                {"name": f"Docent {f}", "key": _key(f).public},
                owner,
                1,
                "2026-11-01T09:00:00.000000+00:00",
            )
        ]
        for n in range(per_file - 1 - per_file // 10):
            template = TEMPLATES[n % len(TEMPLATES)]
            records.append(
                Record(template.kind, owner, dict(template.data), _id(f, n), 3, template.updated_at)
            )
        neighbour = (f + 1) % files
        for n in range(per_file // 10):
            template = TEMPLATES[n % len(TEMPLATES)]
            records.append(
                Record(
                    template.kind,
                    _id("person", neighbour),
                    dict(template.data),
                    _id(neighbour, n),
                    2,
                    template.updated_at,
                )
            )
        out.append(records)
    return out


def encode_sets(record_sets: list[list[Record]], owners_sign: bool = True) -> tuple[list, list]:
    """(signed version-2 bytes, unsigned version-1 bytes) of the same records."""
    keys = {_key(f).person: _key(f) for f in range(len(record_sets))}
    signed, unsigned = [], []
    for f, records in enumerate(record_sets):
        entries = [Signed(r, signing.sign_record(r, keys[r.owner])) for r in records]
        exporter = _key(f) if owners_sign else None
        by = {"id": exporter.person if exporter else None, "name": f"Docent {f}"}
        signed.append(exchange.encode(signing.signed_envelope(entries, by, exporter, NOW)))
        plain = [
            Record(
                r.kind,
                r.owner,
                {k: v for k, v in r.data.items() if k != "key"},
                r.id,
                r.rev,
                r.updated_at,
            )
            if r.kind == PERSON
            else r
            for r in records
        ]
        unsigned.append(exchange.encode(exchange.envelope(plain, by)))  # version 1 has no key
    return signed, unsigned


def read_signed(raw_files: list[bytes]) -> list[trust.TrustFile]:
    with gc_paused():  # as the review reads its files
        return [
            trust.TrustFile.from_envelope(orjson.loads(raw), f"{n}.plgcycle.json")
            for n, raw in enumerate(raw_files)
        ]


def read_unsigned(raw_files: list[bytes]) -> list[trust.TrustFile]:
    with gc_paused():
        return [_read_unsigned(n, raw) for n, raw in enumerate(raw_files)]


def _read_unsigned(n: int, raw: bytes) -> trust.TrustFile:
    env = orjson.loads(raw)
    assert signing.checksum_matches(env["records"], env["checksum"])
    return trust.TrustFile(
        f"{n}.plgcycle.json",
        [Signed(Record.from_dict(r)) for r in env["records"]],
        env["exported_by"]["id"],
        None,
        trust.SIG_NONE,
        1,
    )


def best(repeat: int, work) -> float:
    """The least CPU time of ``repeat`` runs: on a shared machine wall time mostly measures the
    neighbours, the process's own CPU time much less so."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def measure(signed_raw: list[bytes], unsigned_raw: list[bytes], repeat: int) -> dict:
    validate = export_validator()
    envs = [orjson.loads(raw) for raw in unsigned_raw]
    out = {"schema": best(repeat, lambda: [validate(env) for env in envs])}
    for label, raw_files, reader in (
        ("signed", signed_raw, read_signed),
        ("unsigned", unsigned_raw, read_unsigned),
    ):
        out[f"read {label}"] = best(
            repeat, lambda reader=reader, raw_files=raw_files: reader(raw_files)
        )
        files = reader(raw_files)
        out[f"trust {label}"] = best(repeat, lambda files=files: trust.resolve(files))
        result = trust.resolve(files)
        assert not any(v.refused for v in result.files), "the benchmark's files are honest"
        out[f"checked {label}"] = result.checked
        out[f"total {label}"] = out[f"read {label}"] + out["schema"] + out[f"trust {label}"]
    return out


def verify_speed(records: list[Record], key: PersonKey) -> tuple[float, float]:
    """Microseconds per record: canonical form alone, and verification including it."""
    sigs = [signing.sign_record(r, key) for r in records]

    def canonical():
        for record in records:
            signing.record_message(record)

    def verify():
        for record, sig in zip(records, sigs, strict=True):
            assert signing.verify_record(record, key.public, sig)

    return (best(5, canonical) / len(records) * 1e6, best(5, verify) / len(records) * 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    small_sets, large_sets = make_records(100, 100), make_records(100, 1000)
    small, large = encode_sets(small_sets), encode_sets(large_sets)
    print(
        f"100 exports x 100 records and 100 exports x 1,000 records "
        f"({sum(map(len, large[0])) / 1e6:.1f} MB signed, {sum(map(len, large[1])) / 1e6:.1f} MB "
        f"unsigned); best of {args.repeat}"
    )
    a, b = measure(*small, args.repeat), measure(*large, args.repeat)
    print(f"{'':20}{'100 x 100':>12}{'100 x 1,000':>14}{'ratio':>8}")
    for name in (
        "read unsigned",
        "read signed",
        "schema",
        "trust unsigned",
        "trust signed",
        "total unsigned",
        "total signed",
    ):
        print(f"{name:20}{a[name]:>11.3f}s{b[name]:>13.3f}s{b[name] / a[name]:>8.1f}")
    for name in ("checked signed",):
        print(f"{'signatures checked':20}{a[name]:>12,}{b[name]:>14,}")
    print(
        f"signed / unsigned:  {a['total signed'] / a['total unsigned']:>11.2f}x"
        f"{b['total signed'] / b['total unsigned']:>13.2f}x   (target: at most 1.5x)"
    )
    print("ratio: 100 x 1,000 over 100 x 100 (linear = 10)")

    # Other shapes of the large set: a facilitator's folder and the worst case.  Reading and
    # the schema cost the same per record signed or not; the totals add them per record read.
    per_record = (b["read unsigned"] + b["schema"]) / sum(
        len(f.records) for f in read_unsigned(large[1])
    )

    def folder(files):  # every file, and four subgroups' merged copies of all of them
        return files + [
            trust.TrustFile(
                f"subgroep-{g}.plgcycle.json", [e for f in files[g::4] for e in f.records]
            )
            for g in range(4)
        ]

    shapes = (
        (
            "own files + merged copies of all",
            folder(read_signed(large[0])),
            folder(read_unsigned(large[1])),
        ),
        (
            "only unsigned merged files",
            read_signed(encode_sets(large_sets, False)[0]),
            read_unsigned(large[1]),
        ),
    )
    print("100 x 1,000, other shapes:")
    for label, signed_files, unsigned_files in shapes:
        entries = sum(len(f.records) for f in signed_files)
        common = per_record * entries
        spent = best(args.repeat, lambda signed_files=signed_files: trust.resolve(signed_files))
        plain = best(
            args.repeat, lambda unsigned_files=unsigned_files: trust.resolve(unsigned_files)
        )
        checked = trust.resolve(signed_files).checked
        kept: set[bytes] = set()
        trust.resolve(signed_files, verified=kept)
        warm = best(
            args.repeat,
            lambda signed_files=signed_files, kept=kept: trust.resolve(signed_files, verified=kept),
        )
        cold, kept_ratio = (common + spent) / (common + plain), (common + warm) / (common + plain)
        print(
            f"  {label}: {entries:,} records read, {checked:,} signatures checked; trust "
            f"{spent:.3f}s signed, {plain:.3f}s unsigned; total {cold:.2f}x; with the "
            f"signatures checked earlier in the session: {kept_ratio:.2f}x"
        )
    own = [r for r in large_sets[0] if r.owner == _key(0).person]
    canonical, verify = verify_speed(own, _key(0))
    print(
        f"per record: canonical form {canonical:.1f} µs, verification (PyNaCl, canonical form "
        f"included) {verify:.1f} µs"
    )


if __name__ == "__main__":
    main()
