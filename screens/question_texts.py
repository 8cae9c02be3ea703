"""The question screen's texts: the lines around the step indicator and the list of parts.

Whose question it is and what it is linked to, the banner of a closed round,
the next thing to do, and the options of the parts list (the five steps, the
try-outs, the feedback and the actions of the round).
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets.option_list import Option

from plgcycle import cycle
from plgcycle.i18n import _, format_date, ngettext
from plgcycle.model import DECISIONS, FB_OPEN, Record
from plgcycle.review.labels import not_signed
from plgcycle.textsafe import printable

from .widgets.round_summary import step_summary, tryout_summary
from .widgets.text import literal, one_line


def meta_parts(
    view: cycle.RoundView,
    chain: list[Record],
    position: int,
    owner_name: str | None,
    *,
    can_edit: bool = True,
    unsigned: bool = False,
) -> list:
    """The parts of the line below the question (none for an own round of its own);
    ``owner_name`` is the colleague whose question it is, ``None`` for an own round;
    ``can_edit`` is False in a read-only window (another window has the database);
    ``unsigned``: the colleague's round came without a signature (a version-1 file)."""
    meta: list = []
    if owner_name is not None:
        meta += [
            (
                _("Question of {name}").format(name=printable(owner_name, single_line=True)),
                "bold",
            ),
            *([("  ·  " + not_signed(), "$text-warning")] if unsigned else []),
            (
                "  ·  "
                + (
                    _("read-only; f adds your feedback")
                    if can_edit
                    else _("read-only, and this window cannot add feedback")
                ),
                "$text-warning",
            ),
        ]
    elif not can_edit:
        meta += [
            (_("Your own question"), "bold"),
            (
                "  ·  " + _("read-only here: another plgcycle window has the database open"),
                "$text-warning",
            ),
        ]
    goal = view.round.text("goal_link")
    if goal:
        if meta:
            meta.append("\n")
        meta += [(_("Linked to: "), "$text-muted"), literal(goal)]
    if len(chain) > 1:
        if meta:
            meta.append("\n")
        meta.append(
            (
                _("Round {n} of {total}").format(n=position + 1, total=len(chain))
                + "  ·  "
                + _("←/→ other rounds"),
                "$text-muted",
            )
        )
    return meta


def closed_content(view: cycle.RoundView) -> Content:
    """The banner of a closed round: when, and with which decision."""
    decision = _(dict(DECISIONS).get(view.decision or "", "")) if view.decision else ""
    return Content(
        _("Round closed on {date}. Decision: {decision}.").format(
            date=format_date(view.round.data.get("closed_at")), decision=decision or "–"
        )
    )


def next_content(view: cycle.RoundView, chain: list[Record], today: date) -> Content:
    """The next thing to do, or, in an earlier round, the round the question carries on in."""
    later = [r for r in chain if (r.data.get("round_no") or 0) > view.number]
    if later:
        # An earlier round: the advice belongs to the round that carries on.
        return Content(
            _("The question carries on in round {n}; press → to go there.").format(
                n=later[-1].data.get("round_no")
            )
        )
    return Content.assemble((_("Next: "), "bold"), view.next_action(today))


def part_options(view: cycle.RoundView, own: bool, today: date) -> list[Option | None]:
    """The parts list: steps, try-outs, feedback and actions (``None`` separates them)."""
    options: list[Option | None] = [
        Option(step_summary(view, n), id=f"step:{n}") for n in range(1, 6)
    ]
    if view.tryouts:
        options.append(None)
        options += [
            Option(tryout_summary(t, view.measures, today), id=f"tryout:{t.id}")
            for t in view.tryouts
        ]
    options.append(None)
    open_count = sum(1 for f in view.feedback if view.feedback_status(f.id) == FB_OPEN)
    feedback_parts: list = [
        ("✉ ", "$accent"),
        (_("Feedback"), "bold"),
        f"  {len(view.feedback)}",
    ]
    if view.feedback and own and open_count:
        feedback_parts.append(
            (
                " · " + ngettext("{n} open", "{n} open", open_count).format(n=open_count),
                "$text-warning",
            )
        )
    options.append(Option(Content.assemble(*feedback_parts), id="feedback"))
    for action in view.actions:
        due = action.data.get("due")
        late = cycle.action_overdue(action, today)
        parts: list = [
            ("☑ " if action.data.get("done") else "☐ ", "$accent"),
            literal(one_line(action.text("text"), 200)),
        ]
        if due:
            parts.append(
                (
                    "  " + _("by {date}").format(date=format_date(due)),
                    "bold $text-error" if late else "$text-muted",
                )
            )
        options.append(Option(Content.assemble(*parts), id=f"action:{action.id}"))
    return options
