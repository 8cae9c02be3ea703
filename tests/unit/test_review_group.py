"""The review's group figures: feedback this round and over all rounds, taken on, who only gives
or only receives, and attendance over the year from the meetings that count."""

from __future__ import annotations

from datetime import date

from test_review import APPLY, TODAY, Group, row_of  # noqa: E402

from plgcycle import attendance, exchange, group, meetings, review
from plgcycle.model import FB_ADOPTED, FB_NOT_ADOPTED, Record
from tests.exchange_helpers import pid
from tests.trust_helpers import STAMP, own_env, records_of


def build(g: Group, *extra: Record) -> review.Overview:
    return review.build_overview([*g.records, *extra], TODAY, review.StalledRule(days=12))


def year(ov: review.Overview) -> attendance.YearAttendance:
    return attendance.of_index(ov.index, ov.figures.people, ov.today)


def feedback_group() -> tuple[Group, dict[str, str]]:
    """Sanne got three pieces on her closed first round (two taken on), none on her second.

    Ahmed only gives, Sanne only receives, Bea gives and receives, Cas does neither.
    """
    g = Group()
    people = {n: g.person(n) for n in ("Ahmed", "Sanne", "Bea", "Cas")}
    sanne, bea = people["Sanne"], people["Bea"]
    first = g.round(sanne, 30, steps={"apply": APPLY}, closed_days_ago=20)
    taken = g.feedback(first, people["Ahmed"], 25, giver=people["Ahmed"], giver_name="Ahmed")
    left = g.feedback(first, bea, 25, giver=bea, giver_name="Bea")
    own = g.feedback(first, sanne, 25, giver=sanne, giver_name="Sanne")  # a note to self
    # Sanne noted what a mentor said aloud, and took it on: received, but not in the flow.
    noted = g.feedback(first, sanne, 25, giver=None, giver_name="Mentor Els")
    first.data["feedback_status"] = {
        taken.id: FB_ADOPTED,
        noted.id: FB_ADOPTED,
        left.id: FB_NOT_ADOPTED,
        own.id: FB_ADOPTED,  # not feedback received: never counted as taken on
        "0b000000-0000-4000-8000-000000000000": FB_ADOPTED,  # no such feedback
    }
    g.round(sanne, 2, round_no=2, parent=first.id, chain=first.id)
    rb = g.round(bea, 2)
    g.feedback(rb, people["Ahmed"], 1, giver=people["Ahmed"], giver_name="Ahmed")
    g.round(people["Ahmed"], 2)
    return g, people


def test_rows_count_this_round_and_the_figures_all_rounds_with_what_was_taken_on():
    g, people = feedback_group()
    ov = build(g)
    sanne = row_of(ov, "Sanne")
    assert sanne.round_no == 2
    assert (sanne.feedback_received, sanne.feedback_adopted) == (0, 0)  # this round
    first = next(r for r in ov.rounds if r.name == "Sanne" and r.round_no == 1)
    assert (first.feedback_received, first.feedback_adopted) == (3, 2)
    f = ov.figures
    assert f.received[people["Sanne"]] == 3  # all rounds
    assert f.adopted == {people["Sanne"]: 2}
    assert f.adopted_in_flow == {people["Sanne"]: 1}  # the matrix leaves noted feedback out
    assert (f.received_total, f.adopted_total) == (4, 2)
    assert f.without_feedback == 2  # Sanne's and Ahmed's open rounds, this round


def test_who_only_gives_and_who_only_receives_over_all_rounds():
    g, people = feedback_group()
    f = build(g).figures
    assert f.only_gives == [people["Ahmed"]]
    assert f.only_receives == [people["Sanne"]]
    # Once Sanne gives something back, she is no longer one-way.
    g2, people2 = feedback_group()
    rb = next(r for r in g2.records if r.owner == people2["Bea"] and r.kind == "round")
    g2.feedback(rb, people2["Sanne"], 1, giver=people2["Sanne"], giver_name="Sanne")
    assert build(g2).figures.only_receives == []


# --- attendance -------------------------------------------------------------------------------


def _stamped(record: Record) -> Record:
    record.rev, record.updated_at = 1, STAMP
    return record


def held(plg: Record, owner: str, day: date, statuses: dict[str, str], done=True) -> Record:
    meeting = meetings.set_attendance(meetings.new_meeting(plg, owner, day), statuses)
    return _stamped(meetings.mark_held(meeting, done))


def attendance_group():
    """Facilitator Fenna, note-taker Noor; Ahmed, Bea and Cas; Dirk never on a list."""
    g = Group()
    p = {n: g.person(n) for n in ("Fenna", "Noor", "Ahmed", "Bea", "Cas", "Dirk")}
    plg = group.new_plg(p["Fenna"], "PLG Test")
    plg = group.add_members(plg, [p[n] for n in ("Noor", "Ahmed", "Bea", "Cas", "Dirk")])
    plg = _stamped(group.set_note_takers(plg, [p["Noor"]]))
    present, absent, excused = meetings.PRESENT, meetings.ABSENT, meetings.EXCUSED
    a, b, c = p["Ahmed"], p["Bea"], p["Cas"]
    kept = [
        held(plg, p["Fenna"], date(2026, 9, 14), {a: present, b: absent, c: excused}),
        held(plg, p["Noor"], date(2026, 10, 12), {a: present, b: absent, c: present}),
        held(plg, p["Fenna"], date(2026, 11, 9), {a: excused, b: excused, c: present}),
    ]
    not_counted = [
        # Kept by a member who is neither facilitator nor note-taker: not the PLG's meeting.
        held(plg, a, date(2026, 11, 16), {a: present, b: present, c: absent}),
        # Planned, not held: says nothing about who came.
        held(plg, p["Fenna"], date(2026, 12, 7), {b: present}, done=False),
    ]
    return g, p, plg, kept, not_counted


def test_attendance_per_member_and_for_the_group_counts_only_held_meetings_that_count():
    g, p, plg, kept, not_counted = attendance_group()
    att = year(build(g, plg, *kept, *not_counted))
    assert att.plg is not None and att.plg.id == plg.id
    assert [m.day for m in att.meetings] == [
        date(2026, 9, 14),
        date(2026, 10, 12),
        date(2026, 11, 9),
    ]
    assert [(m.present, m.absent, m.excused) for m in att.meetings] == [
        (1, 1, 1),
        (2, 1, 0),
        (1, 0, 2),
    ]
    assert (att.held, att.present, att.listed) == (3, 4, 9)
    by_name = {m.name: m for m in att.members}
    # The members, by name (the facilitator is one of them).
    assert list(by_name) == ["Ahmed", "Bea", "Cas", "Dirk", "Fenna", "Noor"]
    assert (by_name["Ahmed"].present, by_name["Ahmed"].excused) == (2, 1)
    assert (by_name["Bea"].present, by_name["Bea"].absent, by_name["Bea"].excused) == (0, 2, 1)
    assert (by_name["Cas"].present, by_name["Cas"].excused) == (2, 1)
    assert (by_name["Dirk"].not_noted, by_name["Dirk"].held) == (3, 3)


def test_not_present_at_the_last_two_meetings_is_a_signal_and_one_absence_is_not():
    g, p, plg, kept, _not_counted = attendance_group()
    att = year(build(g, plg, *kept))
    # Bea: absent on 12 Oct, afgemeld on 9 Nov.  Ahmed was afgemeld only on 9 Nov.
    assert [m.name for m in att.missed_last_two] == ["Bea"]
    bea = next(m for m in att.members if m.name == "Bea")
    assert bea.last_two == (meetings.EXCUSED, meetings.ABSENT)
    # Dirk was never on a list: not noted is not absent.
    assert not next(m for m in att.members if m.name == "Dirk").missed_last_two
    # The meeting a member kept (Bea present there) changes nothing.
    with_forged = year(build(g, plg, *kept, *_not_counted))
    assert [m.name for m in with_forged.missed_last_two] == ["Bea"]
    # Take away the last meeting: now Bea's last two are absent, absent; Ahmed present.
    earlier = year(build(g, plg, *kept[:2]))
    assert [m.name for m in earlier.missed_last_two] == ["Bea"]
    assert earlier.members[0].last_two == (meetings.PRESENT, meetings.PRESENT)
    # One held meeting: there are no last two.
    assert year(build(g, plg, kept[0])).missed_last_two == []


def test_without_a_plg_there_is_no_attendance_and_nobody_is_signalled():
    g, _p, _plg, kept, _n = attendance_group()
    att = year(build(g, *kept))  # meetings without their PLG: no facilitator to judge by
    assert (att.plg, att.meetings, att.members) == (None, [], [])


def test_from_files_only_the_meetings_the_trust_rules_accept_count(tmp_path):
    """Signed files as they travel: Joris (a member) cannot add a meeting of the PLG."""
    plg = group.new_plg(pid("pieter"), "PLG Taal")
    plg = _stamped(group.add_members(plg, [pid(n) for n in ("sanne", "joris", "ahmed")]))
    present, absent = meetings.PRESENT, meetings.ABSENT
    own = held(plg, pid("pieter"), date(2026, 11, 9), {pid("sanne"): absent, pid("joris"): absent})
    earlier = held(plg, pid("pieter"), date(2026, 10, 12), {pid("sanne"): absent})
    forged = held(plg, pid("joris"), date(2026, 11, 16), {pid("sanne"): present})
    files = {
        "pieter": records_of("pieter") + [plg, own, earlier],
        "joris": records_of("joris") + [forged],
        "sanne": records_of("sanne"),
    }
    for name, records in files.items():
        (tmp_path / f"{name}.plgcycle.json").write_bytes(exchange.encode(own_env(name, records)))
    data = review.load_exports([tmp_path])
    assert forged.id not in {r.id for r in data.records}  # refused, with a line
    assert any("joris.plgcycle.json" in line for line in data.lines)
    att = year(review.build_overview(data, TODAY))
    assert [m.day for m in att.meetings] == [date(2026, 10, 12), date(2026, 11, 9)]
    sanne = next(m for m in att.members if m.person_id == pid("sanne"))
    assert (sanne.present, sanne.absent, sanne.missed_last_two) == (0, 2, True)
