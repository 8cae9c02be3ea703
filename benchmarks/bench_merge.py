"""How merging scales, signed and unsigned: 100 exports of 100 records against 100 of 1,000.

    .venv/bin/python benchmarks/bench_merge.py [--repeat N] [--with-import]

Measured side by side in one run, least CPU time of ``--repeat`` runs each, for the same
records as version-1 files (unsigned) and as version-2 files (every record
signed by its owner, every file by its exporter):

* ``json.loads``: only parsing the same bytes with the standard library (the floor);
* ``merge``: what ``plgcycle merge`` does before writing: parse, validate against
  the schema, check the checksum and the file signature, the trust rules
  (``trust.resolve``: the keys, each relayed record's signature, ownership) and
  the merge with per-file summaries;
* ``merge()`` alone: the pure merge rule over records already in memory.

Printed: the times, the ratio between the two sizes (linear scaling gives 10),
the ratio of ``merge`` to ``json.loads`` and, side by side, signed over unsigned
(target: at most 1.5x).  ``--with-import`` adds importing 2,000 and 8,000
records into a fresh database, which shows how the store's write path scales
(linear would give 4).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plgcycle import demo, exchange  # noqa: E402
from plgcycle.gctools import gc_paused  # noqa: E402
from plgcycle.model import PERSON, Record  # noqa: E402

TEMPLATES = [r for r in demo.build(date(2026, 11, 23))[1] if r.kind != PERSON]


def _id(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "bench:" + ":".join(map(str, parts))))


def _key(f: int):
    from plgcycle.signing import PersonKey

    return PersonKey(_id("person", f), hashlib.sha256(f"bench-key:{f}".encode()).digest())


def make_exports(files: int, per_file: int, *, signed: bool = False) -> list[bytes]:
    """``files`` exports of ``per_file`` records each; one teacher per file.

    Every file also carries a tenth of its neighbour's records, half in an
    older version and half in a newer one than the neighbour's own file (as a
    merged file passed around would), so the merge has real choices to make,
    not only new ids.  ``signed``: version 2, each record signed by its owner
    (the relayed ones by the neighbour) and the file by its teacher.  The
    trust rules check each newer relayed record's signature; an older one
    loses to the owner's own signed version whatever it holds, so it is left
    out unchecked.
    """
    from plgcycle.signing import Signed, sign_record, signed_envelope

    exports = []
    for f in range(files):
        owner = _id("person", f)
        key = _key(f)
        data = {"name": f"Docent {f}", **({"key": key.public} if signed else {})}
        records = [Record(PERSON, owner, data, owner, 1, "2026-11-01T09:00:00.000000+00:00")]
        for n in range(per_file - 1 - per_file // 10):
            template = TEMPLATES[n % len(TEMPLATES)]
            records.append(
                Record(template.kind, owner, dict(template.data), _id(f, n), 3, template.updated_at)
            )
        neighbour = (f + 1) % files
        relayed = []
        for n in range(per_file // 10):
            template = TEMPLATES[n % len(TEMPLATES)]
            relayed.append(
                Record(
                    template.kind,
                    _id("person", neighbour),
                    dict(template.data),
                    _id(neighbour, n),
                    2 if n % 2 else 4,  # older than the neighbour's own file, or newer
                    template.updated_at,
                )
            )
        by = {"id": owner, "name": f"Docent {f}"}
        if signed:
            other = _key(neighbour)
            entries = [Signed(r, sign_record(r, key)) for r in records]
            entries += [Signed(r, sign_record(r, other)) for r in relayed]
            env = signed_envelope(entries, by, key, "2026-11-23T09:00:00.000000+00:00")
        else:
            env = exchange.envelope(records + relayed, by)
        exports.append(exchange.encode(env))
    return exports


def best(repeat: int, works: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The least CPU time of ``repeat`` runs of each piece of work, taken in turns.

    On a shared machine wall time mostly measures the neighbours; taking the
    pieces in turns (not all runs of one, then all of the other) lets a slow
    spell hit both sides of a ratio alike.
    """
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(repeat):
        for name, work in works.items():
            start = time.process_time()
            work()
            times[name].append(time.process_time() - start)
    return {name: min(found) for name, found in times.items()}


def _works(exports: list[bytes]) -> dict[str, Callable[[], object]]:
    def loads():
        for raw in exports:
            json.loads(raw)

    def pipeline():
        with gc_paused():  # as read_exports does for plgcycle merge and import
            files = [exchange.parse_export(raw) for raw in exports]
        exchange.plan_merge(files)

    parsed = [exchange.parse_export(raw).records for raw in exports]

    def pure():  # milliseconds: run it 20 times to measure something
        for _ in range(20):
            exchange.merge(*parsed)

    return {"json.loads": loads, "merge": pipeline, "merge() alone": pure}


def measure(sets: dict[bool, list[bytes]], repeat: int) -> dict[bool, dict[str, float]]:
    """Per set (unsigned, signed), the times of :func:`_works`, measured in turns."""
    exchange.parse_export(sets[False][0])  # load and compile the schema outside the timing
    works = {
        (signed, name): work
        for signed, exports in sets.items()
        for name, work in _works(exports).items()
    }
    found = best(repeat, works)
    out: dict[bool, dict[str, float]] = {signed: {} for signed in sets}
    for (signed, name), seconds in found.items():
        out[signed][name] = seconds / 20 if name == "merge() alone" else seconds
    return out


def measure_import(records: int) -> float:
    from plgcycle.store import Store

    per_file = 200
    exports = make_exports(records // per_file, per_file)
    files = [exchange.parse_export(raw) for raw in exports]
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "db.json") as store:
        start = time.perf_counter()
        plan = exchange.plan_import(store.list(include_deleted=True), store.me, files)
        exchange.apply_plan(store, plan)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-import", action="store_true")
    args = parser.parse_args()

    small = {signed: make_exports(100, 100, signed=signed) for signed in (False, True)}
    large = {signed: make_exports(100, 1000, signed=signed) for signed in (False, True)}
    a_all, b_all = measure(small, args.repeat), measure(large, args.repeat)
    results = {}
    for signed in (False, True):
        label = "signed (version 2)" if signed else "unsigned (version 1)"
        print(
            f"{label}: 100 exports x 100 records ({sum(map(len, small[signed])) / 1e6:.1f} MB) "
            f"and 100 exports x 1,000 records ({sum(map(len, large[signed])) / 1e6:.1f} MB); "
            f"best of {args.repeat}, signed and unsigned measured in turns"
        )
        a, b = a_all[signed], b_all[signed]
        results[signed] = (a, b)
        print(f"{'':16}{'100 x 100':>12}{'100 x 1,000':>14}{'ratio':>9}{'vs json.loads':>16}")
        for name in a:
            versus = "" if name == "json.loads" else f"{b[name] / b['json.loads']:.2f}x"
            print(
                f"{name:16}{a[name]:>11.3f}s{b[name]:>13.3f}s{b[name] / a[name]:>9.1f}{versus:>16}"
            )
        print()
    (ua, ub), (sa, sb) = results[False], results[True]
    print(f"{'merge':16}{'100 x 100':>12}{'100 x 1,000':>14}")
    print(f"{'unsigned':16}{ua['merge']:>11.3f}s{ub['merge']:>13.3f}s")
    print(f"{'signed':16}{sa['merge']:>11.3f}s{sb['merge']:>13.3f}s")
    print(
        f"{'signed/unsigned':16}{sa['merge'] / ua['merge']:>11.2f}x"
        f"{sb['merge'] / ub['merge']:>13.2f}x   (target: at most 1.5x)"
    )
    print(
        f"{'linear?':16}{'':>12}{sb['merge'] / sa['merge']:>13.1f}    signed, 100 x 1,000 over "
        f"100 x 100 (unsigned {ub['merge'] / ua['merge']:.1f}; linear = 10)"
    )
    print(
        "ratio: 100 x 1,000 over 100 x 100 (linear = 10); vs json.loads: the larger set "
        "(target for merge: at most 5x)"
    )
    if args.with_import:
        t2, t8 = measure_import(2000), measure_import(8000)
        print(
            f"import into a new database: 2,000 records {t2:.2f}s, 8,000 records {t8:.2f}s, "
            f"ratio {t8 / t2:.1f} (linear = 4)"
        )


if __name__ == "__main__":
    main()
