"""The scan's statements, scale and roles, and checking a response."""

from __future__ import annotations

import pytest

from plgcycle import i18n
from plgcycle.errors import InvalidInput
from plgcycle.scan import (
    CONDITIONS,
    DIMENSIONS,
    DONT_KNOW,
    ELEMENTS,
    LEADER,
    ROLES,
    STATEMENTS,
    TEACHER,
    check_moment,
    check_response,
    citation,
    dimension,
    group_label,
    response_from_data,
    role_label,
    scale_choices,
    scale_label,
)

# Stored in records and export files: a rename would orphan every answer given so far.
STABLE_KEYS = [
    "internal_development",
    "external_development",
    "sharing",
    "joint_development",
    "inquiring_attitude",
    "buy_in",
    "professional_room",
    "leadership_management",
    "leadership_team_leader",
    "staff_policy",
    "communication",
    "collegial_support",
]


def test_twelve_dimensions_five_elements_seven_conditions_with_stable_keys():
    assert [d.key for d in DIMENSIONS] == STABLE_KEYS
    assert len(ELEMENTS) == 5 and len(CONDITIONS) == 7
    assert [d.label() for d in ELEMENTS] == [
        "Professionaliseringsmogelijkheden intern",
        "Professionaliseringsmogelijkheden extern",
        "Het delen van kennis en ervaringen",
        "Gezamenlijk onderwijs ontwikkelen",
        "Onderzoekende houding",
    ]
    assert [d.label() for d in CONDITIONS] == [
        "Draagvlak",
        "Professionele ruimte",
        "Leiderschap vanuit directie",
        "Leiderschap vanuit teamleider",
        "Personeelsbeleid",
        "Communicatie",
        "Collegiale ondersteuning",
    ]
    i18n.set_language("en")
    assert dimension("buy_in").label() == "Buy-in"


def test_each_dimension_has_two_to_four_short_statements_with_stable_ids():
    for d in DIMENSIONS:
        assert 2 <= len(d.statements) <= 4, d.key
        assert [s.id for s in d.statements] == [
            f"{d.key}.{n}" for n in range(1, len(d.statements) + 1)
        ]
        for s in d.statements:
            assert s.text() != s.text_id  # Dutch text present
            assert len(s.text()) <= 110, s.text()
    assert len(STATEMENTS) == sum(len(d.statements) for d in DIMENSIONS)
    assert STATEMENTS["buy_in.1"].text() == (
        "De meeste collega's vinden samen leren en ontwikkelen belangrijk."
    )


def test_short_labels_fit_the_terminal_bars():
    for lang in ("nl", "en"):
        i18n.set_language(lang)
        for d in DIMENSIONS:
            assert len(d.short()) <= 25, d.short()


def test_scale_roles_and_citation():
    assert scale_label(1) == "geheel niet van toepassing"
    assert scale_label(5) == "geheel van toepassing"
    assert scale_label(DONT_KNOW) == "weet ik niet"
    assert [v for v, _label in scale_choices()] == [1, 2, 3, 4, 5, DONT_KNOW]
    assert ROLES == (TEACHER, LEADER)
    assert (role_label(TEACHER), role_label(LEADER)) == ("docent", "leidinggevende")
    assert group_label(TEACHER) == "Docenten"
    text = citation()
    assert "De school als PLG" in text and "Kohnstamm Instituut" in text and "2018" in text
    assert "niet de vragenlijst van de onderzoekers" in text
    i18n.set_language("en")
    assert "not the researchers' questionnaire" in citation()
    assert scale_label(1) == "does not apply at all"


def test_a_valid_response_keeps_answers_and_drops_left_out_ones():
    r = check_response(
        "p1", TEACHER, {"buy_in.1": 4, "buy_in.2": DONT_KNOW, "buy_in.3": None}, {"buy_in.1": 5}
    )
    assert dict(r.now) == {"buy_in.1": 4, "buy_in.2": DONT_KNOW}
    assert dict(r.desired) == {"buy_in.1": 5}
    with pytest.raises(TypeError):
        r.now["buy_in.1"] = 1  # read-only: a checked response stays checked
    assert response_from_data("p1", r.to_data()) == r
    assert check_response("p2", LEADER).to_data() == {"role": LEADER, "now": {}, "desired": {}}


@pytest.mark.parametrize("value", [0, 6, -1, 3.5, 3.0, True, "3", "", [], "weet ik niet"])
def test_a_value_off_the_scale_is_refused_naming_the_statement(value):
    with pytest.raises(InvalidInput) as caught:
        check_response("p1", TEACHER, {"sharing.2": value})
    message = str(caught.value)
    assert "\n" not in message
    assert "sharing.2" in message and "lesmateriaal" in message  # the statement, by id and text
    assert "kies 1 tot en met 5 of ‘weet ik niet’" in message
    assert ", nu:" in message


def test_the_desired_side_is_named_and_english_works():
    i18n.set_language("en")
    with pytest.raises(InvalidInput) as caught:
        check_response("p1", LEADER, {}, {"communication.1": 9})
    assert str(caught.value).startswith("Statement communication.1 (“I know what is happening")
    assert ", desired: 9 is not an answer; choose 1 to 5 or ‘don't know’." in str(caught.value)


def test_unknown_statement_role_and_respondent_are_refused():
    with pytest.raises(InvalidInput, match="De scan heeft geen stelling buy_in.9"):
        check_response("p1", TEACHER, {"buy_in.9": 3})
    with pytest.raises(
        InvalidInput,
        match="Onbekende rol director in een scanantwoord; kies docent of leidinggevende",
    ):
        check_response("p1", "director", {})
    with pytest.raises(InvalidInput):
        check_response("", TEACHER, {})
    with pytest.raises(InvalidInput):
        check_response("p1", TEACHER, ["buy_in.1"])
    with pytest.raises(InvalidInput):
        response_from_data("p1", "teacher")


def test_hostile_text_in_a_refusal_is_shown_literally():
    with pytest.raises(InvalidInput) as caught:
        check_response("p1", TEACHER, {"\x1b[31mx\u202e": 1})
    message = str(caught.value)
    assert "\x1b" not in message and "\u202e" not in message and "\\x1b" in message


def test_a_moment_refuses_two_responses_of_one_person():
    a = check_response("p1", TEACHER, {"buy_in.1": 3})
    b = check_response("p1", TEACHER, {"buy_in.1": 5})
    with pytest.raises(InvalidInput, match="twee antwoorden van dezelfde persoon"):
        check_moment("r1", "sep 2026", [a, b])
    with pytest.raises(InvalidInput):
        check_moment("r1", "sep 2026", [{"role": "teacher"}])
    assert check_moment("r1", "sep 2026", [a]).closed
