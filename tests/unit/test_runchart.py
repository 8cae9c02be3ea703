"""runchart.py: the terminal run chart, at 80 and at 40 columns, legible without colour."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from test_series import Teacher  # noqa: E402

from plgcycle import i18n
from plgcycle import runchart as rc
from plgcycle import series as sr
from plgcycle.measurepoints import UP

HOSTILE = "[bold]Opgaven[/bold] <b>af</b> \x1b[31m\u202e =1+1"


def chart_series(name="Opgaven af", unit="%", target=70):
    """Two rounds: values on evenly spaced days so that every column can be predicted."""
    t = Teacher()
    r1 = t.round(1, closed="2026-10-11")
    r2 = t.round(2, parent=r1)
    t.tryout(r1, planned="2026-09-21", run="2026-09-21")
    t.tryout(r2, planned="2026-11-10")
    t.measure(r1, name, [("2026-09-01", 50, True), ("2026-10-01", 60, False)], unit=unit)
    t.measure(
        r2,
        name,
        [("2026-10-31", 70, False), ("2026-11-30", 65, False)],
        unit=unit,
        target=target,
        direction=UP,
    )
    [one] = sr.teacher_series(t.records, t.owner)
    return one


def plot_rows(lines: list[str]) -> list[str]:
    """The rows of the plot area (between the title and the x axis)."""
    end = next(i for i, line in enumerate(lines) if "└" in line)
    return lines[1:end]


@pytest.mark.parametrize("width", [80, 40, 30])
@pytest.mark.parametrize("name", ["Opgaven af", HOSTILE * 4, "漢字の測定" * 10])
def test_every_line_fits_the_width(width, name):
    lines = rc.plain(rc.text_chart(chart_series(name, unit="‰ 漢"), width))
    assert all(cell_len(line) <= width for line in lines), [
        line for line in lines if cell_len(line) > width
    ]


def test_each_value_is_on_its_row_and_its_date_column():
    lines = rc.plain(rc.text_chart(chart_series(target=None), 80, height=5))
    rows = plot_rows(lines)
    assert len(rows) == 5
    # The scale runs 50..70 in 5 rows: 70 on top, 60 in the middle, 50 (the baseline) at the bottom.
    assert rows[0].startswith("70 ┤") and rows[2].startswith("60 ┤") and rows[4].startswith("50 ┤")
    start = 4  # "70 ┤" is four cells wide
    plot_w = 80 - start - len(" beginwaarde 50")  # the line's label and a space
    marks = {(r, c - start) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch in "●○"}
    # 1 Sep, 1 Oct, 31 Oct and 30 Nov: 0, 30, 60 and 90 of 90 days.
    assert marks == {
        (4, 0),
        (2, round(30 / 90 * (plot_w - 1))),
        (0, round(60 / 90 * (plot_w - 1))),
        (1, plot_w - 1),
    }
    assert (
        rows[4][start] == rc.BASELINE_MARK
        and rows[2][start + round(30 / 90 * (plot_w - 1))] == rc.VALUE_MARK
    )


def test_baseline_and_target_are_lines_of_their_own_characters_and_labelled():
    lines = rc.plain(rc.text_chart(chart_series(), 80, height=5))
    rows = plot_rows(lines)
    baseline_row = next(row for row in rows if row.startswith("50"))
    target_row = next(row for row in rows if row.startswith("70"))
    assert rc.BASELINE_LINE * 10 in baseline_row and baseline_row.endswith("beginwaarde 50")
    assert rc.TARGET_LINE * 10 in target_row and target_row.endswith("doel 70")
    assert rc.BASELINE_LINE != rc.TARGET_LINE


def test_try_outs_and_round_boundaries_are_marked_on_the_x_axis():
    lines = rc.plain(rc.text_chart(chart_series(), 80))
    axis_at = next(i for i, line in enumerate(lines) if "└" in line)
    axis, labels = lines[axis_at], lines[axis_at + 1]
    start = axis.index("└") + 1
    plot_w = len(axis) - start
    days = 90

    def col(day):
        return start + round(day / days * (plot_w - 1))

    assert axis[col(20)] == rc.TRYOUT_DONE  # carried out on 21 Sep
    assert axis[col(70)] == rc.TRYOUT_PLANNED  # planned for 10 Nov
    assert axis[col(40)] == "┴"  # round 1 closed on 11 Oct: round 2 begins
    assert labels[col(20) : col(20) + 2] == "U1" and labels[col(70) : col(70) + 2] == "U1"
    assert labels[col(40) : col(40) + 2] == "R2"
    assert all(
        row[col(40)] in (rc.ROUND_LINE, rc.VALUE_MARK, rc.BASELINE_LINE, rc.TARGET_LINE)
        for row in plot_rows(lines)
    )
    dates = lines[axis_at + 2]
    assert dates.strip().startswith("1 sep 2026") and dates.endswith("30 nov 2026")


def test_the_legend_says_what_every_symbol_means_and_the_values_are_listed():
    text = "\n".join(rc.plain(rc.text_chart(chart_series(), 40)))
    for expected in (
        "● meting",
        "○ beginmeting",
        "┄┄ beginwaarde 50 %",
        "══ doel 70 %",
        "▲ uitproberen (U1, U2 …)",
        "△ uitproberen gepland",
        "┊ R2 begin van ronde 2",
        "1 sep 2026 50 % (beginwaarde)",
        "30 nov 2026 65 %",
    ):
        assert expected in text, expected


def test_at_40_columns_the_lines_are_named_in_the_legend_only():
    lines = rc.plain(rc.text_chart(chart_series(), 40))
    assert not any(line.endswith("doel 70") for line in plot_rows(lines))
    assert any("══ doel 70 %" in line for line in lines)


def test_people_text_is_shown_literally_never_as_markup_or_escape_codes():
    lines = rc.text_chart(chart_series(HOSTILE, unit="[red]%[/red]"), 200)
    title = rc.plain(lines)[0]
    assert title.startswith("[bold]Opgaven[/bold] <b>af</b> \\x1b[31m\\u202e =1+1 ([red]%[/red])")
    text = rc.as_rich(lines)
    assert "[bold]Opgaven[/bold]" in text.plain and "[red]%[/red]" in text.plain
    assert "\x1b" not in text.plain and "\u202e" not in text.plain
    assert all(span.style in rc.DEFAULT_STYLES.values() for span in text.spans)


def test_roles_let_a_screen_colour_the_chart_and_plain_text_needs_none():
    lines = rc.text_chart(chart_series(), 80)
    roles = {role for line in lines for _text, role in line}
    assert {rc.VALUE, rc.BASELINE, rc.TARGET, rc.TRYOUT, rc.ROUND, rc.AXIS} <= roles
    coloured = rc.as_rich(lines, {rc.VALUE: "green", rc.TARGET: "red"})
    assert {str(s.style) for s in coloured.spans} == {"green", "red"}
    assert coloured.plain == "\n".join(rc.plain(lines))


def test_a_measure_without_values_or_without_dates_says_so():
    t = Teacher()
    r = t.round(1)
    t.measure(r, "Leeg", [])
    [empty] = sr.teacher_series(t.records, t.owner)
    assert rc.plain(rc.text_chart(empty, 40)) == [
        "Leeg (%)",
        "Nog geen waarden met een datum.",
        "Nog geen waarden.",
    ]
    undated = sr.Series(
        "k",
        "o",
        "Oud",
        "",
        None,
        None,
        False,
        (),
        (sr.SeriesPoint(None, 55, True, True, "", "r", 1, "m", None),),
        (),
        (),
    )
    assert rc.plain(rc.text_chart(undated, 40))[1:] == [
        "Nog geen waarden met een datum.",
        "Waarden: geen datum 55 (beginwaarde)",
    ]


def test_one_value_on_one_day_is_drawn_in_the_middle():
    t = Teacher()
    t.measure(t.round(1), "Eén keer", [("2026-10-01", 7, False)], unit="")
    [one] = sr.teacher_series(t.records, t.owner)
    lines = rc.plain(rc.text_chart(one, 40, height=3))
    row = next(line for line in plot_rows(lines) if rc.VALUE_MARK in line)
    start = row.index("┤") + 1 if "┤" in row else row.index("│") + 1
    assert row.index(rc.VALUE_MARK) - start == (40 - start) // 2
    assert "1 okt 2026" in lines[-3] or any("1 okt 2026" in line for line in lines)


def test_english_labels():
    i18n.set_language("en")
    text = "\n".join(rc.plain(rc.text_chart(chart_series(), 80)))
    assert (
        "higher is better" in text and "target 70" in text and "T1" in text and "1 Sep 2026" in text
    )


@pytest.mark.parametrize(
    "low, high, ticks",
    [
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (55, 74, [55, 60, 65, 70, 75]),
        (6.1, 6.8, [6.0, 6.2, 6.4, 6.6, 6.8]),
        (-3, 2, [-3, -2, -1, 0, 1, 2]),
        (7, 7, [6.0, 6.5, 7.0, 7.5, 8.0]),  # one value: a little room around it
        (0, 0, [-1.0, -0.5, 0.0, 0.5, 1.0]),
    ],
)
def test_nice_ticks(low, high, ticks):
    assert rc.nice_ticks(low, high, 6) == pytest.approx(ticks)


def test_summary_sentence():
    assert (
        rc.summary_text(chart_series())
        == "Beginwaarde 50 %, laatste 65 % (+15), doel 70 %: nog niet gehaald."
    )
    i18n.set_language("en")
    assert (
        rc.summary_text(chart_series(target=60))
        == "Baseline 50 %, latest 65 % (+15), target 60 %: reached."
    )
