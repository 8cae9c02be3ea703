"""Clear errors instead of wrong answers (docs/reliability.md, sections 4 and 9).

A database of the wrong shape is refused on open, before its backup is touched;
names in messages never act on the terminal; numbers and moments that cannot
be true are refused naming the record and field; and the odd corners (an
export failing because of the database, ``--db ""``, a named pipe, a closed
pipe on standard output) end with one clear line, or quietly, never with a
traceback, a hang or a stray file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import cycle, demo, errors, exchange
from plgcycle.backups import newest_backup as backup_path
from plgcycle.cli import cli
from plgcycle.errors import DatabaseCorrupt, InvalidInput
from plgcycle.model import Record
from plgcycle.store import Store
from tests.exchange_helpers import NOW, TODAY, export_env, rehash

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "exchange_corpus"
ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "100", "PLGCYCLE_LANG": "nl"}


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)


def run_process(*args, cwd=None, timeout=120, **kwargs):
    """``plgcycle ARGS`` as a real process (``python -m plgcycle``)."""
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "plgcycle", *args], cwd=cwd, env=env, timeout=timeout, **kwargs
    )


# --- 6. a database of the wrong shape is refused before its backup is touched ------------------


def demo_database(folder: Path) -> Path:
    """The demo PLG in a database, opened for writing twice, so that it has a good backup."""
    path = folder / "plgcycle.json"
    me, records = demo.build(TODAY)
    with Store(path) as store:
        with store.batch():
            store.apply(records)
            store.set_me(me)
    Store(path).close()  # refreshes <db>.bak: the last good state
    return path


def _first(tables: dict, kind: str) -> dict:
    me = tables["_meta"]["1"]["me"]
    return next(
        doc for doc in tables["records"].values() if doc["kind"] == kind and doc["owner"] == me
    )


def _set(key, value, kind="round", in_data=True):
    def change(tables):
        doc = _first(tables, kind)
        (doc["data"] if in_data else doc)[key] = value
        return doc

    return change


def _person_owned_by_another(tables):
    me = tables["_meta"]["1"]["me"]
    doc = next(d for d in tables["records"].values() if d["kind"] == "person" and d["id"] != me)
    doc["owner"] = me
    return doc


WRONG_SHAPES = {
    # The cases: each crashed status, export or the app, or was read wrongly.
    "steps-as-text": (_set("steps", "x"), "data.steps"),
    "round-number-as-text": (_set("round_no", "2"), "data.round_no"),
    "updated-at-a-number": (_set("updated_at", 5, in_data=False), "updated_at"),
    "due-date-a-number": (_set("due", 20261201, kind="action"), "data.due"),
    "deleted-as-text": (_set("deleted", "no", in_data=False), "deleted"),
    # The same rules as an import, all of them.
    "value-too-large": (_set("value", 2**64, kind="measure"), "data.value"),
    "unknown-field": (_set("student", "Jan Jansen", kind="tryout"), "data.student"),
    "person-owned-by-another": (_person_owned_by_another, "owner"),
}


@pytest.mark.parametrize("case", sorted(WRONG_SHAPES))
def test_a_database_of_the_wrong_shape_is_refused_before_its_backup_is_touched(case, tmp_path):
    change, field = WRONG_SHAPES[case]
    db = demo_database(tmp_path)
    tables = json.loads(db.read_bytes())
    changed = change(tables)
    db.write_text(json.dumps(tables), encoding="utf-8")
    before, backup = db.read_bytes(), backup_path(db).read_bytes()
    assert b'"data"' in backup and backup != before
    out = tmp_path / "out.plgcycle.json"
    good = CORPUS / "ok-z-timestamps.plgcycle.json"
    for command in (
        ["status"],
        ["export", "--yes", "-o", str(out)],
        ["import", str(good)],
        ["demo"],
        [],
    ):
        result = invoke(*command, "--db", str(db)) if command else invoke("--db", str(db))
        message = result.output.strip()
        assert result.exit_code == 3, (command, result.output)
        assert "Traceback" not in message and "Onverwachte fout" not in message
        assert len(message.splitlines()) == 1, message
        assert message.startswith("Fout: De database is beschadigd: ")
        assert f"(id {changed['id']})" in message and f"veld {field}:" in message, message
        assert str(backup_path(db)) in message and "plgcycle restore" in message
        assert db.read_bytes() == before, "the damaged file is never written"
        assert backup_path(db).read_bytes() == backup, "the good backup is never overwritten"
    assert not out.exists()
    with pytest.raises(DatabaseCorrupt):
        Store(db)
    assert backup_path(db).read_bytes() == backup
    # The way back: restore puts the good backup in place.
    assert invoke("restore", "--yes", "--db", str(db)).exit_code == 0
    assert invoke("status", "--db", str(db)).exit_code == 0


def test_a_number_too_large_for_a_float_in_the_database_names_the_record_and_field(tmp_path):
    db = demo_database(tmp_path)
    tables = json.loads(db.read_bytes())
    measure = _first(tables, "measure")
    measure["data"]["value"] = 123456.789
    db.write_bytes(json.dumps(tables).encode().replace(b"123456.789", b"1e400", 1))
    result = invoke("status", "--db", str(db))
    assert result.exit_code == 3
    assert f"(id {measure['id']}), veld data.value: een te groot getal" in result.output


def test_what_a_local_database_keeps_besides_an_export_is_accepted(tmp_path, clock):
    """Private notes and marks, deleted records with their content, and tombstones."""
    db = tmp_path / "plgcycle.json"
    with Store(db, clock=clock) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries")).id
        question = cycle.new_question(me, "Hoe help ik?")
        question = cycle.save_step(
            question, "baseline", {"sources": "Toetsen", "notes": "Alleen voor mij."}
        )
        question.data["notes"] = "Eigen aantekening"
        question.set_private("goal_link", True)
        question = store.save(question)
        gone = store.save(cycle.new_question(me, "Weg ermee"))
        gone.deleted = True
        store.save(gone)
        colleague = cycle.new_person("Kees")
        colleague.rev, colleague.updated_at = 1, NOW.isoformat()  # as an import brings it
        tomb = Record(
            "round", colleague.id, {}, rev=2, updated_at=NOW.isoformat(), deleted=True
        )  # a deletion that arrived from a colleague: no content
        store.apply([colleague, tomb])
    with Store(db) as again:  # a writing open: checked, and the backup refreshed
        assert again.get(question.id).data["steps"]["baseline"]["notes"] == "Alleen voor mij."
        assert again.get(gone.id, include_deleted=True).data["question"] == "Weg ermee"
    assert backup_path(db).read_bytes() == db.read_bytes()


def test_a_whole_number_written_as_3_0_is_round_3(tmp_path):
    db = demo_database(tmp_path)
    tables = json.loads(db.read_bytes())
    me = tables["_meta"]["1"]["me"]
    rounds = [d for d in tables["records"].values() if d["kind"] == "round" and d["owner"] == me]
    for doc in rounds:
        doc["data"]["round_no"] = 7.0
        doc["rev"] = float(doc["rev"])
    db.write_text(json.dumps(tables), encoding="utf-8")
    with Store(db, readonly=True) as store:
        stored = store.get(rounds[0]["id"])
        assert stored.data["round_no"] == 7 and type(stored.data["round_no"]) is int
        assert type(stored.rev) is int
        assert cycle.RecordIndex(store.list()).view(stored.id).number == 7
    result = invoke("status", "--db", str(db))
    assert result.exit_code == 0
    assert re.search(r"│\s+7\s+│", result.output), result.output  # the Round column


# --- 10. names in messages never act on the terminal ---------------------------------------------

HOSTILE = ("\x1b]2;gekaapt\x07", "\x1b[2J")


def test_folder_names_with_escape_codes_reach_the_terminal_only_visibly(tmp_path):
    title, clear = (tmp_path / name for name in HOSTILE)
    title.mkdir()
    clear.mkdir()
    db = title / "plgcycle.json"
    exports = clear / "exports"
    outputs = [
        invoke("import", str(title), "--db", str(tmp_path / "x.json")),  # no export files here
        invoke("merge", str(clear), "-o", str(tmp_path / "m.plgcycle.json")),
        invoke("review", str(title)),
        invoke("report", str(clear)),
        invoke("status", "--db", str(clear / "nothing-yet.json")),
        invoke("demo", "--db", str(db)),
        invoke("demo", "--exports", str(exports)),
        invoke("status", "--db", str(db)),
        invoke("export", "--yes", "-o", str(clear / "mine.plgcycle.json"), "--db", str(db)),
        invoke("export", "--yes", "-o", str(clear / "mine.plgcycle.json"), "--db", str(db)),
        invoke("import", str(exports), "--db", str(clear / "fresh.json")),
        invoke("merge", str(exports), "-o", str(title / "all.plgcycle.json")),
        invoke("report", str(exports), "-o", str(title / "report.md")),
        invoke("agenda", str(exports), "-o", str(title / "agenda.md")),
        invoke("restore", "--yes", "--db", str(db)),
        invoke("demo", "--db", str(db)),  # already holds data: an error naming the file
    ]
    for result in outputs:
        assert "\x1b" not in result.output and "\x07" not in result.output, result.output
        assert "Traceback" not in result.output
    # Each of them names one of the folders, and shows it as text (status with data
    # names no file: its output is the teacher's questions).
    quiet = outputs[7]
    assert "Ahmed El Amrani" in quiet.output
    for result in outputs[:7] + outputs[8:]:
        assert "\\x1b]2;gekaapt\\x07" in result.output or "\\x1b[2J" in result.output, result.output


def test_every_error_message_shows_control_characters_visibly():
    for kind in (
        errors.PlgError,
        errors.ExchangeError,
        errors.InvalidInput,
        errors.SaveFailed,
        errors.DatabaseLocked,
        errors.DatabaseTooNew,
        errors.DatabaseReadOnly,
    ):
        error = kind("Map \x1b[2J\u202egepak\x07")
        assert str(error) == "Map \\x1b[2J\\u202egepak\\x07"
    corrupt = errors.DatabaseCorrupt("De database \x1b]2;x\x07 is beschadigd", "p")
    assert "\x1b" not in str(corrupt) and "\\x1b]2;x\\x07" in str(corrupt)


# --- 11. numbers and moments that cannot be true ---------------------------------------------------


def _env_stamped(hours: float) -> bytes:
    env = export_env("sanne")
    moment = NOW + timedelta(hours=hours)
    env["records"][1]["updated_at"] = moment.isoformat(timespec="microseconds")
    return exchange.encode(rehash(env))


def test_a_moment_more_than_a_day_after_now_is_refused_naming_record_and_field():
    # Clocks are a little off: within a day is accepted.
    parsed = exchange.parse_export(_env_stamped(23), Path("a.plgcycle.json"), now=NOW)
    assert parsed.records[1].updated_at.startswith("2026-11-24T08:00")
    with pytest.raises(errors.ExchangeError) as caught:
        exchange.parse_export(_env_stamped(25), Path("a.plgcycle.json"), now=NOW)
    assert "record 2" in str(caught.value) and "veld updated_at: later dan nu" in str(caught.value)


def test_every_moment_field_of_the_schema_is_checked_for_the_future():
    """Every field that holds a timestamp (not a date) is one :func:`future_moments` checks."""
    from plgcycle.exchange.schema import load_schema

    schema = load_schema()
    stamped = []

    def walk(node, path):
        if isinstance(node, dict):
            if node.get("$ref") in ("#/$defs/timestamp", "#/$defs/timestamp-or-empty"):
                stamped.append(path)
            for key, sub in node.get("properties", {}).items():
                walk(sub, path + [key])
            if "items" in node:
                walk(node["items"], path + ["*"])
            if "$ref" in node and node["$ref"].endswith(("source", "record")) and len(path) < 3:
                walk(schema["$defs"][node["$ref"].split("/")[-1]], path)

    walk(schema, [])
    for kind in ("person", "round", "tryout", "measure", "feedback", "action"):
        walk(schema["$defs"][f"{kind}-data"], ["records", "*", "data"])
    assert sorted(".".join(p) for p in stamped) == [
        "exported_at",
        "records.*.data.closed_at",
        "records.*.updated_at",
        "sources.*.exported_at",
    ]
    far = "2999-01-01T00:00:00Z"
    env = json.loads(exchange.encode(export_env("sanne")))
    env["sources"] = [{"id": None, "name": "Kees", "exported_at": far}]
    assert exchange.future_moments(env, NOW) == (["sources", 0, "exported_at"], far)


def test_a_round_number_written_as_3_0_is_shown_as_round_3(tmp_path):
    path = CORPUS / "ok-round-number-written-as-3.0.plgcycle.json"
    raw = json.loads(path.read_bytes())
    written = next(
        r for r in raw["records"] if r["kind"] == "round" and r["data"].get("round_no") == 3.0
    )
    parsed = exchange.read_export(path)
    record = next(r for r in parsed.records if r.id == written["id"])
    assert record.data["round_no"] == 3 and type(record.data["round_no"]) is int
    result = invoke("report", str(path), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    column, question = rows[0].index("Ronde"), rows[0].index("Leervraag")
    shown = sorted(r[column] for r in rows[1:] if r[question] == written["data"]["question"])
    assert shown == ["2", "3"], "the file says round 3 (and 2 for the next one)"


# --- 12. the odd corners ------------------------------------------------------------------------------


def test_an_export_that_fails_because_of_the_database_names_the_database(tmp_path):
    db = tmp_path / "plgcycle.json"
    ahead = datetime(2099, 1, 1, tzinfo=UTC)  # a clock that was far ahead once
    with Store(db, clock=lambda: ahead) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries")).id
        store.save(cycle.new_question(me, "Hoe help ik?"))
    out = tmp_path / "sanne.plgcycle.json"
    result = invoke("export", "--yes", "-o", str(out), "--db", str(db))
    assert result.exit_code == 6, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"Fout: de database {db}: record ")
    assert 'veld updated_at: later dan nu ("2099-01-01' in line
    assert line.endswith(f"Er is niets geschreven naar {out}.")
    assert f"Fout: {out}" not in result.output
    assert not out.exists()


def test_an_empty_db_option_is_refused_without_leaving_a_lock_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    for args in (
        ["status", "--db", ""],
        ["demo", "--db", ""],
        ["--db", "", "demo"],
        ["import", "--db", "", str(CORPUS / "ok-z-timestamps.plgcycle.json")],
        ["restore", "--yes", "--db", ""],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "is een map; de database moet een bestand zijn" in lines[0]
        assert "Traceback" not in result.output
    with pytest.raises(InvalidInput):
        Store(tmp_path / "folder")  # a folder given some other way: refused alike
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"], "no stray ..lock"
    assert list((tmp_path / "folder").iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_at_once_instead_of_hanging(tmp_path):
    pipe = tmp_path / "kees.plgcycle.json"
    os.mkfifo(pipe)
    db = tmp_path / "plgcycle.json"
    for args in (
        ["import", str(pipe), "--db", str(db)],
        ["merge", str(pipe), "-o", str(tmp_path / "m.plgcycle.json")],
        ["report", str(pipe)],
        ["review", str(pipe)],
    ):
        # Nothing ever writes into the pipe: reading it would wait for ever (the timeout
        # only keeps a broken build from stopping the suite).
        done = run_process(*args, capture_output=True, text=True, timeout=60)
        assert done.returncode == 6, (args, done.stderr)
        assert "geen gewoon bestand (een pipe of een apparaat)" in done.stderr
        assert "Traceback" not in done.stderr
    done = run_process("status", "--db", str(pipe), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "is geen databasebestand" in done.stderr
    assert not db.exists()


def _into_a_closed_pipe(*args, cwd):
    """Run plgcycle with its standard output a pipe nobody reads any more (``| head``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line: every write fails
    try:
        return run_process(*args, cwd=cwd, stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)


def test_output_into_a_closed_pipe_ends_quietly_and_the_work_is_done(tmp_path):
    assert invoke("demo", "--db", str(tmp_path / "db.json")).exit_code == 0
    assert invoke("demo", "--exports", str(tmp_path / "exports")).exit_code == 0
    out = tmp_path / "mine.plgcycle.json"
    for args in (
        ["status", "--db", "db.json"],
        ["export", "--yes", "-o", str(out), "--db", "db.json"],
        ["import", "exports", "--db", "other.json"],
        ["report", "exports"],
        ["agenda", "exports"],
        ["--help"],
    ):
        done = _into_a_closed_pipe(*args, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stderr == "", (args, done.stderr)
    assert exchange.read_export(out).records, "the export was written all the same"
    with Store(tmp_path / "other.json", readonly=True) as store:
        assert len(store) > 10, "and the import was done"


def test_errors_into_a_closed_pipe_keep_their_exit_code(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = run_process(
            "status", "--db", str(tmp_path), cwd=tmp_path, stdout=write_end, stderr=write_end
        )
    finally:
        os.close(write_end)
    assert done.returncode == 2
