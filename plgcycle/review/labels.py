"""Labels shared by the screen, the agenda and the reports (in the user's language)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import _, current_language, format_date, ngettext
from ..model import (
    DECISION_SHORT,
    STEPS,
)
from .constants import CLOSED, OUTSIDE
from .rows import Row

if TYPE_CHECKING:
    from .figures import GroupFigures

# --- labels shared by the screen, the agenda and the reports ----------------------------------


def not_signed() -> str:
    """The mark of work that carries no signature (it came from a version-1 file)."""
    return _("not signed")


def name_label(row: Row) -> str:
    """The teacher's name as a report or agenda shows it: marked when the work is not signed."""
    if row.unsigned:
        return f"{row.name} ({not_signed()})"
    return row.name


def noted_label(owner_name: str) -> str:
    """What feedback noted by its owner for a colleague who gave it aloud shows."""
    return _("noted by {name}").format(name=owner_name)


def step_marks(progress: Sequence[bool]) -> str:
    """The five-step indicator as text: ●●●○○."""
    return "".join("●" if done else "○" for done in progress)


def subgroup_label(key: str) -> str:
    """A subgroup key of :meth:`Overview.flow_by_subgroup` as people read it."""
    if key == OUTSIDE:
        return _("outside these files")
    if not key:
        return _("no subgroup")
    return _("subgroup {name}").format(name=key)


def step_title(number: int) -> str:
    return _(STEPS[number - 1].title) if 1 <= number <= len(STEPS) else ""


def decision_label(decision: str | None) -> str:
    return _(DECISION_SHORT[decision]) if decision in DECISION_SHORT else ""


def step_label(row: Row) -> str:
    """``3 Uitvoeren``, or ``afgesloten: bijstellen`` for a closed round."""
    if not row.has_question:
        return _("no learning question yet")
    if row.closed:
        if row.decision:
            return _("closed: {decision}").format(decision=decision_label(row.decision))
        return _("closed")
    return numbered_step(row.current_step)


def numbered_step(number: int) -> str:
    """``3 Uitvoeren``: a step as the overview names it."""
    return f"{number} {step_title(number)}"


def step_filter_label(value: int | None) -> str:
    if value is None:
        return _("all steps")
    if value == CLOSED:
        return _("closed rounds")
    return _("step {n} {title}").format(n=value, title=step_title(value))


def tryout_label(row: Row) -> str:
    if row.tryouts_done:
        return ngettext("{n} carried out", "{n} carried out", row.tryouts_done).format(
            n=row.tryouts_done
        )
    if row.tryouts_planned:
        if row.next_tryout:
            return _("planned for {date}").format(date=format_date(row.next_tryout))
        return _("planned")
    if row.tryouts_draft:
        return _("plan in progress")
    return _("not planned yet")


def action_label(row: Row) -> str:
    """The between-meeting action in a few words, with its date; '' when there is none."""
    if not row.action:
        return ""
    if row.action_done:
        return _("done")
    if row.action_due:
        if row.action_overdue:
            return _("planned for {date}, date passed").format(date=format_date(row.action_due))
        return _("by {date}").format(date=format_date(row.action_due))
    return _("no date")


def format_number(value: float | None) -> str:
    """A number as people write it: ``6,5`` in Dutch, ``6.5`` in English, no float noise."""
    if value is None:
        return "?"
    text = f"{round(value, 2):g}"
    return text.replace(".", ",") if current_language() == "nl" else text


def measure_text(name: str, unit: str, first: float | None, last: float | None) -> str:
    """``Opgaven af: 55 → 68 %``."""
    unit = f" {unit}" if unit else ""
    if last is None:
        return _("{measure}: baseline {first}{unit}").format(
            measure=name, first=format_number(first), unit=unit
        )
    return f"{name}: {format_number(first)} → {format_number(last)}{unit}"


# --- feedback: on this round, and over all rounds -------------------------------------------------


def this_round() -> str:
    return _("this round")


def feedback_all_rounds(figures: GroupFigures, person_id: str) -> str:
    """What the matrix counts for one teacher: over all their rounds, and given to anyone."""
    return _("all rounds: {received} received, {adopted} taken on, {given} given").format(
        received=figures.received.get(person_id, 0),
        adopted=figures.adopted.get(person_id, 0),
        given=figures.given.get(person_id, 0),
    )


def flow_title() -> str:
    return _("Feedback: who gives to whom (all rounds)")


def adopted_line(figures: GroupFigures) -> str:
    """How much of the feedback received (all rounds) its receivers marked taken on."""
    return _("Taken on (all rounds): {adopted} of the {received} pieces received").format(
        adopted=figures.adopted_total, received=figures.received_total
    )


def one_way(figures: GroupFigures) -> list[tuple[str, list[str]]]:
    """Who only gave and who only received feedback so far (all rounds): (label, names)."""
    people = figures.people
    out = []
    for label, ids in (
        (_("Gave feedback, received none yet"), figures.only_gives),
        (_("Received feedback, gave none yet"), figures.only_receives),
    ):
        if ids:
            out.append((label, [people.get(pid) or _("unknown colleague") for pid in ids]))
    return out


def one_way_note() -> str:
    return _(
        "Giving and receiving over all rounds, as the files say so far: it describes, it does "
        "not judge."
    )
