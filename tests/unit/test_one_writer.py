"""One real file, one writer, whatever path leads to it; a writer that lost its lock or its
file stops saving and says so, and never overwrites the other's work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plgcycle import cycle
from plgcycle.errors import DatabaseChanged, DatabaseLocked, SaveFailed
from plgcycle.model import ROUND
from plgcycle.store import Store

ROOT = Path(__file__).resolve().parents[2]

SECOND_WRITER = """
import sys
from plgcycle import cycle
from plgcycle.errors import DatabaseLocked
from plgcycle.store import Store
try:
    store = Store(sys.argv[1])
except DatabaseLocked as exc:
    print(exc, flush=True)
    sys.exit(4)
with store:
    store.save(cycle.new_question(store.me, sys.argv[2]))
print("SAVED", flush=True)
"""


def second_writer(db: Path, question: str) -> subprocess.CompletedProcess:
    """Another plgcycle, in a process of its own, that saves one question."""
    return subprocess.run(
        [sys.executable, "-c", SECOND_WRITER, str(db), question],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PLGCYCLE_LANG": "nl"},
    )


def questions(path: Path) -> list[str]:
    with Store(path, readonly=True) as reader:
        return sorted(r.text("question") for r in reader.list(ROUND))


@pytest.fixture
def linked(tmp_path, store, db_path):
    """The database of ``store`` (closed again) and a symlink to it in another folder."""
    store.close()
    other = tmp_path / "elders"
    other.mkdir()
    link = other / "koppeling.json"
    link.symlink_to(db_path)
    return db_path, link


@pytest.mark.parametrize(
    "first, second", [("link", "real"), ("real", "link"), ("link", "dotdot"), ("dotdot", "link")]
)
def test_every_path_to_one_file_meets_one_lock(linked, clock, first, second):
    db, link = linked
    paths = {"real": db, "link": link, "dotdot": link.parent / ".." / db.name}
    with Store(paths[first], clock=clock):
        with pytest.raises(DatabaseLocked):
            Store(paths[second], clock=clock)
        done = second_writer(paths[second], "tweede schrijver")
        assert done.returncode == 4 and "in gebruik" in done.stdout, done.stderr
    assert questions(db) == []


def test_a_save_through_a_symlink_reaches_the_real_file_and_keeps_the_link(linked, clock):
    db, link = linked
    with Store(link, clock=clock) as store:
        store.save(cycle.new_question(store.me, "via de koppeling"))
        store.save(cycle.new_question(store.me, "nog een"))
    assert link.is_symlink() and link.resolve() == db
    assert questions(db) == ["nog een", "via de koppeling"]
    assert not [p for p in link.parent.iterdir() if p != link], "nothing written beside the link"


def test_a_deleted_lock_file_never_lets_a_second_writer_wipe_out_the_first(store, db_path):
    store.save(cycle.new_question(store.me, "eerste venster"))
    os.unlink(str(db_path) + ".lock")  # a clean-up tool, a sync program, a person
    done = second_writer(db_path, "tweede venster")
    assert done.returncode == 0, done.stderr  # it found no lock, so it could not know
    with pytest.raises(DatabaseChanged) as caught:
        store.save(cycle.new_question(store.me, "weer het eerste"))
    message = str(caught.value)
    assert "slotbestand" in message and "niets overschreven" in message and "\n" not in message
    assert isinstance(caught.value, SaveFailed)  # the app treats it as any failed save
    assert questions(db_path) == ["eerste venster", "tweede venster"]
    with pytest.raises(DatabaseChanged):  # and it stays stopped
        store.save(cycle.new_question(store.me, "nog eens"))
    assert questions(db_path) == ["eerste venster", "tweede venster"]


def test_a_lock_file_replaced_by_another_counts_as_lost(store, db_path):
    lock = Path(str(db_path) + ".lock")
    os.unlink(lock)
    lock.write_bytes(b"")  # a new, unlocked file with the same name
    with pytest.raises(DatabaseChanged):
        store.save(cycle.new_question(store.me, "na het nieuwe slot"))
    assert questions(db_path) == []


def test_a_database_file_replaced_under_an_open_window_is_never_overwritten(
    store, db_path, tmp_path
):
    store.save(cycle.new_question(store.me, "van dit venster"))
    with Store(tmp_path / "ander.json") as other:  # another program puts another file in place
        other.create_me(cycle.new_person("Iemand Anders"))
        other.save(cycle.new_question(other.me, "van het andere programma"))
    os.replace(tmp_path / "ander.json", db_path)
    replaced = db_path.read_bytes()
    with pytest.raises(DatabaseChanged) as caught:
        store.save(cycle.new_question(store.me, "overschrijft niets"))
    assert "door een ander programma veranderd" in str(caught.value)
    assert db_path.read_bytes() == replaced


def test_a_database_file_deleted_under_an_open_window_is_saved_again(store, db_path):
    """Nothing else is there to lose, so the save puts everything back."""
    store.save(cycle.new_question(store.me, "eerste"))
    db_path.unlink()
    store.save(cycle.new_question(store.me, "tweede"))
    assert questions(db_path) == ["eerste", "tweede"]


def test_the_writers_own_saves_never_look_like_someone_elses(store, db_path):
    for n in range(30):
        store.save(cycle.new_question(store.me, f"vraag {n}"))
    with store.batch():
        store.save(cycle.new_question(store.me, "in een groep"))
    assert len(questions(db_path)) == 31
