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
                store.save(Record(ROUND, me, {"question": f"save {seq}", "round_no": 1,
                                              "steps": {}}))
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
        store.apply([Record("tryout", me.id, {"round": question.id, "what": "x" * 400}, rev=1,
                            updated_at="2026-11-23T09:00:00+00:00") for _ in range(1500)])
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
            stored = {int(r.text("question").split()[1]) for r in reader.list(ROUND)
                      if r.text("question").startswith("save ")}
        missing = reported - stored
        assert not missing, f"after kill {kills}: lost saves {sorted(missing)[:5]}"
    print(f"\ncrash test: {kills} kills, {len(reported)} saves reported, all found; "
          f"{mid_write} kills left a temp file behind (killed mid-write); "
          f"{time.monotonic() - started:.1f} s")
    assert kills >= 50, "too few kills within the time limit to mean anything"
    assert mid_write > 0, "no kill landed during a write; the test proves too little"
    # A writer cleans up temp files left by killed processes.
    Store(db).close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


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
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), label, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "PLGCYCLE_LANG": "nl"})


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
    assert sorted(q for q in questions if q.startswith("first")) == sorted(f"first {n}" for n in range(40))
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
