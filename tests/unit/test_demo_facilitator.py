"""The facilitator's side of the demo, through the real command line and real databases.

``demo --facilitator --db`` fills a database as the PLG's facilitator keeps it; ``demo
--exports`` writes her signed file beside the teachers'.  The records must pass the same
trust rules as real ones: the review's loading, an import and the PLG's commands show them
without a refused line.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from plgcycle import demo_group, demo_scan, exchange, group, meetings, review
from plgcycle.cli import cli
from plgcycle.demo_group_texts import FACILITATOR_NAME, HELD
from plgcycle.groupview import group_view
from plgcycle.model import ACTION, LOGBOOK, MEETING, PERSON, PLG
from plgcycle.store import Store
from plgcycle.verdict import SIG_VALID

TODAY = date(2026, 11, 23)


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("PLGCYCLE_TODAY", TODAY.isoformat())
    monkeypatch.delenv("PLGCYCLE_DB", raising=False)
    return CliRunner()


def ok(runner, *args) -> str:
    result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def fac_db(runner, tmp_path):
    db = tmp_path / "fac.json"
    out = ok(runner, "--lang", "en", "demo", "--facilitator", "--db", db)
    assert FACILITATOR_NAME in out and "2 meetings held" in out
    return db


@pytest.fixture
def exports(runner, tmp_path):
    folder = tmp_path / "exports"
    ok(runner, "demo", "--exports", folder)
    return folder


def dutch(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def test_the_facilitator_keeps_the_plg_two_held_meetings_and_the_next_plan(fac_db):
    with Store(fac_db, readonly=True) as store:
        me, records = store.me, store.list()
    view = group_view(records, me, TODAY)
    person = next(r for r in records if r.id == me)
    assert person.text("name") == FACILITATOR_NAME and person.kind == PERSON
    plg = view.plg
    assert plg is not None and plg.owner == me
    assert view.goal and len(group.goal_parts(plg)) == 5 and len(view.working_agreements) == 4
    leader = demo_scan.leader_id()
    teachers = {r.id for r in records if r.kind == PERSON and r.id not in (me, leader)}
    assert set(group.members(plg)) == teachers | {me, leader}
    assert group.leaders(plg) == [leader]
    assert [(s["name"], len(s["members"])) for s in group.subgroups(plg)] == [("A", 3), ("B", 3)]
    assert {p for s in group.subgroups(plg) for p in s["members"]} == teachers
    assert group.subgroup_of(plg, next(iter(teachers))) in ("A", "B")
    days = group.meeting_dates(plg)
    assert days == demo_group.meeting_days(TODAY) and len(days) == 5
    assert [d - days[0] for d in days] == [timedelta(weeks=5 * n) for n in range(5)]
    assert view.next_date == TODAY + timedelta(days=12)  # the date in the teachers' profiles

    held = view.held
    assert len(held) == 2 and all(meetings.day_of(m) < TODAY for m in held)
    for meeting, spec in zip(held, HELD, strict=True):
        assert meeting.owner == me
        status = meetings.attendance(meeting)
        assert set(status) == teachers | {me}
        assert list(status.values()).count(meetings.PRESENT) == 7 - len(
            spec["absent"] + spec["excused"]
        )
        assert all(p.get("summary") for p in meetings.parts(meeting).values())
        assert meetings.lines(meeting, "agreements") == spec["agreements"]
        assert meetings.lines(meeting, "successes") == spec["successes"]
        actions = meetings.actions(meeting)
        assert len(actions) == len(spec["actions"])
        assert all(a["owner"] in teachers and a["due"] for a in actions)
        assert meeting.data["went_well"] and meeting.data["improve"]
        assert len(meetings.mt_points(meeting)) == 1
    assert meetings.mt_points(held[0])[0]["answer"]  # the team leader answered the first
    assert held[0].data[LOGBOOK]  # the facilitator's private note, in her database only
    # Three group actions were marked done by their owners, in their own records.
    done = [r for r in records if r.kind == ACTION and r.data.get("item")]
    assert len(done) == 3 and all(r.owner in teachers for r in done)
    assert len(view.open_actions()) == 1

    planned = view.next_meeting
    assert planned is not None and not planned.data.get("held")
    minutes = [p["minutes"] for p in meetings.parts(planned).values()]
    assert all(minutes) and sum(minutes) == planned.data["minutes"] == 120
    assert meetings.parts(planned)["explore"]["presenters"]


def test_the_plg_commands_show_the_facilitators_sample(runner, fac_db, tmp_path):
    shown = ok(runner, "plg", "show", "--db", fac_db)
    assert "PLG Activerend leren" in shown and FACILITATOR_NAME in shown
    assert "Ahmed El Amrani" in shown and "Subgroep A:" in shown

    last = ok(runner, "meeting", "show", "--db", fac_db)
    spec = HELD[-1]
    assert spec["agreements"][0] in last and spec["successes"][0] in last
    assert spec["went_well"] in last and "niet gehouden" not in last
    assert spec["logbook"] is None or spec["logbook"][1] not in last

    first_day = demo_group.meeting_days(TODAY)[0]
    out = tmp_path / "verslag.html"
    ok(runner, "meeting", "report", "--date", dutch(first_day), "-o", out, "--db", fac_db)
    html = out.read_text(encoding="utf-8")
    assert HELD[0]["mt"][1] in html  # the team leader's answer
    assert HELD[0]["logbook"][1] not in html  # the logbook never reaches the verslag

    plan = ok(
        runner, "meeting", "show", "--date", dutch(TODAY + timedelta(days=12)), "--db", fac_db
    )
    assert "nog niet gehouden" in plan and "Lotte Jansen" in plan

    ics = tmp_path / "plg.ics"
    assert "5 gebeurtenissen" in ok(runner, "calendar", "-o", ics, "--db", fac_db)


def test_the_facilitators_demo_only_fills_an_empty_database(runner, fac_db):
    before = fac_db.read_bytes()
    result = runner.invoke(cli, ["demo", "--facilitator", "--db", str(fac_db)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert fac_db.read_bytes() == before


def test_the_sample_is_the_same_every_time():
    first = demo_group.build(TODAY)
    again = demo_group.build(TODAY)
    assert first[0] == again[0]
    assert [r.to_dict() for r in first[1]] == [r.to_dict() for r in again[1]]


def test_her_export_holds_the_plg_and_meetings_signed_and_without_the_logbook(exports):
    path = exports / "marieke-visser.plgcycle.json"
    parsed = exchange.read_export(path)
    assert parsed.signature == SIG_VALID
    kinds = sorted(r.kind for r in parsed.records)
    # The PLG, its meetings, the two scan rounds she opened and her own two scan answers.
    assert kinds == ["meeting"] * 3 + ["person", "plg"] + ["scan_response"] * 2 + ["scan_round"] * 2
    raw = path.read_text(encoding="utf-8")
    assert LOGBOOK not in raw and HELD[0]["logbook"][1] not in raw


def test_the_review_takes_in_every_demo_record_without_a_refused_line(exports):
    data = review.load_exports([exports])
    assert data.notices() == [] and not data.unsigned
    kinds = [r.kind for r in data.records]
    assert kinds.count(PLG) == 1 and kinds.count(MEETING) == 3
    view = group_view(data.records, None, TODAY)
    assert len(view.held) == 2 and view.next_meeting is not None
    assert len(view.open_actions()) == 1  # the done records of the owners count


def test_a_demo_teacher_imports_the_exports_and_reads_the_plg_and_the_verslag(
    runner, exports, tmp_path
):
    db = tmp_path / "ahmed.json"
    ok(runner, "demo", "--db", db)  # Ahmed, a member of the PLG
    imported = ok(runner, "--lang", "en", "import", exports, "--db", db)
    refused = [line for line in imported.splitlines() if "left out" in line]
    # Only his own file's records stay as his database has them; nothing of the others.
    assert len(refused) == 1 and "ahmed-el-amrani" in refused[0], imported
    assert "Marieke Visser" in imported
    shown = ok(runner, "plg", "show", "--db", db)
    assert "Begeleider: Marieke Visser" in shown and "Subgroep A:" in shown
    verslag = ok(runner, "meeting", "show", "--db", db)
    assert HELD[-1]["agreements"][1] in verslag
    agenda = ok(runner, "agenda", exports)
    assert "PLG Activerend leren" in agenda


def test_a_progress_export_of_the_facilitator_counts_what_a_meeting_agreed(
    runner, fac_db, tmp_path
):
    out = tmp_path / "voortgang.plgcycle.json"
    ok(runner, "export", "--profile", "progress", "-o", out, "--db", fac_db, "--yes")
    parsed = exchange.read_export(out)  # valid for the schema and the progress rule
    raw = out.read_text(encoding="utf-8")
    held = [r for r in parsed.records if r.kind == MEETING and r.data.get("held")]
    assert len(held) == 2
    for meeting, spec in zip(sorted(held, key=meetings.day_of), HELD, strict=True):
        assert meeting.data["agreements"] is True and meeting.data["actions"] is True
        assert meeting.data["agreement_count"] == len(spec["agreements"])
        items = meeting.data["action_items"]
        assert len(items) == len(spec["actions"]) and all(
            set(i) == {"id", "owner", "due"} for i in items
        )
        assert meeting.data["mt_points"][0]["text"] == spec["mt"][0]
        for text in spec["agreements"] + spec["successes"] + [spec["went_well"]]:
            assert text not in raw
        for text, *_rest in spec["actions"]:
            assert text not in raw
    again = exchange.progress_record(held[0])  # reading a progress copy again keeps its counts
    assert again.data == held[0].data
    assert json.loads(raw)["profile"] == "progress"
