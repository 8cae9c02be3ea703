"""What the school scan asks: twelve dimensions, their statements, the scale and the roles.

The dimensions are the five elements and seven conditions of a school as a PLG from the
research *De school als PLG* (Kohnstamm Instituut and Universiteit Leiden, 2018).  The
statements are plgcycle's own, written for this app; they are not the researchers'
questionnaire.  Keys (dimension keys, statement ids ``<dimension>.<n>``, scale values, role
keys) are stable: they are stored in records and export files, so never rename one; a
statement whose meaning changes gets a new number instead.

Texts are marked with ``N_`` and translated where they are shown (``label()`` and friends),
so a change of language takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _

ELEMENT = "element"
CONDITION = "condition"

TEACHER = "teacher"
LEADER = "leader"
ROLES = (TEACHER, LEADER)
ALL = "all"
GROUPS = (ALL, *ROLES)  # the order in which figures are built and shown

SCALE = (1, 2, 3, 4, 5)
DONT_KNOW = "dont_know"  # stored as this string; excluded from every figure

CITATION = N_(
    "Based on the five elements and seven conditions of a school as a PLG from the research "
    "'De school als PLG' (Kohnstamm Instituut and Universiteit Leiden, 2018). The statements "
    "are plgcycle's own; they are not the researchers' questionnaire."
)

_SCALE_LABELS = {
    1: N_("does not apply at all"),
    2: N_("hardly applies"),
    3: N_("partly applies"),
    4: N_("largely applies"),
    5: N_("fully applies"),
    DONT_KNOW: N_("don't know"),
}

_ROLE_LABELS = {TEACHER: N_("teacher"), LEADER: N_("leader")}
_GROUP_LABELS = {ALL: N_("Everyone"), TEACHER: N_("Teachers"), LEADER: N_("Leaders")}
_KIND_LABELS = {ELEMENT: N_("element"), CONDITION: N_("condition")}


@dataclass(frozen=True)
class Statement:
    id: str
    dimension: str
    text_id: str  # the English message id; ``text()`` translates it

    def text(self) -> str:
        return _(self.text_id)


@dataclass(frozen=True)
class Dimension:
    key: str
    kind: str  # ELEMENT or CONDITION
    label_id: str
    short_id: str  # for chart axes and terminal bars
    statements: tuple[Statement, ...]

    def label(self) -> str:
        return _(self.label_id)

    def short(self) -> str:
        return _(self.short_id)

    def kind_label(self) -> str:
        return _(_KIND_LABELS[self.kind])


def _dimension(key: str, kind: str, label: str, short: str, texts: tuple[str, ...]) -> Dimension:
    statements = tuple(Statement(f"{key}.{n}", key, text) for n, text in enumerate(texts, start=1))
    return Dimension(key, kind, label, short, statements)


DIMENSIONS: tuple[Dimension, ...] = (
    _dimension(
        "internal_development",
        ELEMENT,
        N_("Professional development within school"),
        N_("Learning within school"),
        (
            N_(
                "At our school I can learn from colleagues, for example by visiting each "
                "other's lessons."
            ),
            N_("Time is set aside within school to work together on our lessons."),
            N_("What colleagues know and can do is used within school to learn from."),
        ),
    ),
    _dimension(
        "external_development",
        ELEMENT,
        N_("Professional development outside school"),
        N_("Learning outside school"),
        (
            N_(
                "I can take a course, training or study day outside school when it fits "
                "my development."
            ),
            N_("What colleagues learn outside school comes back to the team."),
            N_(
                "We work with people outside school, such as other schools, a university "
                "of applied sciences or a university."
            ),
        ),
    ),
    _dimension(
        "sharing",
        ELEMENT,
        N_("Sharing knowledge and experiences"),
        N_("Sharing knowledge"),
        (
            N_("Colleagues tell each other what does and does not work in their lessons."),
            N_("We readily share lesson materials and ideas with each other."),
            N_("I feel free to discuss a lesson that did not go well with colleagues."),
        ),
    ),
    _dimension(
        "joint_development",
        ELEMENT,
        N_("Developing teaching together"),
        N_("Developing together"),
        (
            N_("We design or improve lessons together with colleagues."),
            N_("Together we agree on how we want to improve our teaching."),
            N_("What we develop together is actually used in class."),
        ),
    ),
    _dimension(
        "inquiring_attitude",
        ELEMENT,
        N_("Inquiring attitude"),
        N_("Inquiring attitude"),
        (
            N_("I deliberately try out new approaches and look at what they bring."),
            N_(
                "We use information, such as test results or what students say, to "
                "improve our teaching."
            ),
            N_("We ask each other critical questions about why we do things the way we do."),
            N_("I use what research says about good teaching."),
        ),
    ),
    _dimension(
        "buy_in",
        CONDITION,
        N_("Buy-in"),
        N_("Buy-in"),
        (
            N_("Most colleagues find learning and developing together important."),
            N_("The team stands behind the way we learn together at school."),
            N_("Colleagues make time for learning together, even when it is busy."),
        ),
    ),
    _dimension(
        "professional_room",
        CONDITION,
        N_("Professional room"),
        N_("Professional room"),
        (
            N_("I have room to make my own choices about how I teach."),
            N_("Teachers have a say in what the school works on."),
            N_("I may try something new, even if it might not work."),
        ),
    ),
    _dimension(
        "leadership_management",
        CONDITION,
        N_("Leadership by the school management"),
        N_("Leadership: management"),
        (
            N_("The school management makes clear why learning together matters."),
            N_("The school management provides time and means for learning together."),
            N_("The school management shows interest in what we develop together."),
        ),
    ),
    _dimension(
        "leadership_team_leader",
        CONDITION,
        N_("Leadership by the team leader"),
        N_("Leadership: team leader"),
        (
            N_("The team leader encourages the team to learn from and with each other."),
            N_("The team leader helps the team keep its agreements about learning together."),
            N_("The team leader takes what goes on in the team to the school management."),
        ),
    ),
    _dimension(
        "staff_policy",
        CONDITION,
        N_("Staff policy"),
        N_("Staff policy"),
        (
            N_("Conversations about my work are also about my development."),
            N_("Time for professional development is part of the task allocation."),
            N_(
                "When tasks are shared out, the school considers what each person is good "
                "at and wants to learn."
            ),
            N_("New colleagues are well supported and soon join in learning together."),
        ),
    ),
    _dimension(
        "communication",
        CONDITION,
        N_("Communication"),
        N_("Communication"),
        (
            N_("I know what is happening in the school with regard to learning together."),
            N_("Information about plans and decisions reaches me in time."),
            N_("What teams and working groups do is shared with the rest of the school."),
        ),
    ),
    _dimension(
        "collegial_support",
        CONDITION,
        N_("Support from colleagues"),
        N_("Support from colleagues"),
        (
            N_("When something bothers me in my work, I can turn to colleagues."),
            N_("Colleagues help each other when it is busy or when something does not work out."),
            N_("There is trust between colleagues in the team."),
        ),
    ),
)

BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
STATEMENTS: dict[str, Statement] = {s.id: s for d in DIMENSIONS for s in d.statements}
ELEMENTS = tuple(d for d in DIMENSIONS if d.kind == ELEMENT)
CONDITIONS = tuple(d for d in DIMENSIONS if d.kind == CONDITION)

# The conditions the research links to a stronger PLG: high scores on these go with a
# stronger PLG, and buy-in and staff policy seem to act as catalysts for developing
# teaching together and an inquiring attitude.
LINKED_TO_STRONGER_PLG = ("buy_in", "staff_policy", "leadership_management")
CATALYSTS = ("buy_in", "staff_policy")
CATALYSED = ("joint_development", "inquiring_attitude")


def dimension(key: str) -> Dimension:
    return BY_KEY[key]


def scale_label(value: int | str) -> str:
    """``1`` → "geheel niet van toepassing"; ``DONT_KNOW`` → "weet ik niet"."""
    return _(_SCALE_LABELS[value])


def scale_choices() -> list[tuple[int | str, str]]:
    """Every answer a respondent can give, in order, with its label (for forms)."""
    return [(value, scale_label(value)) for value in (*SCALE, DONT_KNOW)]


def role_label(role: str) -> str:
    return _(_ROLE_LABELS[role])


def group_label(group: str) -> str:
    """ "Iedereen", "Docenten", "Leidinggevenden"."""
    return _(_GROUP_LABELS[group])


def citation() -> str:
    return _(CITATION)
