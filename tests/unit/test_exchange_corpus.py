"""Every file in tests/exchange_corpus: refused with a message naming file, record and field,
and the database stays byte-for-byte the same; plus the schema, its compiled validator and
the reference validator (jsonschema) agreeing with each other and with the model."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from plgcycle import exchange
from plgcycle.cli import cli
from plgcycle.errors import ExchangeError
from plgcycle.exchange import record_rules, validators
from plgcycle.exchange import schema as export_schema
from plgcycle.model import FIELDS_BY_KIND, LINKS, NOTES, STEPS
from tests.exchange_corpus import generate
from tests.exchange_helpers import reference_validator, teacher_store

CORPUS = Path(__file__).resolve().parents[1] / "exchange_corpus"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in CORPUS.glob("*.plgcycle.json"))


def test_every_file_has_an_expectation_and_the_corpus_is_current(tmp_path):
    assert FILES == sorted(CASES), "run tests/exchange_corpus/generate.py"
    assert len([c for c in CASES.values() if not c["accept"]]) >= 50
    fresh = generate.generate(tmp_path)
    assert fresh == CASES
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One teacher's database, copied fresh for each file."""
    folder = tmp_path_factory.mktemp("corpus-db")
    teacher_store(folder / "sanne.json", "sanne").close()
    return (folder / "sanne.json").read_bytes()


@pytest.mark.parametrize("name", FILES)
def test_corpus_file_through_import(name, database, tmp_path):
    expected = CASES[name]
    db = tmp_path / "db.json"
    db.write_bytes(database)
    result = CliRunner().invoke(
        cli, ["import", "--db", str(db), str(CORPUS / name)], catch_exceptions=False
    )
    assert "Traceback" not in result.output
    if expected["accept"]:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 6, result.output
    assert db.read_bytes() == database
    message = result.output
    assert message.startswith(f"Fout: {CORPUS / name}: ")
    assert message.rstrip().endswith("Er is niets geïmporteerd; je database is niet veranderd.")
    if expected["record"]:
        assert f"record {expected['record']}" in message
    if expected["field"]:
        assert f" {expected['field']}" in message
    for fragment in expected["contains"]:
        assert fragment in message
    assert len(message.splitlines()) == 2  # one line for the problem, one for the outcome


@pytest.mark.parametrize("name", [n for n in FILES if not CASES[n]["accept"]])
def test_corpus_file_in_english_and_through_merge(name, tmp_path):
    out = tmp_path / "merged.plgcycle.json"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "merge", str(CORPUS / name), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 6
    assert result.output.startswith(f"Error: {CORPUS / name}: ")
    assert "Nothing was written." in result.output
    if CASES[name]["field"]:
        assert f"field {CASES[name]['field']}" in result.output
    assert not out.exists()


# --- the schema --------------------------------------------------------------------------------------


def _schema_level(raw: bytes):
    """The parsed document when the schema gets to see it (JSON, right format and version)."""
    try:
        doc = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return None
    if not isinstance(doc, dict) or doc.get("format") != exchange.FORMAT:
        return None
    return doc


def test_the_compiled_validator_agrees_with_jsonschema_on_the_corpus():
    compiled = validators.compile_schema(export_schema.load_schema(), assert_formats=False)
    reference = reference_validator()
    checked = 0
    for name in FILES:
        doc = _schema_level((CORPUS / name).read_bytes())
        if doc is None:
            continue
        try:
            compiled(doc)
            ours = True
        except export_schema.Violation:
            ours = False
        try:
            theirs = reference.is_valid(doc)
        except RecursionError:  # jsonschema cannot describe a value nested 1,000 deep
            assert not ours, name
            continue
        assert ours == theirs, name
        checked += 1
    assert checked >= 50


def _verdicts(validate, doc) -> tuple[bool, bool]:
    """(the generated function's answer, the explaining checks' answer) for ``doc``."""
    try:
        validate.explain(doc)
        slow = True
    except export_schema.Violation:
        slow = False
    return validate.fast(doc), slow


def test_the_generated_check_agrees_with_the_explaining_checks_on_the_corpus():
    """A valid value is decided by one generated function; a failing one is explained by the
    closures: they must agree, or a message would name no field (or a bad value pass)."""
    for formats in (True, False):
        validate = validators.compile_schema(export_schema.load_schema(), assert_formats=formats)
        outcomes = set()
        for name in FILES:
            doc = _schema_level((CORPUS / name).read_bytes())
            if doc is not None:
                fast, slow = _verdicts(validate, doc)
                assert fast == slow, (name, formats)
                outcomes.add(fast)
        assert outcomes == {True, False}


def database_reference():
    """jsonschema's validator of one stored record, by the database schema."""
    import jsonschema

    schema = record_rules.database_schema()
    root = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/record"}
    jsonschema.Draft202012Validator.check_schema(root)
    return jsonschema.Draft202012Validator(root)


def test_the_database_check_agrees_with_jsonschema_on_the_records_of_the_corpus():
    reference = database_reference()
    validate = record_rules.database_record_validator()
    compiled = validators.compile_schema(
        record_rules.database_schema(),
        assert_formats=False,
        node=record_rules.database_schema()["$defs"]["record"],
    )
    checked = 0
    for name in FILES:
        doc = _schema_level((CORPUS / name).read_bytes())
        if doc is None or not isinstance(doc.get("records"), list):
            continue
        for record in doc["records"]:
            assert _verdicts(validate, record)[0] == _verdicts(validate, record)[1], name
            try:
                theirs = reference.is_valid(record)
            except RecursionError:
                continue
            assert _verdicts(compiled, record)[0] == theirs, (name, record.get("id"))
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("version", exchange.VERSIONS)
def test_the_schema_is_valid_json_schema_and_describes_every_field_of_the_model(version):
    import jsonschema

    schema = export_schema.load_schema(version)
    jsonschema.Draft202012Validator.check_schema(schema)
    defs = schema["$defs"]
    kinds = defs["record"]["properties"]["kind"]["enum"]
    assert set(kinds) == set(FIELDS_BY_KIND) or version == 1
    for kind, fields in FIELDS_BY_KIND.items():
        if kind not in kinds:
            continue  # the group's kinds came with version 2
        props = defs[f"{kind}-data"]["properties"]
        for field in fields:
            if field.key != NOTES:
                assert field.key in props, (kind, field.key)
        for link in LINKS[kind]:
            assert link in props or (version, link) == (1, "meeting"), (kind, link)
    for step in STEPS:
        props = defs["steps"]["properties"][step.key]["properties"]
        assert {f.key for f in step.fields if f.key != NOTES} == set(props), step.key
    for kind, keep in exchange.PROGRESS_KEEP.items():
        if kind not in kinds:
            continue
        props = defs[f"{kind}-data"]["properties"]
        later = {"key", "meeting", "item"} if version == 1 else set()  # came with version 2
        for path in keep - later:
            assert path.split(".")[0] in props, (kind, path)


def test_the_schema_says_the_same_limits_as_the_code():
    schema = export_schema.load_schema(exchange.VERSION)
    assert schema["properties"]["version"] == {"const": exchange.VERSION}
    assert export_schema.load_schema(1)["properties"]["version"] == {"const": 1}
    assert schema["properties"]["format"] == {"const": exchange.FORMAT}
    assert schema["$defs"]["text"]["anyOf"][0]["maxLength"] == 100_000
    assert schema["properties"]["profile"]["enum"] == list(exchange.PROFILES)


def test_the_compiler_refuses_keywords_it_does_not_know():
    with pytest.raises(export_schema.SchemaError, match="oneOf"):
        validators.compile_schema({"oneOf": [{"type": "string"}]})
    with pytest.raises(export_schema.SchemaError, match="format"):
        validators.compile_schema({"type": "string", "format": "email"})


def test_the_generated_check_follows_a_schema_that_refers_to_itself():
    schema = {
        "$defs": {
            "node": {"properties": {"next": {"$ref": "#/$defs/node"}, "n": {"type": "integer"}}}
        },
        "$ref": "#/$defs/node",
    }
    validate = validators.compile_schema(schema)
    validate({"n": 1, "next": {"n": 2, "next": {"n": 3}}})
    with pytest.raises(export_schema.Violation) as caught:
        validate({"n": 1, "next": {"n": 2, "next": {"n": "drie"}}})
    assert list(caught.value.path) == ["next", "next", "n"]


def test_demo_exports_of_every_teacher_are_valid_for_both_validators():
    from tests.exchange_helpers import export_env

    reference = reference_validator()
    for key in ("ahmed", "sanne", "lotte", "joris", "fatima", "pieter"):
        for profile in exchange.PROFILES:
            env = json.loads(exchange.encode(export_env(key, profile)))
            assert reference.is_valid(env)
            exchange.parse_export(exchange.encode(env))


def test_a_rejected_file_message_is_one_line_per_file(tmp_path):
    bad = tmp_path / "a.plgcycle.json"
    bad.write_bytes((CORPUS / "question-a-number.plgcycle.json").read_bytes())
    with pytest.raises(ExchangeError) as caught:
        exchange.read_export(bad)
    assert "\n" not in str(caught.value)


# --- the documentation ---------------------------------------------------------------------------

DOC = (Path(__file__).resolve().parents[2] / "docs" / "export-format.md").read_text(
    encoding="utf-8"
)


def test_the_documented_example_is_a_valid_export():
    block = DOC.split("## A complete example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    parsed = exchange.parse_export(block.encode("utf-8"), Path("example.plgcycle.json"))
    assert {r.kind for r in parsed.records} == {"person", "round", "feedback"}


def test_the_documentation_names_every_field_of_the_schema():
    defs = export_schema.load_schema(exchange.VERSION)["$defs"]
    for kind in FIELDS_BY_KIND:
        for key in defs[f"{kind}-data"]["properties"]:
            assert f"`{key}`" in DOC, (kind, key)
    for step, fields in defs["steps"]["properties"].items():
        assert f"`{step}`" in DOC
        for key in fields["properties"]:
            assert f"`{key}`" in DOC, (step, key)
    for kind, keep in exchange.PROGRESS_KEEP.items():
        row = next(line for line in DOC.splitlines() if line.startswith(f"| {kind} |"))
        for path in keep - set(exchange.PROGRESS_SUMMARY):
            assert f"`{path}`" in row, (kind, path)


def test_a_compiled_check_answers_fast_and_explains_a_refusal():
    validate = validators.compile_schema({"properties": {"n": {"type": "integer"}}})
    assert validate.fast({"n": 1}) is True
    assert validate.fast({"n": "een"}) is False
    validate.explain({"n": 1})
    with pytest.raises(export_schema.Violation) as caught:
        validate.explain({"n": "een"})
    assert list(caught.value.path) == ["n"]
