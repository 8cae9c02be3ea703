"""The sample PLG seen from its facilitator: the PLG record and its meetings.

``plgcycle demo --facilitator`` fills a database as the facilitator (a demo person of her
own) keeps it: her PLG record (name, shared goal with its parts, working agreements, the
meeting dates as a series, the subgroups with the demo teachers), two meetings held (with
their verslag) and the next one planned; the teachers' work arrives as it would after
importing their signed files.  ``plgcycle demo --exports`` writes her file beside theirs.

The records are made by the same functions the app and the commands use
(:mod:`plgcycle.group`, :mod:`plgcycle.meetings`), so they pass the same trust rules;
ids are stable and dates relative to ``today``.  The texts are in
:mod:`plgcycle.demo_group_texts`.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import demo, demo_scan, group, meetings
from .demo_group_texts import (
    COUNT,
    EVERY_WEEKS,
    FACILITATOR_KEY,
    FACILITATOR_NAME,
    FACILITATOR_SUBJECT,
    GOAL,
    GOAL_PARTS,
    HELD,
    MINUTES,
    NEXT_IN_DAYS,
    NOTE_TAKERS,
    PLANNED,
    START,
    SUBGROUPS,
    WORKING_AGREEMENTS,
)
from .model import ACTION, PERSON, Record

__all__ = ["FACILITATOR_NAME", "build", "facilitator_id", "meeting_days"]


def facilitator_id() -> str:
    return demo._uuid("person:" + FACILITATOR_KEY)


def meeting_days(today: date) -> list[date]:
    """The PLG's meeting dates: a series in which the next meeting is ``NEXT_IN_DAYS`` ahead."""
    next_day = today + timedelta(days=NEXT_IN_DAYS)
    first = next_day - timedelta(weeks=EVERY_WEEKS * 2)
    return group.series(first, EVERY_WEEKS, COUNT)


def _stamped(record: Record, seed: str, today: date, day: date, rev: int) -> Record:
    """``record`` with a stable id, a revision and a change on ``day`` (never after today)."""
    record.id = demo._uuid(seed)
    record.rev = rev
    ago = max((today - day).days, 0) + 0.0
    record.updated_at = demo._stamp(today, ago)
    return record


def _stable_item_ids(meeting: Record, field: str, seed: str) -> Record:
    """Group actions and points for the team leader get stable ids too (the demo runs twice)."""
    items = [dict(item) for item in meeting.data.get(field) or ()]
    for n, item in enumerate(items):
        item["id"] = demo._uuid(f"{seed}:{field}:{n}")
    meeting.data[field] = items
    return meeting


def build(today: date) -> tuple[str, list[Record]]:
    """The facilitator's id and every record: the teachers' (as :func:`plgcycle.demo.build`
    makes them), the group actions they marked done, and the facilitator's own."""
    _me, records = demo.build(today)
    people = {r.id: r for r in records if r.kind == PERSON}
    by_key = {t.key: demo._uuid("person:" + t.key) for t in demo.TEACHERS}
    me = facilitator_id()
    days = meeting_days(today)
    next_day = today + timedelta(days=NEXT_IN_DAYS)
    first_change = days[0] - timedelta(days=14)

    person = Record(
        PERSON,
        me,
        {
            "name": FACILITATOR_NAME,
            "school": demo.SCHOOL,
            "subject": FACILITATOR_SUBJECT,
            "plg": demo.PLG_NAME,
            "next_meeting": next_day.isoformat(),
            "role": "facilitator",
        },
    )
    records.append(_stamped(person, "person:" + FACILITATOR_KEY, today, first_change, 1))

    plg = group.new_plg(me, demo.PLG_NAME, goal=GOAL, agreements=WORKING_AGREEMENTS)
    plg = group.edit_plg(plg, start=START, minutes=MINUTES, goal_parts=list(GOAL_PARTS))
    plg = group.set_dates(plg, days)
    for name, keys in SUBGROUPS.items():
        plg = group.set_subgroup(plg, name, [by_key[k] for k in keys])
    plg = group.set_note_takers(plg, [by_key[k] for k in NOTE_TAKERS])
    plg = demo_scan.with_leader(plg)
    assert set(group.members(plg)) == {me, *people, demo_scan.leader_id()}
    records.append(_stamped(plg, "plg:" + FACILITATOR_KEY, today, first_change, 4))
    records.append(demo_scan.leader(today, next_day))
    records += demo_scan.build(today, plg, me, list(by_key.values()))

    next_index = days.index(next_day)
    for spec in HELD:
        day = days[next_index - spec["ago"]]
        seed = f"meeting:{day.isoformat()}"
        meeting = meetings.new_meeting(plg, me, day)
        meeting = meetings.set_attendance(
            meeting,
            {
                pid: (
                    meetings.ABSENT
                    if key in spec["absent"]
                    else meetings.EXCUSED
                    if key in spec["excused"]
                    else meetings.PRESENT
                )
                for key, pid in {FACILITATOR_KEY: me, **by_key}.items()
            },
        )
        for part, summary in spec["parts"].items():
            meeting = meetings.set_part(meeting, part, summary=summary)
        for line in spec["agreements"]:
            meeting = meetings.add_line(meeting, "agreements", line)
        for line in spec["successes"]:
            meeting = meetings.add_line(meeting, "successes", line)
        for text, owner, due_in, _done in spec["actions"]:
            meeting = meetings.add_action(
                meeting, text, by_key[owner], day + timedelta(days=due_in)
            )
        meeting = _stable_item_ids(meeting, "actions", seed)
        point, answer = spec["mt"]
        meeting = meetings.add_mt_point(meeting, point)
        meeting = _stable_item_ids(meeting, "mt_points", seed)
        if answer:
            meeting = meetings.answer_mt_point(meeting, meeting.data["mt_points"][0]["id"], answer)
        meeting = meetings.set_retro(meeting, spec["went_well"], spec["improve"])
        if spec["logbook"]:
            key, text = spec["logbook"]
            meeting = meetings.set_logbook(meeting, by_key[key], text)
        meeting = meetings.mark_held(meeting)
        records.append(_stamped(meeting, seed, today, day + timedelta(days=1), 6))
        for (_text, owner, due_in, done), item in zip(
            spec["actions"], meetings.actions(meeting), strict=True
        ):
            if done:
                mark = meetings.done_record(meeting, item, by_key[owner])
                when = min(day + timedelta(days=due_in - 2), today)
                records.append(_stamped(mark, f"done:{item['id']}", today, when, 1))

    planned = meetings.new_meeting(plg, me, next_day)
    for part, minutes, presenters in PLANNED:
        planned = meetings.set_part(
            planned, part, minutes=minutes, presenters=[by_key[k] for k in presenters]
        )
    records.append(
        _stamped(planned, f"meeting:{next_day.isoformat()}", today, today - timedelta(days=3), 2)
    )
    assert all(r.kind != ACTION or r.owner in people for r in records)
    return me, records
