"""Store benchmark: one save and a full load at 1,000 and 10,000 records.

Both sizes are measured in the same run, interleaved, so the ratio is robust to
a noisy machine.  A save rewrites the whole file atomically (temp file, fsync,
replace), so its cost should grow with the file size and no faster.

    python benchmarks/bench_store.py [--repeat 15]

Target: one save at 10,000 records under 30 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plgcycle import cycle, demo  # noqa: E402
from plgcycle.model import Record  # noqa: E402
from plgcycle.store import Store  # noqa: E402


def realistic_records(owner: str, count: int) -> list[Record]:
    """Records shaped like real use: rounds with steps, try-outs, measures, feedback."""
    _me, sample = demo.build(__import__("datetime").date(2026, 11, 23))
    templates = [r for r in sample if r.kind != "person"]
    out = []
    for n in range(count):
        rec = templates[n % len(templates)].copy()
        rec.id = Record("x", "x").id
        rec.owner = owner
        out.append(rec)
    return out


def build(folder: Path, count: int) -> Path:
    path = folder / f"db{count}.json"
    with Store(path) as store:
        me = store.create_me(cycle.new_person("Bench"))
        store.apply(realistic_records(me.id, count - 1))
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    sizes = (1_000, 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = {n: build(folder, n) for n in sizes}
        stores = {n: Store(paths[n]) for n in sizes}
        targets = {n: stores[n].list("round")[0] for n in sizes}
        saves = {n: [] for n in sizes}
        loads = {n: [] for n in sizes}
        for i in range(args.repeat):
            for n in sizes:  # interleaved: both sizes see the same machine state
                rec = targets[n]
                rec.data["goal_link"] = f"edit {i}"
                start = time.perf_counter()
                targets[n] = stores[n].save(rec)
                saves[n].append(time.perf_counter() - start)
                start = time.perf_counter()
                with Store(paths[n], readonly=True) as reader:
                    everything = reader.list()
                loads[n].append(time.perf_counter() - start)
                assert len(everything) == n
        sizes_bytes = {n: paths[n].stat().st_size for n in sizes}
        for n in sizes:
            stores[n].close()
    med = {n: statistics.median(saves[n]) * 1000 for n in sizes}
    load = {n: statistics.median(loads[n]) * 1000 for n in sizes}
    print(f"{'records':>8} {'file':>9} {'save (ms)':>10} {'load all (ms)':>14}")
    for n in sizes:
        print(f"{n:>8} {sizes_bytes[n] / 1e6:>7.2f}MB {med[n]:>10.2f} {load[n]:>14.2f}")
    save_ratio = med[10_000] / med[1_000]
    size_ratio = sizes_bytes[10_000] / sizes_bytes[1_000]
    print(
        f"save time ratio 10k/1k: {save_ratio:.2f}  (file size ratio {size_ratio:.2f}; "
        f"save grows {'no faster' if save_ratio <= size_ratio * 1.1 else 'FASTER'} than the file)"
    )
    print(
        f"one save at 10k records: {med[10_000]:.1f} ms (target < 30 ms: "
        f"{'met' if med[10_000] < 30 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
