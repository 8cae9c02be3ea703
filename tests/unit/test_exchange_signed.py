"""Export format version 2 as plgcycle writes and reads it: every record signed by its owner,
the file by its exporter, the same bytes for the same work, and version 1 still readable."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from plgcycle import exchange
from plgcycle.cli import cli
from plgcycle.errors import ExchangeError
from plgcycle.exchange.schema import load_schema
from plgcycle.keyfile import load_key
from plgcycle.model import PERSON, ROUND
from plgcycle.ownkey import ensure_key
from plgcycle.signing import controlecode, verify_envelope, verify_record
from plgcycle.store import Store
from plgcycle.verdict import SIG_INVALID, SIG_NONE, SIG_VALID
from tests.exchange_helpers import NOW, export_file, pid, teacher_store

ROOT = Path(__file__).resolve().parents[2]
ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "200"}


def derive_v2(v1: dict) -> dict:
    """Version 2's schema is version 1's with the signature fields and the group's kinds only."""
    s = copy.deepcopy(v1)
    s["$id"] = "urn:plgcycle:export:2"
    s["title"] = "plgcycle export, format version 2 (signed)"
    s["description"] = (
        "A file *.plgcycle.json with signed records shared between teachers of a PLG. "
        "Described in docs/export-format.md."
    )
    s["properties"]["version"] = {"const": 2}
    s["properties"]["signature"] = {"$ref": "#/$defs/signature"}
    defs = s["$defs"]
    v2 = load_schema(2)["$defs"]
    for name in ("public-key", "public-key-or-null", "signature"):
        defs[name] = v2[name]
    defs["exporter"]["description"] = v2["exporter"]["description"]
    defs["exporter"]["required"] = ["id", "name", "key"]
    defs["exporter"]["properties"]["key"] = {"$ref": "#/$defs/public-key-or-null"}
    defs["record"]["properties"]["sig"] = {"$ref": "#/$defs/signature"}
    defs["person-data"]["properties"]["key"] = {"$ref": "#/$defs/public-key"}
    # The PLG, its meetings (and a group action marked done) and the school scan came with
    # version 2.
    group_defs = ("day", "time", "line", "subgroup", "plg-data", "meeting-part", "attendance")
    group_defs += ("group-action", "action-item", "mt-point", "meeting-data", "agenda-item")
    group_defs += ("scan_round-data", "scan-answers", "scan_response-data")
    s["$defs"] = {
        **{k: v for k, v in defs.items() if k != "tombstone-data" and k in v2},
        **{k: v2[k] for k in group_defs},
        **{k: v for k, v in defs.items() if k == "tombstone-data" or k not in v2},
    }
    defs = s["$defs"]
    defs["record"]["properties"]["kind"]["enum"] += [
        "plg",
        "meeting",
        "scan_round",
        "scan_response",
    ]
    defs["record"]["else"]["allOf"] += v2["record"]["else"]["allOf"][-4:]
    defs["action-data"]["properties"]["meeting"] = {"$ref": "#/$defs/uuid-or-null"}
    defs["action-data"]["properties"]["item"] = {"$ref": "#/$defs/uuid-or-null"}
    return s


def test_the_version_2_schema_is_version_1_with_signatures_and_the_groups_kinds_only():
    assert load_schema(2) == derive_v2(load_schema(1))


def exported(tmp_path, name="sanne", profile=exchange.PROFILE_FULL, now=NOW) -> Path:
    db = tmp_path / f"{name}.json"
    fresh = not db.exists()
    with teacher_store(db, name, with_records=fresh) as store:
        key = ensure_key(store)
        preview = exchange.prepare_export(store.list(include_deleted=True), store.me, profile)
        person = store.get(store.me)
    target = tmp_path / f"{name}-{profile}.plgcycle.json"
    path = exchange.export_to(target, preview, person, now, source=db, key=key)
    assert preview.controlecode == controlecode(key.public)
    return path


@pytest.mark.parametrize("profile", exchange.PROFILES)
def test_an_export_signs_every_record_and_the_file_with_the_teachers_key(tmp_path, profile):
    path = exported(tmp_path, profile=profile)
    env = orjson.loads(path.read_bytes())
    key = load_key(tmp_path / "sanne.json")
    assert env["version"] == 2 and env["exported_by"]["key"] == key.public
    assert verify_envelope(env) is True
    assert all(verify_record(raw, key.public) for raw in env["records"])
    person = next(r for r in env["records"] if r["kind"] == PERSON)
    assert person["data"]["key"] == key.public
    parsed = exchange.read_export(path)
    assert parsed.version == 2 and parsed.signature == SIG_VALID
    assert parsed.exporter_key == key.public
    assert parsed.sigs == {raw["id"]: raw["sig"] for raw in env["records"]}
    tfile = parsed.trust_file()
    assert tfile.own_for == pid("sanne") and tfile.name == path.name
    assert all(entry.sig == entry.record.sig for entry in tfile.records)


def test_the_same_work_exported_at_the_same_moment_gives_the_same_bytes(tmp_path):
    first = exported(tmp_path).read_bytes()
    again = exported(tmp_path).read_bytes()
    assert first == again


def test_the_export_command_writes_version_2_and_says_which_key_signs_it(tmp_path):
    db = tmp_path / "sanne.json"
    teacher_store(db, "sanne").close()  # a database made before signing: no key yet
    out = tmp_path / "uit.plgcycle.json"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db), "-o", str(out), "--yes"], env=ENV, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "sleutel, die wordt gemaakt als je voor het eerst exporteert" in result.output
    key = load_key(db)
    again = CliRunner().invoke(
        cli, ["export", "--db", str(db), "-o", str(out), "--yes"], env=ENV, catch_exceptions=False
    )
    assert f"controlecode {controlecode(key.public)}" in again.output
    assert load_key(db).public == key.public  # made once, never replaced
    parsed = exchange.read_export(out)
    assert parsed.version == 2 and parsed.signature == SIG_VALID
    with Store(db, readonly=True) as store:
        assert store.get(store.me).data["key"] == key.public


def test_a_file_changed_after_signing_says_so_but_stays_readable(tmp_path):
    env = orjson.loads(exported(tmp_path).read_bytes())
    env["exported_by"]["name"] = "Iemand anders"
    parsed = exchange.parse_export(json.dumps(env).encode())
    assert parsed.signature == SIG_INVALID and parsed.trust_file().own_for is None


def test_version_1_files_stay_readable_and_carry_no_signatures():
    parsed = export_file("ahmed")
    assert parsed.version == 1 and parsed.signature == SIG_NONE and parsed.sigs == {}
    assert parsed.exporter_key is None and all(r.sig is None for r in parsed.records)
    assert parsed.trust_file().version == 1


def test_an_import_keeps_the_signature_each_record_arrived_with(tmp_path):
    path = exported(tmp_path)
    sigs = exchange.read_export(path).sigs
    with teacher_store(tmp_path / "ahmed.json", "ahmed", with_records=False) as store:
        from tests.exchange_helpers import import_into

        import_into(store, [exchange.read_export(path)])
        stored = {r.id: r.sig for r in store.list(include_deleted=True)}
    assert stored == sigs


def test_an_export_without_a_key_or_with_a_profile_that_names_another_is_refused(tmp_path):
    db = tmp_path / "sanne.json"
    with teacher_store(db, "sanne") as store:
        preview = exchange.prepare_export(store.list(include_deleted=True), store.me)
        person = store.get(store.me)
    target = tmp_path / "uit.plgcycle.json"
    with pytest.raises(ExchangeError, match="sleutel"):
        exchange.export_to(target, preview, person, source=db)
    assert not target.exists()
    with Store(db) as store:
        key = ensure_key(store)
    with pytest.raises(ExchangeError, match="sleutel"):
        exchange.export_to(target, preview, person, source=db, key=key)  # the old preview
    assert not target.exists()


def test_a_merged_file_passes_every_signature_on_unchanged(tmp_path):
    files = [exchange.read_export(exported(tmp_path, name)) for name in ("sanne", "ahmed")]
    plan = exchange.plan_merge(files)
    env = exchange.merged_envelope(files, plan, NOW)
    assert env["version"] == 2 and env["exported_by"] == {
        "id": None,
        "name": "Ahmed El Amrani, Sanne de Vries",
        "key": None,
    }
    assert "signature" not in env
    wanted = {**files[0].sigs, **files[1].sigs}
    assert {raw["id"]: raw["sig"] for raw in env["records"]} == wanted
    rounds = [raw for raw in env["records"] if raw["kind"] == ROUND]
    assert rounds and all(
        verify_record(raw, load_key(tmp_path / f"{n}.json").public)
        for raw in rounds
        for n in ("sanne", "ahmed")
        if raw["owner"] == pid(n)
    )


def test_an_export_that_is_not_confirmed_changes_nothing(tmp_path):
    db = tmp_path / "sanne.json"
    teacher_store(db, "sanne").close()
    before = db.read_bytes()
    out = tmp_path / "uit.plgcycle.json"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db), "-o", str(out)], input="n\n", env=ENV
    )
    assert result.exit_code == 1 and "Er is niets geëxporteerd" in result.output
    assert db.read_bytes() == before and load_key(db) is None and not out.exists()
