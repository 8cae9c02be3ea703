"""How fast is the facilitator's review on a large PLG network?

Builds a synthetic group of 500 teachers with 4 rounds each (try-outs, measures,
feedback between colleagues, actions), then measures, side by side in one run:

* building the overview (rows, stalled detection, group figures): target under 1 s;
* the review screen's first frame over that data against a bare Textual app start:
  each in a fresh Python process, from launching the process until the first
  frame of its screen is composed (headless), so imports and Textual's start
  count for both.  The review process receives the records ready-made (a pickle)
  and builds the overview and the screen: target at most 1.5x.

For context it also prints the same comparison inside one warm process (the
screen alone), and the whole ``plgcycle review DIR`` path in a fresh process:
reading, checking and merging the 500 teachers' export files first.

Run:  python benchmarks/bench_review.py [--teachers 500] [--rounds 4] [--repeat 9]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Footer, Static  # noqa: E402

# plgcycle is imported inside the functions that use it, so that the bare-app
# process imports Textual only.

TODAY = date(2026, 11, 23)
SIZE = (100, 30)


def synthetic(teachers: int, rounds: int, seed: int = 5) -> list:
    """A PLG network: every teacher one question with ``rounds`` rounds, the last one open."""
    from plgcycle.model import ACTION, FEEDBACK, MEASURE, PERSON, ROUND, TRYOUT, Record, iso

    rng = random.Random(seed)
    base = datetime.combine(TODAY, dtime(12), tzinfo=UTC)

    def at(days: float) -> str:
        return iso(base - timedelta(days=days))

    records: list[Record] = []
    people = [f"00000000-0000-4000-8000-{i:012d}" for i in range(teachers)]
    for i, pid in enumerate(people):
        records.append(
            Record(
                PERSON,
                pid,
                {
                    "name": f"Docent {i:03d}",
                    "subgroup": "ABCDE"[i % 5],
                    "next_meeting": "2026-12-05",
                    "plg": "Netwerk",
                },
                pid,
                1,
                at(200),
            )
        )
    n = 0

    def rid() -> str:
        nonlocal n
        n += 1
        return f"10000000-0000-4000-8000-{n:012d}"

    for i, pid in enumerate(people):
        chain = None
        parent = None
        for r in range(rounds):
            last = r == rounds - 1
            days = (rounds - r) * 35 + rng.randint(0, 30)
            stage = rng.randint(1, 5) if last else 5
            round_id = rid()
            chain = chain or round_id
            steps = {"baseline": {"sources": "toets", "findings": "55%"}}
            if stage >= 2:
                steps["approach"] = {"approach": "filmpjes"}
            if stage >= 4:
                steps["analyse"] = {"worked": "meer oefenen"}
            if stage == 5:
                steps["apply"] = {
                    "conclusions": "werkt",
                    "decision": rng.choice(["adopt", "adapt", "abandon"]),
                }
            records.append(
                Record(
                    ROUND,
                    pid,
                    {
                        "question": f"Hoe activeer ik klas {i % 40}?",
                        "round_no": r + 1,
                        "parent": parent,
                        "chain": chain,
                        "steps": steps,
                        "closed_at": at(days - 20) if stage == 5 else None,
                    },
                    round_id,
                    3,
                    at(days - 5),
                )
            )
            if stage >= 2:
                tryout = {
                    "round": round_id,
                    "class_group": "3 havo",
                    "what": "x",
                    "success": "y",
                    "prediction": "z",
                    "planned_date": "2026-11-01",
                }
                if stage >= 3:
                    tryout.update(
                        run_date="2026-11-05", happened="ging goed", observations="actief"
                    )
                records.append(Record(TRYOUT, pid, tryout, rid(), 2, at(days - 8)))
                records.append(
                    Record(
                        MEASURE,
                        pid,
                        {
                            "round": round_id,
                            "name": "Opgaven af",
                            "unit": "%",
                            "baseline": 50 + r * 5,
                            "value": 55 + r * 5 if stage >= 3 else None,
                            "tryout": None,
                        },
                        rid(),
                        1,
                        at(days - 9),
                    )
                )
            for _ in range(2):
                giver = people[rng.randrange(teachers)]
                records.append(
                    Record(
                        FEEDBACK,
                        giver,
                        {
                            "round": round_id,
                            "step": "approach",
                            "type": "tip",
                            "text": "concreet",
                            "giver": giver,
                            "giver_name": f"Docent {people.index(giver):03d}",
                            "given_on": "2026-11-02",
                        },
                        rid(),
                        1,
                        at(days - 10),
                    )
                )
            parent = round_id
        records.append(
            Record(
                ACTION,
                pid,
                {"text": "voorbereiden", "due": "2026-11-30", "done": False, "round": parent},
                rid(),
                1,
                at(rng.randint(1, 60)),
            )
        )
    return records


def best_of(repeat: int, func) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


class FirstFrame:
    """Notes when the first frame of the app's screen is handed to the terminal, then exits.

    ``App._display`` receives each composed frame (headless mode skips only the
    writing), so this is the moment a user would see the screen.
    """

    started: float = 0.0
    first: float | None = None
    first_wall: float | None = None
    first_cpu: float | None = None  # processor time of the whole process until then

    def frame_ready(self, screen) -> bool:
        return True

    def _display(self, screen, renderable) -> None:
        if renderable is not None and self.first is None and self.frame_ready(screen):
            self.first = time.perf_counter() - self.started
            self.first_wall = time.time()
            self.first_cpu = time.process_time()
            self.call_later(self.exit)
        return super()._display(screen, renderable)


class Bare(FirstFrame, App):
    """The baseline: a Textual app with a line of text and a footer."""

    def compose(self) -> ComposeResult:
        yield Static("plgcycle")
        yield Footer()


class ReviewHost(FirstFrame, App):
    """A minimal host that shows the review screen, as the main app does in review mode."""

    def __init__(self, data):
        from plgcycle.session import Session

        super().__init__()
        self.session = Session(None, today=TODAY)
        self.lang = "nl"
        self.data = data

    def get_default_screen(self):
        from screens.review import ReviewScreen

        return ReviewScreen(self.data)

    def frame_ready(self, screen) -> bool:
        tables = screen.query("#review-table")
        return bool(tables) and tables.first().row_count > 0


async def first_frame(make) -> float:
    """Seconds from creating the app until its first screen (with data) is composed."""
    started = time.perf_counter()
    app = make()
    app.started = started
    await app.run_async(headless=True, size=SIZE)
    assert app.first is not None
    return app.first


def write_exports(records: list, folder: Path) -> int:
    """One export file per teacher, as each would share it."""
    from plgcycle.exchange import envelope, export_records, write_export
    from plgcycle.model import PERSON

    persons = [r for r in records if r.kind == PERSON]
    by_owner: dict[str, list] = {}
    for r in records:
        by_owner.setdefault(r.owner, []).append(r)
    now = datetime.combine(TODAY, dtime(16), tzinfo=UTC)
    for person in persons:
        env = envelope(
            export_records(by_owner[person.id], person.id),
            {"id": person.id, "name": person.text("name")},
            now=now,
        )
        write_export(folder / f"{person.text('name').replace(' ', '-')}.plgcycle.json", env)
    return len(persons)


def child(kind: str, source: str | None) -> None:
    """Run in a fresh process; print wall-clock times: imports done, data ready, first frame."""
    if kind == "bare":
        imported = time.time()
        ready = imported
        app = Bare()
    elif kind == "review":
        import pickle

        import screens.review  # noqa: F401
        from plgcycle import review
        from plgcycle.gctools import gc_paused

        imported = time.time()
        # As the product's loaders hold records once they are read (review.load_exports).
        with gc_paused(freeze=True):
            data = review.ReviewData(pickle.loads(Path(source).read_bytes()))
        ready = time.time()
        app = ReviewHost(data)
    else:
        import screens.review  # noqa: F401
        from plgcycle import review

        imported = time.time()
        data = review.load_exports([source])
        ready = time.time()
        app = ReviewHost(data)
    app.started = time.perf_counter()
    app.run(headless=True, size=SIZE)
    print(f"{imported:.6f} {ready:.6f} {app.first_wall:.6f} {app.first_cpu:.6f}")


def process_first_frame(kind: str, source: Path | None = None) -> tuple[float, ...]:
    """From launching a fresh Python process: (first frame, imports, data, app start, processor time) in s."""
    command = [sys.executable, __file__, "--child", kind] + ([str(source)] if source else [])
    start = time.time()
    # Bytecode caching on, as in any installed copy (an environment may switch it off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    imported, ready, first, cpu = (float(v) for v in out.strip().splitlines()[-1].split())
    return first - start, imported - start, ready - imported, first - ready, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1] if len(args.child) > 1 else None)
        return
    from plgcycle import review

    records = synthetic(args.teachers, args.rounds)
    data = review.ReviewData(records)
    kinds = {}
    for r in records:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    print(f"data: {args.teachers} teachers x {args.rounds} rounds = {len(records)} records {kinds}")

    overview = review.build_overview(data, TODAY)
    print(
        f"overview: {len(overview.rows)} rows, {len(overview.rounds)} rounds, "
        f"{overview.figures.stalled} without movement, {len(overview.figures.flow)} feedback pairs"
    )
    best, median = best_of(args.repeat, lambda: review.build_overview(data, TODAY))
    print(
        f"overview for the first screen (rows, stalled, counts): best {best * 1000:.0f} ms, "
        f"median {median * 1000:.0f} ms"
    )

    def everything():
        ov = review.build_overview(data, TODAY)
        return ov.rounds, ov.figures, ov.measures_moved

    best, median = best_of(args.repeat, everything)
    verdict = "OK" if median < 1.0 else "TOO SLOW"
    print(
        f"complete overview (+ every round, group figures, measures that moved): best "
        f"{best * 1000:.0f} ms, median {median * 1000:.0f} ms (target < 1000 ms) {verdict}"
    )

    # Warm up imports and Textual's CSS machinery for both, then alternate runs.
    from screens.review import ReviewScreen  # noqa: F401

    asyncio.run(first_frame(Bare))
    asyncio.run(first_frame(lambda: ReviewHost(data)))
    bare, screen = [], []
    for _ in range(args.repeat):
        gc.collect()
        bare.append(asyncio.run(first_frame(Bare)))
        gc.collect()
        screen.append(asyncio.run(first_frame(lambda: ReviewHost(data))))
    b, s = statistics.median(bare), statistics.median(screen)
    ratio = s / b
    print(
        f"in one warm process (screen only, data in memory): bare app {b * 1000:.0f} ms, "
        f"review screen {s * 1000:.0f} ms to the first frame ({ratio:.1f}x; medians of {args.repeat})"
    )

    import pickle

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "exports"
        folder.mkdir()
        files = write_exports(records, folder)
        ready = Path(tmp) / "records.pickle"
        ready.write_bytes(pickle.dumps(records))
        for kind, source in (("bare", None), ("review", ready), ("files", folder)):
            process_first_frame(kind, source)  # warm the disk and bytecode caches
        bare, screen, whole = [], [], []
        for _ in range(args.repeat):
            bare.append(process_first_frame("bare"))
            screen.append(process_first_frame("review", ready))
            whole.append(process_first_frame("files", folder))

    def med(runs, i):
        return statistics.median(run[i] for run in runs) * 1000

    b, s, w = med(bare, 0), med(screen, 0), med(whole, 0)
    print(f"fresh process to first frame (medians of {args.repeat}):")
    print(
        f"  bare Textual app       {b:5.0f} ms  (start + imports {med(bare, 1):.0f}, app {med(bare, 3):.0f})"
    )
    print(
        f"  review, records given  {s:5.0f} ms  (start + imports {med(screen, 1):.0f}, "
        f"records {med(screen, 2):.0f}, overview + screen {med(screen, 3):.0f})"
    )
    print(
        f"  review of {files} files   {w:5.0f} ms  (start + imports {med(whole, 1):.0f}, "
        f"read + check + merge {med(whole, 2):.0f}, overview + screen {med(whole, 3):.0f})"
    )

    # Each review run is compared with the bare run just before it, so that the machine's
    # drift during the run (other processes, clock speed, disk cache) cancels out; then the
    # median.  Wall-clock time is what a facilitator waits; processor time (of the whole
    # process until its first frame) is the same comparison without waiting on the disk.
    def ratios(runs, i):
        return sorted(r[i] / p[i] for r, p in zip(runs, bare, strict=False))

    wall, cpu = ratios(screen, 0), ratios(screen, 4)
    print(
        f"  processor time until the first frame: bare {med(bare, 4):.0f} ms, "
        f"review {med(screen, 4):.0f} ms, review of files {med(whole, 4):.0f} ms"
    )
    print(
        f"ratio review/bare, run by run: wall {' '.join(f'{r:.2f}' for r in wall)}; "
        f"processor {' '.join(f'{r:.2f}' for r in cpu)}"
    )
    ratio = statistics.median(wall)
    verdict = "OK" if ratio <= 1.5 else "TOO SLOW"
    print(
        f"ratio review/bare: {ratio:.2f}x wall-clock, {statistics.median(cpu):.2f}x processor time "
        f"(medians; target <= 1.5x) {verdict}; with reading the files: "
        f"{statistics.median(ratios(whole, 0)):.2f}x wall-clock"
    )


if __name__ == "__main__":
    main()
