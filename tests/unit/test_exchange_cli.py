"""``plgcycle export``, ``import`` and ``merge`` through the real command line (click's runner)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from plgcycle import exchange
from plgcycle.cli import cli
from plgcycle.store import Store
from tests.exchange_helpers import own, pid, teacher_store, write_file


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def sanne_db(tmp_path, clock):
    path = tmp_path / "sanne.json"
    teacher_store(path, "sanne", clock).close()
    return path


def run(runner, *args, input=None, env=None):
    return runner.invoke(
        cli,
        list(map(str, args)),
        input=input,
        env={"PLGCYCLE_TODAY": "2026-11-23", **(env or {})},
        catch_exceptions=False,
    )


# --- export ----------------------------------------------------------------------------------------


def test_export_shows_the_preview_asks_and_writes_a_dated_file(
    runner, sanne_db, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    with Store(sanne_db) as store:  # Sanne has Ahmed's work, so she knows whose round it is
        store.apply(own("ahmed"))
    result = run(runner, "export", "--db", sanne_db, input="j\n")
    assert result.exit_code == 0, result.output
    target = tmp_path / "sanne-de-vries-2026-11-23.plgcycle.json"
    assert "Deze export bevat:" in result.output
    assert (
        "2 leervraagrondes" in result.output
        and "Je feedback gaat naar: Ahmed El Amrani" in result.output
    )
    assert "Dit bestand schrijven? [j/N]" in result.output
    assert f"Geschreven: {target}" in result.output
    parsed = exchange.read_export(target)
    assert {r.id for r in parsed.records} == {r.id for r in own("sanne")}


@pytest.mark.parametrize("answer", ["n\n", "\n", "misschien\nnee\n", ""])
def test_export_writes_nothing_unless_confirmed(runner, sanne_db, tmp_path, monkeypatch, answer):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "export", "--db", sanne_db, input=answer)
    assert result.exit_code == 1
    assert "Er is niets geëxporteerd." in result.output
    assert not list(tmp_path.glob("*.plgcycle.json"))
    if "misschien" in answer:
        assert "Antwoord met j (ja) of n (nee)." in result.output


def test_export_yes_to_a_folder_and_a_progress_profile(runner, sanne_db, tmp_path):
    out = tmp_path / "deel"
    out.mkdir()
    result = run(runner, "export", "--db", sanne_db, "--yes", "-o", out, "--profile", "progress")
    assert result.exit_code == 0, result.output
    target = out / "sanne-de-vries-2026-11-23-voortgang.plgcycle.json"
    parsed = exchange.read_export(target)
    assert parsed.profile == "progress"
    assert "teksten en resultaten worden weggelaten" in result.output
    assert "De checklist maakt feedback concreet." not in target.read_text(encoding="utf-8")


def test_export_asks_before_replacing_a_file(runner, sanne_db, tmp_path):
    target = tmp_path / "mijn.plgcycle.json"
    target.write_text("oud", encoding="utf-8")
    result = run(runner, "export", "--db", sanne_db, "-o", target, input="n\n")
    assert "mijn.plgcycle.json bestaat al en wordt vervangen." in result.output
    assert target.read_text(encoding="utf-8") == "oud"
    assert run(runner, "export", "--db", sanne_db, "-o", target, "--yes").exit_code == 0
    assert exchange.read_export(target).exported_by["name"] == "Sanne de Vries"


def test_export_without_a_teacher_says_what_to_do(runner, tmp_path):
    result = run(runner, "export", "--db", tmp_path / "leeg.json", "--yes")
    assert result.exit_code == 2
    assert "Er staat nog geen docent in" in result.output
    assert "Traceback" not in result.output


def test_export_in_english(runner, sanne_db, tmp_path):
    result = run(runner, "--lang", "en", "export", "--db", sanne_db, "-o", tmp_path, "--yes")
    assert "This export will contain:" in result.output
    assert "2 question rounds" in result.output


# --- import ----------------------------------------------------------------------------------------


def test_import_prints_a_summary_per_file(runner, sanne_db, tmp_path):
    files = [write_file(tmp_path, k) for k in ("ahmed", "lotte")]
    result = run(runner, "import", "--db", sanne_db, *files)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "ahmed.plgcycle.json — Ahmed El Amrani, 23 nov 2026 (volledig)"
    assert lines[1] == "  nieuw: 10 · bijgewerkt: 0 · ongewijzigd: 0 · genegeerd: 0"
    total = len(own("ahmed")) + len(own("lotte"))
    assert lines[-1] == f"Geïmporteerd in {sanne_db}: {total} nieuw, 0 bijgewerkt."
    again = run(runner, "import", "--db", sanne_db, *files)
    assert "ongewijzigd: 10" in again.output
    assert again.output.splitlines()[-1] == "Niets nieuws; je database is niet veranderd."


def test_import_a_folder_and_dry_run(runner, sanne_db, tmp_path):
    folder = tmp_path / "bijeenkomst"
    folder.mkdir()
    for key in ("ahmed", "joris"):
        write_file(folder, key)
    before = sanne_db.read_bytes()
    result = run(runner, "import", "--db", sanne_db, "--dry-run", folder)
    assert result.exit_code == 0
    assert "er is niets opgeslagen (--dry-run)" in result.output
    assert sanne_db.read_bytes() == before
    assert run(runner, "import", "--db", sanne_db, folder).exit_code == 0
    with Store(sanne_db, readonly=True) as store:
        assert store.get(pid("joris")) is not None


def test_a_bad_file_stops_the_whole_import(runner, sanne_db, tmp_path):
    good = write_file(tmp_path, "ahmed")
    bad = tmp_path / "kapot.plgcycle.json"
    env = json.loads(good.read_text(encoding="utf-8"))
    env["records"][1]["data"]["question"] = 5
    bad.write_text(json.dumps(env), encoding="utf-8")
    before = sanne_db.read_bytes()
    result = run(runner, "import", "--db", sanne_db, good, bad)
    assert result.exit_code == 6
    assert f"Fout: {bad}: record 2 (id " in result.output
    assert "veld data.question: moet tekst zijn." in result.output
    assert "Er is niets geïmporteerd; je database is niet veranderd." in result.output
    assert sanne_db.read_bytes() == before


def test_import_needs_a_file(runner, sanne_db, tmp_path):
    result = run(runner, "import", "--db", sanne_db)
    assert result.exit_code == 2 and "Noem minstens één exportbestand" in result.output
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = run(runner, "import", "--db", sanne_db, empty)
    assert result.exit_code == 6 and "geen exportbestanden" in result.output
    result = run(runner, "import", "--db", sanne_db, tmp_path / "weg.plgcycle.json")
    assert result.exit_code == 6 and "bestaat niet" in result.output


def test_import_into_a_database_in_use_is_refused(runner, sanne_db, tmp_path):
    path = write_file(tmp_path, "ahmed")
    with Store(sanne_db):
        result = run(runner, "import", "--db", sanne_db, path)
    assert result.exit_code == 4 and "in gebruik" in result.output


# --- merge -------------------------------------------------------------------------------------------


def test_merge_writes_one_file_and_touches_no_database(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PLGCYCLE_DB", str(tmp_path / "nooit.json"))
    folder = tmp_path / "subgroep"
    folder.mkdir()
    for key in ("ahmed", "sanne", "lotte"):
        write_file(folder, key)
    out = folder / "subgroep-a.plgcycle.json"
    result = run(runner, "merge", folder, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"3 bestanden samengevoegd in {out}" in result.output
    merged = exchange.read_export(out)
    assert merged.exported_by["id"] is None and len(merged.sources) == 3
    assert not (tmp_path / "nooit.json").exists()
    # Merging the folder again skips the output file itself, and asks before replacing it.
    again = run(runner, "merge", folder, "-o", out, input="n\n")
    assert (
        again.exit_code == 1 and "subgroep-a.plgcycle.json bestaat al. Vervangen?" in again.output
    )
    assert run(runner, "merge", folder, "-o", out, "--yes").exit_code == 0


def test_merge_needs_an_output_and_good_files(runner, tmp_path):
    path = write_file(tmp_path, "ahmed")
    assert "-o BESTAND" in run(runner, "merge", path).output
    bad = tmp_path / "x.plgcycle.json"
    bad.write_text("[]", encoding="utf-8")
    result = run(runner, "merge", path, bad, "-o", tmp_path / "uit.plgcycle.json")
    assert result.exit_code == 6 and "geen plgcycle-export" in result.output
    assert "Er is niets geschreven." in result.output
    assert not (tmp_path / "uit.plgcycle.json").exists()


def test_help_lists_the_commands_in_dutch(runner):
    result = run(runner, "--help")
    for line in (
        r"export +Schrijf je eigen werk",
        r"import +Voeg exportbestanden",
        r"merge +Voeg exportbestanden",
        r"meeting +Een bijeenkomst van de PLG",
    ):
        assert re.search(line, result.output), line
