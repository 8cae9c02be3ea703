"""The signing key beside the database: made once, owner-only, never overwritten, backed up."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plgcycle import keyfile
from plgcycle.errors import DatabaseCorrupt, StoreError
from plgcycle.keyfile import (
    backup_key,
    key_backup_path,
    key_path,
    load_key,
    load_or_create_key,
    restore_key,
)
from plgcycle.signing import controlecode

EVA = "0f8fad5b-d9cb-469f-a165-70867728950e"
KEES = "1f8fad5b-d9cb-469f-a165-70867728950e"
ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """A umask that lets everything through: the key must still be owner-only."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_the_first_run_makes_an_owner_only_key_beside_the_database(db_path, open_umask):
    key = load_or_create_key(db_path, EVA)
    path = key_path(db_path)
    assert path == db_path.with_name(db_path.name + ".key")
    assert mode(path) == 0o600
    doc = json.loads(path.read_text())
    assert doc["person"] == EVA and doc["public"] == key.public and doc["format"] == "plgcycle-key"
    assert doc["created_at"]
    assert [p.name for p in db_path.parent.iterdir()] == [path.name]  # no temporary file left
    again = load_or_create_key(db_path, EVA)
    assert again.public == key.public and again.seed == key.seed


def test_the_key_file_is_never_written_with_wider_permissions_even_for_a_moment(
    db_path, open_umask, monkeypatch
):
    """Every file the key is written to is created 0o600 and exclusively (O_EXCL)."""
    opened = []
    real_open = os.open

    def watching(path, flags, mode=0o777, *args, **kwargs):
        if ".key" in str(path):
            opened.append((flags, mode))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", watching)
    load_or_create_key(db_path, EVA)
    backup_key(db_path)
    writes = [(f, m) for f, m in opened if f & os.O_WRONLY]
    assert len(writes) == 2
    assert all(m == 0o600 and f & os.O_CREAT and f & os.O_EXCL for f, m in writes)


def test_a_key_that_belongs_to_another_person_is_refused_and_kept(db_path):
    load_or_create_key(db_path, EVA)
    before = key_path(db_path).read_bytes()
    with pytest.raises(StoreError, match="hoort bij een andere persoon"):
        load_or_create_key(db_path, KEES)
    assert key_path(db_path).read_bytes() == before


@pytest.mark.parametrize(
    "damage", ["truncated", "garbage", "other public key", "short seed", "not a key file", "empty"]
)
def test_a_damaged_key_file_is_refused_with_a_clear_line_and_never_overwritten(db_path, damage):
    load_or_create_key(db_path, EVA)
    path = key_path(db_path)
    raw = path.read_bytes()
    doc = json.loads(raw)
    broken = {
        "truncated": raw[: len(raw) // 2],
        "garbage": b"\x00\xff" * 20,
        "other public key": json.dumps({**doc, "public": "A" * 43 + "="}).encode(),
        "short seed": json.dumps({**doc, "seed": doc["seed"][:20]}).encode(),
        "not a key file": json.dumps({"format": "plgcycle-export"}).encode(),
        "empty": b"",
    }[damage]
    path.write_bytes(broken)
    with pytest.raises(DatabaseCorrupt) as caught:
        load_or_create_key(db_path, EVA)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message and "beschadigd" in message
    assert path.read_bytes() == broken


def test_a_key_copied_with_wider_permissions_is_made_owner_only_again(db_path):
    load_or_create_key(db_path, EVA)
    os.chmod(key_path(db_path), 0o644)
    load_key(db_path)
    assert mode(key_path(db_path)) == 0o600


def test_processes_starting_at_the_same_moment_share_one_key(db_path):
    """Four real processes race to make the key; exactly one is made and all use it."""
    script = (
        "import sys; from plgcycle.keyfile import load_or_create_key; "
        "print(load_or_create_key(sys.argv[1], sys.argv[2]).public)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(db_path), EVA],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    publics = {out.strip() for out, _err in outputs}
    assert publics == {load_key(db_path).public}
    assert sorted(p.name for p in db_path.parent.iterdir()) == [key_path(db_path).name]


def test_a_key_made_by_someone_else_a_moment_earlier_is_used_not_replaced(db_path, monkeypatch):
    """The moment between 'no key yet' and writing one: the other process's key wins."""
    other = load_or_create_key(db_path.with_name("elsewhere.json"), EVA)
    real_load = keyfile.load_key
    calls = []

    def late(path):
        calls.append(path)
        if len(calls) == 1:
            key_path(db_path).write_bytes(
                key_path(db_path.with_name("elsewhere.json")).read_bytes()
            )
            return None  # it did not exist when we looked
        return real_load(path)

    monkeypatch.setattr(keyfile, "load_key", late)
    assert load_or_create_key(db_path, EVA).public == other.public


def test_the_backup_is_owner_only_and_restore_puts_it_back_when_the_key_is_lost(
    db_path, open_umask
):
    key = load_or_create_key(db_path, EVA)
    backup = backup_key(db_path)
    assert backup == key_backup_path(db_path) and mode(backup) == 0o600
    assert backup.read_bytes() == key_path(db_path).read_bytes()
    key_path(db_path).unlink()
    assert restore_key(db_path) == key_path(db_path)
    assert load_key(db_path).public == key.public and mode(key_path(db_path)) == 0o600


def test_restore_keeps_a_damaged_key_aside_and_never_replaces_a_sound_one(db_path, clock):
    key = load_or_create_key(db_path, EVA)
    backup_key(db_path)
    assert restore_key(db_path) is None  # sound: left alone
    key_path(db_path).write_bytes(b"{ half")
    restore_key(db_path, now=clock())
    assert load_key(db_path).public == key.public
    kept = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"{ half"


def test_a_damaged_backup_is_refused_by_restore(db_path):
    load_or_create_key(db_path, EVA)
    backup_key(db_path)
    key_backup_path(db_path).write_bytes(b"nonsense")
    key_path(db_path).unlink()
    with pytest.raises(DatabaseCorrupt):
        restore_key(db_path)
    assert not key_path(db_path).exists()


def test_no_backup_no_restore(db_path):
    with pytest.raises(StoreError, match="Er is geen reservekopie"):
        restore_key(db_path)


def test_the_key_file_moves_to_a_new_computer_with_the_database(tmp_path):
    """Copying the database and its .key file together keeps the same key and controlecode."""
    old = tmp_path / "old" / "plgcycle.json"
    new = tmp_path / "new" / "plgcycle.json"
    old.parent.mkdir()
    new.parent.mkdir()
    key = load_or_create_key(old, EVA)
    key_path(new).write_bytes(key_path(old).read_bytes())
    moved = load_or_create_key(new, EVA)
    assert controlecode(moved.public) == controlecode(key.public)
