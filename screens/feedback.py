"""Peer feedback on one round: tops, tips and questions, and what the owner did with them.

The owner of the round marks each piece of feedback as open, taken on or not
taken on (``s`` cycles).  Anyone can add feedback: on their own round they note
what a named colleague said; on a colleague's round they add their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle import cycle
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _, format_date
from plgcycle.model import (
    FB_ADOPTED,
    FB_NOT_ADOPTED,
    FB_OPEN,
    FEEDBACK_STATUSES,
    FEEDBACK_TYPES,
    QUESTION,
    STEP_BY_KEY,
    STEPS,
    TIP,
    TOP,
    Record,
)
from plgcycle.review.labels import noted_label
from plgcycle.textsafe import printable
from plgcycle.verdict import noted_for_someone_else
from screens.widgets.footer import PlgFooter

from .base import OnRound, PlgScreen, save_records, why_read_only
from .bindings import describe_key
from .widgets.round_summary import tryout_name
from .widgets.text import literal, one_line

TYPE_STYLE = {TOP: "bold $text-success", TIP: "bold $text-accent", QUESTION: "bold $text-primary"}
STATUS_STYLE = {
    FB_OPEN: "$text-warning",
    FB_ADOPTED: "$text-success",
    FB_NOT_ADOPTED: "$text-muted",
}
STATUS_CYCLE = {FB_OPEN: FB_ADOPTED, FB_ADOPTED: FB_NOT_ADOPTED, FB_NOT_ADOPTED: FB_OPEN}


def about_choices(view: cycle.RoundView) -> list[tuple[str, str]]:
    choices = [("", _("the question in general"))]
    choices += [
        (f"step:{s.key}", _("step {n} {title}").format(n=s.number, title=_(s.title))) for s in STEPS
    ]
    choices += [
        (
            f"tryout:{t.id}",
            _("try-out {name}").format(name=tryout_name(t)),
        )
        for t in view.tryouts
    ]
    return choices


def about_phrase(feedback: Record, view: cycle.RoundView | None) -> str:
    step = feedback.data.get("step")
    tryout = feedback.data.get("tryout")
    if tryout and view is not None:
        found = next((t for t in view.tryouts if t.id == tryout), None)
        if found is not None:
            return _("try-out {name}").format(name=tryout_name(found))
    if step in STEP_BY_KEY:
        s = STEP_BY_KEY[step]
        return _("step {n} {title}").format(n=s.number, title=_(s.title))
    return _("the question in general")


def feedback_content(
    feedback: Record,
    status: str | None,
    view: cycle.RoundView | None = None,
    *,
    mine: bool = False,
    names: Mapping[str, str] | None = None,
) -> Content:
    kind = feedback.data.get("type")
    label = _(dict(FEEDBACK_TYPES).get(kind, "")) or "?"
    parts: list = [
        (f" {label.upper()} ", TYPE_STYLE.get(kind, "bold") + " reverse"),
        " ",
        literal(feedback.text("text")),
        "\n",
        ("— ", "$text-muted"),
        literal(feedback.text("giver_name"), "$text-muted", single_line=True),
        (
            " · "
            + format_date(feedback.data.get("given_on"))
            + " · "
            + _("about {what}").format(what=about_phrase(feedback, view)),
            "$text-muted",
        ),
    ]
    if status is not None:
        parts.append((" · " + _(dict(FEEDBACK_STATUSES)[status]), STATUS_STYLE[status]))
    if mine:
        # Feedback you gave yourself, or a colleague's words that you wrote down.
        given_by_you = feedback.data.get("giver") == feedback.owner
        parts.append((" · " + (_("yours") if given_by_you else _("noted by you")), "$text-muted"))
    elif names is not None:
        owner = names.get(feedback.owner, "")
        if noted_for_someone_else(feedback, owner):  # written down by a colleague: counted apart
            parts.append(
                (" · " + noted_label(owner or _("unknown colleague")), "$text-muted"),
            )
    return Content.assemble(*parts)


def person_names(session) -> dict[str, str]:
    """Person id -> name, for saying who noted a piece of feedback."""
    return {pid: p.text("name") for pid, p in session.index().persons.items()}


def feedback_list_content(
    feedback: list[Record],
    view: cycle.RoundView,
    *,
    own: bool,
    me: str | None,
    can_add: bool = True,
    names: Mapping[str, str] | None = None,
) -> Content:
    """Feedback shown under a step or a try-out: one block each, or a hint when there is none.

    ``own``: the round is the teacher's (what they did with each piece shows);
    ``can_add``: this window can save, so the hint may offer ctrl+f."""
    pieces: list = []
    for f in feedback:
        if pieces:
            pieces.append("\n")
        pieces.append(
            feedback_content(
                f,
                view.feedback_status(f.id) if own else None,
                view,
                mine=f.owner == me,
                names=names,
            )
        )
    if not pieces:
        pieces.append(
            (_("None yet. ctrl+f adds feedback.") if can_add else _("None yet."), "$text-muted")
        )
    return Content.assemble(*pieces)


def add_feedback(
    app,
    round_id: str,
    *,
    about: str = "",
    done: Callable[[], None] | None = None,
    existing: Record | None = None,
) -> None:
    """Ask for feedback on a round and store it (owned by the local teacher)."""
    from .dialogs.feedback import FeedbackDialog, FeedbackInput

    index = app.session.index()
    view = index.view(round_id)
    me = app.session.me
    mine_round = view.round.owner == me
    me_person = index.persons.get(me or "")
    giver = (
        None
        if mine_round
        else printable(me_person.text("name") if me_person else "", single_line=True)
    )

    def saved(result: FeedbackInput | None) -> None:
        if result is None:
            return
        kind, _sep, target = result.about.partition(":")
        tryout = (
            next((t for t in view.tryouts if t.id == target), None) if kind == "tryout" else None
        )
        try:
            record = cycle.new_feedback(
                view.round,
                me,
                result.type,
                result.text,
                result.giver_name if mine_round else (me_person.text("name") if me_person else ""),
                giver=None if mine_round else me,
                step=target if kind == "step" else None,
                tryout=tryout,
                given_on=result.given_on or app.session.today.isoformat(),
            )
        except PlgError as error:
            app.notify(str(error), severity="error")
            return
        if existing is not None:
            record.id, record.rev = existing.id, existing.rev
            record.data["giver"] = existing.data.get("giver")
        if save_records(app, [record]):
            app.notify(_("Feedback saved."), timeout=3)
            if done is not None:
                done()

    values = None
    if existing is not None:
        d = existing.data
        values = {
            "type": d.get("type"),
            "text": existing.text("text"),
            "giver_name": existing.text("giver_name"),
            "given_on": d.get("given_on"),
            "about": (
                f"tryout:{d['tryout']}"
                if d.get("tryout")
                else f"step:{d['step']}"
                if d.get("step")
                else ""
            ),
        }
    app.push_screen(
        FeedbackDialog(
            about_choices(view),
            about=about,
            giver_name=giver,
            given_on=app.session.today.isoformat(),
            values=values,
        ),
        saved,
    )


class FeedbackScreen(OnRound, PlgScreen):
    """All feedback on one round."""

    BINDINGS = [
        Binding("escape", "back", N_("back"), id="back"),
        Binding("a", "add", N_("add feedback"), id="add-feedback"),
        Binding("s", "status", N_("change status"), id="status"),
        Binding("e", "edit", N_("edit"), id="edit"),
        Binding("delete", "delete", N_("delete"), id="delete"),
    ]
    FOOTER_FIRST = ("add-feedback", "status", "edit", "delete", "back")

    def __init__(self, round_id: str) -> None:
        super().__init__()
        self.round_id = round_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="feedback-top"):
            yield Static(id="feedback-question")
            yield Static(id="feedback-help", classes="hint")
        yield Static(id="feedback-empty", classes="empty")
        yield OptionList(id="feedback-list")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("Feedback")
        if self.own_round:  # you note what a colleague told you; on theirs you give your own
            describe_key(self, "add-feedback", N_("note feedback"))
        self.refresh_data()
        self.query_one("#feedback-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    @property
    def own_round(self) -> bool:
        return self.view.round.owner == self.session.me

    def refresh_data(self) -> None:
        view = self.view
        me = self.session.me
        self.sub_title = one_line(view.question, 60)
        self.query_one("#feedback-question", Static).update(literal(view.question, "bold"))
        read_only = why_read_only(self.own_round, self.session.can_edit)
        self.query_one("#feedback-help", Static).update(
            Content(
                read_only
                if not self.session.can_edit
                else _(
                    "Mark what you did with each piece of feedback: s changes open → taken on → "
                    "not taken on."
                )
                if self.own_round
                else _("This is a colleague's question: you can add your own feedback with a.")
            )
        )
        names = person_names(self.session)
        options = [
            Option(
                feedback_content(
                    f,
                    view.feedback_status(f.id) if self.own_round else None,
                    view,
                    mine=f.owner == me,
                    names=names,
                ),
                id=f.id,
            )
            for f in view.feedback
        ]
        listing = self.query_one("#feedback-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = min(highlighted or 0, len(options) - 1)
        empty = self.query_one("#feedback-empty", Static)
        empty.display = not options
        empty.update(
            Content(
                _("No feedback yet.")
                if not self.session.can_edit
                else _("No feedback yet. Press a to add feedback a colleague gave you.")
                if self.own_round
                else _("No feedback yet. Press a to add yours.")
            )
        )
        self.refresh_bindings()

    def _highlighted(self) -> Record | None:
        option = self.query_one("#feedback-list", OptionList).highlighted_option
        if option is None:
            return None
        return next((f for f in self.view.feedback if f.id == option.id), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.session.can_edit and action in ("status", "edit", "delete", "add"):
            return False  # read-only: another window has the database open
        if action == "status":
            return self.own_round and self._highlighted() is not None
        if action in ("edit", "delete"):
            chosen = self._highlighted()
            return chosen is not None and chosen.owner == self.session.me
        if action == "add":
            return self.session.me is not None
        return True

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss()

    def action_add(self) -> None:
        add_feedback(self.app, self.round_id, done=self.refresh_data)

    def action_edit(self) -> None:
        chosen = self._highlighted()
        if chosen is not None and chosen.owner == self.session.me:
            add_feedback(self.app, self.round_id, done=self.refresh_data, existing=chosen)

    def action_status(self) -> None:
        chosen = self._highlighted()
        if chosen is None or not self.own_round:
            return
        view = self.view
        status = STATUS_CYCLE[view.feedback_status(chosen.id)]
        if self.save(cycle.set_feedback_status(view.round, chosen.id, status)):
            self.notify(
                _("Feedback marked: {status}.").format(status=_(dict(FEEDBACK_STATUSES)[status])),
                timeout=3,
            )
            self.refresh_data()

    def palette_commands(self):
        chosen = self._highlighted()
        if chosen is None or chosen.owner != self.session.me or not self.session.can_edit:
            return []
        return [
            (
                _("Delete the highlighted feedback"),
                one_line(chosen.text("text"), 60),
                self.action_delete,
            )
        ]

    def action_delete(self) -> None:
        chosen = self._highlighted()
        if chosen is None or chosen.owner != self.session.me:
            return
        from .dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                record = chosen.copy()
                record.deleted = True
                if self.save(record):
                    self.notify(_("Deleted."), timeout=3)
                    self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(
                _("Delete"),
                literal(
                    _("Delete this feedback? “{text}”").format(
                        text=one_line(chosen.text("text"), 80)
                    )
                ),
                _("Delete"),
                danger=True,
            ),
            answered,
        )
