"""Add peer feedback: a top, a tip or a question, from a named colleague, about a step or a try-out."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.model import CHOICE, FEEDBACK_FIELDS, FieldDef

from .form import FormDialog

FIELDS = {f.key: f for f in FEEDBACK_FIELDS}


@dataclass(frozen=True)
class FeedbackInput:
    type: str
    text: str
    giver_name: str
    given_on: str | None
    about: str  # "" (the question), "step:<key>" or "tryout:<id>"


class FeedbackDialog(FormDialog[FeedbackInput]):
    """Returns a :class:`FeedbackInput`, or None when cancelled.

    ``giver_name`` given means the giver is fixed (the teacher giving feedback on
    a colleague's question); otherwise the teacher types the colleague's name.
    """

    title_text = N_("Add feedback")

    def __init__(
        self,
        about_choices: list[tuple[str, str]],
        *,
        about: str = "",
        giver_name: str | None = None,
        given_on: str | None = None,
        values: dict | None = None,
    ) -> None:
        self.fixed_giver = giver_name
        about_field = FieldDef("about", N_("About"), "", CHOICE, tuple(about_choices))
        fields: list[FieldDef] = [FIELDS["type"], FIELDS["text"]]
        if giver_name is None:
            fields.append(FIELDS["giver_name"])
        fields += [FIELDS["given_on"], about_field]
        start = {"type": None, "text": "", "giver_name": "", "given_on": given_on, "about": about}
        start.update(values or {})
        intro = (
            _(
                "Your feedback on a colleague's question, as {name}. It travels with your export."
            ).format(name=giver_name)
            if giver_name is not None
            else _(
                "Feedback a colleague gave you: a top (what works), a tip (what could be "
                "better) or a question. Concrete rather than polite."
            )
        )
        super().__init__(
            start,
            fields=fields,
            intro=Content(intro),
            # On your own question you write down what a colleague said.
            title=N_("Add feedback") if giver_name is not None else N_("Note feedback"),
        )

    def build_result(self, values: dict) -> FeedbackInput:
        if not values.get("type"):
            raise InvalidInput(_("Choose: top, tip or question."))
        if not (values.get("text") or "").strip():
            raise InvalidInput(_("Feedback cannot be empty."))
        giver = self.fixed_giver if self.fixed_giver is not None else values.get("giver_name") or ""
        if not giver.strip():
            raise InvalidInput(_("Say who gave the feedback."))
        return FeedbackInput(
            values["type"],
            values["text"],
            giver.strip(),
            values.get("given_on"),
            values.get("about") or "",
        )
