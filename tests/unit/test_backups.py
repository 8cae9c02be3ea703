"""Backups: several dated states, never pushed out by a smaller database, and a restore that
never moves the database away."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import backups, cycle
from plgcycle.backups import newest_backup as backup_path
from plgcycle.backups import restore_backup
from plgcycle.cli import cli
from plgcycle.errors import SaveFailed
from plgcycle.model import ROUND
from plgcycle.store import Store

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "100"}


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Backups are shown in the local time: make that UTC, so the listed times are fixed."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run(*args, input=None):
    return CliRunner().invoke(
        cli, [str(a) for a in args], input=input, env=ENV, catch_exceptions=False
    )


def session(db: Path, clock, question: str | None = None) -> None:
    """One start of plgcycle: open for writing (which keeps a backup), maybe save a question."""
    clock.advance(hours=1)
    with Store(db, clock=clock) as store:
        if store.me is None:
            store.create_me(cycle.new_person("Sanne de Vries"))
        if question:
            store.save(cycle.new_question(store.me, question))


def questions(path: Path) -> list[str]:
    with Store(path, readonly=True) as reader:
        return sorted(r.text("question") for r in reader.list(ROUND))


def everything(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def full_disk(monkeypatch):
    """From the moment it is called, every write fails as on a full disk (after ``after`` writes)."""

    def fill(after: int = 0) -> None:
        real = os.write
        left = [after]

        def write(fd, data):
            if left[0] > 0:
                left[0] -= 1
                return real(fd, data)
            raise OSError(errno.ENOSPC, "No space left on device")

        def no_space(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "sendfile", no_space, raising=False)
        monkeypatch.setattr(os, "copy_file_range", no_space, raising=False)

    return fill


def damaged_with_backup(db_path: Path, clock) -> bytes:
    session(db_path, clock, "bewaard")
    session(db_path, clock)  # an open of the saved file keeps it as a backup
    db_path.write_bytes(b"{kapot")
    return b"{kapot"


# --- restore never leaves you without a database ---------------------------------------------------


@pytest.mark.parametrize("writes_before_full", [0, 1])
def test_restore_on_a_full_disk_changes_nothing(db_path, clock, full_disk, writes_before_full):
    damaged_with_backup(db_path, clock)
    before = everything(db_path.parent)
    full_disk(writes_before_full)  # 1: keeping the current file works, copying the backup not
    with pytest.raises(SaveFailed) as caught:
        restore_backup(db_path, clock=clock)
    assert "schijf is vol" in str(caught.value) and "niets veranderd" in str(caught.value)
    assert everything(db_path.parent) == before, "no file moved, added, removed or changed"


def test_restore_on_a_full_disk_in_the_cli_is_one_line_and_keeps_the_database(
    db_path, clock, full_disk
):
    damaged_with_backup(db_path, clock)
    before = everything(db_path.parent)
    full_disk()
    result = run("restore", "--db", db_path, "--yes")
    assert result.exit_code == 5, result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert "Niet teruggezet" in result.output and "niets veranderd" in result.output
    assert everything(db_path.parent) == before


def test_restore_never_leaves_a_moment_without_a_database(db_path, clock, monkeypatch):
    damaged_with_backup(db_path, clock)
    real_replace, real_rename = os.replace, os.rename
    moments = []

    def watched(real):
        def call(src, dst, *args, **kwargs):
            result = real(src, dst, *args, **kwargs)
            moments.append(db_path.exists())
            return result

        return call

    monkeypatch.setattr(os, "replace", watched(real_replace))
    monkeypatch.setattr(os, "rename", watched(real_rename))
    kept, restored = restore_backup(db_path, clock=clock)
    monkeypatch.undo()
    assert moments and all(moments), "the database was moved away before the copy was in place"
    assert kept.read_bytes() == b"{kapot"
    assert questions(restored) == ["bewaard"]


# --- several backups, never pushed out by less ------------------------------------------------------


def test_a_fresh_empty_database_never_pushes_out_the_last_good_backup(db_path, clock):
    for n in range(3):
        session(db_path, clock, f"vraag {n}")
    session(db_path, clock)  # the full state is now a backup
    db_path.unlink()  # lost (moved, a sync tool, a mistake): plgcycle starts afresh
    for n in range(backups.KEEP + 3):  # many days of work in the new, smaller database
        session(db_path, clock, f"nieuw {n}" if n < 2 else None)
        with Store(db_path, clock=clock) as store:
            store.set_setting("day", n)  # every start differs from the one before
    states = [questions(b.path) for b in backups.list_backups(db_path)]
    assert ["vraag 0", "vraag 1", "vraag 2"] in states, "the last good state is still there"
    listed = run("restore", "--db", db_path, "--list")
    assert listed.exit_code == 0
    number = next(i for i, state in enumerate(states, start=1) if "vraag 0" in state)
    result = run("restore", "--db", db_path, "--pick", number, "--yes")
    assert result.exit_code == 0, result.output
    assert questions(db_path) == ["vraag 0", "vraag 1", "vraag 2"]


def test_the_last_few_distinct_states_are_kept_with_dates(db_path, clock):
    for n in range(backups.KEEP + 2):
        session(db_path, clock, f"vraag {n}")
    session(db_path, clock)
    session(db_path, clock)  # nothing changed since the last start: no new backup
    kept = backups.list_backups(db_path)
    assert len(kept) == backups.KEEP
    contents = [b.path.read_bytes() for b in kept]
    assert len(set(contents)) == len(contents), "each backup is a distinct state"
    assert [len(questions(b.path)) for b in kept] == [7, 6, 5, 4, 3], "newest first"
    assert [b.made for b in kept] == sorted((b.made for b in kept), reverse=True)
    assert all(b.path.stat().st_mode & 0o077 == 0 for b in kept)
    assert backup_path(db_path) == kept[0].path


def test_restore_lists_the_backups_and_restores_the_one_picked(db_path, clock):
    for n in range(3):
        session(db_path, clock, f"vraag {n}")
    session(db_path, clock)
    listed = run("restore", "--db", db_path, "--list")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.strip().splitlines()
    assert lines[0].startswith("Reservekopieën van")
    # The newest first, with the date and the number of records (the person and the rounds).
    assert lines[1:] == [
        "  1.  23 nov 2026 13:00 (4 records)",
        "  2.  23 nov 2026 12:00 (3 records)",
        "  3.  23 nov 2026 11:00 (2 records)",
    ]
    assert questions(db_path) == ["vraag 0", "vraag 1", "vraag 2"]
    result = run("restore", "--db", db_path, "--pick", 2, input="j\n")
    assert result.exit_code == 0, result.output
    assert "reservekopie van 23 nov 2026 12:00 (3 records)" in result.output
    assert questions(db_path) == ["vraag 0", "vraag 1"]
    assert "het vorige bestand is bewaard als" in result.output
    missing = run("restore", "--db", db_path, "--pick", 9, "--yes")
    assert missing.exit_code == 2 and "geen reservekopie nummer 9" in missing.output


def test_restore_asks_which_backup_when_there_are_several(db_path, clock):
    for n in range(3):
        session(db_path, clock, f"vraag {n}")
    session(db_path, clock)
    result = run("restore", "--db", db_path, input="7\n3\nj\n")
    assert result.exit_code == 0, result.output
    assert "Welke reservekopie? Typ het nummer [1]:" in result.output
    assert "Typ een nummer uit de lijst." in result.output
    assert questions(db_path) == ["vraag 0"]
    result = run("restore", "--db", db_path, input="\nnee\n")  # Enter: the newest; then no
    assert result.exit_code == 1 and "Er is niets veranderd." in result.output
    assert questions(db_path) == ["vraag 0"]


def test_a_damaged_backup_is_listed_but_never_restored(db_path, clock):
    for n in range(2):
        session(db_path, clock, f"vraag {n}")
    session(db_path, clock)
    newest = backups.list_backups(db_path)[0].path
    newest.write_bytes(b"{half")
    listed = run("restore", "--db", db_path, "--list")
    assert "beschadigd, kan niet worden teruggezet" in listed.output
    picked = run("restore", "--db", db_path, "--pick", 1, "--yes")
    assert picked.exit_code == 1 and "beschadigd" in picked.output
    db_path.write_bytes(b"{kapot")
    result = run("restore", "--db", db_path, "--yes")  # the newest usable one
    assert result.exit_code == 0, result.output
    assert questions(db_path) == ["vraag 0"]


def test_the_backup_of_an_earlier_version_is_kept_and_restorable(db_path, clock):
    session(db_path, clock, "van vroeger")
    legacy = db_path.with_name(db_path.name + ".bak")
    legacy.write_bytes(db_path.read_bytes())
    db_path.write_bytes(b"{kapot")
    assert backups.list_backups(db_path)[0].path == legacy
    kept, _db = restore_backup(db_path, clock=clock)
    assert questions(db_path) == ["van vroeger"]
    session(db_path, clock)  # the first open takes it into the backup folder
    assert not legacy.exists()
    assert [questions(b.path) for b in backups.list_backups(db_path)] == [["van vroeger"]]
