"""Read one teacher's question round in the review, read-only.

Shows what the files hold: the question, what was carried over from the previous
round, the five steps with their fields, the try-outs (prediction beside what
happened), measures, feedback with what the teacher did with it, and the
between-meeting action.  The overview holds only shareable records
(:mod:`plgcycle.privacy`): a private field that is filled in is shown as such,
never its text.  ``[`` and ``]`` move between the rounds of the same question.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from plgcycle import review as rv
from plgcycle.cycle import tryout_done
from plgcycle.i18n import N_, _, format_date
from plgcycle.model import (
    DATE,
    FEEDBACK_STATUSES,
    FEEDBACK_TYPES,
    STEPS,
    TRYOUT_PLAN_FIELDS,
    TRYOUT_RESULT_FIELDS,
    TRYOUT_RUN_FIELDS,
    Record,
    parse_date,
    step_data,
)
from plgcycle.privacy import is_withheld, withheld_label
from plgcycle.textsafe import printable
from plgcycle.verdict import noted_for_someone_else
from screens.base import PlgScreen
from screens.widgets.footer import PlgFooter
from screens.widgets.review_kit import on_theme_change, theme_colours

TYPE_LABELS = dict(FEEDBACK_TYPES)
STATUS_LABELS = dict(FEEDBACK_STATUSES)


def _filled(value) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _value(value, kind: str = "") -> str:
    if is_withheld(value):
        return withheld_label()
    if kind == DATE and isinstance(value, str) and parse_date(value):
        return format_date(parse_date(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return rv.format_number(float(value))
    return printable(str(value))


class ReviewQuestionScreen(PlgScreen):
    """One round of one teacher's question, as the files hold it."""

    DEFAULT_CSS = """
    ReviewQuestionScreen #question-head { height: auto; padding: 0 1; background: $boost; }
    ReviewQuestionScreen #question-body { padding: 0 1; }
    ReviewQuestionScreen .section { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "back", N_("back")),
        Binding("left,[", "round(-1)", N_("previous round")),
        Binding("right,]", "round(1)", N_("next round")),
    ]

    def __init__(self, overview: rv.Overview, round_id: str) -> None:
        super().__init__()
        self.overview = overview
        self.round_id = round_id

    def compose(self) -> ComposeResult:
        yield Static(id="question-head", markup=False)
        yield VerticalScroll(id="question-body")
        yield PlgFooter(compact=True)

    async def on_mount(self) -> None:
        await self._show()
        self.query_one("#question-body").focus()
        on_theme_change(self, lambda: self.call_later(self._show))

    @property
    def _accent(self) -> str:
        return theme_colours(self)["accent"]

    @property
    def _warm(self) -> str:
        return theme_colours(self)["warm"]

    def _unsigned(self, record: Record) -> bool:
        """Whether ``record`` came without a signature (a version-1 file): marked so."""
        data = self.overview.data
        return data is not None and record.id in data.unsigned

    def _mark_unsigned(self, text: Text, record: Record) -> None:
        if self._unsigned(record):
            text.append(" · " + rv.not_signed(), style=self._warm)

    # --- rendering ---------------------------------------------------------------------------

    def _chain(self) -> list[Record]:
        index = self.overview.index
        return index.chain(index.rounds[self.round_id])

    async def _show(self) -> None:
        index = self.overview.index
        rnd = index.rounds[self.round_id]
        view = index.view(self.round_id)
        row = self.overview.row(self.round_id)
        chain = self._chain()
        position = next(i for i, r in enumerate(chain) if r.id == self.round_id) + 1

        head = Text()
        head.append(printable(index.person_name(rnd.owner), single_line=True), style="bold")
        if self._unsigned(rnd):
            head.append(" · " + rv.not_signed(), style=self._warm)
        person = index.persons.get(rnd.owner)
        if person and person.text("subgroup"):
            head.append(
                " · "
                + _("subgroup {name}").format(
                    name=printable(person.text("subgroup"), single_line=True)
                )
            )
        head.append(" · " + _("round {n} of {total}").format(n=view.number, total=len(chain)))
        if row is not None:
            head.append("  " + rv.step_marks(row.progress), style=self._accent)
            head.append(" " + rv.step_label(row))
            head.append(" · " + rv.movement_phrase(row))
        head.append("\n")
        head.append(printable(view.question), style="bold italic")
        goal = rnd.text("goal_link")
        if goal:
            head.append(
                "\n" + _("Link with team or school goals") + ": " + printable(goal), style="dim"
            )
        if position > 1 or position < len(chain):
            head.append("\n" + _("[ and ] show the other rounds of this question."), style="dim")
        self.query_one("#question-head", Static).update(head)

        body = self.query_one("#question-body", VerticalScroll)
        await body.remove_children()
        sections = []
        if row is not None and row.limited:
            sections.append(
                self._section(
                    Text(
                        _(
                            "Only progress was shared for this question: the "
                            "question, steps, dates, decisions and feedback "
                            "counts. Results, reflections and actions stay with "
                            "the teacher."
                        ),
                        style="italic",
                    )
                )
            )
        carried = rnd.data.get("carried")
        if isinstance(carried, dict) and any(_filled(v) for v in carried.values()):
            text = self._title(_("Carried over from the previous round"))
            if carried.get("decision"):
                self._field(text, _("Decision"), rv.decision_label(carried.get("decision")))
            self._field(text, _("Conclusions"), carried.get("conclusions"))
            self._field(text, _("What will the next round do?"), carried.get("next"))
            sections.append(self._section(text))
        for number, step in enumerate(STEPS, start=1):
            done = row.progress[number - 1] if row is not None else view.step_complete(step.key)
            text = self._title(
                " ".join((str(number), _(step.title), "·", _(step.activity))),
                "  ✓ " + _("complete") if done else "",
            )
            values = step_data(rnd, step.key)
            shown = 0
            for fdef in step.fields:
                value = values.get(fdef.key)
                if fdef.key == "decision":
                    value = rv.decision_label(value)
                if self._field(text, _(fdef.label), value):
                    shown += 1
            if step.key == "approach":
                shown += self._tryouts(text, view.tryouts, plan=True)
            if step.key == "implement":
                shown += self._tryouts(text, view.tryouts, plan=False)
            if step.key == "analyse":
                shown += self._measures(text, view.measures)
            if not shown:
                text.append(
                    "\n"
                    + (
                        _("not shared")
                        if row is not None and row.limited
                        else _("nothing recorded yet")
                    ),
                    style="dim",
                )
            sections.append(self._section(text))
        sections.append(self._section(self._feedback(view.feedback, rnd)))
        actions = [a for a in view.actions if a.owner == rnd.owner]
        if actions:
            text = self._title(_("Before the next meeting"))
            for action in actions:
                line = "• " + _value(action.data.get("text") or "")
                due = action.data.get("due")
                if due:
                    line += " (" + _("by {date}").format(date=format_date(due)) + ")"
                if action.data.get("done"):
                    line += " · " + _("done")
                text.append("\n" + line)
                self._mark_unsigned(text, action)
                for key, label in (
                    ("went_well", _("What went well?")),
                    ("improve", _("What could be better?")),
                    ("need", _("What do I need?")),
                ):
                    self._field(text, label, action.data.get(key))
            sections.append(self._section(text))
        await body.mount_all(sections)
        body.scroll_home(animate=False)

    @staticmethod
    def _section(text: Text) -> Static:
        return Static(text, classes="section", markup=False)

    def _title(self, title: str, extra: str = "") -> Text:
        text = Text()
        text.append(title, style="bold underline")
        if extra:
            text.append(extra, style=self._accent)
        return text

    @staticmethod
    def _field(text: Text, label: str, value, kind: str = "") -> bool:
        if not _filled(value):
            return False
        # "Which data?" reads better without a colon after the question mark.
        text.append("\n" + label + (" " if label.endswith("?") else ": "), style="bold")
        text.append(_value(value, kind))
        return True

    def _tryouts(self, text: Text, tryouts: list[Record], *, plan: bool) -> int:
        shown = 0
        for number, tryout in enumerate(tryouts, start=1):
            if not plan and not tryout_done(tryout):
                continue
            fields = TRYOUT_PLAN_FIELDS if plan else TRYOUT_RUN_FIELDS + TRYOUT_RESULT_FIELDS
            text.append("\n" + _("Try-out {n}").format(n=number), style="bold " + self._accent)
            self._mark_unsigned(text, tryout)
            for fdef in fields:
                self._field(text, _(fdef.label), tryout.data.get(fdef.key), fdef.type)
            if not plan:
                # The prediction beside what happened: step 4 compares them.
                self._field(text, _("What do you expect to happen?"), tryout.data.get("prediction"))
            shown += 1
        return shown

    def _measures(self, text: Text, measures: list[Record]) -> int:
        shown = 0
        for m in measures:
            text.append("\n" + _("Measure") + ": ", style="bold")
            text.append(
                printable(
                    rv.measure_text(
                        m.text("name"),
                        m.text("unit"),
                        rv.as_number(m.data.get("baseline")),
                        rv.as_number(m.data.get("value")),
                    ),
                    single_line=True,
                )
            )
            self._mark_unsigned(text, m)
            note = m.data.get("note")
            if _filled(note):
                text.append(
                    " · " + _value(note)
                    if is_withheld(note)
                    else " · " + printable(m.text("note"), single_line=True),
                    style="dim",
                )
            shown += 1
        return shown

    def _feedback(self, feedback: list[Record], rnd: Record) -> Text:
        text = self._title(_("Feedback"))
        if not feedback:
            row = self.overview.row(rnd.id)
            if row is not None and row.limited and row.feedback_received:
                text.append(
                    "\n"
                    + _("{n} received (the texts were not shared)").format(n=row.feedback_received)
                )
            else:
                text.append("\n" + _("No feedback on this round yet."), style="dim")
            return text
        statuses = rnd.data.get("feedback_status") or {}
        for fb in feedback:
            kind = _(TYPE_LABELS.get(fb.data.get("type"), "")) or "?"
            text.append("\n" + kind.upper(), style="bold " + self._accent)
            text.append(
                " " + printable(fb.text("giver_name") or _("unknown colleague"), single_line=True),
                style="bold",
            )
            self._mark_unsigned(text, fb)
            owner = self.overview.index.persons.get(fb.owner)
            noter = owner.text("name") if owner is not None else ""
            if noted_for_someone_else(fb, noter):  # written down by someone else: counted apart
                text.append(" · " + printable(rv.noted_label(noter), single_line=True), style="dim")
            details = []
            if fb.data.get("given_on"):
                details.append(format_date(fb.data.get("given_on")))
            step = fb.data.get("step")
            if step:
                number = next((i for i, s in enumerate(STEPS, start=1) if s.key == step), None)
                if number:
                    details.append(
                        _("step {n} {title}").format(n=number, title=rv.step_title(number))
                    )
            status = statuses.get(fb.id) if isinstance(statuses, dict) else None
            details.append(_(STATUS_LABELS.get(status, STATUS_LABELS["open"])))
            text.append(" (" + ", ".join(details) + ")", style="dim")
            text.append("\n  " + printable(fb.text("text")))
        return text

    # --- actions ---------------------------------------------------------------------------------

    async def action_round(self, delta: int) -> None:
        chain = self._chain()
        position = next(i for i, r in enumerate(chain) if r.id == self.round_id)
        target = position + delta
        if not 0 <= target < len(chain):
            self.notify(
                _("This is the first round.") if delta < 0 else _("This is the latest round.")
            )
            return
        self.round_id = chain[target].id
        await self._show()

    def action_back(self) -> None:
        self.app.pop_screen()
