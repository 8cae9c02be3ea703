"""agenda.py: the proposal for the next meeting and editing it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_review import APPLY, APPROACH, BASELINE, TODAY, Group  # noqa: E402

from plgcycle import agenda, agenda_proposal, demo, i18n, review
from plgcycle.errors import InvalidInput


def build(group: Group, **rule) -> review.Overview:
    return review.build_overview(group.records, TODAY, review.StalledRule(**rule))


@pytest.fixture
def group():
    """Five teachers, each in a different situation the agenda must pick up."""
    g = Group()
    meeting = TODAY + timedelta(days=10)
    presenter = g.person("Pia Presenteert", subgroup="A", next_meeting=meeting)
    planner = g.person("Piet Plant", subgroup="A", next_meeting=meeting)
    decided = g.person("Dirk Besluit", subgroup="B", next_meeting=meeting)
    quiet = g.person("Stil Staan", subgroup="B", next_meeting=meeting)
    g.person("Nog Niets", subgroup="B", next_meeting=meeting)

    r = g.round(presenter, 2, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(r, 2, done=True)
    g.measure(r, 2, base=55, value=68)
    g.feedback(r, planner, 1, giver=planner, giver_name="Piet Plant")

    p = g.round(planner, 3, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(p, 3, planned_date=(TODAY + timedelta(days=4)).isoformat())

    g.round(
        decided,
        5,
        steps={"baseline": BASELINE, "approach": APPROACH, "apply": APPLY},
        closed_days_ago=5,
    )

    g.round(quiet, 60, steps={"baseline": BASELINE})
    return g


def items(plan: agenda.Agenda, key: str, kind: str | None = None) -> list[agenda.AgendaItem]:
    return [i for i in plan.part(key).items if kind is None or i.kind == kind]


def test_proposal_puts_everyone_where_they_belong(group):
    ov = build(group)  # previous meeting: 10 days ahead minus 35 = 25 days ago
    plan = agenda_proposal.propose(ov)
    assert [p.key for p in plan.parts] == list(agenda.PART_KEYS)
    assert plan.meeting == TODAY + timedelta(days=10)
    assert plan.title == "Bijeenkomst PLG Test"

    present = items(plan, agenda.EXPLORE, agenda.KIND_PRESENT)
    assert [i.text.split(" (")[0] for i in present] == ["Pia Presenteert"]
    assert "55 → 68 %" in present[0].text

    decisions = items(plan, agenda.CONDENSE, agenda.KIND_DECISION)
    assert (
        len(decisions) == 1
        and "Dirk Besluit" in decisions[0].text
        and "bijstellen" in decisions[0].text
    )
    plans = items(plan, agenda.CONDENSE, agenda.KIND_PLAN)
    assert len(plans) == 1 and "Piet Plant" in plans[0].text and "27 nov 2026" in plans[0].text

    # Piet's plan is already on the agenda for feedback; Stil Staan has had none and has
    # not moved: one item says both, for nobody is named twice in one part.
    assert items(plan, agenda.MAKE, agenda.KIND_NO_FEEDBACK) == []
    next_steps = [i.text for i in items(plan, agenda.MAKE, agenda.KIND_NEXT_STEP)]
    assert any("Nog Niets" in t and "leervraag" in t for t in next_steps)
    assert any(
        "Stil Staan" in t and "geen beweging sinds" in t and "nog geen feedback" in t.lower()
        for t in next_steps
    )
    assert all("vastgelopen" not in t for t in next_steps)  # describe, never judge


def test_minutes_fill_the_meeting_and_grow_with_the_work(group):
    plan = agenda_proposal.propose(build(group), total=120)
    minutes = {p.key: p.minutes for p in plan.parts}
    assert plan.total_minutes == 120
    assert minutes[agenda.RETRO] == agenda.RETRO_MINUTES
    assert all(m % 5 == 0 for m in minutes.values())
    longer = agenda_proposal.propose(build(group), total=180)
    assert longer.part(agenda.MAKE).minutes == minutes[agenda.MAKE] + 60
    # A short meeting keeps a minimum for making; the total then says so honestly.
    short = agenda_proposal.propose(build(group), total=30)
    assert short.part(agenda.MAKE).minutes == agenda.MIN_MAKE
    assert short.total_minutes > 30


def test_a_decision_from_before_the_previous_meeting_is_not_repeated(group):
    plan = agenda_proposal.propose(build(group, days=3))  # the decision is 5 days old
    assert items(plan, agenda.CONDENSE, agenda.KIND_DECISION) == []


@pytest.mark.parametrize("total", [0, 29, 601, True])
def test_meeting_length_is_checked(group, total):
    with pytest.raises(InvalidInput):
        agenda_proposal.propose(build(group), total=total)


def test_editing_goes_through_checks(group):
    plan = agenda_proposal.propose(build(group))
    n = len(plan.part(agenda.RETRO).items)
    plan.add_item(agenda.RETRO, "  Koffie   halen  ", position=0)
    assert plan.part(agenda.RETRO).items[0].text == "Koffie halen"
    plan.edit_item(agenda.RETRO, 0, "Thee")
    assert plan.move_item(agenda.RETRO, 0, 1) == 1
    assert plan.part(agenda.RETRO).items[1].text == "Thee"
    assert plan.move_item(agenda.RETRO, 1, 99) == n  # clamped at the end
    removed = plan.remove_item(agenda.RETRO, n)
    assert removed.text == "Thee" and len(plan.part(agenda.RETRO).items) == n
    plan.set_minutes(agenda.RETRO, 15)
    assert plan.part(agenda.RETRO).minutes == 15
    for bad in (
        lambda: plan.add_item(agenda.RETRO, "   "),
        lambda: plan.add_item(agenda.RETRO, "x" * (agenda.MAX_ITEM + 1)),
        lambda: plan.edit_item(agenda.RETRO, 99, "x"),
        lambda: plan.remove_item("lunch", 0),
        lambda: plan.set_minutes(agenda.RETRO, -5),
        lambda: plan.set_minutes(agenda.RETRO, 2.5),
        lambda: plan.set_title("  "),
    ):
        with pytest.raises(InvalidInput):
            bad()
    assert plan.part(agenda.RETRO).minutes == 15  # a refused change changes nothing


def test_markdown_has_the_five_parts_with_times_and_escapes_people_text(group):
    plan = agenda_proposal.propose(build(group))
    plan.add_item(agenda.STANDUP, "# [klik](http://x) <b>*vet*</b> `code`")
    text = plan.to_markdown()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert [h.split(". ", 1)[1].split(" (")[0] for h in headings] == [
        "Stand-up",
        "Exploreren",
        "Condenseren",
        "Maken",
        "Retro",
    ]
    assert "minuut 0-" in headings[0]
    assert f"{plan.total_minutes} minuten in totaal" in text
    line = next(line for line in text.splitlines() if "klik" in line)
    assert line == r"- \# \[klik\](http://x) \<b\>\*vet\*\</b\> \`code\`"


def test_agenda_survives_a_round_trip_and_rejects_other_data(group):
    plan = agenda_proposal.propose(build(group))
    again = agenda.Agenda.from_dict(plan.to_dict())
    assert again.to_markdown() == plan.to_markdown()
    for bad in (
        {},
        {"parts": "x"},
        {**plan.to_dict(), "parts": [{"key": "lunch", "minutes": 5, "items": []}]},
        {**plan.to_dict(), "made_on": "gisteren"},
    ):
        with pytest.raises(InvalidInput):
            agenda.Agenda.from_dict(bad)


def test_demo_agenda_in_english():
    i18n.set_language("en")
    _me, records = demo.build(date(2026, 11, 23))
    ov = review.build_overview(records, date(2026, 11, 23))
    text = agenda_proposal.propose(ov).to_markdown()
    assert text.startswith("# Meeting of PLG Activerend leren")
    assert "## 2. Explore" in text and "presents the try-out" in text
    assert "Fatima Yilmaz" in text and "Sanne de Vries" in text
