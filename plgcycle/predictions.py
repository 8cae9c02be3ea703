"""How often a teacher's predictions held, over the rounds of their questions: for the teacher only.

Every try-out plan has a prediction ("what do you expect to happen?") and step 4
puts it beside the result.  After that comparison the teacher judges, for
themselves, whether the prediction held: ``yes``, ``partly`` or ``no``, stored
on the try-out as ``prediction_held`` (:data:`PREDICTION_HELD_FIELD`).

That judgement is a private reflection.  :func:`set_prediction_held` marks the
field private on the record, so :func:`plgcycle.privacy.shareable` leaves it
out of every export; nothing here may be used in a report, an agenda, the
review or any other view that colleagues, a facilitator or a team leader see.
The counting functions only read try-outs owned by the teacher asking.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .errors import InvalidInput
from .i18n import N_, _, ngettext
from .model import CHOICE, ROUND, TRYOUT, FieldDef, Record

HELD, PARTLY, NOT_HELD = "yes", "partly", "no"
PREDICTION_HELD_VALUES = (HELD, PARTLY, NOT_HELD)
PREDICTION_HELD_CHOICES = ((HELD, N_("yes")), (PARTLY, N_("partly")), (NOT_HELD, N_("no")))
PREDICTION_HELD_KEY = "prediction_held"

PREDICTION_HELD_FIELD = FieldDef(
    PREDICTION_HELD_KEY,
    N_("Did your prediction come true?"),
    N_("Only for you: never exported, never shown to colleagues."),
    CHOICE,
    PREDICTION_HELD_CHOICES,
)
"""The try-out field to add after the result fields; always private (see the module docstring)."""


def set_prediction_held(tryout: Record, value: str | None) -> Record:
    """A copy of ``tryout`` with the teacher's judgement (``yes``/``partly``/``no``, or None to clear).

    The field is marked private on the record, so that it never leaves the computer.
    """
    if tryout.kind != TRYOUT:
        raise InvalidInput(_("Only a try-out has a prediction."))
    if value not in (None, "", *PREDICTION_HELD_VALUES):
        raise InvalidInput(_("Say whether the prediction came true: yes, partly or no."))
    updated = tryout.copy()
    updated.data[PREDICTION_HELD_KEY] = value or None
    updated.set_private(PREDICTION_HELD_KEY, True)
    return updated


class Tally(NamedTuple):
    """Judged predictions: held, partly held, not held; and carried-out try-outs not judged yet."""

    held: int = 0
    partly: int = 0
    not_held: int = 0
    open: int = 0

    @property
    def judged(self) -> int:
        return self.held + self.partly + self.not_held

    def __add__(self, other) -> Tally:
        return Tally(*(a + b for a, b in zip(self, other, strict=False)))


class RoundTally(NamedTuple):
    round_id: str
    round_no: int
    question: str
    tally: Tally


def _count(tryouts: Iterable[Record]) -> Tally:
    held = partly = not_held = still_open = 0
    for tryout in tryouts:
        if not tryout.text("prediction").strip():
            continue  # nothing was predicted, so nothing to judge
        value = tryout.data.get(PREDICTION_HELD_KEY)
        if value == HELD:
            held += 1
        elif value == PARTLY:
            partly += 1
        elif value == NOT_HELD:
            not_held += 1
        elif tryout.text("run_date").strip():
            still_open += 1
    return Tally(held, partly, not_held, still_open)


def prediction_record(records: Iterable[Record], me: str) -> list[RoundTally]:
    """Per round of ``me``'s questions (oldest question first, then by round), the tally.

    For the teacher only: never put the result in an export, a report or any view
    for others.  Records of other people are ignored, even if they carried the field.
    """
    rounds: dict[str, Record] = {}
    tryouts: dict[str, list[Record]] = {}
    for rec in records:
        if rec.deleted or rec.owner != me:
            continue
        if rec.kind == ROUND:
            rounds[rec.id] = rec
        elif rec.kind == TRYOUT:
            tryouts.setdefault(rec.data.get("round") or "", []).append(rec)
    out = []
    for round_id, rnd in rounds.items():
        tally = _count(tryouts.get(round_id, ()))
        if tally.judged or tally.open:
            number = rnd.data.get("round_no")
            out.append(
                RoundTally(
                    round_id, number if type(number) is int else 1, rnd.text("question"), tally
                )
            )
    first_seen: dict[str, str] = {}
    for rnd in sorted(rounds.values(), key=lambda r: r.updated_at):
        first_seen.setdefault(rnd.data.get("chain") or rnd.id, rnd.updated_at)
    out.sort(
        key=lambda t: (
            first_seen.get(rounds[t.round_id].data.get("chain") or t.round_id, ""),
            t.round_no,
        )
    )
    return out


def total(tallies: Iterable[RoundTally]) -> Tally:
    result = Tally()
    for item in tallies:
        result = result + item.tally
    return result


def summary(tally: Tally) -> str:
    """``3 van de 5 voorspellingen kwamen uit, 1 deels.``  For the teacher only (see the module)."""
    n = tally.judged
    if n == 0:
        text = _("No prediction judged yet.")
    elif n == 1:
        text = (
            _("Your prediction came true.")
            if tally.held
            else _("Your prediction partly came true.")
            if tally.partly
            else _("Your prediction did not come true.")
        )
    else:
        text = ngettext(
            "{held} of {n} predictions came true", "{held} of {n} predictions came true", tally.held
        ).format(held=tally.held, n=n)
        if tally.partly:
            text += ", " + ngettext("{n} partly", "{n} partly", tally.partly).format(n=tally.partly)
        text += "."
    if tally.open:
        text += " " + ngettext(
            "{n} try-out carried out is not judged yet.",
            "{n} try-outs carried out are not judged yet.",
            tally.open,
        ).format(n=tally.open)
    return text


def round_summary(item: RoundTally) -> str:
    """``Ronde 2: 1 van de 2 voorspellingen kwam uit.``"""
    return _("Round {n}: {summary}").format(n=item.round_no, summary=summary(item.tally))
