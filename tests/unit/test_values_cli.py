"""``plgcycle values``: a measure's values from a CSV file of dates and values."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from plgcycle.cli import cli
from plgcycle.series import teacher_series
from plgcycle.store import Store

ENV = {"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "100"}
SCORES = "Datum;Leerling;Gemiddelde\n01-11-2026;2a;70\n15-11-2026;2b;74,5\n16-11-2026;2c;\n"


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), env=ENV, input=input, catch_exceptions=False)


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "demo.json"
    assert invoke("demo", "--db", str(db)).exit_code == 0
    return db


def _series(db):
    with Store(db, readonly=True) as store:
        (series,) = teacher_series(store.list(), store.me)
    return series


def test_values_are_added_to_the_newest_round_after_a_confirmation(demo_db, tmp_path):
    scores = tmp_path / "cijfers.csv"
    scores.write_text(SCORES, encoding="utf-8")
    result = invoke(
        "values", str(scores), "--measure", "opgaven AF", "--db", str(demo_db), input="j\n"
    )
    assert result.exit_code == 0, result.output
    assert "2 waarden, data uit Datum, waarden uit Gemiddelde." in result.output
    assert "1 regel met een datum maar zonder waarde is overgeslagen." in result.output
    assert "2 waarden toevoegen aan Opgaven af (ronde 2)?" in result.output
    assert "2a" not in result.output  # the other columns are never kept, nor shown
    values = [(p.date.isoformat(), p.value, p.round_no) for p in _series(demo_db).points]
    assert values[-2:] == [("2026-11-01", 70.0, 2), ("2026-11-15", 74.5, 2)]
    again = invoke("values", str(scores), "--measure", "Opgaven af", "--db", str(demo_db), "--yes")
    assert "er is niets toegevoegd" in again.output
    assert len(_series(demo_db).points) == len(values)  # not doubled


def test_saying_no_adds_nothing(demo_db, tmp_path):
    scores = tmp_path / "cijfers.csv"
    scores.write_text(SCORES, encoding="utf-8")
    before = len(_series(demo_db).points)
    result = invoke(
        "values", str(scores), "--measure", "Opgaven af", "--db", str(demo_db), input="n\n"
    )
    assert result.exit_code == 1 and "Er is niets toegevoegd." in result.output
    assert len(_series(demo_db).points) == before


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (
            SCORES,
            ("--measure", "Cijfer"),
            "Je hebt geen meting die “Cijfer” heet; jouw metingen: Opgaven af.",
        ),
        ("a;b\nfoo;bar\n", ("--measure", "Opgaven af"), "Regel 2"),
        (None, ("--measure", "Opgaven af"), "bestaat niet"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(demo_db, tmp_path, content, args, message):
    scores = tmp_path / "cijfers.csv"
    if content is not None:
        scores.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["values", str(scores), *args, "--db", str(demo_db), "--yes"], env=ENV
    )
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
