"""The team leader's report (``report --profile progress``): figures, never content.

Every content field of the demo PLG (questions, reflections, results, try-outs, feedback
texts, actions, the PLG's goal and working agreements, the meetings' notes, agreements,
successes, retro, the facilitator's logbook and private notes) gets a unique marker; the
files are written and signed as the demo's are and the report is made through the CLI.
No marker may appear in the Markdown or HTML; the progress figures and the points for the
team leader (which are written for the team leader) must.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time

import pytest
from click.testing import CliRunner

from plgcycle import demo, demo_group, meetings
from plgcycle.cli import cli
from plgcycle.demo_group_texts import HELD
from plgcycle.exchange import export_records, signed_export, write_export
from plgcycle.model import LOGBOOK, MEETING, NOTES, PERSON, Record

TODAY = date(2026, 11, 23)
ODD_NAME = "Pieter <i>van</i> Dijk & Co"

# Structure, not content: ids, dates, enumerations, names and the subgroup (shown on purpose).
STRUCTURE = {
    "id",
    "owner",
    "person",
    "status",
    "part",
    "date",
    "due",
    "planned_date",
    "run_date",
    "given_on",
    "closed_at",
    "round",
    "chain",
    "parent",
    "tryout",
    "giver",
    "giver_name",
    "meeting",
    "item",
    "plg",
    "start",
    "type",
    "step",
    "decision",
    "feedback_status",
    "role",
    "key",
    "name",
    "subgroup",
    "next_meeting",
    "dates",
    "members",
    "note_takers",
    "presenters",
    "direction",
    "leaders",
    # the school scan: its rounds and the answers (never content text)
    "scan_round",
    "label",
    "opens",
    "closes",
    "now",
    "desired",
}


class Markers:
    def __init__(self) -> None:
        self.counter = itertools.count()
        self.content: list[str] = []  # must reach the files, and never the report
        self.private: list[str] = []  # never leave the database at all
        self.for_mt: list[str] = []  # the points for the team leader: must be in the report

    def new(self, kind: str, into: list[str]) -> str:
        text = f"MARK{kind}{next(self.counter):03d}X"
        into.append(text)
        return text

    def walk(self, value, key: str = ""):
        if key in STRUCTURE and key != "name":
            return value
        if isinstance(value, str):
            return self.new("C", self.content) if value.strip() else value
        if isinstance(value, list):
            return [self.walk(v, key) for v in value]
        if isinstance(value, dict):
            return {k: self.walk(v, k) for k, v in value.items()}
        return value


def marked_records(markers: Markers) -> list[Record]:
    _me, records = demo_group.build(TODAY)
    out = []
    for record in records:
        record = record.copy()
        data = record.data
        if record.kind == PERSON:
            if data["name"].startswith("Pieter"):
                data["name"] = ODD_NAME
            data["school"] = markers.new("C", markers.content)
            data["subject"] = markers.new("C", markers.content)
        else:
            points = data.pop("mt_points", None)
            logbook = data.pop(LOGBOOK, None)
            name = data.pop("name", None)  # the PLG's and a measure's name
            subgroups = data.pop("subgroups", None)  # the subgroups' names are shown
            record.data = data = markers.walk(data)
            if subgroups is not None:
                data["subgroups"] = subgroups
            if name is not None:
                data["name"] = (
                    name if record.kind != "measure" else markers.new("C", markers.content)
                )
            if points:
                data["mt_points"] = [
                    {
                        **p,
                        "text": markers.new("MT", markers.for_mt),
                        "answer": markers.new("MT", markers.for_mt) if p["answer"] else None,
                    }
                    for p in points
                ]
            if logbook:
                data[LOGBOOK] = [{**e, "text": markers.new("P", markers.private)} for e in logbook]
            data[NOTES] = markers.new("P", markers.private)
        if record.kind == "feedback" and record.data["giver_name"].startswith("Pieter"):
            record.data["giver_name"] = ODD_NAME
        out.append(record)
    return out


def write_files(records: list[Record], folder) -> None:
    """One signed file per person, as ``demo --exports`` writes them."""
    folder.mkdir()
    moment = datetime.combine(TODAY, time(16, 0), tzinfo=UTC)
    for person in (r for r in records if r.kind == PERSON):
        key = demo.demo_key(person.id)
        own = export_records(records, person.id)
        for record in own:
            if record.id == person.id:
                record.data["key"] = key.public
        env = signed_export(own, {"id": person.id, "name": person.text("name")}, key, moment)
        write_export(folder / f"{person.id}.plgcycle.json", env)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The marked files and both reports (Dutch), written through the CLI."""
    tmp = tmp_path_factory.mktemp("progress")
    markers = Markers()
    write_files(marked_records(markers), tmp / "exports")
    runner = CliRunner()
    env = {"PLGCYCLE_TODAY": TODAY.isoformat(), "PLGCYCLE_DB": str(tmp / "none.json")}
    out = {}
    for name in ("team.md", "team.html"):
        result = runner.invoke(
            cli,
            ["report", "--profile", "progress", str(tmp / "exports"), "-o", str(tmp / name)],
            env=env,
        )
        assert result.exit_code == 0, result.output
        assert result.output.strip() == f"Verslag opgeslagen in {tmp / name}."  # nothing refused
        out[name] = (tmp / name).read_text(encoding="utf-8")
    full = runner.invoke(cli, ["report", str(tmp / "exports")], env=env)
    assert full.exit_code == 0, full.output
    files = "".join(p.read_text(encoding="utf-8") for p in (tmp / "exports").iterdir())
    return markers, out, full.output, files


def test_every_content_marker_travels_in_the_files_and_private_ones_stay_home(made):
    markers, _out, full, files = made
    assert len(markers.content) > 150 and len(markers.for_mt) == 3
    assert [m for m in markers.content if m not in files] == []
    assert [m for m in markers.private if m in files] == []
    assert any(m in full for m in markers.content)  # the full report does show content


@pytest.mark.parametrize("name", ["team.md", "team.html"])
def test_the_progress_report_holds_no_content(made, name):
    markers, out, _full, _files = made
    text = out[name]
    assert [m for m in markers.content + markers.private if m in text] == []
    assert "MARK" not in text.replace("MARKMT", "")
    assert all(m in text for m in markers.for_mt)


def test_the_progress_report_shows_the_figures(made):
    _markers, out, _full, _files = made
    md = out["team.md"]
    days = demo_group.meeting_days(TODAY)
    first, second = (d.strftime("%d-%m-%Y") for d in days[:2])
    assert "# Voortgangsverslag PLG Activerend leren" in md
    assert (
        "gemaakt op 23-11-2026 · 2 bijeenkomsten gehouden · volgende bijeenkomst: 05-12-2026" in md
    )
    # Per teacher: round, steps, try-outs carried out/planned, feedback received.
    assert "| Sanne de Vries | A | 2 | ●●●○○ 4 Effect | 1/1 | 0 |" in md
    assert "| Lotte Jansen | A | 2 | ○○○○○ 1 Beginsituatie | 0/0 | 0 |" in md
    teachers = md.split("## Waar elke docent staat", 1)[1].split("## ", 1)[0]
    assert teachers.count("\n| ") == 7  # the header and six teachers: not the facilitator
    assert "Marieke" not in teachers
    # Per meeting: present, absent, sent apologies, agreements, group actions, MT points.
    assert f"| {first} | 6 | 0 | 1 | 2 | 2 klaar, 0 open | 1 |" in md
    assert f"| {second} | 6 | 1 | 0 | 2 | 1 klaar, 1 open | 1 |" in md
    assert "| Fatima Yilmaz | 1 | 1 | 0 |" in md and "| Marieke Visser | 2 | 0 | 0 |" in md
    assert "nog geen antwoord" in md
    before_scan = md.split("## Scan De school als PLG", 1)[0]  # the scan's group figures follow
    assert len(HELD) == 2 and len(before_scan.splitlines()) < 60


def test_names_are_escaped_in_the_html(made):
    _markers, out, _full, _files = made
    html = out["team.html"]
    assert "Pieter &lt;i&gt;van&lt;/i&gt; Dijk &amp; Co" in html and "<i>van</i>" not in html
    assert "<script" not in html and "Content-Security-Policy" in html


def test_a_done_mark_from_someone_else_than_the_owner_counts_for_nothing():
    from plgcycle import report_progress

    records = marked_records(Markers())
    meeting = min(
        (r for r in records if r.kind == MEETING and r.data.get("held")), key=meetings.day_of
    )
    item = meetings.actions(meeting)[0]
    honest = report_progress.build(records, TODAY)
    day = meetings.day_of(meeting)
    assert next(m for m in honest.meetings if m.day == day).done == 2
    other = next(r.id for r in records if r.kind == PERSON and r.id != item["owner"])
    forged = meetings.done_record(meeting, item, item["owner"])
    forged.owner = other  # a colleague marks someone else's group action done
    without_owner = [r for r in records if r.data.get("item") != item["id"]]
    changed = report_progress.build([*without_owner, forged], TODAY)
    assert next(m for m in changed.meetings if m.day == day).done == 1


def test_csv_is_refused_for_the_progress_report(tmp_path):
    folder = tmp_path / "exports"
    write_files(marked_records(Markers()), folder)
    result = CliRunner().invoke(
        cli,
        ["--lang", "en", "report", "--profile", "progress", str(folder), "--format", "csv"],
        env={"PLGCYCLE_TODAY": TODAY.isoformat(), "PLGCYCLE_DB": str(tmp_path / "x.json")},
    )
    assert result.exit_code == 2 and "md or html" in result.output


def test_an_empty_list_is_left_out_of_a_progress_copy_not_marked_as_withheld():
    from plgcycle.exchange.profiles import progress_record
    from plgcycle.model import MEETING

    meeting = Record(MEETING, "f" * 32, {"plg": "p" * 32, "date": "2026-12-05", "successes": []})
    assert "successes" not in progress_record(meeting).data
    meeting.data["successes"] = ["Iedereen was er"]
    assert progress_record(meeting).data["successes"] is True
