"""``plgcycle merge`` through the trust rules: signatures passed on unchanged, what is forged
left out with one line per file, and the same merged file in every order of the inputs."""

from __future__ import annotations

import itertools

import orjson
import pytest
from click.testing import CliRunner

from plgcycle import exchange
from plgcycle.cli import cli
from plgcycle.keyfile import install_key
from plgcycle.store import Store
from tests import forged
from tests.exchange_helpers import NOW, teacher_store
from tests.trust_helpers import key_of

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "250"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], env=ENV, catch_exceptions=False)


def merged_bytes(paths) -> bytes:
    files = [exchange.read_export(p) for p in paths]
    return exchange.encode(exchange.merged_envelope(files, exchange.plan_merge(files), NOW))


@pytest.mark.parametrize("name", sorted(forged.CASES))
def test_a_merge_is_the_same_file_in_every_order_and_leaves_the_forgeries_out(tmp_path, name):
    case = forged.CASES[name]()
    paths = forged.write(tmp_path, case)
    outputs = {merged_bytes(order) for order in itertools.permutations(paths)}
    assert len(outputs) == 1
    env = orjson.loads(outputs.pop())

    def exact(raw: dict) -> bytes:
        return orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)

    kept = {exact(raw) for raw in env["records"]}
    for file, rid, _reason in case.expected:
        raw = next(r for r in case.files[file]["records"] if r["id"] == rid)
        assert exact(raw) not in kept
    # Every record in the merged file is one that arrived, with its signature unchanged.
    arrived = {exact(r) for e in case.files.values() for r in e["records"]}
    assert kept <= arrived and len(kept) == len(env["records"])


@pytest.mark.parametrize("name", sorted(forged.CASES))
def test_the_merge_command_lists_what_it_left_out_one_line_per_record(tmp_path, name):
    case = forged.CASES[name]()
    paths = forged.write(tmp_path / "in", case)
    out = tmp_path / "samen.plgcycle.json"
    seen = set()
    for order in itertools.permutations(paths):
        result = run("merge", *order, "-o", out, "--yes")
        assert result.exit_code == 0, result.output
        lines = {
            line.strip()
            for line in result.output.splitlines()
            if line.strip().endswith("weggelaten.")
        }
        assert len(lines) == len(case.expected)
        for file, _rid, _reason in case.expected:
            assert any(line.startswith(file + ": ") for line in lines)
        records = orjson.loads(out.read_bytes())["records"]
        seen.add((frozenset(lines), orjson.dumps(records)))
    assert len(seen) == 1


def test_a_relayed_record_is_as_trustworthy_as_the_original(tmp_path):
    """Importing a subgroup's merged file gives exactly what importing the originals gives."""
    case = forged.noted_feedback()
    originals = forged.write(tmp_path / "in", case)
    merged = tmp_path / "subgroep.plgcycle.json"
    assert run("merge", *originals, "-o", merged, "--yes").exit_code == 0
    env = orjson.loads(merged.read_bytes())
    assert env["exported_by"] == {"id": None, "name": env["exported_by"]["name"], "key": None}
    assert "signature" not in env

    def imported(paths, folder):
        folder.mkdir()
        db = folder / "lotte.json"
        install_key(db, key_of("lotte"))
        teacher_store(db, "lotte").close()
        result = run("import", "--db", db, *paths)
        assert result.exit_code == 0, result.output
        with Store(db, readonly=True) as store:
            return {r.id: (r.to_dict(), r.sig) for r in store.list(include_deleted=True)}

    assert imported([merged], tmp_path / "a") == imported(originals, tmp_path / "b")


def test_a_merge_of_merged_files_keeps_every_signature(tmp_path):
    case = forged.noted_feedback()
    paths = forged.write(tmp_path / "in", case)
    first, second = tmp_path / "een.plgcycle.json", tmp_path / "twee.plgcycle.json"
    assert run("merge", paths[0], paths[1], "-o", first, "--yes").exit_code == 0
    assert run("merge", paths[2], first, "-o", second, "--yes").exit_code == 0
    direct = orjson.loads(merged_bytes(paths))["records"]
    again = orjson.loads(second.read_bytes())["records"]
    assert direct == again
