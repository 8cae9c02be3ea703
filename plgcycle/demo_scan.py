"""The sample PLG's school scan: two moments answered by the teachers and a school leader.

``plgcycle demo --facilitator`` and ``plgcycle demo --exports`` hold two closed scan
rounds (about three months apart) of the facilitator's PLG, each answered by the demo
teachers, the facilitator and the school leader, so that ``plgcycle scan show`` and
``plgcycle report DIR -o verslag.html`` show the spider chart at once.  With one leader,
the figures of the leaders (and so of the teachers apart) stay hidden: the demo shows the
anonymity rule at work too.

The answers are made up, the same every run: per part a level for *nu* that rises a little
by the second moment, *gewenst* higher, and a small stable difference per person and
statement.  They are made by :func:`plgcycle.scan_rounds.new_response`, which checks them.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from . import demo, group, scan, scan_rounds
from .model import PERSON, Record

LEADER_KEY = "henk"
LEADER_NAME = "Henk de Boer"
LEADER_SUBJECT = "schoolleiding"

# Per part: nu at moment 1, nu at moment 2, gewenst (on the five-point scale).
LEVELS = {
    "internal_development": (3.2, 3.6, 4.4),
    "external_development": (2.8, 3.0, 3.8),
    "sharing": (3.0, 3.7, 4.5),
    "joint_development": (2.4, 3.1, 4.3),
    "inquiring_attitude": (2.6, 3.0, 4.1),
    "buy_in": (3.4, 3.9, 4.6),
    "professional_room": (3.0, 3.2, 4.2),
    "leadership_management": (3.3, 3.5, 4.2),
    "leadership_team_leader": (3.6, 3.8, 4.3),
    "staff_policy": (2.5, 2.9, 4.0),
    "communication": (2.9, 3.4, 4.2),
    "collegial_support": (3.7, 3.9, 4.5),
}
# Moment, its label, the days before today it opened and closed.
MOMENTS = ((1, "Moment 1 (najaar)", 110, 95), (2, "Moment 2 (winter)", 24, 10))


def leader_id() -> str:
    return demo._uuid("person:" + LEADER_KEY)


def _offset(*parts: str) -> float:
    """A stable difference from -1 to +1 for one person and statement."""
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return (digest[0] % 5 - 2) / 2


def _answer(level: float, *parts: str) -> int:
    return max(1, min(5, round(level + _offset(*parts))))


def answers(person: str, moment: int) -> tuple[dict, dict]:
    """``person``'s answers at ``moment``: (nu, gewenst) per statement id."""
    now: dict = {}
    desired: dict = {}
    for dim in scan.DIMENSIONS:
        first, second, wanted = LEVELS[dim.key]
        level = first if moment == 1 else second
        for statement in dim.statements:
            if person == leader_id() and dim.key == "collegial_support":
                now[statement.id] = scan.DONT_KNOW  # a leader cannot judge this one
            else:
                now[statement.id] = _answer(level, person, statement.id, str(moment))
            desired[statement.id] = _answer(wanted, person, statement.id, "gewenst")
    return now, desired


def _stamped(record: Record, seed: str, today: date, days_ago: float, rev: int = 1) -> Record:
    record.id = demo._uuid(seed)
    record.rev = rev
    record.updated_at = demo._stamp(today, days_ago)
    return record


def leader(today: date, next_meeting: date) -> Record:
    person = Record(
        PERSON,
        leader_id(),
        {
            "name": LEADER_NAME,
            "school": demo.SCHOOL,
            "subject": LEADER_SUBJECT,
            "plg": demo.PLG_NAME,
            "next_meeting": next_meeting.isoformat(),
            "role": "leader",
        },
    )
    return _stamped(person, "person:" + LEADER_KEY, today, 130)


def build(today: date, plg: Record, facilitator: str, teachers: list[str]) -> list[Record]:
    """The scan rounds (kept by ``facilitator``) and everyone's responses to both."""
    records: list[Record] = []
    people = [*teachers, facilitator, leader_id()]
    for moment, label, opened, closed in MOMENTS:
        opens, closes = today - timedelta(days=opened), today - timedelta(days=closed)
        scan_round = scan_rounds.new_round(
            plg, facilitator, label, closes, opens=opens, moment=moment
        )
        records.append(_stamped(scan_round, f"scan:{moment}", today, opened + 1))
        for n, person in enumerate(people):
            now, desired = answers(person, moment)
            role = scan.LEADER if person == leader_id() else scan.TEACHER
            day = opens + timedelta(days=1 + n % (opened - closed))
            response = scan_rounds.new_response(
                scan_round, person, role, now, desired, day, plg=plg
            )
            records.append(
                _stamped(response, f"scan:{moment}:{person}", today, (today - day).days - 0.25)
            )
    return records


def with_leader(plg: Record) -> Record:
    """The PLG with the school leader as a member who takes part as leader."""
    return group.set_leaders(plg, [leader_id()])
