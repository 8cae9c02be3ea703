"""``plgcycle import`` through the trust rules: keys pinned on first use, a changed key refused
until the teacher accepts it, forged and unsigned records refused with one line naming the
file and the record, and the database unchanged by what is refused, in every order."""

from __future__ import annotations

import itertools
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from plgcycle import exchange
from plgcycle.cli import cli
from plgcycle.keyfile import install_key
from plgcycle.model import ROUND
from plgcycle.signing import controlecode
from plgcycle.store import Store
from tests import forged
from tests.exchange_helpers import own, pid, teacher_store
from tests.trust_helpers import first, key_of, own_env, records_of, relay_env, signed

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "250"}
AHMED = pid("ahmed")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], env=ENV, catch_exceptions=False)


def fatima_db(folder: Path) -> Path:
    """The importing teacher: Fatima, with her own work and her own key."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "fatima.json"
    install_key(db, key_of("fatima"))
    teacher_store(db, "fatima").close()
    return db


def records_in(db: Path) -> dict[str, tuple[bytes, str | None]]:
    with Store(db, readonly=True) as store:
        return {
            r.id: (orjson.dumps(r.to_dict(), option=orjson.OPT_SORT_KEYS), r.sig)
            for r in store.list(include_deleted=True)
        }


def write(folder: Path, name: str, env: dict) -> Path:
    path = folder / name
    path.write_bytes(exchange.encode(env))
    return path


def test_the_first_key_seen_is_pinned_and_a_new_key_waits_for_the_teacher(tmp_path):
    db = fatima_db(tmp_path)
    first_file = write(tmp_path, "ahmed.plgcycle.json", own_env("ahmed"))
    assert run("import", "--db", db, first_file).exit_code == 0
    with Store(db, readonly=True) as store:
        assert store.keys("pins")[AHMED] == key_of("ahmed").public
    before = records_in(db)

    laptop = own_env("ahmed", records=[r for r in records_of("ahmed")], key=key_of("ahmed", 1))
    laptop["records"][0]["data"]["school"] = "Nieuwe school"  # something new to bring
    new_file = write(tmp_path, "ahmed-nieuw.plgcycle.json", _resigned(laptop, key_of("ahmed", 1)))
    result = run("import", "--db", db, new_file)
    assert result.exit_code == 0, result.output
    assert records_in(db) == before  # nothing of Ahmed's new file is taken in
    old_code, new_code = (
        controlecode(key_of("ahmed").public),
        controlecode(key_of("ahmed", 1).public),
    )
    notice = next(line for line in result.output.splitlines() if "andere sleutel" in line)
    assert notice.startswith("ahmed-nieuw.plgcycle.json: ")
    assert new_code in notice and old_code in notice
    assert "--accept-key 'Ahmed El Amrani'" in result.output

    accepted = run("import", "--db", db, "--accept-key", "ahmed el amrani", new_file)
    assert accepted.exit_code == 0, accepted.output
    with Store(db, readonly=True) as store:
        assert store.keys("accepted") == {AHMED: key_of("ahmed", 1).public}
        assert store.keys("pins")[AHMED] == key_of("ahmed").public  # the first key stays pinned
        assert store.get(AHMED).text("school") == "Nieuwe school"
    again = run("import", "--db", db, new_file)  # accepted once: remembered
    assert "andere sleutel" not in again.output


def _resigned(env: dict, key) -> dict:
    """The envelope with its records signed again after a change (what the owner would do)."""
    from plgcycle.model import Record
    from plgcycle.signing import sign_record, signed_envelope
    from tests.trust_helpers import EXPORTED_AT

    entries = []
    for raw in env["records"]:
        record = Record.from_dict({k: v for k, v in raw.items() if k != "sig"})
        record.rev += 1
        entries.append(forged.Signed(record, sign_record(record, key)))
    return signed_envelope(entries, env["exported_by"], key, EXPORTED_AT)


def test_accepting_a_key_nobody_offers_changes_nothing(tmp_path):
    db = fatima_db(tmp_path)
    path = write(tmp_path, "ahmed.plgcycle.json", own_env("ahmed"))
    before = db.read_bytes()
    result = run("import", "--db", db, "--accept-key", "Joris Bakker", path)
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Joris Bakker" in lines[0] and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_two_keys_for_someone_new_need_the_check_code_to_accept_one(tmp_path):
    db = fatima_db(tmp_path)
    genuine = write(
        tmp_path, "a.plgcycle.json", relay_env(signed(records_of("ahmed"), key_of("ahmed")))
    )
    fake = write(
        tmp_path, "b.plgcycle.json", relay_env(signed(records_of("ahmed"), key_of("ahmed", 9)))
    )
    result = run("import", "--db", db, genuine, fake)
    assert result.exit_code == 0
    assert AHMED not in records_in(db)
    by_name = run("import", "--db", db, "--accept-key", "Ahmed El Amrani", genuine, fake)
    assert by_name.exit_code != 0 and "controlecode" in by_name.output
    code = controlecode(key_of("ahmed").public)
    chosen = run("import", "--db", db, "--accept-key", code.replace(" ", ""), genuine, fake)
    assert chosen.exit_code == 0, chosen.output
    assert AHMED in records_in(db)


@pytest.mark.parametrize("name", sorted(forged.CASES))
def test_a_forged_file_set_imports_the_same_in_every_order(tmp_path, name):
    case = forged.CASES[name]()
    folder = tmp_path / "files"
    forged.write(folder, case)
    results = set()
    for n, order in enumerate(itertools.permutations(case.files)):
        db = fatima_db(tmp_path / f"db{n}")
        result = run("import", "--db", db, *[folder / f for f in order])
        assert result.exit_code == 0, result.output
        refused = {
            line.strip()
            for line in result.output.splitlines()
            if line.strip().endswith("weggelaten.")
        }
        results.add((tuple(sorted(records_in(db).items())), frozenset(refused)))
        stored = records_in(db)
        for file, rid, _reason in case.expected:
            assert any(x.startswith(file + ": ") for x in refused), (file, refused)
            raw = next(r for r in case.files[file]["records"] if r["id"] == rid)
            brought = {k: v for k, v in raw.items() if k != "sig"}
            kept = stored.get(rid)
            as_brought = (orjson.dumps(brought, option=orjson.OPT_SORT_KEYS), raw.get("sig"))
            assert kept != as_brought  # absent, or another version (a signed one)
    assert len(results) == 1, "the order of the files changed the result"
    ((_records, refused),) = results
    assert len(refused) == len(case.expected)


def test_a_forged_file_alone_leaves_the_database_as_it_was(tmp_path):
    db = fatima_db(tmp_path)
    ahmed = write(tmp_path, "ahmed.plgcycle.json", own_env("ahmed"))
    run("import", "--db", db, ahmed)
    before = db.read_bytes()
    case = forged.relayed_edit()
    relay = forged.write(tmp_path / "in", case, ["subgroep-b.plgcycle.json"])[0]
    result = run("import", "--db", db, relay)
    assert result.exit_code == 0
    assert "subgroep-b.plgcycle.json: leervraagronde" in result.output
    assert "de handtekening past niet bij de inhoud" in result.output
    assert db.read_bytes() == before
    question = first(ROUND, "ahmed")
    with Store(db, readonly=True) as store:
        assert store.get(question.id).text("question") == question.text("question")


def test_a_truncated_file_is_refused_whole_and_changes_nothing(tmp_path):
    db = fatima_db(tmp_path)
    good = write(tmp_path, "ahmed.plgcycle.json", own_env("ahmed"))
    cut = tmp_path / "kapot.plgcycle.json"
    cut.write_bytes(good.read_bytes()[:-200])
    before = db.read_bytes()
    result = run("import", "--db", db, good, cut)
    assert result.exit_code != 0
    assert "kapot.plgcycle.json" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_a_version_1_file_is_imported_but_marked_not_signed(tmp_path):
    db = fatima_db(tmp_path)
    env = exchange.envelope(own("ahmed"), {"id": AHMED, "name": "Ahmed El Amrani"})
    path = write(tmp_path, "oud.plgcycle.json", env)
    result = run("import", "--db", db, path)
    assert result.exit_code == 0
    assert "oud.plgcycle.json: niet ondertekend" in result.output
    stored = records_in(db)
    assert all(stored[r.id][1] is None for r in own("ahmed"))
    # Once Ahmed's key is known, unsigned versions of his work are left out.
    signed_file = write(tmp_path, "ahmed.plgcycle.json", own_env("ahmed"))
    run("import", "--db", db, signed_file)
    work = [r for r in records_of("ahmed") if r.kind != "person"]  # (its person record: a tie)
    assert all(records_in(db)[r.id][1] for r in work)
    again = run("import", "--db", db, path)
    assert "niet ondertekend, terwijl de sleutel van Ahmed El Amrani bekend is" in again.output


def test_naming_a_colleague_whose_key_is_in_use_confirms_it_and_the_review_shows_it(
    tmp_path, monkeypatch
):
    db = fatima_db(tmp_path)
    path = write(tmp_path, "ahmed.plgcycle.json", own_env("ahmed"))
    code = controlecode(key_of("ahmed").public)
    result = run("import", "--db", db, "--accept-key", code, path)
    assert result.exit_code == 0, result.output
    assert f"Bevestigd: de sleutel van Ahmed El Amrani (controlecode {code})." in result.output
    with Store(db, readonly=True) as store:
        assert store.keys("confirmed") == {AHMED: key_of("ahmed").public}
        assert store.keys("accepted") == {}
    from plgcycle.cli.review import _confirmations
    from plgcycle.review import load_exports

    monkeypatch.setenv("PLGCYCLE_DB", str(db))

    class Ctx:
        obj: dict = {}

    data = load_exports([path], confirmations=_confirmations(Ctx()))
    assert data.confirmed == {AHMED}
