"""The facilitator's review of a shared folder: sync clients' copies read, a half-synced file
skipped with a line, the rest shown (plgcycle review FOLDER, report and agenda read the same)."""

from __future__ import annotations

import shutil

import pytest

from plgcycle.errors import ExchangeError
from plgcycle.review import load_exports
from tests.share_helpers import CONFLICT_NAMES, own_file, share_in, teacher
from tests.unit.test_share import change_question


def _questions(data) -> set[str]:
    return {r.text("question") for r in data.records if r.kind == "round" and not r.deleted}


@pytest.mark.parametrize("client", sorted(CONFLICT_NAMES))
def test_a_sync_clients_copy_with_newer_work_is_read(tmp_path, client):
    folder = tmp_path / "PLG"
    folder.mkdir()
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    original = own_file(folder, sanne)
    kept = tmp_path / "older.json"
    shutil.copy(original, kept)
    change_question(sanne, _owner(sanne), "Hoe geef ik betere feedback op betogen?")
    share_in(sanne, folder)  # the newer work, under the file's own name ...
    stem = original.name.removesuffix(".plgcycle.json")
    copy = folder / CONFLICT_NAMES[client].format(stem=stem)
    original.rename(copy)  # ... ends up in the client's copy; the older under the name
    shutil.copy(kept, original)
    data = load_exports([folder])
    assert "Hoe geef ik betere feedback op betogen?" in _questions(data)
    assert len(data.files) == 2 and data.skipped == []


def test_a_half_synced_file_in_the_folder_is_skipped_with_a_line_and_the_rest_is_read(tmp_path):
    folder = tmp_path / "PLG"
    folder.mkdir()
    sanne = teacher(tmp_path / "sanne.json", "sanne")
    share_in(sanne, folder)
    whole = own_file(folder, sanne).read_bytes()
    (folder / "ahmed.plgcycle.json").write_bytes(whole[: len(whole) // 2])  # still arriving
    (folder / ".ahmed.plgcycle.json.tmp").write_bytes(whole[:10])  # a client's temporary
    data = load_exports([folder])
    assert _questions(data)  # Sanne's work is shown
    assert len(data.skipped) == 1 and "ahmed.plgcycle.json" in data.skipped[0]
    assert data.skipped[0] in data.notices()
    with pytest.raises(ExchangeError):  # named on its own, the file's problem is the answer
        load_exports([folder / "ahmed.plgcycle.json"])


def _owner(db) -> str:
    from plgcycle.store import Store

    with Store(db, readonly=True) as store:
        assert store.me is not None
        return store.me
