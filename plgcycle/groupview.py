"""What the PLG record and its meetings say to one person: read once, used by every view.

:func:`group_view` takes the records a database (or a review) holds and answers what Home,
the agenda, the verslag and the calendar ask: the person's PLG and subgroup, the next
meeting, the shared goal, what was agreed last time, the group actions still open (theirs
and everyone's), and attendance over the year.  Only meetings of the chosen PLG count, and
only those its facilitator or a named note-taker keeps (the trust rules have already left
others out of a database; a review's records pass the same rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from . import group, meetings
from .model import ACTION, MEETING, PERSON, Record


@dataclass
class Attendance:
    """One member's attendance over the held meetings: counts, and the last two."""

    present: int = 0
    absent: int = 0
    excused: int = 0
    last: list[str] = field(default_factory=list)  # statuses, newest first

    @property
    def missed_last_two(self) -> bool:
        """Not present at either of the last two held meetings they were listed for."""
        return len(self.last) >= 2 and all(s != meetings.PRESENT for s in self.last[:2])


@dataclass
class OpenAction:
    meeting: Record
    item: dict
    done: bool


@dataclass
class GroupView:
    plg: Record | None
    me: str | None
    today: date
    meetings: list[Record]  # of this PLG, by date
    done: dict[str, bool]  # group action id -> done, from its owner's own record
    names: dict[str, str]

    @property
    def name(self) -> str:
        return self.plg.text("name") if self.plg else ""

    @property
    def goal(self) -> str:
        return self.plg.text("goal") if self.plg else ""

    @property
    def goal_parts(self) -> list[str]:
        """The parts of the shared goal a learning question can say it serves."""
        return group.goal_parts(self.plg) if self.plg else []

    @property
    def working_agreements(self) -> list[str]:
        text = self.plg.text("agreements") if self.plg else ""
        return [line.strip(" -*•\t") for line in text.splitlines() if line.strip(" -*•\t")]

    def subgroup(self, person: str | None = None) -> str | None:
        who = person or self.me
        return group.subgroup_of(self.plg, who) if self.plg and who else None

    @property
    def next_date(self) -> date | None:
        return group.next_date(self.plg, self.today) if self.plg else None

    @property
    def next_meeting(self) -> Record | None:
        """The meeting planned for the next date, when one is (not yet held)."""
        day = self.next_date
        return next(
            (m for m in self.meetings if meetings.day_of(m) == day and not m.data.get("held")),
            None,
        )

    @property
    def held(self) -> list[Record]:
        return [m for m in self.meetings if m.data.get("held")]

    @property
    def last_held(self) -> Record | None:
        """The last meeting held: its verslag is what a member reads on Home."""
        return self.held[-1] if self.held else None

    def open_actions(self, person: str | None = None) -> list[OpenAction]:
        """Group actions not yet done, of ``person`` (everyone's with None), oldest first."""
        out = []
        for meeting in self.held:
            for item in meetings.actions(meeting):
                if self.done.get(item["id"]):
                    continue
                if person is None or item.get("owner") == person:
                    out.append(OpenAction(meeting, item, False))
        return out

    def actions_of(self, person: str) -> list[OpenAction]:
        """Every group action of ``person`` from the held meetings, done or not, oldest first."""
        return [
            OpenAction(meeting, item, bool(self.done.get(item["id"])))
            for meeting in self.held
            for item in meetings.actions(meeting)
            if item.get("owner") == person
        ]

    def attendance(self) -> dict[str, Attendance]:
        """Per member, over the held meetings (newest first in ``last``)."""
        out: dict[str, Attendance] = {
            p: Attendance() for p in (group.members(self.plg) if self.plg else ())
        }
        for meeting in reversed(self.held):
            for person, status in meetings.attendance(meeting).items():
                entry = out.setdefault(person, Attendance())
                setattr(entry, status, getattr(entry, status) + 1)
                entry.last.append(status)
        return out

    def group_attendance(self) -> list[tuple[Record, int, int, int]]:
        """Per held meeting: (meeting, present, absent, excused)."""
        out = []
        for meeting in self.held:
            statuses = list(meetings.attendance(meeting).values())
            out.append(
                (
                    meeting,
                    statuses.count(meetings.PRESENT),
                    statuses.count(meetings.ABSENT),
                    statuses.count(meetings.EXCUSED),
                )
            )
        return out


def group_view(
    records: Iterable[Record], me: str | None, today: date, *, pinned: str | None = None
) -> GroupView:
    """The PLG of ``me`` (their own, else ``pinned``, else one listing them) as they see it."""
    records = list(records)
    plg = group.plg_for(records, me, pinned=pinned)
    keep = group.keepers(plg) if plg else set()
    found = [
        r
        for r in records
        if plg is not None
        and r.kind == MEETING
        and not r.deleted
        and r.data.get("plg") == plg.id
        and r.owner in keep
        and meetings.day_of(r) is not None
    ]
    found.sort(key=lambda m: (meetings.day_of(m), m.id))
    owners = {
        item["id"]: item.get("owner") for meeting in found for item in meetings.actions(meeting)
    }
    done: dict[str, bool] = {}
    for r in records:
        item = r.data.get("item") if r.kind == ACTION and not r.deleted else None
        if isinstance(item, str) and owners.get(item) == r.owner:
            done[item] = bool(r.data.get("done"))
    names = {r.id: r.text("name") for r in records if r.kind == PERSON and not r.deleted}
    return GroupView(plg, me, today, found, done, names)


def is_group_action(record: Record) -> bool:
    """An action record that marks a group action done, not one of the owner's own actions."""
    return record.kind == ACTION and isinstance(record.data.get("item"), str)
