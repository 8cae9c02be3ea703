"""Lookups over a set of records: one index, built in one pass, and what Home shows first.

:class:`RecordIndex` groups persons, rounds and what belongs to each round, so
that views and aggregates over tens of thousands of records need no repeated
scans; the functions below it choose the rounds Home lists and searches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeGuard

from .i18n import _
from .model import (
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
from .privacy import shareable
from .progress import RoundView, round_order

_LINKED_KINDS = frozenset((TRYOUT, MEASURE, FEEDBACK, ACTION))  # records that belong to a round
_SCAN_KINDS = frozenset((SCAN_ROUND, SCAN_RESPONSE))
_GROUP_KINDS = frozenset((PLG, MEETING, *_SCAN_KINDS))  # the PLG as a group
_NOTHING_RELATED: dict[str, list[Record]] = {kind: [] for kind in _LINKED_KINDS}


class RecordIndex:
    """Groups records so that views and aggregates need no repeated scans."""

    def __init__(self, records: Iterable[Record]):
        self.persons: dict[str, Record] = {}
        self.rounds: dict[str, Record] = {}
        self.actions: list[Record] = []
        self.feedback: list[Record] = []
        # The PLG, its meetings and the records marking group actions done (plgcycle.groupview).
        self.group: list[Record] = []
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
            elif kind in _GROUP_KINDS or (kind == ACTION and isinstance(rec.data.get("item"), str)):
                self.group.append(rec)
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
        tryouts = sorted(
            related[TRYOUT],
            key=lambda t: (
                t.data.get("planned_date") or t.data.get("run_date") or "",
                t.updated_at,
            ),
        )
        return RoundView(
            round_rec,
            tryouts,
            list(related[MEASURE]),
            sorted(related[FEEDBACK], key=lambda f: (f.data.get("given_on") or "", f.updated_at)),
            list(related[ACTION]),
        )

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
        latest = [
            chain[-1]
            for chain in self._chains.values()
            if owner is None or chain[-1].owner == owner
        ]
        return sorted(latest, key=lambda r: r.updated_at)

    def actions_of(self, owner: str) -> list[Record]:
        return sorted(
            (a for a in self.actions if a.owner == owner),
            key=lambda a: (a.data.get("due") or "9999", a.updated_at),
        )

    def measure_series(self, round_rec: Record, name: str) -> list[tuple[str, float]]:
        """(label, value) points of one measure across the rounds and try-outs of a question.

        Each round contributes its baseline (once) and every new value, in order.
        """
        points: list[tuple[str, float]] = []
        key = name.strip().casefold()
        for rnd in self.chain(round_rec):
            view = self.view(rnd.id)
            tryout_pos: dict[Any, int] = {t.id: i for i, t in enumerate(view.tryouts, start=1)}
            measures = [m for m in view.measures if m.text("name").strip().casefold() == key]
            measures.sort(key=lambda m: (tryout_pos.get(m.data.get("tryout"), 0), m.updated_at))
            number = view.number
            for i, m in enumerate(measures):
                base, value = m.data.get("baseline"), m.data.get("value")
                if i == 0 and _is_number(base):
                    points.append((_("R{round} start").format(round=number), float(base)))
                if _is_number(value):
                    pos = tryout_pos.get(m.data.get("tryout"))
                    label = (
                        _("R{round} T{tryout}").format(round=number, tryout=pos)
                        if pos
                        else _("R{round}").format(round=number)
                    )
                    points.append((label, float(value)))
        return points


def _is_number(value: object) -> TypeGuard[int | float]:
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
    linked to it, every own action, the PLG with its meetings, and the first :data:`HOME_COLLEAGUES`
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
    for record in index.group:  # Home shows the subgroup, the next meeting and group actions
        if record.kind not in _SCAN_KINDS:  # the scan opens in a screen of its own
            chosen[record.id] = record
    for rnd in colleague_rounds(index, me)[:HOME_COLLEAGUES]:
        add_round(rnd)
    return list(chosen.values())
