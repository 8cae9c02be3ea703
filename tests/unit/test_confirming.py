"""Confirming a colleague's key with the check code (plgcycle.confirming and ``plgcycle confirm``)."""

from __future__ import annotations

import pytest

from plgcycle import i18n
from plgcycle.confirming import confirm
from plgcycle.errors import InvalidInput
from plgcycle.signing import controlecode
from plgcycle.store import Store
from tests.exchange_helpers import pid
from tests.trust_helpers import key_of, own_env
from tests.unit.test_exchange_import_trust import fatima_db, run, write

AHMED, TWIN = pid("ahmed"), pid("twin")
KEYS = {AHMED: key_of("ahmed").public, TWIN: key_of("twin").public}
NAMES = {AHMED: "Ahmed El Amrani", TWIN: "Ahmed  el amrani"}  # two people, one name


def code(name: str) -> str:
    return controlecode(key_of(name).public)


def test_the_code_picks_the_colleague_typed_in_any_spacing():
    found = confirm("ahmed el amrani", code("ahmed").replace(" ", "-"), KEYS, NAMES)
    assert (found.person, found.key, found.code) == (AHMED, KEYS[AHMED], code("ahmed"))
    twin = confirm("Ahmed El Amrani", code("twin").replace(" ", ""), KEYS, NAMES)
    assert twin.person == TWIN  # same name: the code tells them apart
    assert confirm(AHMED, code("ahmed"), KEYS, {}).person == AHMED  # the person id works too


@pytest.mark.parametrize(
    ("wanted", "typed", "words"),
    [
        ("Ahmed El Amrani", "1234 5678", "vier groepjes van vier cijfers"),
        (
            "Ahmed El Amrani",
            "１２３４ ５６７８ １２３４ ５６７８",
            "vier groepjes van vier cijfers",
        ),
        ("Joris Bakker", code("ahmed"), "kent geen sleutel van een collega met die naam"),
        ("Ahmed El Amrani", code("joris"), "past bij geen van hen"),
    ],
)
def test_what_does_not_match_is_one_line_and_confirms_nothing(wanted, typed, words):
    with pytest.raises(InvalidInput) as caught:
        confirm(wanted, typed, KEYS, NAMES)
    message = str(caught.value)
    assert words in message and "\n" not in message and "Er is niets bevestigd." in message


def test_a_wrong_code_for_one_colleague_shows_the_code_plgcycle_holds():
    with pytest.raises(InvalidInput) as caught:
        confirm("Ahmed El Amrani", code("joris"), {AHMED: KEYS[AHMED]}, NAMES)
    assert code("ahmed") in str(caught.value) and "iemand anders" in str(caught.value)
    i18n.set_language("en")  # the conftest sets Dutch again for the next test
    with pytest.raises(InvalidInput) as english:
        confirm("Ahmed El Amrani", code("joris"), {AHMED: KEYS[AHMED]}, NAMES)
    assert "does not match" in str(english.value)


def test_plgcycle_confirm_remembers_the_key_and_a_wrong_code_changes_nothing(tmp_path):
    db = fatima_db(tmp_path / "fatima")
    folder = tmp_path / "map"
    folder.mkdir()
    write(folder, "ahmed.plgcycle.json", own_env("ahmed"))
    before = db.read_bytes()
    wrong = run("confirm", "--db", db, "Ahmed El Amrani", code("joris"), folder)
    assert wrong.exit_code != 0
    lines = [line for line in wrong.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "klopt niet" in lines[0] and "Traceback" not in wrong.output
    assert db.read_bytes() == before
    right = run("confirm", "--db", db, "Ahmed El Amrani", code("ahmed"), folder)
    assert right.exit_code == 0, right.output
    assert f"Bevestigd: de sleutel van Ahmed El Amrani (controlecode {code('ahmed')})." in (
        right.output
    )
    with Store(db, readonly=True) as store:
        assert store.keys("confirmed") == {AHMED: KEYS[AHMED]}


def test_the_review_reads_confirmations_from_the_default_database(tmp_path, monkeypatch):
    """A facilitator who confirmed with plain ``plgcycle confirm`` sees it in the review."""
    from plgcycle.cli.review import _confirmations

    db = fatima_db(tmp_path / "fatima")
    folder = tmp_path / "map"
    folder.mkdir()
    write(folder, "ahmed.plgcycle.json", own_env("ahmed"))
    monkeypatch.setenv("PLGCYCLE_DB", str(db))
    assert run("confirm", "Ahmed El Amrani", code("ahmed"), folder).exit_code == 0

    class Ctx:
        obj: dict = {}

    assert _confirmations(Ctx()) == {AHMED: KEYS[AHMED]}
