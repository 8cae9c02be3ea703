"""A meeting of the PLG: its plan (the five parts), who came, what was said and agreed.

One ``meeting`` record per meeting, owned by the facilitator or a note-taker they named
(the trust rules refuse a meeting from anyone else, see :mod:`plgcycle.trust`).  Planned
from the agenda proposal, it can be changed until the meeting; once held it holds the
attendance (present, absent, *afgemeld*: never a reason), short notes per part, the
agreements (*afspraken*), group actions with owners and dates, successes, the retro and
points for the team leader (*punten voor het MT*).  The facilitator's private notes
(``notes`` and the per-teacher ``logbook``) stay in their database.

Every function returns a changed copy; the caller saves it.  A group action is marked
done by its owner in an ``action`` record of their own (:func:`done_record`), so that only
the owner changes their records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from .agenda import (
    ITEM_KINDS,
    KIND_DECISION,
    KIND_NOTE,
    KIND_PRESENT,
    PART_KEYS,
    PART_TITLES,
)
from .errors import InvalidInput
from .group import DEFAULT_MINUTES
from .i18n import N_, _
from .model import ACTION, LOGBOOK, MEETING, Record, new_id, parse_date

PARTS = PART_KEYS  # the five parts, the same as the agenda's
PART_LABELS = PART_TITLES
PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"
ATTENDANCE = (PRESENT, ABSENT, EXCUSED)
ATTENDANCE_LABELS = {PRESENT: N_("present"), ABSENT: N_("absent"), EXCUSED: N_("sent apologies")}
LISTS = ("agreements", "successes")


def new_meeting(
    plg: Record, owner: str, day: date, *, minutes: int | None = None, start: str | None = None
) -> Record:
    """A planned meeting of ``plg`` on ``day``, kept by ``owner``."""
    length = minutes if minutes is not None else plg.data.get("minutes") or DEFAULT_MINUTES
    return Record(
        MEETING,
        owner,
        {
            "plg": plg.id,
            "date": day.isoformat(),
            "start": start if start is not None else plg.data.get("start"),
            "minutes": length,
            "held": False,
            "parts": [{"part": key, "minutes": 0, "presenters": []} for key in PARTS],
            "attendance": [],
            "agreements": [],
            "actions": [],
            "successes": [],
            "went_well": "",
            "improve": "",
            "mt_points": [],
        },
    )


def day_of(meeting: Record) -> date | None:
    return parse_date(meeting.data.get("date"))


def parts(meeting: Record) -> dict[str, dict]:
    """Part key -> its plan and notes (``minutes``, ``presenters``, ``summary``), all five."""
    found = meeting.data.get("parts")
    stored = {p["part"]: p for p in found if isinstance(p, dict)} if isinstance(found, list) else {}
    return {
        key: {"part": key, "minutes": 0, "presenters": [], **stored.get(key, {})} for key in PARTS
    }


def set_part(
    meeting: Record,
    part: str,
    *,
    minutes: int | None = None,
    presenters: Iterable[str] | None = None,
    summary: str | None = None,
) -> Record:
    if part not in PARTS:
        raise InvalidInput(_("Unknown part {part}.").format(part=part))
    out = meeting.copy()
    current = parts(out)
    entry = dict(current[part])
    if minutes is not None:
        if minutes < 0 or minutes > 600:
            raise InvalidInput(_("A part lasts between 0 and 600 minutes."))
        entry["minutes"] = minutes
    if presenters is not None:
        entry["presenters"] = list(dict.fromkeys(presenters))
    if summary is not None:
        entry["summary"] = summary.strip()
    current[part] = entry
    out.data["parts"] = [current[key] for key in PARTS]
    return out


def planned_minutes(meeting: Record) -> int:
    return sum(int(p.get("minutes") or 0) for p in parts(meeting).values())


def over_time(meeting: Record) -> int:
    """How many minutes the parts add up to beyond the meeting's length (0 when they fit)."""
    return max(0, planned_minutes(meeting) - int(meeting.data.get("minutes") or 0))


def set_attendance(meeting: Record, statuses: Mapping[str, str]) -> Record:
    """A copy with ``person -> present | absent | excused`` set (others kept)."""
    for status in statuses.values():
        if status not in ATTENDANCE:
            raise InvalidInput(_("Attendance is present, absent or excused."))
    out = meeting.copy()
    current = attendance(out)
    current.update(statuses)
    out.data["attendance"] = [{"person": p, "status": s} for p, s in sorted(current.items())]
    return out


def attendance(meeting: Record) -> dict[str, str]:
    found = meeting.data.get("attendance")
    if not isinstance(found, list):
        return {}
    return {a["person"]: a["status"] for a in found if isinstance(a, dict)}


def add_line(meeting: Record, field: str, text: str) -> Record:
    """A copy with one more agreement or success."""
    if field not in LISTS:
        raise InvalidInput(_("Unknown field {field}.").format(field=field))
    line = " ".join(text.split())
    if not line:
        raise InvalidInput(_("Write what was agreed."))
    out = meeting.copy()
    current = out.data.get(field)
    out.data[field] = [*(current if isinstance(current, list) else []), line]
    return out


def add_action(meeting: Record, text: str, owner: str | None, due: date | None) -> Record:
    """A copy with a group action: what, by whom (a member, or nobody yet) and by when."""
    line = " ".join(text.split())
    if not line:
        raise InvalidInput(_("Say what will be done."))
    out = meeting.copy()
    current = out.data.get("actions")
    item = {"id": new_id(), "text": line, "owner": owner, "due": due.isoformat() if due else None}
    out.data["actions"] = [*(current if isinstance(current, list) else []), item]
    return out


def actions(meeting: Record) -> list[dict]:
    found = meeting.data.get("actions")
    return [a for a in found if isinstance(a, dict)] if isinstance(found, list) else []


def lines(meeting: Record, field: str) -> list[str]:
    found = meeting.data.get(field)
    return [x for x in found if isinstance(x, str)] if isinstance(found, list) else []


def add_mt_point(meeting: Record, text: str) -> Record:
    line = " ".join(text.split())
    if not line:
        raise InvalidInput(_("Write the point for the team leader."))
    out = meeting.copy()
    current = out.data.get("mt_points")
    point = {"id": new_id(), "text": line, "answer": None}
    out.data["mt_points"] = [*(current if isinstance(current, list) else []), point]
    return out


def answer_mt_point(meeting: Record, point_id: str, answer: str) -> Record:
    out = meeting.copy()
    points = [dict(p) for p in out.data.get("mt_points") or ()]
    for point in points:
        if point["id"] == point_id:
            point["answer"] = answer.strip()
            break
    else:
        raise InvalidInput(_("No such point for the team leader."))
    out.data["mt_points"] = points
    return out


def mt_points(meeting: Record) -> list[dict]:
    found = meeting.data.get("mt_points")
    return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []


def set_retro(meeting: Record, went_well: str | None = None, improve: str | None = None) -> Record:
    out = meeting.copy()
    if went_well is not None:
        out.data["went_well"] = went_well.strip()
    if improve is not None:
        out.data["improve"] = improve.strip()
    return out


def mark_held(meeting: Record, held: bool = True) -> Record:
    out = meeting.copy()
    out.data["held"] = held
    return out


def set_logbook(meeting_or_plg: Record, person: str, text: str) -> Record:
    """A copy with the facilitator's private note about ``person`` (never exported)."""
    out = meeting_or_plg.copy()
    notes = {e["person"]: e["text"] for e in out.data.get(LOGBOOK) or () if isinstance(e, dict)}
    if text.strip():
        notes[person] = text.strip()
    else:
        notes.pop(person, None)
    out.data[LOGBOOK] = [{"person": p, "text": t} for p, t in sorted(notes.items())]
    if not out.data[LOGBOOK]:
        del out.data[LOGBOOK]
    return out


def done_record(meeting: Record, item: Mapping, owner: str, done: bool = True) -> Record:
    """The owner's own record saying a group action of theirs is done (or not)."""
    if item.get("owner") != owner:
        raise InvalidInput(_("Only the owner of a group action marks it done."))
    return Record(
        ACTION,
        owner,
        {
            "text": item["text"],
            "due": item.get("due"),
            "done": done,
            "round": None,
            "meeting": meeting.id,
            "item": item["id"],
        },
    )


def set_agenda(meeting: Record, agenda) -> Record:
    """A copy planned from an agenda (:class:`plgcycle.agenda.Agenda`), which it keeps.

    Each part keeps its minutes and items (so the agenda opens again as it was left);
    its presenters are the people the agenda has present a try-out or a decision, each
    once per part; the other people it names (who needs feedback) do not present.
    """
    out = meeting.copy()
    out.data["agenda_title"] = agenda.title
    out.data["agenda_made_on"] = agenda.made_on.isoformat()
    for part in agenda.parts:
        if part.key not in PARTS:
            continue
        people = [
            i.person_id
            for i in part.items
            if i.person_id and i.kind in (KIND_PRESENT, KIND_DECISION)
        ]
        out = set_part(out, part.key, minutes=part.minutes, presenters=people)
        entry = next(p for p in out.data["parts"] if p["part"] == part.key)
        entry["items"] = [_stored_item(i) for i in part.items]
    return out


def _stored_item(item) -> dict:
    stored = {"text": item.text, "kind": item.kind if item.kind in ITEM_KINDS else KIND_NOTE}
    if item.person_id:
        stored["person"] = item.person_id
    if item.round_id:
        stored["round"] = item.round_id
    return stored


def saved_agenda(meeting: Record) -> dict | None:
    """The agenda saved with the meeting, as :meth:`plgcycle.agenda.Agenda.from_dict` reads
    it; None when none was saved."""
    made_on = meeting.data.get("agenda_made_on")
    if not made_on:
        return None
    return {
        "title": meeting.data.get("agenda_title") or "",
        "meeting": meeting.data.get("date"),
        "made_on": made_on,
        "length": meeting.data.get("minutes"),
        "parts": [
            {
                "key": key,
                "minutes": entry.get("minutes") or 0,
                "items": [
                    {
                        "text": i.get("text", ""),
                        "kind": i.get("kind"),
                        "person_id": i.get("person"),
                        "round_id": i.get("round"),
                    }
                    for i in entry.get("items") or ()
                    if isinstance(i, dict)
                ],
            }
            for key, entry in parts(meeting).items()
        ],
    }


def last_time(view) -> tuple[list[str], list[str]]:
    """What the next agenda starts from: the last meeting's agreements, the open actions."""
    last = view.last_held
    agreed = lines(last, "agreements") if last is not None else []
    open_actions = []
    for action in view.open_actions():
        who = view.names.get(action.item.get("owner") or "", "")
        text = action.item["text"]
        open_actions.append(f"{text} ({who})" if who else text)
    return agreed, open_actions
