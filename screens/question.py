"""One learning question in one round: the hub from which the teacher reaches every step.

Shows the question, what was carried over from the previous round, the five-step
indicator, the next thing to do, and a list of the five steps, the try-outs, the
feedback and the actions of this round.  Own rounds can be edited, closed with a
decision and continued in a next round; a colleague's round is read-only, but
the teacher can add feedback to it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static

from plgcycle import cycle
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import Record, step_data
from screens.widgets.footer import PlgFooter

from .base import OnRound, PlgScreen, save_records
from .deleting import ask_to_delete, deletion
from .question_texts import closed_content, meta_parts, next_content, part_options
from .rounds import ask_before_closing, closed_refusal
from .widgets.round_summary import carried_content
from .widgets.step_indicator import StepIndicator
from .widgets.text import literal


def open_new_question(app) -> None:
    """Ask for a new learning question, store it as round 1 and open it."""
    from .dialogs.question import QuestionDialog, QuestionInput

    def created(result: QuestionInput | None) -> None:
        if result is None:
            return
        try:
            record = cycle.new_question(app.session.me, result.question, result.goal_link)
        except PlgError as error:  # the dialog already checked, but the rules decide
            app.notify(str(error), severity="error")
            return
        for path, private in result.privacy.items():
            record.set_private(path, private)
        if save_records(app, [record]):
            app.notify(_("Learning question saved. Start with step 1: the baseline."), timeout=5)
            app.push_screen(QuestionScreen(record.id))

    app.push_screen(QuestionDialog(goal_parts=app.session.group.view().goal_parts), created)


class QuestionScreen(OnRound, PlgScreen):
    """The hub of one round of a learning question."""

    ROUND_KEYS = Binding.Group(N_("other round"), compact=True)
    BINDINGS = [
        Binding("escape", "back", N_("back"), id="back"),
        Binding("1", "step(1)", N_("open step"), key_display="1-5", id="open-step"),
        Binding("2", "step(2)", N_("open step"), show=False),
        Binding("3", "step(3)", N_("open step"), show=False),
        Binding("4", "step(4)", N_("open step"), show=False),
        Binding("5", "step(5)", N_("open step"), show=False),
        Binding("e", "edit_question", N_("edit question"), id="edit-question"),
        Binding("t", "new_tryout", N_("plan try-out"), id="new-tryout"),
        Binding("f", "feedback", N_("feedback"), id="feedback"),
        Binding("a", "new_action", N_("new action"), id="new-action"),
        Binding("c", "close_round", N_("close round"), id="close-round"),
        Binding("o", "reopen_round", N_("reopen round"), id="reopen-round"),
        Binding("r", "next_round", N_("new round"), id="next-round"),
        Binding(
            "left",
            "round(-1)",
            N_("earlier round"),
            key_display="←",
            id="earlier-round",
            group=ROUND_KEYS,
        ),
        Binding(
            "right",
            "round(1)",
            N_("later round"),
            key_display="→",
            id="later-round",
            group=ROUND_KEYS,
        ),
        Binding("delete", "delete", N_("delete"), id="delete"),
    ]
    # What the footer keeps when not every key fits (F1 lists them all).
    FOOTER_FIRST = (
        "open-step",
        "new-tryout",
        "feedback",
        "close-round",
        "reopen-round",
        "next-round",
        "back",
        "earlier-round",
        "later-round",
        "delete",
        "new-action",
        "edit-question",
    )

    def __init__(self, round_id: str) -> None:
        super().__init__()
        self.round_id = round_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="question-top"):
            yield Static(id="question-text")
            yield Static(id="question-meta")
            yield Static(id="question-carried", classes="carried")
            yield Static(id="question-closed", classes="banner")
            yield StepIndicator(id="question-steps")
            yield Static(id="question-next", classes="next-action")
        yield OptionList(id="parts")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#parts", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    # --- data ---------------------------------------------------------------------------------

    def chain(self) -> list[Record]:
        index = self.index()
        return index.chain(index.rounds[self.round_id])

    def refresh_data(self) -> None:
        index = self.index()
        if self.round_id not in index.rounds:  # deleted: back to where it was opened from
            if self.is_current:  # (not while a dialog is still on top: on resume then)
                self.dismiss()
            return
        view = index.view(self.round_id)
        chain = self.chain()
        position = next((i for i, r in enumerate(chain) if r.id == view.id), 0)
        self.title = _("Learning question")
        self.sub_title = (
            _("round {n} of {total}").format(n=view.number, total=len(chain))
            if len(chain) > 1
            else _("round {n}").format(n=view.number)
        )
        self.query_one("#question-text", Static).update(literal(view.question, "bold"))

        owner_name = None if self.mine else index.person_name(view.round.owner)
        meta = meta_parts(
            view,
            chain,
            position,
            owner_name,
            can_edit=self.session.can_edit,
            unsigned=owner_name is not None and view.round.sig is None,
        )
        meta_widget = self.query_one("#question-meta", Static)
        meta_widget.update(Content.assemble(*meta))
        meta_widget.display = bool(meta)

        carried = carried_content(view.round, self.chain())
        carried_widget = self.query_one("#question-carried", Static)
        carried_widget.display = carried is not None
        if carried is not None:
            carried_widget.update(carried)

        closed = self.query_one("#question-closed", Static)
        closed.display = view.closed
        if view.closed:
            closed.update(closed_content(view))

        indicator = self.query_one("#question-steps", StepIndicator)
        indicator.progress = view.progress
        indicator.selected = 0 if view.closed else view.current_step
        next_line = self.query_one("#question-next", Static)
        next_line.display = view.round.owner == self.session.me  # advice is for the owner
        next_line.update(next_content(view, self.chain(), self.session.today))
        self._fill_parts(view)
        self.refresh_bindings()

    def _fill_parts(self, view: cycle.RoundView) -> None:
        parts = self.query_one("#parts", OptionList)
        highlighted = parts.highlighted_option.id if parts.highlighted_option else None
        options = part_options(view, self.mine, self.session.today)
        parts.clear_options()
        parts.add_options(options)
        ids = [o.id for o in options if o is not None]  # separators are not options
        if highlighted is not None and highlighted in ids:
            parts.highlighted = ids.index(highlighted)
        elif view.closed:
            parts.highlighted = 4
        else:
            parts.highlighted = view.current_step - 1

    # --- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.round_id not in self.index().rounds:
            return action == "back"
        view = self.view
        own = self.own
        if action == "new_tryout":
            return own and not view.closed  # reopen the round (o) to add to it
        if action in ("edit_question", "new_action", "delete"):
            if action == "delete":
                highlighted = self.query_one("#parts", OptionList).highlighted_option
                return (
                    own
                    and highlighted is not None
                    and (highlighted.id or "").startswith(("tryout:", "action:"))
                )
            return own
        if action == "close_round":
            return own and not view.closed
        if action == "reopen_round":
            return own and bool(cycle.can_reopen(view.round, self.chain()))
        if action == "next_round":
            return own and bool(cycle.can_start_next_round(view.round, self.chain()))
        if action == "round":
            chain = self.chain()
            position = next(i for i, r in enumerate(chain) if r.id == view.id)
            target = position + int(parameters[0])
            return 0 <= target < len(chain)
        return True

    def why_not(self, action: str) -> str:
        if self.round_id not in self.index().rounds:
            return ""
        view = self.view
        changes = ("edit_question", "new_tryout", "new_action", "close_round", "reopen_round")
        if action in (*changes, "next_round", "delete"):
            note = self.read_only_note("f")
            if note:
                return note
        if action == "reopen_round":
            return cycle.can_reopen(view.round, self.chain()).reason
        if action == "next_round":
            return cycle.can_start_next_round(view.round, self.chain()).reason
        if action == "close_round" and view.closed:
            return _("This round is already closed. Press o to reopen it.")
        if action == "new_tryout" and view.closed:
            return closed_refusal()
        if action == "delete":
            return _("Highlight a try-out or an action in the list to delete it.")
        return ""

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#parts")
    def _open(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, value = (event.option.id or "").partition(":")
        if kind == "step":
            self.action_step(int(value))
        elif kind == "tryout":
            from .tryout import TryoutScreen

            self.app.push_screen(TryoutScreen(self.round_id, value))
        elif kind == "feedback":
            self.action_feedback()
        elif kind == "action":
            from .action import ActionScreen

            self.app.push_screen(ActionScreen(value))

    @on(StepIndicator.StepChosen)
    def _step_chosen(self, event: StepIndicator.StepChosen) -> None:
        self.action_step(event.number)

    def action_back(self) -> None:
        self.dismiss()

    def action_step(self, number: int) -> None:
        from .step import StepScreen

        self.app.push_screen(StepScreen(self.round_id, number))

    def action_round(self, delta: int) -> None:
        chain = self.chain()
        position = next(i for i, r in enumerate(chain) if r.id == self.round_id)
        target = position + delta
        if 0 <= target < len(chain):
            self.round_id = chain[target].id
            self.query_one("#parts", OptionList).highlighted = None
            self.refresh_data()

    def action_edit_question(self) -> None:
        from .dialogs.question import QuestionDialog, QuestionInput

        round_rec = self.view.round

        def edited(result: QuestionInput | None) -> None:
            if result is None:
                return
            updated = round_rec.copy()
            updated.data["question"] = result.question
            updated.data["goal_link"] = result.goal_link
            for path, private in result.privacy.items():
                updated.set_private(path, private)
            if self.save(updated):
                self.notify(_("Learning question saved."), timeout=3)
                self.refresh_data()

        self.app.push_screen(
            QuestionDialog(
                round_rec.text("question"),
                round_rec.text("goal_link"),
                editing=True,
                private_paths=round_rec.private_paths,
                goal_parts=self.session.group.view().goal_parts,
            ),
            edited,
        )

    def action_new_tryout(self) -> None:
        from .tryout import TryoutScreen

        self.app.push_screen(TryoutScreen(self.round_id, None))

    def action_feedback(self) -> None:
        from .feedback import FeedbackScreen

        self.app.push_screen(FeedbackScreen(self.round_id))

    def action_new_action(self) -> None:
        from .action import open_new_action

        open_new_action(self.app, round_id=self.round_id)

    def action_close_round(self) -> None:
        from .dialogs.close_round import CloseRoundDialog, CloseRoundInput

        view = self.view
        apply = step_data(view.round, "apply")

        def ask() -> None:
            self.app.push_screen(
                CloseRoundDialog(
                    apply.get("decision"),
                    apply.get("conclusions") or "",
                    apply.get("next") or "",
                    private_paths=view.round.private_paths,
                ),
                closed,
            )

        def closed(result: CloseRoundInput | None) -> None:
            if result is None:
                return
            try:
                updated = cycle.save_step(view.round, "apply", {"next": result.next})
                updated = cycle.close_round(
                    updated, result.decision, result.conclusions, now=self.session.now()
                )
            except PlgError as error:  # the cycle rules refuse (no conclusions, ...)
                self.notify(str(error), severity="error")
                return
            for path, private in result.privacy.items():
                updated.set_private(path, private)
            # A round reopened after its next round started: the carried copies follow.
            carried = cycle.carried_privacy(updated, self.chain())
            if self.save(updated, *carried):
                self.notify(_("Round closed. Press r to start the next round."), timeout=6)
                self.refresh_data()

        ask_before_closing(self.app, view, ask)

    def action_reopen_round(self) -> None:
        try:
            reopened = cycle.reopen_round(self.view.round, self.chain())
        except PlgError as error:
            self.notify(str(error), severity="error")
            return
        if self.save(reopened):
            self.notify(_("Round reopened."), timeout=3)
            self.refresh_data()

    def action_next_round(self) -> None:
        try:
            new_round = cycle.start_next_round(self.view.round, self.chain())
        except PlgError as error:
            self.notify(str(error), severity="error")
            return
        if self.save(new_round):
            self.round_id = new_round.id
            self.notify(
                _("Round {n} started: your question and conclusions are carried forward.").format(
                    n=new_round.data.get("round_no")
                ),
                timeout=6,
            )
            self.query_one("#parts", OptionList).highlighted = None
            self.refresh_data()

    def action_delete(self) -> None:
        option = self.query_one("#parts", OptionList).highlighted_option
        if option is None:
            return
        kind, _sep, record_id = (option.id or "").partition(":")
        record = self.session.get(record_id)
        if record is None or kind not in ("tryout", "action"):
            return
        message, records = deletion(record, self.view.measures)
        ask_to_delete(self, message, records, then=self.refresh_data)

    def palette_commands(self):
        if not self.own:
            return []

        def delete_question() -> None:
            view = self.view
            index = self.index()
            records: list[Record] = []
            for rnd in index.chain(view.round):
                rv = index.view(rnd.id)
                records += [
                    r for r in (rnd, *rv.tryouts, *rv.measures, *rv.actions) if r.owner == rnd.owner
                ]
            ask_to_delete(
                self,
                _(
                    "Delete this learning question with all its rounds, try-outs, measures and "
                    "actions? Feedback from colleagues stays in their files."
                ),
                records,
                title=_("Delete learning question"),
                done=_("Learning question deleted."),
                timeout=4,
                then=self.refresh_data,  # which closes this screen: its question is gone
            )

        commands = [
            (
                _("Delete this learning question"),
                _("Removes the question with all its rounds (asks first)"),
                delete_question,
            )
        ]
        option = self.query_one("#parts", OptionList).highlighted_option
        kind = (option.id or "").partition(":")[0] if option is not None else ""
        if kind in ("tryout", "action"):
            commands.append(
                (
                    _("Delete the highlighted try-out")
                    if kind == "tryout"
                    else _("Delete the highlighted action"),
                    _("Removes it from this round (asks first)"),
                    self.action_delete,
                )
            )
        return commands
