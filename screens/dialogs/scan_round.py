"""Open a scan round (the PLG's facilitator): its name and the last day to answer.

The dialog opens the round through the session when it is submitted, so a refusal (a
closing day in the past, a moment that exists) keeps it open with what was typed; its
result is the saved round.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.fields import DATE, SCAN_ROUND_FIELDS, FieldDef
from plgcycle.i18n import N_, _, format_date_input
from plgcycle.model import Record, parse_date

from .form import FormDialog

DAYS_OPEN = 14  # the closing day proposed: two weeks from today

CLOSES_FIELD = FieldDef(
    "closes", N_("Last day to answer"), N_("DD-MM-YYYY"), DATE, required=True, public=True
)


class OpenScanRoundDialog(FormDialog[Record]):
    """Returns the scan round it opened, or None when cancelled."""

    title_text = N_("Open a scan round")
    submit_label = N_("Open the round")

    def __init__(self, today: date, moment: int) -> None:
        intro = _(
            "Everyone in the PLG can answer the scan from today until the last day; you close "
            "the round earlier with c. Figures appear once the round is closed, and only where "
            "at least three people answered."
        )
        super().__init__(
            {
                "label": _("Moment {n}").format(n=moment),
                "closes": format_date_input(today + timedelta(days=DAYS_OPEN)),
            },
            fields=(SCAN_ROUND_FIELDS[0], CLOSES_FIELD),
            intro=Content(intro),
        )

    def build_result(self, values: dict) -> Record:
        closes = parse_date(values.get("closes"))
        if closes is None:
            raise InvalidInput(_("Say the last day to answer (DD-MM-YYYY)."))
        return self.session.group.scan.open_round(values.get("label") or "", closes)
