"""Every file in tests/signed_corpus through import, merge and the review: refused whole with
one line naming the file (and the record and field), or read with the records the trust rules
leave out, each with one line naming the file and the record, the same in every reader; and
the database unchanged by whatever is refused."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from plgcycle import exchange, review
from plgcycle.cli import cli
from plgcycle.keyfile import install_key
from plgcycle.store import Store
from tests.exchange_helpers import pid, teacher_store
from tests.signed_corpus import generate
from tests.trust_helpers import key_of

CORPUS = Path(__file__).resolve().parents[1] / "signed_corpus"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in CORPUS.glob("*.plgcycle.json"))
ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "250"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], env=ENV, catch_exceptions=False)


def test_every_file_has_an_expectation_and_the_corpus_is_current(tmp_path):
    assert FILES == sorted(CASES), "run tests/signed_corpus/generate.py"
    fresh = generate.generate(tmp_path)
    assert fresh == CASES
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


def fatima(folder: Path, pinned: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "fatima.json"
    install_key(db, key_of("fatima"))
    with teacher_store(db, "fatima") as store:
        if pinned:
            store.set_keys("pins", {pid("sanne"): key_of("sanne").public})
    return db


def left_out(name: str) -> set[tuple[str, str]]:
    """(record id, reason) the case expects the trust rules to leave out."""
    raw = orjson.loads((CORPUS / name).read_bytes())["records"]
    spec = CASES[name]["left_out"]
    if isinstance(spec, str):
        reason = spec.removeprefix("all:")
        return {(r["id"], reason) for r in raw}
    return {(raw[position - 1]["id"], reason) for position, reason in spec}


@pytest.mark.parametrize("name", FILES)
def test_signed_corpus_file_through_import(name, tmp_path):
    expected = CASES[name]
    db = fatima(tmp_path, expected["pinned"])
    before = db.read_bytes()
    result = run("import", "--db", db, CORPUS / name)
    assert "Traceback" not in result.output
    if not expected["accept"]:
        assert result.exit_code == 6, result.output
        assert db.read_bytes() == before
        assert result.output.startswith(f"Fout: {CORPUS / name}: ")
        if expected["record"]:
            assert f"record {expected['record']}" in result.output
        if expected["field"]:
            assert f"veld {expected['field']}" in result.output
        for fragment in expected["contains"]:
            assert fragment in result.output
        assert len(result.output.splitlines()) == 2
        return
    assert result.exit_code == 0, result.output
    wanted = left_out(name)
    records = {r["id"]: r for r in orjson.loads((CORPUS / name).read_bytes())["records"]}
    lines = [line.strip() for line in result.output.splitlines()]
    per_record = [line for line in lines if line.endswith("; weggelaten.")]
    assert len(per_record) == len(wanted)
    assert all(line.startswith(name + ": ") for line in per_record)
    with Store(db, readonly=True) as store:
        for rid, _reason in wanted:
            kept = store.get(rid)
            brought = {k: v for k, v in records[rid].items() if k != "sig"}
            assert kept is None or (kept.to_dict(), kept.sig) != (brought, records[rid].get("sig"))
    if expected["line"]:
        assert any(line.startswith(name + ": ") and expected["line"] in line for line in lines)
    else:
        assert not [line for line in lines if line.startswith(name + ": ")]
    if len(wanted) == len(records):  # everything left out: the database is as it was
        assert db.read_bytes() == before


@pytest.mark.parametrize(
    "name", [n for n in FILES if CASES[n]["accept"] and not CASES[n]["pinned"]]
)
def test_merge_and_review_leave_out_the_same_with_the_same_line(name, tmp_path):
    parsed = [exchange.read_export(CORPUS / name)]
    merged = exchange.plan_merge(parsed)
    data = review.load_exports([CORPUS / name])
    assert {(r.record.id, r.reason) for r in merged.summaries[0].refusals} == left_out(name)
    assert {(r.record.id, r.reason) for r in data.trust.files[0].refused} == left_out(name)
    assert merged.trust.lines() == data.lines
    out = tmp_path / "samen.plgcycle.json"
    result = run("merge", CORPUS / name, "-o", out, "--yes")
    assert result.exit_code == 0, result.output
    kept = {r["id"] for r in orjson.loads(out.read_bytes())["records"]}
    assert kept.isdisjoint({rid for rid, reason in left_out(name) if reason != "unsigned"})
