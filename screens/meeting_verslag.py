"""The verslag of a meeting, to read: what was agreed, who does what, the retro.

Opened from Home (``v``: the last meeting held) and from the facilitator's meeting
screen.  ``←`` and ``→`` go to the meeting before and after.  Read-only: the meeting
belongs to whoever keeps it; nothing here can change it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Markdown, Static

from plgcycle import meeting_report
from plgcycle.i18n import N_, _
from screens.widgets.footer import PlgFooter

from .base import BODY_KEYS, PlgScreen, ScrollsBody


class VerslagScreen(ScrollsBody, PlgScreen):
    """One meeting's verslag (or plan); the PLG's meetings in date order, ← and → between them."""

    BINDINGS = [
        Binding("escape", "back", N_("back"), id="back"),
        Binding("left", "move(-1)", N_("earlier meeting"), id="earlier"),
        Binding("right", "move(1)", N_("later meeting"), id="later"),
        *BODY_KEYS,
    ]
    HELP_TITLE = N_("Report of a meeting")

    def __init__(self, meeting_id: str | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="verslag-body"):
            yield Static(id="verslag-where", classes="hint")
            yield Markdown(id="verslag")
        yield PlgFooter(compact=True)

    def _meetings(self):
        view = self.session.group.view()
        return view, view.meetings

    def on_mount(self) -> None:
        self.title = _("Report of a meeting")
        view, found = self._meetings()
        if self.meeting_id is None and view.last_held is not None:
            self.meeting_id = view.last_held.id
        self._show()
        self.query_one("#verslag-body").focus()

    def _show(self) -> None:
        view, found = self._meetings()
        meeting = next((m for m in found if m.id == self.meeting_id), None)
        where = self.query_one("#verslag-where", Static)
        if meeting is None:
            where.update(Content(_("No meeting has a report yet.")))
            self.query_one("#verslag", Markdown).update("")
            return
        number = found.index(meeting) + 1
        where.update(
            Content(
                _("Meeting {n} of {total} · ← earlier · → later").format(n=number, total=len(found))
            )
        )
        self.query_one("#verslag", Markdown).update(
            meeting_report.build(view, meeting).to_markdown()
        )

    def action_move(self, step: int) -> None:
        _view, found = self._meetings()
        ids = [m.id for m in found]
        if self.meeting_id not in ids:
            return
        at = ids.index(self.meeting_id) + step
        if 0 <= at < len(ids):
            self.meeting_id = ids[at]
            self._show()

    def action_back(self) -> None:
        self.dismiss()
