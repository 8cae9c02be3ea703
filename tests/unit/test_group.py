"""The PLG record and its meetings: making and changing them, and who may keep the meetings."""

from __future__ import annotations

from datetime import date

import pytest

from plgcycle import exchange, group, meetings, trust
from plgcycle.errors import InvalidInput
from plgcycle.groupview import group_view
from plgcycle.model import Record
from tests.exchange_helpers import pid
from tests.trust_helpers import STAMP, every_order, own_file, records_of, refused


def _stamped(record: Record, rev: int = 1) -> Record:
    record.rev, record.updated_at = rev, STAMP
    return record


def demo_plg() -> Record:
    plg = group.new_plg(pid("pieter"), "PLG  Taal", goal="Meer eigenaarschap\n- Betere feedback")
    plg = group.set_dates(plg, group.series(date(2026, 9, 14), 4, 5, skip=[date(2026, 10, 12)]))
    plg = group.set_subgroup(plg, "Subgroep A", [pid("sanne"), pid("ahmed")])
    plg = group.set_subgroup(plg, "subgroep  b", [pid("lotte"), pid("joris")])
    return _stamped(plg)


def test_a_series_skips_holidays_and_sorts_extra_dates():
    days = group.series(
        date(2026, 9, 14), 4, 3, skip=[date(2026, 10, 12)], extra=[date(2026, 9, 1)]
    )
    # Three meetings in the series: the holiday has none and the series goes on.
    assert days == [date(2026, 9, 1), date(2026, 9, 14), date(2026, 11, 9), date(2026, 12, 7)]
    with pytest.raises(InvalidInput):
        group.series(date(2026, 9, 14), 0, 3)


def test_subgroups_are_one_per_person_and_compared_normalised():
    plg = demo_plg()
    assert plg.data["name"] == "PLG Taal"
    assert group.subgroup_of(plg, pid("lotte")) == "subgroep b"
    moved = group.set_subgroup(plg, "SUBGROEP B", [pid("lotte"), pid("joris"), pid("sanne")])
    assert [g["name"] for g in group.subgroups(moved)] == ["Subgroep A", "subgroep b"]
    assert group.subgroup_of(moved, pid("sanne")) == "subgroep b"
    assert group.subgroups(moved)[0]["members"] == [pid("ahmed")]
    assert set(group.members(moved)) >= {pid("sanne"), pid("lotte"), pid("pieter")}
    assert group.next_date(plg, date(2026, 10, 13)) == date(2026, 11, 9)
    assert group.goal_parts(plg) == ["Meer eigenaarschap", "Betere feedback"]


def test_a_meeting_holds_attendance_agreements_and_actions_and_its_time_is_checked():
    plg = demo_plg()
    meeting = meetings.new_meeting(plg, plg.owner, date(2026, 11, 9))
    meeting = meetings.set_part(meeting, "make", minutes=80, presenters=["x", "x", "y"])
    assert meetings.parts(meeting)["make"]["presenters"] == ["x", "y"]  # nobody twice in a part
    assert meetings.over_time(meeting) == 0
    meeting = meetings.set_part(meeting, "explore", minutes=30)
    assert meetings.over_time(meeting) == 20
    meeting = meetings.set_attendance(meeting, {pid("sanne"): "present", pid("ahmed"): "excused"})
    meeting = meetings.add_line(meeting, "agreements", "  Iedereen  neemt een opdracht mee ")
    meeting = meetings.add_action(meeting, "Rubric delen", pid("sanne"), date(2026, 11, 20))
    meeting = _stamped(meetings.mark_held(meeting))
    with pytest.raises(InvalidInput):
        meetings.set_attendance(meeting, {pid("sanne"): "ziek"})  # no reasons are stored
    view = group_view([plg, meeting], pid("sanne"), date(2026, 11, 10))
    assert view.subgroup() == "Subgroep A"
    assert view.next_date == date(2026, 12, 7)
    assert view.last_held is meeting
    assert meetings.lines(meeting, "agreements") == ["Iedereen neemt een opdracht mee"]
    (action,) = view.open_actions(pid("sanne"))
    assert action.item["text"] == "Rubric delen"
    # Only Sanne marks it done, in a record of her own.
    with pytest.raises(InvalidInput):
        meetings.done_record(meeting, action.item, pid("ahmed"))
    done = meetings.done_record(meeting, action.item, pid("sanne"))
    assert group_view([plg, meeting, done], pid("sanne"), date(2026, 11, 10)).open_actions() == []
    forged = meetings.done_record(meeting, action.item, pid("sanne"))
    forged.owner = pid("ahmed")
    assert len(group_view([plg, meeting, forged], None, date(2026, 11, 10)).open_actions()) == 1
    assert view.attendance()[pid("ahmed")].excused == 1


def test_the_logbook_never_leaves_the_facilitators_database():
    plg = demo_plg()
    meeting = meetings.new_meeting(plg, plg.owner, date(2026, 11, 9))
    meeting = meetings.set_logbook(meeting, pid("sanne"), "LOGBOEKGEHEIM")
    plg = meetings.set_logbook(plg, pid("ahmed"), "LOGBOEKGEHEIM2")
    shared = exchange.export_records([plg, meeting], plg.owner)
    assert "LOGBOEKGEHEIM" not in repr([r.data for r in shared])
    for profile in exchange.PROFILES:
        out = exchange.export_records([plg, meeting], plg.owner, profile)
        assert "LOGBOEK" not in repr([r.data for r in out])


def _meeting_of(owner: str, plg: Record, rid: str) -> Record:
    meeting = meetings.new_meeting(plg, pid(owner), date(2026, 11, 9))
    meeting.id = rid
    return _stamped(meetings.add_line(meeting, "agreements", f"Afspraak van {owner}"))


def test_only_the_facilitator_or_a_named_note_taker_keeps_meetings_in_every_order():
    plg = group.set_note_takers(demo_plg(), [pid("lotte")])
    own = _meeting_of("pieter", plg, "4d000000-0000-4000-8000-000000000001")
    noted = _meeting_of("lotte", plg, "4d000000-0000-4000-8000-000000000002")
    forged = _meeting_of("joris", plg, "4d000000-0000-4000-8000-000000000003")
    files = [
        own_file("pieter", records_of("pieter") + [plg, own]),
        own_file("lotte", records_of("lotte") + [noted]),
        own_file("joris", records_of("joris") + [forged]),
    ]
    result = every_order(files)
    assert own.id in result.records and noted.id in result.records
    assert forged.id not in result.records
    assert refused(result, "joris.plgcycle.json") == [(forged.id, trust.NOT_FACILITATOR)]
    line = next(v for v in result.files if v.name == "joris.plgcycle.json").refused[0].message
    assert "joris.plgcycle.json" in line and "\n" not in line
    # Without the PLG record nobody's meetings count: there is no facilitator to judge by.
    alone = every_order([files[1]])
    assert refused(alone, "lotte.plgcycle.json") == [(noted.id, trust.NOT_FACILITATOR)]


def test_the_facilitator_and_the_leaders_are_not_listed_as_teachers_without_a_question():
    from plgcycle import cycle, review

    teacher, leader = cycle.new_person("Nog Geen Vraag"), cycle.new_person("Henk de Boer")
    facilitator = cycle.new_person("Marieke Visser")
    plg = group.new_plg(facilitator.id, "PLG Taal")
    plg = group.set_leaders(group.add_members(plg, [teacher.id]), [leader.id])
    assert set(group.members(plg)) == {facilitator.id, teacher.id, leader.id}
    records = [_stamped(r) for r in (teacher, leader, facilitator, plg)]
    names = [row.name for row in review.build_overview(records, date(2026, 11, 23)).rows]
    assert names == ["Nog Geen Vraag"]
    # With a question of her own, the facilitator takes part like anyone.
    question = _stamped(cycle.new_question(facilitator.id, "Hoe activeer ik 2 havo?"))
    rows = review.build_overview([*records, question], date(2026, 11, 23)).rows
    assert sorted(row.name for row in rows) == ["Marieke Visser", "Nog Geen Vraag"]
    assert group.leaders(group.remove_member(plg, leader.id)) == []


def test_the_facilitators_subgroup_and_name_win_over_what_a_teacher_typed_in_the_review():
    from plgcycle import cycle, review

    teacher = cycle.new_person("Sanne de Vries", subgroup="subgroep c", plg="plg taal")
    facilitator = cycle.new_person("Marieke Visser")
    plg = group.set_subgroup(group.new_plg(facilitator.id, "PLG Taal"), "C", [teacher.id])
    question = cycle.new_question(teacher.id, "Hoe activeer ik 2 havo?")
    records = [_stamped(r) for r in (teacher, facilitator, plg, question)]
    overview = review.build_overview(records, date(2026, 11, 23))
    (row,) = overview.rows
    assert row.subgroup == "C" and overview.plg == "PLG Taal"
    assert all(r.subgroup == "C" for r in overview.rounds)
    # Without the PLG record, what the teacher typed is all there is.
    (alone,) = review.build_overview(records[:1] + records[3:], date(2026, 11, 23)).rows
    assert alone.subgroup == "subgroep c"
