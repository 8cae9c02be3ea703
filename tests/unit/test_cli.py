"""The command line through click's CliRunner, plus the import boundary."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import __version__, cycle
from plgcycle.cli import cli
from plgcycle.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "100"}


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args, env=None):
    return runner.invoke(cli, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)


def test_core_never_imports_textual():
    code = (
        "import sys\nimport plgcycle.cli, plgcycle.store, plgcycle.cycle, plgcycle.model, "
        "plgcycle.exchange, plgcycle.i18n\nfrom plgcycle.exchange import *\n"
        "assert 'textual' not in sys.modules, 'textual loaded'\n"
        "from plgcycle.cli import cli\ntry:\n    cli.main(['--help'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\nassert 'textual' not in sys.modules, 'help loaded textual'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_no_module_of_the_core_mentions_textual():
    offenders = []
    for path in (ROOT / "plgcycle").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(path.name)
    assert offenders == []


def test_version_and_help(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and __version__ in result.output
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    assert "Gebruik:" in result.output and "status" in result.output and "demo" in result.output
    result = invoke(runner, "--lang", "en", "--help")
    assert "Usage:" in result.output and "Show your learning questions" in result.output
    for command in ("status", "demo", "restore"):
        result = invoke(runner, command, "--help")
        assert result.exit_code == 0 and "--db" in result.output


def test_status_without_a_database_explains_what_to_do(runner, tmp_path):
    result = invoke(runner, "status", "--db", str(tmp_path / "none.json"))
    assert result.exit_code == 0
    assert "plgcycle demo" in result.output
    assert not (tmp_path / "none.json").exists(), "status only reads"


def test_demo_then_status(runner, tmp_path):
    db = tmp_path / "demo.json"
    result = invoke(runner, "demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "6 docenten" in result.output and "Ahmed El Amrani" in result.output
    result = invoke(runner, "status", "--db", str(db))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Ahmed El Amrani" in out and "volgende bijeenkomst" in out
    assert "instructiefilmpjes" in out and "Uitvoeren" in out
    assert "Vóór de volgende bijeenkomst" in out
    assert "5 vragen van collega's" in out
    english = invoke(runner, "--lang", "en", "status", "--db", str(db))
    assert "Carry out" in english.output and "Before the next meeting" in english.output


def test_group_db_option_and_env_var(runner, tmp_path):
    db = tmp_path / "env.json"
    assert invoke(runner, "--db", str(db), "demo").exit_code == 0
    result = invoke(runner, "status", env={"PLGCYCLE_DB": str(db)})
    assert "Ahmed El Amrani" in result.output
    result = invoke(runner, "status", env={"PLGCYCLE_LANG": "en", "PLGCYCLE_DB": str(db)})
    assert "Learning question" in result.output


def test_demo_refuses_a_database_with_data(runner, tmp_path):
    db = tmp_path / "demo.json"
    invoke(runner, "demo", "--db", str(db))
    before = db.read_bytes()
    result = invoke(runner, "demo", "--db", str(db))
    assert result.exit_code == 2
    assert "bevat al gegevens" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_locked_database_is_one_line_and_nonzero(runner, tmp_path):
    db = tmp_path / "db.json"
    with Store(db):
        result = invoke(runner, "demo", "--db", str(db))
    assert result.exit_code == 4
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "in gebruik" in lines[0]


@pytest.mark.parametrize(
    "content,code,phrase",
    [
        (b"{not json", 3, "beschadigd"),
        (json.dumps({"_meta": {"1": {"schema": 99}}}).encode(), 3, "nieuwere plgcycle"),
    ],
)
def test_bad_database_files(runner, tmp_path, content, code, phrase):
    db = tmp_path / "db.json"
    db.write_bytes(content)
    for command in ("status", "demo"):
        result = invoke(runner, command, "--db", str(db))
        assert result.exit_code == code, result.output
        assert phrase in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert db.read_bytes() == content


def test_full_disk_during_demo(runner, tmp_path, monkeypatch):
    import errno

    from plgcycle import store as store_mod

    db = tmp_path / "db.json"
    with Store(db) as s:
        s.set_setting("created", True)
    before = db.read_bytes()

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "write", no_space)
    result = invoke(runner, "demo", "--db", str(db))
    assert result.exit_code == 5
    assert "schijf is vol" in result.output
    assert db.read_bytes() == before


def test_unexpected_errors_become_one_line_and_a_log(runner, tmp_path, monkeypatch):
    from plgcycle import demo

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(demo, "build", lambda today: 1 / 0)
    result = runner.invoke(cli, ["demo", "--db", str(tmp_path / "x.json")], env=ENV)
    assert result.exit_code == 70
    assert "ZeroDivisionError" in result.output and "Traceback" not in result.output


def test_status_shows_hostile_text_literally(runner, tmp_path):
    db = tmp_path / "db.json"
    with Store(db) as s:
        me = s.create_me(cycle.new_person("[bold red]Evil[/] \x1b[31mName\u202e"))
        s.save(cycle.new_question(me.id, "[link=http://x]klik[/link] \x1b]0;title\x07 vraag"))
    result = invoke(runner, "status", "--db", str(db))
    out = result.output
    assert "[bold red]Evil[/]" in out
    assert "\\x1b[31mName" in out and "\x1b" not in out
    assert "\\u202e" in out and "\u202e" not in out
    assert "[link=http://x]klik[/link]" in out


def test_restore_command(runner, tmp_path):
    db = tmp_path / "db.json"
    invoke(runner, "demo", "--db", str(db))
    Store(db).close()  # an open refreshes the backup
    db.write_bytes(b"garbage")
    result = invoke(runner, "restore", "--db", str(db), "--yes")
    assert result.exit_code == 0, result.output
    assert "teruggezet" in result.output
    assert "Ahmed" in invoke(runner, "status", "--db", str(db)).output


def test_restore_without_backup(runner, tmp_path):
    result = invoke(runner, "restore", "--db", str(tmp_path / "db.json"), "--yes")
    assert result.exit_code == 1 and "geen reservekopie" in result.output


def test_installed_entry_point_runs(tmp_path):
    """The console script as a user runs it (needs the package installed)."""
    exe = Path(sys.executable).with_name("plgcycle")
    if not exe.exists():
        pytest.skip("plgcycle is not installed as a console script in this environment")
    done = subprocess.run(
        [str(exe), "--lang", "en", "status", "--db", str(tmp_path / "n.json")],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
    )
    assert done.returncode == 0 and "plgcycle demo" in done.stdout


def test_restore_asks_in_dutch_and_accepts_j(runner, tmp_path):
    db = tmp_path / "db.json"
    invoke(runner, "demo", "--db", str(db))
    Store(db).close()  # an open for writing keeps the backup
    db.write_text("{damaged")
    dutch = {**ENV, "PLGCYCLE_LANG": "nl"}
    refused = runner.invoke(cli, ["restore", "--db", str(db)], input="nee\n", env=dutch)
    assert refused.exit_code == 1 and "Er is niets veranderd." in refused.output
    assert db.read_text() == "{damaged"
    accepted = runner.invoke(cli, ["restore", "--db", str(db)], input="j\n", env=dutch)
    assert accepted.exit_code == 0, accepted.output
    assert Store(db, readonly=True).me is not None
