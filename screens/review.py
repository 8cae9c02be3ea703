"""The facilitator's review: who is where in the cycle, read-only.

One row per teacher and question (the latest round): the five-step indicator,
the last movement, the try-out, feedback received and given, and the
between-meeting action.  Sort and filter by step, by "no movement" and by
subgroup; Enter reads the question; the second tab holds the group figures and
the third the files the review was built from.  Nothing here can change a
record: the screen only reads the records it was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.markup import escape
from textual.widget import MountError
from textual.widgets import Static

from plgcycle import review as rv
from plgcycle.errors import PlgError
from plgcycle.gctools import gc_paused
from plgcycle.i18n import N_, _, format_date, ngettext
from plgcycle.model import Record
from plgcycle.textsafe import printable
from screens.base import PlgScreen
from screens.widgets.footer import PlgFooter
from screens.widgets.review_kit import close_screen, on_theme_change, theme_colours
from screens.widgets.row_table import RowTable

from .review_cells import Cell, CellWords, cell_parts, column_widths
from .review_figures import figure_widgets, fill_figures
from .review_filters import STEP_CYCLE, filter_text, upper_first
from .review_preview import preview_text
from .review_texts import files_content

TABS = (
    ("tab-overview", N_("Overview")),
    ("tab-figures", N_("Group figures")),
    ("tab-files", N_("Files")),
)
FIRST_ROWS = 8  # at least this many rows before the first frame (more on tall terminals)


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
        Binding("b", "confirm_code", N_("confirm check code"), show=False),
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

    def __init__(
        self,
        records: Sequence[Record] | rv.ReviewData | None = None,
        *,
        files: Sequence[rv.SourceFile] = (),
        rule: rv.StalledRule | None = None,
        title: str | None = None,
    ) -> None:
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
            self.data = rv.ReviewData.from_database(self.session.records(), self.session.me)
        with gc_paused(
            freeze=True
        ):  # hundreds of rows, all kept: collecting meanwhile frees nothing
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
        self._column_labels = [
            Text(label)
            for label in (
                _("Participant"),
                _("Steps"),
                _("Last movement"),
                _("Try-out"),
                _("Feedback"),
                _("Action"),
            )
        ]
        self._render_tabbar()
        self._refresh_all()
        self.query_one("#review-table", RowTable).focus()
        notices = self.data.notices() if self.data is not None else []
        if notices:  # what was left out of the files, or not checked: never silently
            self.notify(
                ngettext(
                    "{n} remark about the files (left out, not signed, same names): see the "
                    "Files tab.",
                    "{n} remarks about the files (left out, not signed, same names): see the "
                    "Files tab.",
                    len(notices),
                ).format(n=len(notices)),
                severity="warning",
                timeout=8,
                markup=False,
            )
        on_theme_change(self, self._retheme)
        self.call_after_refresh(self._mount_later)

    async def _mount_later(self) -> None:
        try:
            await self.query_one("#tab-figures", Vertical).mount(
                VerticalScroll(*figure_widgets(), id="figures")
            )
            await self.query_one("#tab-files", Vertical).mount(
                VerticalScroll(Static(id="files-list", markup=False), id="files")
            )
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
        head.append(
            " · " + ngettext("{n} participant", "{n} participants", f.teachers).format(n=f.teachers)
        )
        self.query_one("#review-head", Static).update(head)
        self._render_filter()

    def _render_filter(self) -> None:
        line = filter_text(
            self.overview,
            step=self.step,
            stalled_only=self.stalled_only,
            subgroup=self.subgroup,
            sort=self.sort,
            colour=self._colour,
        )
        self.query_one("#review-filter", Static).update(line)

    def _visible_rows(self) -> list[rv.Row]:
        rows = rv.filter_rows(
            self.overview.rows, step=self.step, stalled=self.stalled_only, subgroup=self.subgroup
        )
        return (
            rows if self.sort == rv.SORT_NAME else rv.sort_rows(rows, self.sort)
        )  # by name already

    def _fill_table(self, keep: str | None = None) -> None:
        """Show the rows that pass the filter; the cursor stays on the same question.

        A row's cells are made when it first comes into view (its details, the
        steps and try-outs, are worked out when first read), so a large PLG
        opens as fast as a small one.  The column widths fit every row from the
        start (see :func:`screens.review_cells.widest_columns`), so nothing shifts while
        scrolling.
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

        widths = column_widths(
            [label.plain for label in self._column_labels], parts.values(), shown[first:], labels
        )
        table.show(
            self._column_labels,
            widths,
            len(shown),
            cells,
            cursor=position,
            keys=[row.round_id for row in shown],
        )
        self._render_preview()

    def _labels(self) -> CellWords:
        """Words, colours and a date cache for one filling of the table (hundreds of rows)."""
        colours = theme_colours(self)
        return CellWords(colours["accent"], colours["warm"])

    @staticmethod
    def _cell_parts(row: rv.Row, w: CellWords) -> list[Cell]:
        return cell_parts(row, w)

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
        preview.update(preview_text(self.current_row(), self._colour, self.overview.figures))

    def _render_figures(self) -> None:
        self._figures_stale = False
        fill_figures(self, self.overview, self._colour("accent"), self._colour("warm"))

    def _render_files(self) -> None:
        since = self.overview.threshold.since if self.overview is not None else None
        text = files_content(self.data, self._colour("warm"), since)
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
            self.notify(
                _("{name} has shared no learning question yet.").format(name=row.name), markup=False
            )
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
            self.notify(upper_first(self.overview.threshold.describe()))

        self.app.push_screen(
            ThresholdDialog(self.rule, self.session.today, self.overview.threshold.describe()),
            apply,
        )

    def action_agenda(self) -> None:
        from plgcycle.agenda_proposal import propose
        from screens.agenda import AgendaScreen

        self.app.push_screen(
            AgendaScreen(propose(self.overview, context=self.session.group.proposal_context()))
        )

    def action_report(self) -> None:
        from plgcycle import report as reports
        from screens.dialogs.review_save import SaveFileDialog

        default = Path.cwd() / _("plg-report-{date}.html").format(
            date=self.session.today.isoformat()
        )

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

        self.app.push_screen(
            SaveFileDialog(
                _("Save the report"),
                default,
                _("The extension chooses the format: .html (prints well), .md or .csv."),
                suffixes=(".html", ".htm", ".md", ".csv"),
            ),
            write,
        )

    def action_confirm_code(self) -> None:
        """Confirm a colleague's check code, compared with them in person (files tab)."""
        from plgcycle.model import PERSON
        from plgcycle.signing import valid_public_key
        from screens.dialogs.check_code import CheckCodeDialog

        data = self.data
        if data is None:
            return
        if data.trust is not None:
            keys, confirmed = data.keys, data.confirmed
        else:  # the teacher's own database: the keys it holds for colleagues
            keys = {**self.session.keys("pins"), **self.session.keys("accepted")}
            held = self.session.keys("confirmed")
            confirmed = {pid for pid, key in keys.items() if held.get(pid) == key}
        keys = {
            pid: key
            for pid, key in keys.items()
            if valid_public_key(key) and pid != self.session.me
        }
        if not keys:
            self.notify(
                _(
                    "No colleague's key is known yet: their files were not signed or have not arrived."
                ),
                severity="warning",
                markup=False,
            )
            return
        names = {r.id: r.text("name") for r in data.records if r.kind == PERSON and not r.deleted}

        def chosen(found) -> None:
            if found is None:
                return
            try:
                self.session.remember_confirmed(found.person, found.key)
            except PlgError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            data.confirmations[found.person] = found.key
            self._fill_tab(self.active_tab)
            self.notify(
                _("Confirmed: the key of {name} (check code {code}).").format(
                    name=found.name or found.person, code=found.code
                ),
                markup=False,
            )

        self.app.push_screen(CheckCodeDialog(keys, names, confirmed), chosen)

    def action_next_tab(self) -> None:
        order = [pane for pane, _label in TABS]
        self.action_show_tab(order[(order.index(self.active_tab) + 1) % len(order)])

    def action_close(self) -> None:
        close_screen(self)
