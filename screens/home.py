"""Home: the teacher's learning questions, the actions before the next meeting, colleagues' questions.

Each own question shows its round, the five-step indicator and the next thing to
do; overdue actions stand out; colleagues' questions (after an import) are in a
separate, read-only list.  An empty database says what to press.  Once the PLG's
record has arrived, the greeting takes the PLG's name, the teacher's subgroup and
the next meeting from it (nobody types them), the shared goal and what the last
meeting agreed are shown, and the teacher's group actions join their own actions.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle import meetings
from plgcycle.cycle import HOME_COLLEAGUES, RoundView, colleague_rounds
from plgcycle.group import keepers as plg_keepers
from plgcycle.groupview import GroupView, OpenAction
from plgcycle.i18n import N_, _, days_phrase, format_date, ngettext
from plgcycle.model import FB_OPEN, STEPS, Record, parse_date
from screens.widgets.footer import PlgFooter

from .base import PlgScreen
from .deleting import ask_to_delete, deletion
from .widgets.colleague_list import ColleagueList, colleague_heading
from .widgets.lists import refill
from .widgets.step_indicator import MARK_DONE, MARK_OPEN
from .widgets.text import literal, one_line


def progress_marks(view: RoundView) -> Content:
    return Content.assemble(
        *[
            (MARK_DONE, "$text-success") if done else (MARK_OPEN, "$text-muted")
            for done in view.progress
        ]
    )


def step_phrase(view: RoundView) -> str:
    if view.closed:
        return _("closed")
    step = STEPS[view.current_step - 1]
    return _("step {n} {title}").format(n=step.number, title=_(step.title))


def own_prompt(view: RoundView, today, open_feedback: int) -> Content:
    parts: list = [
        literal(view.question, "bold"),
        "\n",
        (_("Round {n}").format(n=view.number), "$text-muted"),
        "  ",
        progress_marks(view),
        "  ",
        step_phrase(view),
    ]
    if open_feedback:
        parts += [
            "  ",
            (
                ngettext("{n} open feedback", "{n} open feedback", open_feedback).format(
                    n=open_feedback
                ),
                "$text-warning",
            ),
        ]
    parts += ["\n", ("→ " + view.next_action(today), "italic")]
    return Content.assemble(*parts)


def _checked_prompt(
    text: str, done: bool, due_text, today, *, tag: str = "", say_late: bool = True
) -> Content:
    """A line of the actions list: tick, text, an optional tag and the date (late stands out)."""
    parts: list = [
        ("☑ " if done else "☐ ", "$text-muted"),
        literal(text, "$text-muted strike" if done else ""),
    ]
    if tag:
        parts.append(("  " + tag, "$text-muted"))
    due = parse_date(due_text)
    if due:
        late = due < today and not done
        when = (
            "  "
            + _("by {date}").format(date=format_date(due))
            + " · "
            + days_phrase((due - today).days)
        )
        parts.append((when, "bold $text-error" if late else "$text-muted"))
        if late and say_late:
            parts.append(("  " + _("date passed"), "bold $text-warning"))
    return Content.assemble(*parts)


def action_prompt(action: Record, today) -> Content:
    data = action.data
    return _checked_prompt(action.text("text"), bool(data.get("done")), data.get("due"), today)


def group_action_prompt(action: OpenAction, today) -> Content:
    """A group action of the teacher's, agreed at a meeting: like their own, marked as the group's."""
    item = action.item
    return _checked_prompt(
        item.get("text", ""),
        action.done,
        item.get("due"),
        today,
        tag=_("(group action)"),
        say_late=False,
    )


def group_lines(group: GroupView) -> Content:
    """The shared goal and what the last meeting agreed (v opens its whole report)."""
    parts: list = []
    if group.goal:
        parts += [(_("Shared goal") + ": ", "bold"), literal(group.goal, single_line=True)]
    last = group.last_held
    if last is not None:
        agreed = meetings.lines(last, "agreements")
        if parts:
            parts.append("\n")
        parts.append(
            (
                _("Agreed on {date}").format(date=format_date(meetings.day_of(last))) + ": ",
                "bold",
            )
        )
        parts.append(literal(" · ".join(agreed), single_line=True) if agreed else _("nothing"))
        parts.append(("  (" + _("v: read the report") + ")", "$text-muted"))
    return Content.assemble(*parts)


def open_feedback_count(view: RoundView) -> int:
    return sum(1 for f in view.feedback if view.feedback_status(f.id) == FB_OPEN)


class HomeScreen(PlgScreen):
    """The first screen after the first run."""

    BINDINGS = [
        Binding("n", "new_question", N_("new question"), id="new-question"),
        Binding("a", "new_action", N_("new action"), id="new-action"),
        Binding("d", "toggle_done", N_("done / not done"), id="toggle-done"),
        Binding("delete", "delete_action", N_("delete"), id="delete-action"),
        Binding("c", "colleagues", N_("all colleagues"), id="colleagues"),
        Binding("x", "app.open('export')", N_("share"), id="share"),
        Binding("i", "app.open('import')", N_("import"), id="import"),
        Binding("s", "app.open('sync')", N_("sync"), id="sync", show=False),
        Binding("p", "profile", N_("my details"), id="profile"),
        Binding("v", "verslag", N_("last meeting's report"), id="verslag"),
        Binding("m", "meeting", N_("the meeting (facilitator)"), id="meeting"),
        Binding("g", "plg", N_("the PLG"), id="plg"),
        Binding("k", "app.open('scan')", N_("school scan"), id="scan", show=False),
        Binding("ctrl+q", "app.quit", N_("quit"), id="quit-home"),
    ]
    HELP_TITLE = N_("Home")
    # What the footer keeps when not every key fits (F1 lists them all).
    FOOTER_FIRST = (
        "new-question",
        "new-action",
        "toggle-done",
        "share",
        "import",
        "colleagues",
        "quit-home",
    )

    def compose(self) -> ComposeResult:
        yield Header()
        # Scrolls when the terminal is too small for it all: a list with the focus is
        # scrolled into view, never left below the footer.
        with VerticalScroll(id="home"):
            if self.session.has_database and self.session.readonly:
                yield Static(
                    Content(
                        _(
                            "Read-only: this database is open in another plgcycle "
                            "window. Close that one to make changes here."
                        )
                    ),
                    id="readonly-banner",
                    classes="banner -warning",
                )
            yield Static(id="greeting")
            yield Static(id="group-info", classes="hint")
            yield Static(id="share-status", classes="hint")
            yield Static(Content(_("My learning questions")), classes="section-title")
            yield Static(id="own-empty", classes="empty")
            yield OptionList(id="own-questions", classes="-list")
            yield Static(
                Content(_("Before the next meeting")), classes="section-title", id="actions-title"
            )
            yield OptionList(id="actions", classes="-list")
            yield Static(classes="section-title", id="colleagues-title")
            yield Static(id="colleagues-empty", classes="empty")
            yield Static(colleague_heading(), id="colleagues-head", classes="list-head")
            yield ColleagueList(
                id="colleague-questions", classes="-list", heading="colleagues-head"
            )
            yield Static(id="colleagues-more", classes="hint")
        yield PlgFooter(compact=True)

    _shown_version = -1
    _has_report = False  # a meeting was held: v reads its report
    _has_plg = False
    _keeps_meetings = False  # the facilitator or a note-taker: m opens the meeting

    def on_mount(self) -> None:
        self.title = "plgcycle"
        self.refresh_data()
        own = self.query_one("#own-questions", OptionList)
        if own.option_count:
            own.focus()

    def on_screen_resume(self) -> None:
        if self.session.data_version != self._shown_version:
            self.refresh_data()

    # --- filling the lists -------------------------------------------------------------

    def refresh_data(self) -> None:
        index = self.session.index()
        me = self.session.me
        today = self.session.today
        person = index.persons.get(me or "")
        self.sub_title = person.text("name") if person else ""
        group = self.session.group.view(index)
        self.query_one("#greeting", Static).update(self._greeting(person, today, group))
        info = self.query_one("#group-info", Static)
        info.update(group_lines(group))
        info.display = bool(group.goal or group.last_held)
        self._has_report = group.last_held is not None
        self._has_plg = group.plg is not None
        self._keeps_meetings = group.plg is not None and me in plg_keepers(group.plg)

        own_rounds = list(reversed(index.latest_rounds(owner=me))) if me else []
        own = [
            Option(own_prompt(v, today, open_feedback_count(v)), id=f"round:{v.id}")
            for v in (index.view(r.id) for r in own_rounds)
        ]
        self._fill("#own-questions", own)
        empty = self.query_one("#own-empty", Static)
        empty.display = not own
        if not own:
            empty.update(
                Content(
                    _(
                        "You have no learning question yet. Press n to formulate "
                        "your first one; F1 shows all keys."
                    )
                )
            )

        actions = [a for a in index.actions_of(me)] if me else []
        actions.sort(key=lambda a: (bool(a.data.get("done")), a.data.get("due") or "9999"))
        group_actions = group.actions_of(me) if me else []
        group_actions.sort(key=lambda a: (a.done, a.item.get("due") or "9999"))
        self._fill(
            "#actions",
            [Option(action_prompt(a, today), id=f"action:{a.id}") for a in actions]
            + [
                Option(group_action_prompt(a, today), id=f"group:{a.item['id']}")
                for a in group_actions
            ],
        )
        shown = bool(actions or group_actions)
        self.query_one("#actions", OptionList).display = shown
        self.query_one("#actions-title", Static).display = shown

        self.query_one("#colleagues-title", Static).update(
            Content(
                _("Colleagues' questions (read-only; press enter to give feedback)")
                if self.session.can_edit
                else _("Colleagues' questions (read-only)")
            )
        )
        others = colleague_rounds(index, me)
        hidden = self.session.colleague_questions(others) - HOME_COLLEAGUES
        table = self.query_one("#colleague-questions", ColleagueList)
        table.fill(index, others[:HOME_COLLEAGUES])
        table.display = bool(others)
        self.query_one("#colleagues-head", Static).display = bool(others)
        more = self.query_one("#colleagues-more", Static)
        more.display = hidden > 0
        more.update(
            Content(
                ngettext(
                    "{n} more question of colleagues: press c to see and search all of them.",
                    "{n} more questions of colleagues: press c to see and search all of them.",
                    hidden,
                ).format(n=hidden)
            )
        )
        hint = self.query_one("#colleagues-empty", Static)
        hint.display = not others
        hint.update(
            Content(_("Colleagues' questions appear here after you import their export file."))
        )
        self._shown_version = self.session.data_version
        self.share_status_changed()
        self.refresh_bindings()

    def share_status_changed(self) -> None:
        """The shared folder's line (set by screens.sharing after a sync; none before)."""
        sync = getattr(self.app, "_share_sync", None)
        status = self.query_one("#share-status", Static)
        text = sync.status if sync is not None and self.session.can_edit else ""
        status.display = bool(text)
        status.update(Content(text))

    def _greeting(self, person: Record | None, today, group: GroupView) -> Content:
        if person is None:
            return Content(_("Welcome to plgcycle."))
        parts: list = [literal(person.text("name"), "bold", single_line=True)]
        # What the facilitator's PLG record says wins over what the teacher typed.
        plg = group.name or person.text("plg")
        if plg:
            parts += ["  ·  ", literal(plg, single_line=True)]
        subgroup = group.subgroup()  # as the facilitator set it (what was typed is not shown)
        if subgroup:
            label = _("subgroup {name}").format(name=subgroup)
            parts += ["  ·  ", literal(label, single_line=True)]
        meeting = group.next_date or parse_date(person.data.get("next_meeting"))
        parts.append("  ·  ")
        if meeting:
            parts.append(
                (
                    _("next meeting: {date} ({when})").format(
                        date=format_date(meeting), when=days_phrase((meeting - today).days)
                    ),
                    "bold" if 0 <= (meeting - today).days <= 7 else "",
                )
            )
        else:
            parts.append(
                (
                    _("no date for the next meeting yet")
                    if group.plg
                    else _("no date for the next meeting yet (p: my details)"),
                    "$text-muted",
                )
            )
        return Content.assemble(*parts)

    def _fill(self, selector: str, options: list[Option]) -> None:
        refill(self.query_one(selector, OptionList), options)

    # --- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("toggle_done", "delete_action"):
            focused = self.focused
            return self.session.can_edit and focused is not None and focused.id == "actions"
        if action in ("new_question", "new_action", "profile"):
            return self.session.can_edit
        if action == "colleagues":
            return self.query_one("#colleagues-more").display
        if action == "verslag":
            return self._has_report
        if action == "meeting":
            return self.session.can_edit and self._keeps_meetings
        if action == "plg":
            return self._has_plg or self.session.can_edit
        return True

    def action_colleagues(self) -> None:
        from .colleagues import ColleaguesScreen

        self.app.push_screen(ColleaguesScreen())

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, record_id = (event.option.id or "").partition(":")
        if kind in ("round", "colleague"):
            from .question import QuestionScreen

            self.app.push_screen(QuestionScreen(record_id))
        elif kind == "action":
            from .action import ActionScreen

            self.app.push_screen(ActionScreen(record_id))
        elif kind == "group":  # a group action: the report of the meeting that agreed it
            from .meeting_verslag import VerslagScreen

            me = self.session.me or ""
            found = [
                a for a in self.session.group.view().actions_of(me) if a.item["id"] == record_id
            ]
            if found:
                self.app.push_screen(VerslagScreen(found[0].meeting.id))

    def action_new_question(self) -> None:
        from .question import open_new_question

        open_new_question(self.app)

    def action_new_action(self) -> None:
        from .action import open_new_action

        open_new_action(self.app)

    def action_meeting(self) -> None:
        from .meeting import MeetingScreen

        self.app.push_screen(MeetingScreen())

    def action_plg(self) -> None:
        from .plg import PlgGroupScreen

        self.app.push_screen(PlgGroupScreen())

    def action_verslag(self) -> None:
        from .meeting_verslag import VerslagScreen

        last = self.session.group.view().last_held
        self.app.push_screen(VerslagScreen(last.id if last else None))

    def action_profile(self) -> None:
        from .profile import ProfileScreen

        self.app.push_screen(ProfileScreen())

    def _highlighted_action(self) -> Record | None:
        option = self.query_one("#actions", OptionList).highlighted_option
        return self.session.get((option.id or "").partition(":")[2]) if option else None

    def action_delete_action(self) -> None:
        record = self._highlighted_action()
        if record is not None and record.owner == self.session.me:
            message, records = deletion(record)
            ask_to_delete(self, message, records, then=self.refresh_data)

    def palette_commands(self):
        """Deleting each of the teacher's actions (the palette finds them by "verwijder")."""
        me = self.session.me
        if not self.session.can_edit or me is None:
            return []

        def deleter(record: Record):
            def delete() -> None:
                message, records = deletion(record)
                ask_to_delete(self, message, records, then=self.refresh_data)

            return delete

        return [
            (
                _("Delete action: {text}").format(text=one_line(record.text("text"), 50)),
                _("Removes the action (asks first)"),
                deleter(record),
            )
            for record in self.session.index().actions_of(me)
        ]

    def action_toggle_done(self) -> None:
        actions = self.query_one("#actions", OptionList)
        option = actions.highlighted_option
        if option is None:
            return
        kind, _sep, key = (option.id or "").partition(":")
        if kind == "group":
            self._toggle_group_action(key)
            return
        record = self.session.get(key)
        if record is None:
            return
        record.data["done"] = not record.data.get("done")
        if self.save(record):
            self.notify(
                _("Marked as done.") if record.data["done"] else _("Marked as not done."), timeout=3
            )
            self.refresh_data()

    def _toggle_group_action(self, item_id: str) -> None:
        from plgcycle.errors import PlgError

        me = self.session.me
        found = [
            a for a in self.session.group.view().actions_of(me or "") if a.item["id"] == item_id
        ]
        if not found:
            return
        try:
            self.session.group.mark_done(found[0], not found[0].done)
        except PlgError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(
            _("Marked as done.") if not found[0].done else _("Marked as not done."), timeout=3
        )
        self.refresh_data()
