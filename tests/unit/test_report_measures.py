"""Measures over time in the reports: a run chart per series in HTML, numbers in CSV columns."""

from __future__ import annotations

import csv
import io
from datetime import date

from plgcycle import demo, i18n, report, review
from plgcycle.exchange import profiles
from plgcycle.series import teacher_series

TODAY = date(2026, 11, 23)


def _overview():
    _me, records = demo.build(TODAY)
    return review.build_overview(records, TODAY)


def _rows(text: str, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_the_demo_teacher_has_a_measure_on_three_dates_across_two_rounds_with_a_target():
    me, records = demo.build(TODAY)
    (series,) = teacher_series(records, me)
    assert series.name == "Opgaven af" and series.target == 75 and series.direction == "up"
    assert len({p.date for p in series.points}) == 3
    assert [p.round_no for p in series.points] == [1, 1, 2]
    assert not any(p.estimated for p in series.points)
    assert series.points[1].tryout_id is not None  # the value after the try-out is linked to it
    assert demo.build(TODAY)[1] == records  # still the same every time


def test_html_has_a_run_chart_with_target_and_round_boundary_per_series():
    html = report.html_report(_overview())
    section = html[html.index("Metingen door de tijd") :]
    assert section.count('<figure class="runchart">') == len(
        [s for s in review_series(_overview())]
    )
    ahmed = section[section.index("Ahmed El Amrani") : section.index("</figure>")]
    assert "<svg" in ahmed and "doel 75 %" in ahmed and "R2" in ahmed
    assert "nog niet gehaald" in ahmed  # the summary: 68 is below the target 75


def review_series(overview):
    from plgcycle.report_charts import charted_series

    return charted_series(overview)


def test_csv_gives_the_figures_as_numbers_in_columns_of_their_own():
    rows = _rows(report.csv_report(_overview()))
    header, body = rows[0], rows[1:]
    assert header[-6:] == ["Meting", "Beginsituatie", "Waarde", "Doel", "Datum", "Eenheid"]
    assert all(len(r) == len(header) for r in body)
    ahmed = [r[-6:] for r in body if r[0] == "Ahmed El Amrani"]
    assert ahmed == [
        ["Opgaven af", "55", "68", "70", "2026-09-27", "%"],
        ["Opgaven af", "68", "", "75", "2026-10-16", "%"],
    ]
    fatima = next(r for r in body if r[0] == "Fatima Yilmaz")
    assert fatima[-5:-3] == ["0,8", "1,9"]  # a decimal comma that Dutch spreadsheets read


def test_english_csv_writes_decimal_points():
    i18n.set_language("en")
    rows = _rows(report.csv_report(_overview()), ",")
    assert rows[0][-6:] == ["Measure", "Baseline", "Value", "Target", "Date", "Unit"]
    fatima = next(r for r in rows[1:] if r[0] == "Fatima Yilmaz")
    assert fatima[-5:-3] == ["0.8", "1.9"]


def test_a_progress_export_shows_no_values_in_either_report():
    me, records = demo.build(TODAY)
    slim = profiles.export_records(records, me, "progress")
    overview = review.build_overview(slim, TODAY)
    rows = _rows(report.csv_report(overview))
    assert [r[-6:] for r in rows[1:]] == [["Opgaven af", "", "", "", "", "%"]] * 2
    html = report.html_report(overview)
    assert '<figure class="runchart">' not in html
    assert "Geen meting met waarden op data in deze bestanden." in html
