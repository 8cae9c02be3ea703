"""Export and import rules (plgcycle.exchange), on real files and real databases.

Merging files and describing outcomes: test_exchange_merge.py; the package itself:
test_exchange_package.py.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest

from plgcycle import exchange
from plgcycle.cycle import RecordIndex
from plgcycle.errors import ExchangeError
from plgcycle.exchange import (
    FOREIGN,
    OLDER,
    PROFILE_PROGRESS,
    TAKEOVER,
    YOURS,
)
from plgcycle.exchange.profiles import _data_leaves
from plgcycle.model import FEEDBACK, ROUND, TRYOUT, Record
from plgcycle.ownkey import ensure_key
from plgcycle.store import Store
from tests.exchange_helpers import (
    NOW,
    TODAY,
    all_records,
    edited,
    export_env,
    export_file,
    import_into,
    own,
    pid,
    rehash,
    teacher_store,
)

# --- what an export holds -----------------------------------------------------------------------


def test_export_holds_the_teachers_own_records_and_the_feedback_they_gave():
    records = all_records()
    shared = exchange.export_records(records, pid("sanne"))
    assert shared and {r.owner for r in shared} == {pid("sanne")}
    assert len(shared) == len(own("sanne"))
    given = [r for r in shared if r.kind == FEEDBACK]
    rounds = {r.id: r for r in records if r.kind == ROUND}
    # Sanne gave feedback on Ahmed's rounds: it travels with her export.
    assert given and all(rounds[f.data["round"]].owner == pid("ahmed") for f in given)


def test_private_notes_marked_fields_and_settings_never_leave(tmp_path, clock):
    with teacher_store(tmp_path / "db.json", "sanne", clock) as store:
        rnd = next(r for r in store.list(ROUND, owner=store.me))
        rnd.data["notes"] = "NOTITIE-ROUND: Jan uit 4A huilde"
        rnd.data["steps"]["baseline"]["notes"] = "NOTITIE-STAP"
        rnd.data["goal_link"] = "PRIVE-DOEL"
        rnd.set_private("goal_link", True)
        rnd.data["steps"]["analyse"] = {"worked": "PRIVE-WERKTE", "why": "gedeeld waarom"}
        rnd.set_private("steps.analyse.worked", True)
        store.save(rnd)
        store.set_setting("mail_password", "GEHEIM-INSTELLING")
        ensure_key(store)
        records = store.list(include_deleted=True)
        preview = exchange.prepare_export(records, store.me)
        person = store.get(store.me)
    path = exchange.export_to(
        tmp_path / "out.plgcycle.json", preview, person, NOW, source=store.path
    )
    text = path.read_text(encoding="utf-8")
    for secret in (
        "NOTITIE-ROUND",
        "NOTITIE-STAP",
        "PRIVE-DOEL",
        "PRIVE-WERKTE",
        "GEHEIM-INSTELLING",
        '"private"',
        '"notes"',
    ):
        assert secret not in text
    assert "gedeeld waarom" in text
    assert preview.private_left_out == 4


def test_deleted_records_travel_as_tombstones_without_content(tmp_path, clock):
    with teacher_store(tmp_path / "db.json", "sanne", clock) as store:
        action = next(r for r in store.list("action", owner=store.me))
        tomb = action.copy()
        tomb.deleted = True
        store.save(tomb)  # as the screens delete
        records = store.list(include_deleted=True)
    shared = {r.id: r for r in exchange.export_records(records, pid("sanne"))}
    tomb = shared[action.id]
    assert tomb.deleted and tomb.data == {} and tomb.rev == action.rev + 1
    preview = exchange.prepare_export(records, pid("sanne"))
    assert preview.deleted == 1 and preview.counts["action"] == 0


def test_preview_lists_counts_people_and_recipients():
    preview = exchange.prepare_export(all_records(), pid("sanne"))
    assert {kind: n for kind, n in preview.counts.items() if n} == {
        "person": 1,
        "round": 2,
        "tryout": 2,
        "measure": 2,
        "feedback": 2,
        "action": 1,
    }
    assert preview.people == ["Sanne de Vries"]
    assert preview.feedback_to == ["Ahmed El Amrani"]
    text = "\n".join(preview.lines())
    assert "2 leervraagrondes" in text and "Ahmed El Amrani" in text
    assert "nooit leerlingen" in text


def test_preview_shows_names_literally():
    records = all_records()
    me = next(r for r in records if r.id == pid("sanne"))
    me.data["name"] = "[bold]Sanne[/bold] \x1b[31m"
    preview = exchange.prepare_export(records, pid("sanne"))
    line = next(line for line in preview.lines() if "Sanne" in line)
    assert "[bold]Sanne[/bold] \\x1b[31m" in line


def test_unknown_profile_is_refused():
    with pytest.raises(ExchangeError, match="summary"):
        exchange.prepare_export(all_records(), pid("sanne"), "summary")


# --- the progress profile ------------------------------------------------------------------------


def test_progress_profile_keeps_only_progress_metadata():
    records = all_records()
    originals = {r.id: r for r in records if r.owner == pid("ahmed")}
    shared = exchange.export_records(records, pid("ahmed"), PROFILE_PROGRESS)
    payload = json.dumps([r.to_dict() for r in shared], ensure_ascii=False)
    for record in originals.values():
        for path, value in _data_leaves(record):
            if (
                isinstance(value, str)
                and len(value) > 25
                and path not in exchange.PROGRESS_KEEP[record.kind]
            ):
                assert value not in payload, path
    for record in shared:
        keep = exchange.PROGRESS_KEEP[record.kind]
        for path, value in _data_leaves(record):
            assert path in keep or value is True, (record.kind, path)
    rnd = next(r for r in shared if r.kind == ROUND and r.data.get("closed_at"))
    assert rnd.data["question"] == originals[rnd.id].data["question"]
    assert rnd.data["steps"]["apply"]["decision"] == "adapt"
    assert rnd.data["steps"]["baseline"]["findings"] is True
    assert rnd.data["progress"] == [True] * 5 and rnd.data["feedback_count"] == 2


def test_progress_export_shows_the_same_cycle_position():
    """The rules of the cycle read a progress export exactly as the full records."""
    records = all_records()
    full = RecordIndex(records)
    for key in ("ahmed", "sanne", "lotte", "joris", "fatima", "pieter"):
        merged = exchange.merge(
            *(
                exchange.export_records(records, pid(k), PROFILE_PROGRESS)
                for k in ("ahmed", "sanne", "lotte", "joris", "fatima", "pieter")
            )
        )
        index = RecordIndex(merged.as_list())
        for rid, rnd in full.rounds.items():
            if rnd.owner != pid(key):
                continue
            a, b = full.view(rid), index.view(rid)
            assert (a.progress, a.step_reached, a.current_step, a.decision, a.closed) == (
                b.progress,
                b.step_reached,
                b.current_step,
                b.decision,
                b.closed,
            )
            assert b.round.data["progress"] == list(a.progress)


def test_progress_export_is_a_valid_import_for_a_facilitator(tmp_path):
    folder = tmp_path
    files = [export_file(k, PROFILE_PROGRESS) for k in ("ahmed", "sanne")]
    assert all(f.profile == PROFILE_PROGRESS for f in files)
    with Store(folder / "facilitator.json") as store:
        plan = import_into(store, files)
        assert plan.changes == len(files[0].records) + len(files[1].records)
        rnd = next(r for r in store.list(ROUND))
        assert exchange.withheld_paths(rnd)
        assert "steps.baseline.sources" in exchange.withheld_paths(rnd)
        assert "question" not in exchange.withheld_paths(rnd)
        assert rnd.text("steps") == ""  # text() never shows withheld content


def test_a_full_version_wins_over_its_progress_copy_without_a_conflict():
    record = next(r for r in own("ahmed") if r.kind == ROUND)
    copy = exchange.progress_record(record)
    assert exchange.winner(record, copy) is record
    assert exchange.winner(copy, record) is record
    assert not exchange.is_conflict(record, copy)
    assert exchange.merge([copy], [record]).records[record.id] is record


# --- the file ----------------------------------------------------------------------------------------


def test_checksum_follows_the_published_definition():
    env = export_env("sanne")
    canonical = json.dumps(
        env["records"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    assert env["checksum"] == "sha256:" + hashlib.sha256(canonical).hexdigest()
    # floats that orjson writes differently from json still check out
    env["records"][0]["data"]["school"] = "x"
    measure = next(r for r in env["records"] if r["kind"] == "measure")
    measure["data"]["value"] = 1e-7
    rehash(env)
    assert exchange.parse_export(exchange.encode(env)).checksum == env["checksum"]


def test_export_file_round_trip_keeps_every_record():
    env = export_env("ahmed")
    parsed = exchange.parse_export(exchange.encode(env), Path("a.plgcycle.json"))
    assert [r.to_dict() for r in parsed.records] == env["records"]
    assert parsed.exported_by == {"id": pid("ahmed"), "name": "Ahmed El Amrani"}
    assert parsed.profile == "full" and parsed.senders == {pid("ahmed")}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Sanne de Vries", "sanne-de-vries-2026-11-23.plgcycle.json"),
        ("Özlem Çelik-Aydın", "ozlem-celik-aydin-2026-11-23.plgcycle.json"),
        ("../../etc/passwd", "etc-passwd-2026-11-23.plgcycle.json"),
        ("周杰", "plgcycle-2026-11-23.plgcycle.json"),
        ("", "plgcycle-2026-11-23.plgcycle.json"),
    ],
)
def test_default_file_name_is_a_safe_dated_slug(name, expected):
    assert exchange.default_export_name(name, TODAY) == expected


def test_progress_file_name_says_so():
    assert (
        exchange.default_export_name("Sanne de Vries", TODAY, PROFILE_PROGRESS)
        == "sanne-de-vries-2026-11-23-voortgang.plgcycle.json"
    )


def test_write_export_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "sanne.plgcycle.json"
    target.write_text("oud", encoding="utf-8")

    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ExchangeError, match="schijf is vol"):
        exchange.write_export(target, export_env("sanne"))
    assert target.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["sanne.plgcycle.json"]


def test_write_export_refuses_what_it_could_not_read_back(tmp_path):
    env = export_env("sanne")
    env["records"][1]["data"]["question"] = 12
    with pytest.raises(ExchangeError, match="data.question"):
        exchange.write_export(tmp_path / "x.plgcycle.json", rehash(env))
    assert not (tmp_path / "x.plgcycle.json").exists()


def test_files_over_50_megabytes_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.plgcycle.json"
    with big.open("wb") as handle:
        handle.truncate(exchange.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ExchangeError, match="50 MB"):
        exchange.read_export(big)
    with pytest.raises(ExchangeError, match="50 MB"):
        exchange.parse_export(b" " * (exchange.MAX_FILE_BYTES + 1), big)


def test_missing_file_and_folder_get_a_clear_message(tmp_path):
    with pytest.raises(ExchangeError, match="bestaat niet"):
        exchange.read_export(tmp_path / "nope.plgcycle.json")
    with pytest.raises(ExchangeError, match="is een map"):
        exchange.read_export(tmp_path)


def test_read_exports_names_every_bad_file(tmp_path):
    good = tmp_path / "good.plgcycle.json"
    good.write_bytes(exchange.encode(export_env("ahmed")))
    (tmp_path / "a.plgcycle.json").write_text("{", encoding="utf-8")
    (tmp_path / "b.plgcycle.json").write_bytes(b"\xff")
    with pytest.raises(ExchangeError) as caught:
        exchange.read_exports([good, tmp_path / "a.plgcycle.json", tmp_path / "b.plgcycle.json"])
    message = str(caught.value)
    assert "a.plgcycle.json" in message and "b.plgcycle.json" in message
    assert "good.plgcycle.json" not in message


# --- import -------------------------------------------------------------------------------------------


def test_a_colleagues_file_adds_their_work_and_their_feedback_on_yours(tmp_path, clock):
    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        plan = import_into(store, [export_file("ahmed")])
        summary = plan.summaries[0]
        assert len(summary.added) == len(own("ahmed")) and not summary.ignored
        index = RecordIndex(store.list())
        mine = [r for r in index.rounds.values() if r.owner == store.me]
        feedback = [f for r in mine for f in index.view(r.id).feedback]
        assert any(f.owner == pid("ahmed") for f in feedback)


def test_import_never_changes_your_own_records(tmp_path, clock):
    records = all_records()
    mine = next(r for r in records if r.owner == pid("sanne") and r.kind == ROUND)
    forged = edited(mine, question="Door Ahmed herschreven")
    forged_new = Record(
        FEEDBACK,
        pid("sanne"),
        {"round": mine.id, "type": "tip", "text": "nep", "giver_name": "Sanne de Vries"},
        id="6f1d5c3a-8f4e-4b59-9a57-1f2e3d4c5b6a",
        rev=1,
        updated_at="2026-11-24T10:00:00.000000+00:00",
    )
    env = export_env("ahmed")
    env["records"] += [forged.to_dict(), forged_new.to_dict()]
    file = exchange.parse_export(exchange.encode(rehash(env)), Path("ahmed.plgcycle.json"))
    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        before = store.get(mine.id).to_dict()
        plan = import_into(store, [file])
        assert store.get(mine.id).to_dict() == before
        assert store.get(forged_new.id) is None
        ignored = plan.summaries[0].ignored_by_reason
        assert {r.id for r in ignored[YOURS]} == {mine.id, forged_new.id}
        lines = "\n".join(line for _i, line in exchange.summary_lines(plan))
        assert "2 records weggelaten: 2 van jou" in lines
        assert "Door Ahmed herschreven" in lines  # what was attempted is shown, in one line
        line = next(line for line in lines.splitlines() if "Door Ahmed herschreven" in line)
        assert line.startswith("ahmed.plgcycle.json: ") and line.endswith("weggelaten.")


def test_owner_and_kind_of_an_id_never_change(tmp_path, clock):
    lotte_round = next(r for r in all_records() if r.owner == pid("lotte") and r.kind == ROUND)
    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        import_into(store, [export_file("lotte")])
        takeover = edited(lotte_round, question="Overgenomen")
        takeover.owner = pid("ahmed")
        env = export_env("ahmed")
        env["records"].append(takeover.to_dict())
        file = exchange.parse_export(exchange.encode(rehash(env)))
        plan = import_into(store, [file])
        assert store.get(lotte_round.id).owner == pid("lotte")
        assert store.get(lotte_round.id).text("question") == lotte_round.text("question")
        assert [r.id for r, why in plan.summaries[0].ignored if why == TAKEOVER] == [lotte_round.id]


def test_nobody_can_attach_try_outs_or_rounds_to_your_question(tmp_path, clock):
    mine = next(r for r in own("sanne") if r.kind == ROUND)
    sneaky_tryout = Record(
        TRYOUT,
        pid("ahmed"),
        {
            "round": mine.id,
            "class_group": "4 vwo A",
            "what": "x",
            "success": "x",
            "prediction": "x",
        },
        id="7a1d5c3a-8f4e-4b59-9a57-1f2e3d4c5b6a",
        rev=1,
        updated_at="2026-11-24T10:00:00.000000+00:00",
    )
    sneaky_round = Record(
        ROUND,
        pid("ahmed"),
        {"question": "Overname", "chain": mine.id, "round_no": 9, "parent": mine.id, "steps": {}},
        id="8a1d5c3a-8f4e-4b59-9a57-1f2e3d4c5b6a",
        rev=1,
        updated_at="2026-11-24T10:00:00.000000+00:00",
    )
    env = export_env("ahmed")
    env["records"] += [sneaky_tryout.to_dict(), sneaky_round.to_dict()]
    file = exchange.parse_export(exchange.encode(rehash(env)))
    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        before = RecordIndex(store.list())
        plan = import_into(store, [file])
        after = RecordIndex(store.list())
        foreign = {r.id for r, why in plan.summaries[0].ignored if why == FOREIGN}
        assert foreign == {sneaky_tryout.id, sneaky_round.id}
        assert after.view(mine.id).tryouts == before.view(mine.id).tryouts
        assert [r.id for r in after.latest_rounds(owner=pid("sanne"))] == [
            r.id for r in before.latest_rounds(owner=pid("sanne"))
        ]


def test_records_of_a_third_colleague_are_merged_and_reported(tmp_path, clock):
    env = export_env("ahmed")
    lotte = [r.to_dict() for r in own("lotte")]
    env["records"] += lotte
    file = exchange.parse_export(exchange.encode(rehash(env)))
    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        plan = import_into(store, [file])
        assert store.get(lotte[0]["id"]) is not None
    assert plan.summaries[0].carried == {pid("lotte"): len(lotte)}
    lines = [line for _i, line in exchange.summary_lines(plan)]
    assert (
        f"ook in dit bestand: {len(lotte)} records van Lotte Jansen, niet door de afzender "
        "gemaakt" in lines
    )


def test_conflicts_are_listed_and_settled_the_same_way_everywhere(tmp_path, clock):
    rnd = next(r for r in own("ahmed") if r.kind == ROUND)
    a = edited(rnd, question="Versie A")
    b = edited(rnd, question="Versie B")
    file_a = exchange.parse_export(
        exchange.encode(
            export_env("ahmed", records=[*(r for r in all_records() if r.id != rnd.id), a])
        )
    )
    file_b = exchange.parse_export(
        exchange.encode(
            export_env("ahmed", records=[*(r for r in all_records() if r.id != rnd.id), b])
        )
    )
    kept = []
    for order in ([file_a, file_b], [file_b, file_a]):
        db = tmp_path / f"{len(kept)}.json"
        with teacher_store(db, "sanne", clock) as store:
            plan = import_into(store, order)
            kept.append(store.get(rnd.id).text("question"))
            conflicts = [c for s in plan.summaries for c in s.conflicts]
            assert len(conflicts) == 1
            line = next(line for _i, line in exchange.summary_lines(plan) if "conflict" in line)
            assert "twee verschillende versies met revisie" in line
    assert kept[0] == kept[1]


def test_older_versions_are_ignored_with_the_reason(tmp_path, clock):
    rnd = next(r for r in own("ahmed") if r.kind == ROUND)
    newer = edited(rnd, question="Nieuwer")
    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        import_into(
            store,
            [
                exchange.parse_export(
                    exchange.encode(
                        export_env(
                            "ahmed", records=[*(r for r in all_records() if r.id != rnd.id), newer]
                        )
                    )
                )
            ],
        )
        plan = import_into(store, [export_file("ahmed")])
        assert store.get(rnd.id).text("question") == "Nieuwer"
        assert [r.id for r, why in plan.summaries[0].ignored if why == OLDER] == [rnd.id]
        assert not plan.writes


def test_importing_the_same_file_twice_changes_nothing(tmp_path, clock):
    db = tmp_path / "sanne.json"
    with teacher_store(db, "sanne", clock) as store:
        import_into(store, [export_file("ahmed"), export_file("lotte")])
    before = db.read_bytes()
    with Store(db, clock=clock) as store:
        plan = import_into(store, [export_file("ahmed"), export_file("lotte")])
    assert plan.changes == 0 and not plan.writes
    assert all(not s.ignored for s in plan.summaries)
    assert db.read_bytes() == before


def test_an_import_is_one_atomic_write(tmp_path, clock, monkeypatch):
    from plgcycle import storage as store_module

    writes = []
    original = store_module.atomic_write

    def counting(path, payload):
        writes.append(path)
        return original(path, payload)

    with teacher_store(tmp_path / "sanne.json", "sanne", clock) as store:
        monkeypatch.setattr(store_module, "atomic_write", counting)
        plan = import_into(store, [export_file(k) for k in ("ahmed", "lotte", "joris")])
    assert plan.changes > 20 and len(writes) == 1


def test_a_failed_write_leaves_the_database_as_it_was(tmp_path, clock, monkeypatch):
    from plgcycle import storage as store_module
    from plgcycle.errors import SaveFailed

    db = tmp_path / "sanne.json"
    with teacher_store(db, "sanne", clock) as store:
        before = db.read_bytes()

        def full_disk(path, payload):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store_module, "atomic_write", full_disk)
        with pytest.raises(SaveFailed):
            import_into(store, [export_file("ahmed")])
        assert store.get(pid("ahmed")) is None
    assert db.read_bytes() == before


def test_a_database_without_a_teacher_takes_everything(tmp_path):
    with Store(tmp_path / "facilitator.json") as store:
        files = [export_file(k) for k in ("ahmed", "sanne", "lotte")]
        plan = import_into(store, files)
        assert plan.changes == sum(len(f.records) for f in files)
        assert store.me is None
