"""The forged cases of the issue, each refused or listed identically by import, merge, review,
report and agenda, in every order of the files:

- a file with ``exported_by.id: null`` carrying other people's records;
- a relayed copy of a colleague's round with a higher revision and an altered question;
- a try-out attached to someone else's question (``import a b`` vs ``import b a``);
- five feedback records with ``giver`` set to another teacher, which must not raise that
  teacher's "feedback given".
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import exchange, review
from plgcycle.cli import cli
from plgcycle.keyfile import install_key
from tests import forged
from tests.exchange_helpers import TODAY, pid, teacher_store
from tests.trust_helpers import key_of, own_env

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "250"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], env=ENV, catch_exceptions=False)


def file_lines(text: str, names) -> set[str]:
    """The one line per file that says what it lost, as a command printed it."""
    return {
        line.strip()
        for line in text.splitlines()
        if any(line.strip().startswith(name + ": ") for name in names)
        and ("weggelaten:" in line or "niet ondertekend" in line)
        and not line.strip().endswith("; weggelaten.")  # a record's own line, not the file's
    }


def record_lines(text: str) -> set[str]:
    """One line per record left out, naming the file and the record."""
    return {line.strip() for line in text.splitlines() if line.strip().endswith("; weggelaten.")}


def refused(verdicts) -> set[tuple[str, str, str]]:
    return {(v.name, r.record.id, r.reason) for v in verdicts for r in v.refused}


def every_command(tmp_path: Path, case: forged.Case, order: list[str], n: int) -> dict:
    folder = tmp_path / f"files{n}"
    paths = forged.write(folder, case, order)
    names = list(case.files)
    out: dict[str, object] = {}

    db = tmp_path / f"db{n}" / "fatima.json"
    db.parent.mkdir()
    install_key(db, key_of("fatima"))
    teacher_store(db, "fatima").close()
    imported = run("import", "--db", db, *paths)
    assert imported.exit_code == 0, imported.output
    out["import"] = file_lines(imported.output, names)
    out["import records"] = record_lines(imported.output)
    plan = exchange.plan_import((), None, [exchange.read_export(p) for p in paths])
    out["import refused"] = refused(s.verdict for s in plan.summaries)

    merged = run("merge", *paths, "-o", tmp_path / f"samen{n}.plgcycle.json", "--yes")
    assert merged.exit_code == 0, merged.output
    out["merge"] = file_lines(merged.output, names)
    out["merge records"] = record_lines(merged.output)
    merge_plan = exchange.plan_merge([exchange.read_export(p) for p in paths])
    out["merge refused"] = refused(s.verdict for s in merge_plan.summaries)

    data = review.load_exports(paths)
    out["review"] = set(data.lines)
    out["review refused"] = refused(data.trust.files)

    report = run("report", *paths, "--format", "csv")
    assert report.exit_code == 0, report.output
    out["report"] = file_lines(report.stderr, names)
    agenda = run("agenda", *paths)
    assert agenda.exit_code == 0, agenda.output
    out["agenda"] = file_lines(agenda.stderr, names)
    out["csv"] = report.stdout
    out["overview"] = review.build_overview(data, TODAY)
    return out


@pytest.mark.parametrize("name", sorted(forged.CASES))
def test_every_reader_refuses_and_lists_the_same_in_every_order(tmp_path, name):
    case = forged.CASES[name]()
    expected_lines = None
    for n, order in enumerate(itertools.permutations(case.files)):
        seen = every_command(tmp_path, case, list(order), n)
        for command in ("import refused", "merge refused", "review refused"):
            assert seen[command] == case.expected, (command, order)
        lines = {command: seen[command] for command in ("import", "merge", "review", "report")}
        lines["agenda"] = seen["agenda"]
        assert seen["import records"] == seen["merge records"]
        assert len(seen["import records"]) == len(case.expected)
        first = lines["review"]
        assert all(found == first for found in lines.values()), (lines, order)
        assert len(first) == len({file for file, _rid, _why in case.expected})
        assert all("\n" not in line for line in first)
        if expected_lines is None:
            expected_lines = first
        assert first == expected_lines, order


def test_feedback_noted_for_another_teacher_never_raises_their_feedback_given(tmp_path):
    case = forged.noted_feedback()
    without = forged.Case({**case.files, "joris.plgcycle.json": own_env("joris")}, set())
    baseline = review.build_overview(
        review.load_exports(forged.write(tmp_path / "zonder", without)), TODAY
    )
    sanne_before = next(r for r in baseline.rows if r.person_id == pid("sanne"))
    for n, order in enumerate(itertools.permutations(case.files)):
        seen = every_command(tmp_path, case, list(order), n)
        overview = seen["overview"]
        sanne = next(r for r in overview.rows if r.person_id == pid("sanne"))
        joris = [r for r in overview.rows if r.person_id == pid("joris")]
        assert sanne.feedback_given == sanne_before.feedback_given
        assert overview.figures.given.get(pid("sanne"), 0) == baseline.figures.given.get(
            pid("sanne"), 0
        )
        assert overview.figures.noted[pid("joris")] == len(case.noted)
        assert joris and all(r.feedback_noted == len(case.noted) for r in joris)
        assert set(seen["review"]) == set()  # nothing is left out: it is counted apart
        assert set(overview.data.noted_by) == case.noted
        rows = list(csv.reader(io.StringIO(seen["csv"]), delimiter=";"))
        noted_column = rows[0].index("Feedback genoteerd voor anderen (alle rondes)")
        given_column = rows[0].index("Feedback gegeven (alle rondes)")
        joris_rows = [r for r in rows[1:] if r[0] == "Joris Bakker"]
        sanne_rows = [r for r in rows[1:] if r[0] == "Sanne de Vries"]
        assert joris_rows and all(r[noted_column] == str(len(case.noted)) for r in joris_rows)
        assert sanne_rows and all(
            r[given_column] == str(sanne_before.feedback_given) for r in sanne_rows
        )
