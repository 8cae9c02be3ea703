"""valuesimport.py: values from a CSV file of dates and values, as school software and spreadsheets write them."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plgcycle import i18n
from plgcycle.errors import InvalidInput
from plgcycle.measurepoints import Point, add_points
from plgcycle.model import MEASURE, Record
from plgcycle.valuesimport import (
    MAX_BYTES,
    MAX_ROWS,
    detect_delimiter,
    parse_number,
    parse_values,
    read_values_file,
)

EXPECTED = [
    Point(date(2026, 3, 15), 6.5),
    Point(date(2026, 4, 2), 7.0),
    Point(date(2026, 5, 20), 5.8),
]


def write(
    tmp_path, text: str, encoding: str = "utf-8", name: str = "cijfers.csv", newline: str = "\r\n"
):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.mark.parametrize(
    "text",
    [
        "Datum;Gemiddelde\n15-03-2026;6,5\n02-04-2026;7\n20-05-2026;5,8\n",  # Dutch, with a header
        "15-03-2026;6,5\n2-4-2026;7,0\n20-5-2026;5,8\n",  # no header, short days and months
        "date,value\n2026-03-15,6.5\n2026-04-02,7\n2026-05-20,5.8\n",  # English
        "Datum\tCijfer\n15/03/2026\t6,5\n02/04/2026\t7\n20/05/2026\t5,80\n",  # tab (copied from a spreadsheet)
        "Datum;Cijfer\n15.03.26;6,5\n02.04.26;7\n20.05.26;5,8\n",  # two-digit years
        '"Datum","Cijfer"\n"15-03-2026","6,5"\n"02-04-2026","7"\n"20-05-2026","5,8"\n',  # quoted decimal commas
        "Datum;Cijfer\n15-03-2026 08:30;6,5\n2026-04-02T10:00:00;7\n20-05-2026 14:05:59;5,8\n",  # with times
        "\n\nDatum;Cijfer\n\n15-03-2026;6,5\n;\n02-04-2026;7\n20-05-2026;5,8\n\n",  # blank lines
        "Datum;Cijfer\n20-05-2026;5,8\n15-03-2026;6,5\n02-04-2026;7\n",  # not in date order
    ],
)
def test_the_usual_files_give_the_same_values(tmp_path, text):
    result = read_values_file(write(tmp_path, text))
    assert result.points == EXPECTED
    assert (result.date_column, result.value_column) == (1, 2)


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("cp1252", b""),
        ("latin-1", b""),
        ("utf-16", b""),
    ],
)
def test_encodings_from_windows_and_excel(tmp_path, encoding, prefix):
    text = (
        "Datum;Gemiddelde (cijfer) – Ærø €\r\n15-03-2026;6,5\r\n02-04-2026;7\r\n20-05-2026;5,8\r\n"
    )
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("€", "E")  # latin-1 has neither
    path = tmp_path / "export.csv"
    path.write_bytes(prefix + text.encode(encoding))
    result = read_values_file(path)
    assert result.points == EXPECTED
    assert result.header[1].startswith("Gemiddelde (cijfer) ") and "Ærø" in result.header[1]
    expected_encoding = {"utf-8": "utf-8-sig" if prefix else "utf-8"}.get(encoding, encoding)
    if encoding == "latin-1":
        expected_encoding = "cp1252"  # the same bytes: cp1252 reads every latin-1 letter used here
    assert result.encoding == expected_encoding


def test_a_student_system_export_with_more_columns_keeps_only_dates_and_values(tmp_path):
    text = (
        "Klas;Toets;Datum;Gemiddelde;Aantal leerlingen\n"
        "3 havo B;H4 toets;15-03-2026;6,5;27\n3 havo B;H5 toets;02-04-2026;7;26\n"
        "3 havo B;H6 toets;20-05-2026;5,8;27\n"
    )
    result = read_values_file(write(tmp_path, text))
    assert result.points == EXPECTED and (result.date_column, result.value_column) == (3, 4)
    assert result.column_name(3) == "Datum" and result.column_name(4) == "Gemiddelde"
    by_name = read_values_file(write(tmp_path, text), "datum", "AANTAL leerlingen")
    assert [p.value for p in by_name.points] == [27, 26, 27]
    by_number = read_values_file(write(tmp_path, text), 3, "5")
    assert by_number.points == by_name.points


def test_numbers_as_people_write_them():
    assert [
        parse_number(t)
        for t in (
            "6,5",
            "6.5",
            " 7 ",
            "68%",
            "68 %",
            "-2,5",
            "−3",
            "+4",
            "1.234,5",
            "1,234.5",
            "1.234.567",
            ",5",
            "1\u00a0234,5",
        )
    ] == [6.5, 6.5, 7, 68, 68, -2.5, -3, 4, 1234.5, 1234.5, 1234567, 0.5, 1234.5]
    assert (
        parse_number("1.234") == 1.234 and parse_number("1,234") == 1.234
    )  # one separator: decimal
    for text in ("", "abc", "6,5,5", "nan", "inf", "1e5", "6-5", "--1", "%", "1" * 400, "12,34.5"):
        assert parse_number(text) is None, text


@pytest.mark.parametrize(
    "sample, delimiter",
    [
        ("15-03-2026;6,5\n16-03-2026;7,5\n", ";"),
        ("2026-03-15,6.5\n", ","),
        ("15-03-2026\t6,5\n", "\t"),
        ("a;b,c\n1;2,3\n", ";"),
        ("only text\n", ";"),
    ],
)
def test_the_separator_is_found(sample, delimiter):
    assert detect_delimiter(sample) == delimiter


def test_an_unquoted_decimal_comma_in_a_comma_file_is_explained(tmp_path):
    with pytest.raises(InvalidInput) as err:
        read_values_file(write(tmp_path, "Datum,Cijfer\n15-03-2026,6\n02-04-2026,7,5\n"))
    assert str(err.value).startswith("Regel 3 heeft meer kolommen dan de kopregel")


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "Datum;Cijfer\n15-03-2026;6,5\n31-02-2026;7\n",
            "Regel 3, kolom 1: “31-02-2026” bestaat niet in de kalender.",
        ),
        (
            "Datum;Cijfer\n15-03-2026;6,5\nvolgende week;7\n",
            "Regel 3, kolom 1: “volgende week” is geen datum (schrijf 15-03-2026 of 2026-03-15).",
        ),
        (
            "Datum;Cijfer\n15-03-2026;6,5\n16-03-2026;zes\n",
            "Regel 3, kolom 2: “zes” is geen getal.",
        ),
        ("Datum;Cijfer\n15-03-2026;6,5\n;7\n", "Regel 3, kolom 1: geen datum."),
        ("", "Het bestand is leeg."),
        (" \n\n ;; \n", "Het bestand is leeg."),
        ("Datum;Cijfer\n", "Het bestand heeft een kopregel maar geen waarden."),
        (
            "15-03-2026\n16-03-2026\n",
            "Regel 1 heeft maar één kolom. Het bestand moet een kolom met datums en een kolom "
            "met waarden hebben, gescheiden door een puntkomma, een komma of een tab.",
        ),
        ("Datum;Cijfer\n15-03-2026;6,5\n16-03-2026\n", "Regel 3 heeft geen kolom 2."),
        ("Naam;Klas\nA;B\n", "Regel 2 bevat geen datum. Kies de kolom met de datums."),
        ("Datum;Opmerking\n15-03-2026;goed\n", "Regel 2, kolom 2: “goed” is geen getal."),
        (
            "Datum;Klas;Opmerking\n15-03-2026;3B;goed\n",
            "Regel 2 bevat naast de datum geen getal. Kies de kolom met de waarden.",
        ),
        ("Klas;Datum;Cijfer\n3B;;7\n3B;15-03-2026;6,5\n", "Regel 2, kolom 2: geen datum."),
        ("Datum;Cijfer\n15-03-2026;\n16-03-2026;\n", "Kolom 2 bevat geen waarden."),
        (
            "Datum;Cijfer\n\n\n15-03-2026;6,5\n\n16-03-2026;6,x\n",
            "Regel 6, kolom 2: “6,x” is geen getal.",
        ),
    ],
)
def test_errors_are_one_line_naming_the_line_and_column(tmp_path, text, message):
    with pytest.raises(InvalidInput) as err:
        read_values_file(write(tmp_path, text))
    assert str(err.value) == message and "\n" not in str(err.value)


def test_errors_in_english_and_with_hostile_cells_shown_literally(tmp_path):
    i18n.set_language("en")
    with pytest.raises(InvalidInput) as err:
        read_values_file(write(tmp_path, "Date;Value\n2026-03-15;=cmd|' /C calc'!A0\x1b[31m\n"))
    assert str(err.value) == "Line 2, column 2: “=cmd|' /C calc'!A0\\x1b[31m” is not a number."
    with pytest.raises(InvalidInput) as err:
        read_values_file(write(tmp_path, "Date;Value\n2026-03-15;" + "9" * 500 + "x\n"))
    assert len(str(err.value)) < 120  # a long cell is cut short in the message


def test_choosing_columns_that_are_not_there(tmp_path):
    path = write(tmp_path, "Datum;Cijfer\n15-03-2026;6,5\n")
    with pytest.raises(
        InvalidInput, match="Er is geen kolom “Gemiddelde”; de kolommen zijn: Datum, Cijfer."
    ):
        read_values_file(path, "Datum", "Gemiddelde")
    with pytest.raises(InvalidInput, match="Regel 2 heeft geen kolom 5"):
        read_values_file(path, 1, 5)
    with pytest.raises(InvalidInput, match="Kolomnummers beginnen bij 1"):
        read_values_file(path, 0, 2)
    with pytest.raises(InvalidInput, match="verschillende kolommen"):
        read_values_file(path, 2, 2)
    no_header = write(tmp_path, "15-03-2026;6,5\n", name="zonder.csv")
    with pytest.raises(
        InvalidInput, match="geen kopregel; kies de kolom met waarden daarom met het nummer"
    ):
        read_values_file(no_header, 1, "Cijfer")


def test_rows_without_a_value_are_skipped_and_counted(tmp_path):
    result = read_values_file(
        write(tmp_path, "Datum;Cijfer\n15-03-2026;6,5\n22-03-2026;\n02-04-2026;7\n20-05-2026;5,8\n")
    )
    assert result.points == EXPECTED and result.skipped == 1


def test_too_many_rows_or_too_large_a_file(tmp_path):
    rows = "".join(
        f"{date.fromordinal(date(2024, 1, 1).toordinal() + i).isoformat()};{i}\n"
        for i in range(MAX_ROWS + 1)
    )
    with pytest.raises(InvalidInput, match="meer dan 1000 regels met waarden"):
        read_values_file(write(tmp_path, "Datum;Waarde\n" + rows))
    with pytest.raises(InvalidInput, match="meer dan 1000 regels met waarden"):
        read_values_file(write(tmp_path, rows))
    exactly = "".join(rows.splitlines(keepends=True)[:MAX_ROWS])
    assert len(read_values_file(write(tmp_path, "Datum;Waarde\n" + exactly)).points) == MAX_ROWS
    big = tmp_path / "groot.csv"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    with pytest.raises(InvalidInput, match="groter dan 2 MB"):
        read_values_file(big)
    with pytest.raises(InvalidInput, match="groter dan 2 MB"):
        parse_values(b"x" * (MAX_BYTES + 1))


def test_files_that_are_not_csv_text(tmp_path):
    with pytest.raises(InvalidInput, match="spreadsheetbestand, geen CSV"):
        read_values_file(
            write(tmp_path, "PK\x03\x04rest of a zip", encoding="latin-1", name="cijfers.xlsx")
        )
    with pytest.raises(InvalidInput, match="geen tekstbestand"):
        parse_values(b"15-03-2026;6\x00,5\n")
    with pytest.raises(InvalidInput, match="bestaat niet"):
        read_values_file(tmp_path / "weg.csv")
    with pytest.raises(InvalidInput, match="is een map"):
        read_values_file(tmp_path)


def test_a_path_through_a_file_is_one_line(tmp_path):
    path = write(tmp_path, "15-03-2026;6,5\n")
    with pytest.raises(InvalidInput, match="^x.csv is niet te lezen: "):
        read_values_file(path / "x.csv")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_that_cannot_be_read(tmp_path):
    path = write(tmp_path, "15-03-2026;6,5\n")
    path.chmod(0)
    with pytest.raises(InvalidInput, match="Geen toestemming om cijfers.csv te lezen"):
        read_values_file(path)


def test_the_first_value_as_baseline_and_into_a_measure(tmp_path):
    result = read_values_file(
        write(tmp_path, "Datum;Cijfer\n02-04-2026;7\n15-03-2026;6,5\n"), baseline_first=True
    )
    assert result.points == [
        Point(date(2026, 3, 15), 6.5, baseline=True),
        Point(date(2026, 4, 2), 7.0),
    ]
    measure = Record(MEASURE, "sanne", {"round": "r1", "name": "Cijfer"}, "m1")
    merged = add_points(
        add_points(measure, result.points), result.points
    )  # importing twice adds nothing
    assert (len(merged.data["points"]), merged.data["baseline"], merged.data["value"]) == (
        2,
        6.5,
        7.0,
    )


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(
            st.lists(
                st.sampled_from(
                    [
                        "15-03-2026",
                        "2026-03-15",
                        "6,5",
                        "7",
                        "",
                        "x",
                        "31-02-2026",
                        '"',
                        "﻿",
                        "1.234,5",
                        "1e9",
                        "\x00",
                        "é",
                        "\r",
                    ]
                ),
                max_size=4,
            ),
            max_size=6,
        ).map(lambda rows: "\n".join(";".join(r) for r in rows).encode("utf-8")),
    ),
    st.sampled_from([None, 1, 2, 3, "Datum", "2"]),
    st.sampled_from([None, 1, 2, "Cijfer"]),
)
def test_any_bytes_give_values_or_one_clear_line_never_a_traceback(data, date_column, value_column):
    try:
        result = parse_values(data, date_column, value_column)
    except InvalidInput as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert result.points and all(isinstance(p.value, float) for p in result.points)
