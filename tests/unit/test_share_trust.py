"""The shared folder applies the same trust rules as plgcycle import: the keys the database
remembers count, so a file with another key for a known colleague is refused there too."""

from __future__ import annotations

from plgcycle import exchange
from plgcycle.store import Store
from tests.share_helpers import records, share_in, sync, teacher
from tests.trust_helpers import key_of, own_env, pid


def sanne_sharing(tmp_path):
    """Sanne shares in a folder and has seen Ahmed's key before."""
    folder = tmp_path / "PLG"
    folder.mkdir()
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    with Store(sanne) as store:
        store.set_keys("pins", {pid("ahmed"): key_of("ahmed").public})
    return folder, sanne


def test_a_colleagues_file_with_another_key_is_refused_by_a_sync(tmp_path):
    folder, sanne = sanne_sharing(tmp_path)
    before = set(records(sanne))
    laptop = own_env("ahmed", key=key_of("ahmed", 1))  # someone else writing in his name
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(laptop))
    result = sync(sanne)
    assert "andere sleutel" in result.output, result.output
    assert set(records(sanne)) == before  # nothing of that file was taken in
    with Store(sanne, readonly=True) as store:
        assert store.keys("pins") == {pid("ahmed"): key_of("ahmed").public}


def test_a_colleagues_file_with_the_known_key_is_taken_in(tmp_path):
    folder, sanne = sanne_sharing(tmp_path)
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(own_env("ahmed")))
    sync(sanne)
    assert pid("ahmed") in records(sanne)


def test_a_file_waiting_for_a_key_is_read_again_until_the_key_is_accepted(tmp_path):
    """Not remembered as read while its key waits: every sync says so, and an accepted key
    takes it in without anything touching the file."""
    from plgcycle.signing import controlecode

    folder, sanne = sanne_sharing(tmp_path)
    laptop = own_env("ahmed", key=key_of("ahmed", 1))  # Ahmed's new laptop
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(laptop))
    (folder / "lotte.plgcycle.json").write_bytes(exchange.encode(own_env("lotte")))
    first = sync(sanne)
    assert "andere sleutel" in first.output
    assert "daarna met: plgcycle sync --accept-key 'Ahmed El Amrani'" in first.output
    again = sync(sanne)
    assert "andere sleutel" in again.output  # still waiting: said again, never forgotten
    assert "1 nu ingelezen" in again.output  # Lotte's file is remembered, Ahmed's read again
    wrong = sync(sanne, "--accept-key", "Joris Bakker", expect=2)
    assert "Joris Bakker" in wrong.output and pid("ahmed") not in records(sanne)
    accepted = sync(sanne, "--accept-key", "Ahmed El Amrani")
    code = controlecode(key_of("ahmed", 1).public)
    assert f"Bevestigd: de sleutel van Ahmed El Amrani (controlecode {code})." in accepted.output
    assert pid("ahmed") in records(sanne)
    with Store(sanne, readonly=True) as store:
        assert store.keys("accepted") == {pid("ahmed"): key_of("ahmed", 1).public}
        assert store.keys("confirmed") == {pid("ahmed"): key_of("ahmed", 1).public}
    after = sync(sanne)
    assert "andere sleutel" not in after.output and "0 nu ingelezen" in after.output
