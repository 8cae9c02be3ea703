"""What the scan shows: terminal bars, SVG spider chart, HTML table and section, CSV, reading."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from plgcycle import i18n
from plgcycle.errors import PlgError
from plgcycle.scan import (
    ALL,
    DIMENSIONS,
    LEADER,
    TEACHER,
    bar,
    build,
    csv_text,
    html_section,
    html_table,
    read,
    spider_svg,
    text_chart,
    text_report,
    write_csv,
)
from tests.scan_helpers import DK, answers, every_output, moment, person, same
from tests.unit.test_scan_figures import _responses, scripted

HOSTILE = "<script>document.title='pwned'</script>=HYPERLINK(\"http://x\")\x1b[31m"


def full_team(label_1="sep 2026", label_2="mei 2027", shift=1):
    """Ten teachers and five leaders answering every dimension, at two moments."""

    def respond(at):
        out = []
        for i in range(15):
            role = TEACHER if i < 10 else LEADER
            base = 2 + (i % 3) + (shift if at == 2 and role == TEACHER else 0)
            now = {
                s.id: min(5, base + (n % 2)) for d in DIMENSIONS for n, s in enumerate(d.statements)
            }
            desired = {s.id: min(5, base + 2) for d in DIMENSIONS for s in d.statements}
            out.append(person(f"p{i}", role, now, desired))
        return out

    return build([moment("a", respond(1), label=label_1), moment("b", respond(2), label=label_2)])


# --- terminal -----------------------------------------------------------------------------------


def test_bar_fills_to_now_and_marks_desired():
    assert bar(3.0, 4.0) == "█" * 15 + "····" + "│" + "·" * 5
    assert bar(None, 5.0) == "·" * 24 + "│"
    assert bar(2.1, None) == "█" * 10 + "▌" + "·" * 14  # 10.5 cells: half a block
    assert bar(5.0, 5.0) == "█" * 24 + "│"  # equal: the marker ends the bar
    assert len(bar(1.0, 1.0)) == 25


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_report_fits_80_columns_without_colour(lang):
    i18n.set_language(lang)
    for figures in (full_team(), full_team(HOSTILE, HOSTILE * 2), scripted()):
        lines = text_report(figures)
        assert all(len(line) <= 80 for line in lines), [x for x in lines if len(x) > 80]
        joined = "\n".join(lines)
        assert "\x1b" not in joined and "\u202e" not in joined  # nothing a terminal runs
        assert "█" in joined and "│" in joined


def test_text_chart_shows_now_desired_and_gap_per_dimension():
    lines = text_chart(scripted(), ALL, "m2")
    assert lines[0] == "Iedereen, mei 2027"
    assert lines[1] == "██ = nu, │ = gewenst, schaal 1 tot en met 5"
    assert lines[2].split() == ["1", "2", "3", "4", "5", "nu", "gewenst", "verschil", "sinds"]
    staff = next(line for line in lines if line.startswith("Personeelsbeleid"))
    # 47.5 / 15 = 3.17 now, 5 desired, gap 1.83, change (47.5 - 42.5) / 15 = 0.33.
    assert staff.split()[-4:] == ["3,2", "5,0", "+1,8", "+0,3"]
    assert staff[26:51] == bar(47.5 / 15, 5.0)
    sharing = next(line for line in lines if line.startswith("Kennis en ervaring delen"))
    assert sharing.endswith("te weinig antwoorden om te tonen")
    assert lines[-1] == "'sinds': verandering in nu sinds sep 2026"


def test_a_long_reason_becomes_a_numbered_note():
    f = build(
        [
            moment(
                "m1",
                [person(f"t{i}", TEACHER, same("buy_in", 3)) for i in range(5)]
                + [person(f"l{i}", LEADER, same("buy_in", 4)) for i in range(2)],
            )
        ]
    )
    lines = text_chart(f, TEACHER)
    assert lines == [
        "Docenten, m1",
        "  niet getoond: samen met de andere cijfers zou dit de antwoorden van minder dan",
        "  drie mensen verraden",
    ]

    # Where only some figures are withheld for a long reason, the row points to a note:
    # here one more person answered 'sharing' at the second moment.
    def group(answering):
        return [
            person(
                f"t{i}",
                TEACHER,
                {**same("buy_in", 3), **same("sharing", 4 if i < answering else DK)},
            )
            for i in range(6)
        ]

    f = build([moment("m1", group(4)), moment("m2", group(5))])
    lines = text_chart(f, ALL, "m2")
    sharing = next(line for line in lines if line.startswith("Kennis en ervaring delen"))
    assert sharing.endswith("niet getoond [1]")
    assert lines[-2:] == [
        "[1] niet getoond: samen met de andere cijfers zou dit de antwoorden van minder",
        "    dan drie mensen verraden",
    ]
    assert all(len(line) <= 80 for line in lines)


# --- SVG and HTML ---------------------------------------------------------------------------------


def test_spider_svg_is_an_accessible_image_without_script():
    figures = full_team(HOSTILE, HOSTILE)
    svg = spider_svg(figures, ALL)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag.endswith("svg") and root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text.startswith("Scan De school als PLG: Iedereen, <script>")
    assert "<script" not in svg and "javascript:" not in svg.lower()
    assert not re.search(r"\son\w+=", svg)  # no event attributes
    assert "\x1b" not in svg
    assert len(root.findall(f"{ns}line")) >= 12  # twelve axes (and legend samples)
    # Greyscale and print: each series has its own dash pattern and marker shape.
    assert 'stroke-dasharray="9 5"' in svg and 'stroke-dasharray="2 4"' in svg
    assert svg.count("<circle") == 12 + 1 and svg.count("<rect") == 12 + 1
    labels = "".join(t.text or "" for t in root.iter(f"{ns}tspan"))
    assert "Draagvlak" in labels and "Personeelsbeleid" in labels


def test_a_label_with_newlines_stays_one_line_and_well_formed():
    figures = full_team("sep\n2026 <x>", "mei\n\n2027")
    svg = spider_svg(figures, ALL)
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "Scan De school als PLG: Iedereen, mei 2027"
    assert "<br>" not in svg and "sep 2026 &lt;x&gt;" in svg
    with pytest.raises(KeyError):
        figures.moment("nope")


def test_the_chart_never_draws_through_a_withheld_value():
    f = scripted()  # only buy_in and staff_policy answered
    svg = spider_svg(f, ALL, "m2")
    assert svg.count("<circle") == 2 + 1  # two now-markers and the legend's
    assert "Z" not in "".join(re.findall(r'd="([^"]*)" fill="#1f4e79"', svg))


def test_html_table_holds_every_value_of_the_chart_escaped():
    figures = full_team("sep <b>2026</b>", "mei & juni")
    table = html_table(figures, ALL)
    ET.fromstring(table.split('<p class="meta">')[0])  # well-formed
    assert (
        "mei &amp; juni" in table and "sep &lt;b&gt;2026&lt;/b&gt;" in table and "<b>" not in table
    )
    cell_b = figures.group("b", ALL)
    cell_a = figures.group("a", ALL)
    rows = re.findall(r"<tr><th scope=\"row\">([^<]*)</th>(.*?)</tr>", table)
    assert len(rows) == 12
    for (_label, cells), dim_b, dim_a in zip(
        rows, cell_b.dimensions, cell_a.dimensions, strict=False
    ):
        values = re.findall(r">([^<]*)</td>", cells)
        assert values[0] == f"{dim_b.now.value:.1f}".replace(".", ",")
        assert values[1] == f"{dim_b.desired.value:.1f}".replace(".", ",")
        assert values[-1] == f"{dim_a.now.value:.1f}".replace(".", ",")  # the earlier moment


def test_html_section_has_reading_citation_and_one_line_for_a_hidden_group():
    team = [person(f"t{i}", TEACHER, same("buy_in", 3), same("buy_in", 5)) for i in range(5)]
    f = build([moment("m1", team + [person("l0", LEADER, same("buy_in", 1), same("buy_in", 2))])])
    section = html_section(f)
    assert section.count("<svg") == 1  # everyone only
    assert "Voor de volgende bijeenkomst" in section and "Voor de teamleider" in section
    assert "Kohnstamm Instituut en Universiteit Leiden, 2018" in section
    assert "<script" not in section


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_is_semicolons_decimal_commas_and_safe_cells_in_dutch(tmp_path):
    figures = full_team(HOSTILE, "mei 2027")
    path = write_csv(figures, tmp_path / "scan.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Scanronde", "Groep", "Ingevuld door"]
    assert len(rows) == 1 + 2 * 3 * 12
    first = rows[1]
    assert first[0].startswith("'<script>") or first[0].startswith("<script>")
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert all("\x1b" not in cell for row in rows for cell in row)
    assert re.fullmatch(r"\d,\d\d", first[6])  # now, with a decimal comma


def test_csv_formula_label_is_quoted_and_a_negative_number_stays_a_number():
    figures = full_team("=SUM(A1)", "@mei", shift=-1)
    rows = list(csv.reader(io.StringIO(csv_text(figures)), delimiter=";"))
    assert rows[1][0] == "'=SUM(A1)"
    changes = [row[13] for row in rows[1:] if row[1] == "Docenten" and row[13]]
    assert changes and all(re.fullmatch(r"-\d,\d\d", c) for c in changes)
    i18n.set_language("en")
    rows = list(csv.reader(io.StringIO(csv_text(figures))))
    assert rows[0][0] == "Scan round" and re.fullmatch(r"\d\.\d\d", rows[1][6])


def test_csv_that_cannot_be_written_is_one_line(tmp_path):
    with pytest.raises(PlgError) as caught:
        write_csv(scripted(), tmp_path / "missing" / "deeper" / "scan.csv")
    assert "\n" not in str(caught.value) and "scan.csv" in str(caught.value)


# --- reading --------------------------------------------------------------------------------------

VERDICTS = (
    "slecht",
    "onvoldoende",
    "te laag",
    "zwak",
    "goed genoeg",
    "moet",
    "bad",
    "poor",
    "fail",
)


def test_reading_names_the_largest_gap_and_the_three_conditions_without_a_verdict():
    r = read(scripted(), "m2")
    # Gaps: staff policy 5 - 47.5/15 = 1.83, buy-in 69/14 - 56/14 = 0.93.
    assert r.meeting[0] == (
        "Het grootste verschil tussen nu en gewenst zit bij personeelsbeleid "
        "(nu 3,2, gewenst 5,0). Wat zou het team een stap dichterbij brengen?"
    )
    assert r.meeting[1].startswith(
        "Ook bij draagvlak is er een duidelijk verschil (nu 4,0, gewenst 4,9)"
    )
    assert len(r.meeting) == 2  # no change of 0.5 or more, no role difference of 1 or more
    assert r.team_leader[0].startswith(
        "Volgens het onderzoek gaan hoge scores op draagvlak, "
        "personeelsbeleid en leiderschap vanuit directie samen"
    )
    assert r.team_leader[3].startswith(
        "Leiderschap vanuit directie: te weinig antwoorden om te tonen."
    )
    for point in (*r.meeting, *r.team_leader, r.note):
        assert not any(word in point.lower() for word in VERDICTS), point
        assert point.strip().endswith(("?", ":", ".")), point


def test_reading_mentions_change_role_difference_and_catalysts_when_there():
    r = read(full_team(shift=2))
    text = "\n".join(r.meeting)
    assert "Sinds sep 2026 ging" in text and "Wat maakte het verschil?" in text
    assert "Docenten en leidinggevenden zien" in text
    # Developing teaching together has the largest gap: the catalysts are named.
    team = [
        person(
            f"t{i}",
            TEACHER,
            {**same("joint_development", 2), **same("buy_in", 4)},
            {**same("joint_development", 5), **same("buy_in", 4)},
        )
        for i in range(5)
    ]
    i18n.set_language("en")
    r = read(build([moment("m1", team)]))
    assert r.meeting == (
        "The largest gap between now and desired is on developing teaching together (now 2.0, "
        "desired 5.0). What would bring the team one step closer?",
        "The research sees buy-in and staff policy as catalysts for developing teaching together "
        "and inquiring attitude. How do they look in your school?",
    )


def test_reading_with_nothing_to_show_says_so():
    f = build([moment("m1", [person("t0", TEACHER, same("buy_in", 3))])])
    r = read(f)
    assert r.meeting == (
        "Er zijn nog te weinig antwoorden om cijfers te tonen; zodra minstens drie "
        "mensen hebben geantwoord en de ronde gesloten is, laat de scan de "
        "uitkomsten zien.",
    )


def test_every_output_works_in_both_languages_for_the_scripted_team():
    outputs = every_output(scripted())
    assert outputs["text-nl"] != outputs["text-en"]
    assert "Personeelsbeleid" in outputs["text-nl"] and "Staff policy" in outputs["text-en"]
    assert _responses("m1")  # the scripted data is reused, not re-typed
    assert answers(buy_in=(1, None, 3)) == {"buy_in.1": 1, "buy_in.3": 3}


def test_the_scan_is_core_it_never_loads_textual_or_screens():
    code = (
        "import sys, plgcycle.scan\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'screens')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_scan_round_yet():
    f = build([])
    assert text_report(f) == ["Nog geen scanronde."]
    assert html_section(f) == ""
    assert read(f).meeting == ("Nog geen scanronde.",)
    assert csv_text(f).count("\r\n") == 1  # the header only
