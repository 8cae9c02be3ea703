"""The proposal for the next PLG meeting, built from the review overview.

:func:`propose` fills the five parts: who presents a try-out result, whose plan needs
feedback, who has had no feedback yet, who could use help to take a next step, and
suggests minutes per part.  Nobody is named twice in one part.

A large group (more than :data:`LARGE_GROUP` teachers) is planned per subgroup: one
stand-up per subgroup, and at most :data:`MAX_PER_PART` people presenting in a part,
taking first those who presented longest ago (or never), so that the turns rotate
over the meetings.  Who presented when comes from the meetings held
(:class:`GroupContext`), and the facilitator's subgroups win over what a teacher typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from . import group, meetings, scan, scan_rounds
from .agenda import (
    CONDENSE,
    DEFAULT_MINUTES,
    EXPLORE,
    KIND_AGREED,
    KIND_DECISION,
    KIND_NEXT_STEP,
    KIND_NO_FEEDBACK,
    KIND_NOTE,
    KIND_PLAN,
    KIND_PRESENT,
    KIND_RETRO,
    KIND_ROUND,
    MAKE,
    MAX_MINUTES,
    MIN_MAKE,
    RETRO,
    RETRO_MINUTES,
    STANDUP,
    Agenda,
    AgendaItem,
    AgendaPart,
)
from .errors import InvalidInput
from .groupview import GroupView
from .i18n import _, format_date, ngettext
from .model import Record
from .review import Overview, Row, decision_label, format_number, name_label, step_title
from .textsafe import shorten

LARGE_GROUP = 12  # more teachers than this: planned per subgroup
MAX_PER_PART = 4  # people presenting in one part of a large group's meeting


@dataclass(frozen=True)
class GroupContext:
    """What the PLG's own records add to a proposal (all optional).

    ``subgroups``: person id -> the subgroup the facilitator put them in; ``presented``:
    person id -> the last meeting they presented at; ``agreed`` and ``open_actions``:
    the last meeting's agreements and its open group actions, which the stand-up
    starts from.
    """

    subgroups: Mapping[str, str] = field(default_factory=dict)
    presented: Mapping[str, date] = field(default_factory=dict)
    agreed: tuple[str, ...] = ()
    open_actions: tuple[str, ...] = ()
    scan_points: tuple[str, ...] = ()  # discussion points from the last closed scan round


MAX_SCAN_POINTS = 3


def scan_points(figures: scan.ScanFigures) -> tuple[str, ...]:
    """The first discussion points of the last closed scan round, when it shows anything."""
    closed = [m for m in figures.moments if m.closed]
    if not closed or not figures.group(closed[-1].key, scan.ALL).anything_shown:
        return ()
    return scan.read(figures, closed[-1].key).meeting[:MAX_SCAN_POINTS]


def proposal_context(view: GroupView, records: Iterable[Record] = ()) -> GroupContext:
    """The context a PLG's records give: the facilitator's subgroups, who presented at
    which meeting held, the last meeting's agreements and open actions, and (from
    ``records``) the school scan's discussion points."""
    agreed, open_actions = meetings.last_time(view)
    presented: dict[str, date] = {}
    for held in view.held:  # oldest first, so the last meeting wins
        day = meetings.day_of(held)
        for part in meetings.parts(held).values():
            for person in part.get("presenters") or ():
                if day is not None:
                    presented[person] = day
    people = group.members(view.plg) if view.plg is not None else []
    subgroups = {p: s for p in people if (s := view.subgroup(p))}
    points = scan_points(scan_rounds.scan_figures(records, view.plg, view.today))
    return GroupContext(subgroups, presented, tuple(agreed), tuple(open_actions), points)


def _round5(value: float) -> int:
    return int(5 * round(value / 5))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _question(row: Row, width: int = 70) -> str:
    return shorten(row.question, width)


def presenters(rows: list[Row]) -> list[Row]:
    """Open rounds with a try-out carried out: they can show how it went."""
    return [r for r in rows if not r.closed and (r.tryouts_done or (r.limited and r.progress[2]))]


def recent_decisions(overview: Overview) -> list[Row]:
    """Rounds closed since the threshold date (normally the previous meeting)."""
    since = overview.threshold.since
    return [
        r
        for r in overview.rounds
        if r.closed and r.decision and r.closed_on and r.closed_on >= since
    ]


def plans_needing_feedback(rows: list[Row]) -> list[Row]:
    """Open rounds with an approach or a planned try-out, not yet carried out, no plan feedback."""
    out = []
    for r in rows:
        if (
            not r.has_question
            or r.closed
            or r.tryouts_done
            or r.feedback_on_plan
            or (r.limited and r.feedback_received)
        ):
            continue
        if r.tryouts_planned or r.progress[1] or r.step_reached >= 2:
            out.append(r)
    return out


def without_feedback(rows: list[Row], skip: set[str]) -> list[Row]:
    return [
        r
        for r in rows
        if r.has_question and not r.closed and r.feedback_received == 0 and r.round_id not in skip
    ]


def once_each(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The items with nobody named twice: a person's first item in a part is kept."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.person_id:
            if item.person_id in seen:
                continue
            seen.add(item.person_id)
        out.append(item)
    return out


class _Proposal:
    """The items of one proposal; holds the group's context while they are made."""

    def __init__(self, overview: Overview, context: GroupContext) -> None:
        self.overview = overview
        self.context = context
        self.rows = overview.rows
        self.teachers = len({r.person_id for r in self.rows})
        self.large = self.teachers > LARGE_GROUP

    def subgroup(self, row: Row) -> str:
        return self.context.subgroups.get(row.person_id) or row.subgroup

    def who(self, row: Row) -> str:
        name = name_label(row)
        subgroup = self.subgroup(row)
        if not subgroup:
            return name
        return name + " (" + _("subgroup {name}").format(name=subgroup) + ")"

    def capped(self, items: list[AgendaItem]) -> list[AgendaItem]:
        """In a large group: at most MAX_PER_PART people, longest since presenting first.

        The others are named in one line, so that the facilitator sees who is ready.
        """
        items = once_each(items)
        people = [i for i in items if i.person_id]
        if not self.large or len(people) <= MAX_PER_PART:
            return items
        last = self.context.presented
        people.sort(key=lambda i: (last.get(i.person_id or "", date.min), i.text.casefold()))
        chosen = {id(i) for i in people[:MAX_PER_PART]}
        kept = [i for i in items if not i.person_id or id(i) in chosen]
        later = [self.names[i.person_id or ""] for i in people[MAX_PER_PART:]]
        kept.append(
            AgendaItem(
                _("Ready for a next meeting (they presented less recently): {names}").format(
                    names=", ".join(later)
                ),
                KIND_NOTE,
            )
        )
        return kept

    @property
    def names(self) -> dict[str, str]:
        return {r.person_id: name_label(r) for r in self.rows}

    # --- the parts --------------------------------------------------------------------------

    def standup(self) -> tuple[list[AgendaItem], int]:
        """The stand-up's items and the number of people in the largest circle."""
        items = []
        if self.large:
            circles: dict[str, set[str]] = {}
            for r in self.rows:
                circles.setdefault(self.subgroup(r), set()).add(r.person_id)
            largest = max((len(people) for people in circles.values()), default=0)
            for name in sorted(circles, key=lambda n: (not n, n.casefold())):
                n = len(circles[name])
                where = _("Subgroup {name}").format(name=name) if name else _("Without a subgroup")
                items.append(
                    AgendaItem(
                        ngettext(
                            "{where} ({n} participant), in its own circle: question, step, "
                            "what you need.",
                            "{where} ({n} participants), in its own circle: question, step, "
                            "what you need.",
                            n,
                        ).format(where=where, n=n),
                        KIND_ROUND,
                    )
                )
        else:
            largest = self.teachers
            items.append(
                AgendaItem(
                    ngettext(
                        "Everyone in one sentence ({n} participant): question, step, what you "
                        "need.",
                        "Everyone in one sentence ({n} participants): question, step, what you "
                        "need.",
                        self.teachers,
                    ).format(n=self.teachers),
                    KIND_ROUND,
                )
            )
        items += [
            AgendaItem(_("Last time we agreed: {text}").format(text=line), KIND_AGREED)
            for line in self.context.agreed
        ]
        items += [
            AgendaItem(_("Open action: {text}").format(text=line), KIND_AGREED)
            for line in self.context.open_actions
        ]
        return items, largest

    def explore(self) -> list[AgendaItem]:
        out = []
        for r in presenters(self.rows):
            text = _("{who} presents the try-out: {question}").format(
                who=self.who(r), question=_question(r)
            )
            moved = [m for m in r.measures if m[2] is not None and m[3] is not None]
            if moved:
                name, unit, first, last = moved[0]
                text += " " + _("(measure {measure}: {first} → {last}{unit})").format(
                    measure=name,
                    first=format_number(first),
                    last=format_number(last),
                    unit=f" {unit}" if unit else "",
                )
            out.append(AgendaItem(text, KIND_PRESENT, r.person_id, r.round_id))
        out += [
            AgendaItem(_("From the school scan: {point}").format(point=point), KIND_NOTE)
            for point in self.context.scan_points
        ]
        return self.capped(out)

    def condense(self, plans: list[Row]) -> list[AgendaItem]:
        out = []
        for r in recent_decisions(self.overview):
            out.append(
                AgendaItem(
                    _("{who} chose to {decision}: what do we take from it? ({question})").format(
                        who=self.who(r),
                        decision=decision_label(r.decision),
                        question=_question(r, 50),
                    ),
                    KIND_DECISION,
                    r.person_id,
                    r.round_id,
                )
            )
        for r in plans:
            when = (
                _(", try-out planned for {date}").format(date=format_date(r.next_tryout))
                if r.next_tryout
                else ""
            )
            out.append(
                AgendaItem(
                    _("Feedback on the plan of {who}{when}: {question}").format(
                        who=self.who(r), when=when, question=_question(r, 50)
                    ),
                    KIND_PLAN,
                    r.person_id,
                    r.round_id,
                )
            )
        return self.capped(out)

    def make(self, plans: list[Row]) -> list[AgendaItem]:
        """Work in the subgroups: whoever is stuck first, then who has had no feedback."""
        out = []
        for r in self.rows:
            if not r.has_question:
                out.append(
                    AgendaItem(
                        _(
                            "{who} has shared no learning question yet: formulate one together."
                        ).format(who=self.who(r)),
                        KIND_NEXT_STEP,
                        r.person_id,
                    )
                )
        planned_ids = {r.round_id for r in plans}
        lacking = {r.round_id for r in without_feedback(self.rows, planned_ids)}
        for r in self.rows:
            if r.stalled:
                text = _(
                    "{who}: think along about a small next step (step {n} {title}; "
                    "no movement since {date})."
                ).format(
                    who=self.who(r),
                    n=r.current_step,
                    title=step_title(r.current_step),
                    date=format_date(r.last_activity_date),
                )
                if r.round_id in lacking:  # one item says both: nobody is named twice
                    text += " " + _("No feedback on this round yet.")
                out.append(AgendaItem(text, KIND_NEXT_STEP, r.person_id, r.round_id))
        for r in without_feedback(self.rows, planned_ids):
            out.append(
                AgendaItem(
                    _(
                        "{who} has had no feedback on this round yet: tops and tips from the "
                        "subgroup."
                    ).format(who=self.who(r)),
                    KIND_NO_FEEDBACK,
                    r.person_id,
                    r.round_id,
                )
            )
        out.append(
            AgendaItem(
                _("Everyone: prepare the next try-out so that it is ready to use in class."),
                KIND_NOTE,
            )
        )
        return once_each(out)


def propose(
    overview: Overview,
    total: int = DEFAULT_MINUTES,
    title: str | None = None,
    context: GroupContext | None = None,
) -> Agenda:
    """The proposal for the next meeting, in the five parts, with suggested minutes.

    ``total``: the meeting's length; the parts may add up to more when a short meeting
    cannot hold every part's minimum (:meth:`Agenda.over_warning` says so).
    """
    if isinstance(total, bool) or not isinstance(total, int) or not 30 <= total <= MAX_MINUTES:
        raise InvalidInput(
            _("A meeting lasts between 30 and {max} minutes.").format(max=MAX_MINUTES)
        )
    proposal = _Proposal(overview, context or GroupContext())
    standup, circle = proposal.standup()
    explore = proposal.explore()
    plans = plans_needing_feedback(overview.rows)
    condense = proposal.condense(plans)
    make = proposal.make(plans)
    retro = [
        AgendaItem(_("What worked in this meeting, and what could be better?"), KIND_RETRO),
        AgendaItem(_("Everyone notes: what will I do before the next meeting?"), KIND_RETRO),
    ]
    presenting = sum(1 for i in explore if i.person_id)
    minutes = {
        STANDUP: _clamp(_round5(circle * 1.5), 10, 20),
        EXPLORE: _clamp(_round5(8 * presenting), 10, 45),
        CONDENSE: _clamp(
            _round5(
                3 * sum(1 for i in condense if i.kind == KIND_DECISION)
                + 5 * sum(1 for i in condense if i.kind == KIND_PLAN)
            ),
            10,
            30,
        ),
        RETRO: RETRO_MINUTES,
    }
    minutes[MAKE] = max(MIN_MAKE, total - sum(minutes.values()))
    if not title:
        title = (
            _("Meeting of {plg}").format(plg=" ".join(overview.plg.split()))
            if overview.plg.strip()
            else _("PLG meeting")
        )
    parts = [
        AgendaPart(STANDUP, minutes[STANDUP], standup),
        AgendaPart(EXPLORE, minutes[EXPLORE], explore),
        AgendaPart(CONDENSE, minutes[CONDENSE], condense),
        AgendaPart(MAKE, minutes[MAKE], make),
        AgendaPart(RETRO, minutes[RETRO], retro),
    ]
    return Agenda(title, overview.threshold.next_meeting, overview.today, parts, total)
