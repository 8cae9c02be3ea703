"""The store: repository API, atomic writes, lock, schema versions, backups, bad files."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from plgcycle import backups, cycle, migrations, storage
from plgcycle.backups import newest_backup as backup_path
from plgcycle.dbfile import resolve_path
from plgcycle.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    PlgError,
    SaveFailed,
)
from plgcycle.index import RecordIndex
from plgcycle.model import ROUND, TRYOUT, Record
from plgcycle.store import Store


def test_save_get_list_roundtrip(store, db_path):
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    assert rnd.rev == 1 and rnd.updated_at.startswith("2026-11-23T09:00")
    again = store.get(rnd.id)
    assert again == rnd
    assert [r.id for r in store.list(ROUND)] == [rnd.id]
    assert store.list(ROUND, owner="someone-else") == []
    # The file on disk holds it too, in TinyDB's JSON layout.
    raw = json.loads(db_path.read_text("utf-8"))
    assert any(doc["id"] == rnd.id for doc in raw["records"].values())


def test_each_save_raises_rev_and_stamps_time(store, clock):
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    first_stamp = rnd.updated_at
    clock.advance(minutes=5)
    rnd = store.save(cycle.save_step(rnd, "baseline", {"sources": "toets"}))
    assert rnd.rev == 2 and rnd.updated_at > first_stamp


def test_returned_records_are_copies(store):
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    fetched = store.get(rnd.id)
    fetched.data["question"] = "changed without saving"
    assert store.get(rnd.id).text("question") == "Hoe?"
    listed = store.list(ROUND)[0]
    listed.data["question"] = "also changed"
    assert store.get(rnd.id).text("question") == "Hoe?"


def test_a_deleted_record_is_a_tombstone_that_can_come_back(store):
    """The screens delete by saving the record with ``deleted`` set, so the deletion travels."""
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    rnd.deleted = True
    store.save(rnd)
    assert store.get(rnd.id) is None
    assert store.list(ROUND) == []
    tomb = store.get(rnd.id, include_deleted=True)
    assert tomb.deleted and tomb.rev == 2
    assert [r.id for r in store.list(ROUND, include_deleted=True)] == [rnd.id]
    tomb.deleted = False
    store.save(tomb)
    assert store.get(rnd.id).rev == 3


def test_a_misspelt_attribute_fails_at_once_and_reads_nothing(db_path, clock):
    """No attribute lookup reads the file behind the scenes: a typo is an AttributeError."""
    assert "__getattr__" not in vars(Store)
    Store(db_path, clock=clock).close()
    store = Store(db_path, clock=clock)
    try:
        with pytest.raises(AttributeError):
            store._recrods  # noqa: B018
        with pytest.raises(AttributeError):
            store._index  # noqa: B018  (a part of the open file, before: read it on lookup)
        with pytest.raises(AttributeError):
            store.snapshot  # noqa: B018  (gone: the app reads shared_records or list)
        assert store.list() == []
    finally:
        store.close()


def test_data_survives_reopening(store, db_path, clock):
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    me = store.me
    store.close()
    with Store(db_path, clock=clock) as reopened:
        assert reopened.me == me
        assert reopened.get(rnd.id).text("question") == "Hoe?"
        assert len(reopened) == 2  # the person and the round


def test_colleagues_records_cannot_be_saved_locally(store):
    theirs = Record(ROUND, owner="a-colleague", data={"question": "van een collega"})
    with pytest.raises(PlgError, match="collega"):
        store.save(theirs)
    # ... but import (apply) may write them as they are.
    store.apply(
        [
            Record(
                ROUND,
                "a-colleague",
                {"question": "x"},
                rev=4,
                updated_at="2026-01-01T00:00:00+00:00",
            )
        ]
    )
    stored = store.list(ROUND, owner="a-colleague")[0]
    assert stored.rev == 4 and stored.updated_at == "2026-01-01T00:00:00+00:00"


def test_batch_is_one_atomic_write_and_rolls_back_on_error(store, db_path, monkeypatch):
    writes = []
    real = storage.atomic_write
    monkeypatch.setattr(storage, "atomic_write", lambda p, b: (writes.append(p), real(p, b)))
    with store.batch():
        for n in range(5):
            store.save(cycle.new_question(store.me, f"vraag {n}"))
    assert len(writes) == 1
    before = db_path.read_bytes()
    with pytest.raises(RuntimeError):
        with store.batch():
            store.save(cycle.new_question(store.me, "half"))
            raise RuntimeError("stop")
    assert db_path.read_bytes() == before
    assert len(store.list(ROUND)) == 5, "the half-done batch is gone from memory too"


def test_interrupted_write_leaves_the_old_file_intact(store, db_path, monkeypatch):
    rnd = store.save(cycle.new_question(store.me, "origineel"))
    before = db_path.read_bytes()
    real_write = os.write

    def half_then_crash(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.EIO, "simulated crash mid-write")

    monkeypatch.setattr(os, "write", half_then_crash)
    with pytest.raises(SaveFailed):
        store.save(cycle.save_step(rnd, "baseline", {"sources": "nieuw"}))
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert store.get(rnd.id).rev == 1, "memory was reloaded from the intact file"


def test_full_disk_gives_a_clear_message_and_keeps_data(store, db_path, monkeypatch):
    rnd = store.save(cycle.new_question(store.me, "origineel"))
    before = db_path.read_bytes()

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    with pytest.raises(SaveFailed) as caught:
        store.save(cycle.save_step(rnd, "baseline", {"sources": "nieuw"}))
    message = str(caught.value)
    assert "schijf is vol" in message and "intact" in message and "\n" not in message
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert store.get(rnd.id).rev == 1
    # After space is freed, saving works again.
    assert store.save(cycle.save_step(rnd, "baseline", {"sources": "nieuw"})).rev == 2


def test_second_writer_is_refused_with_a_clear_message(store, db_path):
    with pytest.raises(DatabaseLocked) as caught:
        Store(db_path)
    assert "in gebruik" in str(caught.value)
    # Readers need no lock.
    with Store(db_path, readonly=True) as reader:
        assert reader.me == store.me
        with pytest.raises(DatabaseReadOnly):
            reader.save(cycle.new_question(store.me, "x"))


def test_second_process_is_refused(store, db_path):
    code = (
        "import sys\nfrom plgcycle.store import Store\nfrom plgcycle.errors import DatabaseLocked\n"
        "try:\n    Store(sys.argv[1])\nexcept DatabaseLocked as e:\n    print(e); sys.exit(4)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert done.returncode == 4, done.stderr
    assert "in gebruik" in done.stdout


def test_lock_is_released_on_close(store, db_path):
    store.close()
    with Store(db_path) as again:
        assert again.me is not None


def test_damaged_file_is_refused_and_never_overwritten(store, db_path, clock):
    store.save(cycle.new_question(store.me, "Hoe?"))
    store.close()
    Store(db_path, clock=clock).close()  # a good open refreshes the backup
    assert backup_path(db_path).exists()
    db_path.write_bytes(db_path.read_bytes()[:40])  # truncated
    damaged = db_path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as caught:
        Store(db_path)
    assert str(backup_path(db_path)) in str(caught.value)
    assert "plgcycle restore" in str(caught.value)
    assert db_path.read_bytes() == damaged


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json at all",
        b"[1, 2, 3]",
        b"\xff\xfe\x00",
        b'{"records": [1, 2]}',
        b'{"records": {"1": 5}}',
        b'{"records": {"1": {"id": 1}}}',
        b'{"_meta": {"1": 3}}',
    ],
)
def test_not_a_database(db_path, content):
    db_path.write_bytes(content)
    with pytest.raises(DatabaseCorrupt) as caught:
        Store(db_path)
    assert "beschadigd" in str(caught.value) and "geen reservekopie" in str(caught.value)
    assert db_path.read_bytes() == content


def test_newer_schema_is_refused_untouched(db_path):
    content = json.dumps({"_meta": {"1": {"schema": migrations.SCHEMA_VERSION + 1}}, "records": {}})
    db_path.write_text(content)
    with pytest.raises(DatabaseTooNew) as caught:
        Store(db_path)
    assert "nieuwere plgcycle" in str(caught.value)
    assert db_path.read_text() == content


def test_migration_keeps_a_backup_of_the_old_file(store, db_path, clock, monkeypatch):
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    store.close()
    old_bytes = db_path.read_bytes()

    def v1_to_v2(tables):
        for doc in tables["records"].values():
            if doc["kind"] == ROUND:
                doc["data"]["migrated"] = True
        return tables

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, v1_to_v2)
    with Store(db_path, clock=clock) as migrated:
        assert migrated.get(rnd.id).data["migrated"] is True
    saved = db_path.with_name(db_path.name + ".schema1.bak")
    assert saved.read_bytes() == old_bytes
    assert json.loads(db_path.read_text())["_meta"]["1"]["schema"] == 2


def test_missing_migration_is_refused(store, db_path, monkeypatch):
    store.close()
    before = db_path.read_bytes()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    with pytest.raises(DatabaseCorrupt):
        Store(db_path)
    assert db_path.read_bytes() == before


def test_restore_puts_the_backup_back(store, db_path, clock):
    store.save(cycle.new_question(store.me, "bewaard"))
    store.close()
    Store(db_path, clock=clock).close()
    db_path.write_bytes(b"{broken")
    kept, restored = backups.restore_backup(db_path, clock=clock)
    assert kept.read_bytes() == b"{broken"
    with Store(restored, readonly=True) as back:
        assert back.list(ROUND)[0].text("question") == "bewaard"


def test_files_are_private_to_the_user(store, db_path):
    store.save(cycle.new_question(store.me, "Hoe?"))
    assert (db_path.stat().st_mode & 0o077) == 0


def test_unwritable_folder_gives_a_clear_message(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    if not _make_immutable(folder):
        pytest.skip("cannot make a folder unwritable here")
    try:
        with pytest.raises(SaveFailed) as caught:
            Store(folder / "db.json")
        assert "Kan niet schrijven" in str(caught.value) or "toestemming" in str(caught.value)
    finally:
        _make_mutable(folder)


def _make_immutable(folder: Path) -> bool:
    """A folder even root cannot write into (chattr +i), or a plain read-only one."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    return done.returncode == 0


def _make_mutable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_path_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("PLGCYCLE_DB", str(tmp_path / "env.json"))
    assert resolve_path(None) == tmp_path / "env.json"
    assert resolve_path(tmp_path / "flag.json") == tmp_path / "flag.json"
    monkeypatch.delenv("PLGCYCLE_DB")
    default = resolve_path(None)
    assert default.name == "plgcycle.json" and "plgcycle" in str(default.parent)


def test_listing_many_records_and_kinds(store):
    rnd = store.save(cycle.new_question(store.me, "Hoe?"))
    store.save_many(cycle.new_tryout(rnd, store.me, class_group=f"klas {n}") for n in range(30))
    assert len(store.list(TRYOUT)) == 30
    assert len(store.list()) == 32


def test_the_index_of_what_is_stored_finds_a_rounds_records_and_follows_moves(store):
    def linked(round_id):
        return [r.kind for r in RecordIndex(store.shared_records()).linked(round_id)]

    first = store.save(cycle.new_question(store.me, "een"))
    second = store.save(cycle.new_question(store.me, "twee"))
    tryout = store.save(cycle.new_tryout(first, store.me, class_group="3a"))
    store.save(cycle.new_measure(first, store.me, "af", tryout=tryout, value=3))
    store.save(cycle.new_tryout(second, store.me, class_group="4b"))
    assert set(linked(first.id)) == {"tryout", "measure"}
    tryout.data["round"] = second.id
    store.save(tryout)
    assert linked(first.id) == ["measure"]
    assert len(linked(second.id)) == 2
    tryout.deleted = True
    store.save(tryout)
    assert len(linked(second.id)) == 1
    assert (
        sum(1 for r in store.list(TRYOUT, include_deleted=True) if r.data["round"] == second.id)
        == 2
    )


def test_apply_inserts_and_updates_in_bulk(store, db_path, monkeypatch):
    colleague, r1, r2 = (str(uuid.uuid4()) for _ in range(3))
    first = [
        Record(
            "tryout",
            colleague,
            {"round": r1, "what": str(n)},
            rev=1,
            updated_at="2026-11-01T00:00:00+00:00",
        )
        for n in range(500)
    ]
    assert store.apply(first) == 500
    writes = []
    real = storage.atomic_write
    monkeypatch.setattr(
        storage, "atomic_write", lambda p, b, *a: (writes.append(p), real(p, b, *a))
    )
    changed = [r.copy() for r in first[:200]]
    for r in changed:
        r.rev, r.data["what"] = 2, "-1"
        r.data["round"] = r2
    extra = [
        Record("tryout", colleague, {"round": r2}, rev=1, updated_at="2026-11-01T00:00:00+00:00")
        for _ in range(100)
    ]
    assert store.apply(changed + extra) == 300
    assert len(writes) == 1, "one atomic write for the whole import"
    assert len(store.list("tryout")) == 600
    assert sum(1 for r in store.list("tryout") if r.data.get("what") == "-1") == 200
    index = RecordIndex(store.list())
    assert len(index.linked(r1)) == 300 and len(index.linked(r2)) == 300
    store.close()
    with Store(db_path, readonly=True) as reread:
        assert len(reread.list("tryout")) == 600
