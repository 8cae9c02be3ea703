"""The PLG's meetings and a teacher's dated actions as an iCalendar file (``.ics``).

Outlook, Google Calendar and Apple Calendar import it.  Every event has a UID made from
the record it comes from (``<record id>@plgcycle``; a group action by its own id), so
importing a newer file updates the events it held instead of adding them twice; a
``SEQUENCE`` that rises with the record's revision tells calendars which version is newer.
Meetings with a start time are timed events in local time (Europe/Amsterdam); without one,
and for actions, all-day events.  Built with the ``icalendar`` library.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import group, meetings
from .groupview import GroupView
from .i18n import _
from .model import Record, parse_date, parse_iso
from .privacy import shareable, withheld_label
from .textsafe import printable

ZONE = "Europe/Amsterdam"
DOMAIN = "plgcycle"


def _uid(key: str) -> str:
    return f"{key}@{DOMAIN}"


def _stamp(record: Record) -> datetime:
    try:
        return parse_iso(record.updated_at).astimezone(UTC)
    except ValueError:
        return datetime(2026, 1, 1, tzinfo=UTC)


def calendar_bytes(view: GroupView, own_actions: list[Record]) -> bytes:
    """The calendar of ``view``'s PLG (every meeting date) and the teacher's dated actions."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//plgcycle//plgcycle//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", printable(view.name or _("PLG"), single_line=True))
    plg = view.plg
    if plg is not None:
        kept = {meetings.day_of(m): m for m in view.meetings}
        start = plg.data.get("start")
        minutes = int(plg.data.get("minutes") or group.DEFAULT_MINUTES)
        for day in group.meeting_dates(plg):
            meeting = kept.get(day)
            event = Event()
            # A date's event is the same event whether or not its meeting is kept yet.
            event.add("uid", _uid(f"{plg.id}-{day.isoformat()}"))
            event.add(
                "summary",
                printable(_("PLG meeting: {name}").format(name=view.name), single_line=True),
            )
            when = (meeting.data.get("start") if meeting else None) or start
            length = int((meeting.data.get("minutes") if meeting else None) or minutes)
            if when:
                hours, mins = (int(x) for x in when.split(":"))
                begin = datetime.combine(day, time(hours, mins), ZoneInfo(ZONE))
                event.add("dtstart", begin)
                event.add("dtend", begin + timedelta(minutes=length))
            else:
                event.add("dtstart", day)
                event.add("dtend", day + timedelta(days=1))
            source = meeting or plg
            event.add("dtstamp", _stamp(source))
            event.add("sequence", source.rev)
            if view.goal:
                event.add("description", printable(_("Shared goal: {goal}").format(goal=view.goal)))
            cal.add_component(event)
        for meeting in view.held:
            for item in meetings.actions(meeting):
                due = parse_date(item.get("due"))
                if due is None or (view.me is not None and item.get("owner") != view.me):
                    continue
                cal.add_component(
                    _all_day(_uid(item["id"]), item["text"], due, meeting, _("Group action"))
                )
    for action in own_actions:
        due = parse_date(action.data.get("due"))
        if due is None or action.deleted or action.data.get("item"):
            continue
        text = shareable(action).data.get("text")  # a private text stays off the calendar
        if not isinstance(text, str):
            text = withheld_label()
        cal.add_component(_all_day(_uid(action.id), text, due, action, _("Action")))
    return cal.to_ical()


def _all_day(uid: str, text: str, day: date, source: Record, kind: str):
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("summary", printable(f"{kind}: {' '.join(text.split())}", single_line=True))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", _stamp(source))
    event.add("sequence", source.rev)
    return event
