"""The rules of the improvement cycle.

Pure functions over records: when a step is complete, which step a round is at,
what the teacher's next action is, closing a round with a decision and starting
the next round.  Nothing here touches the store, so the same rules serve the
teacher's own database and a facilitator's merged exports.

A teacher may visit any step at any time; "current step" is only advice: the
first step that is not complete yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import InvalidInput
from .i18n import _, format_date
from .model import (
    ABANDON,
    ACTION,
    CARRIED_KEYS,
    DECISIONS,
    FB_OPEN,
    FEEDBACK,
    MEASURE,
    PERSON,
    PRIVATE_KEY,
    ROUND,
    STEP_BY_KEY,
    STEP_KEYS,
    TRYOUT,
    TRYOUT_PLAN_FIELDS,
    TRYOUT_RUN_FIELDS,
    Record,
    iso,
    parse_date,
    parse_iso,
    set_step_data,
    step_data,
    utcnow,
)
from .privacy import filled, shareable

DECISION_VALUES = tuple(value for value, _label in DECISIONS)

# --- try-outs and measures -----------------------------------------------------------


def tryout_planned(tryout: Record) -> bool:
    """The plan has its minimum fields (class, what, success, prediction)."""
    return all(filled(tryout.data.get(f.key)) for f in TRYOUT_PLAN_FIELDS if f.required)


def tryout_done(tryout: Record) -> bool:
    """The try-out has been logged as carried out (date and what happened)."""
    return all(filled(tryout.data.get(f.key)) for f in TRYOUT_RUN_FIELDS if f.required)


def tryout_has_result(tryout: Record, measures: Iterable[Record] = ()) -> bool:
    if filled(tryout.data.get("observations")) or filled(tryout.data.get("reactions")):
        return True
    return any(m.data.get("tryout") == tryout.id and m.data.get("value") is not None
               for m in measures)


def measure_change(measure: Record) -> float | None:
    """New value minus baseline, when both are numbers."""
    base, value = measure.data.get("baseline"), measure.data.get("value")
    if isinstance(base, (int, float)) and isinstance(value, (int, float)) \
            and not isinstance(base, bool) and not isinstance(value, bool):
        return value - base
    return None


# --- a round with everything that belongs to it -------------------------------------------


@dataclass
class RoundView:
    """A question round together with its try-outs, measures and feedback."""

    round: Record
    tryouts: list[Record] = field(default_factory=list)
    measures: list[Record] = field(default_factory=list)
    feedback: list[Record] = field(default_factory=list)
    actions: list[Record] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.round.id

    @property
    def question(self) -> str:
        return self.round.text("question")

    @property
    def number(self) -> int:
        return round_number(self.round)

    @property
    def closed(self) -> bool:
        return filled(self.round.data.get("closed_at"))

    @property
    def decision(self) -> str | None:
        value = step_data(self.round, "apply").get("decision")
        return value if value in DECISION_VALUES else None

    def step_complete(self, step_key: str) -> bool:
        return step_complete(step_key, self.round, self.tryouts, self.measures)

    @property
    def progress(self) -> tuple[bool, ...]:
        return tuple(self.step_complete(key) for key in STEP_KEYS)

    @property
    def steps_done(self) -> int:
        return sum(self.progress)

    @property
    def current_step(self) -> int:
        """1-5: the first step that is not complete; 5 when all are."""
        for number, done in enumerate(self.progress, start=1):
            if not done:
                return number
        return 5

    @property
    def step_reached(self) -> int:
        """The furthest step with anything filled in (0 when nothing yet)."""
        reached = 0
        for number, key in enumerate(STEP_KEYS, start=1):
            if self.step_complete(key) or _step_started(key, self):
                reached = number
        return reached

    def next_action(self, today: date | None = None) -> str:
        return next_action(self, today)

    def feedback_status(self, feedback_id: str) -> str:
        statuses = self.round.data.get("feedback_status") or {}
        value = statuses.get(feedback_id)
        return value if isinstance(value, str) else FB_OPEN

    @property
    def last_activity(self) -> datetime | None:
        stamps = [r.updated_at for r in (self.round, *self.tryouts, *self.measures,
                                         *self.feedback, *self.actions) if r.updated_at]
        moments = []
        for stamp in stamps:
            try:
                moments.append(parse_iso(stamp))
            except ValueError:
                continue
        return max(moments) if moments else None


def _step_started(step_key: str, view: RoundView) -> bool:
    values = step_data(view.round, step_key)
    step = STEP_BY_KEY[step_key]
    if any(filled(values.get(f.key)) for f in step.fields if not f.always_private):
        return True
    if step_key == "approach":
        return bool(view.tryouts)
    if step_key == "implement":
        return any(tryout_done(t) for t in view.tryouts)
    if step_key == "analyse":
        return any(m.data.get("value") is not None for m in view.measures)
    return False


def step_complete(step_key: str, round_rec: Record, tryouts: Iterable[Record] = (),
                  measures: Iterable[Record] = ()) -> bool:
    """Whether the minimum of a step is recorded.

    1 Baseline: which data and what it shows.
    2 Approach: a chosen approach and at least one fully planned try-out.
    3 Carry out: at least one try-out logged as carried out.
    4 Effect: what worked, and a result (a measured value, observations or reactions).
    5 Apply: conclusions and a decision.
    """
    if step_key not in STEP_BY_KEY:
        raise InvalidInput(_("Unknown step {step}.").format(step=step_key))
    tryouts, measures = list(tryouts), list(measures)
    values = step_data(round_rec, step_key)
    own = all(filled(values.get(f.key)) for f in STEP_BY_KEY[step_key].fields if f.required)
    if step_key == "approach":
        return own and any(tryout_planned(t) for t in tryouts)
    if step_key == "implement":
        return any(tryout_done(t) for t in tryouts)
    if step_key == "analyse":
        return own and (any(m.data.get("value") is not None for m in measures)
                        or any(tryout_has_result(t) for t in tryouts))
    if step_key == "apply":
        return own and values.get("decision") in DECISION_VALUES
    return own


def next_action(view: RoundView, today: date | None = None) -> str:
    """One short sentence: what the teacher could do next on this round."""
    if view.closed:
        if view.decision == ABANDON:
            return _("Round closed: you dropped this approach. Start a new question when you are ready.")
        return _("Round closed. Start the next round to carry your conclusions forward.")
    step = view.current_step
    if step == 1:
        return _("Map the baseline: which data do you have, and what does it show?")
    if step == 2:
        if not filled(step_data(view.round, "approach").get("approach")):
            return _("Choose an approach that builds on what the data shows.")
        if not view.tryouts:
            return _("Plan a try-out in class: class, date, what, evidence, success, prediction.")
        return _("Complete the try-out plan: class, what, success and your prediction.")
    if step == 3:
        planned = [t for t in view.tryouts if tryout_planned(t) and not tryout_done(t)]
        dates = sorted(d for d in (parse_date(t.data.get("planned_date")) for t in planned) if d)
        if dates:
            return _("Carry out the try-out planned for {date} and log what happened.").format(
                date=format_date(dates[0]))
        return _("Carry out the try-out and log what happened.")
    if step == 4:
        return _("Analyse the effect: compare the results with your prediction.")
    if view.steps_done == 5:
        return _("Close the round with your decision.")
    return _("Draw conclusions and decide: keep, adjust or drop.")


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
    rec = Record(ROUND, owner, {"question": question, "goal_link": goal_link.strip(),
                                "round_no": 1, "parent": None, "steps": {}})
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


def close_round(round_rec: Record, decision: str, conclusions: str | None = None,
                now: datetime | None = None) -> Record:
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


def round_number(round_rec: Record) -> int:
    """The round's number within its question (1 when it has none that makes sense)."""
    value = round_rec.data.get("round_no")
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def round_order(round_rec: Record) -> tuple:
    """The order of the rounds of one question: by number, then by their last change."""
    return (round_rec.data.get("round_no") or 0, round_rec.updated_at)


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
        return Answer(_("You dropped this approach, so there is no next round; start a new "
                        "learning question instead."))
    later = _later_round(round_rec, rounds)
    if later is not None:
        return Answer(_("Round {n} of this question has already started; go on there.").format(
            n=round_number(later)))
    return Answer()


def can_reopen(round_rec: Record, rounds: Iterable[Record]) -> Answer:
    """Whether ``round_rec`` may be reopened: a closed round that is its question's newest."""
    if not filled(round_rec.data.get("closed_at")):
        return Answer(_("This round is not closed."))
    later = _later_round(round_rec, rounds)
    if later is not None:
        return Answer(_("Round {n} of this question has already started; only the newest "
                        "round can be reopened.").format(n=round_number(later)))
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
    new = Record(ROUND, round_rec.owner, {
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
    })
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
        if rnd.kind != ROUND or rnd.deleted or rnd.data.get("parent") != round_rec.id \
                or rnd.owner != round_rec.owner:
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


def new_measure(round_rec: Record, owner: str, name: str, *, tryout: Record | None = None,
                **fields) -> Record:
    if not (name or "").strip():
        raise InvalidInput(_("A measure needs a name."))
    return Record(MEASURE, owner, {"round": round_rec.id,
                                   "tryout": tryout.id if tryout else None,
                                   "name": name.strip(), **fields})


def new_feedback(round_rec: Record, owner: str, type_: str, text: str, giver_name: str, *,
                 giver: str | None = None, step: str | None = None,
                 tryout: Record | None = None, given_on: str | None = None) -> Record:
    from .model import FEEDBACK_TYPES

    if type_ not in {value for value, _label in FEEDBACK_TYPES}:
        raise InvalidInput(_("Choose: top, tip or question."))
    if not (text or "").strip():
        raise InvalidInput(_("Feedback cannot be empty."))
    if not (giver_name or "").strip():
        raise InvalidInput(_("Say who gave the feedback."))
    if step is not None and step not in STEP_BY_KEY:
        raise InvalidInput(_("Unknown step {step}.").format(step=step))
    return Record(FEEDBACK, owner, {
        "round": round_rec.id, "step": step, "tryout": tryout.id if tryout else None,
        "type": type_, "text": text.strip(), "giver_name": giver_name.strip(),
        "giver": giver, "given_on": given_on or date.today().isoformat(),
    })


def new_action(owner: str, text: str, due: str | None = None,
               round_rec: Record | None = None) -> Record:
    if not (text or "").strip():
        raise InvalidInput(_("Say what you will do."))
    if due and parse_date(due) is None:
        raise InvalidInput(_("Write the date as YYYY-MM-DD."))
    return Record(ACTION, owner, {"text": text.strip(), "due": due or None, "done": False,
                                  "round": round_rec.id if round_rec else None})


def action_overdue(action: Record, today: date) -> bool:
    due = parse_date(action.data.get("due"))
    return bool(due and due < today and not action.data.get("done"))


# --- an index over a set of records ---------------------------------------------------------


_LINKED_KINDS = frozenset((TRYOUT, MEASURE, FEEDBACK, ACTION))  # records that belong to a round
_NOTHING_RELATED: dict[str, list[Record]] = {kind: [] for kind in _LINKED_KINDS}


class RecordIndex:
    """Groups records so that views and aggregates need no repeated scans."""

    def __init__(self, records: Iterable[Record]):
        self.persons: dict[str, Record] = {}
        self.rounds: dict[str, Record] = {}
        self.actions: list[Record] = []
        self.feedback: list[Record] = []
        self._linked: dict[str, list[Record]] = {}  # round id -> its records, all kinds
        self._related: dict[str, dict[str, list[Record]]] = {}  # the same by kind, when asked
        self._chains: dict[str, list[Record]] = {}
        persons, rounds, linked, chains = self.persons, self.rounds, self._linked, self._chains
        for rec in records:  # one pass; a facilitator's index holds tens of thousands
            if rec.deleted:
                continue
            kind = rec.kind
            if kind == PERSON:
                persons[rec.id] = rec
            elif kind == ROUND:
                rounds[rec.id] = rec
                chain = rec.data.get("chain") or rec.id
                if chain in chains:
                    chains[chain].append(rec)
                else:
                    chains[chain] = [rec]
            elif kind in _LINKED_KINDS:
                if kind == FEEDBACK:
                    self.feedback.append(rec)
                elif kind == ACTION:
                    self.actions.append(rec)
                round_id = rec.data.get("round")
                if isinstance(round_id, str):
                    if round_id in linked:
                        linked[round_id].append(rec)
                    else:
                        linked[round_id] = [rec]
        for chain in chains.values():
            if len(chain) > 1:
                chain.sort(key=round_order)

    def person_name(self, person_id: str | None) -> str:
        person = self.persons.get(person_id or "")
        return person.text("name") if person else _("unknown colleague")

    def view(self, round_id: str) -> RoundView:
        round_rec = self.rounds[round_id]
        related = self.related(round_id)
        if related is _NOTHING_RELATED:
            return RoundView(round_rec)
        tryouts = sorted(related[TRYOUT], key=lambda t: (t.data.get("planned_date") or t.data.get("run_date") or "", t.updated_at))
        return RoundView(round_rec, tryouts, list(related[MEASURE]),
                         sorted(related[FEEDBACK], key=lambda f: (f.data.get("given_on") or "", f.updated_at)),
                         list(related[ACTION]))

    def linked(self, round_id: str) -> Sequence[Record]:
        """The try-outs, measures, feedback and actions of a round, mixed, unsorted (read only)."""
        return self._linked.get(round_id, ())

    def related(self, round_id: str) -> dict[str, list[Record]]:
        """The try-outs, measures, feedback and actions of a round, by kind, unsorted (read only)."""
        related = self._related.get(round_id)
        if related is None:
            linked = self._linked.get(round_id)
            if linked is None:
                return _NOTHING_RELATED
            related = self._related[round_id] = {kind: [] for kind in _LINKED_KINDS}
            for rec in linked:
                related[rec.kind].append(rec)
        return related

    def chain(self, round_rec: Record) -> list[Record]:
        """All rounds of the same learning question, first round first."""
        return list(self._chains.get(round_rec.data.get("chain") or round_rec.id, [round_rec]))

    def latest_rounds(self, owner: str | None = None) -> list[Record]:
        """The newest round of every learning question (of ``owner`` when given)."""
        latest = [chain[-1] for chain in self._chains.values()
                  if owner is None or chain[-1].owner == owner]
        return sorted(latest, key=lambda r: r.updated_at)

    def actions_of(self, owner: str) -> list[Record]:
        return sorted((a for a in self.actions if a.owner == owner),
                      key=lambda a: (a.data.get("due") or "9999", a.updated_at))

    def measure_series(self, round_rec: Record, name: str) -> list[tuple[str, float]]:
        """(label, value) points of one measure across the rounds and try-outs of a question.

        Each round contributes its baseline (once) and every new value, in order.
        """
        points: list[tuple[str, float]] = []
        key = name.strip().casefold()
        for rnd in self.chain(round_rec):
            view = self.view(rnd.id)
            tryout_pos = {t.id: i for i, t in enumerate(view.tryouts, start=1)}
            measures = [m for m in view.measures if m.text("name").strip().casefold() == key]
            measures.sort(key=lambda m: (tryout_pos.get(m.data.get("tryout"), 0), m.updated_at))
            number = view.number
            for i, m in enumerate(measures):
                base, value = m.data.get("baseline"), m.data.get("value")
                if i == 0 and _is_number(base):
                    points.append((_("R{round} start").format(round=number), float(base)))
                if _is_number(value):
                    pos = tryout_pos.get(m.data.get("tryout"))
                    label = (_("R{round} T{tryout}").format(round=number, tryout=pos) if pos
                             else _("R{round}").format(round=number))
                    points.append((label, float(value)))
        return points


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- what Home shows first ------------------------------------------------------------------

HOME_COLLEAGUES = 30  # colleagues' questions on Home; the rest are one key away


def colleague_rounds(index: RecordIndex, me: str | None) -> list[Record]:
    """The newest round of every colleague's question: own subgroup first, then most recent."""
    person = index.persons.get(me or "")
    subgroup = person.text("subgroup") if person else ""
    rounds = [r for r in index.latest_rounds() if r.owner != me]
    rounds.sort(key=lambda r: r.updated_at, reverse=True)

    def same_group(r: Record) -> bool:
        owner = index.persons.get(r.owner)
        return bool(subgroup) and owner is not None and owner.text("subgroup") == subgroup

    rounds.sort(key=lambda r: not same_group(r))  # stable: recency stays within each part
    return rounds


def matching_rounds(index: RecordIndex, rounds: Iterable[Record], words: str) -> list[Record]:
    """The rounds whose owner's name or learning question holds every word (any case).

    Searched as colleagues may see them (:func:`plgcycle.privacy.shareable`): a
    private text is never found by what it says.
    """
    terms = words.casefold().split()
    rounds = list(rounds)
    if not terms:
        return rounds

    def text_of(rnd: Record) -> str:
        return (index.person_name(rnd.owner) + " " + shareable(rnd).text("question")).casefold()

    return [r for r in rounds if all(t in text_of(r) for t in terms)]


def first_screen_records(index: RecordIndex, me: str | None) -> list[Record]:
    """The records Home reads: enough to draw it exactly as the whole database would.

    The local person, the newest round of each own question with everything
    linked to it, every own action, and the first :data:`HOME_COLLEAGUES`
    colleagues' rounds with their linked records and their owners.
    """
    chosen: dict[str, Record] = {}

    def add_round(rnd: Record) -> None:
        chosen[rnd.id] = rnd
        view = index.view(rnd.id)
        for rec in (*view.tryouts, *view.measures, *view.feedback, *view.actions):
            chosen[rec.id] = rec
        owner = index.persons.get(rnd.owner)
        if owner is not None:
            chosen[owner.id] = owner

    person = index.persons.get(me or "")
    if person is not None:
        chosen[person.id] = person
    if me:
        for rnd in index.latest_rounds(owner=me):
            add_round(rnd)
        for action in index.actions_of(me):
            chosen[action.id] = action
    for rnd in colleague_rounds(index, me)[:HOME_COLLEAGUES]:
        add_round(rnd)
    return list(chosen.values())

