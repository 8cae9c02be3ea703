"""All colleagues' learning questions, searchable: for a merged database with many of them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Static

from plgcycle.cycle import colleague_rounds, matching_rounds
from plgcycle.i18n import N_, _, ngettext
from screens.widgets.footer import PlgFooter

from .base import PlgScreen
from .widgets.colleague_table import ColleagueTable


class ColleaguesScreen(PlgScreen):
    """Type to filter on a name or a word of the question; enter opens the question."""

    BINDINGS = [Binding("escape", "back", N_("back"), id="back")]
    TYPED_TEXT_IS_WORK = False  # the field only filters the list
    _shown_version = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Filter on a name or a word of the question"), id="filter")
        yield Static(id="colleagues-count", classes="hint")
        yield ColleagueTable(id="all-colleagues")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("Colleagues' questions")
        self.sub_title = _("read-only")
        self._show("")
        self.query_one("#filter", Input).focus()

    def on_screen_resume(self) -> None:
        # Also sent right after mounting: fill again only when the records changed (back
        # from a question where feedback was given), not a second time on opening.
        if self.session.data_version != self._shown_version:
            self._show(self.query_one("#filter", Input).value)

    def _show(self, words: str) -> None:
        index = self.index()
        rounds = matching_rounds(index, colleague_rounds(index, self.session.me), words)
        self.query_one("#all-colleagues", ColleagueTable).fill(index, rounds)
        self._shown_version = self.session.data_version
        self.query_one("#colleagues-count", Static).update(
            Content(
                ngettext(
                    "{n} question; enter opens it, and there you can give feedback.",
                    "{n} questions; enter opens one, and there you can give feedback.",
                    len(rounds),
                ).format(n=len(rounds))
            )
        )

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#filter")
    def _to_table(self) -> None:
        self.query_one("#all-colleagues", ColleagueTable).focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        from .question import QuestionScreen

        self.app.push_screen(QuestionScreen(event.row_key.value))

    def action_back(self) -> None:
        self.dismiss()
