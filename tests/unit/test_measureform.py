"""A measure's values as lines of the form: shown, read back, refused with the line's number."""

from __future__ import annotations

from datetime import date

import pytest

from plgcycle import i18n
from plgcycle.errors import InvalidInput
from plgcycle.measureform import new_point, parse_line, parse_points_text, points_text
from plgcycle.measurepoints import Point

TODAY = date(2026, 12, 2)


def test_values_are_shown_as_dutch_dates_and_read_back_unchanged():
    points = [
        Point(date(2026, 9, 14), 55.0, baseline=True),
        Point(date(2026, 10, 2), 68.5, tryout="t1", note="na U1"),
    ]
    text = points_text(points)
    assert text == "14-09-2026  55  begin\n02-10-2026  68,5  na U1"
    assert parse_points_text(text, points, TODAY) == points  # the try-out is kept


def test_english_writes_baseline_and_a_decimal_point():
    i18n.set_language("en")
    assert (
        points_text([Point(date(2026, 9, 14), 6.5, baseline=True)]) == "14-09-2026  6.5  baseline"
    )


def test_a_line_reads_iso_dates_either_decimal_and_either_baseline_word():
    assert parse_line("2026-09-14 6.5 Baseline two ill") == Point(
        date(2026, 9, 14), 6.5, True, note="two ill"
    )
    assert parse_line("14-9-26 6,5 beginwaarde") == Point(date(2026, 9, 14), 6.5, True)


def test_an_estimated_date_stays_an_estimate_only_while_unchanged():
    old = [Point(date(2026, 9, 14), 55.0, baseline=True, estimated=True)]
    text = points_text(old)
    assert text.startswith("≈14-09-2026")
    assert parse_points_text(text, old, TODAY) == old
    moved = parse_points_text(text.replace("14-09", "15-09"), old, TODAY)
    assert moved == [Point(date(2026, 9, 15), 55.0, baseline=True)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14-09-2026 55\n31-02-2026 60", "regel 2: 31-02-2026 bestaat niet in de kalender."),
        ("14-09-2026 veel", "regel 1: “veel” is geen getal"),
        ("gisteren 55", "regel 1: “gisteren” is geen datum"),
        ("\n\n14-09-2026", "regel 3: schrijf een datum en een waarde"),
        ("14-09-2027 55", "regel 1: 14-09-2027 ligt nog in de toekomst"),
    ],
)
def test_a_wrong_line_is_refused_with_its_number(text, message):
    with pytest.raises(InvalidInput) as refused:
        parse_points_text(text, (), TODAY)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_empty_lines_are_no_values():
    assert parse_points_text("\n  \n", (), TODAY) == []


def test_a_new_value_needs_a_date_and_no_future():
    assert new_point(TODAY, None, today=TODAY) is None  # only the default date: nothing added
    assert new_point(date(2026, 11, 1), 7, tryout="t", today=TODAY) == Point(
        date(2026, 11, 1), 7.0, tryout="t"
    )
    with pytest.raises(InvalidInput, match="datum"):
        new_point(None, 7, today=TODAY)
    with pytest.raises(InvalidInput, match="waarde"):
        new_point(date(2026, 11, 1), None, today=TODAY)
    with pytest.raises(InvalidInput, match="toekomst"):
        new_point(date(2027, 1, 1), 7, today=TODAY)
