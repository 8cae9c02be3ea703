"""How much a shared folder costs: the start-up beside the same start without one, and reading.

    python benchmarks/bench_sync.py [--reps 7]

1. Start-up: a teacher's database that holds the work of 16 (and of 500) colleagues, whose
   files lie unchanged in the shared folder (the last sync read them), against the very same
   database with no shared folder set.  Each start is a fresh Python process, headless,
   timed until its first frame (as benchmarks/bench_startup.py does); the four kinds of start
   alternate so all meet the same machine state.  Prints the medians and their ratio
   (target: <= 1.1x).  The app looks at the folder only after the first frame, and the
   identity cache (size, time, hash) means no unchanged file is parsed: the figures also show
   when the look at the folder was done, beside when the whole database was read without one.
   ``--instructions`` adds the same comparison in instructions (valgrind), steady on a
   noisy machine.
2. Reading, in one process: the first sync of 500 colleagues' files none of which was read
   before (every file parsed, checked and imported), and the sync after one of them changed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_startup import FIRST_FRAME, instructions  # noqa: E402

from plgcycle import cycle, share  # noqa: E402
from plgcycle.exchange import encode, envelope, export_records  # noqa: E402
from plgcycle.keyfile import key_path  # noqa: E402
from plgcycle.model import Record  # noqa: E402
from plgcycle.ownkey import ensure_key  # noqa: E402
from plgcycle.store import Store  # noqa: E402

SIZES = (16, 500)
TARGET = 1.1
STAMP = datetime(2026, 9, 1, tzinfo=UTC)

# The app as `plgcycle` starts it; it reports its first frame, when the whole database was
# read, and when the look at the shared folder was done (the app looks even without a
# folder: it then finds none at once), and quits.
START = (
    FIRST_FRAME
    + """
import plgcycle.cli
from plgcycle.session import Session
from screens.app import PlgApp
session = Session.open({db!r})
class App(timed(PlgApp)):
    CSS_PATH = os.path.join(os.path.dirname(sys.modules[PlgApp.__module__].__file__), PlgApp.CSS_PATH)
    def share_sync(self):
        sync = super().share_sync()
        def finished():
            self.synced = time.perf_counter() - t0
            self.exit()
        sync.finished = finished
        return sync
app = App(session)
load = session.load
def loaded():
    load()
    app.loaded = time.perf_counter() - t0
session.load = loaded
app.run(headless=True, size=(100, 30))
session.close()
print(app.first, app.loaded, app.synced)
"""
)


_MADE: dict[int, tuple[Record, list[Record]]] = {}


def colleague(n: int) -> tuple[Record, list[Record]]:
    """One colleague's work: two rounds of a question, a try-out, a measure, an action
    (the same records every time it is asked for)."""
    if n not in _MADE:
        _MADE[n] = _make_colleague(n)
    person, records = _MADE[n]
    return person, [r.copy() for r in records]


def _make_colleague(n: int) -> tuple[Record, list[Record]]:
    person = cycle.new_person(f"Collega {n:03d}", subgroup="ABCD"[n % 4])
    first = cycle.new_question(person.id, f"Leervraag {n}: hoe activeer ik klas {n % 6 + 1}?")
    first = cycle.save_step(first, "baseline", {"sources": "Toetsen", "findings": "55%"})
    first = cycle.save_step(first, "approach", {"approach": "Filmpjes vooraf"})
    first = cycle.save_step(first, "apply", {"conclusions": "Werkt deels", "decision": "adapt"})
    first.data["closed_at"] = STAMP.isoformat()
    second = cycle.start_next_round(first, ())
    tryout = cycle.new_tryout(second, person.id, class_group="3 havo", what="Filmpjes")
    measure = cycle.new_measure(
        second, person.id, "Opgaven af", tryout=tryout, baseline=55, value=68, unit="%"
    )
    action = cycle.new_action(person.id, "Filmpje opnemen", round_rec=second)
    records = [person, first, second, tryout, measure, action]
    for i, record in enumerate(records):
        record.rev, record.updated_at = 1, (STAMP + timedelta(minutes=n, seconds=i)).isoformat()
    return person, records


def write_colleague(folder: Path, n: int, extra: str = "") -> None:
    person, records = colleague(n)
    if extra:
        records[1].data["question"] += extra
        records[1].rev = 2
    exported = export_records(records, person.id)
    env = envelope(exported, {"id": person.id, "name": person.text("name")}, STAMP)
    target = folder / f"collega-{n:03d}-{person.id[:8]}.plgcycle.json"
    target.write_bytes(encode(env))


def make_folder(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        write_colleague(folder, n)


def make_teacher(db: Path) -> None:
    with Store(db) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries"))
        question = store.save(cycle.new_question(me.id, "Hoe geef ik betere feedback?"))
        store.save(cycle.new_tryout(question, me.id, class_group="4 vwo"))
        ensure_key(store)  # the app makes the signing key on first start


def sync_once(db: Path) -> tuple[float, int, int]:
    """One sync as ``plgcycle sync`` makes it; (seconds, files parsed, records written)."""
    start = time.perf_counter()
    with Store(db) as store:
        run = share.Sync(
            share.config_from(store.setting), store.path, store.me, store.shared_records()
        )
        run.look()
        plan = run.planned(
            store.shared_records(), pins=store.keys("pins"), accepted=store.keys("accepted")
        )
        run.apply(store)
        run.prepare(store.shared_records())
        run.write()
    return time.perf_counter() - start, run.scan.parsed, plan.changes if plan else 0


def set_folder(db: Path, folder: Path | None) -> None:
    with Store(db) as store:
        if folder is None:
            values = dict(share.STOP_SETTINGS)
        else:
            own = share.prepare_own(store.shared_records(), store.me)
            values = share.share_settings(folder, share.own_file_name(own.person), own.scope)
        with store.batch():
            for key, value in values.items():
                store.set_setting(key, value)


def code(db: Path, stop: bool = False) -> str:
    return START.format(root=str(ROOT), db=str(db), stop=stop)


def startup(reps: int, tmp: Path, count_instructions: bool = False) -> None:
    variants = []
    for count in SIZES:
        folder = tmp / f"gedeeld-{count}"
        make_folder(folder, count)
        shared = tmp / f"met-map-{count}.json"
        make_teacher(shared)
        set_folder(shared, folder)
        sync_once(shared)  # the colleagues' work is in; their files are unchanged from now on
        alone = tmp / f"zonder-map-{count}.json"
        shutil.copy(shared, alone)
        set_folder(alone, None)  # the same records, no shared folder
        for db in (shared, alone):
            run_start(db)  # this start writes the start cache
        variants.append((count, shared, alone))
    times: dict[Path, list] = {db: [] for _c, s, a in variants for db in (s, a)}
    for _ in range(reps):  # alternating, so that all meet the same machine state
        for _count, shared, alone in variants:
            for db in (shared, alone):
                times[db].append(run_start(db))

    def med(db: Path, i: int) -> float:
        return statistics.median(run[i] for run in times[db]) * 1000

    print(f"Start-up until the first frame ({reps} runs each, alternating, medians):")
    for count, shared, alone in variants:
        with Store(shared, readonly=True) as store:
            held = len(store)
        print(f"  {count} colleagues' files, unchanged ({held:,} records in the database):")
        print(
            f"    no shared folder               {med(alone, 0):7.0f} ms   "
            f"(whole database read at {med(alone, 1):.0f} ms)"
        )
        print(
            f"    with the shared folder         {med(shared, 0):7.0f} ms   "
            f"(whole database read at {med(shared, 1):.0f} ms, folder looked at by "
            f"{med(shared, 2):.0f} ms)"
        )
        print(
            f"    ratio                          {med(shared, 0) / med(alone, 0):7.2f}x   "
            f"(target <= {TARGET}x); until the folder was looked at: "
            f"{med(shared, 2) / med(alone, 2):.2f}x"
        )
    if count_instructions:
        print()
        print(
            "The same in instructions until the first frame (valgrind; steady on a busy machine):"
        )
        instructions(code(variants[0][1], True))  # the first run under valgrind counts more
        for count, shared, alone in variants:
            with_folder, without = instructions(code(shared, True)), instructions(code(alone, True))
            if with_folder is None or without is None:
                print("  valgrind is not installed; skipped.")
                return
            print(
                f"  {count:>3} colleagues' files: {with_folder / 1e9:.3f} G with the folder, "
                f"{without / 1e9:.3f} G without: {with_folder / without:.3f}x"
            )


def run_start(db: Path) -> tuple[float, float, float]:
    env_code = code(db)
    out = subprocess.run(
        [sys.executable, "-c", env_code], capture_output=True, text=True, check=True
    )
    first, loaded, synced = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(loaded), float(synced)


def reading(reps: int, tmp: Path) -> None:
    folder = tmp / "nieuw-500"
    make_folder(folder, 500)
    base = tmp / "lezen.json"
    make_teacher(base)
    set_folder(base, folder)
    first_runs, again_runs = [], []
    for rep in range(reps):
        db = tmp / f"lezen-{rep}.json"
        shutil.copy(base, db)
        shutil.copy(key_path(base), key_path(db))  # the teacher's signing key goes with it
        seconds, parsed, written = sync_once(db)
        assert parsed == 500, parsed
        first_runs.append(seconds)
        write_colleague(folder, 7, extra=f" (versie {rep})")
        seconds, parsed, _written = sync_once(db)
        assert parsed == 1, parsed
        again_runs.append(seconds)
        write_colleague(folder, 7)  # back as it was, for the next first read
        for own in folder.glob("sanne-de-vries-*"):
            own.unlink()
    print(f"Reading the shared folder ({reps} runs each, medians):")
    print(
        f"  first read of 500 new files      {statistics.median(first_runs) * 1000:7.0f} ms   "
        f"(all parsed, checked and imported: {written:,} records)"
    )
    print(
        f"  again after one file changed     {statistics.median(again_runs) * 1000:7.0f} ms   "
        f"(one parsed; 499 known by size and time)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions until the first frame with valgrind (slow, but steady)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        startup(args.reps, folder, args.instructions)
        print()
        reading(max(args.reps // 2, 3), folder)


if __name__ == "__main__":
    main()
