"""Create or edit a learning question, with guidance on what makes a good one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.model import ROUND_FIELDS

from .form import FormDialog


@dataclass(frozen=True)
class QuestionInput:
    question: str
    goal_link: str
    privacy: dict[str, bool] = field(default_factory=dict)  # field path -> private


def guidance() -> Content:
    lines = [
        _("A good learning question:"),
        "• " + _("is about your own teaching and your students' learning;"),
        "• " + _("is concrete: which class, which approach, which effect;"),
        "• " + _("can be tried out in class in the coming weeks;"),
        "• " + _("names classes or groups, never students."),
    ]
    return Content("\n".join(lines))


class QuestionDialog(FormDialog[QuestionInput]):
    """Returns a :class:`QuestionInput`, or None when cancelled."""

    title_text = N_("New learning question")
    allow_private = True  # the link with school goals may be private; the question never is

    def __init__(
        self,
        question: str = "",
        goal_link: str = "",
        *,
        editing: bool = False,
        private_paths: Iterable[str] = (),
    ) -> None:
        super().__init__(
            {"question": question, "goal_link": goal_link},
            fields=ROUND_FIELDS,
            intro=guidance(),
            title=N_("Edit learning question") if editing else None,
        )
        self.private_paths = frozenset(private_paths)

    def build_result(self, values: dict) -> QuestionInput:
        question = (values.get("question") or "").strip()
        if not question:
            raise InvalidInput(_("A learning question cannot be empty."))
        return QuestionInput(question, (values.get("goal_link") or "").strip(), self.privacy())
