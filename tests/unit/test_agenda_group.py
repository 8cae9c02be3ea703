"""The proposal for a large PLG (planned per subgroup, presenters capped and rotating), nobody
named twice in one part, the meeting's length, and the agenda kept with the meeting."""

from __future__ import annotations

from datetime import date, timedelta

from test_review import APPROACH, BASELINE, TODAY, Group  # noqa: E402

from plgcycle import agenda, agenda_proposal, group, i18n, meetings, review
from plgcycle.agenda_proposal import LARGE_GROUP, MAX_PER_PART, GroupContext


def _large(n: int = 15, presenting: int = 7) -> tuple[Group, list[str]]:
    """``n`` teachers in three typed subgroups; the first ``presenting`` have a try-out done."""
    g = Group()
    people = []
    for k in range(n):
        pid = g.person(f"Leraar {k:02d}", subgroup="abc"[k % 3], next_meeting=TODAY + timedelta(10))
        people.append(pid)
        r = g.round(pid, 20, steps={"baseline": BASELINE, "approach": APPROACH})
        if k < presenting:
            g.tryout(r, 3, done=True)
    return g, people


def _propose(g: Group, **kwargs) -> agenda.Agenda:
    overview = review.build_overview(g.records, TODAY, review.StalledRule(days=40))
    return agenda_proposal.propose(overview, **kwargs)


def _people(plan: agenda.Agenda, key: str) -> list[str]:
    return [i.person_id for i in plan.part(key).items if i.person_id]


def test_a_large_group_is_planned_per_subgroup_with_presenters_rotating():
    i18n.set_language("nl")
    g, people = _large()
    assert len(people) > LARGE_GROUP
    # Everyone presented at some meeting except 5 and 6; 0 presented longest ago.
    presented = {p: date(2026, 10, 1) + timedelta(days=7 * k) for k, p in enumerate(people[:5])}
    # The facilitator moved teacher 1 from b to a new subgroup: the PLG's record wins.
    context = GroupContext(subgroups={people[1]: "Noord"}, presented=presented)
    plan = _propose(g, context=context)

    standup = [i.text for i in plan.part(agenda.STANDUP).items]
    assert any(t.startswith("Subgroep a (5 deelnemers), in een eigen kring") for t in standup)
    assert any(t.startswith("Subgroep b (4 deelnemers)") for t in standup)
    assert any(t.startswith("Subgroep Noord (1 deelnemer)") for t in standup)
    assert not any("Iedereen in één zin" in t for t in standup)

    explore = _people(plan, agenda.EXPLORE)
    assert len(explore) == MAX_PER_PART
    # Never presented first (5, 6), then who presented longest ago (0, 1); in name order.
    assert explore == [people[0], people[1], people[5], people[6]]
    later = plan.part(agenda.EXPLORE).items[-1]
    assert (
        later.kind == agenda.KIND_NOTE and "Leraar 02" in later.text and "Leraar 04" in later.text
    )
    assert "Leraar 03" in later.text
    who = next(i.text for i in plan.part(agenda.EXPLORE).items if i.person_id == people[1])
    assert "(subgroep Noord)" in who


def test_a_small_group_is_planned_as_one_circle_without_a_cap():
    i18n.set_language("nl")
    g, _people_ids = _large(n=LARGE_GROUP, presenting=6)
    plan = _propose(g)
    (standup,) = plan.part(agenda.STANDUP).items
    assert "Iedereen in één zin (12 deelnemers)" in standup.text
    assert len(_people(plan, agenda.EXPLORE)) == 6


def test_nobody_is_named_twice_in_one_part():
    i18n.set_language("nl")
    g = Group()
    lotte = g.person("Lotte Jansen", subgroup="A", next_meeting=TODAY + timedelta(10))
    for _ in range(2):  # two open rounds, both without feedback and without movement
        g.round(lotte, 60, steps={"baseline": BASELINE})
    r = g.round(lotte, 20, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(r, 3, done=True)
    g.tryout(g.round(lotte, 20, steps={"baseline": BASELINE, "approach": APPROACH}), 2, done=True)
    plan = _propose(g)
    for part in plan.parts:
        named = _people(plan, part.key)
        assert len(named) == len(set(named)), (part.key, [i.text for i in part.items])
    assert _people(plan, agenda.MAKE) == [lotte] and _people(plan, agenda.EXPLORE) == [lotte]


def test_a_short_meeting_warns_that_its_parts_do_not_fit():
    i18n.set_language("en")
    g, _people_ids = _large(n=4, presenting=1)
    plan = _propose(g, total=30)
    assert plan.length == 30 and plan.total_minutes > 30
    assert plan.over_warning() == (
        f"The parts add up to {plan.total_minutes} minutes: {plan.over_minutes} minutes more "
        "than the meeting's 30."
    )
    assert _propose(g, total=120).over_warning() == ""
    i18n.set_language("nl")


def test_the_agenda_kept_with_a_meeting_reads_back_the_same():
    i18n.set_language("nl")
    g, _people_ids = _large(n=5, presenting=2)
    plan = _propose(g, total=90)
    plan.add_item(agenda.RETRO, "Koffie [bold]na[/bold] afloop")
    plg = group.new_plg("f" * 32, "PLG Test")
    meeting = meetings.set_agenda(meetings.new_meeting(plg, "f" * 32, TODAY), plan)
    back = agenda.Agenda.from_dict(meetings.saved_agenda(meeting))
    expected = plan.to_dict() | {"meeting": TODAY.isoformat(), "length": 90}
    assert back.to_dict() == expected
    presenters = meetings.parts(meeting)[agenda.EXPLORE]["presenters"]
    assert presenters == _people(plan, agenda.EXPLORE)
    assert meetings.saved_agenda(meetings.new_meeting(plg, "f" * 32, TODAY)) is None


def test_the_school_scan_offers_its_discussion_points_to_exploring():
    import uuid

    from plgcycle import scan_rounds
    from plgcycle.groupview import group_view
    from plgcycle.model import SCAN_RESPONSE, Record

    i18n.set_language("nl")
    owner = str(uuid.uuid5(uuid.NAMESPACE_URL, "agenda-scan:facilitator"))
    people = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"agenda-scan:{n}")) for n in range(3)]
    plg = group.add_members(group.new_plg(owner, "PLG Test"), people)
    scan_round = scan_rounds.new_round(
        plg, owner, "Moment 1", TODAY - timedelta(days=5), opens=TODAY - timedelta(days=30)
    )
    answers = [
        Record(
            SCAN_RESPONSE,
            person,
            {
                "scan_round": scan_round.id,
                "role": "teacher",
                "now": {"buy_in.1": now},
                "desired": {"buy_in.1": 5},
            },
            str(uuid.uuid4()),
            1,
            (TODAY - timedelta(days=10)).isoformat() + "T10:00:00.000000+00:00",
        )
        for person, now in zip(people, (1, 2, 2), strict=True)
    ]
    records = [plg, scan_round, *answers]
    context = agenda_proposal.proposal_context(group_view(records, owner, TODAY), records)
    assert context.scan_points and any(
        "Draagvlak" in p or "draagvlak" in p for p in context.scan_points
    )
    g, _people_ids = _large(n=4, presenting=1)
    plan = _propose(g, context=context)
    notes = [i.text for i in plan.part(agenda.EXPLORE).items if i.kind == agenda.KIND_NOTE]
    assert notes and all(t.startswith("Uit de schoolscan: ") for t in notes)
    # Two answers are too few: the scan offers nothing.
    fewer = [plg, scan_round, *answers[:2]]
    assert (
        agenda_proposal.proposal_context(group_view(fewer, owner, TODAY), fewer).scan_points == ()
    )
