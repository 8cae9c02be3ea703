"""The facilitator's review: who is where in the cycle, read-only.

One row per teacher and question (the latest round): the five-step indicator,
the last movement, the try-out, feedback received and given, and the
between-meeting action.  Sort and filter by step, by "no movement" and by
subgroup; Enter reads the question; the second tab holds the group figures and
the third the files the review was built from.  Nothing here can change a
record: the screen only reads the records it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.markup import escape
from textual.widget import MountError, Widget
from textual.widgets import Static

from plgcycle import review as rv
from plgcycle.errors import PlgError
from plgcycle.gctools import gc_paused
from plgcycle.i18n import N_, _, format_date, ngettext
from plgcycle.model import STEP_KEYS, Record
from plgcycle.textsafe import printable, shorten
from screens.widgets.footer import PlgFooter
from screens.widgets.group_chart import BarChart
from screens.base import PlgScreen
from screens.widgets.review_kit import close_screen, on_theme_change, theme_colours
from screens.widgets.row_table import RowTable

SORT_LABELS = {
    rv.SORT_NAME: N_("name"),
    rv.SORT_STEP: N_("step"),
    rv.SORT_ACTIVITY: N_("longest without movement first"),
    rv.SORT_SUBGROUP: N_("subgroup"),
}
STEP_CYCLE: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5, rv.CLOSED)
TABS = (("tab-overview", N_("Overview")), ("tab-figures", N_("Group figures")), ("tab-files", N_("Files")))
FIRST_ROWS = 8  # at least this many rows before the first frame (more on tall terminals)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]




class ReviewScreen(PlgScreen):
    """Read-only overview over a list of records (merged exports or a teacher's own database)."""

    DEFAULT_CSS = """
    ReviewScreen #review-head { height: auto; padding: 0 1; background: $boost; }
    ReviewScreen #review-filter { height: auto; padding: 0 1; color: $text-muted; }
    ReviewScreen #review-note { height: auto; padding: 0 1; color: $text-warning; }
    ReviewScreen #review-tabbar { height: 1; padding: 0 1; margin-top: 1; }
    ReviewScreen .tab { height: 1fr; border-top: solid $primary-darken-2; }
    ReviewScreen #tab-figures, ReviewScreen #tab-files { display: none; }
    ReviewScreen #review-table { height: 1fr; }
    ReviewScreen #review-preview { height: auto; max-height: 40%; padding: 0 1;
                                   border-top: solid $primary-darken-2; }
    ReviewScreen #figures { padding: 0 1; }
    ReviewScreen .figure-title { text-style: bold; margin-top: 1; }
    ReviewScreen #figures-bars { height: auto; }
    ReviewScreen #figures-bars > Vertical { width: auto; height: auto; margin-right: 4; }
    ReviewScreen #files { padding: 0 1; }
    """

    BINDINGS = [
        Binding("enter", "open", N_("read")),
        Binding("s", "cycle_step", N_("step")),
        Binding("x", "toggle_stalled", N_("no movement")),
        Binding("g", "cycle_subgroup", N_("subgroup")),
        Binding("o", "cycle_sort", N_("sort")),
        Binding("t", "threshold", N_("since when"), show=False),
        Binding("a", "agenda", N_("agenda")),
        Binding("e", "report", N_("report")),
        Binding("f", "next_tab", N_("next tab")),
        Binding("escape", "close", N_("close")),
        Binding("0", "step(0)", N_("All steps"), show=False),
        Binding("1", "step(1)", N_("Step 1"), show=False),
        Binding("2", "step(2)", N_("Step 2"), show=False),
        Binding("3", "step(3)", N_("Step 3"), show=False),
        Binding("4", "step(4)", N_("Step 4"), show=False),
        Binding("5", "step(5)", N_("Step 5"), show=False),
        Binding("c", "step(6)", N_("Closed rounds"), show=False),
    ]

    def __init__(self, records: Sequence[Record] | rv.ReviewData | None = None, *,
                 files: Sequence[rv.SourceFile] = (), rule: rv.StalledRule | None = None,
                 title: str | None = None) -> None:
        """Without records the screen reviews the app's own database (imported colleagues included)."""
        super().__init__()
        if records is None:
            self.data: rv.ReviewData | None = None
        elif isinstance(records, rv.ReviewData):
            self.data = records
        else:
            self.data = rv.ReviewData(list(records), list(files))
        self.rule = rule or rv.StalledRule()
        self.heading = title
        self.step: int | None = None
        self.stalled_only = False
        self.subgroup: str | None = None
        self.sort = rv.SORT_NAME
        self.overview: rv.Overview | None = None
        self.shown: list[rv.Row] = []
        self._figures_stale = True
        self._column_labels: list[Text] = []
        self.active_tab = "tab-overview"

    # --- building ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.data is None:
            self.data = rv.ReviewData(self.session.records())
        with gc_paused(freeze=True):  # hundreds of rows, all kept: collecting meanwhile frees nothing
            self.overview = rv.build_overview(self.data, self.session.today, self.rule)
        yield Static(id="review-head", markup=False)
        yield Static(id="review-filter", markup=False)
        if self.overview.figures.limited:
            from plgcycle.report import limited_note

            yield Static(Text(limited_note(self.overview)), id="review-note", markup=False)
        # A light tab bar (a line of links) rather than TabbedContent: it keeps the
        # first frame fast; figures and files are mounted after it (see _mount_later).
        yield Static(id="review-tabbar")
        with Vertical(id="tab-overview", classes="tab"):
            yield RowTable(id="review-table")
            yield Static(id="review-preview", markup=False)
        yield Vertical(id="tab-figures", classes="tab")
        yield Vertical(id="tab-files", classes="tab")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self._column_labels = [Text(label) for label in (
            _("Participant"), _("Steps"), _("Last movement"), _("Try-out"), _("Feedback"), _("Action"))]
        self._render_tabbar()
        self._refresh_all()
        self.query_one("#review-table", RowTable).focus()
        on_theme_change(self, self._retheme)
        self.call_after_refresh(self._mount_later)

    async def _mount_later(self) -> None:
        try:
            await self.query_one("#tab-figures", Vertical).mount(
                VerticalScroll(*self._figure_widgets(), id="figures"))
            await self.query_one("#tab-files", Vertical).mount(
                VerticalScroll(Static(id="files-list", markup=False), id="files"))
        except (MountError, NoMatches):  # the screen was closed before this ran
            return

    def _refresh_all(self, keep: str | None = None) -> None:
        self._render_head()
        self._fill_table(keep)
        self._figures_stale = True
        if self.active_tab == "tab-figures":
            self._fill_tab("tab-figures")

    def _retheme(self) -> None:
        """The colours come from the theme: draw everything again in the new one."""
        self._refresh_all()
        self._fill_tab(self.active_tab)

    def _colour(self, name: str) -> str:
        return theme_colours(self)[name]

    def _render_tabbar(self) -> None:
        bar = Content("")
        for pane, label in TABS:
            style = "bold underline $accent" if pane == self.active_tab else "$text-muted"
            link = Content.from_markup(f"[@click=screen.show_tab('{pane}')]{escape(_(label))}[/]")
            bar = bar + link.stylize(style) + Content("   ")
        self.query_one("#review-tabbar", Static).update(bar)

    def action_show_tab(self, pane: str) -> None:
        if pane not in dict(TABS):
            return
        self.active_tab = pane
        for name, _label in TABS:
            self.query_one(f"#{name}", Vertical).display = name == pane
        self._render_tabbar()
        self._fill_tab(pane)
        if pane == "tab-overview":
            self.query_one("#review-table", RowTable).focus()

    def _fill_tab(self, pane: str | None) -> None:
        # Figures and files are drawn when first looked at, so the overview opens fast.
        try:
            if pane == "tab-figures" and self._figures_stale:
                self._render_figures()
            elif pane == "tab-files":
                self._render_files()
        except NoMatches:  # the tab's widgets are mounted right after the first frame
            self.call_after_refresh(self._fill_tab, pane)

    def _render_head(self) -> None:
        ov = self.overview
        f = ov.figures
        head = Text()
        head.append(self.heading or _("Review"), style="bold")
        if ov.plg:
            head.append(" · " + printable(ov.plg, single_line=True), style="bold")
        head.append(" · " + _("as of {date}").format(date=format_date(ov.today)))
        head.append(" · " + ngettext("{n} participant", "{n} participants", f.teachers).format(n=f.teachers))
        self.query_one("#review-head", Static).update(head)
        self._render_filter()

    def _render_filter(self) -> None:
        ov = self.overview
        line = Text(_("Showing: "))
        line.append(rv.step_filter_label(self.step))
        line.append(" · " + (_("only without movement") if self.stalled_only else _("everyone")))
        line.append(" · " + (_("subgroup {name}").format(name=printable(self.subgroup, single_line=True))
                             if self.subgroup is not None else _("all subgroups")))
        line.append(" · " + _("sorted by {order}").format(order=_(SORT_LABELS[self.sort])))
        line.append("\n")
        stalled = ov.figures.stalled
        line.append(_upper_first(ov.threshold.describe()) + ": ")
        line.append(str(stalled), style=f"bold {self._colour('warm')}" if stalled else "bold")
        line.append(" · " + _("no feedback yet: {n}").format(n=ov.figures.without_feedback))
        line.append(" · " + _("action date passed: {n}").format(n=ov.figures.overdue))
        line.append("   t " + _("since when"), style="dim")
        line.no_wrap = True
        line.overflow = "ellipsis"
        self.query_one("#review-filter", Static).update(line)

    def _visible_rows(self) -> list[rv.Row]:
        rows = rv.filter_rows(self.overview.rows, step=self.step, stalled=self.stalled_only,
                              subgroup=self.subgroup)
        return rows if self.sort == rv.SORT_NAME else rv.sort_rows(rows, self.sort)  # by name already

    def _fill_table(self, keep: str | None = None) -> None:
        """Show the rows that pass the filter; the cursor stays on the same question.

        A row's cells are made when it first comes into view (its details, the
        steps and try-outs, are worked out when first read), so a large PLG
        opens as fast as a small one.  The column widths fit every row from the
        start (see :meth:`_widest_columns`), so nothing shifts while scrolling.
        """
        table = self.query_one("#review-table", RowTable)
        keep = keep or self._current_round_id()
        self.shown = shown = self._visible_rows()
        labels = self._labels()
        position = next((i for i, r in enumerate(shown) if r.round_id == keep), 0)
        # Rows are two lines high; everything above and below the table takes ~10 lines.
        first = max(FIRST_ROWS, (self.app.size.height - 10) // 2 + 2, position + 1)
        parts = {i: self._cell_parts(row, labels) for i, row in enumerate(shown[:first])}

        def cells(index: int) -> list[Text]:
            found = parts.pop(index, None) or self._cell_parts(shown[index], labels)
            return [Text.assemble(*cell) for cell in found]

        widths = self._widths(parts.values(), shown[first:], labels)
        table.show(self._column_labels, widths, len(shown), cells, cursor=position,
                   keys=[row.round_id for row in shown])
        self._render_preview()

    def _widths(self, made, rest: Sequence[rv.Row], w: dict) -> list[int]:
        """Column widths that fit the cells ``made`` and the widest cells of the ``rest`` rows."""
        def cell_lines(cell: list[tuple[str, str]]) -> list[str]:
            return "".join(text for text, _style in cell).split("\n")

        lines: list[set[str]] = [{label.plain} for label in self._column_labels]
        for cells in made:
            for column, cell in zip(lines, cells):
                column.update(cell_lines(cell))
        for column, (alike, widest) in zip(lines, self._widest_columns(w)):
            for row in rest if alike is None else {alike(row): row for row in rest}.values():
                column.update(cell_lines(widest(row)))
        return [max(map(cell_len, column)) for column in lines]

    def _labels(self) -> dict:
        """Translated words and a date cache for one filling of the table (hundreds of rows)."""
        dates: dict = {}
        days: dict = {}

        def date_text(value) -> str:
            if value not in dates:
                dates[value] = format_date(value)
            return dates[value]

        def days_text(value: int) -> str:
            if value not in days:
                days[value] = self._days(value)
            return days[value]

        words = {
            "subgroup": _("subgroup {name}"), "round": _("round {n}"),
            "no_question": _("no question yet"), "closed": _("closed"),
            "no_date_known": _("no date known"), "no_movement": _("no movement"),
            "carried_out": _("carried out"), "planned": _("planned"),
            "draft": _("plan in progress"), "not_planned": _("not planned yet"),
            "received": _("{n} received"), "given": _("{n} given"), "not_shared": _("not shared"),
            "none_noted": _("none noted"), "done": _("done"), "date_passed": _("date passed"),
            "no_date": _("no date"), "date": date_text, "days": days_text,
            **theme_colours(self),
        }
        # The widest texts of the cells that depend on a row's details (see _widest_columns).
        words["widest_step"] = max((rv.numbered_step(n) for n in range(1, len(STEP_KEYS) + 1)), key=cell_len)
        words["widest_tryout"] = max((
            words["carried_out"], ngettext("{n} time", "{n} times", 999).format(n=999),
            words["planned"], *(format_date(date(2000, month, 28)) for month in range(1, 13)),
            words["draft"], words["not_planned"]), key=cell_len)
        return words

    def _cell_parts(self, row: rv.Row, w: dict) -> list[list[tuple[str, str]]]:
        """The six cells of a row as (text, style) pieces; cheap to measure before drawing."""
        return [self._who(row, w), self._steps(row, w), self._moved(row, w), self._tryout(row, w),
                self._feedback(row, w), self._action(row, w)]

    def _widest_columns(self, w: dict) -> list[tuple[Callable[[rv.Row], object] | None,
                                                     Callable[[rv.Row], list[tuple[str, str]]]]]:
        """Per column: a cell at least as wide as :meth:`_cell_parts` gives, without the row's details.

        The steps and try-out cells hold the widest text they could show.  With each
        goes what the cell depends on (None: on the row alone): rows alike in that
        have equally wide cells, so only one of them needs measuring.
        """
        return [
            (None, lambda row: self._who(row, w)),
            (lambda row: (row.has_question, row.closed, row.round_no, row.decision),
             lambda row: self._widest_steps(row, w)),
            (lambda row: (row.has_question, row.last_activity_date, row.stalled, row.days_since),
             lambda row: self._moved(row, w)),
            (lambda row: True, lambda row: [(w["widest_tryout"], "")]),
            (lambda row: (row.feedback_received, row.feedback_given), lambda row: self._feedback(row, w)),
            (lambda row: (row.limited, bool(row.action), row.action_done, row.action_due,
                          row.action_overdue), lambda row: self._action(row, w)),
        ]

    def _widest_steps(self, row: rv.Row, w: dict) -> list[tuple[str, str]]:
        marks = rv.step_marks((False,) * len(STEP_KEYS))
        if not row.has_question:
            return [(marks + "\n" + w["no_question"], "")]
        end = self._closed_text(row, w) if row.closed else w["widest_step"]
        return [(marks + " " + w["round"].format(n=row.round_no) + "\n" + end, "")]

    def _steps(self, row: rv.Row, w: dict) -> list[tuple[str, str]]:
        if not row.has_question:
            return [(rv.step_marks(row.progress), w["accent"]), ("\n" + w["no_question"], "dim")]
        return [(rv.step_marks(row.progress), w["accent"]),
                (" " + w["round"].format(n=row.round_no), "dim"),
                ("\n" + (self._closed_text(row, w) if row.closed else rv.step_label(row)), "")]

    @staticmethod
    def _tryout(row: rv.Row, w: dict) -> list[tuple[str, str]]:
        state = row.tryout_state
        if state == rv.TRYOUT_DONE:
            if row.tryouts_done > 1:
                return [(w["carried_out"], ""), ("\n" + ngettext(
                    "{n} time", "{n} times", row.tryouts_done).format(n=row.tryouts_done), "dim")]
            return [(w["carried_out"], "")]
        if state == rv.TRYOUT_PLANNED:
            if row.next_tryout:
                return [(w["planned"], ""), ("\n" + w["date"](row.next_tryout), "dim")]
            return [(w["planned"], "")]
        if state == rv.TRYOUT_DRAFT:
            return [(w["draft"], "")]
        return [(w["not_planned"], "dim")]

    @staticmethod
    def _who(row: rv.Row, w: dict) -> list[tuple[str, str]]:
        if row.subgroup:
            return [(shorten(row.name, 20), "bold"),
                    ("\n" + shorten(w["subgroup"].format(name=row.subgroup), 20), "dim")]
        return [(shorten(row.name, 20), "bold")]

    @staticmethod
    def _moved(row: rv.Row, w: dict) -> list[tuple[str, str]]:
        if not row.has_question:
            return [("–", "dim")]
        if row.last_activity is None:
            return [(w["no_date_known"], "dim")]
        if row.stalled:
            return [(w["date"](row.last_activity_date), ""), ("\n" + w["no_movement"], w["warm"])]
        return [(w["date"](row.last_activity_date), ""), ("\n" + w["days"](row.days_since or 0), "dim")]

    @staticmethod
    def _feedback(row: rv.Row, w: dict) -> list[tuple[str, str]]:
        return [(w["received"].format(n=row.feedback_received), ""),
                ("\n" + w["given"].format(n=row.feedback_given), "dim")]

    @staticmethod
    def _action(row: rv.Row, w: dict) -> list[tuple[str, str]]:
        if row.limited and not row.action:
            return [(w["not_shared"], "dim italic")]
        if not row.action:
            return [(w["none_noted"], "dim")]
        if row.action_done:
            return [(w["done"], "")]
        if not row.action_due:
            return [(w["no_date"], "")]
        if row.action_overdue:
            return [(w["date"](row.action_due), ""), ("\n" + w["date_passed"], w["warm"])]
        return [(w["date"](row.action_due), "")]

    @staticmethod
    def _closed_text(row: rv.Row, w: dict) -> str:
        return rv.decision_label(row.decision) if row.decision else w["closed"]

    @staticmethod
    def _days(days: int) -> str:
        if days <= 0:
            return _("today")
        return ngettext("{n} day ago", "{n} days ago", days).format(n=days)

    def _current_round_id(self) -> str | None:
        table = self.query_one("#review-table", RowTable)
        if not self.shown or table.row_count == 0:
            return None
        index = min(max(table.cursor_row, 0), len(self.shown) - 1)
        return self.shown[index].round_id

    def current_row(self) -> rv.Row | None:
        round_id = self._current_round_id()
        return next((r for r in self.shown if r.round_id == round_id), None)

    def _render_preview(self) -> None:
        preview = self.query_one("#review-preview", Static)
        row = self.current_row()
        if row is None:
            preview.update(Text(_("No learning questions match this filter. Press 0 for all steps, "
                                  "x to show everyone, g for all subgroups.")))
            return
        text = Text()
        text.append(printable(row.name, single_line=True), style="bold")
        if row.subgroup:
            text.append(" · " + _("subgroup {name}").format(name=printable(row.subgroup, single_line=True)))
        if not row.has_question:
            text.append("\n" + _("No learning question shared yet."), style="italic")
            if row.action:
                text.append("\n" + _("Before the next meeting: {action}").format(
                    action=printable(row.action, single_line=True)))
            preview.update(text)
            return
        text.append(" · " + _("round {n}").format(n=row.round_no))
        text.append(" · " + rv.movement_phrase(row), style=self._colour("warm") if row.stalled else "")
        text.append("\n")
        text.append(printable(row.question, single_line=True), style="italic")
        text.append("\n" + _("Try-out: {state}").format(state=rv.tryout_label(row)))
        text.append(" · " + _("Feedback: {received} received ({open} open), {given} given").format(
            received=row.feedback_received, open=row.feedback_open, given=row.feedback_given))
        if row.limited:
            text.append("\n" + _("Only progress was shared: no results, reflections or actions."),
                        style="dim italic")
        else:
            if row.measures:
                text.append("\n" + _("Measures: {list}").format(list="; ".join(
                    printable(rv.measure_text(*m), single_line=True) for m in row.measures)))
            if row.action:
                text.append("\n" + _("Before the next meeting: {action}").format(
                    action=printable(row.action, single_line=True)))
                label = rv.action_label(row)
                if label:
                    text.append(f" ({label})", style=self._colour("warm") if row.action_overdue else "dim")
        preview.update(text)

    def _figure_widgets(self) -> list[Widget]:
        def title(text: str) -> Static:
            return Static(Text(text), classes="figure-title", markup=False)

        return [
            Horizontal(Vertical(title(_("Learning questions per step")),
                                BarChart([], width=24, id="chart-steps")),
                       Vertical(title(_("Decisions (closed rounds)")),
                                BarChart([], width=16, id="chart-decisions")),
                       id="figures-bars"),
            title(_("Feedback: who gives to whom")),
            Static(id="flow", markup=False),
            title(_("Measures that moved")),
            Static(id="measures", markup=False),
        ]

    def _render_figures(self) -> None:
        from plgcycle.report import decision_bars, flow_grid, step_bars
        from screens.widgets.group_chart import bar_text, flow_text

        self._figures_stale = False
        ov = self.overview
        f = ov.figures
        self.query_one("#chart-steps", BarChart).update(bar_text(step_bars(ov), width=24))
        self.query_one("#chart-decisions", BarChart).update(bar_text(decision_bars(ov), width=16))
        if f.flow:
            grid = flow_grid(ov)
            flow = Text()
            if grid.by_subgroup:
                # Too many people for a grid: subgroup by subgroup; per person see the table.
                flow.append(_("Per subgroup (per participant: see the Feedback column).") + "\n",
                            style="dim")
            flow.append_text(flow_text(grid.givers, grid.flow, [key for key, _label in grid.receivers],
                                       given_label=_("given"), received_label=_("received"),
                                       name_width=22 if grid.by_subgroup else 18))
        else:
            flow = Text(_("No feedback between colleagues in these files yet."), style="dim")
        self.query_one("#flow", Static).update(flow)
        if ov.measures_moved:
            lines = Text(no_wrap=True, overflow="ellipsis")
            names = [shorten(m.name, 22) for m in ov.measures_moved]
            labels = [shorten(m.measure, 28) for m in ov.measures_moved]
            values = [f"{rv.format_number(m.first)} → {rv.format_number(m.last)}"
                      + (f" {printable(m.unit, single_line=True)}" if m.unit else "")
                      for m in ov.measures_moved]
            widths = [max(len(x) for x in column) for column in (names, labels, values)]
            for i, m in enumerate(ov.measures_moved):
                if i:
                    lines.append("\n")
                lines.append(names[i].ljust(widths[0]) + "  ")
                lines.append(labels[i].ljust(widths[1]) + "  ")
                lines.append(values[i].ljust(widths[2]) + "  ")
                change = m.change
                lines.append(f"{'▲' if change > 0 else '▼'} {rv.format_number(abs(change))}",
                             style="bold " + self._colour("accent"))
        else:
            lines = Text(_("No measure with a before and after value in these files."), style="dim")
        self.query_one("#measures", Static).update(lines)

    def _render_files(self) -> None:
        files = self.data.files
        text = Text()
        if not files:
            text.append(_("Built from the records in this database."))
        else:
            text.append(ngettext("{n} export file, merged; nothing was written anywhere.",
                                 "{n} export files, merged; nothing was written anywhere.",
                                 len(files)).format(n=len(files)) + "\n\n")
        for i, f in enumerate(files):
            if i:
                text.append("\n")
            text.append(printable(Path(f.path).name, single_line=True), style="bold")
            text.append("\n  " + printable(f.name or _("unknown colleague"), single_line=True))
            text.append(" · " + _("exported {date}").format(date=format_date(f.exported_at)), style="dim")
            text.append(" · " + ngettext("{n} record", "{n} records", f.records).format(n=f.records),
                        style="dim")
            if f.profile == rv.PROFILE_PROGRESS:
                text.append(" · " + _("progress only"), style=self._colour("warm"))
        if self.data.conflicts:
            text.append("\n\n" + ngettext(
                "{n} record had two different versions with the same revision; the merge rule chose one.",
                "{n} records had two different versions with the same revision; the merge rule chose one.",
                self.data.conflicts).format(n=self.data.conflicts), style=self._colour("warm"))
        self.query_one("#files-list", Static).update(text)

    # --- events and actions ----------------------------------------------------------------------

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        self._render_preview()

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        row = self.current_row()
        if row is None:
            self.notify(_("Choose a question first."), severity="warning")
            return
        if not row.has_question:
            self.notify(_("{name} has shared no learning question yet.").format(name=row.name),
                        markup=False)
            return
        from screens.review_question import ReviewQuestionScreen

        self.app.push_screen(ReviewQuestionScreen(self.overview, row.round_id))

    def action_cycle_step(self) -> None:
        position = STEP_CYCLE.index(self.step) if self.step in STEP_CYCLE else 0
        self._set_step(STEP_CYCLE[(position + 1) % len(STEP_CYCLE)])

    def action_step(self, value: int) -> None:
        self._set_step(None if value == 0 else value)

    def _set_step(self, value: int | None) -> None:
        self.step = value
        self._render_filter()
        self._fill_table()

    def action_toggle_stalled(self) -> None:
        self.stalled_only = not self.stalled_only
        self._render_filter()
        self._fill_table()

    def action_cycle_subgroup(self) -> None:
        groups: list[str | None] = [None, *self.overview.subgroups]
        position = groups.index(self.subgroup) if self.subgroup in groups else 0
        self.subgroup = groups[(position + 1) % len(groups)]
        if len(groups) == 1:
            self.notify(_("No subgroups are noted in these files."))
        self._render_filter()
        self._fill_table()

    def action_cycle_sort(self) -> None:
        position = rv.SORT_KEYS.index(self.sort)
        self.sort = rv.SORT_KEYS[(position + 1) % len(rv.SORT_KEYS)]
        self._render_filter()
        self._fill_table()

    def action_threshold(self) -> None:
        from screens.dialogs.review_threshold import ThresholdDialog

        def apply(rule: rv.StalledRule | None) -> None:
            if rule is None:
                return
            self.rule = rule
            self.overview = rv.build_overview(self.data, self.session.today, rule)
            self._refresh_all()
            self.notify(_upper_first(self.overview.threshold.describe()))

        self.app.push_screen(ThresholdDialog(self.rule, self.session.today, self.overview.threshold.describe()),
                             apply)

    def action_agenda(self) -> None:
        from plgcycle.agenda import propose
        from screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(propose(self.overview)))

    def action_report(self) -> None:
        from plgcycle import report as reports
        from screens.dialogs.review_save import SaveFileDialog

        default = Path.cwd() / _("plg-report-{date}.html").format(date=self.session.today.isoformat())

        def write(path: Path | None) -> None:
            if path is None:
                return
            try:
                fmt = reports.format_for(path, None)
                reports.write_report(self.overview, fmt, path)
            except PlgError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.notify(_("Report written to {path}.").format(path=path), markup=False)

        self.app.push_screen(SaveFileDialog(
            _("Save the report"), default,
            _("The extension chooses the format: .html (prints well), .md or .csv."),
            suffixes=(".html", ".htm", ".md", ".csv")), write)

    def action_next_tab(self) -> None:
        order = [pane for pane, _label in TABS]
        self.action_show_tab(order[(order.index(self.active_tab) + 1) % len(order)])

    def action_close(self) -> None:
        close_screen(self)
