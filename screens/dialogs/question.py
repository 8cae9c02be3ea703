"""Create or edit a learning question, with guidance on what makes a good one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def guidance(goal_parts: Sequence[str] = ()) -> Content:
    lines = [
        _("A good learning question:"),
        "• " + _("is about your own teaching and your students' learning;"),
        "• " + _("is concrete: which class, which approach, which effect;"),
        "• " + _("can be tried out in class in the coming weeks;"),
        "• " + _("names classes or groups, never students."),
    ]
    if goal_parts:
        lines += ["", _("The PLG's shared goal (type its number at the link to choose a part):")]
        lines += [f"{n}. {part}" for n, part in enumerate(goal_parts, start=1)]
    return Content("\n".join(lines))


def goal_link_of(text: str, goal_parts: Sequence[str]) -> str:
    """What the teacher typed at the link; a number chooses that part of the shared goal."""
    text = text.strip()
    if text.isdigit() and goal_parts:
        n = int(text)
        if not 1 <= n <= len(goal_parts):
            raise InvalidInput(
                _("The shared goal has parts 1 to {n}; type one of those numbers.").format(
                    n=len(goal_parts)
                )
            )
        return goal_parts[n - 1]
    return text


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
        goal_parts: Iterable[str] = (),
    ) -> None:
        self.goal_parts = list(goal_parts)
        super().__init__(
            {"question": question, "goal_link": goal_link},
            fields=ROUND_FIELDS,
            intro=guidance(self.goal_parts),
            title=N_("Edit learning question") if editing else None,
        )
        self.private_paths = frozenset(private_paths)

    def build_result(self, values: dict) -> QuestionInput:
        question = (values.get("question") or "").strip()
        if not question:
            raise InvalidInput(_("A learning question cannot be empty."))
        link = goal_link_of(values.get("goal_link") or "", self.goal_parts)
        return QuestionInput(question, link, self.privacy())
