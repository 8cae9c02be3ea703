"""Teachers' databases that share one folder, and the commands they run on it."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from plgcycle import cycle
from plgcycle.cli import cli
from plgcycle.store import Store
from tests.exchange_helpers import teacher_store

#: The names sync clients give a copy of ``naam.plgcycle.json`` (see plgcycle/sharefolder.py).
CONFLICT_NAMES = {
    "OneDrive": "{stem}.plgcycle-LAPTOP.json",
    "Dropbox": "{stem}.plgcycle (Laptop's conflicted copy 2026-12-01).json",
    "Google Drive": "{stem}.plgcycle (1).json",
    "Nextcloud": "{stem}.plgcycle (conflicted copy 2026-12-01 101010).json",
    "Syncthing": "{stem}.plgcycle.sync-conflict-20261201-101010-ABCDEFG.json",
}


def teacher(path: Path, key: str, clock=None) -> Path:
    """A database holding one demo teacher's own work (``key``: sanne, ahmed, ...)."""
    teacher_store(path, key, clock).close()
    return path


def new_teacher(path: Path, name: str, clock=None) -> str:
    """A database with only a new teacher; returns their id."""
    with Store(path, clock=clock) as store:
        return store.create_me(cycle.new_person(name)).id


def run(*args, input=None, lang: str | None = None):
    """``plgcycle ARGS`` through click's runner (output in Dutch unless ``lang``)."""
    argv = (["--lang", lang] if lang else []) + [str(a) for a in args]
    return CliRunner().invoke(
        cli, argv, input=input, env={"PLGCYCLE_TODAY": "2026-11-23"}, catch_exceptions=False
    )


def share_in(db: Path, folder: Path):
    result = run("share", folder, "--db", db, "--yes")
    assert result.exit_code == 0, result.output
    return result


def sync(db: Path, *extra, expect: int = 0):
    result = run("sync", "--db", db, *extra)
    assert result.exit_code == expect, result.output
    return result


def own_file(folder: Path, db: Path) -> Path:
    """The teacher's own file in the folder."""
    from plgcycle.share import FILE_SETTING

    with Store(db, readonly=True) as store:
        return folder / store.setting(FILE_SETTING)


def records(db: Path) -> dict:
    with Store(db, readonly=True) as store:
        return {r.id: r for r in store.list(include_deleted=True)}


def identity(path: Path) -> tuple[int, int, int]:
    stat = os.stat(path)
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
