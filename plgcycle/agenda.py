"""The agenda of a PLG meeting: its five parts, their items and minutes.

Every meeting has the same five parts (stand-up, exploreren, condenseren, maken,
retro).  :func:`plgcycle.agenda_proposal.propose` fills them from the review overview;
the facilitator edits the :class:`Agenda` (items and minutes), saves it with the
meeting (:func:`plgcycle.meetings.set_agenda`) and exports it as Markdown.

Item texts are plain text in the facilitator's language; Markdown escaping
happens only on export, so names and edited texts are shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import InvalidInput
from .i18n import N_, _, format_date, ngettext
from .textsafe import markdown_text

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
ITEM_KINDS = (
    KIND_NOTE,
    KIND_ROUND,
    KIND_PRESENT,
    KIND_DECISION,
    KIND_PLAN,
    KIND_NO_FEEDBACK,
    KIND_NEXT_STEP,
    KIND_RETRO,
    KIND_AGREED,
)

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
    length: int | None = None  # the meeting's length in minutes, when it is known

    @property
    def total_minutes(self) -> int:
        return sum(part.minutes for part in self.parts)

    @property
    def over_minutes(self) -> int:
        """How far the parts add up beyond the meeting's length (0 when they fit)."""
        return max(0, self.total_minutes - self.length) if self.length else 0

    def over_warning(self) -> str:
        """One line saying the parts do not fit in the meeting, or "" when they do."""
        if not self.over_minutes:
            return ""
        return ngettext(
            "The parts add up to {total} minutes: {n} minute more than the meeting's {length}.",
            "The parts add up to {total} minutes: {n} minutes more than the meeting's {length}.",
            self.over_minutes,
        ).format(total=self.total_minutes, n=self.over_minutes, length=self.length)

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
            "length": self.length,
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
            length = int(raw["length"]) if raw.get("length") else None
            made_on = date.fromisoformat(raw["made_on"])
            return cls(str(raw["title"]), meeting, made_on, parts, length)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(_("This is not a saved agenda.")) from exc


def _clean_item(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput(_("An agenda item cannot be empty."))
    if len(text) > MAX_ITEM:
        raise InvalidInput(_("An agenda item is at most {n} characters.").format(n=MAX_ITEM))
    return text
