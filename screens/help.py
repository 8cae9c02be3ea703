"""Help: every key of every screen, read from the screens' own bindings (so it never goes stale).

First the keys of the screen F1 was pressed on, all of them (the footer shows only
those that fit), then how to move around and the keys of every screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle.i18n import N_, _
from screens.widgets.footer import PlgFooter

from .base import BODY_KEYS, PlgScreen, ScrollsBody


def _sections(everywhere: Sequence[Binding]):
    from .action import ActionScreen
    from .agenda import AgendaScreen
    from .base import FormScreen
    from .colleagues import ColleaguesScreen
    from .exchange import ImportScreen
    from .feedback import FeedbackScreen
    from .home import HomeScreen
    from .meeting_verslag import VerslagScreen
    from .question import QuestionScreen
    from .scan import ScanScreen
    from .scan_results import ScanResultsScreen
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
        (N_("Before the next meeting"), [*FormScreen.BINDINGS, *ActionScreen.BINDINGS]),
        (N_("Colleagues' questions"), ColleaguesScreen.BINDINGS),
        (N_("Import colleagues' work"), ImportScreen.BINDINGS),
        (N_("Prepare the meeting"), AgendaScreen.BINDINGS),
        (N_("Report of a meeting"), VerslagScreen.BINDINGS),
        (N_("The school scan"), ScanScreen.BINDINGS),
        (N_("The school scan: group figures"), ScanResultsScreen.BINDINGS),
    ]


def screen_keys(screen) -> list[Binding]:
    """Every key of ``screen`` with a description: its own and its widgets' (plgcycle's own:
    Textual's lists and fields bring their arrows, which "moving around" explains)."""
    keys: list[Binding] = []
    seen: set[int] = set()
    for node in (screen, *screen.query("*")):
        for cls in type(node).__mro__:
            if id(cls) in seen or not cls.__module__.startswith("screens."):
                continue
            seen.add(id(cls))
            keys += [b for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return keys


class HelpScreen(ScrollsBody, PlgScreen):
    """A list of the keys, screen by screen, plus how to move around."""

    BINDINGS = [Binding("escape", "back", N_("back"), id="back"), *BODY_KEYS]

    def __init__(self, everywhere: Sequence[Binding] = (), here=None) -> None:
        super().__init__()
        self.everywhere = everywhere  # the keys that work on every screen
        self.here = here  # the screen F1 was pressed on: its keys come first
        self.here_keys = screen_keys(here) if here is not None else []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            if self.here_keys:
                # A screen may name itself for the help (Home's title is the app's name).
                named = getattr(self.here, "HELP_TITLE", "")
                title = _(named) if named else self.here.title or ""
                yield Static(
                    Content(
                        _("Keys on this screen: {title}").format(title=title)
                        if title
                        else _("Keys on this screen")
                    ),
                    classes="section-title",
                    id="help-here",
                )
                yield Static(self._keys(self.here_keys), classes="keys")
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
        """One line per thing to do; keys doing the same share it (``f1 ?  help``)."""
        keys: dict[tuple[str, str], list[str]] = {}
        named: set[tuple[str, str]] = set()  # those whose key names a range itself ("1-5")
        for binding in Binding.make_bindings(bindings):
            if not binding.description or binding.system:
                continue
            description = _(binding.description)
            # The steps 1-5 are five actions under one description and one key display.
            what = (description, "" if binding.key_display else binding.action)
            if binding.key_display is None and (description, "") in named:
                continue
            shown = keys.setdefault(what, [])
            if binding.key_display:
                shown[:] = [binding.key_display]
                named.add(what)
                continue
            key = self.app.get_key_display(binding)
            if key not in shown:
                shown.append(key)
        rows: list = []
        for (description, _action), shown in keys.items():
            if rows:
                rows.append("\n")
            rows += [(f"{' '.join(shown):>12}", "bold $accent"), "  ", description]
        return Content.assemble(*rows)

    def action_back(self) -> None:
        self.dismiss()
