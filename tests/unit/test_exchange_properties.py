"""Property tests (hypothesis): the merge rule is commutative, associative and idempotent;
importing the same file twice changes nothing; and mutated exports never cause a traceback:
they are accepted, or refused with a message while the database stays byte-for-byte the same."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from plgcycle import exchange
from plgcycle.cli import cli
from plgcycle.exchange import ExportFile, merge, plan_import
from plgcycle.exchange.merging import _content
from plgcycle.model import Record
from plgcycle.store import Store
from tests.exchange_helpers import export_env, import_into, reference_validator, teacher_store

IDS = [
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "1f8fad5b-d9cb-469f-a165-70867728950e",
    "2f8fad5b-d9cb-469f-a165-70867728950e",
    "3f8fad5b-d9cb-469f-a165-70867728950e",
]
OWNERS = [
    "a0000000-0000-4000-8000-000000000000",
    "b0000000-0000-4000-8000-000000000000",
    "c0000000-0000-4000-8000-000000000000",
]
STAMPS = [
    "2026-11-20T09:00:00.000000+00:00",
    "2026-11-21T09:00:00.000000+00:00",
    "2026-11-21T09:00:00Z",
]
MANY = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def versions(draw) -> Record:
    """A version of one of a few records: small pools, so that ids, revs and stamps collide."""
    kind = draw(st.sampled_from(["round", "feedback"]))
    deleted = draw(st.booleans())
    if deleted:
        data = {}
    elif kind == "round":
        data = {
            "question": draw(st.sampled_from(["Hoe?", "Waarom?", "Hoe help ik?"])),
            "steps": {
                "baseline": {"sources": draw(st.sampled_from(["toets", "observatie", None]))}
            },
        }
    else:
        data = {
            "round": IDS[0],
            "type": draw(st.sampled_from(["top", "tip"])),
            "text": draw(st.sampled_from(["Goed!", "Probeer dit."])),
            "giver_name": "Kees",
        }
    record = Record(
        kind,
        draw(st.sampled_from(OWNERS)),
        data,
        draw(st.sampled_from(IDS)),
        draw(st.integers(0, 3)),
        draw(st.sampled_from(STAMPS)),
        deleted,
    )
    if draw(st.integers(0, 4)) == 0:
        record = exchange.progress_record(record)  # a progress copy of the same version
    return record


record_sets = st.lists(versions(), max_size=8)


def outcome(result: exchange.MergeResult) -> dict[str, bytes]:
    return {rid: _content(record) for rid, record in result.records.items()}


@MANY
@given(record_sets, record_sets)
def test_merge_is_commutative(a, b):
    assert outcome(merge(a, b)) == outcome(merge(b, a))


@MANY
@given(record_sets, record_sets, record_sets)
def test_merge_is_associative(a, b, c):
    left = merge(merge(a, b).as_list(), c)
    right = merge(a, merge(b, c).as_list())
    assert outcome(left) == outcome(right)


@MANY
@given(record_sets, record_sets)
def test_merge_is_idempotent(a, b):
    assert outcome(merge(a, a)) == outcome(merge(a))
    once = merge(a, b)
    assert outcome(merge(once.as_list(), b)) == outcome(once)
    assert outcome(merge(once.as_list(), once.as_list())) == outcome(once)


@MANY
@given(versions(), versions())
def test_two_versions_are_a_conflict_exactly_when_the_rule_had_to_choose(x, y):
    x.id = y.id
    reported = merge([x], [y]).conflicts
    assert bool(reported) == exchange.is_conflict(x, y)
    assert exchange.winner(x, y) is exchange.winner(y, x) or _content(
        exchange.winner(x, y)
    ) == _content(exchange.winner(y, x))


def _file(records: list[Record], sender: str | None) -> ExportFile:
    unique = merge(records).as_list()  # a file holds one version per id
    return ExportFile(Path("x.plgcycle.json"), STAMPS[0], {"id": sender, "name": "X"}, unique)


@MANY
@given(record_sets, record_sets, st.sampled_from([None, *OWNERS]), st.sampled_from(OWNERS))
def test_importing_the_same_file_twice_changes_nothing(existing, incoming, me, sender):
    state = {r.id: r for r in merge(existing).as_list()}
    before = {rid: _content(r) for rid, r in state.items()}
    file = _file(incoming, sender)
    first = plan_import(state.values(), me, [file])
    for rid, record in first.writes.items():
        if me is not None:
            assert record.owner != me  # never written: a record of the local teacher
            assert rid not in before or state[rid].owner != me
        if rid in state:
            assert state[rid].owner == record.owner and state[rid].kind == record.kind
    state.update(first.writes)
    second = plan_import(state.values(), me, [file])
    assert not second.writes
    assert not any(s.added or s.updated for s in second.summaries)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(record_sets, st.sampled_from(OWNERS))
def test_importing_twice_into_a_real_database_leaves_the_file_byte_for_byte(
    tmp_path_factory, incoming, sender
):
    db = tmp_path_factory.mktemp("twice") / "db.json"
    with Store(db) as store:
        store.set_me(OWNERS[0])
        import_into(store, [_file(incoming, sender)])
    before = db.read_bytes()
    with Store(db) as store:
        plan = import_into(store, [_file(incoming, sender)])
    assert not plan.writes and db.read_bytes() == before


# --- fuzzing: mutated exports ---------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated_exports(draw) -> bytes:
    env = copy.deepcopy(BASE)
    for _round in range(draw(st.integers(1, 3))):
        # Walk from the root to some value.
        parent, key = None, None
        node = env
        while isinstance(node, (dict, list)) and node and draw(st.integers(0, 3)) > 0:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, draw(st.sampled_from(keys))
            node = node[key]
        action = draw(
            st.sampled_from(
                ["replace", "delete", "add", "retype", "huge", "deep", "duplicate", "swap-id"]
            )
        )
        if parent is None:
            if isinstance(env, dict):
                env[draw(st.text(max_size=8))] = draw(json_values)
            continue
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(["notes", "private", "extra", "question", "id"]))] = draw(
                json_values
            )
        elif action == "retype":
            parent[key] = str(node) if not isinstance(node, str) else len(node)
        elif action == "huge":
            parent[key] = "x" * draw(st.sampled_from([99_999, 100_000, 100_001]))
        elif action == "deep":  # spliced in as bytes below: json.dumps cannot go this deep
            parent[key] = f"__DEEP_{draw(st.integers(1, 1100))}__"
        elif action == "duplicate" and isinstance(env.get("records"), list) and env["records"]:
            env["records"].append(copy.deepcopy(draw(st.sampled_from(env["records"]))))
        elif (
            action == "swap-id"
            and isinstance(env.get("records"), list)
            and len(env["records"]) > 1
            and all(isinstance(r, dict) for r in env["records"][:2])
        ):
            first, second = env["records"][0], env["records"][1]
            first["id"], second["id"] = second.get("id"), first.get("id")
    if (
        draw(st.integers(0, 3)) > 0
        and isinstance(env, dict)
        and isinstance(env.get("records"), list)
    ):
        try:
            env["checksum"] = exchange.checksum(env["records"])  # reach the deeper checks
        except (TypeError, ValueError, RecursionError):
            pass
    try:
        raw = json.dumps(env, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):
        raw = b"[" * 3000
    for depth in re.findall(rb'"__DEEP_(\d+)__"', raw):
        n = int(depth)
        raw = raw.replace(b'"__DEEP_%d__"' % n, b"[" * n + b"]" * n, 1)
    cut = draw(st.sampled_from(["none", "none", "none", "truncate", "flip", "insert"]))
    if cut == "truncate" and raw:
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif cut == "flip" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
    elif cut == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


BASE = json.loads(exchange.encode(export_env("ahmed")))


def _problem_kind(output: str) -> str:
    """The kind of refusal, for hypothesis' statistics (which checks the fuzzer reaches)."""
    for marker in (
        "JSON",
        "UTF-8",
        "controlesom",
        "plgcycle-export",
        "nieuwere",
        "diep",
        "dezelfde id",
        "persoonsrecord",
        "veld",
    ):
        if marker in output:
            return marker
    return "other"


@pytest.fixture(scope="module")
def sanne_database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-db")
    teacher_store(folder / "sanne.json", "sanne").close()
    return (folder / "sanne.json").read_bytes()


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(mutated_exports())
def test_mutated_exports_are_accepted_or_refused_with_a_message(
    tmp_path_factory, sanne_database, raw
):
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "db.json"
    db.write_bytes(sanne_database)
    path = folder / "mutant.plgcycle.json"
    path.write_bytes(raw)
    result = CliRunner().invoke(cli, ["import", "--db", str(db), str(path)], catch_exceptions=False)
    assert "Traceback" not in result.output and "Onverwachte fout" not in result.output
    assert result.exit_code in (0, 6), result.output
    event("accepted" if result.exit_code == 0 else "refused: " + _problem_kind(result.output))
    if result.exit_code == 6:
        assert result.output.startswith(f"Fout: {path}: ")
        assert db.read_bytes() == sanne_database
        return
    # Accepted: the database opens, and a second import changes nothing.
    with Store(db, readonly=True) as store:
        assert store.me is not None
    after = db.read_bytes()
    again = CliRunner().invoke(cli, ["import", "--db", str(db), str(path)], catch_exceptions=False)
    assert again.exit_code == 0 and db.read_bytes() == after


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_exports())
def test_the_compiled_validator_agrees_with_jsonschema(raw):
    import orjson

    from plgcycle.exchange import schema as export_schema

    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return
    compiled = _compiled_without_formats()
    try:
        compiled(doc)
        ours = True
    except export_schema.Violation:
        ours = False
    try:  # the generated function that decides and the checks that explain agree
        compiled.explain(doc)
        explained = True
    except export_schema.Violation:
        explained = False
    assert compiled.fast(doc) == explained == ours
    records = doc.get("records") if isinstance(doc, dict) else None
    for record in records if isinstance(records, list) else ():
        _database_records_agree(record)
    try:
        theirs = reference_validator().is_valid(doc)
    except RecursionError:  # the reference implementation cannot print very deep values
        assert not ours
        return
    assert ours == theirs


def _database_records_agree(record) -> None:
    """A stored record: the database check, its explanation and jsonschema agree."""
    from plgcycle.exchange import record_rules, validators
    from plgcycle.exchange import schema as export_schema

    global _DATABASE
    if _DATABASE is None:
        from tests.unit.test_exchange_corpus import database_reference

        schema = record_rules.database_schema()
        _DATABASE = (
            validators.compile_schema(schema, assert_formats=False, node=schema["$defs"]["record"]),
            database_reference(),
        )
    compiled, reference = _DATABASE
    try:
        compiled.explain(record)
        explained = True
    except export_schema.Violation:
        explained = False
    assert compiled.fast(record) == explained
    try:
        assert reference.is_valid(record) == explained
    except RecursionError:
        assert not explained


_DATABASE = None


def _compiled_without_formats():
    from plgcycle.exchange import schema as export_schema
    from plgcycle.exchange import validators

    global _COMPILED
    if _COMPILED is None:
        _COMPILED = validators.compile_schema(export_schema.load_schema(), assert_formats=False)
    return _COMPILED


_COMPILED = None
