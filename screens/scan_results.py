"""The scan's group figures: bars per part for everyone, the teachers or the leaders.

Per part *nu*, *gewenst* and the gap (and the change since the previous round), drawn by
:mod:`screens.widgets.scan_chart` from the figures the core's anonymity rule allows: a
withheld figure shows its reason and no number.  Beside the group's figures, the
respondent's own scores (their own answers only, shown to them only).  Below, the neutral
points to discuss (:func:`plgcycle.scan.read`).  ←/→ choose the group, m another round.
"""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle import scan
from plgcycle.i18n import N_, _
from plgcycle.textsafe import printable
from screens.widgets.footer import PlgFooter

from .base import BODY_KEYS, PlgScreen, ScrollsBody
from .widgets.scan_chart import ScanChart, own_scores
from .widgets.scan_row import privacy_line
from .widgets.text import literal


class ScanResultsScreen(ScrollsBody, PlgScreen):
    """The group figures of one scan round (the latest closed one first)."""

    GROUP_KEYS = Binding.Group(N_("other group"), compact=True)
    BINDINGS = [
        Binding("escape", "back", N_("back"), id="back"),
        Binding("left", "group(-1)", N_("other group"), key_display="←", group=GROUP_KEYS),
        Binding("right", "group(1)", N_("other group"), key_display="→", group=GROUP_KEYS),
        Binding("m", "moment", N_("other round"), id="scan-moment"),
        *BODY_KEYS,
    ]
    HELP_TITLE = N_("The school scan: group figures")

    def __init__(self) -> None:
        super().__init__()
        self._group = scan.ALL
        self._moment = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="scan-results-body"):
            yield Static(id="scan-results-round", classes="guidance")
            yield Static(id="scan-groups")
            yield ScanChart(id="scan-chart")
            yield Static(id="scan-reading")
            yield Static(Content(privacy_line()), classes="hint")
        yield PlgFooter(compact=True)

    DEFAULT_CSS = """
    ScanResultsScreen #scan-groups { margin: 0 0 1 0; height: auto; }
    ScanResultsScreen #scan-reading { margin: 1 0 0 0; height: auto; }
    ScanResultsScreen #scan-results-body { padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.title = _("The school scan: group figures")
        self.sub_title = self.session.group.view().name
        moments = self.session.group.scan.figures().moments
        closed = [m for m in moments if m.closed]
        shown = closed or list(moments)
        self._moment = shown[-1].key if shown else ""
        self._draw()
        self.call_after_refresh(self._draw)  # again, with the widths the layout gave
        self.query_one("#scan-results-body").focus()

    def refresh_data(self) -> None:
        self._draw()

    def _draw(self) -> None:
        access = self.session.group.scan
        figures = access.figures()
        head = self.query_one("#scan-results-round", Static)
        if not figures.moments or not self._moment:
            head.update(Content(_("No scan round yet.")))
            return
        info = figures.moment(self._moment)
        scan_round = next((r for r in access.rounds().rounds if r.id == info.key), None)
        cells = [figures.group(info.key, g) for g in scan.GROUPS]
        state = _("closed") if info.closed else _("still open: figures appear once it closes")
        head.update(
            Content.assemble(
                (_("Scan round") + " ", "bold"),
                literal(f"“{info.label}”", "bold", single_line=True),
                f" ({state})",
                "\n",
                scan.respondents_line(cells),
            )
        )
        tabs: list = []
        for g in scan.GROUPS:
            name = scan.group_label(g)
            tabs += [(f"[{name}]", "bold reverse") if g == self._group else f" {name} ", "  "]
        tabs.append(("←/→", "$text-muted"))
        self.query_one("#scan-groups", Static).update(Content.assemble(*tabs))
        mine = access.my_answers(scan_round) if scan_round is not None else None
        self.query_one(ScanChart).show(
            figures, info.key, self._group, own_scores(mine) if mine is not None else None
        )
        reading = self.query_one("#scan-reading", Static)
        width = reading.content_size.width or self.app.size.width - 4
        reading.update(self._reading(figures, info.key, width))
        self.refresh_bindings()

    def on_resize(self) -> None:
        self._draw()

    @staticmethod
    def _reading(figures: scan.ScanFigures, moment: str, width: int) -> Content:
        def bullet(point: str) -> str:  # wrapped under its own first word
            clean = printable(point, single_line=True)
            return "\n  ".join(textwrap.wrap(clean, max(width - 2, 20))) or clean

        reading = scan.read(figures, moment)
        parts: list = [(_("Points to discuss, from everyone's figures:"), "$text-muted")]
        for heading, points in (
            (_("For the next meeting"), reading.meeting),
            (_("For the team leader"), reading.team_leader),
        ):
            if points:
                parts += ["\n\n", (heading, "bold $accent")]
                for point in points:
                    parts += ["\n", "• ", Content(bullet(point))]
        parts += ["\n\n", (reading.note, "$text-muted"), "\n", (scan.citation(), "$text-muted")]
        return Content.assemble(*parts)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "moment":
            return len(self.session.group.scan.rounds().rounds) > 1
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str:
        if action == "moment":
            return _("The scan has only one round so far.")
        return ""

    def action_group(self, delta: int) -> None:
        groups = list(scan.GROUPS)
        self._group = groups[(groups.index(self._group) + delta) % len(groups)]
        self._draw()

    def action_moment(self) -> None:
        keys = [m.key for m in self.session.group.scan.figures().moments]
        if self._moment in keys:
            self._moment = keys[keys.index(self._moment) - 1]  # the one before; wraps round
        self._draw()

    def action_back(self) -> None:
        self.dismiss()
