"""Attacks on the scan's anonymity: each tries to work out one person's answer from the outputs.

Every scenario is checked on every output (terminal text, SVG, HTML table and section, CSV,
reading; Dutch and English) and by an attacker who reads the CSV, knows who is in the team
and does exact linear algebra over every number in it (``tests.scan_helpers.exposed``).
``test_every_attack_works_against_a_rule_that_only_counts`` runs the same scenarios with the
complement and difference protection switched off, and shows that the attacker then finds
the person: so these tests fail when the protection fails.
"""

from __future__ import annotations

import re
from math import isclose

import pytest

from plgcycle import i18n
from plgcycle.scan import (
    ALL,
    DERIVABLE,
    LEADER,
    OPEN,
    SPREAD_DERIVABLE,
    SPREAD_TOO_FEW,
    TEACHER,
    TOO_FEW,
    build,
    csv_text,
    html_section,
    html_table,
    spider_svg,
    text_chart,
)
from plgcycle.scan import figures as scan_figures
from tests.scan_helpers import (
    DK,
    answered,
    csv_figures,
    every_output,
    exposed,
    exposures,
    moment,
    person,
    same,
)


def teachers(n, value=3, start=0, key="buy_in"):
    return [
        person(f"t{i}", TEACHER, same(key, value + (i % 2)), same(key, 5))
        for i in range(start, start + n)
    ]


def leaders(values, key="buy_in"):
    return [person(f"l{i}", LEADER, same(key, v), same(key, 5)) for i, v in enumerate(values)]


def csv_en(figures) -> str:
    i18n.set_language("en")
    try:
        return csv_text(figures)
    finally:
        i18n.set_language("nl")


def _attack(moments):
    figures = build(moments)
    return figures, exposures(csv_en(figures), moments)


# --- the scenarios, each with the person an attacker is after ------------------------------------


def complement():
    """Three teachers and two leaders, five in all: everyone minus teachers would give the
    leaders' sum, and either leader the other's answer."""
    return [moment("m1", teachers(3) + leaders([1, 5]))], "l0"


def one_leader():
    return [moment("m1", teachers(6) + leaders([2]))], "l0"


def joined():
    """The same six teachers, then one more: moment 2 minus moment 1 gives the newcomer."""
    return [moment("m1", teachers(6)), moment("m2", teachers(7))], "t6"


def left():
    """The same group minus one person."""
    return [moment("m1", teachers(7)), moment("m2", teachers(6))], "t6"


def swapped():
    """One person out, one in: the difference is one person's answer minus the other's."""
    return [moment("m1", teachers(6)), moment("m2", teachers(5) + teachers(1, start=9))], "t9"


def changed_role():
    """A teacher becomes a leader: both roles change by one person."""
    first = teachers(4) + leaders([2, 4, 5])
    second = (
        teachers(3)
        + [person("t3", LEADER, same("buy_in", 4), same("buy_in", 5))]
        + leaders([2, 4, 5])
    )
    return [moment("m1", first), moment("m2", second)], "t3"


def dimension_by_two():
    """Six teachers, of whom only two answer 'sharing' (the rest: don't know)."""
    people = [
        person(f"t{i}", TEACHER, {**same("buy_in", 3), **same("sharing", 1 + i if i < 2 else DK)})
        for i in range(6)
    ]
    return [moment("m1", people)], "t0"


def dimension_one_more():
    """Four of six answer 'sharing' at moment 1, five at moment 2."""

    def group(answering):
        return [
            person(
                f"t{i}",
                TEACHER,
                {**same("buy_in", 3), **same("sharing", 4 if i < answering else DK)},
            )
            for i in range(6)
        ]

    return [moment("m1", group(4)), moment("m2", group(5))], "t4"


def leaders_dont_know():
    """Two leaders answer buy-in but say "don't know" to all of sharing: the teachers' count
    for sharing beside everyone's would tell that both leaders said "don't know"."""
    people = [
        person(f"t{i}", TEACHER, {**same("buy_in", 3), **same("sharing", 4)}) for i in range(5)
    ]
    people += [
        person(f"l{i}", LEADER, {**same("buy_in", 4), **same("sharing", DK)}) for i in range(2)
    ]
    return [moment("m1", people)], "l0"


def newcomer_dont_know():
    """A newcomer at moment 2 says "don't know" to all of sharing; the rest answer as before."""

    def group(n):
        return [
            person(f"t{i}", TEACHER, {**same("buy_in", 3), **same("sharing", 4 if i < 6 else DK)})
            for i in range(n)
        ]

    return [moment("m1", group(6)), moment("m2", group(7))], "t6"


SCENARIOS = [
    complement,
    one_leader,
    joined,
    left,
    swapped,
    changed_role,
    dimension_by_two,
    dimension_one_more,
    leaders_dont_know,
    newcomer_dont_know,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_no_output_lets_the_attacker_isolate_anyone(scenario):
    moments, _target = scenario()
    figures, found = _attack(moments)
    assert found == {}
    # Every shown figure rests on at least three people (and a spread on at least five).
    for (_m, _g, _d, name), figure in figures.every():
        if figure.shown and name in ("now", "desired", "respondents"):
            assert figure.n >= 3
        if figure.shown and name.endswith("spread"):
            assert figure.n >= 5


def test_every_attack_works_against_a_rule_that_only_counts(monkeypatch):
    """The control: with only the 'at least three' count, each scenario exposes its target."""

    def count_only(self, people, group):
        return scan_figures.TOO_FEW if len(people) < self.minimum else ""

    monkeypatch.setattr(scan_figures._Family, "why_not", count_only)
    for scenario in SCENARIOS:
        if scenario in (one_leader, dimension_by_two):
            continue  # these two are stopped by the count alone; see their own tests
        moments, target = scenario()
        _figures, found = _attack(moments)
        assert any(target in group for sets in found.values() for group in sets), scenario.__name__


def test_complement_the_smaller_role_hides_the_other_role_too():
    moments, _ = complement()
    f = build(moments)
    for group in (TEACHER, LEADER):
        cell = f.group("m1", group)
        assert not cell.anything_shown and not cell.respondents.shown
    assert f.group("m1", TEACHER).get("buy_in").now.reason == DERIVABLE
    assert f.group("m1", LEADER).get("buy_in").now.reason == TOO_FEW
    assert f.group("m1", ALL).get("buy_in").now.shown
    # The numbers an attacker would need are simply not there: the teachers' mean is empty.
    rows = csv_figures(csv_en(f))
    assert rows[("m1", "Teachers", "buy_in")]["Now"] == ""
    assert rows[("m1", "Teachers", "buy_in")]["Respondents"] == ""
    assert rows[("m1", "Leaders", "buy_in")]["Respondents"] == ""
    assert rows[("m1", "Everyone", "buy_in")]["Now"] != ""


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+[.,]\d", text)


@pytest.mark.parametrize("scenario", [complement, one_leader], ids=lambda s: s.__name__)
def test_a_role_below_three_shows_nothing_in_any_output(scenario):
    moments, _ = scenario()
    f = build(moments)
    # Terminal: the leaders' block is the title and one reason, no bar, no number.
    block = text_chart(f, LEADER)
    assert len(block) == 2 and not _numbers("\n".join(block)) and "█" not in "\n".join(block)
    assert block[1].strip() == "te weinig antwoorden om te tonen"
    # SVG: no data drawn (the only circle is the legend's), table: only dashes.
    svg = spider_svg(f, LEADER)
    assert svg.count("<circle") == 1 and svg.count('fill-opacity="0.10"') == 0
    table = html_table(f, LEADER)
    assert not _numbers(table.split("</caption>", 1)[1])
    # The report section: one line for leaders, no chart.
    section = html_section(f)
    leaders_part = section.split("<h3>Leidinggevenden</h3>", 1)[1].split("<h3>", 1)[0]
    assert "<svg" not in leaders_part and "te weinig antwoorden om te tonen" in leaders_part
    # CSV: every number of the leaders' rows is empty.
    for key, row in csv_figures(csv_en(f)).items():
        if key[1] == "Leaders":
            assert [
                v
                for k, v in row.items()
                if k not in ("Scan round", "Group", "Dimension key", "Dimension", "Kind", "Note")
            ] == [""] * 10
            assert "too few answers to show" in row["Note"]


def test_one_leader_and_no_leaders_at_all():
    moments, _ = one_leader()
    f = build(moments)
    assert not f.group("m1", TEACHER).anything_shown  # six teachers, hidden for the one leader
    assert f.group("m1", ALL).get("buy_in").now.n == 7
    only_teachers = build([moment("m1", teachers(6))])
    # No leaders at all: teachers and everyone are the same people, nothing to derive.
    assert only_teachers.group("m1", TEACHER).get("buy_in").now.shown
    assert not only_teachers.group("m1", LEADER).respondents.shown


def test_a_filter_that_narrows_to_two_shows_nothing():
    two = [person("t0", TEACHER, same("buy_in", 2)), person("t1", TEACHER, same("buy_in", 5))]
    f = build([moment("m1", two)])
    assert not any(figure.shown for _place, figure in f.every())
    outputs = every_output(f)
    for name, text in outputs.items():
        if name.startswith(("text", "table", "section")):
            assert not _numbers(text), name
        if name.startswith("csv"):
            lines = text.splitlines()[1:]
            assert all(
                re.fullmatch(
                    r"[^0-9]*",
                    line.split(",", 5)[-1] if "csv-en" in name else line.split(";", 5)[-1],
                )
                for line in lines
            ), name
    # Choosing a role from the result never recomputes: the view of two leaders is withheld.
    f = build([moment("m1", teachers(5) + leaders([1, 5]))])
    assert not f.group(group=LEADER).anything_shown


def test_the_change_is_withheld_when_the_group_differs_by_one_and_shown_by_three():
    moments, _ = joined()
    f = build(moments)
    second = f.group("m2", ALL).get("buy_in")
    assert not second.now.shown and second.now.reason == DERIVABLE
    assert not second.now_change.shown and second.now_change.value is None
    assert f.group("m1", ALL).get("buy_in").now.shown  # what was shown at moment 1 stays shown
    # Three newcomers: the difference is about three people together, so it is shown.
    f = build([moment("m1", teachers(6)), moment("m2", teachers(9))])
    change = f.group("m2", ALL).get("buy_in").now_change
    assert change.shown
    # Teachers alternate 3 and 4: t0-t5 give 3.5, t0-t8 five 3s and four 4s.
    assert isclose(change.value, (5 * 3 + 4 * 4) / 9 - 3.5)


def test_the_naive_difference_would_give_the_newcomer_away():
    """Why: with both means shown, 7 × m2 − 6 × m1 is exactly the newcomer's answer."""
    moments, target = joined()
    m1 = [3 + (i % 2) for i in range(6)]
    m2 = m1 + [3 + (6 % 2)]
    newcomer = 7 * (sum(m2) / 7) - 6 * (sum(m1) / 6)
    assert isclose(newcomer, 3) and target == "t6"
    assert not build(moments).group("m2", ALL).get("buy_in").now.shown


def test_a_dimension_answered_by_two_is_withheld_but_the_rest_is_shown():
    moments, _ = dimension_by_two()
    f = build(moments)
    cell = f.group("m1", ALL)
    assert cell.get("sharing").now.reason == TOO_FEW
    assert cell.get("buy_in").now.shown and cell.respondents.value == 6
    assert answered(moments[0].responses, "sharing") == {"t0", "t1"}


def test_the_spread_needs_five_and_is_protected_like_the_mean():
    # Five teachers and three leaders: the leaders' mean is shown (3), their spread is not (5),
    # and the teachers' spread is withheld too: everyone's sum of squares minus the teachers'
    # would give the leaders' spread, from which one leader could compute the other two.
    f = build([moment("m1", teachers(5) + leaders([1, 3, 5]))])
    everyone, t, lead = (f.group("m1", g).get("buy_in") for g in (ALL, TEACHER, LEADER))
    assert everyone.now_spread.shown and t.now.shown and lead.now.shown
    assert lead.now_spread.reason == SPREAD_TOO_FEW
    assert t.now_spread.reason == SPREAD_DERIVABLE
    # From a mean and spread of three, one of the three computes the other two.
    insider_sets = [frozenset({"l0", "l1", "l2"})]
    assert exposed(insider_sets, known=frozenset({"l0"})) == set()  # the mean alone: safe
    assert not build([moment("m1", leaders([1, 3, 5]))]).group().get("buy_in").now_spread.shown


def test_an_open_round_shows_no_figures_so_a_late_answer_cannot_be_isolated():
    four = moment("m1", teachers(4), closed=False)
    five = moment("m1", teachers(5), closed=False)
    for m in (four, five):
        f = build([m])
        cell = f.group()
        assert all(not fig.shown for d in cell.dimensions for _n, fig in d.figures())
        assert cell.get("buy_in").now.reason == OPEN
        assert cell.respondents.shown  # how many answered so far is shown: no answer in it
    assert "te zien zodra de scanronde gesloten is" in "\n".join(text_chart(build([five])))


def test_a_dont_know_is_protected_like_any_answer():
    moments, _ = leaders_dont_know()
    f = build(moments)
    assert f.group("m1", ALL).get("sharing").now.n == 5  # everyone: the five teachers
    assert f.group("m1", TEACHER).get("sharing").now.reason == DERIVABLE
    moments, _ = newcomer_dont_know()
    f = build(moments)
    assert f.group("m2", ALL).get("sharing").now.reason == DERIVABLE
    assert f.group("m1", ALL).get("sharing").now.n == 6


def test_a_withheld_figure_holds_no_number_at_all():
    moments, _ = complement()
    f = build(moments)
    withheld = [fig for _place, fig in f.every() if not fig.shown]
    assert withheld and all(fig.value is None and fig.n is None for fig in withheld)
    with pytest.raises(ValueError):
        scan_figures.Figure(False, value=2.0, reason=TOO_FEW)
    with pytest.raises(ValueError):
        scan_figures.Figure(True, value=None, n=3)
