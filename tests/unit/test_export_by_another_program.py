"""docs/export-format.md is precise enough for another program: its own code, run without any
of plgcycle's, writes a signed file that ``plgcycle import`` accepts, and the trust rules then
hold that program to its key."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from plgcycle.cli import cli
from plgcycle.store import Store
from tests.exchange_helpers import teacher_store

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "250"}
EVA = "3b241101-e2bb-4255-8caf-4136c566a962"
ROUND_ID = "6ba7b810-9dad-41d1-80b4-00c04fd430c8"
STAMP = "2026-11-20T10:00:00.000000+00:00"


def documented_program() -> str:
    section = DOC.split("## Writing a signed file from another program", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    assert "plgcycle" not in re.sub(r'"[^"]*"|b"[^"]*"', "", code)  # no plgcycle code, only text
    return code


def records(question: str) -> list[dict]:
    return [
        {
            "id": EVA,
            "kind": "person",
            "owner": EVA,
            "rev": 1,
            "updated_at": STAMP,
            "deleted": False,
            "data": {"name": "Eva de Boer", "school": "Stedelijk College Noord"},
        },
        {
            "id": ROUND_ID,
            "kind": "round",
            "owner": EVA,
            "rev": 2,
            "updated_at": STAMP,
            "deleted": False,
            "data": {"question": question, "round_no": 1, "parent": None, "chain": ROUND_ID},
        },
    ]


def write_with_the_documented_code(folder: Path, seed: bytes, question: str) -> Path:
    """Run the page's program as another program would: plain Python, json and PyNaCl."""
    folder.mkdir(parents=True, exist_ok=True)
    listing = records(question)
    namespace = {"seed": seed, "person_id": EVA, "name": "Eva de Boer"}
    code = documented_program().replace("records = [...]", "records = __records__")
    code = code.replace('open("eva.plgcycle.json"', "open(__target__")
    namespace["__records__"] = listing
    # the person record names the key, as the comment in the listing says
    code = code.replace("out = []", 'records[0]["data"]["key"] = public\nout = []', 1)
    target = folder / "eva.plgcycle.json"
    namespace["__target__"] = str(target)
    exec(compile(code, "export-format.md", "exec"), namespace)  # noqa: S102 - the page's code
    return target


def test_a_file_written_by_the_documented_code_is_imported(tmp_path):
    path = write_with_the_documented_code(tmp_path / "in", bytes(range(32)), "Hoe laat ik?")
    env = json.loads(path.read_text(encoding="utf-8"))
    assert env["version"] == 2 and "signature" in env
    db = tmp_path / "lotte.json"
    teacher_store(db, "lotte").close()
    result = CliRunner().invoke(cli, ["import", "--db", str(db), str(path)], env=ENV)
    assert result.exit_code == 0, result.output
    assert "weggelaten" not in result.output and "niet ondertekend" not in result.output
    with Store(db, readonly=True) as store:
        question = store.get(ROUND_ID)
        assert question.text("question") == "Hoe laat ik?"
        assert question.sig == env["records"][1]["sig"]
        assert store.keys("pins")[EVA] == env["exported_by"]["key"]

    # The same program with another seed is another key for Eva: left out, with a line.
    other = write_with_the_documented_code(tmp_path / "anders", bytes(range(1, 33)), "Vals")
    again = CliRunner().invoke(cli, ["import", "--db", str(db), str(other)], env=ENV)
    assert again.exit_code == 0, again.output
    assert "een andere sleutel van Eva de Boer" in again.output
    with Store(db, readonly=True) as store:
        assert store.get(ROUND_ID).text("question") == "Hoe laat ik?"
