"""`-o` never destroys plgcycle's own files, and replacing any other file is asked first.

Every command that writes a file (export, merge, report, agenda) refuses the
database, its backups, its lock, its start cache and its temporary files, also
through a symlink, a hard link or ``..``; it asks before replacing any other
existing file (j/ja is yes in Dutch), and ``--yes`` skips the question.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import exchange, outputs
from plgcycle.backups import list_backups
from plgcycle.cli import cli
from plgcycle.errors import InvalidInput
from plgcycle.store import Store

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "100"}


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, input=None, env=None):
    return runner.invoke(
        cli, [str(a) for a in args], input=input, env={**ENV, **(env or {})}, catch_exceptions=False
    )


@pytest.fixture
def db(runner, tmp_path):
    """A demo database with a backup (an open for writing keeps one), a start cache and a
    colleague's export beside it."""
    path = tmp_path / "t.json"
    assert run(runner, "demo", "--db", path).exit_code == 0
    with Store(path) as store:
        store.set_setting("touched", True)
    Store(path).close()  # a backup of the changed file
    (tmp_path / "t.json.start").write_bytes(b"{}")
    return path


@pytest.fixture
def exports(runner, tmp_path):
    folder = tmp_path / "exports"
    assert run(runner, "demo", "--exports", folder).exit_code == 0
    return folder


def _fresh_process(monkeypatch) -> None:
    """Forget the databases this test process opened: each real command is a process of its own."""
    monkeypatch.setattr(outputs, "_opened", set())


def _own_files(db: Path) -> dict[Path, bytes]:
    found = {
        p: p.read_bytes() for p in db.parent.iterdir() if p.is_file() and p.name.startswith(db.name)
    }
    found.update({b.path: b.path.read_bytes() for b in list_backups(db)})
    return found


def _aliases(db: Path) -> dict[str, Path]:
    """Paths that lead to one of the database's files in some roundabout way."""
    folder = db.parent
    (folder / "sub").mkdir(exist_ok=True)
    link = folder / "link.json"
    link.symlink_to(db)
    hard = folder / "elsewhere.json"
    os.link(db, hard)
    backup_link = folder / "oud.json"
    backup_link.symlink_to(list_backups(db)[0].path)
    return {
        "the database": db,
        "a symlink to it": link,
        "a hard link to it": hard,
        "a path with ..": folder / "sub" / ".." / db.name,
        "its backup": list_backups(db)[0].path,
        "a symlink to its backup": backup_link,
        "a new file in its backup folder": list_backups(db)[0].path.parent / "nieuw.json",
        "its lock": folder / (db.name + ".lock"),
        "its start cache": folder / (db.name + ".start"),
        "an old-style backup name": folder / (db.name + ".bak"),
        "a temporary file name": folder / f".{db.name}.123.abcd.tmp",
    }


@pytest.mark.parametrize(
    "alias",
    [
        "the database",
        "a symlink to it",
        "a hard link to it",
        "a path with ..",
        "its backup",
        "a symlink to its backup",
        "a new file in its backup folder",
        "its lock",
        "its start cache",
        "an old-style backup name",
        "a temporary file name",
    ],
)
def test_export_refuses_every_file_plgcycle_keeps_for_its_database(runner, db, alias, monkeypatch):
    target = _aliases(db)[alias]
    Store(db).close()  # the lock file exists (a writer made it)
    before = _own_files(db)
    _fresh_process(monkeypatch)
    result = run(runner, "export", "--db", db, "-o", target, "--yes")
    assert result.exit_code == 2, result.output
    assert "eigen bestand van plgcycle" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _own_files(db) == before
    with Store(db, readonly=True) as reader:
        assert reader.me is not None


@pytest.mark.parametrize("how", ["group --db", "PLGCYCLE_DB", "the default database"])
def test_merge_report_and_agenda_refuse_the_database(
    runner, db, exports, tmp_path, monkeypatch, how
):
    env = {}
    prefix: list = []
    if how == "group --db":
        prefix = ["--db", db]
    elif how == "PLGCYCLE_DB":
        env = {"PLGCYCLE_DB": str(db)}
    else:
        data = tmp_path / "data"
        monkeypatch.setenv("XDG_DATA_HOME", str(data))
        default = data / "plgcycle" / "plgcycle.json"
        default.parent.mkdir(parents=True)
        default.write_bytes(db.read_bytes())
        db = default
    before = db.read_bytes()
    _fresh_process(monkeypatch)
    for command in (
        ["merge", exports, "-o", db, "--yes"],
        ["report", exports, "-o", db, "--yes"],
        ["agenda", exports, "-o", db, "--yes"],
    ):
        result = run(runner, *prefix, *command, env=env)
        assert result.exit_code == 2, (command, result.output)
        assert "eigen bestand van plgcycle" in result.output
        assert db.read_bytes() == before


def test_the_check_itself_follows_every_path_to_the_file(db):
    aliases = _aliases(db)
    Store(db).close()
    for name, path in aliases.items():
        assert outputs.protected_by(path) == db, name
        with pytest.raises(InvalidInput):
            outputs.check_output(path)
    assert outputs.protected_by(db.parent / "verslag.html") is None
    assert outputs.protected_by(db.parent / "t.json-kopie.json") is None
    # The core writers use the same rule, whatever the caller checked before.
    with pytest.raises(InvalidInput):
        exchange.write_export(aliases["a symlink to it"], {})
    from plgcycle.report import write_text

    with pytest.raises(InvalidInput):
        write_text(aliases["a hard link to it"], "overschreven")
    with Store(db, readonly=True) as reader:
        assert reader.me is not None


@pytest.mark.parametrize("command", ["report", "agenda", "merge"])
def test_an_existing_file_is_replaced_only_after_a_yes(runner, exports, tmp_path, command):
    target = (
        tmp_path
        / {"report": "verslag.html", "agenda": "agenda.md", "merge": "samen.plgcycle.json"}[command]
    )
    target.write_text("van iemand anders", encoding="utf-8")
    for answer in ("nee\n", "n\n", "\n", ""):
        result = run(runner, command, exports, "-o", target, input=answer)
        assert result.exit_code == 1, result.output
        assert "bestaat al. Vervangen? [j/N]" in result.output
        assert "Er is niets geschreven." in result.output
        assert target.read_text(encoding="utf-8") == "van iemand anders"
    result = run(runner, command, exports, "-o", target, input="j\n")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8-sig") != "van iemand anders"
    target.write_text("weer iets anders", encoding="utf-8")
    result = run(runner, command, exports, "-o", target, "--yes")  # scripts: no question
    assert result.exit_code == 0, result.output
    assert "Vervangen?" not in result.output
    assert target.read_text(encoding="utf-8-sig") != "weer iets anders"


def test_a_new_file_needs_no_question(runner, exports, tmp_path):
    for command, name in (("report", "verslag.md"), ("agenda", "agenda.md")):
        result = run(runner, command, exports, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert "Vervangen?" not in result.output
        assert (tmp_path / name).exists()


def test_english_asks_with_y(runner, exports, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    result = run(runner, "--lang", "en", "report", exports, "-o", target, input="y\n")
    assert result.exit_code == 0, result.output
    assert "already exists. Replace it? [y/N]" in result.output
