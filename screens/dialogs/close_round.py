"""Close a round: the decision (vasthouden / bijstellen / loslaten), conclusions, the next round.

The conclusions and the plan for the next round have the same "private" box
(ctrl+o) as in step 5; a private text stays private in the round it is carried to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.model import STEP_BY_KEY

from .form import FormDialog

APPLY_FIELDS = {f.key: f for f in STEP_BY_KEY["apply"].fields}


@dataclass(frozen=True)
class CloseRoundInput:
    decision: str
    conclusions: str
    next: str
    privacy: dict[str, bool] = field(default_factory=dict)  # field path -> private


class CloseRoundDialog(FormDialog[CloseRoundInput]):
    """Returns a :class:`CloseRoundInput`, or None when cancelled."""

    title_text = N_("Close this round")
    submit_label = N_("Close round")
    allow_private = True
    path_prefix = "steps.apply."

    def __init__(
        self,
        decision: str | None = None,
        conclusions: str = "",
        next_: str = "",
        *,
        private_paths: Iterable[str] = (),
    ) -> None:
        super().__init__(
            {"decision": decision, "conclusions": conclusions, "next": next_},
            fields=(APPLY_FIELDS["decision"], APPLY_FIELDS["conclusions"], APPLY_FIELDS["next"]),
            intro=Content(
                _(
                    "Decide what you do with this approach: keep it, adjust it or drop "
                    "it. Your conclusions and plan travel with the question into the "
                    "next round."
                )
            ),
        )
        self.private_paths = frozenset(private_paths)

    def build_result(self, values: dict) -> CloseRoundInput:
        if not values.get("decision"):
            raise InvalidInput(_("Choose a decision: keep, adjust or drop."))
        if not (values.get("conclusions") or "").strip():
            raise InvalidInput(_("Write your conclusions before closing the round."))
        return CloseRoundInput(
            values["decision"], values["conclusions"], values.get("next") or "", self.privacy()
        )
