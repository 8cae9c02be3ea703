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
    code = (
        "import os, sys\nfrom plgcycle.lock import FileLock\n"
        f"FileLock({str(path)!r}).acquire()\nos._exit(0)\n"
    )  # no release
    subprocess.run([sys.executable, "-c", code], check=True)
    lock = FileLock(path)
    lock.acquire()
    lock.release()


def _with_start_cache(db_path, clock) -> str:
    from plgcycle.session import Session

    with Store(db_path, clock=clock) as store:
        me = store.create_me(cycle.new_person("Sanne"))
    earlier = Session.open(db_path)
    earlier.index()
    earlier.close()  # leaves the start cache for this file
    return me.id


def test_a_session_with_a_start_cache_holds_the_lock_and_reads_the_file_on_use(db_path, clock):
    from plgcycle.session import Session

    me = _with_start_cache(db_path, clock)
    session = Session.open(db_path)
    try:
        assert session._store is None and not session.readonly  # not read yet
        with pytest.raises(DatabaseLocked):
            Store(db_path)  # the lock is held from the start
        assert session.me == me  # from the cache
        assert [r.id for r in session.records()] == [me]  # any use reads the file
        assert session._store is not None
    finally:
        session.close()
    Store(db_path).close()  # and lets go of the lock


def test_a_session_reports_a_damaged_file_behind_a_cache_when_it_reads_it(db_path, clock):
    from plgcycle.session import FAILED, Session
    from plgcycle.startcache import cache_path, file_identity

    _with_start_cache(db_path, clock)
    db_path.write_text("{damaged")
    raw = cache_path(db_path).read_text()
    import json

    doc = json.loads(raw)
    doc["file"] = file_identity(db_path)  # a cache forged to match the damaged file
    cache_path(db_path).write_text(json.dumps(doc))
    session = Session.open(db_path)
    heard = []
    session.on_change(heard.append)
    session.index()  # the first screen, from the cache
    session.load()
    assert isinstance(session.load_error, DatabaseCorrupt) and heard == [FAILED]
    assert session.records() == []
    session.close()
    assert db_path.read_text() == "{damaged"
    with pytest.raises(DatabaseCorrupt):
        Store(db_path)


def test_a_store_uses_the_lock_it_is_given(db_path):
    from plgcycle.store import take_database_lock

    lock = take_database_lock(db_path)
    with Store(db_path, lock=lock) as store:
        assert store.me is None
        with pytest.raises(DatabaseLocked):
            Store(db_path)
    assert not lock.is_locked  # closing the store let go of it
    Store(db_path).close()


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
    code = (
        "import sys\nimport plgcycle.cli, screens.app\n"
        "print('click' in sys.modules, 'filelock' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]
