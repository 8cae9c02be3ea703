"""report.py: Markdown, HTML and CSV, built from the same overview."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from test_review import APPROACH, BASELINE, TODAY, Group, progress_round  # noqa: E402

from plgcycle import demo, i18n, report, review
from plgcycle.errors import InvalidInput, PlgError

HOSTILE = '=HYPERLINK("http://evil") [red]x[/red] <script>alert(1)</script> \x1b[31m \u202e'


@pytest.fixture
def demo_overview():
    _me, records = demo.build(TODAY)
    return review.build_overview(records, TODAY, review.StalledRule(days=12))


@pytest.fixture
def hostile_overview():
    g = Group()
    a = g.person(HOSTILE, subgroup="<i>A</i>", plg="PLG <b>&</b>")
    b = g.person("Bea")
    r = g.round(
        a, 1, steps={"baseline": BASELINE, "approach": APPROACH}, question="@SUM(1+1) " + HOSTILE
    )
    g.tryout(r, 1, done=True)
    g.measure(r, 1, name="+cmd|' /C calc'!A0", base=1, value=2)
    g.feedback(r, b, 1, giver=b, giver_name="Bea")
    g.action(a, 1, TODAY + timedelta(days=2), rnd=r, text="-2+3 doen")
    return review.build_overview(g.records, TODAY)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_has_figures_and_one_line_per_teacher(demo_overview):
    text = report.markdown_report(demo_overview)
    assert text.startswith("# Voortgang PLG Activerend leren\n")
    for heading in (
        "## Kerncijfers",
        "## Leervragen per stap",
        "## Genomen besluiten",
        "## Feedback: wie geeft aan wie",
        "## Metingen die bewogen",
        "## Per deelnemer",
    ):
        assert heading in text
    table = text.split("## Per deelnemer")[1]
    rows = [
        line for line in table.splitlines() if line.startswith("| ") and "Deelnemer" not in line
    ]
    assert len(rows) == 6
    assert "| Geen beweging sinds 11 nov 2026 | 3 |" in text
    assert "| bijstellen | 4 |" in text
    assert "Privénotities staan nooit" in text


def test_markdown_escapes_people_text(hostile_overview):
    text = report.markdown_report(hostile_overview)
    assert "<script>" not in text and "\x1b" not in text and "\u202e" not in text
    assert r"\<script\>" in text and r"\[red\]" in text
    assert "\\x1b" in text  # the escape code is shown, not sent


# --- HTML -----------------------------------------------------------------------------------------


def test_html_is_self_contained_and_prints_well(demo_overview):
    html = report.html_report(demo_overview)
    parsed = parse(html)
    assert "script" not in parsed.tags
    assert "link" not in parsed.tags and "img" not in parsed.tags and "iframe" not in parsed.tags
    assert not re.search(r"(src|href)\s*=", html)
    assert not re.search(r"url\(", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "@media print" in html and "@page" in html
    assert parsed.tags.count("svg") >= 2 + len(demo_overview.measures_moved)
    assert '<html lang="nl">' in html


def test_html_charts_carry_the_figures(demo_overview):
    html = report.html_report(demo_overview)
    steps_svg = re.search(r'<svg[^>]*aria-label="Leervragen per stap".*?</svg>', html, re.S).group(
        0
    )
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', steps_svg)
    assert labels == [
        "1 Beginsituatie",
        "2 Aanpak",
        "3 Uitvoeren",
        "4 Effect",
        "5 Toepassen",
        "Ronde afgesloten",
    ]
    values = [int(v) for v in re.findall(r'<text x="\d+" y="\d+">(\d+)</text>', steps_svg)]
    assert values == [demo_overview.figures.step_counts[n] for n in (1, 2, 3, 4, 5, review.CLOSED)]
    widths = [
        int(w)
        for w in re.findall(r'class="bar(?: closed)?" x="\d+" y="\d+" width="(\d+)"', steps_svg)
    ]
    plot = 520 - 170 - 36  # chart width minus label and value columns
    assert widths == [round(plot * v / max(values)) for v in values if v]


def test_html_escapes_everything_people_wrote(hostile_overview):
    html = report.html_report(hostile_overview)
    parsed = parse(html)
    assert "script" not in parsed.tags and "b" not in parsed.tags and "i" not in parsed.tags
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown literally, as text
    assert "\x1b" not in html and "\u202e" not in html
    assert "\\x1b" in text and "\\u202e" in text
    assert "PLG <b>&</b>" in text


def test_html_in_english(demo_overview):
    i18n.set_language("en")
    _me, records = demo.build(TODAY)
    html = report.html_report(review.build_overview(records, TODAY))
    assert '<html lang="en">' in html and "Progress of PLG Activerend leren" in html
    assert "Learning questions per step" in html


# --- CSV ------------------------------------------------------------------------------------------


def read_csv(text: str, delimiter=";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_csv_has_one_row_per_question_round(demo_overview):
    rows = read_csv(report.csv_report(demo_overview))
    header, body = rows[0], rows[1:]
    assert len(body) == len(demo_overview.rounds) == 12
    assert header[:4] == ["Deelnemer", "Subgroep", "Leervraag", "Ronde"]
    assert all(len(r) == len(header) for r in body)
    col = {name: i for i, name in enumerate(header)}
    ahmed = [r for r in body if r[0] == "Ahmed El Amrani"]
    assert [r[col["Ronde"]] for r in ahmed] == ["1", "2"]
    assert ahmed[0][col["Besluit"]] == "bijstellen" and ahmed[0][col["Afgesloten"]] == "1"
    assert ahmed[1][col["Laatste beweging"]] == "2026-11-09"
    assert ahmed[1][col["Gedeeld"]] == "full"
    assert ahmed[0][col["Metingen"]] == "Opgaven af: 55 → 68 %"


def test_csv_neutralises_formulas(hostile_overview):
    rows = read_csv(report.csv_report(hostile_overview))
    cells = [c for row in rows[1:] for c in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert any(c.startswith("'@SUM") for c in cells)
    assert any(c.startswith("'-2+3") for c in cells)
    assert any(c.startswith("'+cmd") for c in cells)


def test_csv_in_english_uses_commas():
    i18n.set_language("en")
    _me, records = demo.build(TODAY)
    rows = read_csv(report.csv_report(review.build_overview(records, TODAY)), delimiter=",")
    assert rows[0][0] == "Participant" and len(rows) == 13


# --- progress exports -------------------------------------------------------------------------------


@pytest.fixture
def progress_overview():
    g = Group()
    a = g.person("Alleen Voortgang")
    rnd = g.round(a, 3, steps={"baseline": BASELINE})
    slim = progress_round(rnd, [True, True, False, False, False], feedback_count=2)
    records = [r for r in g.records if r.kind != "round"] + [slim]
    files = [
        review.SourceFile("x.plgcycle.json", a, "Alleen Voortgang", "2026-11-22", "progress", 2)
    ]
    return review.build_overview(review.ReviewData(records, files), TODAY)


def test_progress_rows_say_not_shared_instead_of_missing(progress_overview):
    md = report.markdown_report(progress_overview)
    assert "niet gedeeld (alleen voortgang)" in md
    assert "niets genoteerd" not in md  # that would read as missing work
    assert "1 leervraag komt uit een voortgangsexport" in md
    html = report.html_report(progress_overview)
    assert "niet gedeeld (alleen voortgang)" in html
    rows = read_csv(report.csv_report(progress_overview))
    col = {name: i for i, name in enumerate(rows[0])}
    row = rows[1]
    assert row[col["Gedeeld"]] == "progress"
    assert row[col["Metingen"]] == "" and row[col["Vóór de volgende bijeenkomst"]] == ""
    assert row[col["Feedback ontvangen (deze ronde)"]] == "2"
    assert row[col["Stap 2 Aanpak"]] == "1"


# --- writing --------------------------------------------------------------------------------------


def test_format_follows_the_file_name_unless_given(tmp_path):
    assert report.format_for(tmp_path / "x.HTML", None) == "html"
    assert report.format_for(tmp_path / "x.csv", None) == "csv"
    assert report.format_for(tmp_path / "x.txt", None) == "md"
    assert report.format_for(None, None) == "md"
    assert report.format_for(tmp_path / "x.html", "csv") == "csv"
    with pytest.raises(InvalidInput):
        report.format_for(None, "pdf")


def test_write_report_is_atomic_and_says_why_it_failed(tmp_path, demo_overview):
    target = report.write_report(demo_overview, "csv", tmp_path / "r.csv")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    # A folder that is a file: the write fails with one readable line, nothing is left behind.
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    with pytest.raises(PlgError, match="Kan .* niet schrijven"):
        report.write_report(demo_overview, "md", tmp_path / "not-a-folder" / "r.md")
    earlier = tmp_path / "r.csv"
    before = earlier.read_bytes()
    with pytest.raises(InvalidInput):
        report.write_report(demo_overview, "pdf", earlier)
    assert earlier.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder", "r.csv"]


def test_reports_agree_with_each_other(demo_overview):
    md = report.markdown_report(demo_overview)
    html = report.html_report(demo_overview)
    for name in ("Ahmed El Amrani", "Fatima Yilmaz", "Pieter van Dijk"):
        assert name in md and name in html
    assert date(2026, 11, 23).isoformat() not in md  # dates read as people write them
    assert "23 nov 2026" in md and "23 nov 2026" in html


def test_large_groups_get_the_feedback_flow_per_subgroup():
    g = Group()
    people = [
        g.person(f"Docent {i:02d}", subgroup="AB"[i % 2] if i < 24 else "") for i in range(26)
    ]
    rounds = {p: g.round(p, 1) for p in people}
    for i, giver in enumerate(people):
        g.feedback(
            rounds[people[(i + 1) % len(people)]],
            giver,
            1,
            giver=giver,
            giver_name=f"Docent {i:02d}",
        )
    g.feedback(rounds[people[0]], "x", 1, giver=None, giver_name="Gast van buiten")
    ov = review.build_overview(g.records, TODAY)
    grid = report.flow_grid(ov)
    assert grid.by_subgroup
    assert [label for _key, label in grid.receivers] == [
        "subgroep A",
        "subgroep B",
        "geen subgroep",
    ]
    assert grid.givers[-1][1] == "buiten deze bestanden"
    assert sum(grid.flow.values()) == sum(ov.figures.flow.values()) == 27
    assert grid.flow[("A", "B")] == 12 and grid.flow[(review.OUTSIDE, "A")] == 1
    html = report.html_report(ov)
    flow_table = html.split('<table class="flow">')[1].split("</table>")[0]
    assert flow_table.count('<th class="num"') == 3 + 1  # three subgroups and "given"
    assert "Per subgroep" in html
    small = report.flow_grid(review.build_overview(demo.build(TODAY)[1], TODAY))
    assert not small.by_subgroup and len(small.receivers) == 6
