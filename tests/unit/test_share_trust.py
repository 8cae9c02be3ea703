"""The shared folder applies the same trust rules as plgcycle import: the keys the database
remembers count, so a file with another key for a known colleague is refused there too."""

from __future__ import annotations

from plgcycle import exchange
from plgcycle.store import Store
from tests.share_helpers import records, share_in, sync, teacher
from tests.trust_helpers import key_of, own_env, pid


def test_a_colleagues_file_with_another_key_is_refused_by_a_sync(tmp_path):
    folder = tmp_path / "PLG"
    folder.mkdir()
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    with Store(sanne) as store:
        store.set_keys("pins", {pid("ahmed"): key_of("ahmed").public})  # seen before
    before = set(records(sanne))
    laptop = own_env("ahmed", key=key_of("ahmed", 1))  # someone else writing in his name
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(laptop))
    result = sync(sanne)
    assert "andere sleutel" in result.output, result.output
    assert set(records(sanne)) == before  # nothing of that file was taken in
    with Store(sanne, readonly=True) as store:
        assert store.keys("pins") == {pid("ahmed"): key_of("ahmed").public}


def test_a_colleagues_file_with_the_known_key_is_taken_in(tmp_path):
    folder = tmp_path / "PLG"
    folder.mkdir()
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    with Store(sanne) as store:
        store.set_keys("pins", {pid("ahmed"): key_of("ahmed").public})
    (folder / "ahmed.plgcycle.json").write_bytes(exchange.encode(own_env("ahmed")))
    sync(sanne)
    assert pid("ahmed") in records(sanne)
