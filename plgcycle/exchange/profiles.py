"""The two profiles of an export, and what each sends.

``full`` sends the local teacher's own records as :func:`plgcycle.privacy.shareable`
makes them: no private notes, and a field they marked private as ``true``
("something is written here") when filled; deleted records travel as tombstones
without content.  ``progress`` keeps only progress metadata (:data:`PROGRESS_KEEP`);
every other text or result is replaced by ``true`` in the same way, so that the
rules of the cycle see which steps are complete from either profile, and nobody
sees what was written.  A round in a progress export carries a summary
(:data:`PROGRESS_SUMMARY`), worked out when it is exported.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import (
    ACTION,
    FEEDBACK,
    MEASURE,
    MEETING,
    PERSON,
    PLG,
    ROUND,
    SCAN_RESPONSE,
    SCAN_ROUND,
    TRYOUT,
    Record,
)
from ..privacy import WITHHELD, filled, shareable_records

PROFILE_FULL = "full"
PROFILE_PROGRESS = "progress"
PROFILES = (PROFILE_FULL, PROFILE_PROGRESS)

# What a progress export keeps, per kind, as paths in ``data``.  Every other
# field is content (a reflection, a plan, a result) and is withheld: ``true``
# when something was written, left out when empty.
PROGRESS_KEEP: dict[str, frozenset[str]] = {
    PERSON: frozenset(
        {"name", "school", "subject", "plg", "subgroup", "next_meeting", "role", "key"}
    ),
    ROUND: frozenset(
        {
            "question",
            "goal_link",
            "round_no",
            "parent",
            "chain",
            "closed_at",
            "feedback_status",
            "steps.apply.decision",
            "carried.decision",
            "progress",
            "step_reached",
            "tryouts_planned",
            "tryouts_done",
            "feedback_count",
        }
    ),
    TRYOUT: frozenset({"round", "class_group", "planned_date", "run_date"}),
    MEASURE: frozenset({"round", "tryout", "name", "unit"}),
    FEEDBACK: frozenset({"round", "step", "tryout", "type", "giver", "giver_name", "given_on"}),
    ACTION: frozenset({"round", "due", "done", "meeting", "item"}),
    # For the team leader: who the PLG is and when it meets, who came, how much was agreed
    # and what was asked of them; never the goal's wording, the notes, the agreements, the
    # actions, the successes or the retro (counts of agreements and actions instead).
    PLG: frozenset(
        {"name", "dates", "start", "minutes", "members", "subgroups", "note_takers", "leaders"}
    ),
    MEETING: frozenset(
        {
            "plg",
            "date",
            "start",
            "minutes",
            "held",
            "attendance",
            "mt_points",
            "agreement_count",
            "action_items",
            "agenda_made_on",  # a date: that an agenda was made, not what it says
        }
    ),
    # The scan: when its rounds were held, never a person's answers or role (the team
    # leader's report shows the group figures only, made from full exports).
    SCAN_ROUND: frozenset({"plg", "moment", "label", "opens", "closes", "closed_at"}),
    SCAN_RESPONSE: frozenset({"scan_round"}),
}
# Fields holding other fields (the steps of a round, what a round carried forward).
_NESTED = {ROUND: {"steps": 2, "carried": 1}}
# The progress summary a round carries in a progress export (computed at export time).
PROGRESS_SUMMARY = ("progress", "step_reached", "tryouts_planned", "tryouts_done", "feedback_count")
# What a meeting carries in a progress export instead of its lists: field -> the list.
MEETING_SUMMARY = {"agreement_count": "agreements", "action_items": "actions"}


def _leaves(data: dict, depth: int, prefix: str = ""):
    """(path, value) of every field, descending ``depth`` levels into nested objects."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if depth > 0 and isinstance(value, dict):
            yield from _leaves(value, depth - 1, path + ".")
        else:
            yield path, value


def _data_leaves(record: Record):
    nested = _NESTED.get(record.kind, {})
    for key, value in record.data.items():
        depth = nested.get(key, 0)
        if depth and isinstance(value, dict):
            yield from _leaves(value, depth - 1, key + ".")
        else:
            yield key, value


def withheld_paths(record: Record) -> list[str]:
    """The fields of a record that a progress export withheld (``true`` in place of content)."""
    keep = PROGRESS_KEEP.get(record.kind, frozenset())
    return [path for path, value in _data_leaves(record) if value is WITHHELD and path not in keep]


def progress_record(record: Record, summary: dict | None = None) -> Record:
    """A copy with only progress metadata: content becomes ``true`` when filled, else left out."""
    keep = PROGRESS_KEEP.get(record.kind, frozenset())
    clean = record.copy()
    if record.deleted:
        clean.data = {}
        return clean
    data: dict = {}
    for path, value in _data_leaves(record):
        if path in PROGRESS_SUMMARY or (record.kind == MEETING and path in MEETING_SUMMARY):
            continue  # recomputed below, never copied from an older file
        if path in keep:
            out = value
        elif filled(value):
            out = WITHHELD
        else:
            continue
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = out
    if record.kind == ROUND and summary:
        data.update(summary)
    if record.kind == MEETING:
        data.update(meeting_summary(record))
    clean.data = data
    return clean


def meeting_summary(record: Record) -> dict:
    """How many agreements a meeting holds, and its group actions without their text.

    ``action_items`` is ``{id, owner, due}`` per group action: who does one and whether its
    owner marked it done can be counted, never what it is.  A list already withheld (a
    progress copy read again) keeps what it came with.
    """
    out: dict = {}
    agreements = record.data.get("agreements")
    if isinstance(agreements, list):
        out["agreement_count"] = len(agreements)
    elif isinstance(record.data.get("agreement_count"), int):
        out["agreement_count"] = record.data["agreement_count"]
    actions = record.data.get("actions")
    if isinstance(actions, list):
        out["action_items"] = [
            {"id": a.get("id"), "owner": a.get("owner"), "due": a.get("due")}
            for a in actions
            if isinstance(a, dict)
        ]
    elif isinstance(record.data.get("action_items"), list):
        out["action_items"] = [dict(a) for a in record.data["action_items"]]
    return out


def round_summary(view) -> dict:
    """The progress summary of a round (a :class:`plgcycle.cycle.RoundView`)."""
    from ..cycle import tryout_done, tryout_planned

    return {
        "progress": list(view.progress),
        "step_reached": view.step_reached,
        "tryouts_planned": sum(1 for t in view.tryouts if tryout_planned(t)),
        "tryouts_done": sum(1 for t in view.tryouts if tryout_done(t)),
        "feedback_count": len(view.feedback),
    }


# --- what an export holds ---------------------------------------------------------------------


def progress_records(records: Iterable[Record]) -> list[Record]:
    """Every record as a progress export of its owner would hold it (what a team leader may see).

    The same reduction as :func:`export_records` with the progress profile, for the records
    of everyone at once (a facilitator's merged exports), with one index for the summaries.
    """
    from ..cycle import RecordIndex

    shared = shareable_records(list(records))
    index = RecordIndex(shared)
    out = []
    for record in shared:
        summary = None
        if record.kind == ROUND and not record.deleted and record.id in index.rounds:
            summary = round_summary(index.view(record.id))
        out.append(progress_record(record.copy(), summary))
    return out


def export_records(records: Iterable[Record], me: str, profile: str = PROFILE_FULL) -> list[Record]:
    """What the local person shares: their own records (tombstones without content), private fields withheld.

    ``records`` may be the whole database: only records owned by ``me`` are
    exported, the others are read for the progress summary of the rounds.  The
    summary is worked out from the same shareable records as the full profile,
    so both profiles give the same step marks.
    """
    records = list(records)
    own = [r for r in records if r.owner == me]
    shared = [r.copy() for r in shareable_records(own)]
    if profile != PROFILE_PROGRESS:
        return shared
    from ..cycle import RecordIndex

    index = RecordIndex(shareable_records(records))
    out = []
    for record in shared:
        summary = None
        if record.kind == ROUND and not record.deleted and record.id in index.rounds:
            summary = round_summary(index.view(record.id))
        out.append(progress_record(record, summary))
    return out
