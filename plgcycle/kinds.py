"""The kinds of record, their names for people, and the records each kind links to.

Every record carries one of :data:`KINDS` in its ``kind``; :data:`LINKS` names,
per kind, the fields of ``data`` that hold the ids of other records.  What each
kind holds beyond that is described in :mod:`plgcycle.fields`.
"""

from __future__ import annotations

from .i18n import N_

PERSON = "person"
ROUND = "round"
TRYOUT = "tryout"
MEASURE = "measure"
FEEDBACK = "feedback"
ACTION = "action"
# The PLG as a group and its meetings, both kept by the facilitator (see plgcycle.group).
PLG = "plg"
MEETING = "meeting"
# The school scan (De school als PLG): a round the facilitator opens, one response per person.
SCAN_ROUND = "scan_round"
SCAN_RESPONSE = "scan_response"
KINDS = (PERSON, ROUND, TRYOUT, MEASURE, FEEDBACK, ACTION, PLG, MEETING, SCAN_ROUND, SCAN_RESPONSE)

KIND_LABELS = {
    PERSON: N_("person"),
    ROUND: N_("question round"),
    TRYOUT: N_("try-out"),
    MEASURE: N_("measure"),
    FEEDBACK: N_("feedback"),
    ACTION: N_("action"),
    PLG: N_("PLG"),
    MEETING: N_("meeting"),
    SCAN_ROUND: N_("scan round"),
    SCAN_RESPONSE: N_("scan response"),
}

# Link fields (ids of other records) per kind; None allowed where optional.
LINKS: dict[str, tuple[str, ...]] = {
    PERSON: (),
    ROUND: ("parent", "chain"),
    TRYOUT: ("round",),
    MEASURE: ("round", "tryout"),
    FEEDBACK: ("round", "tryout", "giver"),
    # A group action marked done by its owner points at the meeting that agreed it.
    ACTION: ("round", "meeting"),
    PLG: (),
    MEETING: ("plg",),
    SCAN_ROUND: ("plg",),
    SCAN_RESPONSE: ("scan_round",),
}
