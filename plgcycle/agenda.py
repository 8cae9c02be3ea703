"""A proposal for the next PLG meeting, built from the review overview.

Every meeting has the same five parts (stand-up, exploreren, condenseren, maken,
retro).  :func:`propose` fills them from the overview: who presents a try-out
result, whose plan needs feedback, who has had no feedback yet, who could use
help to take a next step, and suggests minutes per part.  The facilitator edits
the :class:`Agenda` (items and minutes) and exports it as Markdown.

Item texts are plain text in the facilitator's language; Markdown escaping
happens only on export, so names and edited texts are shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import InvalidInput
from .i18n import N_, _, format_date, ngettext
from .review import Overview, Row, decision_label, format_number, name_label, step_title
from .textsafe import markdown_text, shorten

STANDUP, EXPLORE, CONDENSE, MAKE, RETRO = "standup", "explore", "condense", "make", "retro"
PART_KEYS = (STANDUP, EXPLORE, CONDENSE, MAKE, RETRO)
PART_TITLES = {
    STANDUP: N_("Stand-up"),
    EXPLORE: N_("Explore"),
    CONDENSE: N_("Condense"),
    MAKE: N_("Make"),
    RETRO: N_("Retro"),
}
PART_PURPOSES = {
    STANDUP: N_("Where is everyone? One sentence each: question, step, what you need."),
    EXPLORE: N_(
        "Try-out results: how it was meant, how it went, what came out; tops and "
        "tips from the group."
    ),
    CONDENSE: N_("What matters: decisions taken and plans that need feedback."),
    MAKE: N_(
        "In subgroups: make the next try-out usable in class; give feedback where none came yet."
    ),
    RETRO: N_("Looking back on this meeting, and everyone's step before the next one."),
}

# What an item is about (kept so that a screen can mark or filter them).
KIND_NOTE = "note"
KIND_ROUND = "round"  # the stand-up round of everyone
KIND_PRESENT = "present"
KIND_DECISION = "decision"
KIND_PLAN = "plan"
KIND_NO_FEEDBACK = "no_feedback"
KIND_NEXT_STEP = "next_step"
KIND_RETRO = "retro"
KIND_AGREED = "agreed"  # what the last meeting agreed, and its open group actions

DEFAULT_MINUTES = 120
MAX_MINUTES = 600
MAX_ITEM = 1_000
MIN_MAKE = 15
RETRO_MINUTES = 10


@dataclass
class AgendaItem:
    text: str
    kind: str = KIND_NOTE
    person_id: str | None = None
    round_id: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "person_id": self.person_id,
            "round_id": self.round_id,
        }


@dataclass
class AgendaPart:
    key: str
    minutes: int
    items: list[AgendaItem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _(PART_TITLES[self.key])

    @property
    def purpose(self) -> str:
        return _(PART_PURPOSES[self.key])


@dataclass
class Agenda:
    """An editable meeting agenda; every change goes through a method that checks it."""

    title: str
    meeting: date | None
    made_on: date
    parts: list[AgendaPart]

    @property
    def total_minutes(self) -> int:
        return sum(part.minutes for part in self.parts)

    def part(self, key: str) -> AgendaPart:
        for part in self.parts:
            if part.key == key:
                return part
        raise InvalidInput(_("Unknown agenda part {part}.").format(part=key))

    def _item_index(self, key: str, index: int) -> AgendaPart:
        part = self.part(key)
        if not 0 <= index < len(part.items):
            raise InvalidInput(_("There is no such item on the agenda."))
        return part

    def add_item(self, key: str, text: str, position: int | None = None) -> AgendaItem:
        item = AgendaItem(_clean_item(text))
        part = self.part(key)
        if position is None or not 0 <= position <= len(part.items):
            part.items.append(item)
        else:
            part.items.insert(position, item)
        return item

    def edit_item(self, key: str, index: int, text: str) -> AgendaItem:
        part = self._item_index(key, index)
        part.items[index].text = _clean_item(text)
        return part.items[index]

    def remove_item(self, key: str, index: int) -> AgendaItem:
        part = self._item_index(key, index)
        return part.items.pop(index)

    def move_item(self, key: str, index: int, delta: int) -> int:
        """Move an item up (-1) or down (+1) within its part; returns its new position."""
        part = self._item_index(key, index)
        target = max(0, min(len(part.items) - 1, index + delta))
        part.items.insert(target, part.items.pop(index))
        return target

    def set_minutes(self, key: str, minutes: int) -> int:
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not 0 <= minutes <= MAX_MINUTES
        ):
            raise InvalidInput(
                _("Minutes must be a whole number from 0 to {max}.").format(max=MAX_MINUTES)
            )
        self.part(key).minutes = minutes
        return minutes

    def set_title(self, title: str) -> str:
        title = " ".join((title or "").split())
        if not title:
            raise InvalidInput(_("The agenda needs a title."))
        if len(title) > 200:
            raise InvalidInput(_("The title is too long (at most 200 characters)."))
        self.title = title
        return title

    # --- output ---------------------------------------------------------------------------

    def to_markdown(self) -> str:
        """The agenda as Markdown; every text from people is escaped."""
        lines = [f"# {markdown_text(self.title, single_line=True)}", ""]
        facts = []
        if self.meeting:
            facts.append(_("Meeting: {date}").format(date=format_date(self.meeting)))
        facts.append(
            ngettext("{n} minute in total", "{n} minutes in total", self.total_minutes).format(
                n=self.total_minutes
            )
        )
        facts.append(_("proposal made on {date}").format(date=format_date(self.made_on)))
        lines += [" · ".join(facts), ""]
        start = 0
        for number, part in enumerate(self.parts, start=1):
            span = _("minute {start}-{end}").format(start=start, end=start + part.minutes)
            start += part.minutes
            length = _("{n} min").format(n=part.minutes)
            lines.append(
                f"## {number}. {markdown_text(part.title, single_line=True)} ({length}, {span})"
            )
            lines.append("")
            lines.append(f"*{markdown_text(part.purpose, single_line=True)}*")
            lines.append("")
            if part.items:
                lines += [f"- {markdown_text(item.text, single_line=True)}" for item in part.items]
            else:
                lines.append(_("(nothing planned)"))
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "meeting": self.meeting.isoformat() if self.meeting else None,
            "made_on": self.made_on.isoformat(),
            "parts": [
                {"key": p.key, "minutes": p.minutes, "items": [i.to_dict() for i in p.items]}
                for p in self.parts
            ],
        }

    @classmethod
    def from_dict(cls, raw: dict) -> Agenda:
        """An agenda saved earlier; raises InvalidInput when the data is not an agenda."""
        try:
            parts = []
            for part in raw["parts"]:
                if part["key"] not in PART_KEYS:
                    raise ValueError(part["key"])
                items = [
                    AgendaItem(
                        str(i["text"]),
                        str(i.get("kind") or KIND_NOTE),
                        i.get("person_id"),
                        i.get("round_id"),
                    )
                    for i in part["items"]
                ]
                parts.append(AgendaPart(part["key"], int(part["minutes"]), items))
            meeting = date.fromisoformat(raw["meeting"]) if raw.get("meeting") else None
            return cls(str(raw["title"]), meeting, date.fromisoformat(raw["made_on"]), parts)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(_("This is not a saved agenda.")) from exc


def _clean_item(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput(_("An agenda item cannot be empty."))
    if len(text) > MAX_ITEM:
        raise InvalidInput(_("An agenda item is at most {n} characters.").format(n=MAX_ITEM))
    return text


# --- the proposal ------------------------------------------------------------------------------


def _round5(value: float) -> int:
    return int(5 * round(value / 5))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _question(row: Row, width: int = 70) -> str:
    return shorten(row.question, width)


def _who(row: Row) -> str:
    name = name_label(row)
    if not row.subgroup:
        return name
    return name + " (" + _("subgroup {name}").format(name=row.subgroup) + ")"


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


def propose(
    overview: Overview,
    total: int = DEFAULT_MINUTES,
    title: str | None = None,
    last_time: tuple[list[str], list[str]] = ([], []),
) -> Agenda:
    """The proposal for the next meeting, in the five parts, with suggested minutes.

    ``last_time``: the agreements and the open group actions of the last meeting held
    (``plgcycle.groupview``), which the stand-up starts from.
    """
    if isinstance(total, bool) or not isinstance(total, int) or not 30 <= total <= MAX_MINUTES:
        raise InvalidInput(
            _("A meeting lasts between 30 and {max} minutes.").format(max=MAX_MINUTES)
        )
    rows = overview.rows
    teachers = len({r.person_id for r in rows})
    meeting = overview.threshold.next_meeting

    standup = [
        AgendaItem(
            ngettext(
                "Everyone in one sentence ({n} participant): question, step, what you need.",
                "Everyone in one sentence ({n} participants): question, step, what you need.",
                teachers,
            ).format(n=teachers),
            KIND_ROUND,
        )
    ]
    agreed, open_actions = last_time
    standup += [
        AgendaItem(_("Last time we agreed: {text}").format(text=line), KIND_AGREED)
        for line in agreed
    ]
    standup += [
        AgendaItem(_("Open action: {text}").format(text=line), KIND_AGREED) for line in open_actions
    ]

    explore = []
    for r in presenters(rows):
        text = _("{who} presents the try-out: {question}").format(
            who=_who(r), question=_question(r)
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
        explore.append(AgendaItem(text, KIND_PRESENT, r.person_id, r.round_id))

    condense = []
    for r in recent_decisions(overview):
        condense.append(
            AgendaItem(
                _("{who} chose to {decision}: what do we take from it? ({question})").format(
                    who=_who(r), decision=decision_label(r.decision), question=_question(r, 50)
                ),
                KIND_DECISION,
                r.person_id,
                r.round_id,
            )
        )
    plans = plans_needing_feedback(rows)
    for r in plans:
        when = (
            _(", try-out planned for {date}").format(date=format_date(r.next_tryout))
            if r.next_tryout
            else ""
        )
        condense.append(
            AgendaItem(
                _("Feedback on the plan of {who}{when}: {question}").format(
                    who=_who(r), when=when, question=_question(r, 50)
                ),
                KIND_PLAN,
                r.person_id,
                r.round_id,
            )
        )

    make = []
    planned_ids = {r.round_id for r in plans}
    for r in without_feedback(rows, planned_ids):
        make.append(
            AgendaItem(
                _(
                    "{who} has had no feedback on this round yet: tops and tips from the subgroup."
                ).format(who=_who(r)),
                KIND_NO_FEEDBACK,
                r.person_id,
                r.round_id,
            )
        )
    for r in rows:
        if not r.has_question:
            make.append(
                AgendaItem(
                    _("{who} has shared no learning question yet: formulate one together.").format(
                        who=_who(r)
                    ),
                    KIND_NEXT_STEP,
                    r.person_id,
                )
            )
    for r in rows:
        if r.stalled:
            make.append(
                AgendaItem(
                    _(
                        "{who}: think along about a small next step (step {n} {title}; "
                        "no movement since {date})."
                    ).format(
                        who=_who(r),
                        n=r.current_step,
                        title=step_title(r.current_step),
                        date=format_date(r.last_activity_date),
                    ),
                    KIND_NEXT_STEP,
                    r.person_id,
                    r.round_id,
                )
            )
    make.append(
        AgendaItem(
            _("Everyone: prepare the next try-out so that it is ready to use in class."), KIND_NOTE
        )
    )

    retro = [
        AgendaItem(_("What worked in this meeting, and what could be better?"), KIND_RETRO),
        AgendaItem(_("Everyone notes: what will I do before the next meeting?"), KIND_RETRO),
    ]

    minutes = {
        STANDUP: _clamp(_round5(teachers * 1.5), 10, 20),
        EXPLORE: _clamp(_round5(8 * len(explore)), 10, 45),
        CONDENSE: _clamp(
            _round5(3 * sum(1 for i in condense if i.kind == KIND_DECISION) + 5 * len(plans)),
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
    return Agenda(title, meeting, overview.today, parts)
