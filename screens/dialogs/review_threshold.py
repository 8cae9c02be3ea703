"""Ask when "no movement" starts: the previous meeting, a date, or a number of days."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from plgcycle.errors import PlgError
from plgcycle.i18n import _, format_date_input
from plgcycle.model import read_date
from plgcycle.review import DEFAULT_INTERVAL, StalledRule
from screens.base import PlgModal


def parse_rule(since_or_days: str, interval: str, today: date) -> StalledRule:
    """``""`` = previous meeting, a date (``DD-MM-YYYY`` or ``YYYY-MM-DD``) = since that date,
    ``N`` = N days; raises PlgError."""
    from plgcycle.errors import InvalidInput

    value = since_or_days.strip()
    gap = interval.strip()
    if gap and not gap.isdigit():
        raise InvalidInput(_("The meeting interval is a number of days."))
    rule_interval = int(gap) if gap else DEFAULT_INTERVAL
    if not value:
        return StalledRule(interval=rule_interval).validate(today)
    if value.isdigit():
        return StalledRule(days=int(value), interval=rule_interval).validate(today)
    try:
        since = read_date(value)
    except ValueError:
        raise InvalidInput(_("Write a date as DD-MM-YYYY or a number of days.")) from None
    return StalledRule(since=since, interval=rule_interval).validate(today)


class ThresholdDialog(PlgModal[StalledRule | None]):
    """Returns the new rule, or None when cancelled."""

    TYPED_TEXT_IS_WORK = False  # a setting of the view: quitting loses nothing

    DEFAULT_CSS = """
    ThresholdDialog { align: center middle; }
    ThresholdDialog > Vertical { width: 76; max-width: 95%; height: auto; padding: 1 2;
                                 border: thick $accent; background: $surface; }
    ThresholdDialog #threshold-title { text-style: bold; }
    ThresholdDialog .help { color: $text-muted; margin-bottom: 1; }
    ThresholdDialog Label { margin-top: 1; width: 100%; }
    ThresholdDialog #threshold-error { color: $error; height: auto; }
    ThresholdDialog Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ThresholdDialog Button { margin-left: 2; }
    """

    def __init__(self, rule: StalledRule, today: date, current: str) -> None:
        super().__init__()
        self.rule = rule
        self.today = today
        self.current = current

    def compose(self) -> ComposeResult:
        if self.rule.since is not None:
            value = format_date_input(self.rule.since)
        elif self.rule.days is not None:
            value = str(self.rule.days)
        else:
            value = ""
        with Vertical():
            yield Static(Text(_("When does 'no movement' start?")), id="threshold-title")
            yield Static(Text(_("Now: {rule}.").format(rule=self.current)), classes="help")
            yield Label(_("Since: a date (DD-MM-YYYY), a number of days, or empty"), markup=False)
            yield Input(
                value=value, id="threshold-since", placeholder=_("empty = previous meeting")
            )
            yield Label(_("Days between meetings"), markup=False)
            yield Input(value=str(self.rule.interval), id="threshold-interval")
            yield Static("", id="threshold-error", markup=False)
            with Horizontal():
                yield Button(_("Cancel"), id="threshold-cancel")
                yield Button(_("Apply"), id="threshold-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#threshold-since", Input).focus()

    def _submit(self) -> None:
        try:
            rule = parse_rule(
                self.query_one("#threshold-since", Input).value,
                self.query_one("#threshold-interval", Input).value,
                self.today,
            )
        except PlgError as exc:
            self.query_one("#threshold-error", Static).update(Text(str(exc)))
            return
        self.dismiss(rule)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "threshold-ok":
            self._submit()
        else:
            self.dismiss(None)
