"""What the screens of a round say about closing it: what is still missing, and that it is closed.

Shared by the question screen (``c``), step 5 (``ctrl+r``) and the step and try-out
screens of a closed round.  The rules themselves are the cycle's
(:func:`plgcycle.cycle.closing_gaps`); closing stays the teacher's decision.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from plgcycle import cycle
from plgcycle.i18n import _, format_date
from plgcycle.model import DECISIONS


def ask_before_closing(app, view: cycle.RoundView, then: Callable[[], object]) -> None:
    """Call ``then`` at once when the round is complete; else say what is missing and call
    it only when the teacher closes anyway."""
    gaps = cycle.closing_gaps(view)
    if not gaps:
        then()
        return
    from .dialogs.confirm import ConfirmDialog

    def answered(close: bool | None) -> None:
        if close:
            then()

    app.push_screen(
        ConfirmDialog(
            _("Close the round while something is still open?"),
            Content(
                "\n".join(
                    [
                        _("Not done yet in this round:"),
                        *("• " + gap for gap in gaps),
                        "",
                        _("You can close it anyway, or finish these first."),
                    ]
                )
            ),
            _("Close anyway"),
            danger=True,  # the default is to go back and finish
            cancel=_("Not yet"),
        ),
        answered,
    )


def closed_note(view: cycle.RoundView) -> str:
    """The line above a form of a closed round: changes go into a closed round."""
    decision = _(dict(DECISIONS).get(view.decision or "", "")) if view.decision else "–"
    return _(
        "This round was closed on {date} (decision: {decision}). What you change here "
        "changes the closed round; press o on the question screen to reopen it."
    ).format(date=format_date(view.round.data.get("closed_at")), decision=decision)


def closed_refusal() -> str:
    """Why nothing more is planned in a closed round."""
    return _("This round is closed: press o on the question screen to reopen it first.")
