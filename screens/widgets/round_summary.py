"""How a round's parts read in one or two lines: a try-out, a step, what was carried over.

Shared by the question screen and the step screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content

from plgcycle import cycle
from plgcycle.i18n import _, format_date, ngettext
from plgcycle.model import DECISION_SHORT, DECISIONS, STEPS, Record, step_data
from plgcycle.privacy import filled, is_withheld, with_carried_marks, withheld_label

from .step_indicator import MARK_DONE, MARK_OPEN
from .text import literal, one_line


def tryout_name(tryout: Record, width: int = 40) -> str:
    """A try-out's class or group on one line, or that it has none yet."""
    return one_line(tryout.text("class_group"), width) or _("(no class yet)")


def tryouts_carried_out(done: int, count: int) -> str:
    """How many of a round's try-outs were carried out, as a colleague would say it."""
    if done == 0:
        return ngettext(
            "{count} try-out planned, not carried out yet",
            "{count} try-outs planned, none carried out yet",
            count,
        ).format(count=count)
    if done == count:
        return ngettext(
            "{count} try-out carried out", "all {count} try-outs carried out", count
        ).format(count=count)
    return ngettext(
        "{done} of {count} try-out carried out", "{done} of {count} try-outs carried out", count
    ).format(done=done, count=count)


def tryout_summary(tryout: Record, measures: list[Record], today: date | None = None) -> Content:
    """One try-out in a list; a planned date that passed without it being carried out
    (on ``today``) stands out, as an action's does."""
    parts: list = [
        ("✎ ", "$accent"),
        (_("Try-out"), "bold"),
        " ",
        literal(tryout_name(tryout, 200), single_line=True),
    ]
    planned = tryout.data.get("planned_date")
    overdue = cycle.tryout_overdue(tryout, today)
    if planned:
        parts.append(
            (
                " · " + _("planned {date}").format(date=format_date(planned)),
                "bold $text-error" if overdue else "$text-muted",
            )
        )
    if overdue:
        parts.append((" · " + _("date passed"), "bold $text-warning"))
    if cycle.tryout_done(tryout):
        parts.append(
            (
                " · "
                + _("carried out {date}").format(date=format_date(tryout.data.get("run_date"))),
                "$text-success",
            )
        )
    elif cycle.tryout_planned(tryout):
        parts.append((" · " + _("plan complete"), "$text-muted"))
    else:
        parts.append((" · " + _("plan not complete"), "$text-warning"))
    count = sum(1 for m in measures if m.data.get("tryout") == tryout.id)
    if count:
        parts.append(
            (" · " + ngettext("{n} measure", "{n} measures", count).format(n=count), "$text-muted")
        )
    what = tryout.text("what")
    if what:
        parts += ["\n  ", literal(one_line(what, 200), "$text-muted")]
    return Content.assemble(*parts)


def step_summary(view: cycle.RoundView, number: int) -> Content:
    step = STEPS[number - 1]
    done = view.step_complete(step.key)
    values = step_data(view.round, step.key)
    parts: list = [
        (MARK_DONE if done else MARK_OPEN, "$text-success" if done else "$text-muted"),
        " ",
        (f"{step.number} {_(step.title)}", "bold"),
        (" — " + _(step.activity), "$text-muted"),
    ]
    if done:
        parts.append(("  " + _("complete"), "$text-success"))
    # The summary line: the step's main (required) field first, e.g. the chosen approach.
    ordered = sorted(step.fields, key=lambda f: not f.required)
    first = next(
        (
            values.get(f.key)
            for f in ordered
            if not f.always_private
            and isinstance(values.get(f.key), str)
            and values.get(f.key).strip()
            and f.type != "choice"
        ),
        None,
    )
    if first is None and step.key == "implement":
        done_count = sum(1 for t in view.tryouts if cycle.tryout_done(t))
        if view.tryouts:
            first = tryouts_carried_out(done_count, len(view.tryouts))
    if step.key == "apply" and view.decision:
        first = _(dict(DECISIONS)[view.decision]) + (": " + first if first else "")
    if first:
        parts += ["\n  ", literal(one_line(first, 200), "$text-muted")]
    return Content.assemble(*parts)


def carried_content(round_rec: Record, chain: Sequence[Record] = ()) -> Content | None:
    """What a round carried forward from the previous one (decision, conclusions, plan).

    A private carried text is shown to its owner marked private (also when only
    its source in the previous round, one of ``chain``, is marked); a
    colleague's private text arrives only as "filled in, not shared".
    """
    if chain:
        round_rec = next((r for r in with_carried_marks(chain) if r.id == round_rec.id), round_rec)
    carried = round_rec.data.get("carried") or {}
    if not (filled(carried.get("conclusions")) or filled(carried.get("next"))):
        return None
    parts: list = [(_("From the previous round"), "bold")]
    decision = carried.get("decision")
    if decision in DECISION_SHORT:
        parts.append(
            (" — " + _("decision: {decision}").format(decision=_(DECISION_SHORT[decision])), "bold")
        )
    for key, label in (
        ("conclusions", _("Conclusions: ")),
        ("next", _("Planned for this round: ")),
    ):
        value = carried.get(key)
        if not filled(value):
            continue
        parts += ["\n", (label, "$text-muted")]
        if is_withheld(value) or not isinstance(value, str):
            parts.append((withheld_label(), "$text-muted"))
            continue
        parts.append(literal(value))
        if round_rec.is_private(f"carried.{key}"):
            parts.append((" · " + _("private"), "$text-muted"))
    return Content.assemble(*parts)
