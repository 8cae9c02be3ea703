"""People's text is data everywhere it goes: status, Markdown, HTML, CSV, agenda.

The same hostile texts (Rich markup, ANSI escapes, control characters, a
right-to-left override, a very long line, emoji, HTML, formulas) go through
every text output; each must show them literally and harmlessly.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from plgcycle import agenda_proposal, cycle, report, review
from plgcycle.cli import cli
from plgcycle.model import Record
from plgcycle.store import Store
from tests.conftest import TODAY

LONG = "lang " * 400
NAME = "[bold red]Evil[/] \x1b[31mRood\x1b[0m \u202eLTR 😀 <b>Bold</b>"
QUESTION = (
    '=HYPERLINK("http://x") [link=http://x]klik[/link] \x07\x1b]0;titel\x07 '
    + LONG
    + " einde 🎉 <script>alert(1)</script>"
)
FEEDBACK = "+cmd|' /C calc'!A0 \x1b[2J tip \u202e"
ACTION = "-2+3 \x00nul \x9bcsi @SUM(A1)"


@pytest.fixture
def hostile_db(tmp_path, clock):
    path = tmp_path / "hostile.json"
    with Store(path, clock=clock) as store:
        me = store.create_me(
            cycle.new_person(NAME, plg="[i]PLG[/i]", subgroup="<A>", next_meeting="2026-12-05")
        )
        rnd = cycle.new_question(me.id, QUESTION)
        rnd = cycle.save_step(rnd, "baseline", {"sources": "toets", "findings": "laag"})
        store.save(rnd)
        store.save(cycle.new_action(me.id, ACTION, due="2026-11-30", round_rec=rnd))
        colleague = cycle.new_person("@Collega =1+1")
        fb = cycle.new_feedback(
            rnd,
            colleague.id,
            "tip",
            FEEDBACK,
            "@Collega =1+1",
            giver=colleague.id,
            given_on="2026-11-20",
        )
        for rec in (colleague, fb):
            rec.rev, rec.updated_at = 1, "2026-11-20T10:00:00.000000+00:00"
        store.apply([colleague, fb])
    return path


def _records(path) -> list[Record]:
    with Store(path, readonly=True) as store:
        return store.list()


RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _no_raw_controls(text: str) -> None:
    found = RAW_CONTROL.findall(text.replace("\r\n", "\n"))
    assert not found, f"raw control characters in output: {found!r}"


def test_status_shows_everything_literally(hostile_db):
    result = CliRunner().invoke(
        cli,
        ["status", "--db", str(hostile_db)],
        env={"PLGCYCLE_TODAY": "2026-11-23", "COLUMNS": "120"},
    )
    out = result.output
    assert result.exit_code == 0, out
    _no_raw_controls(out)
    assert "[bold red]Evil[/]" in out and "\\x1b[31mRood" in out and "\\u202e" in out
    assert "[link=http://x]klik[/link]" in out and "😀" in out
    assert "einde" in out, "a very long question is wrapped, not cut off"
    assert "\\x00nul" in out and "\\x9bcsi" in out


def test_markdown_report_escapes_markup_and_controls(hostile_db):
    text = report.markdown_report(review.build_overview(_records(hostile_db), TODAY))
    _no_raw_controls(text)
    assert "<script>" not in text and "<b>" not in text
    assert "\\x1b" in text and "😀" in text


def test_html_report_has_no_live_markup_from_people(hostile_db):
    html = report.html_report(review.build_overview(_records(hostile_db), TODAY))
    _no_raw_controls(html)

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text.append(data)

    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown and "<b>Bold</b>" in shown
    assert "😀" in shown and "\\u202e" in shown


def test_csv_report_neutralises_formulas_and_controls(hostile_db):
    text = report.csv_report(review.build_overview(_records(hostile_db), TODAY))
    _no_raw_controls(text)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert any("😀" in cell for cell in cells)


def test_agenda_markdown_is_literal(hostile_db):
    overview = review.build_overview(_records(hostile_db), TODAY)
    text = agenda_proposal.propose(overview).to_markdown()
    _no_raw_controls(text)
    assert "<script>" not in text
