"""How merging scales: 100 exports of 100 records against 100 exports of 1,000 records.

    .venv/bin/python benchmarks/bench_merge.py [--repeat N] [--with-import]

Measured side by side in one run, best of ``--repeat`` runs each:

* ``json.loads``: only parsing the same bytes with the standard library (the floor);
* ``merge``: what ``plgcycle merge`` does before writing: parse, validate against
  the schema, check the checksum, build records, merge with per-file summaries;
* ``merge()`` alone: the pure merge rule over records already in memory.

Printed: the times, the ratio between the two sizes (linear scaling gives 10)
and the ratio of ``merge`` to ``json.loads`` (target: at most 5).
``--with-import`` adds importing 2,000 and 8,000 records into a fresh database,
which shows how the store's write path scales (linear would give 4).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plgcycle import demo, exchange  # noqa: E402
from plgcycle.model import PERSON, Record  # noqa: E402

TEMPLATES = [r for r in demo.build(date(2026, 11, 23))[1] if r.kind != PERSON]


def _id(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "bench:" + ":".join(map(str, parts))))


def make_exports(files: int, per_file: int) -> list[bytes]:
    """``files`` exports of ``per_file`` records each; one teacher per file.

    Every file also carries a tenth of its neighbour's records in an older
    version (as a merged file passed around would), so the merge has real
    choices to make, not only new ids.
    """
    exports = []
    for f in range(files):
        owner = _id("person", f)
        records = [
            Record(
                PERSON, owner, {"name": f"Docent {f}"}, owner, 1, "2026-11-01T09:00:00.000000+00:00"
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
        env = exchange.envelope(records, {"id": owner, "name": f"Docent {f}"})
        exports.append(exchange.encode(env))
    return exports


def best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(exports: list[bytes], repeat: int) -> dict[str, float]:
    def loads():
        for raw in exports:
            json.loads(raw)

    def pipeline():
        files = [exchange.parse_export(raw) for raw in exports]
        exchange.plan_merge(files)

    parsed = [exchange.parse_export(raw).records for raw in exports]

    def pure():  # milliseconds: run it 20 times to measure something
        for _ in range(20):
            exchange.merge(*parsed)

    exchange.parse_export(exports[0])  # load and compile the schema outside the timing
    return {
        "json.loads": best(repeat, loads),
        "merge": best(repeat, pipeline),
        "merge() alone": best(repeat, pure) / 20,
    }


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

    small, large = make_exports(100, 100), make_exports(100, 1000)
    mb = sum(map(len, large)) / 1e6
    print(
        f"100 exports x 100 records ({sum(map(len, small)) / 1e6:.1f} MB) and "
        f"100 exports x 1,000 records ({mb:.1f} MB); best of {args.repeat}"
    )
    a, b = measure(small, args.repeat), measure(large, args.repeat)
    print(f"{'':16}{'100 x 100':>12}{'100 x 1,000':>14}{'ratio':>9}{'vs json.loads':>16}")
    for name in a:
        versus = "" if name == "json.loads" else f"{b[name] / b['json.loads']:.2f}x"
        print(f"{name:16}{a[name]:>11.3f}s{b[name]:>13.3f}s{b[name] / a[name]:>9.1f}{versus:>16}")
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
