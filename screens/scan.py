"""The school scan *De school als PLG*: answer the open round, statement by statement.

Twelve parts, each with its statements; per statement *nu* and *gewenst*, 1 to 5 or
*weet ik niet*.  Keyboard first: 1-5 and ? choose for the marked side (and move on),
←/→ switch between nu and gewenst, tab goes to the next answer, ↑/↓ to another
statement, delete clears.  ctrl+s saves, and leaving (escape, ctrl+q) saves too, or
asks when that is not possible: nothing chosen is lost.  Coming back resumes at the
first statement not yet answered; answers can change until the round closes, after
which they are shown read-only.  The PLG's facilitator opens and closes rounds here;
f shows the group figures (:mod:`screens.scan_results`).  The rules are the core's
(:mod:`plgcycle.scan_session`).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle import group, scan, scan_rounds
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _, format_date
from plgcycle.model import Record, parse_date
from screens.widgets.footer import PlgFooter

from .base import FormScreen, why_read_only
from .widgets.scan_row import CHOICES, StatementRow, choice_mark, privacy_line, side_label
from .widgets.text import literal

Answer = int | str
State = tuple[str, dict[str, Answer], dict[str, Answer]]
_CELL = dict(priority=True, show=False)  # the keys of the focused answer win over scrolling


class ScanScreen(FormScreen):
    """The local teacher's answers to the scan round that is open (or was, read-only)."""

    BINDINGS = [
        *FormScreen.BINDINGS,
        Binding("1", "choose(1)", N_("answer 1 to 5"), key_display="1-5", id="scan-1", **_CELL),
        Binding("2", "choose(2)", N_("answer 1 to 5"), **_CELL),
        Binding("3", "choose(3)", N_("answer 1 to 5"), **_CELL),
        Binding("4", "choose(4)", N_("answer 1 to 5"), **_CELL),
        Binding("5", "choose(5)", N_("answer 1 to 5"), **_CELL),
        Binding("question_mark", "choose('dont_know')", N_("don't know"), id="scan-dk", **_CELL),
        Binding("delete,backspace", "clear", N_("clear the answer"), id="scan-clear", **_CELL),
        Binding("left", "side(-1)", N_("now / desired"), key_display="←/→", **_CELL),
        Binding("right", "side(1)", N_("now / desired"), **_CELL),
        Binding("tab", "cell(1)", N_("next answer"), id="scan-next", **_CELL),
        Binding("shift+tab", "cell(-1)", N_("previous answer"), id="scan-prev", **_CELL),
        Binding("down", "move(1)", N_("next statement"), id="scan-down", **_CELL),
        Binding("up", "move(-1)", N_("previous statement"), id="scan-up", **_CELL),
        Binding("r", "role", N_("teacher / leader"), id="scan-role"),
        Binding("f", "figures", N_("group figures"), id="scan-figures"),
        Binding("o", "open_round", N_("open a round"), id="scan-open"),
        Binding("c", "close_round", N_("close the round"), id="scan-close"),
    ]
    FOOTER_FIRST = ("save", "back", "scan-role", "scan-figures", "scan-open", "scan-close")
    HELP_TITLE = N_("The school scan")
    unsaved_label = N_("The school scan")

    def __init__(self) -> None:
        super().__init__()
        self._round: Record | None = None
        self._role = scan.TEACHER
        self._now: dict[str, Answer] = {}
        self._desired: dict[str, Answer] = {}
        self._saved: State = (scan.TEACHER, {}, {})

    # --- what is shown ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="scan-body", can_focus=False):
            yield Static(id="scan-round", classes="guidance")
            yield Static(Content(privacy_line()), classes="hint")
            yield Static(Content(self._legend()), classes="hint", id="scan-legend")
            yield Static(id="scan-role-line", classes="section-title")
            number = 0
            for dim in scan.DIMENSIONS:
                yield Static(
                    Content(f"{dim.label()} ({dim.kind_label()})"),
                    classes="section-title scan-part",
                )
                for statement in dim.statements:
                    number += 1
                    yield StatementRow(statement, number)
            yield Static(Content(scan.citation()), classes="hint")
        yield Static(id="scan-status", classes="hint")
        yield Static(Content(self._keys_line()), classes="hint", id="scan-keys")
        yield PlgFooter(compact=True)

    DEFAULT_CSS = """
    ScanScreen #scan-status, ScanScreen #scan-keys { height: 1; }
    ScanScreen #scan-body { height: 1fr; }
    ScanScreen .scan-part { margin: 1 0 0 0; }
    """

    @staticmethod
    def _legend() -> str:
        return " · ".join(f"{choice_mark(v)} {scan.scale_label(v)}" for v in CHOICES)

    @staticmethod
    def _keys_line() -> str:
        return _("1-5 or ? choose · ←/→ now/desired · ↑/↓ statement · delete clears")

    def on_mount(self) -> None:
        self.title = _("The school scan")
        self.sub_title = self.session.group.view().name
        self._load()
        rows = self._rows()
        start = next((r for r in rows if not r.answered()), rows[0])
        self.set_focus(start)
        if start is rows[0]:  # the round's line and the scale first
            self.call_after_refresh(self.query_one("#scan-body").scroll_home, animate=False)

    def _rows(self) -> list[StatementRow]:
        return list(self.query(StatementRow))

    def _load(self) -> None:
        """Read the round to show and the local teacher's own answers to it."""
        access = self.session.group.scan
        self._round = access.last()
        mine = access.my_answers(self._round) if self._round is not None else None
        self._role = access.default_role(self._round)  # as before, else as the PLG has them
        self._now = dict(mine.now) if mine is not None else {}
        self._desired = dict(mine.desired) if mine is not None else {}
        self._saved = self._state()
        self._draw()

    def refresh_data(self) -> None:
        """The records changed under the screen (a sync, the database writable again): read
        the round again; answers chosen and not yet saved stay on screen."""
        if self.has_unsaved() and self._round is not None:
            shown = self._round.id  # the same round, as it is now (closed, perhaps)
            rounds = self.session.group.scan.rounds().rounds
            self._round = next((r for r in rounds if r.id == shown), self._round)
            self._draw()
        else:
            self._load()

    def _state(self) -> State:
        return (self._role, dict(self._now), dict(self._desired))

    def _draw(self) -> None:
        self.query_one("#scan-round", Static).update(self._round_text())
        for row in self._rows():
            sid = row.statement.id
            row.set_answers(self._now.get(sid), self._desired.get(sid))
        self._draw_role()
        self._draw_status()
        self.refresh_bindings()

    def _round_text(self) -> Content:
        scan_round, today = self._round, self.session.today
        if scan_round is None:
            if self._keeper():
                return Content(_("No scan round yet. Press o to open one for the PLG."))
            return Content(_("No scan round yet; the PLG's facilitator opens one."))
        label = literal(scan_rounds.label(scan_round), single_line=True)
        closes = format_date(scan_rounds.closes_on(scan_round))
        if scan_rounds.is_open(scan_round, today):
            text = _(
                "open until {date}. Change your answers as often as you like until the round "
                "closes; ctrl+s saves them, and so does leaving."
            ).format(date=closes)
            if self._keeper():
                text += " " + _("As the facilitator, you close the round early with c.")
        else:
            opens = self._opens_later(scan_round)
            if opens is not None:
                text = _("opens on {date}.").format(date=format_date(opens))
            else:
                text = _(
                    "closed: your answers are shown as you gave them and can no longer "
                    "change. f shows the group figures."
                )
        parts: list = [(_("Scan round") + " ", "bold"), literal("“", "bold"), label]
        parts += [literal("”: ", "bold"), text]
        note = self._why_fixed()
        if note and scan_rounds.is_open(scan_round, today):
            parts += ["\n", (note, "$text-warning")]
        return Content.assemble(*parts)

    def _draw_role(self) -> None:
        self.query_one("#scan-role-line").display = self._round is not None
        answered = sum(1 for r in self._rows() if r.answered())
        role = scan.role_label(self._role)
        if self._editable():
            other = scan.role_label(scan.LEADER if self._role == scan.TEACHER else scan.TEACHER)
            text = _("You answer as {role} (r: {other}) · {n} of {total} statements answered")
            line = text.format(role=role, other=other, n=answered, total=len(scan.STATEMENTS))
        else:
            line = _("Answered as {role} · {n} of {total} statements").format(
                role=role, n=answered, total=len(scan.STATEMENTS)
            )
        self.query_one("#scan-role-line", Static).update(Content(line))

    def _draw_status(self) -> None:
        row = self._focused_row()
        if row is None:
            self.query_one("#scan-status", Static).update("")
            return
        value = row.answers[row.side]
        chosen = (
            f"{choice_mark(value)} = {scan.scale_label(value)}"
            if value is not None
            else _("not answered")
        )
        line = _("{part}, statement {n}, {side}: {chosen}").format(
            part=scan.dimension(row.statement.dimension).short(),
            n=row.number,
            side=side_label(row.side),
            chosen=chosen,
        )
        self.query_one("#scan-status", Static).update(Content(line))

    # --- who may do what ----------------------------------------------------------------

    def _keeper(self) -> bool:
        plg = self.session.group.view().plg
        return plg is not None and self.session.me in group.keepers(plg)

    def _opens_later(self, scan_round: Record) -> date | None:
        """The day a round that has not opened yet opens (None when it is open or closed)."""
        opens = parse_date(scan_round.data.get("opens"))
        if opens is None or opens <= self.session.today or scan_round.data.get("closed_at"):
            return None
        return opens

    def _why_fixed(self) -> str:
        """Why the answers cannot change here ("" when they can)."""
        scan_round = self._round
        if scan_round is None:
            return _("There is no scan round to answer yet.")
        today = self.session.today
        if not scan_rounds.is_open(scan_round, today):
            opens = self._opens_later(scan_round)
            if opens is not None:
                return _("This scan round opens on {date}.").format(date=format_date(opens))
            return _("This scan round is closed; answers can no longer change.")
        if not self.session.can_edit:
            return why_read_only(True, False)
        plg = self.session.group.view().plg
        if plg is None or not group.is_member(plg, self.session.me):
            return _("Only members of the PLG answer its scan.")
        return ""

    def _editable(self) -> bool:
        return not self._why_fixed()

    @property
    def own(self) -> bool:
        return self._editable()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("choose", "clear", "role"):
            return self._editable() and (action == "role" or self._focused_row() is not None)
        if action in ("open_round", "close_round"):
            if not self._keeper() or not self.session.can_edit:
                return False
            current = self.session.group.scan.current()
            return (current is None) if action == "open_round" else (current is not None)
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str:
        if action in ("choose", "clear", "role"):
            return self._why_fixed()
        if action in ("open_round", "close_round"):
            if not self._keeper():
                return _("Only the PLG's facilitator opens and closes a scan round.")
            if not self.session.can_edit:
                return why_read_only(True, False)
            if action == "open_round":
                return _("A scan round is open; close it first (c).")
            return _("No scan round is open now.")
        return ""

    # --- moving and choosing ------------------------------------------------------------

    def _focused_row(self) -> StatementRow | None:
        focused = self.focused
        return focused if isinstance(focused, StatementRow) else None

    def on_descendant_focus(self) -> None:
        self._draw_status()
        self.refresh_bindings()

    def _set(self, row: StatementRow, side: str, value: Answer | None) -> None:
        answers = self._now if side == scan.NOW else self._desired
        if value is None:
            answers.pop(row.statement.id, None)
        else:
            answers[row.statement.id] = value
        sid = row.statement.id
        row.set_answers(self._now.get(sid), self._desired.get(sid))
        self._draw_role()
        self._draw_status()

    def action_choose(self, value: Answer) -> None:
        row = self._focused_row()
        if row is None:
            return
        self._set(row, row.side, value)
        self.action_cell(1)  # on to the next answer

    def action_clear(self) -> None:
        row = self._focused_row()
        if row is not None:
            self._set(row, row.side, None)

    def action_side(self, delta: int) -> None:
        row = self._focused_row()
        if row is not None:
            row.side = scan.DESIRED if delta > 0 else scan.NOW
            row.draw()
            self._draw_status()

    def action_cell(self, delta: int) -> None:
        """The next answer: nu → gewenst → the next statement's nu (and back)."""
        row = self._focused_row()
        if row is None:
            return
        if delta > 0 and row.side == scan.NOW:
            self.action_side(1)
        elif delta < 0 and row.side == scan.DESIRED:
            self.action_side(-1)
        else:
            self._move(delta, scan.NOW if delta > 0 else scan.DESIRED)

    def action_move(self, delta: int) -> None:
        row = self._focused_row()
        self._move(delta, row.side if row is not None else scan.NOW)

    PAGE = 4  # statements per page down or up: about what 80x24 shows

    def action_page(self, delta: int) -> None:
        """Page down and up move the statement the keys choose for, so it stays in view."""
        row = self._focused_row()
        rows = self._rows()
        if row is not None:
            index = min(max(rows.index(row) + delta * self.PAGE, 0), len(rows) - 1)
            self._move(index - rows.index(row), row.side)

    def _move(self, delta: int, side: str) -> None:
        rows = self._rows()
        row = self._focused_row()
        if row is None:
            target = rows[0]
        else:
            index = rows.index(row) + delta
            if not 0 <= index < len(rows):
                if delta > 0 and row.side == scan.DESIRED and side == scan.NOW:
                    self.notify(_("That was the last statement."), timeout=3)
                return
            target = rows[index]
        target.side = side
        self.set_focus(target)  # at once: the next key typed is for this statement
        for drawn in (row, target):
            if drawn is not None:
                drawn.draw()
        self._draw_status()
        if target is rows[0]:  # the round's line and the scale come into view too
            body = self.query_one("#scan-body", VerticalScroll)
            self.call_after_refresh(body.scroll_home, animate=False)

    @on(StatementRow.Chosen)
    def _clicked(self, event: StatementRow.Chosen) -> None:
        self.set_focus(event.row)
        if self._editable():
            self._set(event.row, event.side, event.value)
        else:
            self.notify(self._why_fixed(), title=_("Not possible now"), severity="warning")

    def action_role(self) -> None:
        self._role = scan.LEADER if self._role == scan.TEACHER else scan.TEACHER
        self._draw_role()

    def action_edge(self, delta: int) -> None:
        """ctrl+home and ctrl+end: the first or the last statement."""
        row = self._focused_row()
        rows = self._rows()
        if row is not None:
            self._move((len(rows) - 1 if delta > 0 else 0) - rows.index(row), row.side)

    # --- saving and leaving -------------------------------------------------------------

    def has_unsaved(self) -> bool:
        # Also when the round closed meanwhile: leaving then asks, and saving says why not.
        return self._state() != self._saved

    def save_form(self) -> bool:
        if self._round is None:
            return True
        try:
            self.session.group.scan.answer(self._round, self._role, self._now, self._desired)
        except PlgError as exc:
            return self.refuse(str(exc))
        self._saved = self._state()
        return True

    def discard_unsaved(self) -> None:
        self._role, now, desired = self._saved
        self._now, self._desired = dict(now), dict(desired)

    def action_figures(self) -> None:
        from .scan_results import ScanResultsScreen

        def show() -> None:
            self.app.push_screen(ScanResultsScreen(), lambda _result: self._reload())

        self.leave_then(show)

    def _reload(self) -> None:
        self._load()

    def action_open_round(self) -> None:
        from .dialogs.scan_round import OpenScanRoundDialog

        moments = [int(r.data.get("moment") or 0) for r in self.session.group.scan.rounds().rounds]

        def opened(saved: Record | None) -> None:
            if saved is not None:
                self.notify(
                    _("Scan round “{label}” is open until {date}.").format(
                        label=scan_rounds.label(saved),
                        date=format_date(scan_rounds.closes_on(saved)),
                    ),
                    timeout=6,
                )
                self._load()

        self.app.push_screen(
            OpenScanRoundDialog(self.session.today, max(moments, default=0) + 1), opened
        )

    def action_close_round(self) -> None:
        from .dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.leave_then(self._close_now)

        self.app.push_screen(
            ConfirmDialog(
                _("Close the scan round now?"),
                _(
                    "Nobody can answer or change their answers after this; the group figures "
                    "appear where at least three people answered."
                ),
                _("Close the round"),
                danger=True,
                cancel=_("Keep it open"),
            ),
            answered,
        )

    def _close_now(self) -> None:
        access = self.session.group.scan
        current = access.current()
        if current is None:
            return
        try:
            saved = access.close_round(current)
        except PlgError as exc:
            self.report_error(exc)
            return
        self.notify(
            _("Scan round “{label}” is closed.").format(label=scan_rounds.label(saved)), timeout=6
        )
        self._load()
