"""Two teachers' laptops share a PLG folder through two real Syncthing instances (127.0.0.1).

Sanne's laptop is instance a, Bram's is b; each has its own plgcycle database (outside the
folder) and its own copy of the folder.  They run ``plgcycle share`` once and ``plgcycle
sync`` afterwards, as a teacher would.  A question and feedback travel both ways; work done
on both laptops while they cannot reach each other arrives on both; a conflict Syncthing
makes by writing one file on both sides at once is resolved by the merge, and nothing is
lost or counted twice.  Every wait is bounded (tests/syncthing); skips without syncthing
unless PLGCYCLE_REQUIRE_SYNCTHING=1.
"""

from __future__ import annotations

import json
import time

import pytest

from plgcycle import cycle, share
from plgcycle.exchange import export_to
from plgcycle.model import FEEDBACK, ROUND, TRYOUT
from plgcycle.store import Store
from tests.share_helpers import new_teacher, own_file, records, share_in, sync


def sanne_bram(tmp_path, cluster):
    """Both laptops set up: a database each, the shared folder set, both files synced."""
    sanne, bram = tmp_path / "laptop-a" / "sanne.json", tmp_path / "laptop-b" / "bram.json"
    sanne.parent.mkdir()
    bram.parent.mkdir()
    new_teacher(sanne, "Sanne de Vries")
    new_teacher(bram, "Bram Jansen")
    share_in(sanne, cluster.a.folder)
    share_in(bram, cluster.b.folder)
    cluster.wait_until_synced()
    assert "Van Bram Jansen: 1 nieuw" in sync(sanne).output  # they know each other's names
    assert "Van Sanne de Vries: 1 nieuw" in sync(bram).output
    return sanne, bram


def me(db):
    with Store(db, readonly=True) as store:
        return store.get(store.me)


def arrived(cluster, inst, db_from, folder_from, text: str) -> bytes:
    """Wait until the file of ``db_from`` (as written in ``folder_from``) is on ``inst``."""
    name = own_file(folder_from, db_from).name
    return cluster.wait_for_file(inst, name, lambda data: text.encode() in data)


@pytest.mark.slow
def test_two_laptops_share_a_question_and_feedback_both_ways_and_lose_nothing(
    tmp_path, syncthing_pair
):
    cluster = syncthing_pair
    started = time.monotonic()
    a, b = cluster.a, cluster.b
    sanne, bram = sanne_bram(tmp_path, cluster)
    sanne_me, bram_me = me(sanne), me(bram)

    # 1. Sanne writes a question; it reaches Bram.
    with Store(sanne) as store:
        question = store.save(cycle.new_question(sanne_me.id, "Hoe activeer ik 3 havo?"))
    sync(sanne, "--yes")  # a first question: her file now holds more, and she agrees
    arrived(cluster, b, sanne, a.folder, "Hoe activeer ik 3 havo?")
    assert "Van Sanne de Vries: 1 nieuw, 0 bijgewerkt." in sync(bram).output
    assert question.id in records(bram)

    # 2. Bram gives feedback on it; it reaches Sanne.
    with Store(bram) as store:
        tip = store.save(
            cycle.new_feedback(
                records(bram)[question.id], bram_me.id, "tip", "Werk met wisbordjes.",
                "Bram Jansen", giver=bram_me.id,
            )
        )  # fmt: skip
    sync(bram, "--yes")
    arrived(cluster, a, bram, b.folder, "Werk met wisbordjes.")
    assert "Van Bram Jansen: 1 nieuw, 0 bijgewerkt." in sync(sanne).output
    assert records(sanne)[tip.id].data["text"] == "Werk met wisbordjes."

    # 3. Apart (a train without wifi): both work and sync, then meet again.
    cluster.pause()
    with Store(sanne) as store:
        status = records(sanne)[question.id]
        status.data["feedback_status"] = {tip.id: "adopted"}
        store.save(status)
    with Store(bram) as store:
        bram_question = store.save(cycle.new_question(bram_me.id, "Hoe laat ik 2 vwo praten?"))
    sync(sanne)
    sync(bram, "--yes")
    cluster.resume()
    arrived(cluster, b, sanne, a.folder, '"adopted"')
    arrived(cluster, a, bram, b.folder, "Hoe laat ik 2 vwo praten?")
    assert "Van Bram Jansen: 1 nieuw, 0 bijgewerkt." in sync(sanne).output
    assert "Van Sanne de Vries: 0 nieuw, 1 bijgewerkt." in sync(bram).output

    # 4. Both sides write Sanne's file at once: on her laptop plgcycle writes her first
    # try-out, on Bram's an editor re-saves the copy he opened. Syncthing keeps one under the
    # name and the other as a conflict copy; whichever it is, the merge takes the newest.
    with Store(sanne) as store:
        tryout = store.save(cycle.new_tryout(records(sanne)[question.id], sanne_me.id))
        own = share.prepare_own(store.shared_records(), store.me)
        agreed = share.config_from(store.setting).scope  # she agrees to share try-outs now
        store.set_setting(share.SCOPE_SETTING, share.merged_scope(agreed, own.scope))
    assert TRYOUT in own.scope["kinds"] and ROUND in own.scope["kinds"]
    name = own_file(a.folder, sanne).name
    cluster.wait_until_synced()
    opened = b.path(name).read_bytes()
    resaved = json.dumps(json.loads(opened), ensure_ascii=False, indent=2).encode()
    scratch = tmp_path / "scratch"  # what plgcycle writes for her, made while apart
    scratch.mkdir()
    written = export_to(
        scratch / name, own.preview, own.person, own.moment, source=sanne
    ).read_bytes()
    outcome = cluster.force_conflict(
        name, loser_data=written, winner_data=resaved, loser=a, winner=b
    )
    assert outcome.name.startswith(name.removesuffix(".json") + ".sync-conflict-")
    assert b.path(name).read_bytes() == resaved and b.path(outcome.name).read_bytes() == written

    result = sync(bram)  # the try-out is only in the conflict copy: taken in, once
    assert "Van Sanne de Vries: 1 nieuw, 0 bijgewerkt." in result.output
    assert tryout.id in records(bram)
    assert "is geschreven" in sync(sanne).output  # her file under its name is hers again
    cluster.wait_for_file(b, name, lambda data: data == written)
    assert "Niets nieuws van collega's." in sync(bram).output  # never counted twice

    files = cluster.wait_until_synced()
    assert files[name] == written and files[outcome.name] == written
    sanne_has, bram_has = records(sanne), records(bram)
    assert {tip.id, bram_question.id, question.id, tryout.id} <= set(sanne_has) & set(bram_has)
    for record_id in (question.id, tryout.id, tip.id, bram_question.id):
        assert sanne_has[record_id].to_dict() == bram_has[record_id].to_dict()
    assert sanne_has[question.id].data["feedback_status"] == {tip.id: "adopted"}
    assert sum(1 for r in bram_has.values() if r.kind == FEEDBACK) == 1
    print(f"\nsharing through syncthing: {time.monotonic() - started:.1f} s")
