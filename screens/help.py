"""Help: every key of every screen, read from the screens' own bindings (so it never goes stale)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle.i18n import N_, _
from screens.widgets.footer import PlgFooter

from .base import PlgScreen


def _sections(everywhere: Sequence[Binding]):
    from .action import ActionScreen
    from .base import FormScreen
    from .feedback import FeedbackScreen
    from .home import HomeScreen
    from .question import QuestionScreen
    from .step import StepScreen
    from .tryout import TryoutScreen
    from .widgets.field_form import FieldForm

    return [
        (N_("Everywhere"), list(everywhere)),
        (N_("Home"), HomeScreen.BINDINGS),
        (N_("Learning question"), QuestionScreen.BINDINGS),
        (
            N_("Forms (steps, try-outs, actions, my details)"),
            [*FormScreen.BINDINGS, *FieldForm.BINDINGS],
        ),
        (N_("A step"), StepScreen.BINDINGS),
        (N_("A try-out"), TryoutScreen.BINDINGS),
        (N_("Feedback"), FeedbackScreen.BINDINGS),
        (N_("Before the next meeting"), ActionScreen.BINDINGS),
    ]


class HelpScreen(PlgScreen):
    """A list of the keys, screen by screen, plus how to move around."""

    BINDINGS = [Binding("escape", "back", N_("back"), id="back")]

    def __init__(self, everywhere: Sequence[Binding] = ()) -> None:
        super().__init__()
        self.everywhere = everywhere  # the keys that work on every screen

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(Content(_("Moving around")), classes="section-title")
            yield Static(
                Content(
                    "\n".join(
                        [
                            _(
                                "Tab and shift+tab move between lists and fields; ↑/↓ move within a list; "
                                "enter opens what is highlighted."
                            ),
                            _(
                                "Escape goes back. Forms save when you leave them; when something cannot be "
                                "saved (for example a wrong date) you are asked first."
                            ),
                            _(
                                "ctrl+p opens the command palette: type a few letters of what you want to do."
                            ),
                            _("The mouse works too: click a list item, a field or a step."),
                            _(
                                "Fields marked * are needed for a step to count as complete; you can save "
                                "without them."
                            ),
                        ]
                    )
                ),
                classes="guidance",
            )
            for title, bindings in _sections(self.everywhere):
                yield Static(Content(_(title)), classes="section-title")
                yield Static(self._keys(bindings), classes="keys")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("Help")
        self.query_one("#help-body").focus()

    def _keys(self, bindings) -> Content:
        rows: list = []
        seen: set[str] = set()
        for binding in Binding.make_bindings(bindings):
            if not binding.description or binding.description in seen or binding.system:
                continue
            seen.add(binding.description)
            key = binding.key_display or self.app.get_key_display(binding)
            if rows:
                rows.append("\n")
            rows += [(f"{key:>12}", "bold $accent"), "  ", _(binding.description)]
        return Content.assemble(*rows)

    def action_back(self) -> None:
        self.dismiss()
