"""Property tests (hypothesis) of the scan's anonymity, over any set of responses.

For random teams, roles (people may change role), moments, don't-knows and left-out answers:

- every shown figure is built from the people the definition says, at least three of them
  (five for a spread), and its value is the mean (or standard deviation) of their scores
  computed here independently; the build is instrumented with its ``audit`` hook;
- an attacker who does exact linear algebra over every number shown (per dimension and side,
  across groups and moments, and over the counts) isolates no one, alone or in a pair, not
  even whether someone said "don't know", and the same holds for an attacker reading only
  the CSV;
- two people who answered at the same moments in the same roles cannot be told apart: swapping
  their answers changes no output at all (text, SVG, tables, CSV, reading; both languages).
"""

from __future__ import annotations

from fractions import Fraction
from math import isclose, sqrt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plgcycle import i18n
from plgcycle.scan import (
    ALL,
    BY_KEY,
    DESIRED,
    DONT_KNOW,
    LEADER,
    NOW,
    TEACHER,
    build,
    check_moment,
    check_response,
    csv_text,
)
from tests.scan_helpers import every_output, exposed, exposures

DIMS = ("buy_in", "sharing", "staff_policy")  # enough to vary; the rest stay unanswered
PEOPLE = [f"p{i}" for i in range(9)]
ANSWER = st.sampled_from([1, 2, 3, 4, 5, DONT_KNOW, None, 3, 4])


@st.composite
def team(draw):
    base_role = {p: draw(st.sampled_from([TEACHER, TEACHER, LEADER])) for p in PEOPLE}
    moments = []
    who: list[str] = []
    for m in range(draw(st.integers(1, 3))):
        if m and draw(st.booleans()):
            # Mostly the same team again, with a few people more or fewer: the case where
            # differences between moments would give someone away.
            toggled = draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=3))
            who = sorted(set(who) ^ set(toggled))
        else:
            who = draw(st.lists(st.sampled_from(PEOPLE), unique=True, min_size=0, max_size=9))
        responses = []
        for p in sorted(who):
            role = (
                base_role[p]
                if draw(st.integers(0, 9))
                else draw(st.sampled_from([TEACHER, LEADER]))
            )
            sides = []
            for _side in (NOW, DESIRED):
                given_answers = {}
                for d in DIMS:
                    if draw(st.integers(0, 4)) == 0:
                        continue  # this dimension left out altogether
                    for s in BY_KEY[d].statements:
                        value = draw(ANSWER)
                        if value is not None:
                            given_answers[s.id] = value
                sides.append(given_answers)
            responses.append(check_response(p, role, *sides))
        moments.append(
            check_moment(f"m{m}", f"ronde {m + 1}", responses, closed=draw(st.integers(0, 7)) > 0)
        )
    return moments


def _score(response, dimension, side):
    values = [response.answers(side).get(s.id) for s in BY_KEY[dimension].statements]
    values = [v for v in values if v not in (None, DONT_KNOW)]
    return Fraction(sum(values), len(values)) if values else None


def _expected_people(moment, group, dimension, side):
    members = [r for r in moment.responses if group == ALL or r.role == group]
    if not dimension:
        return frozenset(r.respondent for r in members)
    return frozenset(r.respondent for r in members if _score(r, dimension, side) is not None)


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(team())
def test_every_shown_figure_rests_on_enough_people_and_no_one_can_be_isolated(moments):
    audited = {}
    figures = build(moments, audit=lambda place, people: audited.setdefault(place, people))
    by_key = {m.key: m for m in moments}
    families: dict[tuple, list] = {}
    for place, figure in figures.every():
        moment_key, group, dimension, name = place
        if not figure.shown:
            assert figure.value is None and figure.n is None and figure.reason
            continue
        if name not in ("respondents", NOW, DESIRED, "now_spread", "desired_spread"):
            continue  # gaps and changes: differences of two shown means, checked below
        side = DESIRED if name.startswith(DESIRED) else NOW
        people = _expected_people(by_key[moment_key], group, dimension, side)
        assert audited[place] == people
        assert figure.n == len(people) >= (5 if name.endswith("spread") else 3)
        families.setdefault((dimension, name), []).append(people)
        if name == "respondents":
            continue
        if name in (NOW, DESIRED):
            # The count beside the mean: how many of the whole group answered.
            families.setdefault((dimension, name + " groups"), []).append(
                _expected_people(by_key[moment_key], group, "", side)
            )
        moment = by_key[moment_key]
        scores = [_score(r, dimension, side) for r in moment.responses if r.respondent in people]
        mean = sum(scores) / len(scores)
        if name.endswith("spread"):
            expected = sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))
        else:
            expected = float(mean)
        assert isclose(figure.value, expected, abs_tol=1e-9)
    for (dimension, name), sets in families.items():
        assert exposed(sets) == set(), (dimension, name, sets)
    for (moment_key, group, dimension, name), figure in figures.every():
        if figure.shown and name == "gap":
            cell = figures.group(moment_key, group).get(dimension)
            assert cell.now.shown and cell.desired.shown
        if figure.shown and name.endswith("change"):
            previous = figures.moment(moment_key).previous
            side = NOW if name.startswith(NOW) else DESIRED
            assert figures.group(previous, group).get(dimension).mean(side).shown
    i18n.set_language("en")
    try:
        assert exposures(csv_text(figures), moments) == {}
    finally:
        i18n.set_language("nl")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(team(), st.data())
def test_people_who_answered_alike_cannot_be_told_apart(moments, data):
    # Pairs who responded at the same moments in the same roles and answered the same
    # dimension at the same moments: their answers there may be swapped.
    def trace(p, dimension, side):
        return tuple(
            (m.key, r.role, _score(r, dimension, side) is not None)
            for m in moments
            for r in m.responses
            if r.respondent == p
        )

    choices = [
        (a, b, d, side)
        for d in DIMS
        for side in (NOW, DESIRED)
        for i, a in enumerate(PEOPLE)
        for b in PEOPLE[i + 1 :]
        if trace(a, d, side) and trace(a, d, side) == trace(b, d, side)
    ]
    if not choices:
        return
    a, b, dimension, side = data.draw(st.sampled_from(choices))
    ids = {s.id for s in BY_KEY[dimension].statements}

    def swapped(m):
        given_by = {r.respondent: r for r in m.responses}
        out = []
        for r in m.responses:
            other = {a: b, b: a}.get(r.respondent)
            answers = {NOW: dict(r.now), DESIRED: dict(r.desired)}
            if other is not None:
                mine = {k: v for k, v in answers[side].items() if k not in ids}
                mine.update({k: v for k, v in given_by[other].answers(side).items() if k in ids})
                answers[side] = mine
            out.append(check_response(r.respondent, r.role, answers[NOW], answers[DESIRED]))
        return check_moment(m.key, m.label, out, closed=m.closed)

    before = every_output(build(moments))
    after = every_output(build([swapped(m) for m in moments]))
    assert before == after
