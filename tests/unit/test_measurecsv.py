"""measurecsv.py: a measure's figures as numbers in their own CSV columns, as a spreadsheet reads them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from test_series import Teacher  # noqa: E402

from plgcycle import i18n
from plgcycle import measurecsv as mc
from plgcycle import series as sr
from plgcycle.measurepoints import UP, Point, with_points
from plgcycle.model import MEASURE, Record


@pytest.mark.parametrize(
    "value, nl, en",
    [
        (6.5, "6,5", "6.5"),
        (55, "55", "55"),
        (55.0, "55", "55"),
        (-2.5, "-2,5", "-2.5"),
        (
            0.1 + 0.2,
            "0,30000000000000004",
            "0.30000000000000004",
        ),  # in full: a spreadsheet rounds, we do not
        (
            1e-05,
            "0,00001",
            "0.00001",
        ),  # never an exponent, which a Dutch spreadsheet would read as text
        (1e20, "100000000000000000000", "100000000000000000000"),
        (-0.0, "0", "0"),
        (1234567.25, "1234567,25", "1234567.25"),  # no thousands separator
        (None, "", ""),
        (True, "", ""),
        ("55", "", ""),
        (float("nan"), "", ""),
    ],
)
def test_number_cells(value, nl, en):
    assert mc.number_cell(value, "nl") == nl
    assert mc.number_cell(value, "en") == en
    if en:
        assert float(en) == value  # nothing lost


def test_the_current_language_decides_decimal_mark_and_separator():
    assert (mc.number_cell(6.5), mc.delimiter()) == ("6,5", ";")
    i18n.set_language("en")
    assert (mc.number_cell(6.5), mc.delimiter()) == ("6.5", ",")


def measure(**data) -> Record:
    return with_points(
        Record(
            MEASURE,
            "sanne",
            {"round": "r1", "name": "Cijfer schrijftoets", "unit": "punten", **data},
            "m1",
        ),
        [
            Point(date(2026, 9, 14), 6.1, baseline=True),
            Point(date(2026, 10, 2), 6.4),
            Point(date(2026, 10, 20), 6.8),
        ],
    )


def test_a_measure_as_name_baseline_value_target_date_unit():
    assert mc.measure_header() == ["Meting", "Beginsituatie", "Waarde", "Doel", "Datum", "Eenheid"]
    assert mc.measure_cells(measure(target=7)) == [
        "Cijfer schrijftoets",
        "6,1",
        "6,8",
        "7",
        "2026-10-20",
        "punten",
    ]
    i18n.set_language("en")
    assert mc.measure_header() == ["Measure", "Baseline", "Value", "Target", "Date", "Unit"]
    assert mc.measure_cells(measure()) == [
        "Cijfer schrijftoets",
        "6.1",
        "6.8",
        "",
        "2026-10-20",
        "punten",
    ]


def test_an_old_measure_and_a_progress_export_measure():
    old = Record(
        MEASURE,
        "sanne",
        {"round": "r1", "name": "Opgaven af", "unit": "%", "baseline": 55, "value": 68},
        "m2",
        1,
        "2026-10-05T10:00:00+00:00",
    )
    assert mc.measure_cells(old) == ["Opgaven af", "55", "68", "", "2026-10-05", "%"]
    withheld = Record(
        MEASURE,
        "sanne",
        {"round": "r1", "name": "Opgaven af", "unit": "%", "baseline": True, "value": True},
        "m3",
        1,
        "2026-10-05T10:00:00+00:00",
    )
    assert mc.measure_cells(withheld) == ["Opgaven af", "", "", "", "", "%"]


def test_formulas_in_names_are_neutralised_but_negative_numbers_stay_numbers():
    m = with_points(
        Record(
            MEASURE,
            "sanne",
            {"round": "r1", "name": '=HYPERLINK("http://x")', "unit": "-1+1", "target": -3},
            "m1",
        ),
        [Point(date(2026, 9, 1), -2.5)],
    )
    assert mc.measure_cells(m) == [
        '\'=HYPERLINK("http://x")',
        "",
        "-2,5",
        "-3",
        "2026-09-01",
        "'-1+1",
    ]


def test_a_series_as_rows_read_back_by_a_csv_reader_as_the_same_numbers():
    t = Teacher()
    r1 = t.round(1, closed="2026-11-02")
    r2 = t.round(2, parent=r1)
    t.measure(r1, "Opgaven af", [("2026-09-14", 55, True), ("2026-10-02", 62.5, False)])
    t.measure(r2, "Opgaven af", [("2026-11-24", 71, False)], target=70, direction=UP)
    series = sr.teacher_series(t.records, t.owner)
    text = mc.series_csv(series, {"sanne": "@Sanne de Vries"}.get)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        "Deelnemer",
        "Meting",
        "Ronde",
        "Datum",
        "Waarde",
        "Beginmeting",
        "Beginsituatie",
        "Doel",
        "Beter is",
        "Eenheid",
    ]
    assert rows[1:] == [
        ["'@Sanne de Vries", "Opgaven af", "1", "2026-09-14", "55", "1", "55", "70", "hoger", "%"],
        [
            "'@Sanne de Vries",
            "Opgaven af",
            "1",
            "2026-10-02",
            "62,5",
            "0",
            "55",
            "70",
            "hoger",
            "%",
        ],
        ["'@Sanne de Vries", "Opgaven af", "2", "2026-11-24", "71", "0", "55", "70", "hoger", "%"],
    ]
    # What a Dutch spreadsheet does with the cells: decimal comma, numbers as numbers.
    assert [float(row[4].replace(",", ".")) for row in rows[1:]] == [55, 62.5, 71]
    assert text.endswith("\r\n")
    i18n.set_language("en")
    rows = list(csv.reader(io.StringIO(mc.series_csv(series)), delimiter=","))
    assert rows[2][4] == "62.5" and rows[2][0] == "" and rows[2][8] == "higher"
