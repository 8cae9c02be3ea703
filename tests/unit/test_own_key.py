"""The teacher's own key: made on first run (or when first needed), named in their person
record, kept with the backups and put back by a restore; and a colleague's signature kept."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from plgcycle import cycle
from plgcycle.cli import group as cli_group
from plgcycle.errors import DatabaseReadOnly
from plgcycle.exchange.schema import Violation
from plgcycle.keyfile import key_backup_path, key_path, load_key
from plgcycle.model import ROUND, Record
from plgcycle.session import Session
from plgcycle.signing import controlecode
from plgcycle.store import Store
from tests.exchange_helpers import pid, teacher_store

COLLEAGUE = pid("ahmed")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_first_run_gives_the_teacher_a_key_and_their_person_record_names_it(db_path, clock):
    with Store(db_path, clock=clock) as store:
        person = store.create_me(cycle.new_person("Eva de Boer"))
        key = load_key(db_path)
        assert key is not None and key.person == person.id
        assert store.get(person.id).data["key"] == key.public
    assert mode(key_path(db_path)) == 0o600


def test_an_existing_database_gets_its_key_the_first_time_it_is_needed(db_path, clock):
    teacher_store(db_path, "sanne", clock).close()
    assert not key_path(db_path).exists()
    session = Session.open(db_path, use_cache=False)
    try:
        before = session.me_record()
        assert "key" not in before.data
        heard: list[str] = []
        session.on_change(heard.append)
        key = session.signing_key()
        after = session.me_record()
        assert after.data["key"] == key.public and after.rev == before.rev + 1
        assert heard == ["saved"]
        assert session.own_controlecode() == controlecode(key.public)
        again = session.signing_key()  # made once; never replaced
        assert again.public == key.public and session.me_record().rev == after.rev
    finally:
        session.close()


def test_a_read_only_database_never_makes_a_key_it_cannot_name(db_path, clock):
    teacher_store(db_path, "sanne", clock).close()
    with Store(db_path, readonly=True) as store:
        from plgcycle.ownkey import ensure_key, own_controlecode

        with pytest.raises(DatabaseReadOnly):
            ensure_key(store)
        assert own_controlecode(store) is None
    assert not key_path(db_path).exists()


def test_every_open_keeps_a_backup_of_the_key_and_restore_puts_a_lost_key_back(
    db_path, clock, tmp_path
):
    with Store(db_path, clock=clock) as store:
        store.create_me(cycle.new_person("Eva de Boer"))
    original = key_path(db_path).read_bytes()
    Store(db_path, clock=clock).close()  # an open for writing keeps the backups
    backup = key_backup_path(db_path)
    assert backup.exists() and mode(backup) == 0o600
    os.remove(key_path(db_path))  # the key is lost (a damaged disk, a wrong copy)
    result = CliRunner().invoke(
        cli_group.cli, ["--lang", "en", "restore", "--db", str(db_path), "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert "Your signing key is back too" in result.output
    assert key_path(db_path).read_bytes() == original
    # A sound key is never replaced, by a restore or anything else.
    again = CliRunner().invoke(cli_group.cli, ["restore", "--db", str(db_path), "--yes"])
    assert again.exit_code == 0 and "sleutel" not in again.output
    assert key_path(db_path).read_bytes() == original


def test_a_damaged_key_never_stops_the_database_from_opening(db_path, clock):
    with Store(db_path, clock=clock) as store:
        store.create_me(cycle.new_person("Eva de Boer"))
    key_path(db_path).write_text("{kapot")
    with Store(db_path, clock=clock) as store:
        assert store.me is not None
    session = Session.open(db_path, use_cache=False)
    try:
        with pytest.raises(Exception) as caught:
            session.own_controlecode()
        assert "plgcycle.json.key" in str(caught.value)
    finally:
        session.close()


def test_a_colleagues_signature_is_kept_and_the_teachers_own_saves_carry_none(store):
    theirs = Record(ROUND, COLLEAGUE, {"question": "Hoe?"}, rev=3, updated_at="2026-11-01T00:00:00")
    theirs.sig = "A" * 86 + "=="
    store.apply([theirs])
    assert store.get(theirs.id).sig == theirs.sig
    assert [r.sig for r in store.list(ROUND)] == [theirs.sig]
    mine = cycle.new_question(store.me, "Mijn vraag")
    mine.sig = "stale"
    saved = store.save(mine)
    assert store.get(saved.id).sig is None


def test_the_database_check_allows_a_signature_and_a_key_and_refuses_other_types():
    from plgcycle.exchange.record_rules import database_record_validator

    check = database_record_validator()
    record = Record(ROUND, COLLEAGUE, {"question": "Hoe?"}, rev=1).to_dict()
    record["updated_at"] = "2026-11-01T00:00:00.000000+00:00"
    check({**record, "sig": "A" * 86 + "=="})
    person = Record("person", COLLEAGUE, {"name": "Ahmed", "key": "A" * 43 + "="}, COLLEAGUE, 1)
    person.updated_at = record["updated_at"]
    check(person.to_dict())
    with pytest.raises(Violation):
        check({**record, "sig": 12})
