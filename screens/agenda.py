"""The proposal for the next meeting, editable: items, order and minutes; exported as Markdown.

The five parts (stand-up, explore, condense, make, retro) each show their
suggested minutes and items.  Every change goes through :class:`plgcycle.agenda.Agenda`,
which checks it; the screen keeps no rules of its own.

The facilitator (or a note-taker they named) keeps the agenda with the PLG's next
meeting: ctrl+s saves it there, leaving saves it there too, and opening the agenda
again until the meeting brings it back as it was left.  ``w`` writes it as Markdown.
Without a meeting to keep it in (``plgcycle agenda --edit`` opens no database), Esc and
ctrl+q with changes not yet written ask first (save, leave without saving, keep
editing), and :func:`screens.start.run_agenda` reports what happened, so the command
line can write what is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from plgcycle.agenda import DEFAULT_MINUTES, Agenda, AgendaItem
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _, format_date, ngettext
from plgcycle.textsafe import printable
from screens.base import PlgScreen
from screens.widgets.footer import PlgFooter
from screens.widgets.review_kit import close_screen, on_theme_change, theme_colours

NOTES_SHOWN = 3  # lines of file remarks above the table; the rest are counted


def _notes_text(notices: Sequence[str]) -> Text:
    """The first remarks about the files, each on one line, and how many more there are."""
    lines = [printable(line, single_line=True) for line in notices[:NOTES_SHOWN]]
    more = len(notices) - NOTES_SHOWN
    if more > 0:
        lines.append(
            ngettext(
                "… and {n} more (printed again when the app closes)",
                "… and {n} more (printed again when the app closes)",
                more,
            ).format(n=more)
        )
    return Text("\n".join(lines))


def _proposal_from_store(screen: PlgScreen, total: int = DEFAULT_MINUTES) -> Agenda:
    from plgcycle.agenda_proposal import propose
    from plgcycle.review import build_overview

    session = screen.session
    overview = build_overview(session.records(), session.today)
    return propose(overview, max(30, total), context=session.group.proposal_context())


class AgendaScreen(PlgScreen):
    """Edit the agenda; ``w`` writes it as Markdown."""

    unsaved_label = N_("The agenda")

    DEFAULT_CSS = """
    AgendaScreen #agenda-head { height: auto; padding: 0 1; background: $boost; }
    AgendaScreen #agenda-table { height: 1fr; }
    AgendaScreen #agenda-hint { height: auto; padding: 0 1; color: $text-muted; }
    AgendaScreen #agenda-notes { height: auto; max-height: 4; padding: 0 1; color: $warning; }
    """
    BINDINGS = [
        Binding("enter", "edit", N_("edit")),
        Binding("n", "new", N_("new item")),
        Binding("d", "remove", N_("remove")),
        Binding("delete", "remove", N_("Remove"), show=False),
        Binding("u", "undo", N_("Undo"), show=False),
        Binding("plus,equals_sign", "minutes(5)", N_("+5 min")),
        Binding("minus", "minutes(-5)", N_("-5 min")),
        Binding("shift+up,K", "move(-1)", N_("Move up"), show=False),
        Binding("shift+down,J", "move(1)", N_("Move down"), show=False),
        Binding("t", "title", N_("title")),
        Binding("ctrl+s", "save", N_("save")),
        Binding("w", "write", N_("save as Markdown")),
        Binding("escape", "close", N_("close")),
    ]

    def __init__(
        self, agenda: Agenda | None = None, path: Path | None = None, notices: Sequence[str] = ()
    ) -> None:
        """Without an agenda, the proposal is built from the app's own database.

        ``notices``: what the files said (records left out, not signed, same names), one
        line per file; shown above the table, so an agenda is never edited unaware of them.
        """
        super().__init__()
        self.agenda = agenda
        self.path = path
        self.notices = list(notices)
        self.keys: list[tuple[str, int | None]] = []  # (part key, item index or None) per row
        self.removed: tuple[str, int, AgendaItem] | None = None
        self.saved_to: Path | None = None
        self.discarded = False
        self._written: dict | None = None  # the agenda as last written (or as proposed)
        self.meeting_day = None  # the meeting the agenda is kept with, when there is one
        self.kept = False  # saved with that meeting (now or before)

    def _find_meeting(self) -> None:
        """Keep the agenda with the next meeting when this teacher keeps the meetings.

        An agenda saved earlier for that meeting opens as it was left, whatever was
        proposed; a new one takes the meeting's date and length.
        """
        access = self.session.group
        meeting = access.agenda_meeting() if self.session.can_edit else None
        if meeting is None:
            if self.agenda is None:
                self.agenda = _proposal_from_store(self)
            return
        from plgcycle.meetings import day_of

        self.meeting_day = day_of(meeting)
        saved = access.saved_agenda(meeting)
        if saved is not None:
            self.agenda, self.kept = saved, True
            return
        length = int(meeting.data.get("minutes") or 0) or DEFAULT_MINUTES
        if self.agenda is None:
            self.agenda = _proposal_from_store(self, length)
        self.agenda.meeting, self.agenda.length = self.meeting_day, length

    def compose(self) -> ComposeResult:
        self._find_meeting()
        yield Static(id="agenda-head", markup=False)
        if self.notices:
            yield Static(_notes_text(self.notices), id="agenda-notes", markup=False)
        yield DataTable(id="agenda-table", cursor_type="row", show_header=True)
        yield Static(
            Text(
                _(
                    "Enter: change an item (on a part: add one) · shift+arrows: move "
                    "it · u: put back what was removed"
                )
            ),
            id="agenda-hint",
            markup=False,
        )
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        table.add_column(Text(""), key="mark", width=2)
        table.add_column(
            Text(_("Part and items"), style="bold"), key="text", width=self._text_width()
        )
        table.add_column(Text(_("Minutes"), style="bold"), key="minutes", width=9)
        self._written = self.agenda.to_dict()
        self._fill()
        table.focus()
        on_theme_change(self, lambda: self._fill(self._cursor_key()))
        if self.notices:  # never silently: the same count the review gives
            self.notify(
                ngettext(
                    "{n} remark about the files: the agenda leaves out what it names.",
                    "{n} remarks about the files: the agenda leaves out what they name.",
                    len(self.notices),
                ).format(n=len(self.notices)),
                severity="warning",
                timeout=8,
                markup=False,
            )

    def on_resize(self, event: events.Resize) -> None:
        table = self.query_one("#agenda-table", DataTable)
        column = table.columns.get("text")
        if column is not None and column.width != self._text_width():
            column.width = self._text_width()
            self._fill(self._cursor_key())

    def _text_width(self) -> int:
        return max(30, self.app.size.width - 22)

    # --- rendering ---------------------------------------------------------------------------

    def _render_head(self) -> None:
        agenda = self.agenda
        head = Text()
        head.append(printable(agenda.title, single_line=True), style="bold")
        if agenda.meeting:
            head.append(" · " + format_date(agenda.meeting))
        head.append(
            " · "
            + ngettext("{n} minute in total", "{n} minutes in total", agenda.total_minutes).format(
                n=agenda.total_minutes
            )
        )
        if self.kept and not self.has_unsaved():
            head.append(" · " + _("saved with the meeting"), style="dim")
        if self.saved_to:
            head.append(
                " · " + _("saved as {path}").format(path=printable(self.saved_to.name)), style="dim"
            )
        warning = agenda.over_warning()
        if warning:
            head.append("\n" + warning, style="bold " + theme_colours(self)["warm"])
        self.query_one("#agenda-head", Static).update(head)

    def _fill(self, keep: tuple[str, int | None] | None = None) -> None:
        table = self.query_one("#agenda-table", DataTable)
        keep = keep or self._cursor_key()
        table.clear()
        self.keys = []
        start = 0
        accent = theme_colours(self)["accent"]
        for number, part in enumerate(self.agenda.parts, start=1):
            label = Text(part.title, style="bold " + accent)
            span = _("minute {start}-{end}").format(start=start, end=start + part.minutes)
            label.append(f"  ({span})", style="dim")
            label.append("\n" + part.purpose, style="dim italic")
            start += part.minutes
            table.add_row(
                Text(f"{number}.", style="bold " + accent),
                label,
                Text(_("{n} min").format(n=part.minutes), style="bold"),
                height=None,
                key=f"part:{part.key}",
            )
            self.keys.append((part.key, None))
            if not part.items:
                table.add_row(
                    Text(""),
                    Text(_("(nothing planned)"), style="dim"),
                    Text(""),
                    key=f"empty:{part.key}",
                )
                self.keys.append((part.key, -1))
            for index, item in enumerate(part.items):
                table.add_row(
                    Text(" •"),
                    Text(printable(item.text, single_line=True)),
                    Text(""),
                    height=None,
                    key=f"item:{part.key}:{index}",
                )
                self.keys.append((part.key, index))
        self._render_head()
        if keep in self.keys:
            table.move_cursor(row=self.keys.index(keep), animate=False)

    def _cursor_key(self) -> tuple[str, int | None] | None:
        table = self.query_one("#agenda-table", DataTable)
        if not self.keys:
            return None
        return self.keys[min(max(table.cursor_row, 0), len(self.keys) - 1)]

    # --- actions ------------------------------------------------------------------------------

    def _guard(self, change) -> bool:
        try:
            change()
        except PlgError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        return True

    def action_edit(self) -> None:
        key = self._cursor_key()
        if key is None:
            return
        part, index = key
        if index is None or index < 0:
            self.action_new()
            return
        from screens.dialogs.agenda_item import AgendaItemDialog

        def save(text: str | None) -> None:
            if text is not None and self._guard(lambda: self.agenda.edit_item(part, index, text)):
                self._fill((part, index))

        self.app.push_screen(
            AgendaItemDialog(_("Change the item"), self.agenda.part(part).items[index].text), save
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_new(self) -> None:
        key = self._cursor_key()
        if key is None:
            return
        part, index = key
        position = 0 if index is None or index < 0 else index + 1
        from screens.dialogs.agenda_item import AgendaItemDialog

        def add(text: str | None) -> None:
            if text is not None and self._guard(lambda: self.agenda.add_item(part, text, position)):
                self._fill((part, position))

        self.app.push_screen(
            AgendaItemDialog(_("New item for {part}").format(part=self.agenda.part(part).title)),
            add,
        )

    def action_remove(self) -> None:
        key = self._cursor_key()
        if key is None or key[1] is None or key[1] < 0:
            self.notify(_("Choose an item to remove."), severity="warning")
            return
        part, index = key
        item = self.agenda.remove_item(part, index)
        self.removed = (part, index, item)
        remaining = len(self.agenda.part(part).items)
        self._fill((part, min(index, remaining - 1)) if remaining else (part, -1))
        self.notify(_("Item removed; press u to put it back."))

    def action_undo(self) -> None:
        if self.removed is None:
            self.notify(_("Nothing to put back."))
            return
        part, index, item = self.removed
        self.agenda.part(part).items.insert(min(index, len(self.agenda.part(part).items)), item)
        self.removed = None
        self._fill((part, index))

    def action_minutes(self, delta: int) -> None:
        key = self._cursor_key()
        if key is None:
            return
        part = self.agenda.part(key[0])
        value = max(0, part.minutes + delta)
        was_over = self.agenda.over_minutes
        if self._guard(lambda: self.agenda.set_minutes(part.key, value)):
            self._fill(key)
            if self.agenda.over_minutes and not was_over:
                self.notify(self.agenda.over_warning(), severity="warning", markup=False)

    def action_move(self, delta: int) -> None:
        key = self._cursor_key()
        if key is None or key[1] is None or key[1] < 0:
            return
        part, index = key
        target = self.agenda.move_item(part, index, delta)
        self._fill((part, target))

    def action_title(self) -> None:
        from screens.dialogs.agenda_item import AgendaItemDialog

        def rename(text: str | None) -> None:
            if text is not None and self._guard(lambda: self.agenda.set_title(text)):
                self._render_head()

        self.app.push_screen(AgendaItemDialog(_("Title of the agenda"), self.agenda.title), rename)

    # --- saving and leaving ---------------------------------------------------------------

    def has_unsaved(self) -> bool:
        """Changes made since the agenda was proposed or last written."""
        return (
            self.agenda is not None
            and self._written is not None
            and self.agenda.to_dict() != self._written
        )

    def save_unsaved(self, then) -> None:
        if self.meeting_day is not None:
            if self._keep():
                then()
            return
        self.action_write(then)

    def _keep(self) -> bool:
        """Save the agenda with its meeting; False (and a notification) when refused."""
        try:
            self.session.group.save_agenda(self.agenda)
        except PlgError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self._written = self.agenda.to_dict()
        self.kept, self.discarded = True, False
        self._render_head()
        return True

    def action_save(self) -> None:
        """ctrl+s: with the meeting when there is one, else as a Markdown file."""
        if self.meeting_day is None:
            self.action_write()
        elif self._keep():
            self.notify(
                _("Agenda saved with the meeting of {date}.").format(
                    date=format_date(self.meeting_day)
                )
            )

    def discard_unsaved(self) -> None:
        self.discarded = True

    def action_write(self, then=None) -> None:
        """Ask where, write the Markdown, then run ``then`` (only when it was written)."""
        from plgcycle.outputs import write_text
        from screens.dialogs.review_save import SaveFileDialog

        today = self.session.today
        default = self.path or Path.cwd() / _("agenda-{date}.md").format(
            date=(self.agenda.meeting or today).isoformat()
        )

        def write(path: Path | None) -> None:
            if path is None:
                return
            text = self.agenda.to_markdown()
            try:
                write_text(path, text)
            except PlgError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.path = self.saved_to = path
            self._written = self.agenda.to_dict()
            self.discarded = False
            self._render_head()
            self.notify(_("Agenda written to {path}.").format(path=path), markup=False)
            if then is not None:
                then()

        self.app.push_screen(
            SaveFileDialog(
                _("Save the agenda as Markdown"), default, suffixes=(".md", ".markdown", ".txt")
            ),
            write,
        )

    def action_close(self) -> None:
        """Leave; changes are kept with the meeting, or (without one) it asks first."""
        if not self.has_unsaved():
            close_screen(self)
            return
        if self.meeting_day is not None:
            if self._keep():
                self.notify(
                    _("Agenda saved with the meeting of {date}.").format(
                        date=format_date(self.meeting_day)
                    )
                )
                close_screen(self)
            return
        from screens.dialogs.confirm import LeaveChoice, UnsavedDialog

        def chosen(choice: LeaveChoice | None) -> None:
            if choice is LeaveChoice.SAVE:
                self.action_write(lambda: close_screen(self))
            elif choice is LeaveChoice.DISCARD:
                self.discard_unsaved()
                close_screen(self)

        self.app.push_screen(UnsavedDialog(can_save=True, where=_(self.unsaved_label)), chosen)


@dataclass(frozen=True)
class AgendaOutcome:
    """How an agenda opened by :func:`screens.start.run_agenda` was left."""

    agenda: Agenda
    saved_to: Path | None  # the file last written in the app, if any
    unsaved: bool  # changes made after that (or with nothing written at all)
    discarded: bool  # the facilitator chose to leave those changes behind
