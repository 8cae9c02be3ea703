"""Group figures of the scan: fifteen scripted respondents at two moments.

The expected numbers are worked out by hand in the comments and written as arithmetic
here, never computed with the package's code.
"""

from __future__ import annotations

from math import isclose, sqrt

import pytest

from plgcycle.errors import InvalidInput
from plgcycle.scan import (
    ALL,
    LEADER,
    NO_EARLIER,
    TEACHER,
    TOO_FEW,
    Figure,
    build,
    check_moment,
    dimension_score,
)
from tests.scan_helpers import DK, answers, moment, person

# buy_in (3 statements), nu, moment 1.  T10 answers "don't know" to all three, so is not
# counted for buy_in; don't-know and left-out statements drop out of a person's mean.
BUY_IN_NOW_1 = {
    "t01": (2, 2, 2),  # 2
    "t02": (3, 3, 3),  # 3
    "t03": (4, 4, 4),  # 4
    "t04": (2, 3, 4),  # 3
    "t05": (3, DK, 5),  # 4
    "t06": (1, 2, 3),  # 2
    "t07": (5, 5, 5),  # 5
    "t08": (3, 3, DK),  # 3
    "t09": (4, None, 2),  # 3
    "t10": (DK, DK, DK),  # not counted
    "l1": (4, 4, 4),  # 4
    "l2": (5, 4, 3),  # 4
    "l3": (3, 3, 3),  # 3
    "l4": (5, 5, 5),  # 5
    "l5": (4, DK, 5),  # 4.5
}
BUY_IN_NOW_2 = {
    "t01": (3, 3, 3),  # 3
    "t02": (4, 4, 4),  # 4
    "t03": (4, 4, 4),  # 4
    "t04": (3, 4, 5),  # 4
    "t05": (4, DK, 5),  # 4.5
    "t06": (2, 3, 4),  # 3
    "t07": (5, 5, 5),  # 5
    "t08": (4, 4, DK),  # 4
    "t09": (4, None, 4),  # 4
    "t10": (DK, DK, DK),  # not counted
    **{k: v for k, v in BUY_IN_NOW_1.items() if k.startswith("l")},  # leaders unchanged
}
# buy_in gewenst: t01 4, every other teacher and leader 5, t10 don't know (both moments).
# staff_policy (4 statements): t01-t05 (1, 2, 3, 4) = 2.5; t06-t10 (3, 4, 5, DK) = 4;
# leaders (2, 2, 2, 2) = 2 at moment 1 and (3, 3, 3, 3) = 3 at moment 2; gewenst all 5.


def _desired_buy_in(pid: str) -> tuple:
    if pid == "t10":
        return (DK, DK, DK)
    return (4, 4, 4) if pid == "t01" else (5, 5, 5)


def _staff_now(pid: str, at: int) -> tuple:
    if pid.startswith("l"):
        return (2,) * 4 if at == 1 else (3,) * 4
    return (1, 2, 3, 4) if int(pid[1:]) <= 5 else (3, 4, 5, DK)


def _responses(key: str) -> list:
    at = 1 if key == "m1" else 2
    table = BUY_IN_NOW_1 if at == 1 else BUY_IN_NOW_2
    return [
        person(
            pid,
            LEADER if pid.startswith("l") else TEACHER,
            answers(buy_in=now, staff_policy=_staff_now(pid, at)),
            answers(buy_in=_desired_buy_in(pid), staff_policy=(5, 5, 5, 5)),
        )
        for pid, now in table.items()
    ]


def scripted():
    return build(
        [
            moment("m1", _responses("m1"), label="sep 2026"),
            moment("m2", _responses("m2"), label="mei 2027"),
        ]
    )


def close(figure, expected):
    assert figure.shown, figure
    assert isclose(figure.value, expected, abs_tol=1e-9), (figure.value, expected)


def test_means_gaps_and_counts_per_role_and_for_everyone():
    f = scripted()
    teachers, leaders, everyone = (f.group("m1", g).get("buy_in") for g in (TEACHER, LEADER, ALL))
    # Teachers: 2+3+4+3+4+2+5+3+3 = 29 over 9; leaders 4+4+3+5+4.5 = 20.5 over 5.
    close(teachers.now, 29 / 9)
    close(leaders.now, 20.5 / 5)
    close(everyone.now, 49.5 / 14)
    assert (teachers.now.n, leaders.now.n, everyone.now.n) == (9, 5, 14)
    # Gewenst: teachers 4 + 8*5 = 44 over 9; leaders 5; everyone 69 over 14.
    close(teachers.desired, 44 / 9)
    close(leaders.desired, 5.0)
    close(everyone.desired, 69 / 14)
    close(teachers.gap, 44 / 9 - 29 / 9)
    close(leaders.gap, 5.0 - 4.1)
    close(everyone.gap, 19.5 / 14)
    assert f.group("m1", ALL).respondents.value == 15
    assert f.group("m1", TEACHER).respondents.value == 10


def test_a_dimension_with_four_statements_and_a_dont_know():
    f = scripted()
    staff = f.group("m1", TEACHER).get("staff_policy")
    close(staff.now, (5 * 2.5 + 5 * 4) / 10)  # (1+2+3+4)/4 and (3+4+5)/3
    close(f.group("m1", ALL).get("staff_policy").now, (5 * 2.5 + 5 * 4 + 5 * 2) / 15)
    close(f.group("m1", ALL).get("staff_policy").gap, 5 - 42.5 / 15)


def test_spread_is_the_standard_deviation_of_the_dimension_scores():
    f = scripted()
    # Teachers at moment 1: sum of squares 4+9+16+9+16+4+25+9+9 = 101 over 9 people.
    close(f.group("m1", TEACHER).get("buy_in").now_spread, sqrt(101 / 9 - (29 / 9) ** 2))
    # Leaders: 16+16+9+25+20.25 = 86.25 over 5; mean 4.1.
    close(f.group("m1", LEADER).get("buy_in").now_spread, sqrt(86.25 / 5 - 4.1**2))
    # Staff policy, teachers: half 2.5, half 4, so 0.75 from the mean 3.25.
    close(f.group("m1", TEACHER).get("staff_policy").now_spread, 0.75)
    close(
        f.group("m1", ALL).get("buy_in").desired_spread,
        sqrt((4**2 + 13 * 5**2) / 14 - (69 / 14) ** 2),
    )


def test_change_between_moments():
    f = scripted()
    # Teachers moment 2: 3+4+4+4+4.5+3+5+4+4 = 35.5 over the same 9 people.
    close(f.group("m2", TEACHER).get("buy_in").now, 35.5 / 9)
    close(f.group("m2", TEACHER).get("buy_in").now_change, 35.5 / 9 - 29 / 9)
    close(f.group("m2", ALL).get("buy_in").now_change, 56 / 14 - 49.5 / 14)
    close(f.group("m2", LEADER).get("buy_in").now_change, 0.0)
    close(f.group("m2", ALL).get("buy_in").desired_change, 0.0)
    close(f.group("m2", LEADER).get("staff_policy").now_change, 3 - 2)
    close(f.group("m2", ALL).get("staff_policy").now_change, 47.5 / 15 - 42.5 / 15)
    first = f.group("m1", ALL).get("buy_in").now_change
    assert not first.shown and first.reason == NO_EARLIER and first.value is None


def test_dimension_score_leaves_out_dont_know_and_missing():
    r = person("x", TEACHER, answers(buy_in=(DK, 2, None)))
    assert dimension_score(r, "buy_in", "now") == 2
    assert dimension_score(r, "buy_in", "desired") is None
    assert dimension_score(r, "sharing", "now") is None


def test_unanswered_dimensions_show_nothing():
    f = scripted()
    sharing = f.group("m1", ALL).get("sharing")
    assert not sharing.now.shown and sharing.now.value is None and sharing.now.n is None


def test_order_of_responses_does_not_matter():
    shuffled = build(
        [
            check_moment(key, label, list(reversed(_responses(key))))
            for key, label in (("m1", "sep 2026"), ("m2", "mei 2027"))
        ]
    )
    assert list(shuffled.every()) == list(scripted().every())


def test_two_moments_with_one_key_are_refused():
    m = moment("m1", _responses("m1"))
    with pytest.raises(InvalidInput):
        build([m, m])


def test_a_shown_figure_gives_its_number_and_count_and_a_withheld_one_neither():
    shown = Figure(True, 3.5, 4)
    assert (shown.number, shown.count) == (3.5, 4)
    withheld = Figure(False, reason=TOO_FEW)
    with pytest.raises(ValueError):
        _ = withheld.number
    with pytest.raises(ValueError):
        _ = withheld.count
