"""The rules of the improvement cycle: what may happen next to a round, and doing it.

Pure functions over records: a new question, saving a step, closing a round
with a decision, whether a round may be reopened or get its next round (the
screens ask :func:`can_reopen` and :func:`can_start_next_round`; the functions
that do it refuse with the same reason) and starting it, feedback and actions.
Nothing here touches the store, so the same rules serve the teacher's own
database and a facilitator's merged exports.  Where a round stands lives in
:mod:`plgcycle.progress`, the lookups over many records in :mod:`plgcycle.index`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .clock import today as local_today
from .errors import InvalidInput
from .i18n import _

# Where a round stands and the lookups over records moved to their own modules; the
# names the screens, the review and the exchange ask the cycle for stay importable here.
from .index import (  # noqa: F401
    HOME_COLLEAGUES,
    RecordIndex,
    colleague_rounds,
    first_screen_records,
    matching_rounds,
)
from .model import (
    ABANDON,
    ACTION,
    CARRIED_KEYS,
    FEEDBACK,
    MEASURE,
    PERSON,
    PRIVATE_KEY,
    ROUND,
    STEP_BY_KEY,
    TRYOUT,
    Record,
    iso,
    parse_date,
    read_date,
    set_step_data,
    step_data,
    utcnow,
)
from .privacy import filled
from .progress import (  # noqa: F401
    DECISION_VALUES,
    RoundView,
    measure_change,
    round_number,
    round_order,
    step_complete,
    tryout_done,
    tryout_overdue,
    tryout_planned,
)

# --- creating and changing records --------------------------------------------------


def new_person(name: str, **fields) -> Record:
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("A name is needed."))
    person = Record(PERSON, owner="", data={"name": name, **fields})
    person.owner = person.id
    return person


def new_question(owner: str, question: str, goal_link: str = "") -> Record:
    """The first round of a new learning question."""
    question = (question or "").strip()
    if not question:
        raise InvalidInput(_("A learning question cannot be empty."))
    rec = Record(
        ROUND,
        owner,
        {
            "question": question,
            "goal_link": goal_link.strip(),
            "round_no": 1,
            "parent": None,
            "steps": {},
        },
    )
    rec.data["chain"] = rec.id
    return rec


def save_step(round_rec: Record, step_key: str, values: dict) -> Record:
    """Merge form values into one step of a round (a copy; the caller saves it)."""
    if step_key not in STEP_BY_KEY:
        raise InvalidInput(_("Unknown step {step}.").format(step=step_key))
    allowed = {f.key for f in STEP_BY_KEY[step_key].fields}
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(_("Unknown field {field}.").format(field=sorted(unknown)[0]))
    if "decision" in values and values["decision"] not in (None, "", *DECISION_VALUES):
        raise InvalidInput(_("A decision is keep, adjust or drop."))
    updated = round_rec.copy()
    set_step_data(updated, step_key, values)
    return updated


def close_round(
    round_rec: Record, decision: str, conclusions: str | None = None, now: datetime | None = None
) -> Record:
    """Close a round with a decision (adopt / adapt / abandon); returns a copy."""
    if decision not in DECISION_VALUES:
        raise InvalidInput(_("A decision is keep, adjust or drop."))
    updated = round_rec.copy()
    values = {"decision": decision}
    if conclusions is not None:
        values["conclusions"] = conclusions
    set_step_data(updated, "apply", values)
    if not filled(step_data(updated, "apply").get("conclusions")):
        raise InvalidInput(_("Write your conclusions before closing the round."))
    updated.data["closed_at"] = iso(now or utcnow())
    return updated


# --- what may happen next to a round -------------------------------------------------


def closing_gaps(view: RoundView) -> list[str]:
    """What is still missing before a round is complete, one short line each (none: nothing).

    Closing is the teacher's decision and is never refused for these; the screens
    say them first, so that a round is not closed with empty steps by accident.
    """
    from .model import STEPS

    gaps = []
    for step in STEPS[:4]:  # step 5 is what closing fills in
        if view.step_complete(step.key):
            continue
        if step.key == "implement":  # complete once a try-out has been carried out
            text = _("step {n} {title}: no try-out carried out yet")
        else:
            text = _("step {n} {title} is not complete")
        gaps.append(text.format(n=step.number, title=_(step.title)))
    return gaps


@dataclass(frozen=True)
class Answer:
    """What a rule says: true when the step may be taken, else false with the reason why not."""

    reason: str = ""

    def __bool__(self) -> bool:
        return not self.reason

    def check(self) -> None:
        """Raise :class:`InvalidInput` with the reason when the answer is no."""
        if self.reason:
            raise InvalidInput(self.reason)


def _later_round(round_rec: Record, rounds: Iterable[Record]) -> Record | None:
    """The newest round of ``round_rec``'s question when that is another round, else None.

    ``rounds`` may hold any records: only the rounds of the same question count,
    and ``round_rec`` itself counts as given (a newer copy than the one in ``rounds``).
    """
    chain_id = round_rec.data.get("chain") or round_rec.id
    chain: list[Record] = []
    seen = False
    for rnd in rounds:
        if rnd.kind != ROUND or rnd.deleted or (rnd.data.get("chain") or rnd.id) != chain_id:
            continue
        if rnd.id == round_rec.id:
            if seen:
                continue
            rnd, seen = round_rec, True
        chain.append(rnd)
    if not seen:
        chain.append(round_rec)
    chain.sort(key=round_order)  # stable, as in RecordIndex.chain
    latest = chain[-1]
    return None if latest.id == round_rec.id else latest


def can_start_next_round(round_rec: Record, rounds: Iterable[Record]) -> Answer:
    """Whether a next round of the question may start from ``round_rec``.

    Only from a closed round, not after the approach was dropped (that question
    ends there; a new question starts afresh), and only from the newest round of
    its question, so a round never gets two next rounds.  ``rounds`` are the
    question's other rounds as known (any records; others are ignored).
    """
    if not filled(round_rec.data.get("closed_at")):
        return Answer(_("Close this round with a decision first."))
    if step_data(round_rec, "apply").get("decision") == ABANDON:
        return Answer(
            _(
                "You dropped this approach, so there is no next round; start a new "
                "learning question instead."
            )
        )
    later = _later_round(round_rec, rounds)
    if later is not None:
        return Answer(
            _("Round {n} of this question has already started; go on there.").format(
                n=round_number(later)
            )
        )
    return Answer()


def can_reopen(round_rec: Record, rounds: Iterable[Record]) -> Answer:
    """Whether ``round_rec`` may be reopened: a closed round that is its question's newest."""
    if not filled(round_rec.data.get("closed_at")):
        return Answer(_("This round is not closed."))
    later = _later_round(round_rec, rounds)
    if later is not None:
        return Answer(
            _(
                "Round {n} of this question has already started; only the newest "
                "round can be reopened."
            ).format(n=round_number(later))
        )
    return Answer()


def reopen_round(round_rec: Record, rounds: Iterable[Record]) -> Record:
    """The round open again (a copy); refused as :func:`can_reopen` says."""
    can_reopen(round_rec, rounds).check()
    updated = round_rec.copy()
    updated.data["closed_at"] = None
    return updated


def start_next_round(round_rec: Record, rounds: Iterable[Record]) -> Record:
    """A new round of the same question, linked to its parent.

    Refused as :func:`can_start_next_round` says (``rounds``: the question's
    rounds as known).  The question is carried forward, and so are the
    conclusions and the plan for the next round, so the teacher starts step 1
    knowing where they left off.  A carried text that is private in the closed
    round is private in the new one.
    """
    can_start_next_round(round_rec, rounds).check()
    apply = step_data(round_rec, "apply")
    new = Record(
        ROUND,
        round_rec.owner,
        {
            "question": round_rec.text("question"),
            "goal_link": round_rec.text("goal_link"),
            "round_no": round_number(round_rec) + 1,
            "parent": round_rec.id,
            "chain": round_rec.data.get("chain") or round_rec.id,
            "carried": {
                "conclusions": apply.get("conclusions") or "",
                "decision": apply.get("decision"),
                "next": apply.get("next") or "",
            },
            "steps": {},
        },
    )
    if round_rec.is_private("goal_link"):
        new.set_private("goal_link", True)
    _mirror_carried_privacy(round_rec, new)
    return new


def _source_path(carried_key: str) -> str:
    return f"steps.apply.{carried_key}"


def _mirror_carried_privacy(source: Record, target: Record) -> bool:
    """Give ``target``'s carried texts the private marks of where they came from; True when changed."""
    before = target.private_paths
    for key in CARRIED_KEYS:
        target.set_private(f"carried.{key}", source.is_private(_source_path(key)))
    if not target.private_paths:
        target.data.pop(PRIVATE_KEY, None)  # no empty list where there was none
    return target.private_paths != before


def carried_privacy(round_rec: Record, rounds: Iterable[Record]) -> list[Record]:
    """The next rounds of ``round_rec`` whose carried texts must follow its private marks.

    Call it after the marks of a round's conclusions or plan changed: it returns
    changed copies, to be saved together with the round, so that a text made
    private (or shared again) is so wherever it was carried.
    """
    changed = []
    for rnd in rounds:
        if (
            rnd.kind != ROUND
            or rnd.deleted
            or rnd.data.get("parent") != round_rec.id
            or rnd.owner != round_rec.owner
        ):
            continue
        copy = rnd.copy()
        if _mirror_carried_privacy(round_rec, copy):
            changed.append(copy)
    return changed


def set_feedback_status(round_rec: Record, feedback_id: str, status: str) -> Record:
    """The round's owner marks what they did with a piece of feedback (a copy)."""
    from .model import FEEDBACK_STATUSES

    if status not in {value for value, _label in FEEDBACK_STATUSES}:
        raise InvalidInput(_("Unknown feedback status {status}.").format(status=status))
    updated = round_rec.copy()
    statuses = dict(updated.data.get("feedback_status") or {})
    statuses[feedback_id] = status
    updated.data["feedback_status"] = statuses
    return updated


def new_tryout(round_rec: Record, owner: str, **fields) -> Record:
    return Record(TRYOUT, owner, {"round": round_rec.id, **fields})


def new_measure(
    round_rec: Record, owner: str, name: str, *, tryout: Record | None = None, **fields
) -> Record:
    if not (name or "").strip():
        raise InvalidInput(_("A measure needs a name."))
    return Record(
        MEASURE,
        owner,
        {
            "round": round_rec.id,
            "tryout": tryout.id if tryout else None,
            "name": name.strip(),
            **fields,
        },
    )


def new_feedback(
    round_rec: Record,
    owner: str,
    type_: str,
    text: str,
    giver_name: str,
    *,
    giver: str | None = None,
    step: str | None = None,
    tryout: Record | None = None,
    given_on: str | None = None,
) -> Record:
    from .model import FEEDBACK_TYPES

    if type_ not in {value for value, _label in FEEDBACK_TYPES}:
        raise InvalidInput(_("Choose: top, tip or question."))
    if not (text or "").strip():
        raise InvalidInput(_("Feedback cannot be empty."))
    if not (giver_name or "").strip():
        raise InvalidInput(_("Say who gave the feedback."))
    if step is not None and step not in STEP_BY_KEY:
        raise InvalidInput(_("Unknown step {step}.").format(step=step))
    return Record(
        FEEDBACK,
        owner,
        {
            "round": round_rec.id,
            "step": step,
            "tryout": tryout.id if tryout else None,
            "type": type_,
            "text": text.strip(),
            "giver_name": giver_name.strip(),
            "giver": giver,
            "given_on": given_on or local_today().isoformat(),
        },
    )


def new_action(
    owner: str, text: str, due: str | None = None, round_rec: Record | None = None
) -> Record:
    if not (text or "").strip():
        raise InvalidInput(_("Say what you will do."))
    if due and parse_date(due) is None:
        try:  # typed the Dutch way (15-03-2026) or as ISO
            due = read_date(due).isoformat()
        except ValueError:
            raise InvalidInput(_("Write the date as DD-MM-YYYY.")) from None
    return Record(
        ACTION,
        owner,
        {
            "text": text.strip(),
            "due": due or None,
            "done": False,
            "round": round_rec.id if round_rec else None,
        },
    )


def action_overdue(action: Record, today: date) -> bool:
    due = parse_date(action.data.get("due"))
    return bool(due and due < today and not action.data.get("done"))
