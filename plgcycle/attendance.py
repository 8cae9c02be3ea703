"""Attendance over the year, per member and for the group, as the facilitator's review shows it.

Read from the ``meeting`` records of the PLG among the review's records.  Those records
already passed the trust rules (:mod:`plgcycle.trust`: a meeting counts only from the PLG's
facilitator or a note-taker they named), and :func:`plgcycle.groupview.group_view` applies
the same rule again to the PLG chosen here, so a review made straight from records (a
database, a test) counts no other meeting either.  Only held meetings count
(:func:`plgcycle.meetings.mark_held`); a planned one says nothing about who came.

Attendance is present, absent or *afgemeld* (sent apologies), never a reason.  The one
signal, "not present at the last two meetings", describes what the attendance lists say;
it does not judge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from . import group, meetings
from .groupview import group_view
from .i18n import _, current_language, format_date, ngettext
from .model import MEETING, PERSON, PLG, Record

if TYPE_CHECKING:
    from .index import RecordIndex

PRESENT, ABSENT, EXCUSED = meetings.PRESENT, meetings.ABSENT, meetings.EXCUSED


class MeetingAttendance(NamedTuple):
    """One held meeting: its date and how many were present, absent, afgemeld."""

    day: date
    present: int
    absent: int
    excused: int

    @property
    def listed(self) -> int:
        return self.present + self.absent + self.excused


class MemberAttendance(NamedTuple):
    """One member over the held meetings."""

    person_id: str
    name: str  # "" when no person record of theirs is among the records
    present: int
    absent: int
    excused: int
    held: int  # meetings held (the group's), so held - listed were not noted for them
    last_two: tuple[str | None, ...]  # their status at the group's last two meetings, newest first

    @property
    def not_noted(self) -> int:
        return max(0, self.held - self.present - self.absent - self.excused)

    @property
    def missed_last_two(self) -> bool:
        """Not present (absent or afgemeld) at both of the group's last two held meetings."""
        return len(self.last_two) == 2 and all(s in (ABSENT, EXCUSED) for s in self.last_two)


class YearAttendance(NamedTuple):
    """The attendance of the PLG over its held meetings (oldest first) and per member."""

    plg: Record | None
    meetings: list[MeetingAttendance]
    members: list[MemberAttendance]  # by name

    @property
    def held(self) -> int:
        return len(self.meetings)

    @property
    def present(self) -> int:
        return sum(m.present for m in self.meetings)

    @property
    def listed(self) -> int:
        return sum(m.listed for m in self.meetings)

    @property
    def missed_last_two(self) -> list[MemberAttendance]:
        return [m for m in self.members if m.missed_last_two]


def review_plg(records: Iterable[Record], persons: Iterable[str]) -> Record | None:
    """The PLG a review is about: the one listing most of its teachers (lowest id on a tie).

    The choice does not depend on the order of the records.
    """
    people = set(persons)
    found = [r for r in records if r.kind == PLG and not r.deleted]
    if not found:
        return None
    return min(found, key=lambda r: (-len(people & set(group.members(r))), r.id))


def year_attendance(
    records: Iterable[Record], names: Mapping[str, str], today: date
) -> YearAttendance:
    """Attendance over the held meetings of the review's PLG (``names``: person id -> name)."""
    records = list(records)
    plg = review_plg(records, names)
    if plg is None:
        return YearAttendance(None, [], [])
    # Only this PLG, its meetings and the persons: group_view then picks it and keeps
    # the meetings its facilitator or a named note-taker keeps.
    chosen = [plg, *(r for r in records if r.kind in (MEETING, PERSON))]
    view = group_view(chosen, None, today)
    held = view.held
    per_meeting = []
    for meeting in held:
        statuses = list(meetings.attendance(meeting).values())
        day = meetings.day_of(meeting)
        assert day is not None  # group_view keeps only meetings with a date
        per_meeting.append(
            MeetingAttendance(
                day, statuses.count(PRESENT), statuses.count(ABSENT), statuses.count(EXCUSED)
            )
        )
    lists = [meetings.attendance(m) for m in held]
    # The school's leaders are members for the scan; they count here once a list names them.
    expected = [p for p in group.members(plg) if p not in group.leaders(plg)]
    people = list(dict.fromkeys([*expected, *(p for a in lists for p in a)]))
    last = lists[-2:][::-1]
    members = []
    for person in people:
        statuses = [a[person] for a in lists if person in a]
        members.append(
            MemberAttendance(
                person,
                names.get(person, ""),
                statuses.count(PRESENT),
                statuses.count(ABSENT),
                statuses.count(EXCUSED),
                len(held),
                tuple(a.get(person) for a in last),
            )
        )
    members.sort(key=lambda m: (not m.name, m.name.casefold(), m.person_id))
    return YearAttendance(plg, per_meeting, members)


def of_index(index: RecordIndex, names: Mapping[str, str], today: date) -> YearAttendance:
    """Attendance from a review's index (its PLG, meetings and persons).

    The review's overview does not hold it: the meetings module reaches the agenda, which
    reads the overview, so the views ask for it here (``overview.index``,
    ``overview.figures.people``, ``overview.today``).
    """
    return year_attendance([*index.group, *index.persons.values()], names, today)


# --- what every view says of it (the review screen and the reports) -------------------------------


def status_label(status: str | None) -> str:
    """present / absent / sent apologies (afgemeld), or "not noted"."""
    label = meetings.ATTENDANCE_LABELS.get(status or "")
    return _(label) if label else _("not noted")


def member_counts(member: MemberAttendance) -> str:
    """E.g. "2 present · 0 absent · 1 sent apologies (of 3 meetings)"."""
    text = _("{present} present · {absent} absent · {excused} sent apologies").format(
        present=member.present, absent=member.absent, excused=member.excused
    )
    if member.not_noted:
        text += " · " + _("{n} not noted").format(n=member.not_noted)
    return (
        text
        + " "
        + ngettext("(of {n} meeting)", "(of {n} meetings)", member.held).format(n=member.held)
    )


def last_two_signal(member: MemberAttendance) -> str:
    """The neutral line for a member not present at the last two meetings ("" otherwise)."""
    if not member.missed_last_two:
        return ""
    return _("not present at the last two meetings ({statuses})").format(
        statuses=", ".join(status_label(s) for s in member.last_two)
    )


def meeting_counts(meeting: MeetingAttendance) -> str:
    return _("{present} present, {absent} absent, {excused} sent apologies").format(
        present=meeting.present, absent=meeting.absent, excused=meeting.excused
    )


def group_summary(year: YearAttendance) -> str:
    """E.g. "3 meetings held · on average 6.5 present per meeting"; "" without held meetings."""
    if not year.held:
        return ""
    average = f"{round(year.present / year.held, 1):g}"
    if current_language() == "nl":
        average = average.replace(".", ",")
    return (
        ngettext("{n} meeting held", "{n} meetings held", year.held).format(n=year.held)
        + " · "
        + _("on average {n} present per meeting").format(n=average)
    )


def member_name(member: MemberAttendance) -> str:
    return member.name or _("unknown colleague")


def signal_label() -> str:
    """The heading of who was not present at the last two meetings."""
    return _("Not present at the last two meetings")


def none_held() -> str:
    return _("No held meeting of the PLG in these records yet.")


def signal_note() -> str:
    return _(
        "'Not present at the last two meetings' describes the attendance lists; it does not "
        "judge, and says nothing about why."
    )


def meeting_day(meeting: MeetingAttendance) -> str:
    return format_date(meeting.day)
