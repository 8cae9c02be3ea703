"""The reports' group figures: feedback labelled this round / all rounds, taken on, who only
gives or only receives, and attendance over the year, in Markdown and HTML alike."""

from __future__ import annotations

import csv
import io

import pytest
from test_review_group import attendance_group, build  # noqa: E402

from plgcycle import group, meetings, report
from plgcycle.model import FB_ADOPTED

EVA = "<script>Eva</script> [red]x[/red] *ster*"


@pytest.fixture
def overview():
    """Ahmed and Cas give Bea feedback (she takes Ahmed's on); Eva missed the last two meetings."""
    g, p, plg, kept, not_counted = attendance_group()
    eva = g.person(EVA)
    plg = group.add_members(plg, [eva])
    kept[1] = meetings.set_attendance(kept[1], {eva: meetings.ABSENT})
    kept[2] = meetings.set_attendance(kept[2], {eva: meetings.EXCUSED})
    rb = g.round(p["Bea"], 2)
    taken = g.feedback(rb, p["Ahmed"], 1, giver=p["Ahmed"], giver_name="Ahmed")
    g.feedback(rb, p["Cas"], 1, giver=p["Cas"], giver_name="Cas")
    rb.data["feedback_status"] = {taken.id: FB_ADOPTED}
    return build(g, plg, *kept, *not_counted)


def test_markdown_labels_the_feedback_and_shows_attendance(overview):
    text = report.markdown_report(overview)
    assert "## Feedback: wie geeft aan wie (alle rondes)" in text
    assert "Overgenomen (alle rondes): 1 van de 2 keer ontvangen feedback" in text
    assert "**Gaf feedback, ontving nog niets:** Ahmed, Cas" in text
    assert "**Ontving feedback, gaf nog niets:** Bea" in text
    assert "| Bea | 2 | 1 | 0 |" in text  # received, taken on, given: all rounds
    # The per-participant cell says what it counts.
    assert "2 ontvangen deze ronde (1 overgenomen) · 0 gegeven (alle rondes)" in text
    assert "## Aanwezigheid bij de bijeenkomsten" in text
    assert "3 bijeenkomsten gehouden · gemiddeld 1,3 aanwezig per bijeenkomst" in text
    assert "| 14 sep 2026 | 1 | 1 | 1 |" in text
    assert "16 nov 2026" not in text and "7 dec 2026" not in text  # a member's; not held
    assert "| Bea | 0 | 2 | 1 | 0 | afgemeld, afwezig |" in text
    (signal,) = [x for x in text.splitlines() if "laatste twee bijeenkomsten:**" in x]
    assert signal.endswith(", Bea") and r"\<script\>Eva" in signal  # Eva sorts first
    assert "het is geen oordeel" in text
    # Eva's name is data: escaped, never markup.
    assert "<script>" not in text and r"\<script\>Eva" in text and r"\*ster\*" in text


def test_html_shows_the_same_and_escapes_names(overview):
    html = report.html_report(overview)
    assert "Feedback: wie geeft aan wie (alle rondes)" in html
    assert "Overgenomen (alle rondes): 1 van de 2 keer ontvangen feedback" in html
    assert "<strong>Gaf feedback, ontving nog niets:</strong> Ahmed, Cas" in html
    assert "<td>Overgenomen</td>" in html  # the matrix's row of what was taken on
    assert "2 ontvangen deze ronde (1 overgenomen) · 0 gegeven (alle rondes)" in html
    assert "<h2>Aanwezigheid bij de bijeenkomsten</h2>" in html
    assert "3 bijeenkomsten gehouden · gemiddeld 1,3 aanwezig per bijeenkomst" in html
    assert "16 nov 2026" not in html
    assert "<strong>Niet aanwezig bij de laatste twee bijeenkomsten:</strong> &lt;script" in html
    assert "*ster*, Bea</p>" in html
    assert "<script>" not in html and "&lt;script&gt;Eva&lt;/script&gt;" in html


def test_the_csv_row_of_a_round_counts_what_was_taken_on(overview):
    rows = list(csv.reader(io.StringIO(report.csv_report(overview)), delimiter=";"))
    col = {name: i for i, name in enumerate(rows[0])}
    (bea,) = [r for r in rows[1:] if r[col["Deelnemer"]] == "Bea"]
    assert (
        bea[col["Feedback ontvangen (deze ronde)"]] == "2"
        and bea[col["Feedback overgenomen (deze ronde)"]] == "1"
    )


def test_without_meetings_the_reports_say_so(overview):
    g, _p, _plg, _kept, _n = attendance_group()
    bare = build(g)
    for text in (report.markdown_report(bare), report.html_report(bare)):
        assert "Hierin staat nog geen gehouden bijeenkomst van de PLG." in text
