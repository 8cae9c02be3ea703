"""The review's preview below the table: the highlighted row in a few lines.

Who it is and in which subgroup, the round and the last movement, the question,
the try-out and the feedback, and (when more than progress was shared) the
measures and the between-meeting action.  Without a row it says how to widen
the filter.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from plgcycle import review as rv
from plgcycle.i18n import _
from plgcycle.textsafe import printable


def preview_text(
    row: rv.Row | None, colour: Callable[[str], str], figures: rv.GroupFigures | None = None
) -> Text:
    """The preview of ``row``; ``colour`` gives a theme colour by name, asked only when used.

    With ``figures``, a teacher without a question gets their feedback over all rounds (the
    table has no round of theirs to count on); the others' is in the group figures.
    """
    if row is None:
        return Text(
            _(
                "No learning questions match this filter. Press 0 for all steps, "
                "x to show everyone, g for all subgroups."
            )
        )
    text = Text()
    text.append(printable(row.name, single_line=True), style="bold")
    if row.subgroup:
        text.append(
            " · " + _("subgroup {name}").format(name=printable(row.subgroup, single_line=True))
        )
    if not row.has_question:
        text.append("\n" + _("No learning question shared yet."), style="italic")
        if figures is not None:
            text.append(
                "\n" + _("Feedback") + ", " + rv.feedback_all_rounds(figures, row.person_id)
            )
        if row.action:
            text.append(
                "\n"
                + _("Before the next meeting: {action}").format(
                    action=printable(row.action, single_line=True)
                )
            )
        return text
    text.append(" · " + _("round {n}").format(n=row.round_no))
    text.append(" · " + rv.movement_phrase(row), style=colour("warm") if row.stalled else "")
    text.append("\n")
    text.append(printable(row.question, single_line=True), style="italic")
    text.append("\n" + _("Try-out: {state}").format(state=rv.tryout_label(row)))
    text.append(
        " · "
        + _("Feedback this round: {received} received ({open} open, {adopted} taken on)").format(
            received=row.feedback_received, open=row.feedback_open, adopted=row.feedback_adopted
        )
    )
    if row.feedback_noted:  # noted for colleagues who gave it aloud: counted apart
        text.append(" · " + _("{n} noted for others").format(n=row.feedback_noted), style="dim")
    if row.limited:
        text.append(
            "\n" + _("Only progress was shared: no results, reflections or actions."),
            style="dim italic",
        )
        return text
    if row.measures:
        text.append(
            "\n"
            + _("Measures: {list}").format(
                list="; ".join(
                    printable(rv.measure_text(*m), single_line=True) for m in row.measures
                )
            )
        )
    if row.action:
        text.append(
            "\n"
            + _("Before the next meeting: {action}").format(
                action=printable(row.action, single_line=True)
            )
        )
        label = rv.action_label(row)
        if label:
            text.append(f" ({label})", style=colour("warm") if row.action_overdue else "dim")
    return text
