"""The lock, the store that reads its file later, and plain `plgcycle` without the parser."""

from __future__ import annotations

import subprocess
import sys

import pytest

from plgcycle import cycle
from plgcycle.cli import main
from plgcycle.errors import DatabaseCorrupt, DatabaseLocked
from plgcycle.lock import FileLock, LockHeld
from plgcycle.store import Store


def test_the_lock_is_exclusive_and_released(tmp_path):
    path = tmp_path / "db.json.lock"
    first, second = FileLock(path), FileLock(path)
    first.acquire()
    assert first.is_locked
    with pytest.raises(LockHeld):
        second.acquire()
    assert not second.is_locked
    first.release()
    second.acquire()  # free again
    second.release()
    second.release()  # twice is harmless


def test_the_lock_goes_with_a_process_that_dies(tmp_path):
    path = tmp_path / "db.json.lock"
    code = ("import os, sys\nfrom plgcycle.lock import FileLock\n"
            f"FileLock({str(path)!r}).acquire()\nos._exit(0)\n")  # no release
    subprocess.run([sys.executable, "-c", code], check=True)
    lock = FileLock(path)
    lock.acquire()
    lock.release()


def test_a_deferred_store_reads_its_file_on_first_use(db_path, clock):
    with Store(db_path, clock=clock) as store:
        me = store.create_me(cycle.new_person("Sanne"))
    with Store(db_path, clock=clock, defer_read=True) as store:
        assert not store.loaded
        with pytest.raises(DatabaseLocked):
            Store(db_path)  # the lock is held from the start
        assert store.me == me.id  # any use reads the file
        assert store.loaded and len(store) == 1


def test_a_deferred_store_reports_a_damaged_file_when_it_reads_it(db_path):
    db_path.write_text("{damaged")
    store = Store(db_path, defer_read=True)
    try:
        with pytest.raises(DatabaseCorrupt):
            store.load()
        assert not store.loaded
        with pytest.raises(DatabaseCorrupt):
            len(store)
    finally:
        store.close()
    assert db_path.read_text() == "{damaged"


def test_a_new_or_read_only_store_never_defers(db_path):
    with Store(db_path, defer_read=True) as store:
        assert store.loaded  # nothing to read later: the file is created now
    assert Store(db_path, readonly=True, defer_read=True).loaded


def test_plain_plgcycle_reports_a_damaged_database_in_one_line(tmp_path, monkeypatch, capsys):
    db = tmp_path / "plgcycle.json"
    db.write_text("{damaged")
    monkeypatch.setenv("PLGCYCLE_DB", str(db))
    monkeypatch.setenv("PLGCYCLE_LANG", "en")
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == DatabaseCorrupt.exit_code
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: The database") and "\n" not in err
    assert db.read_text() == "{damaged"


def test_plgcycle_with_arguments_goes_through_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert "plgcycle" in capsys.readouterr().out


def test_plain_plgcycle_does_not_import_the_parser():
    code = ("import sys\nimport plgcycle.cli, screens.app\n"
            "print('click' in sys.modules, 'filelock' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
