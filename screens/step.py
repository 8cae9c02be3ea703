"""One of the five steps of a round as a form, with the guidance of that step.

The fields come from :data:`plgcycle.model.STEPS`.  Around the form each step
shows what belongs to it: the conclusions carried from the previous round
(step 1), the try-outs (steps 2 and 3), every try-out's prediction beside its
result and a chart per measure (step 4), and closing the round (step 5).
Feedback given on the step is listed under the form.  Moving to another step,
opening a try-out or leaving saves the form first (or asks when it cannot).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle import cycle
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _, format_date
from plgcycle.model import DECISIONS, STEPS, step_data
from screens.widgets.footer import PlgFooter

from .base import FormScreen, OnRound, why_read_only
from .feedback import add_feedback, feedback_list_content, person_names
from .rounds import ask_before_closing, closed_note, closed_refusal
from .widgets.field_form import FieldForm
from .widgets.prediction import PredictionResult
from .widgets.round_summary import carried_content, tryout_name, tryout_summary
from .widgets.run_chart import run_charts
from .widgets.step_indicator import StepIndicator
from .widgets.text import literal


class StepScreen(OnRound, FormScreen):
    """Step ``number`` (1-5) of one round."""

    STEP_KEYS = Binding.Group(N_("step ←/→"), compact=True)
    BINDINGS = [
        Binding("ctrl+b", "go(-1)", N_("previous step"), id="previous-step", group=STEP_KEYS),
        Binding("ctrl+n", "go(1)", N_("next step"), id="next-step", group=STEP_KEYS),
        Binding("ctrl+t", "new_tryout", N_("plan try-out"), id="new-tryout"),
        Binding("ctrl+f", "feedback", N_("feedback"), id="feedback"),
        Binding("ctrl+r", "close_round", N_("close round"), id="close-round"),
    ]
    FOOTER_FIRST = (
        "save",
        "back",
        "feedback",
        "close-round",
        "new-tryout",
        "previous-step",
        "next-step",
        "toggle-private",
    )

    def __init__(self, round_id: str, number: int) -> None:
        super().__init__()
        self.round_id = round_id
        self.number = min(max(number, 1), 5)
        self.step = STEPS[self.number - 1]

    # --- data -------------------------------------------------------------------------------

    # --- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        view = self.view
        step = self.step
        yield Header()
        yield StepIndicator(view.progress, self.number, id="step-indicator")
        with VerticalScroll(id="step-body"):
            yield Static(literal(view.question, "$text-muted"), classes="step-question")
            yield Static(Content(_(step.guidance)), classes="guidance")
            note = self.read_only_note("ctrl+f")
            if note:
                yield Static(Content(note), classes="banner -warning", id="read-only-note")
            elif view.closed:
                yield Static(Content(closed_note(view)), classes="banner", id="closed-note")
            if step.key == "baseline":
                yield from self._carried(view)
            if step.key == "analyse":
                yield from self._tryout_list()
                yield Vertical(id="results")
            yield FieldForm(
                step.fields,
                step_data(view.round, step.key),
                private_paths=view.round.private_paths,
                path_prefix=f"steps.{step.key}.",
                readonly=not self.own,
                id="step-form",
            )
            if step.key in ("approach", "implement"):
                yield from self._tryout_list()
            if step.key == "apply":
                yield Static(id="close-hint", classes="hint")
            yield Static(Content(_("Feedback on this step")), classes="section-title")
            yield Static(id="step-feedback")
        yield PlgFooter(compact=True)

    def _tryout_list(self) -> ComposeResult:
        yield Static(Content(_("Try-outs in class (enter opens one)")), classes="section-title")
        yield Static(id="tryouts-empty", classes="empty")
        yield OptionList(id="tryouts", classes="-inline")

    def _carried(self, view: cycle.RoundView) -> ComposeResult:
        carried = carried_content(view.round, self.index().chain(view.round))
        if carried is not None:
            yield Static(carried, classes="carried")

    def _results(self, view: cycle.RoundView) -> list:
        return list(self._result_widgets(view))

    def _result_widgets(self, view: cycle.RoundView):
        if view.tryouts:
            yield Static(Content(_("Prediction and result per try-out")), classes="section-title")
        for tryout in view.tryouts:
            measures = [m for m in view.measures if m.data.get("tryout") == tryout.id]
            yield Static(
                Content.assemble(
                    ("✎ ", "$accent"),
                    (_("Try-out"), "bold"),
                    " ",
                    literal(tryout_name(tryout, 200), single_line=True),
                ),
                classes="tryout-title",
            )
            yield PredictionResult(tryout, measures)
        charts = run_charts(self.session.records(), view.round.owner, view.measures)
        if charts:
            yield Static(Content(_("Measures across try-outs and rounds")), classes="section-title")
            yield from charts

    def on_mount(self) -> None:
        self.title = _("Step {n} of 5: {title}").format(n=self.number, title=_(self.step.title))
        self.sub_title = _(self.step.activity)
        self.refresh_data()
        form = self.query_one(FieldForm)
        editors = form.query("Input, TextArea, RadioSet")
        if editors:
            editors.first().focus()
        else:
            self.query_one("#step-body").focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        view = self.view
        self.query_one(StepIndicator).progress = view.progress
        if self.step.key in ("approach", "implement", "analyse"):
            listing = self.query_one("#tryouts", OptionList)
            listing.clear_options()
            listing.add_options(
                [
                    Option(tryout_summary(t, view.measures, self.session.today), id=t.id)
                    for t in view.tryouts
                ]
            )
            if view.tryouts:
                listing.highlighted = 0  # Enter opens the first one straight away
            listing.display = bool(view.tryouts)
            empty = self.query_one("#tryouts-empty", Static)
            empty.display = not view.tryouts
            empty.update(
                Content(
                    _(
                        "No try-out yet. Press ctrl+t to plan one: class, date, "
                        "what, evidence, success and your prediction."
                    )
                )
            )
        if self.step.key == "analyse":
            results = self.query_one("#results", Vertical)
            results.remove_children()
            results.mount_all(self._results(view))
        if self.step.key == "apply":
            hint = self.query_one("#close-hint", Static)
            if view.closed:
                decision = (
                    _(dict(DECISIONS).get(view.decision or "", "–")) if view.decision else "–"
                )
                hint.update(
                    Content(
                        _("Round closed on {date}. Decision: {decision}.").format(
                            date=format_date(view.round.data.get("closed_at")), decision=decision
                        )
                    )
                )
            else:
                hint.update(
                    Content(
                        _(
                            "Choose a decision and write your conclusions, then press "
                            "ctrl+r to close the round."
                        )
                    )
                )
        feedback = [f for f in view.feedback if f.data.get("step") == self.step.key]
        self.query_one("#step-feedback", Static).update(
            feedback_list_content(
                feedback,
                view,
                own=self.mine,
                me=self.session.me,
                can_add=self.session.can_edit,
                names=person_names(self.session),
            )
        )
        self.refresh_bindings()

    # --- saving -------------------------------------------------------------------------------

    def save_form(self) -> bool:
        form = self.query_one(FieldForm)
        values = self.checked_values(form)
        if values is None:
            return False
        try:
            updated = cycle.save_step(self.view.round, self.step.key, values)
        except PlgError as error:
            self.save_problem = str(error)
            self.report_error(error)
            return False
        for path, private in form.privacy().items():
            updated.set_private(path, private)
        # What this round carried into a next one follows the marks of where it came from,
        # in the same write.
        carried = cycle.carried_privacy(updated, self.index().chain(updated))
        if not self.save(updated, *carried):
            self.save_problem = _("The database could not be written; your text is still here.")
            return False
        form.mark_saved()
        self.refresh_data()
        return True

    # --- keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "go":
            target = self.number + int(parameters[0])
            return 1 <= target <= 5
        if action == "new_tryout":
            return (
                self.own
                and not self.view.closed
                and self.step.key in ("approach", "implement", "analyse")
            )
        if action == "feedback":
            return self.session.can_edit
        if action == "close_round":
            return self.own and self.step.key == "apply" and not self.view.closed
        if action == "save":
            return self.own
        return True

    def why_not(self, action: str) -> str:
        note = self.read_only_note("ctrl+f")
        if action in ("new_tryout", "close_round", "save") and note:
            return note
        if action == "feedback" and not self.session.can_edit:
            return note or why_read_only(self.mine, False)
        if action in ("new_tryout", "close_round") and self.view.closed:
            return (
                closed_refusal()
                if action == "new_tryout"
                else _("This round is already closed. Press o on the question screen to reopen it.")
            )
        if action == "new_tryout":
            return _("Plan a try-out in step 2, 3 or 4, or with t on the question screen.")
        if action == "close_round":
            return _("Close the round in step 5, or with c on the question screen.")
        return ""

    def action_go(self, delta: int) -> None:
        self.go_to(self.number + delta)

    def go_to(self, number: int) -> None:
        if not 1 <= number <= 5 or number == self.number:
            return
        self.leave_then(lambda: self.app.switch_screen(StepScreen(self.round_id, number)))

    @on(StepIndicator.StepChosen)
    def _chosen(self, event: StepIndicator.StepChosen) -> None:
        self.go_to(event.number)

    @on(OptionList.OptionSelected, "#tryouts")
    def _open_tryout(self, event: OptionList.OptionSelected) -> None:
        self._open_tryout_screen(event.option.id)

    def _open_tryout_screen(self, tryout_id: str | None) -> None:
        from .tryout import TryoutScreen

        self.leave_then(lambda: self.app.push_screen(TryoutScreen(self.round_id, tryout_id)))

    def action_new_tryout(self) -> None:
        self._open_tryout_screen(None)

    def action_feedback(self) -> None:
        self.leave_then(
            lambda: add_feedback(
                self.app, self.round_id, about=f"step:{self.step.key}", done=self.refresh_data
            )
        )

    def action_close_round(self) -> None:
        def close() -> None:
            view = self.view
            decision = view.decision
            if decision is None:
                self.notify(_("Choose a decision: keep, adjust or drop."), severity="error")
                self.query_one(FieldForm).focus_field("decision")
                return
            ask_before_closing(self.app, view, lambda: close_now(view, decision))

        def close_now(view: cycle.RoundView, decision: str) -> None:
            try:
                updated = cycle.close_round(view.round, decision, now=self.session.now())
            except PlgError as error:
                self.notify(str(error), severity="error")
                self.query_one(FieldForm).focus_field("conclusions")
                return
            if self.save(updated):
                self.notify(
                    _("Round closed. On the question screen, r starts the next round."), timeout=6
                )
                self.refresh_data()

        self.leave_then(close)
