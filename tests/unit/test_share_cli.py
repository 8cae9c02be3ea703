"""``plgcycle init``, ``share`` and ``sync`` as a teacher (or a school's IT) types them.

Bad input is one readable line and a non-zero exit, in Dutch or in English; nothing is
changed by a command that stops.  The facilitator's ``review`` on a shared folder is
checked at the end.
"""

from __future__ import annotations

import json
import shutil

import pytest

from plgcycle import share
from plgcycle.lock import take_lock
from plgcycle.review import load_exports
from plgcycle.store import Store
from tests.exchange_helpers import pid
from tests.share_helpers import CONFLICT_NAMES, own_file, records, run, share_in, sync, teacher


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "Gedeeld"
    path.mkdir()
    return path


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


# --- init --------------------------------------------------------------------------------------


def test_init_sets_up_a_teacher_and_the_shared_folder_without_the_app(tmp_path, folder):
    db = tmp_path / "docent.json"
    result = run(
        "init", "--db", db, "--name", " Fatima Yilmaz ", "--school", "Noord", "--plg", "Taal",
        "--share", folder,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Docent Fatima Yilmaz klaargezet in {db}." in result.output
    assert "Dit bestand bevat:" in result.output and "Inhoud: 1 persoon." in result.output
    assert "is geschreven" in result.output
    with Store(db, readonly=True) as store:
        me = store.get(store.me)
        key = me.data.pop("key")  # made on first run, as the app does
        assert me.data == {"name": "Fatima Yilmaz", "school": "Noord", "plg": "Taal"}
        assert len(key) == 44 and key.endswith("=")
        config = share.config_from(store.setting)
    assert config.folder == folder.resolve()
    written = json.loads(own_file(folder, db).read_text())
    assert written["exported_by"] == {"id": me.id, "name": "Fatima Yilmaz", "key": key}
    # A second init never replaces the teacher.
    line = one_line_error(run("init", "--db", db, "--name", "Iemand anders"), 2)
    assert line == (
        f"Fout: {db} heeft al een docent (Fatima Yilmaz); er is niets veranderd. Kies een "
        "ander bestand met --db."
    )


@pytest.mark.parametrize(
    "args, nl, en",
    [
        ([], "Geef de naam van de docent", "Give the teacher's name"),
        (["--name", "  "], "Geef de naam van de docent", "Give the teacher's name"),
        (["--name", "x" * 201], "Naam: Te lang: hooguit 200", "Name — Too long: at most 200"),
        (["--name", "Bram", "--share", "{missing}"], "bestaat niet", "does not exist"),
        (["--name", "Bram", "--share", "{db_folder}"], "Je database", "Your database"),
    ],
)
def test_init_refuses_bad_input_in_one_line_and_changes_nothing(tmp_path, args, nl, en):
    db = tmp_path / "docent.json"
    args = [a.format(missing=tmp_path / "nergens", db_folder=tmp_path) for a in args]
    assert nl in one_line_error(run("init", "--db", db, *args), 2)
    assert en in one_line_error(run("init", "--db", db, *args, lang="en"), 2)
    assert not db.exists()


# --- share -------------------------------------------------------------------------------------


def test_share_without_a_folder_says_where_and_off_stops(tmp_path, folder):
    db = teacher(tmp_path / "sanne.json", "sanne")
    assert (
        "Nog geen gedeelde map. Stel er een in met: plgcycle share MAP"
        in run("share", "--db", db).output
    )
    share_in(db, folder)
    shown = run("share", "--db", db).output
    name = own_file(folder, db).name
    assert f"Gedeelde map: {folder}" in shown and f"Je bestand daar: {name}" in shown
    english = run("share", "--db", db, lang="en").output
    assert f"Shared folder: {folder}" in english
    stopped = run("share", "--off", "--db", db)
    assert stopped.exit_code == 0 and f"Je bestand {name} blijft in {folder} staan" in (
        stopped.output
    )
    assert (folder / name).exists()  # a colleague's copy is not ours to delete
    line = one_line_error(run("sync", "--db", db), 2)
    assert line == "Fout: Nog geen gedeelde map. Stel er een in met: plgcycle share MAP"
    # Set again later: the same file name.
    share_in(db, folder)
    assert own_file(folder, db).name == name


@pytest.mark.parametrize(
    "target, nl",
    [
        ("nergens", "bestaat niet. Kies de map die je synchronisatieprogramma"),
        ("een-bestand.txt", "is een bestand, geen map."),
        ("", "Noem de gedeelde map van je PLG."),
        (".", "privénotities inbegrepen, aan je collega's geven"),
    ],
)
def test_share_refuses_what_cannot_be_a_shared_folder(tmp_path, target, nl):
    db = teacher(tmp_path / "sanne.json", "sanne")
    (tmp_path / "een-bestand.txt").write_text("x")
    before = db.read_bytes()
    result = run("share", str(tmp_path / target) if target else "", "--db", db, "--yes")
    assert nl in one_line_error(result, 2)
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", [["sync"], ["share", "{folder}", "--yes"]])
def test_without_a_database_nothing_is_made(tmp_path, folder, command):
    db = tmp_path / "nog-niet.json"
    args = [a.format(folder=folder) for a in command]
    line = one_line_error(run(*args, "--db", db), 2)
    assert line.startswith(f"Fout: Er is nog geen docent in {db}: geef plgcycle init")
    assert not db.exists() and list(folder.iterdir()) == []


def test_sharing_a_folder_the_database_lives_under_is_refused(tmp_path):
    db = teacher(tmp_path / "plg" / "data" / "sanne.json", "sanne")
    result = run("share", tmp_path / "plg", "--db", db, "--yes")
    assert "Je database" in one_line_error(result, 2)


def test_a_folder_that_went_away_is_one_line_and_exit_7(tmp_path, folder):
    db = teacher(tmp_path / "sanne.json", "sanne")
    share_in(db, folder)
    before = records(db)
    shutil.rmtree(folder)
    line = one_line_error(run("sync", "--db", db), 7)
    assert line.startswith(f"Fout: De gedeelde map {folder} is niet bereikbaar (")
    assert line.endswith("Is de schijf aangesloten en draait het synchronisatieprogramma?")
    assert "cannot be reached" in one_line_error(run("sync", "--db", db, lang="en"), 7)
    assert records(db) == before


def test_while_the_app_has_the_database_share_waits_and_sync_only_reads(tmp_path, folder):
    ahmed = teacher(tmp_path / "ahmed.json", "ahmed")
    share_in(ahmed, folder)
    other = teacher(tmp_path / "lotte.json", "lotte")
    lock = take_lock(other.resolve())  # the app has Lotte's database open
    try:
        assert "in gebruik door een ander plgcycle-venster" in one_line_error(
            run("share", folder, "--db", other, "--yes"), 4
        )
        with Store(other, readonly=True) as store:
            assert share.config_from(store.setting) is None
    finally:
        lock.release()
    share_in(other, folder)
    lock = take_lock(other.resolve())
    try:
        before = other.read_bytes()
        result = sync(other)
        assert "is geopend in een ander plgcycle-venster" in result.output
        assert "niet opgeslagen, want deze database is alleen te lezen geopend" not in (
            result.output  # nothing new: Lotte read both files when she set the folder
        )
        assert other.read_bytes() == before
    finally:
        lock.release()


def test_help_of_the_new_commands_follows_the_language():
    for command in ("init", "share", "sync"):
        dutch, english = run(command, "--help"), run(command, "--help", lang="en")
        assert dutch.exit_code == english.exit_code == 0
        assert "Gebruik:" in dutch.output and "Usage:" in english.output
    assert "Stel de gedeelde map van je PLG in" in run("share", "--help").output
    assert "  [FOLDER]" not in run("share", "--help").output  # named once, in the usage


# --- the facilitator's review on the same folder -----------------------------------------------


def test_review_reads_a_shared_folder_with_sync_clients_files_in_it(tmp_path, folder):
    for key in ("ahmed", "sanne", "lotte"):
        share_in(teacher(tmp_path / f"{key}.json", key), folder)
    ahmed = own_file(folder, tmp_path / "ahmed.json")
    stem = ahmed.name.removesuffix(".plgcycle.json")
    for pattern in CONFLICT_NAMES.values():
        shutil.copy(ahmed, folder / pattern.format(stem=stem))
    (folder / ".stfolder").mkdir()
    (folder / f".syncthing.{ahmed.name}.tmp").write_bytes(b'{"format": "plgc')
    (folder / "~syncthing~x.tmp").write_bytes(b"")
    (folder / ".git").mkdir()
    data = load_exports([folder])
    owners = {f.owner for f in data.files}
    assert owners == {pid("ahmed"), pid("sanne"), pid("lotte")}
    # The review reads the folder as a sync does: every client's copy (counted once), and a
    # half-synced file is skipped with a line instead of stopping it.
    assert len(data.files) == 3 + len(CONFLICT_NAMES) and data.skipped == []
    (folder / "joris.plgcycle.json").write_bytes(ahmed.read_bytes()[:200])
    found = share.read_shared_folder(folder)
    assert len(found.files) == 3 + len(CONFLICT_NAMES)
    assert [n.split(":")[0] for n in found.notices] == ["joris.plgcycle.json"]
    again = load_exports([folder])
    assert {f.owner for f in again.files} == owners and len(again.records) == len(data.records)
    assert len(again.skipped) == 1 and "joris.plgcycle.json" in again.skipped[0]
