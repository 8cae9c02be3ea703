"""The PLG as a group from the command line, in one scripted scenario on real databases.

The facilitator sets up the PLG (goal, subgroups, five meeting dates); two teachers share one
folder with them and sync; a meeting is planned from the agenda, held (attendance, notes,
agreements, a group action) and its verslag written; each teacher then sees their subgroup,
the next meeting, the agreements and their group action, and the next agenda starts from
those agreements.  Then the calendar and the bad input.
"""

from __future__ import annotations

from datetime import date

import pytest

from plgcycle import meetings
from plgcycle.groupview import group_view
from plgcycle.session import Session
from plgcycle.store import Store
from tests.share_helpers import new_teacher, run, share_in, sync


def ok(*args, lang: str | None = None) -> str:
    result = run(*args, lang=lang)
    assert result.exit_code == 0, result.output
    return result.output


def view_of(db, today=date(2026, 11, 23)):
    with Store(db, readonly=True) as store:
        return group_view(store.list(), store.me, today)


@pytest.fixture
def plg(tmp_path):
    """Pieter keeps the PLG; Sanne and Ahmed are in subgroup A; all three share one folder."""
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    dbs = {name: tmp_path / f"{name}.json" for name in ("pieter", "sanne", "ahmed")}
    new_teacher(dbs["pieter"], "Pieter Jansen")
    new_teacher(dbs["sanne"], "Sanne de Vries")
    new_teacher(dbs["ahmed"], "Ahmed El Amrani")
    for db in dbs.values():
        share_in(db, folder)
    fac = dbs["pieter"]
    sync(fac, "--yes")  # Pieter now knows his colleagues by name
    ok("plg", "new", "PLG Taal", "--goal", "Meer eigenaarschap bij leerlingen", "--db", fac)
    ok("plg", "set", "--agreements", "We beginnen op tijd\nWe delen materiaal", "--db", fac)
    ok("plg", "dates", "--first", "16-11-2026", "--every", "4", "--count", "5", "--db", fac)
    ok("plg", "subgroup", "Subgroep A", "sanne", "ahmed el amrani", "--db", fac)
    sync(fac, "--yes")
    return folder, dbs


def test_the_facilitator_sets_up_the_plg_and_every_member_receives_it(plg):
    folder, dbs = plg
    for name in ("sanne", "ahmed"):
        sync(dbs[name], "--yes")
        view = view_of(dbs[name])
        assert view.name == "PLG Taal"
        assert view.subgroup() == "Subgroep A"
        assert view.next_date == date(2026, 12, 14)  # 16-11 has been; five dates, 4 weeks apart
        assert view.goal == "Meer eigenaarschap bij leerlingen"
    shown = ok("plg", "show", "--db", dbs["sanne"])
    assert "Subgroep A: Sanne de Vries, Ahmed El Amrani" in shown
    assert "Volgende bijeenkomst: 14 dec 2026" in shown
    # Only the facilitator changes the PLG.
    refused = run("plg", "set", "--goal", "Iets anders", "--db", dbs["sanne"])
    assert refused.exit_code != 0 and "begeleider" in refused.output


def test_a_meeting_is_planned_held_and_reported_and_members_see_what_was_agreed(plg, tmp_path):
    folder, dbs = plg
    fac = dbs["pieter"]
    day = ["--date", "16-11-2026", "--db", fac]
    ok("meeting", "plan", *day)
    ok("meeting", "attend", "--present", "Sanne", "--present", "Pieter", "--excused", "Ahmed", *day)
    ok("meeting", "part", "explore", "--notes", "Sanne liet haar exit tickets zien", *day)
    ok("meeting", "agree", "Iedereen probeert een exit ticket", *day)
    ok(
        "meeting",
        "action",
        "Rubric delen in de map",
        "--owner",
        "Sanne",
        "--due",
        "30-11-2026",
        *day,
    )
    ok("meeting", "success", "Drie klassen werken met exit tickets", *day)
    ok("meeting", "retro", "--went-well", "Goede vragen", "--improve", "Korter presenteren", *day)
    ok("meeting", "mt", "Tijd om bij elkaar te kijken", *day)
    ok("meeting", "held", *day)
    for fmt in ("md", "html"):
        target = tmp_path / f"verslag.{fmt}"
        ok("meeting", "report", "-o", target, *day)
        text = target.read_text("utf-8")
        for expected in (
            "Iedereen probeert een exit ticket",
            "Rubric delen in de map (Sanne de Vries, klaar op 30 nov 2026)",
            "Drie klassen werken met exit tickets",
            "Korter presenteren",
            "Tijd om bij elkaar te kijken",
            "Exploreren: Sanne liet haar exit tickets zien",
        ):
            assert expected in text, (fmt, expected)
        assert "2 aanwezig, 0 afwezig, 1 afgemeld" in text
    sync(fac, "--yes")
    sync(dbs["sanne"], "--yes")
    sync(dbs["ahmed"], "--yes")
    sanne = view_of(dbs["sanne"])
    assert meetings.lines(sanne.last_held, "agreements") == ["Iedereen probeert een exit ticket"]
    (mine,) = sanne.open_actions(sanne.me)
    assert mine.item["text"] == "Rubric delen in de map"
    assert view_of(dbs["ahmed"]).open_actions(view_of(dbs["ahmed"]).me) == []
    assert "1. Rubric delen in de map" in ok("meeting", "actions", "--db", dbs["sanne"])
    # Ahmed cannot mark Sanne's action done; Sanne can, in a record of her own.
    assert run("meeting", "done", "1", "--db", dbs["ahmed"]).exit_code != 0
    ok("meeting", "done", "1", "--db", dbs["sanne"])
    sync(dbs["sanne"], "--yes")
    sync(fac, "--yes")
    assert view_of(fac).open_actions() == []
    # The next agenda starts from what was agreed last time.
    with Store(fac, readonly=True) as store:
        session = Session(store, today=date(2026, 11, 23))
        agreed, open_actions = meetings.last_time(session.group.view())
    assert agreed == ["Iedereen probeert een exit ticket"] and open_actions == []
    ok("meeting", "plan", "--db", fac)  # the next date: 14-12-2026
    planned = view_of(fac).next_meeting
    assert planned is not None and meetings.day_of(planned) == date(2026, 12, 14)
    assert sum(p["minutes"] for p in meetings.parts(planned).values()) == 90


def test_a_meeting_from_someone_else_is_left_out_with_a_line(plg):
    folder, dbs = plg
    sync(dbs["sanne"], "--yes")
    refused = run("meeting", "plan", "--db", dbs["sanne"])
    assert refused.exit_code != 0
    assert "begeleider" in refused.output and "Traceback" not in refused.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["plg", "dates", "--first", "31-02-2026", "--count", "3"], "DD-MM-JJJJ"),
        (["plg", "dates", "--first", "16-11-2026"], "--count"),
        (["plg", "subgroup", "B", "Niemand"], "Niemand"),
        (["plg", "set", "--start", "25:00"], "UU:MM"),
        (["meeting", "attend", "--present", "Sanne", "--date", "gisteren"], "15-03-2026"),
    ],
)
def test_bad_input_gets_one_line_and_changes_nothing(plg, args, message):
    folder, dbs = plg
    before = dbs["pieter"].read_bytes()
    result = run(*args, "--db", dbs["pieter"])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert dbs["pieter"].read_bytes() == before


def test_the_calendar_holds_every_meeting_and_dated_action_once_and_keeps_its_uids(plg, tmp_path):
    from icalendar import Calendar

    folder, dbs = plg
    fac = dbs["pieter"]
    day = ["--date", "16-11-2026", "--db", fac]
    ok("meeting", "action", "Rubric delen", "--owner", "Sanne", "--due", "30-11-2026", *day)
    ok("meeting", "held", *day)
    sync(fac, "--yes")
    sync(dbs["sanne"], "--yes")
    target = tmp_path / "plg.ics"
    ok("calendar", "-o", target, "--db", dbs["sanne"])

    def events():
        cal = Calendar.from_ical(target.read_bytes())
        return {str(e["uid"]): e for e in cal.walk("VEVENT")}

    first = events()
    assert len(first) == 6  # five meetings and Sanne's group action
    summaries = sorted(str(e["summary"]) for e in first.values())
    assert summaries.count("PLG-bijeenkomst: PLG Taal") == 5
    assert "Groepsactie: Rubric delen" in summaries
    # A change: the meetings start at 15:30 now; the same events, updated.
    ok("plg", "set", "--start", "15:30", "--db", fac)
    sync(fac, "--yes")
    sync(dbs["sanne"], "--yes")
    ok("calendar", "-o", target, "--yes", "--db", dbs["sanne"])
    second = events()
    assert set(second) == set(first)
    moved = [e for e in second.values() if "PLG" in str(e["summary"])]
    assert all(e.decoded("dtstart").hour == 15 for e in moved)


def test_lang_reaches_the_commands_inside_plg_and_meeting(plg):
    """``--lang en`` before a group's command is kept (it was reset to Dutch)."""
    db = plg[1]["pieter"]
    assert "A meeting of the PLG: plan, record and report." in ok("meeting", "--help", lang="en")
    shown = ok("plg", "show", "--db", db, lang="en")
    assert "Next meeting: 14 Dec 2026" in shown, shown
    refused = run("meeting", "show", "--date", "31-02-2026", "--db", db, lang="en")
    assert refused.exit_code != 0 and "Fout" not in refused.output


def test_date_options_say_how_to_write_a_date_in_the_users_language():
    assert "--first DD-MM-JJJJ" in ok("plg", "dates", "--help")
    assert "[standaard: 4]" in ok("plg", "dates", "--help")  # click's own words too
    assert "--first DD-MM-YYYY" in ok("plg", "dates", "--help", lang="en")


def test_a_teacher_keeps_the_plg_that_listed_them_first(plg):
    """Trust on first sight: a PLG a colleague sets up later, listing Sanne too (with an id
    that sorts first), does not take the place of the one her facilitator sent."""
    from plgcycle import group as groups

    _folder, dbs = plg
    sync(dbs["sanne"], "--yes")
    with Store(dbs["sanne"]) as store:
        first = store.setting("plg")
        assert first and groups.plg_for(store.list(), store.me).id == first
        other = groups.add_members(groups.new_plg(store.list()[0].id, "Nep-PLG"), [store.me])
        other.id, other.rev = "00000000-0000-4000-8000-000000000000", 1
        other.owner = next(r.id for r in store.list() if r.kind == "person" and r.id != store.me)
        store.apply([other])
        session = Session(store, today=date(2026, 11, 23))
        assert groups.plg_for(store.list(), store.me).id == other.id  # unpinned: lowest id
        assert session.group.view().plg.id == first and session.group.view().name == "PLG Taal"
