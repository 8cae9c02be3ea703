"""The facilitator's commands through click's CliRunner: review, agenda, report, demo --exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

from plgcycle import demo_group, demo_scan, exchange
from plgcycle.cli import cli
from plgcycle.model import NOTES, PERSON

TODAY = "2026-11-23"


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("PLGCYCLE_TODAY", TODAY)
    return CliRunner()


@pytest.fixture
def exports(runner, tmp_path):
    folder = tmp_path / "exports"
    result = runner.invoke(cli, ["demo", "--exports", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_demo_exports_one_file_per_teacher_with_only_their_own_work(runner, exports):
    files = sorted(exports.iterdir())
    assert [f.name for f in files] == [
        "ahmed-el-amrani.plgcycle.json",
        "fatima-yilmaz.plgcycle.json",
        "henk-de-boer.plgcycle.json",  # the school leader: his scan answers
        "joris-bakker.plgcycle.json",
        "lotte-jansen.plgcycle.json",
        "marieke-visser.plgcycle.json",  # the facilitator: the PLG and its meetings
        "pieter-van-dijk.plgcycle.json",
        "sanne-de-vries.plgcycle.json",
    ]
    seen_ids = set()
    for path in files:
        parsed = exchange.read_export(path)  # valid envelope and checksum
        owner = parsed.exported_by["id"]
        assert {r.owner for r in parsed.records} == {owner}
        person = next(r for r in parsed.records if r.kind == PERSON)
        assert person.id == owner and person.text("name") == parsed.exported_by["name"]
        kinds = {r.kind for r in parsed.records}
        if owner == demo_group.facilitator_id():
            assert kinds == {"person", "plg", "meeting", "scan_round", "scan_response"}
        elif owner == demo_scan.leader_id():
            assert kinds == {"person", "scan_response"}
        else:
            assert {"person", "round", "tryout", "feedback", "action", "scan_response"} <= kinds
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert NOTES not in json.dumps(raw) and '"private"' not in json.dumps(raw)
        seen_ids |= {r.id for r in parsed.records}
    assert len(seen_ids) == sum(len(exchange.read_export(p).records) for p in files)


def test_demo_exports_never_overwrite_and_leave_the_database_alone(
    runner, exports, tmp_path, monkeypatch
):
    db = tmp_path / "default.json"
    monkeypatch.setenv("PLGCYCLE_DB", str(db))
    before = {p.name: p.read_bytes() for p in exports.iterdir()}
    result = runner.invoke(cli, ["demo", "--exports", str(exports)])
    assert result.exit_code == 2
    assert "bestaat al" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in exports.iterdir()} == before
    fresh = tmp_path / "fresh"
    assert runner.invoke(cli, ["demo", "--exports", str(fresh)]).exit_code == 0
    assert not db.exists()  # without --db no database is filled


def test_demo_exports_with_db_fill_both(runner, tmp_path):
    db = tmp_path / "mine.json"
    result = runner.invoke(cli, ["demo", "--db", str(db), "--exports", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert db.exists() and len(list((tmp_path / "x").iterdir())) == 8


def test_review_opens_the_app_without_touching_any_database(runner, exports, tmp_path, monkeypatch):
    db = tmp_path / "facilitator.json"
    monkeypatch.setenv("PLGCYCLE_DB", str(db))
    calls = []
    import screens.start

    monkeypatch.setattr(
        screens.start, "run_review", lambda records, **kw: calls.append((records, kw))
    )
    result = runner.invoke(cli, ["--lang", "en", "review", str(exports), "--stalled-days", "12"])
    assert result.exit_code == 0, result.output
    ((records, kw),) = calls
    assert (
        len(records) == len(demo_group.build(date.fromisoformat(TODAY))[1])
        and kw["lang"] == "en"
        and str(kw["today"]) == TODAY
    )
    assert len(kw["files"]) == 8 and kw["rule"].days == 12
    assert not db.exists() and list(tmp_path.iterdir()) == [exports]


def test_agenda_prints_markdown_or_writes_it(runner, exports, tmp_path):
    result = runner.invoke(cli, ["agenda", str(exports)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Bijeenkomst PLG Activerend leren")
    assert "## 1. Stand-up (" in result.output and "## 5. Retro (" in result.output
    out = tmp_path / "agenda.md"
    result = runner.invoke(cli, ["agenda", str(exports), "-o", str(out), "--minutes", "90"])
    assert result.exit_code == 0 and "Agenda opgeslagen" in result.output
    assert "90 minuten in totaal" in out.read_text(encoding="utf-8")


def test_agenda_edit_opens_the_agenda_screen_and_writes_what_it_left(
    runner, exports, monkeypatch, tmp_path
):
    calls = []
    import screens.start

    def opened(agenda, **kw):  # the facilitator closes the app without changing anything
        calls.append((agenda, kw))
        return screens.agenda.AgendaOutcome(agenda, None, unsaved=False, discarded=False)

    monkeypatch.setattr(screens.start, "run_agenda", opened)
    out = tmp_path / "a.md"
    result = runner.invoke(cli, ["agenda", str(exports), "--edit", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ((agenda, kw),) = calls
    assert agenda.total_minutes == 120 and kw["path"] == out
    # The -o file asked for is written (in the real app, see tests/ui/test_agenda_edit_cli.py).
    assert out.read_text(encoding="utf-8") == agenda.to_markdown()
    assert str(out) in result.output


@pytest.mark.parametrize(
    "fmt,name,check",
    [
        ("html", "r.html", lambda text: text.startswith("<!DOCTYPE html>")),
        (None, "r.csv", lambda text: text.lstrip("\ufeff").startswith("Deelnemer;")),
        ("md", "r.txt", lambda text: text.startswith("# Voortgang")),
    ],
)
def test_report_writes_each_format(runner, exports, tmp_path, fmt, name, check):
    args = ["report", str(exports), "-o", str(tmp_path / name)] + (["--format", fmt] if fmt else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_report_to_stdout_in_english(runner, exports):
    result = runner.invoke(cli, ["--lang", "en", "report", str(exports), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][0] == "Participant" and len(rows) == 13


def test_report_since_takes_a_date_the_dutch_way(runner, exports):
    dutch = runner.invoke(cli, ["report", str(exports), "--since", "23-11-2026"])
    iso = runner.invoke(cli, ["report", str(exports), "--since", "2026-11-23"])
    assert dutch.exit_code == 0, dutch.output
    assert dutch.output == iso.output


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["report", "missing.plgcycle.json"], 6, "bestaat niet"),
        (["report", "{exports}", "--since", "31-02-2026"], 2, "DD-MM-JJJJ"),
        (["report", "{exports}", "--since", "gisteren"], 2, "15-03-2026"),
        (["report", "{exports}", "--since", "2026-12-01"], 2, "toekomst"),
        (
            ["report", "{exports}", "--since", "2026-11-01", "--stalled-days", "3"],
            2,
            "niet allebei",
        ),
        (["report", "{exports}", "--format", "pdf"], 2, "pdf"),
        (["agenda", "{exports}", "--minutes", "5"], 2, "5"),
        (["report", "{bad}"], 6, "geen geldige JSON"),
    ],
)
def test_bad_input_gets_one_readable_line(runner, exports, tmp_path, args, code, message):
    bad = tmp_path / "bad.plgcycle.json"
    bad.write_text("{not json", encoding="utf-8")
    args = [a.format(exports=exports, bad=bad) for a in args]
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) <= 3


def test_report_write_failure_keeps_the_earlier_file(runner, exports, tmp_path):
    out = tmp_path / "r.md"
    out.write_text("earlier", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["report", str(exports), "-o", str(blocker / "r.md")])
    assert result.exit_code == 1 and "niet schrijven" in result.output
    assert out.read_text(encoding="utf-8") == "earlier"


def test_help_of_the_new_commands_is_translated(runner):
    result = runner.invoke(cli, ["report", "--help"])
    assert result.exit_code == 0
    assert "Schrijf een voortgangsverslag" in result.output and "--stalled-days" in result.output
    assert "FILE..." in result.output.splitlines()[0]
    result = runner.invoke(cli, ["--help"])
    for name in ("review", "agenda", "report"):
        assert f"  {name} " in result.output
