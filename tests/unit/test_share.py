"""The shared folder: what is read there, what is written, and what a sync client does to it.

Real databases, real files in a real folder, and the real command line; no stubs.  The
integration test with two Syncthing instances is tests/integration/test_share_syncthing.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from plgcycle import share
from plgcycle.model import ROUND, TRYOUT
from plgcycle.sharefolder import (
    FolderCache,
    cache_path,
    is_export_name,
    is_ignored,
    list_folder,
    records_key,
)
from plgcycle.store import Store
from tests.exchange_helpers import pid
from tests.share_helpers import (
    CONFLICT_NAMES,
    identity,
    new_teacher,
    own_file,
    records,
    run,
    share_in,
    sync,
    teacher,
)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "PLG gedeeld"
    path.mkdir()
    return path


def first_round(db, owner: str):
    with Store(db, readonly=True) as store:
        return next(r for r in store.list(ROUND) if r.owner == owner)


def change_question(db, owner: str, text: str) -> str:
    rnd = first_round(db, owner)
    rnd.data["question"] = text
    with Store(db) as store:
        store.save(rnd)
    return rnd.id


def scan(db, folder):
    """A look at the folder as the next sync would take it (nothing is saved)."""
    with Store(db, readonly=True) as store:
        me, held = store.me, store.shared_records()
        config = share.config_from(store.setting)
    return share.scan_folder(
        folder, FolderCache.load(db, folder), me, records_key(held, me), config.file_name
    )


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("client", sorted(CONFLICT_NAMES))
def test_every_sync_clients_copy_is_named_like_an_export(client):
    name = CONFLICT_NAMES[client].format(stem="naam")
    assert is_export_name(name) and not is_ignored(name), name


@pytest.mark.parametrize(
    "name",
    [
        ".git",
        ".stfolder",
        ".syncthing.naam.plgcycle.json.tmp",  # Syncthing, a file on its way in
        "~syncthing~naam.plgcycle.json.tmp",  # the same on Windows
        ".naam.plgcycle.json.4242.0a1b2c3d.tmp",  # plgcycle's own atomic write
        "~$verslag.docx",  # an Office lock file
        ".~lock.naam.plgcycle.json#",  # LibreOffice
        "naam.plgcycle.json.part",  # a download in progress
        "naam.plgcycle.json.crdownload",
        "desktop.ini",
    ],
)
def test_what_sync_clients_keep_for_themselves_is_never_read(name):
    assert is_ignored(name)


def test_only_json_files_are_listed_and_a_plgcycle_file_is_known_by_its_content(tmp_path, folder):
    ahmed = teacher(tmp_path / "ahmed.json", "ahmed")
    share_in(ahmed, folder)
    renamed = folder / "Ahmed export van vrijdag.json"  # sent by mail, saved under a new name
    shutil.copy(own_file(folder, ahmed), renamed)
    (folder / "notulen.json").write_text('{"vergadering": "5 december"}')
    (folder / "verslag.pdf").write_bytes(b"%PDF-1.4")
    (folder / "submap.plgcycle.json").mkdir()  # a folder named like an export
    (folder / ".git").mkdir()
    listed = [e.name for e in list_folder(folder)]
    assert "verslag.pdf" not in listed and "submap.plgcycle.json" not in listed
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    result = share_in(sanne, folder)
    found = scan(sanne, folder)
    verdicts = {name: known.verdict for name, known in found.seen.items()}
    assert verdicts["notulen.json"] == "other" and verdicts[renamed.name] == "export"
    assert "kan nu niet" not in result.output and not found.notices  # no notice for notulen


# --- reading colleagues' files -----------------------------------------------------------------


@pytest.mark.parametrize("newest_in_copy", [True, False])
def test_conflicted_copies_of_every_client_are_merged_and_never_counted_twice(
    tmp_path, folder, newest_in_copy
):
    ahmed = teacher(tmp_path / "ahmed.json", "ahmed")
    share_in(ahmed, folder)
    main = own_file(folder, ahmed)
    older = main.read_bytes()
    round_id = change_question(ahmed, pid("ahmed"), "Hoe krijg ik 4 havo aan het woord?")
    sync(ahmed)
    newer = main.read_bytes()
    assert newer != older
    stem = main.name.removesuffix(".plgcycle.json")
    for pattern in CONFLICT_NAMES.values():
        (folder / pattern.format(stem=stem)).write_bytes(newer if newest_in_copy else older)
    if newest_in_copy:
        main.write_bytes(older)  # the client kept the older version under the real name

    sanne = teacher(tmp_path / "sanne.json", "sanne")
    result = share_in(sanne, folder)

    with Store(ahmed, readonly=True) as store:
        ahmeds = len(store.list(owner=pid("ahmed"), include_deleted=True))
    assert f"Van Ahmed El Amrani: {ahmeds} nieuw, 0 bijgewerkt." in result.output
    assert records(sanne)[round_id].data["question"] == "Hoe krijg ik 4 havo aan het woord?"
    assert "Bestanden van collega's: 6 in de map, 6 nu ingelezen." in result.output
    again = sync(sanne)
    assert "Niets nieuws van collega's." in again.output
    assert "6 in de map, 0 nu ingelezen." in again.output


def test_a_cut_short_file_is_skipped_with_a_notice_and_read_again_next_time(tmp_path, folder):
    ahmed = teacher(tmp_path / "ahmed.json", "ahmed")
    share_in(ahmed, folder)
    sanne_db = tmp_path / "sanne.json"
    teacher(sanne_db, "sanne")
    share_in(sanne_db, folder)
    complete = own_file(folder, sanne_db).read_bytes()
    half = folder / "sanne-half.plgcycle (1).json"
    half.write_bytes(complete[: len(complete) // 2])  # half synced
    (folder / "leeg.plgcycle.json").write_bytes(b"")

    bram_db = tmp_path / "bram.json"
    new_teacher(bram_db, "Bram Jansen")
    result = share_in(bram_db, folder)
    lines = result.output.splitlines()
    notices = [line for line in lines if "Voor nu overgeslagen" in line]
    assert len(notices) == 2, result.output
    assert any(line.strip().startswith("sanne-half.plgcycle (1).json: ") for line in notices)
    assert "Van Ahmed El Amrani, Sanne de Vries:" in result.output  # the rest is read

    half.write_bytes(complete)  # the client finished it
    again = sync(bram_db)
    assert "overgeslagen" in again.output and "sanne-half" not in again.output  # only leeg
    assert "1 nu ingelezen" in again.output  # read at last (it brings nothing new)
    assert scan(bram_db, folder).seen[half.name].verdict == "export"


def test_a_file_that_vanishes_changes_nothing(tmp_path, folder):
    ahmed = teacher(tmp_path / "ahmed.json", "ahmed")
    share_in(ahmed, folder)
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    before = records(sanne)
    own_file(folder, ahmed).unlink()
    result = sync(sanne)
    assert records(sanne) == before and "overgeslagen" not in result.output


def test_unchanged_files_are_not_parsed_again_and_a_touched_one_only_hashed(tmp_path, folder):
    teachers = ["ahmed", "lotte", "joris", "fatima", "pieter"]
    for key in teachers:
        share_in(teacher(tmp_path / f"{key}.json", key), folder)
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    assert (scan(sanne, folder).parsed, scan(sanne, folder).unchanged) == (0, 6)

    touched = own_file(folder, tmp_path / "lotte.json")
    os.utime(touched, ns=(1, 1_700_000_000_000_000_000))  # git checkout, a client's touch
    found = scan(sanne, folder)
    assert (found.parsed, found.unchanged, found.files) == (0, 6, [])

    change_question(tmp_path / "joris.json", pid("joris"), "Nieuwe vraag van Joris")
    sync(tmp_path / "joris.json")
    found = scan(sanne, folder)
    assert found.parsed == 1 and [f.sender_name for f in found.files] == ["Joris Bakker"]


def test_a_restored_database_reads_every_file_again(tmp_path, folder):
    ahmed = teacher(tmp_path / "ahmed.json", "ahmed")
    share_in(ahmed, folder)
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    kept = tmp_path / "sanne-before.json"
    shutil.copy(sanne, kept)
    share_in(sanne, folder)
    assert pid("ahmed") in records(sanne)
    shutil.copy(kept, sanne)  # put back as it was before Ahmed's work came in
    with Store(sanne) as store:  # ...with the shared folder set, as a restore could
        with store.batch():
            for key, value in share.share_settings(
                folder, "sanne.plgcycle.json", {"kinds": [], "people": []}
            ).items():
                store.set_setting(key, value)
    assert cache_path(sanne).exists()
    result = sync(sanne, "--yes")
    assert "Van Ahmed El Amrani:" in result.output and pid("ahmed") in records(sanne)


# --- writing the own file ----------------------------------------------------------------------


def test_the_same_work_gives_the_same_bytes_and_an_unchanged_database_writes_nothing(
    tmp_path, folder
):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    path = own_file(folder, sanne)
    first, where = path.read_bytes(), identity(path)
    assert path.name.startswith("sanne-de-vries-") and path.name.endswith(".plgcycle.json")
    assert "was al bijgewerkt" in sync(sanne).output
    assert identity(path) == where  # not even rewritten with the same bytes

    path.unlink()
    cache_path(sanne).unlink()
    assert "is geschreven" in sync(sanne).output
    assert path.read_bytes() == first  # written again later: the same bytes
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left
    exported = share.prepare_own(records(sanne).values(), pid("sanne"))
    newest = max(r.updated_at for r in exported.preview.records)
    assert f'"exported_at": "{newest}"' in first.decode()


def test_a_file_replaced_by_the_sync_client_is_written_again(tmp_path, folder):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    path = own_file(folder, sanne)
    good = path.read_bytes()
    path.write_bytes(good[:100])  # a conflict left a damaged version under the name
    assert "is geschreven" in sync(sanne).output and path.read_bytes() == good


def test_the_folder_in_a_git_work_tree_shows_only_real_changes(tmp_path, folder):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")

    def git_run(*args):
        return subprocess.run(
            [git, "-C", str(folder), *args], capture_output=True, text=True, check=True
        ).stdout

    git_run("init", "-q")
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    git_run("add", "-A")
    git_run("-c", "user.name=PLG", "-c", "user.email=plg@example.org", "commit", "-qm", "week 1")
    sync(sanne)
    assert git_run("status", "--porcelain") == ""
    round_id = change_question(sanne, pid("sanne"), "Hoe geef ik betere feedback op betogen?")
    sync(sanne)
    added, removed, _name = git_run("diff", "--numstat").split("\t")
    # One line each for the question, its rev and time and its signature, and for the file's
    # exported_at, checksum and signature: nothing else moves.
    changed = [
        line[1:].strip().split(":")[0]
        for line in git_run("diff", "-U0").splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    expected = {'"question"', '"rev"', '"updated_at"', '"sig"', '"exported_at"'}
    expected |= {'"checksum"', '"signature"'}
    assert added == removed and set(changed) <= expected, git_run("diff")
    assert '"question"' in changed and int(added) <= 7
    assert round_id in records(sanne)


# --- privacy: exactly what the preview shows, and asked again when it widens -----------------


def test_setting_the_folder_shows_the_preview_and_a_no_changes_nothing(tmp_path, folder):
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    result = run("share", folder, "--db", sanne, input="n\n")
    assert result.exit_code == 1
    assert "Dit bestand bevat:" in result.output and "Genoemde personen:" in result.output
    assert "Je werk in deze map delen? [j/N]" in result.output
    assert list(folder.iterdir()) == [] and "Er is niets veranderd." in result.output
    result = run("share", folder, "--db", sanne, input="j\n")
    assert result.exit_code == 0 and len(list(folder.iterdir())) == 1


def test_a_first_try_out_is_shared_only_after_a_yes(tmp_path, folder):
    from plgcycle import cycle

    db = tmp_path / "bram.json"
    me = new_teacher(db, "Bram Jansen")
    share_in(db, folder)
    with Store(db) as store:
        rnd = store.save(cycle.new_question(me, "Hoe activeer ik 2 vwo?"))
    result = run("sync", "--db", db, input="n\n")
    assert result.exit_code == 1
    assert "Je bestand zou nu ook bevatten: 1 leervraagronde." in result.output
    assert "Inhoud: 1 persoon, 1 leervraagronde." in result.output
    path = own_file(folder, db)
    assert b"Hoe activeer" not in path.read_bytes()
    assert run("sync", "--db", db, input="j\n").exit_code == 0
    assert b"Hoe activeer" in path.read_bytes()

    with Store(db) as store:
        store.save(cycle.new_tryout(rnd, me, class_group="2 vwo"))
        store.save(cycle.new_question(me, "Een tweede vraag"))
    result = sync(db, expect=1)  # a try-out is new, a second question is not
    assert "ook bevatten: 1 uitprobeermoment." in result.output
    assert "Een tweede" not in path.read_text()
    assert "is geschreven" in sync(db, "--yes").output
    assert TRYOUT in path.read_text() and "Een tweede vraag" in path.read_text()
