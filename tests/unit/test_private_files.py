"""Every file plgcycle writes is owner-only from its first byte, and a failed write leaves no
temporary file behind (a full disk is simulated by failing every write with ENOSPC)."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import backups, cycle, exchange, migrations, startcache
from plgcycle.backups import restore_backup
from plgcycle.cli import cli
from plgcycle.errors import PlgError, SaveFailed
from plgcycle.model import ROUND
from plgcycle.store import Store

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "100"}


def run(*args, input=None):
    return CliRunner().invoke(
        cli, [str(a) for a in args], input=input, env=ENV, catch_exceptions=False
    )


def files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def full_disk(monkeypatch):
    """Call it to make every write fail as on a full disk (os.write and the kernel copies)."""

    def fill() -> None:
        def no_space(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", no_space)
        monkeypatch.setattr(os, "sendfile", no_space, raising=False)
        monkeypatch.setattr(os, "copy_file_range", no_space, raising=False)

    return fill


@pytest.fixture
def wide_umask():
    """The most common umask (files readable by everyone unless the program says otherwise)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def changed_since_its_backup(db_path: Path, clock) -> None:
    with Store(db_path, clock=clock) as store:
        store.create_me(cycle.new_person("Sanne de Vries"))
        store.save(cycle.new_question(store.me, "Hoe?"))


def test_a_backup_on_a_full_disk_leaves_no_partial_copy(db_path, clock, full_disk, wide_umask):
    changed_since_its_backup(db_path, clock)
    before = files_under(db_path.parent)
    full_disk()
    with pytest.raises(SaveFailed) as caught:
        Store(db_path, clock=clock)  # an open keeps a backup first
    assert "schijf is vol" in str(caught.value)
    assert not temp_files(db_path.parent), "a partial backup was left behind"
    lock = Path(str(db_path) + ".lock")
    assert {p: b for p, b in files_under(db_path.parent).items() if p != lock} == {
        p: b for p, b in before.items() if p != lock
    }


def _setup_save(db_path, clock):
    store = Store(db_path, clock=clock)
    store.create_me(cycle.new_person("Sanne de Vries"))
    return lambda: store.save(cycle.new_question(store.me, "Hoe?")), store.close


def _setup_export(db_path, clock):
    store = Store(db_path, clock=clock)
    me = store.create_me(cycle.new_person("Sanne de Vries"))
    store.save(cycle.new_question(store.me, "Hoe?"))
    preview = exchange.prepare_export(store.list(include_deleted=True), store.me)
    target = db_path.parent / "sanne.plgcycle.json"
    return lambda: exchange.export_to(target, preview, me, source=db_path), store.close


def _setup_report(db_path, clock):
    from plgcycle.report import write_text

    target = db_path.parent / "verslag.md"
    target.write_text("het vorige verslag", encoding="utf-8")
    return lambda: write_text(target, "# Nieuw verslag"), lambda: None


def _setup_start_cache(db_path, clock):
    with Store(db_path, clock=clock) as store:
        store.create_me(cycle.new_person("Sanne de Vries"))

    def write():
        identity = startcache.file_identity(db_path)
        if not startcache.write_start_cache(db_path, 1, identity, None, [], 0):
            raise SaveFailed("not written")  # a cache that cannot be written is only skipped

    return write, lambda: None


def _setup_restore(db_path, clock):
    changed_since_its_backup(db_path, clock)
    Store(db_path, clock=clock).close()
    db_path.write_bytes(b"{kapot")
    return lambda: restore_backup(db_path, clock=clock), lambda: None


def _setup_migration(db_path, clock, monkeypatch):
    changed_since_its_backup(db_path, clock)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, lambda tables: tables)
    return lambda: Store(db_path, clock=clock).close(), lambda: None


@pytest.mark.parametrize(
    "writer", ["save", "export", "report", "start cache", "restore", "migration backup"]
)
def test_a_failed_write_leaves_no_temporary_file_and_changes_nothing(
    db_path, clock, full_disk, monkeypatch, writer
):
    setups = {
        "save": _setup_save,
        "export": _setup_export,
        "report": _setup_report,
        "start cache": _setup_start_cache,
        "restore": _setup_restore,
        "migration backup": lambda d, c: _setup_migration(d, c, monkeypatch),
    }
    action, cleanup = setups[writer](db_path, clock)
    before = files_under(db_path.parent)
    full_disk()
    try:
        with pytest.raises(PlgError):
            action()
    finally:
        monkeypatch.undo()
        cleanup()
    assert not temp_files(db_path.parent)
    lock = Path(str(db_path) + ".lock")
    after = files_under(db_path.parent)
    assert {p: b for p, b in after.items() if p != lock} == {
        p: b for p, b in before.items() if p != lock
    }


def test_every_file_plgcycle_writes_is_owner_only_from_its_first_byte(
    tmp_path, clock, monkeypatch, wide_umask
):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see which file a write goes to")
    first_bytes: dict[str, int] = {}
    real_write, real_sendfile = os.write, getattr(os, "sendfile", None)

    def note(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            name = os.readlink(f"/proc/self/fd/{fd}")
            if name.startswith(str(tmp_path)):
                first_bytes.setdefault(name, stat.S_IMODE(info.st_mode))

    def write(fd, data):
        note(fd)
        return real_write(fd, data)

    def sendfile(out_fd, in_fd, offset, count):
        note(out_fd)
        return real_sendfile(out_fd, in_fd, offset, count)

    monkeypatch.setattr(os, "write", write)
    if real_sendfile is not None:
        monkeypatch.setattr(os, "sendfile", sendfile)

    db = tmp_path / "db.json"
    exports = tmp_path / "exports"
    assert run("demo", "--db", db).exit_code == 0
    assert run("demo", "--exports", exports).exit_code == 0
    with Store(db, clock=clock) as store:  # a backup of the demo, then a change
        store.save(cycle.new_question(store.me, "Nog een vraag"))
        startcache.write_start_cache(db, 1, startcache.file_identity(db), store.me, [], 0)
    Store(db, clock=clock).close()  # a second backup
    assert run("export", "--db", db, "-o", tmp_path / "mijn.plgcycle.json", "--yes").exit_code == 0
    assert run("merge", exports, "-o", tmp_path / "samen.plgcycle.json").exit_code == 0
    for name in ("verslag.html", "verslag.csv", "verslag.md"):
        assert run("report", exports, "-o", tmp_path / name).exit_code == 0
    assert run("agenda", exports, "-o", tmp_path / "agenda.md").exit_code == 0
    db.write_bytes(b"{kapot")  # damaged in place (the file keeps its mode)
    assert run("restore", "--db", db, "--yes").exit_code == 0
    monkeypatch.undo()

    assert len(first_bytes) >= 15, sorted(first_bytes)
    wide = {name: oct(mode) for name, mode in first_bytes.items() if mode != 0o600}
    assert not wide, f"readable by others while being written: {wide}"
    for path in tmp_path.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            if path.name.endswith(backups.FOLDER_SUFFIX):
                assert mode == 0o700, path
        else:
            assert mode == 0o600, (path, oct(mode))
    assert len(backups.list_backups(db)) >= 2
    with Store(db, readonly=True) as reader:
        assert reader.list(ROUND)
    json.loads((tmp_path / "samen.plgcycle.json").read_text(encoding="utf-8"))


def test_a_crash_log_is_owner_only(tmp_path, monkeypatch, wide_umask):
    """A traceback can quote what a teacher typed: it stays as private as the database."""
    from plgcycle.cli import failure

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    try:
        raise RuntimeError("Sanne's notes about 2B")
    except RuntimeError as exc:
        log = Path(failure.write_crash_log(exc))
    assert "Sanne's notes" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
