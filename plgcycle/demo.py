"""A realistic Dutch sample PLG, so that a newcomer can look around.

Six teachers of one PLG in two subgroups, two rounds each (the first closed with
a decision, the second somewhere in the cycle), try-outs, measures, feedback
between colleagues and between-meeting actions.  Dates are relative to
``today`` so that "next meeting" and "overdue" make sense whenever it runs.
Only classes and groups are named, never students.

The sample texts are in :mod:`plgcycle.demo_texts`; this module turns them into
records.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from .demo_texts import (
    ACTIONS,
    FEEDBACK_PLAN,
    FEEDBACK_STATUS,
    PLG_NAME,
    SCHOOL,
    TEACHERS,
    DemoTeacher,
)
from .measurepoints import UP, Point, set_target, with_points
from .model import ACTION, FEEDBACK, MEASURE, PERSON, ROUND, TRYOUT, Record, iso

__all__ = [
    "ACTIONS",
    "FEEDBACK_PLAN",
    "FEEDBACK_STATUS",
    "PLG_NAME",
    "SCHOOL",
    "TEACHERS",
    "DemoTeacher",
    "build",
]


def _uuid(seed: str) -> str:
    """Stable ids, so that running the demo twice gives the same records."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "plgcycle-demo:" + seed))


def _stamp(today: date, days_ago: float) -> str:
    moment = datetime.combine(today, time(15, 30), tzinfo=UTC) - timedelta(days=days_ago)
    return iso(moment)


def _dated(measure: Record, spec: dict, today: date, tryout_id: str) -> Record:
    """The demo measure with values on dates (a try-out's value is linked to it) and a target."""
    points = [
        Point(today - timedelta(days=ago), float(value), baseline, None if baseline else tryout_id)
        for ago, value, baseline in spec["points"]
    ]
    return set_target(with_points(measure, points), spec.get("target"), UP)


def demo_key(person_id: str):
    """The signing key of a demo teacher other than "me", for the demo's export files.

    Derived from the person id, so anyone can make it: it signs the sample files of
    ``plgcycle demo --exports`` and nothing else.
    """
    import hashlib

    from .signing import PersonKey

    seed = hashlib.sha256(b"plgcycle-demo-key:" + person_id.encode("ascii")).digest()
    return PersonKey(person_id, seed)


def signed_colleagues(records: list[Record], me: str) -> list[Record]:
    """The demo's records as a teacher's database holds them after importing signed files.

    Every colleague's person record names their demo key, and each of their records
    carries its signature (:func:`demo_key`); the local teacher's own work is signed
    when it is exported, with a key of their own.
    """
    from .signing import sign_record

    keys = {r.id: demo_key(r.id) for r in records if r.kind == PERSON and r.id != me}
    out = []
    for record in records:
        key = keys.get(record.owner)
        if key is not None:
            record = record.copy()
            if record.kind == PERSON and not record.deleted:
                record.data["key"] = key.public
            record.sig = sign_record(record, key)
        out.append(record)
    return out


def build(today: date, me: str = "ahmed") -> tuple[str, list[Record]]:
    """All demo records, and the id of the local person (``me``)."""
    records: list[Record] = []
    person_ids = {t.key: _uuid("person:" + t.key) for t in TEACHERS}
    next_meeting = today + timedelta(days=12)
    round_ids: dict[tuple[str, int], str] = {}

    def add(kind, owner, data, key, days_ago, rev=1):
        rec = Record(kind, owner, data, _uuid(key), rev, _stamp(today, days_ago), False)
        records.append(rec)
        return rec

    for teacher in TEACHERS:
        pid = person_ids[teacher.key]
        add(
            PERSON,
            pid,
            {
                "name": teacher.name,
                "school": SCHOOL,
                "subject": teacher.subject,
                "plg": PLG_NAME,
                "subgroup": teacher.subgroup,
                "next_meeting": next_meeting.isoformat(),
                "role": "teacher",
            },
            "person:" + teacher.key,
            90,
        )
        chain = _uuid(f"round:{teacher.key}:0")
        for index, spec in enumerate(teacher.rounds):
            rid = _uuid(f"round:{teacher.key}:{index}")
            round_ids[(teacher.key, index)] = rid
            days = spec["days_ago"]
            stage = spec["stage"]
            steps: dict = {
                "baseline": {
                    "sources": spec.get("sources", ""),
                    "findings": spec.get("findings", ""),
                    "baseline_figure": spec.get("baseline_figure", ""),
                }
            }
            if spec.get("ideas") or spec.get("approach"):
                steps["approach"] = {
                    "ideas": spec.get("ideas", ""),
                    "approach": spec.get("approach", ""),
                }
            if stage >= 4 and spec.get("worked"):
                steps["analyse"] = {
                    "worked": spec["worked"],
                    "not_worked": spec.get("not_worked", ""),
                    "why": spec.get("why", ""),
                }
            closed_at = None
            if stage == 5 and spec.get("decision"):
                steps["apply"] = {
                    "conclusions": spec["conclusions"],
                    "decision": spec["decision"],
                    "next": spec.get("next", ""),
                }
                closed_at = _stamp(today, days - 28)
            data = {
                "question": teacher.question,
                "goal_link": teacher.goal,
                "round_no": index + 1,
                "parent": round_ids.get((teacher.key, index - 1)),
                "chain": chain,
                "steps": steps,
                "closed_at": closed_at,
            }
            if index > 0:
                prev = teacher.rounds[index - 1]
                data["carried"] = {
                    "conclusions": prev.get("conclusions", ""),
                    "decision": prev.get("decision"),
                    "next": prev.get("next", ""),
                }
            last = days - 28 if closed_at else days
            round_rec = add(
                ROUND, pid, data, f"round:{teacher.key}:{index}", max(last, 0), rev=3 + stage
            )
            if stage < 2 and not spec.get("approach"):
                continue
            # Try-outs already carried out were planned in the past; the rest lie ahead.
            planned = (
                (today - timedelta(days=max(days - 10, 3)))
                if spec.get("happened")
                else today + timedelta(days=3)
            )
            tryout = {
                "round": rid,
                "class_group": spec["klas"],
                "what": spec.get("what", ""),
                "planned_date": planned.isoformat(),
            }
            if not spec.get("class_only"):
                tryout.update(
                    evidence=spec.get("evidence", ""),
                    success=spec.get("success", ""),
                    prediction=spec.get("prediction", ""),
                )
            if spec.get("happened"):
                tryout.update(
                    run_date=(today - timedelta(days=max(days - 12, 1))).isoformat(),
                    happened=spec["happened"],
                    deviations=spec.get("deviations", ""),
                    observations=spec.get("observations", ""),
                    reactions=spec.get("reactions", ""),
                )
            t_rec = add(
                TRYOUT, pid, tryout, f"tryout:{teacher.key}:{index}", max(days - 14, 0), rev=2
            )
            if spec.get("measure"):
                name, unit, base, value = spec["measure"]
                add(
                    MEASURE,
                    pid,
                    {
                        "round": rid,
                        "tryout": t_rec.id if value is not None else None,
                        "name": name,
                        "unit": unit,
                        "baseline": base,
                        "value": value,
                    },
                    f"measure:{teacher.key}:{index}",
                    max(days - 16, 0),
                )
                if spec.get("points"):
                    records[-1] = _dated(records[-1], spec, today, t_rec.id)
            del round_rec

    for n, (giver, receiver, idx, step, kind, text) in enumerate(FEEDBACK_PLAN):
        rid = round_ids[(receiver, idx)]
        spec = next(t for t in TEACHERS if t.key == receiver).rounds[idx]
        given = today - timedelta(days=max(spec["days_ago"] - 20, 1))
        add(
            FEEDBACK,
            person_ids[giver],
            {
                "round": rid,
                "step": step,
                "tryout": None,
                "type": kind,
                "text": text,
                "giver": person_ids[giver],
                "giver_name": next(t.name for t in TEACHERS if t.key == giver),
                "given_on": given.isoformat(),
            },
            f"feedback:{n}",
            max(spec["days_ago"] - 20, 1),
        )
    # The receiving owner marks what they did with feedback on their rounds.
    by_id = {r.id: r for r in records}
    for n, status in FEEDBACK_STATUS.items():
        giver, receiver, idx, *_rest = FEEDBACK_PLAN[n]
        rec = by_id[round_ids[(receiver, idx)]]
        rec.data.setdefault("feedback_status", {})[_uuid(f"feedback:{n}")] = status

    for key, (text, due_in, done) in ACTIONS.items():
        pid = person_ids[key]
        latest = round_ids[(key, len(next(t for t in TEACHERS if t.key == key).rounds) - 1)]
        add(
            ACTION,
            pid,
            {
                "text": text,
                "due": (today + timedelta(days=due_in)).isoformat(),
                "done": done,
                "round": latest,
            },
            f"action:{key}",
            14,
        )
    return person_ids[me], records
