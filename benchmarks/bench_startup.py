"""How fast plgcycle starts and saves, measured side by side with a bare Textual app.

    python benchmarks/bench_startup.py [--reps 7]

1. Start-up: plgcycle on databases of 500 and 2,000 rounds (with their try-outs,
   measures and feedback) against a bare Textual app with a header, a list and
   a footer.  Each start is a fresh Python process (imports included), headless,
   timed until its first frame is handed to the terminal; they alternate so all
   meet the same machine state.  Prints the medians and their ratio (target:
   <= 1.3x).  plgcycle starts as `plgcycle` does: with the start cache its last
   close left (see plgcycle/startcache.py).  The figures also show when the
   whole file has been read (right after the first frame) and a start without
   a cache (the first start after a change made outside the app).
   ``--instructions`` adds the same comparison in instructions (valgrind),
   which stays steady on a noisy machine.
2. Work at 10,000 records: open a question, open a step, type and save it
   (including the atomic write with fsync), each timed in one running app.
   Target: opening a question and saving a step together under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plgcycle import cycle  # noqa: E402
from plgcycle.model import Record  # noqa: E402
from plgcycle.store import Store  # noqa: E402

TODAY = date(2026, 11, 23)

# Both apps note the moment their first frame is handed to the terminal (``App._display``
# receives each composed frame; headless mode skips only the writing): that is when a
# teacher sees the screen.  With STOP the process ends right there, so instruction
# counts stop at the first frame too.
FIRST_FRAME = """
import os, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
STOP = {stop!r}
def timed(cls):
    class Timed(cls):
        first = None
        def _display(self, screen, renderable):
            if renderable is not None and self.first is None:
                self.first = time.perf_counter() - t0
                if STOP:
                    os._exit(0)
            return super()._display(screen, renderable)
    return Timed
"""

PLGCYCLE_START = (
    FIRST_FRAME
    + """
import plgcycle.cli  # what `plgcycle` imports first (without arguments)
from plgcycle.session import Session
from screens.app import PlgApp
session = Session.open({db!r}, use_cache={cache!r})
class App(timed(PlgApp)):
    CSS_PATH = os.path.join(os.path.dirname(sys.modules[PlgApp.__module__].__file__), PlgApp.CSS_PATH)
app = App(session)
load = session.load
def loaded():
    load()  # runs right after the first frame: the whole file is read
    app.loaded = time.perf_counter() - t0
    app.exit()
session.load = loaded
app.run(headless=True, size=(100, 30))
session.close()  # as `plgcycle` does when it closes (this writes the start cache)
print(app.first, app.loaded)
"""
)

BARE_START = (
    FIRST_FRAME
    + """
from textual.app import App
from textual.widgets import Footer, Header, OptionList
class Bare(App):
    def compose(self):
        yield Header()
        yield OptionList(*[f"item {{i}}" for i in range(20)])
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.exit)
app = timed(Bare)()
app.run(headless=True, size=(100, 30))
print(app.first, app.first)
"""
)


def build_database(path: Path, rounds: int) -> tuple[int, str]:
    """A PLG-wide database: teachers with two rounds per question, try-outs, measures, feedback."""
    stamp = datetime(2026, 9, 1, tzinfo=UTC)
    records: list[Record] = []
    teachers = max(rounds // 10, 1)
    persons = [cycle.new_person(f"Docent {t:03d}", subgroup="ABCD"[t % 4]) for t in range(teachers)]
    records += persons
    made = 0
    q = 0
    while made < rounds:
        owner = persons[q % teachers]
        first = cycle.new_question(owner.id, f"Leervraag {q}: hoe activeer ik klas {q % 6 + 1}?")
        first = cycle.save_step(
            first, "baseline", {"sources": "Toetsen", "findings": "Gemiddeld 55%"}
        )
        first = cycle.save_step(first, "approach", {"approach": "Filmpjes vooraf"})
        first = cycle.save_step(first, "apply", {"conclusions": "Werkt deels", "decision": "adapt"})
        first.data["closed_at"] = stamp.isoformat()
        chain = [first]
        if made + 1 < rounds:
            chain.append(cycle.start_next_round(first, ()))
        for rnd in chain:
            tryout = cycle.new_tryout(
                rnd,
                owner.id,
                class_group="3 havo",
                what="Filmpjes",
                success="70%",
                prediction="Meer oefenen",
                run_date="2026-10-01",
                happened="Gedaan",
            )
            measure = cycle.new_measure(
                rnd, owner.id, "Opgaven af", tryout=tryout, baseline=55, value=68, unit="%"
            )
            giver = persons[(q + 1) % teachers]
            feedback = cycle.new_feedback(
                rnd,
                giver.id,
                "tip",
                "Probeer een controlevraag",
                giver.text("name"),
                giver=giver.id,
                given_on="2026-10-02",
            )
            records += [rnd, tryout, measure, feedback]
            made += 1
        q += 1
    for i, record in enumerate(records):
        record.rev = 1
        record.updated_at = (stamp + timedelta(seconds=i)).isoformat()
    with Store(path) as store:
        with store.batch():
            store.apply(records)
            store.set_me(persons[0].id)
    return len(records), persons[0].id


def time_process(code: str) -> tuple[float, float]:
    # Bytecode caching on, as in any installed copy (pip compiles at install time); an
    # environment that switches it off would make every start recompile plgcycle.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    first, loaded = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(loaded)


def plg_code(db: Path, cache: bool, stop: bool = False) -> str:
    return PLGCYCLE_START.format(root=str(ROOT), db=str(db), cache=cache, stop=stop)


def bare_code(stop: bool = False) -> str:
    return BARE_START.format(root=str(ROOT), stop=stop)


#: Database sizes measured, in rounds, and the target ratio for each: about 2,000
#: records (a teacher with three years of a 16-person PLG imported) and about 8,200.
SIZES = ((500, 1.3), (2_000, 1.6))


def startup(reps: int, folder: Path) -> None:
    dbs = []
    for rounds, target in SIZES:
        db = folder / f"startup-{rounds}.json"
        count, _me = build_database(db, rounds)
        time_process(plg_code(db, cache=False))  # this start writes the start cache
        dbs.append((rounds, target, db, count))
    time_process(bare_code())  # warm the file cache
    bare: list = []
    quick: dict[int, list] = {rounds: [] for rounds, *_ in dbs}
    cold: dict[int, list] = {rounds: [] for rounds, *_ in dbs}
    for _ in range(reps):  # alternating, so that all meet the same machine state
        bare.append(time_process(bare_code()))
        for rounds, _target, db, _count in dbs:
            quick[rounds].append(time_process(plg_code(db, cache=True)))
            cold[rounds].append(time_process(plg_code(db, cache=False)))

    def med(runs, i=0):
        return statistics.median(run[i] for run in runs)

    b = med(bare)
    print(f"Start-up until the first frame ({reps} runs each, alternating, medians):")
    print(f"  bare Textual app                 {b * 1000:7.0f} ms")
    for rounds, target, _db, count in dbs:
        q, c = quick[rounds], cold[rounds]
        print(
            f"  plgcycle, {rounds:>5,} rounds          {med(q) * 1000:7.0f} ms   ({count:,} "
            f"records; whole file read at {med(q, 1) * 1000:.0f} ms)"
        )
        print(f"    ratio                          {med(q) / b:7.2f}x   (target <= {target}x)")
        print(
            f"    without a start cache          {med(c) * 1000:7.0f} ms   ({med(c) / b:.2f}x; "
            f"the first start after a change made outside the app)"
        )


def work(reps: int, folder: Path) -> None:
    from plgcycle.session import Session
    from screens.app import PlgApp
    from screens.question import QuestionScreen
    from screens.step import StepScreen

    db = folder / "work.json"
    rounds = 2_500  # four records per round: 10,000 records and the teachers
    count, me = build_database(db, rounds)
    store = Store(db)
    app = PlgApp(Session(store, today=TODAY))
    timings: dict[str, list[float]] = {
        "read the database (start)": [],
        "open a question (data)": [],
        "save a step (data + write)": [],
        "question screen shown": [],
        "step screen shown": [],
        "save a step from the form": [],
    }

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            own = app.session.index().latest_rounds(owner=me)
            for i in range(reps):
                round_id = own[i % len(own)].id
                app.session._records = None  # force a full read, as at start-up
                t0 = time.perf_counter()
                index = app.session.index()
                t1 = time.perf_counter()
                view = index.view(round_id)
                chain = index.chain(view.round)
                _progress = view.progress, view.next_action(TODAY), len(chain)
                t2 = time.perf_counter()
                updated = cycle.save_step(view.round, "baseline", {"findings": f"Gemiddeld {i}%"})
                assert app.session.save([updated])
                app.session.index().view(round_id)
                t3 = time.perf_counter()
                await app.push_screen(QuestionScreen(round_id))
                t4 = time.perf_counter()
                await app.push_screen(StepScreen(round_id, 1))
                t5 = time.perf_counter()
                screen = app.screen
                screen.query_one("#field-findings").load_text(f"Gemiddeld {50 + i}%")
                t6 = time.perf_counter()
                assert screen.save_form()
                t7 = time.perf_counter()
                for name, value in zip(
                    timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t7 - t6), strict=False
                ):
                    timings[name].append(value)
                await pilot.pause()
                app.pop_screen()
                app.pop_screen()
                await pilot.pause()

    asyncio.run(main())
    store.close()
    med = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    print(f"Working on a database of {count} records ({reps} runs each, medians):")
    for name, value in med.items():
        print(f"  {name:<30} {value:7.1f} ms")
    data = med["open a question (data)"] + med["save a step (data + write)"]
    print(f"  open a question + save a step  {data:7.1f} ms   (data path; target < 50 ms)")
    print("  (the screen timings are Textual building the widgets; they do not grow with the")
    print("   number of records)")


def instructions(code: str) -> int | None:
    """Instructions executed by a fresh process running ``code`` (valgrind's callgrind).

    Unlike seconds, the count is the same from run to run whatever else the machine
    is doing, so the ratio it gives is the steady one.
    """
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                "-c",
                code,
            ],
            capture_output=True,
            text=True,
            env=env,
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def startup_instructions(folder: Path) -> None:
    db = folder / "startup-2000.json"
    if not db.exists():
        build_database(db, 2_000)
    time_process(plg_code(db, cache=False))  # writes the start cache
    plg = instructions(plg_code(db, cache=True, stop=True))
    cold = instructions(plg_code(db, cache=False, stop=True))
    bare = instructions(bare_code(stop=True))
    if plg is None or bare is None or cold is None:
        print("Instruction counts: valgrind is not installed; skipped.")
        return
    print(
        "Start-up in instructions until the first frame (valgrind callgrind; steady on a "
        "noisy machine):"
    )
    print(f"  bare Textual app                 {bare / 1e9:7.2f} G")
    print(f"  plgcycle, 2,000 rounds           {plg / 1e9:7.2f} G")
    print(f"  ratio                            {plg / bare:7.2f}x   (target <= 1.3x)")
    print(f"  without a start cache            {cold / 1e9:7.2f} G   ({cold / bare:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions with valgrind (slow, but steady)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        startup(args.reps, folder)
        if args.instructions:
            print()
            startup_instructions(folder)
        print()
        work(args.reps, folder)


if __name__ == "__main__":
    main()
