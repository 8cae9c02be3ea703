"""A respondent's answers to the scan, checked, and the moments at which the scan was held.

A :class:`Response` holds one person's answers for one moment: per statement the current
situation (*nu*) and the desired one (*gewenst*), each 1 to 5, "don't know", or left out.
Only :func:`check_response` makes one, so every response in the program is valid; a bad
value is refused with one translated line that names the statement.

``respondent`` must be the same text for one person at every moment (their person id):
the anonymity rule compares who answered at each moment, and a new id per moment would
hide that a group differs by a single person.  It is never shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import InvalidInput
from ..i18n import _
from ..textsafe import printable, shorten
from .statements import DONT_KNOW, ROLES, SCALE, STATEMENTS, role_label

NOW = "now"
DESIRED = "desired"
SIDES = (NOW, DESIRED)

Answer = int | str  # 1..5 or DONT_KNOW


@dataclass(frozen=True, eq=True)
class Response:
    """One respondent's checked answers at one moment; make it with :func:`check_response`."""

    respondent: str
    role: str
    now: Mapping[str, Answer]
    desired: Mapping[str, Answer]

    def answers(self, side: str) -> Mapping[str, Answer]:
        return self.now if side == NOW else self.desired

    def to_data(self) -> dict:
        """Plain JSON-ready data for a record (the respondent is the record's owner)."""
        return {
            "role": self.role,
            NOW: dict(sorted(self.now.items())),
            DESIRED: dict(sorted(self.desired.items())),
        }


def _side_label(side: str) -> str:
    return _("now") if side == NOW else _("desired")


def _shown(value: object) -> str:
    return shorten(
        printable(repr(value) if not isinstance(value, str) else value, single_line=True), 24
    )


def _answers(side: str, given: object) -> dict[str, Answer]:
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise InvalidInput(
            _(
                "The {side} answers of a scan response must be statements with their answers."
            ).format(side=_side_label(side))
        )
    out: dict[str, Answer] = {}
    for statement_id, value in given.items():
        statement = STATEMENTS.get(statement_id) if isinstance(statement_id, str) else None
        if statement is None:
            raise InvalidInput(_("The scan has no statement {id}.").format(id=_shown(statement_id)))
        if value is None:
            continue  # left out: simply not answered
        # bool is an int in Python: True must not count as 1.
        ok = (
            value == DONT_KNOW
            if isinstance(value, str)
            else (isinstance(value, int) and not isinstance(value, bool) and value in SCALE)
        )
        if not ok:
            raise InvalidInput(
                _(
                    "Statement {id} (\u201c{text}\u201d), {side}: {value} is not an answer; choose "
                    "1 to 5 or \u2018don't know\u2019."
                ).format(
                    id=statement.id,
                    text=shorten(statement.text(), 48),
                    side=_side_label(side),
                    value=_shown(value),
                )
            )
        out[statement_id] = value
    return out


def check_response(
    respondent: str,
    role: str | None,
    now: Mapping[str, Answer] | None = None,
    desired: Mapping[str, Answer] | None = None,
) -> Response:
    """A valid :class:`Response`, or :class:`~plgcycle.errors.InvalidInput` with one line.

    ``now`` and ``desired`` map statement ids to 1..5 or ``DONT_KNOW``; ``None`` or a
    missing id means "not answered".  Refused: an unknown role, an unknown statement id,
    any other value (0, 6, 3.5, True, "3"), an empty respondent.
    """
    if not isinstance(respondent, str) or not respondent.strip():
        raise InvalidInput(_("A scan response needs the person who gave it."))
    if role not in ROLES:
        raise InvalidInput(
            _("Unknown role {role} in a scan response; choose {teacher} or {leader}.").format(
                role=_shown(role), teacher=role_label(ROLES[0]), leader=role_label(ROLES[1])
            )
        )
    return Response(
        respondent,
        role,
        MappingProxyType(_answers(NOW, now)),
        MappingProxyType(_answers(DESIRED, desired)),
    )


def response_from_data(respondent: str, data: Mapping) -> Response:
    """The checked response stored as ``Response.to_data()`` (for example in a record)."""
    if not isinstance(data, Mapping):
        raise InvalidInput(_("A scan response must be a role with answers."))
    return check_response(respondent, data.get("role"), data.get(NOW), data.get(DESIRED))


@dataclass(frozen=True)
class Moment:
    """One time the scan was held: its key, its label (people's text), its responses.

    ``closed`` says no more responses can come in.  Figures of an open moment are
    withheld: two looks at the same moment, before and after one late response, would
    show what that person answered.  Make it with :func:`check_moment`.
    """

    key: str
    label: str
    responses: tuple[Response, ...]
    closed: bool = True


def check_moment(
    key: str, label: str, responses: Iterable[Response], *, closed: bool = True
) -> Moment:
    """A valid :class:`Moment`: at most one response per respondent (one person counted twice
    would look like two people and lower the protection of the others)."""
    if not isinstance(key, str) or not key:
        raise InvalidInput(_("A scan round needs a key."))
    responses = tuple(responses)
    seen: set[str] = set()
    for response in responses:
        if not isinstance(response, Response):
            raise InvalidInput(_("A scan round can only hold checked scan responses."))
        if response.respondent in seen:
            raise InvalidInput(
                _("Scan round {label} holds two responses of the same person; keep one.").format(
                    label=shorten(label or key, 40)
                )
            )
        seen.add(response.respondent)
    return Moment(key, label or "", responses, bool(closed))
