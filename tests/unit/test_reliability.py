"""Crashes and two instances lose nothing.

These tests kill real processes in the middle of saving and run two real
processes on one database.  They prove the promises in docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plgcycle import cycle
from plgcycle.errors import DatabaseLocked
from plgcycle.model import ROUND, Record
from plgcycle.store import Store

ROOT = Path(__file__).resolve().parents[2]
KILLS = 200
TIME_LIMIT = 100.0  # seconds; CI must stay well under two minutes


def _child_saves_forever(db: Path, write_fd: int) -> None:
    """Runs in a forked child: save, then report the number, until killed."""
    try:
        with Store(db) as store:
            me = store.me
            seq = len(store.list(ROUND)) - 1  # the bulk question is not a save
            os.write(write_fd, b"ready\n")
            while True:
                seq += 1
                store.save(
                    Record(ROUND, me, {"question": f"save {seq}", "round_no": 1, "steps": {}})
                )
                os.write(write_fd, f"{seq}\n".encode())
    finally:
        os._exit(0)


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks).decode()
        chunks.append(chunk)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_reported_save(tmp_path):
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    db = tmp_path / "crash.json"
    with Store(db) as store:
        me = store.create_me(cycle.new_person("Crash Test"))
        # Some bulk so that a save takes a few milliseconds and kills land mid-write.
        question = store.save(cycle.new_question(me.id, "Bulk"))
        store.apply(
            [
                Record(
                    "tryout",
                    me.id,
                    {"round": question.id, "what": "x" * 400},
                    rev=1,
                    updated_at="2026-11-23T09:00:00+00:00",
                )
                for _ in range(1500)
            ]
        )
    rng = random.Random(20261123)
    reported: set[int] = set()
    kills = mid_write = 0
    started = time.monotonic()
    while kills < KILLS and time.monotonic() - started < TIME_LIMIT:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_fd)
            _child_saves_forever(db, write_fd)
        os.close(write_fd)
        assert os.read(read_fd, 6) == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        output = _read_all(read_fd)
        os.close(read_fd)
        lines = output.split("\n")
        complete = lines[:-1]  # the last piece may be a half-written line
        reported.update(int(line) for line in complete if line.isdigit())
        if any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
            mid_write += 1
        # The database opens, is valid JSON, and holds every save reported as done.
        json.loads(db.read_bytes())
        with Store(db, readonly=True) as reader:
            stored = {
                int(r.text("question").split()[1])
                for r in reader.list(ROUND)
                if r.text("question").startswith("save ")
            }
        missing = reported - stored
        assert not missing, f"after kill {kills}: lost saves {sorted(missing)[:5]}"
    print(
        f"\ncrash test: {kills} kills, {len(reported)} saves reported, all found; "
        f"{mid_write} kills left a temp file behind (killed mid-write); "
        f"{time.monotonic() - started:.1f} s"
    )
    assert kills >= 50, "too few kills within the time limit to mean anything"
    assert mid_write > 0, "no kill landed during a write; the test proves too little"
    # A writer cleans up temp files left by killed processes.
    Store(db).close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- SIGKILL during save, import, export and restore -------------------------------------------

OPERATIONS = ("save", "import", "export", "restore")
KILLS_PER_OPERATION = 60


def _child_runs_once(op: str, db: Path, arg, write_fd: int) -> None:
    """Runs in a forked child: one operation, as the commands do it, then wait to be killed."""
    from plgcycle import exchange
    from plgcycle.backups import restore_backup

    try:
        os.write(write_fd, b"S")
        if op == "save":
            with Store(db) as store:
                store.save(
                    Record(
                        ROUND, store.me, {"question": "bewaard", "round_no": 1, "steps": {}}, id=arg
                    )
                )
        elif op == "import":
            with Store(db) as store:
                plan = exchange.plan_import(
                    store.list(include_deleted=True), store.me, [exchange.read_export(arg)]
                )
                exchange.apply_plan(store, plan)
        elif op == "export":
            with Store(db, readonly=True) as store:
                me = store.get(store.me)
                preview = exchange.prepare_export(store.list(include_deleted=True), store.me)
            exchange.export_to(arg, preview, me, source=db)
        else:
            restore_backup(db)
        os.write(write_fd, b"D")
        time.sleep(60)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        os.write(write_fd, b"E" + repr(exc).encode())
    finally:
        os._exit(0)


def _colleague_export(folder: Path, colleague: Record, n: int) -> tuple[Path, set[str]]:
    """A colleague's export with three new questions (new ids each time)."""
    from plgcycle import exchange

    stamp = "2026-11-23T09:00:00+00:00"
    rounds = [
        Record(
            ROUND,
            colleague.id,
            {"question": f"collega {n}.{k}", "round_no": 1, "steps": {}},
            rev=1,
            updated_at=stamp,
        )
        for k in range(3)
    ]
    env = exchange.envelope([colleague] + rounds, {"id": colleague.id, "name": "Collega"})
    path = folder / f"collega-{n}.plgcycle.json"
    path.write_bytes(exchange.encode(env))
    return path, {colleague.id} | {r.id for r in rounds}


def _ids(db: Path) -> set[str]:
    """The ids of every record in the file, read as the store reads it (refusing a bad file)."""
    from plgcycle.dbfile import read_database_file

    tables = read_database_file(db)
    return {doc["id"] for doc in (tables.get("records") or {}).values()}


def _run_child(op: str, db: Path, arg, delay: float | None) -> tuple[str, float]:
    """Fork a child doing ``op``; kill it after ``delay`` s (None: let it finish first).

    Returns what it reported (S started, D done, E... an error) and how long it ran.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        _child_runs_once(op, db, arg, write_fd)
    os.close(write_fd)
    assert os.read(read_fd, 1) == b"S"
    started = time.monotonic()
    if delay is None:
        report = os.read(read_fd, 65536).decode()
    else:
        time.sleep(delay)
        report = ""
    ran = time.monotonic() - started
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    report = "S" + report + _read_all(read_fd)
    os.close(read_fd)
    assert "E" not in report, f"{op} failed by itself: {report}"
    return report, ran


@pytest.mark.slow
def test_sigkill_during_save_import_export_and_restore_leaves_every_file_loadable(tmp_path):
    """A process doing a save, an import, an export or a restore is killed at a random
    (seeded) moment, 240 times; after every kill the database and every backup load, and
    each holds a state the database really had: the one before the operation or after it."""
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    import hashlib

    from plgcycle import backups, exchange
    from plgcycle.dbfile import read_database_file

    db = tmp_path / "kill.json"
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    outbox.mkdir()
    with Store(db) as store:
        me = store.create_me(cycle.new_person("Kill Test"))
        rnd = store.save(cycle.new_question(me.id, "Hoe?"))
        # Some bulk so that each operation takes a few milliseconds and kills land mid-way.
        store.save_many(cycle.new_tryout(rnd, me.id, class_group="x" * 300) for _ in range(600))
    colleague = cycle.new_person("Collega")
    colleague.owner, colleague.rev, colleague.updated_at = (
        colleague.id,
        1,
        "2026-11-23T09:00:00+00:00",
    )
    Store(db).close()  # a first backup, so that restore has one from the start
    export_target = outbox / "mijn.plgcycle.json"

    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    seen = {digest(db.read_bytes())}  # every state the database has had
    checked: set[tuple] = set()  # backups (and kept copies) already found sound
    rng = random.Random(20261124)
    counter = [0]

    def prepare(op: str, ids: set[str]):
        """The argument of ``op`` and the states allowed after it (besides the old one)."""
        counter[0] += 1
        if op == "save":
            new = Record(ROUND, me.id).id
            return new, ("ids", ids | {new})
        if op == "import":
            path, added = _colleague_export(inbox, colleague, counter[0])
            return path, ("ids", ids | added)
        if op == "export":
            return export_target, ("same", None)
        newest = next(b for b in backups.list_backups(db) if read_database_file(b.path) is not None)
        return None, ("bytes", newest.path.read_bytes())

    # Load what the operations load (the export validator) here, once: forked children
    # share it, so a kill lands in the operation, not in importing modules.
    exchange.read_export(_colleague_export(inbox, colleague, 0)[0])
    # How long each operation takes when nobody kills it (and that each one works); the
    # shortest of three runs, so that a busy moment here does not make most kills late.
    duration = {}
    for op in OPERATIONS:
        runs = []
        for _run in range(3):
            arg, _expected = prepare(op, _ids(db))
            runs.append(_run_child(op, db, arg, None)[1])
            seen.add(digest(db.read_bytes()))
        duration[op] = min(runs)

    kills = mid_way = 0
    old_ids = _ids(db)
    started = time.monotonic()
    while kills < KILLS_PER_OPERATION * len(OPERATIONS) and time.monotonic() - started < TIME_LIMIT:
        op = OPERATIONS[kills % len(OPERATIONS)]
        old = db.read_bytes()
        old_export = export_target.read_bytes() if export_target.exists() else None
        arg, (kind, allowed) = prepare(op, old_ids)
        report, _ran = _run_child(op, db, arg, rng.uniform(0.0, duration[op] * 1.2))
        kills += 1
        mid_way += "D" not in report
        now = db.read_bytes()
        where = f"after kill {kills} ({op}, {'mid-way' if 'D' not in report else 'done'})"
        # The database loads, and holds the state before the operation or the one after it.
        now_ids = _ids(db)
        if kind == "ids":
            assert now_ids in (old_ids, allowed), where
        elif kind == "bytes":
            assert now in (old, allowed), where
        else:
            assert now == old, where
            if export_target.exists() and export_target.read_bytes() != old_export:
                exchange.read_export(export_target)  # a complete, valid new export
        seen.add(digest(now))
        old_ids = now_ids
        # Every backup, and every copy restore kept, loads and is a state the database had.
        kept = [b.path for b in backups.list_backups(db)]
        kept += [
            p
            for p in tmp_path.iterdir()
            if backups.BEFORE_RESTORE in p.name and not p.name.endswith(".tmp")
        ]
        for path in kept:
            info = path.stat()
            key = (path.name, info.st_ino, info.st_size)
            if key in checked:
                continue
            data = path.read_bytes()
            assert read_database_file(path) is not None, f"{where}: {path.name}"
            assert digest(data) in seen, f"{where}: {path.name} is no state the database had"
            checked.add(key)
        for path in tmp_path.rglob("*"):
            if path.is_file() and path.parent != inbox:  # (the test wrote the inbox itself)
                assert path.stat().st_mode & 0o077 == 0, f"{where}: {path.name} readable by others"
    print(
        f"\nkill test: {kills} kills during save, import, export and restore, {mid_way} of "
        f"them mid-way; every database and backup loaded; {time.monotonic() - started:.1f} s"
    )
    assert kills >= 200, "too few kills within the time limit to mean anything"
    assert mid_way >= kills // 3, "too few kills landed while an operation was running"
    # The next writer, and the next export to the same file, clean up what the killed ones left.
    Store(db).close()
    _run_child("export", db, export_target, None)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


CHILD = """
import sys, time
from plgcycle.store import Store
from plgcycle.errors import DatabaseLocked
from plgcycle.model import Record
db, label, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    store = Store(db)
except DatabaseLocked as exc:
    print("REFUSED", exc, flush=True)
    sys.exit(4)
print("OPEN", flush=True)
for n in range(count):
    store.save(Record("round", store.me, {"question": f"{label} {n}", "round_no": 1, "steps": {}}))
    print("SAVED", n, flush=True)
    time.sleep(0.01)
store.close()
print("DONE", flush=True)
"""


def _spawn(db: Path, label: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), label, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PLGCYCLE_LANG": "nl"},
    )


def test_two_processes_one_database_second_is_refused_and_nothing_is_lost(tmp_path):
    db = tmp_path / "shared.json"
    with Store(db) as store:
        store.create_me(cycle.new_person("Twee Vensters"))
    first = _spawn(db, "first", 40)
    assert first.stdout.readline().strip() == "OPEN"
    second = _spawn(db, "second", 40)
    out2, err2 = second.communicate(timeout=60)
    assert second.returncode == 4, err2
    assert out2.startswith("REFUSED") and "in gebruik" in out2
    assert "Traceback" not in err2
    out1, err1 = first.communicate(timeout=60)
    assert first.returncode == 0, err1
    assert out1.strip().endswith("DONE")
    # Once the first is closed, the second can write; both sets of saves are there.
    third = _spawn(db, "second", 10)
    out3, err3 = third.communicate(timeout=60)
    assert third.returncode == 0, err3
    with Store(db, readonly=True) as reader:
        questions = [r.text("question") for r in reader.list(ROUND)]
    assert sorted(q for q in questions if q.startswith("first")) == sorted(
        f"first {n}" for n in range(40)
    )
    assert len([q for q in questions if q.startswith("second")]) == 10


def test_a_reader_next_to_a_writer_sees_a_consistent_file(tmp_path):
    db = tmp_path / "shared.json"
    with Store(db) as store:
        store.create_me(cycle.new_person("Lezer"))
    writer = _spawn(db, "w", 60)
    assert writer.stdout.readline().strip() == "OPEN"
    seen = []
    while writer.poll() is None:
        with Store(db, readonly=True) as reader:  # never a half-written file
            seen.append(len(reader.list(ROUND)))
    writer.communicate(timeout=60)
    assert seen == sorted(seen), "a reader never sees saves disappear"
    with pytest.raises(DatabaseLocked):
        with Store(db):
            with Store(db):
                pass
