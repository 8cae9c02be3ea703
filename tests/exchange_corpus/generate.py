"""Regenerate the corpus of export files that plgcycle must refuse (and a few it must accept).

    .venv/bin/python tests/exchange_corpus/generate.py

Every case starts from one valid export (Sanne's work from the demo PLG) and
breaks one thing.  ``cases.json`` says, per file, whether it must be accepted
and, when refused, which record (1-based) and field the message must name.
tests/unit/test_exchange_corpus.py runs every ``*.plgcycle.json`` in this
folder and fails when a file has no entry in ``cases.json``.
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from plgcycle import demo, exchange  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def base() -> dict:
    me, records = demo.build(date(2026, 11, 23), me="sanne")
    chosen = exchange.export_records(records, me)
    person = next(r for r in chosen if r.id == me)
    return exchange.envelope(chosen, {"id": me, "name": person.text("name")}, NOW)


def position(env: dict, kind: str, nth: int = 0) -> int:
    """The index of the ``nth`` record of ``kind``."""
    found = [i for i, r in enumerate(env["records"]) if r["kind"] == kind]
    return found[nth]


def rehash(env: dict) -> dict:
    env["checksum"] = exchange.checksum(env["records"])
    return env


CASES: dict[str, dict] = {}


def case(
    name: str,
    *,
    accept: bool = False,
    record: int | None = None,
    field: str | None = None,
    contains: tuple[str, ...] = (),
):
    def register(build):
        CASES[name] = {
            "build": build,
            "accept": accept,
            "record": record,
            "field": field,
            "contains": list(contains),
        }
        return build

    return register


# --- files that are not exports at all -----------------------------------------------------------


@case("empty-file", contains=("JSON",))
def _(env):
    return b""


@case("not-json-truncated", contains=("JSON",))
def _(env):
    return exchange.encode(env)[:500]


@case("not-utf8-latin1", contains=("UTF-8",))
def _(env):
    env["records"][0]["data"]["name"] = "José"
    return exchange.encode(rehash(env)).replace("José".encode(), "Jos\xe9".encode("latin-1"))


@case("json-array", contains=("plgcycle",))
def _(env):
    return b"[]"


@case("wrong-format", contains=("plgcycle-export",))
def _(env):
    env["format"] = "onenote-export"
    return env


@case("newer-version", contains=("3",))
def _(env):
    env["version"] = 3
    return env


@case("version-as-text", field="version")
def _(env):
    env["version"] = "1"
    return env


@case("nan-literal", contains=("JSON",))
def _(env):
    text = exchange.encode(env).decode()
    return text.replace('"rev": 1', '"rev": NaN', 1).encode()


@case("nested-too-deep", contains=())
def _(env):
    return (
        b'{"format": "plgcycle-export", "version": 1, "records": '
        + b"[" * 2000
        + b"]" * 2000
        + b"}"
    )


# --- the envelope ---------------------------------------------------------------------------------


@case("checksum-mismatch", contains=("checksum",))
def _(env):
    env["records"][position(env, "round")]["data"]["question"] += " (gewijzigd)"
    return env


@case("checksum-malformed", field="checksum")
def _(env):
    env["checksum"] = "md5:1234"
    return env


@case("checksum-missing", field="checksum")
def _(env):
    del env["checksum"]
    return env


@case("exported-at-missing", field="exported_at")
def _(env):
    del env["exported_at"]
    return env


@case("exported-at-not-iso", field="exported_at")
def _(env):
    env["exported_at"] = "23-11-2026 09:00"
    return env


@case("exported-at-local-time", field="exported_at")
def _(env):
    env["exported_at"] = "2026-11-23T10:00:00+01:00"
    return env


@case("exported-by-not-object", field="exported_by")
def _(env):
    env["exported_by"] = "Sanne"
    return env


@case("exported-by-id-not-uuid", field="exported_by.id")
def _(env):
    env["exported_by"]["id"] = "sanne"
    return env


@case("unknown-envelope-field", field="comment")
def _(env):
    env["comment"] = "voor de bijeenkomst"
    return env


@case("unknown-profile", field="profile")
def _(env):
    env["profile"] = "summary"
    return env


@case("records-not-a-list", field="records")
def _(env):
    env["records"] = {"a": 1}
    return rehash(env)


# --- records ---------------------------------------------------------------------------------------


@case("record-not-object", record=2)
def _(env):
    env["records"][1] = "round"
    return rehash(env)


@case("record-missing-id", record=1, field="id")
def _(env):
    del env["records"][0]["id"]
    return rehash(env)


@case("record-missing-data", record=3, field="data")
def _(env):
    del env["records"][2]["data"]
    return rehash(env)


@case("id-not-uuid", record=1, field="id")
def _(env):
    env["records"][0]["id"] = "sanne-1"
    return rehash(env)


@case("id-upper-case", record=2, field="id")
def _(env):
    env["records"][1]["id"] = env["records"][1]["id"].upper()
    return rehash(env)


@case("id-trailing-newline", record=2, field="id")
def _(env):
    env["records"][1]["id"] += "\n"
    return rehash(env)


@case("id-bidi-override", record=2, field="id")
def _(env):
    env["records"][1]["id"] = "\u202e" + env["records"][1]["id"][1:]
    return rehash(env)


@case("owner-not-uuid", record=2, field="owner")
def _(env):
    env["records"][1]["owner"] = "Sanne de Vries"
    return rehash(env)


@case("unknown-kind", record=2, field="kind")
def _(env):
    env["records"][1]["kind"] = "meeting"
    return rehash(env)


@case("rev-negative", record=2, field="rev")
def _(env):
    env["records"][1]["rev"] = -1
    return rehash(env)


@case("rev-as-text", record=2, field="rev")
def _(env):
    env["records"][1]["rev"] = "3"
    return rehash(env)


@case("rev-fraction", record=2, field="rev")
def _(env):
    env["records"][1]["rev"] = 2.5
    return rehash(env)


@case("rev-true", record=2, field="rev")
def _(env):
    env["records"][1]["rev"] = True
    return rehash(env)


@case("rev-huge", record=2, field="rev")
def _(env):
    env["records"][1]["rev"] = 2**60
    return rehash(env)


@case("updated-at-not-iso", record=2, field="updated_at")
def _(env):
    env["records"][1]["updated_at"] = "gisteren"
    return rehash(env)


@case("updated-at-impossible-date", record=2, field="updated_at")
def _(env):
    env["records"][1]["updated_at"] = "2026-02-30T09:00:00.000000+00:00"
    return rehash(env)


@case("updated-at-arabic-digits", record=2, field="updated_at")
def _(env):
    env["records"][1]["updated_at"] = "٢٠٢٦-11-23T09:00:00.000000+00:00"
    return rehash(env)


@case("deleted-as-text", record=2, field="deleted")
def _(env):
    env["records"][1]["deleted"] = "no"
    return rehash(env)


@case("unknown-record-field", record=2, field="school")
def _(env):
    env["records"][1]["school"] = "Stedelijk College"
    return rehash(env)


@case("duplicate-id-different-content", contains=("1", "2"))
def _(env):
    twin = copy.deepcopy(env["records"][position(env, "round")])
    twin["data"]["question"] = "Een andere vraag?"
    env["records"].append(twin)
    return rehash(env)


@case("person-owned-by-someone-else", record=1, field="owner")
def _(env):
    env["records"][0]["owner"] = env["records"][1]["id"]
    return rehash(env)


@case("tombstone-with-content", record=2, field="data")
def _(env):
    env["records"][1]["deleted"] = True
    return rehash(env)


# --- data ----------------------------------------------------------------------------------------


def _round(env):
    return position(env, "round")


@case("question-missing", field="data.question")
def _(env):
    i = _round(env)
    del env["records"][i]["data"]["question"]
    CASES["question-missing"]["record"] = i + 1
    return rehash(env)


@case("question-a-number", field="data.question")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["question"] = 42
    CASES["question-a-number"]["record"] = i + 1
    return rehash(env)


@case("text-over-100000", field="data.steps.baseline.findings", contains=("100",))
def _(env):
    i = _round(env)
    env["records"][i]["data"]["steps"]["baseline"]["findings"] = "x" * 100_001
    CASES["text-over-100000"]["record"] = i + 1
    return rehash(env)


@case("text-nested-list", field="data.steps.baseline.sources")
def _(env):
    i = _round(env)
    value: list = []
    for _depth in range(200):
        value = [value]
    env["records"][i]["data"]["steps"]["baseline"]["sources"] = value
    CASES["text-nested-list"]["record"] = i + 1
    return rehash(env)


@case("kind-a-deep-list", record=2, field="kind")
def _(env):
    env["records"][1]["kind"] = "__DEEP__"
    rehash(env)
    return exchange.encode(env).replace(b'"__DEEP__"', b"[" * 1020 + b"]" * 1020)


@case("unknown-step", field="data.steps.evaluate")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["steps"]["evaluate"] = {"worked": "ja"}
    CASES["unknown-step"]["record"] = i + 1
    return rehash(env)


@case("student-name-field", field="data.student")
def _(env):
    i = position(env, "tryout")
    env["records"][i]["data"]["student"] = "Jan Jansen"
    CASES["student-name-field"]["record"] = i + 1
    return rehash(env)


@case("private-notes-included", field="data.notes")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["notes"] = "Alleen voor mij."
    CASES["private-notes-included"]["record"] = i + 1
    return rehash(env)


@case("private-marks-included", field="data.private")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["private"] = ["goal_link"]
    CASES["private-marks-included"]["record"] = i + 1
    return rehash(env)


@case("planned-date-in-words", field="data.planned_date")
def _(env):
    i = position(env, "tryout")
    env["records"][i]["data"]["planned_date"] = "volgende week"
    CASES["planned-date-in-words"]["record"] = i + 1
    return rehash(env)


@case("planned-date-impossible", field="data.planned_date")
def _(env):
    i = position(env, "tryout")
    env["records"][i]["data"]["planned_date"] = "2026-13-01"
    CASES["planned-date-impossible"]["record"] = i + 1
    return rehash(env)


@case("tryout-round-not-uuid", field="data.round")
def _(env):
    i = position(env, "tryout")
    env["records"][i]["data"]["round"] = "ronde 1"
    CASES["tryout-round-not-uuid"]["record"] = i + 1
    return rehash(env)


@case("measure-value-as-text", field="data.value")
def _(env):
    i = position(env, "measure")
    env["records"][i]["data"]["value"] = "6,8"
    CASES["measure-value-as-text"]["record"] = i + 1
    return rehash(env)


@case("feedback-type-unknown", field="data.type")
def _(env):
    i = position(env, "feedback")
    env["records"][i]["data"]["type"] = "compliment"
    CASES["feedback-type-unknown"]["record"] = i + 1
    return rehash(env)


@case("decision-unknown", field="data.steps.apply.decision")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["steps"]["apply"]["decision"] = "doorgaan"
    CASES["decision-unknown"]["record"] = i + 1
    return rehash(env)


@case("round-number-zero", field="data.round_no")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["round_no"] = 0
    CASES["round-number-zero"]["record"] = i + 1
    return rehash(env)


@case("feedback-status-bad-key", field="data.feedback_status")
def _(env):
    i = _round(env)
    env["records"][i]["data"]["feedback_status"] = {"feedback 1": "adopted"}
    CASES["feedback-status-bad-key"]["record"] = i + 1
    return rehash(env)


@case("action-done-as-text", field="data.done")
def _(env):
    i = position(env, "action")
    env["records"][i]["data"]["done"] = "ja"
    CASES["action-done-as-text"]["record"] = i + 1
    return rehash(env)


@case("progress-file-with-content", field="data.steps.analyse.worked")
def _(env):
    i = _round(env)
    env["profile"] = "progress"
    for record in env["records"]:
        record["data"] = {}
        if record["kind"] == "person":
            record["data"] = {"name": "Sanne de Vries"}
    first_round = position(env, "round")
    env["records"] = [
        r for i, r in enumerate(env["records"]) if r["kind"] == "person" or i == first_round
    ]
    i = position(env, "round")
    env["records"][i]["data"] = {
        "question": "Hoe help ik…?",
        "steps": {"analyse": {"worked": "De checklist."}},
    }
    CASES["progress-file-with-content"]["record"] = i + 1
    return rehash(env)


# --- numbers and moments that cannot be true ---------------------------------------------------------


def _spliced(env, i: int, number: bytes) -> bytes:
    """The export with the measured value of record ``i`` written as ``number`` (literally)."""
    env["records"][i]["data"]["value"] = 123456.789
    rehash(env)
    return exchange.encode(env).replace(b"123456.789", number, 1)


@case("measure-value-2-to-the-64", field="data.value")
def _(env):
    i = position(env, "measure")
    env["records"][i]["data"]["value"] = 2**64  # JSON allows it; a float cannot keep it
    CASES["measure-value-2-to-the-64"]["record"] = i + 1
    return rehash(env)


@case("measure-value-1e400", field="data.value", contains=("9.007.199.254.740.991",))
def _(env):
    i = position(env, "measure")
    CASES["measure-value-1e400"]["record"] = i + 1
    return _spliced(env, i, b"1e400")


@case("measure-value-500-digits", field="data.value")
def _(env):
    i = position(env, "measure")
    CASES["measure-value-500-digits"]["record"] = i + 1
    return _spliced(env, i, b"-" + b"9" * 500)


@case("updated-at-far-future", record=2, field="updated_at", contains=("9999-12-31",))
def _(env):
    env["records"][1]["updated_at"] = "9999-12-31T23:59:59Z"
    return rehash(env)


@case("exported-at-far-future", field="exported_at", contains=("2999-01-01",))
def _(env):
    env["exported_at"] = "2999-01-01T00:00:00.000000+00:00"
    return env


@case("closed-at-far-future", field="data.closed_at", contains=("9999-12-31",))
def _(env):
    i = _round(env)
    env["records"][i]["data"]["closed_at"] = "9999-12-31T23:59:59.999999+00:00"
    CASES["closed-at-far-future"]["record"] = i + 1
    return rehash(env)


# --- files that must be accepted -------------------------------------------------------------------


@case("ok-byte-order-mark", accept=True)
def _(env):
    return b"\xef\xbb\xbf" + exchange.encode(env)


@case("ok-z-timestamps", accept=True)
def _(env):
    for record in env["records"]:
        record["updated_at"] = record["updated_at"].replace("+00:00", "Z")
    env["exported_at"] = "2026-11-23T09:00:00Z"
    return rehash(env)


@case("ok-identical-duplicates", accept=True)
def _(env):
    env["records"].append(copy.deepcopy(env["records"][1]))
    return rehash(env)


@case("ok-markup-and-escapes-are-data", accept=True)
def _(env):
    i = _round(env)
    env["records"][i]["data"]["question"] = "[bold red]Hoe?[/] \x1b[31m<script>=1+1"
    return rehash(env)


@case("ok-merged-without-exporter", accept=True)
def _(env):
    env["sources"] = [
        {
            "id": env["exported_by"]["id"],
            "name": env["exported_by"]["name"],
            "exported_at": env["exported_at"],
        }
    ]
    env["exported_by"] = {"id": None, "name": "Sanne de Vries"}
    return env


@case("ok-minimal-third-party", accept=True)
def _(env):
    person = "0f8fad5b-d9cb-469f-a165-70867728950e"
    return {
        "format": "plgcycle-export",
        "version": 1,
        "exported_at": "2026-11-23T09:00:00Z",
        "exported_by": {"id": person, "name": "Kees"},
        "records": [
            {
                "id": person,
                "kind": "person",
                "owner": person,
                "rev": 1,
                "updated_at": "2026-11-23T09:00:00Z",
                "deleted": False,
                "data": {"name": "Kees"},
            }
        ],
        "checksum": exchange.checksum(
            [
                {
                    "id": person,
                    "kind": "person",
                    "owner": person,
                    "rev": 1,
                    "updated_at": "2026-11-23T09:00:00Z",
                    "deleted": False,
                    "data": {"name": "Kees"},
                }
            ]
        ),
    }


@case("ok-round-number-written-as-3.0", accept=True)
def _(env):
    i = _round(env)
    env["records"][i]["data"]["round_no"] = 3.0  # JSON Schema: a whole number; read as 3
    return rehash(env)


def generate(folder: Path) -> dict:
    """Write every case into ``folder``; returns the expectations (also written as cases.json)."""
    for old in folder.glob("*.plgcycle.json"):
        old.unlink()
    expectations = {}
    for name, spec in CASES.items():
        result = spec["build"](base())
        payload = result if isinstance(result, bytes) else exchange.encode(result)
        (folder / f"{name}.plgcycle.json").write_bytes(payload)
        expectations[f"{name}.plgcycle.json"] = {
            key: spec[key] for key in ("accept", "record", "field", "contains")
        }
    (folder / "cases.json").write_text(
        json.dumps(expectations, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return expectations


if __name__ == "__main__":
    print(f"{len(generate(HERE))} files written to {HERE.name}/")
