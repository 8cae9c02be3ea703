"""The import screen: pick colleagues' export files in a folder, see what would change, import.

Nothing is written until the teacher presses ``i``: choosing files only
recomputes the summary (per file: new, updated, unchanged, ignored and why,
conflicts).  Files that cannot be used are listed with the reason and cannot
be chosen.  The import itself is one atomic write through the session
(:meth:`plgcycle.session.Session.apply_import`).

The screen needs only the session; it is opened without arguments (or with a start folder) and
dismisses with an :class:`ImportResult`, or None when the teacher goes back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from plgcycle.errors import PlgError
from plgcycle.exchange import (
    PROFILE_PROGRESS,
    ExportFile,
    find_export_files,
    plan_import,
    read_export,
    summary_lines,
)
from plgcycle.i18n import N_, _, format_date
from plgcycle.textsafe import printable, shorten
from screens.widgets.footer import PlgFooter
from screens.widgets.review_kit import theme_colours
from screens.widgets.tickbox import TickList

from .base import PlgScreen

FOLDER_SETTING = "exchange_import_folder"
MAX_FOLDERS = 300  # subfolders listed; more would only slow the screen down


def display_path(path: Path) -> str:
    """A path as people read it: ``~/Downloads`` for folders in the home folder."""
    try:
        home = Path.home()
        relative = path.relative_to(home)
    except (ValueError, RuntimeError, KeyError):
        return printable(str(path), single_line=True)
    text = "~" if str(relative) == "." else "~" + os.sep + str(relative)
    return printable(text, single_line=True)


def start_folder(session) -> Path:
    """Where the picker opens: the last folder used, else Downloads, else the current folder."""
    remembered = session.setting(FOLDER_SETTING)
    candidates = [Path(remembered)] if isinstance(remembered, str) else []
    candidates += [Path.home() / "Downloads", Path.cwd()]
    for folder in candidates:
        try:
            if folder.is_dir():
                return folder
        except OSError:
            continue
    return Path.cwd()


@dataclass(frozen=True)
class ImportResult:
    """What an import did (the screen's dismiss value)."""

    files: tuple[Path, ...]
    added: int
    updated: int


class ImportScreen(PlgScreen[ImportResult | None]):
    """Choose export files in a folder, look at the summary, then import them."""

    TYPED_TEXT_IS_WORK = False  # the folder field only moves to another folder

    BINDINGS = [
        Binding("escape", "back", N_("back"), id="back"),
        Binding("i", "apply", N_("import"), id="import"),
        Binding("a", "toggle_all", N_("all / none"), id="all"),
        Binding("k", "accept_key", N_("accept new key"), id="accept-key"),
        Binding("backspace", "parent", N_("folder up"), id="parent"),
    ]

    DEFAULT_CSS = """
    ImportScreen {
        layout: vertical;
    }
    ImportScreen #import-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
        background: $primary 25%;
    }
    ImportScreen #import-intro {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    ImportScreen #import-pickers {
        height: 2fr;
        min-height: 7;
        max-height: 12;
    }
    ImportScreen #import-folders {
        width: 30;
    }
    ImportScreen #import-files {
        width: 1fr;
    }
    ImportScreen .picker-label {
        padding: 0 1;
        text-style: bold;
    }
    ImportScreen #folder-input {
        margin: 0 0;
    }
    ImportScreen #folder-list, ImportScreen #file-list {
        height: 1fr;
    }
    ImportScreen #import-summary-box {
        height: 3fr;
        border: round $primary;
        padding: 0 1;
    }
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        super().__init__()
        self.folder: Path | None = Path(folder).expanduser() if folder else None
        self._files: dict[Path, ExportFile | str] = {}
        self._plan = None
        self._accepted: dict[str, str] = {}  # key changes accepted in this screen
        self._verified: set[bytes] = set()  # signatures checked while the screen is open

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Content(_("Import colleagues' work")), id="import-title")
        yield Static(
            Content(
                _(
                    "Choose export files (*.plgcycle.json) with space. Below you see "
                    "what would change; nothing is saved until you press i."
                )
            ),
            id="import-intro",
        )
        with Horizontal(id="import-pickers"):
            with Vertical(id="import-folders"):
                yield Label(Content(_("Folder")), classes="picker-label")
                yield Input(id="folder-input", placeholder=_("a folder, e.g. ~/Downloads"))
                yield OptionList(id="folder-list", markup=False)
            with Vertical(id="import-files"):
                yield Label(Content(_("Export files in this folder")), classes="picker-label")
                yield TickList[Path](id="file-list")
        with VerticalScroll(id="import-summary-box") as box:
            box.border_title = _("What would change")
            yield Static(id="import-summary")
        yield PlgFooter()

    def on_mount(self) -> None:
        self.open_folder(self.folder or start_folder(self.session))

    def _focus_where_the_work_is(self, has_files: bool) -> None:
        """Files to choose: focus them; none here: focus the folders, so arrows move on."""
        if has_files:
            self.query_one("#file-list", SelectionList).focus()
            return
        folders = self.query_one("#folder-list", OptionList)
        folders.focus()
        if folders.option_count:
            folders.highlighted = 0

    # --- folders ------------------------------------------------------------------------------

    def open_folder(self, folder: Path) -> None:
        """Show ``folder``: its subfolders on the left, its export files on the right."""
        self.folder = folder
        self._files = {}
        self.query_one("#folder-input", Input).value = display_path(folder)
        folders = self.query_one("#folder-list", OptionList)
        folders.clear_options()
        options = []
        if folder.parent != folder:
            options.append(
                Option(
                    Content("⬆ " + _("up: {name}").format(name=display_path(folder.parent))),
                    id=str(folder.parent),
                )
            )
        try:
            subfolders = sorted(
                (p for p in folder.iterdir() if not p.name.startswith(".") and p.is_dir()),
                key=lambda p: p.name.casefold(),
            )
        except OSError:
            subfolders = []
        for sub in subfolders[:MAX_FOLDERS]:
            options.append(
                Option(Content("▸ " + printable(sub.name, single_line=True)), id=str(sub))
            )
        folders.add_options(options)
        files = self.query_one("#file-list", SelectionList)
        files.clear_options()
        paths = find_export_files(folder)
        self._show_summary()
        self._focus_where_the_work_is(bool(paths))
        if paths:
            self.query_one("#import-summary", Static).update(
                Content(_("Reading {n} files…").format(n=len(paths)))
            )
            self._load(folder, paths)

    @work(thread=True, exclusive=True, group="exchange-import-load")
    def _load(self, folder: Path, paths: list[Path]) -> None:
        """Read and validate the files off the UI thread (a file may be up to 50 MB)."""
        loaded: dict[Path, ExportFile | str] = {}
        for path in paths:
            try:
                loaded[path] = read_export(path, label=path.name)
            except PlgError as error:
                loaded[path] = str(error)
        self.app.call_from_thread(self._loaded, folder, loaded)

    def _loaded(self, folder: Path, loaded: dict[Path, ExportFile | str]) -> None:
        if folder != self.folder:
            return  # the teacher went to another folder meanwhile
        self._files = loaded
        files = self.query_one("#file-list", SelectionList)
        files.clear_options()
        for path, found in loaded.items():
            file_name = printable(path.name, single_line=True)
            if isinstance(found, ExportFile):
                label = Text(shorten(found.sender_name, 30) or _("unknown sender"), style="bold")
                detail = " · " + format_date(found.exported_at)
                if found.profile == PROFILE_PROGRESS:
                    detail += " · " + _("progress only")
                label.append(detail)
                label.append("  " + file_name, style="dim")
                files.add_option(Selection(label, path))
            else:
                label = Text("✗ " + _("cannot be used"), style=theme_colours(self)["error"])
                label.append("  " + file_name, style="dim")
                files.add_option(Selection(label, path, disabled=True))
        usable = [i for i, f in enumerate(loaded.values()) if isinstance(f, ExportFile)]
        if usable:
            files.highlighted = usable[0]
        self._show_summary()

    @on(Input.Submitted, "#folder-input")
    def _folder_typed(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        folder = Path(raw).expanduser() if raw else Path.cwd()
        try:
            ok = folder.is_dir()
        except OSError:
            ok = False
        if not ok:
            self.notify(
                printable(_("{path} is not a folder.").format(path=raw)),
                severity="warning",
                markup=False,
            )
            return
        self.open_folder(folder.resolve())

    @on(OptionList.OptionSelected, "#folder-list")
    def _folder_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_folder(Path(event.option.id))

    def action_parent(self) -> None:
        if self.folder is not None and self.folder.parent != self.folder:
            self.open_folder(self.folder.parent)

    # --- choosing and the summary ---------------------------------------------------------------

    def _selected(self) -> list[ExportFile]:
        chosen = self.query_one("#file-list", SelectionList).selected
        return [f for p in chosen if isinstance(f := self._files.get(p), ExportFile)]

    @on(SelectionList.SelectedChanged, "#file-list")
    def _selection_changed(self) -> None:
        self._show_summary()

    def action_toggle_all(self) -> None:
        files = self.query_one("#file-list", SelectionList)
        usable = [p for p, f in self._files.items() if isinstance(f, ExportFile)]
        if usable and set(files.selected) >= set(usable):
            files.deselect_all()
        else:
            for path in usable:  # never the files that cannot be used
                files.select(path)

    def _show_summary(self) -> None:
        summary = self.query_one("#import-summary", Static)
        text = Text()
        chosen = self._selected()
        session = self.session
        self._plan = None
        if chosen and session.has_database:
            self._plan = self._plan_for(chosen)
            if self._plan.notices():
                text.append(
                    _(
                        "Press k to accept a new key, only after comparing the check code "
                        "with that colleague."
                    )
                    + "\n",
                    style="bold " + theme_colours(self)["warm"],
                )
            for indent, line in summary_lines(self._plan):
                style = "bold" if indent == 0 else ("dim" if indent > 1 else "")
                text.append("  " * indent + line + "\n", style=style)
            if self._plan.changes:
                text.append(
                    _("Press i to import: {added} new, {updated} updated.").format(
                        added=self._plan.added, updated=self._plan.updated
                    ),
                    style="bold",
                )
            else:
                text.append(
                    _("Nothing new in these files; importing changes nothing."), style="bold"
                )
        elif any(isinstance(f, ExportFile) for f in self._files.values()):
            text.append(_("Choose one or more files with space (a: all)."))
        elif not self._files:
            text.append(
                _(
                    "No export files (*.plgcycle.json) in this folder. Choose another "
                    "folder on the left or type one above."
                )
            )
        rejected = [(p, f) for p, f in self._files.items() if isinstance(f, str)]
        if rejected:
            text.append(
                "\n\n" + _("Cannot be used (nothing from these files is imported):") + "\n",
                style="bold " + theme_colours(self)["error"],
            )
            for _path, message in rejected:
                text.append("- " + printable(message) + "\n", style=theme_colours(self)["error"])
        summary.update(text)

    # --- importing ------------------------------------------------------------------------------

    def action_apply(self) -> None:
        chosen = self._selected()
        if not chosen:
            self.notify(
                _("Choose at least one file first (space)."), severity="warning", markup=False
            )
            return
        session = self.session
        try:
            if not session.has_database:
                raise PlgError(_("There is no database to import into."))
            if session.me is None:
                # Without the teacher's profile, nothing would tell their own work from
                # a colleague's: the import would take everything in without an owner.
                raise PlgError(
                    _("First fill in your name on the welcome screen; then you can import.")
                )
            plan = self._plan_for(chosen)
            session.apply_import(
                plan, {FOLDER_SETTING: str(self.folder)} if self.folder is not None else None
            )
        except PlgError as error:
            self.notify(
                printable(str(error)),
                title=_("Nothing was imported"),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        added, updated = plan.added, plan.updated
        if plan.changes:
            message = _("Imported: {added} new, {updated} updated.").format(
                added=added, updated=updated
            )
        else:
            message = _("Nothing new; your database is unchanged.")
        self.notify(message, title=_("Import"), markup=False)
        self.dismiss(ImportResult(tuple(f.path for f in chosen if f.path), added, updated))

    def _plan_for(self, chosen: list[ExportFile]):
        """The import of ``chosen`` through the trust rules, with the keys the database knows."""
        session = self.session
        return plan_import(
            session.records(include_deleted=True),
            session.me,
            chosen,
            pins=session.keys("pins"),
            accepted={**session.keys("accepted"), **self._accepted},
            verified=self._verified,
        )

    def action_accept_key(self) -> None:
        """Ask about the first new key waiting: accepted only on an explicit yes."""
        from .dialogs.confirm import accept_key_question

        plan = self._plan
        waiting = [
            (notice, key)
            for notice in (plan.trust.notices if plan is not None and plan.trust else [])
            for key in notice.offered
            if self._accepted.get(notice.person) != key
        ]
        if not waiting:
            self.notify(_("No new key is waiting to be accepted."), markup=False)
            return
        notice, key = waiting[0]

        def answered(accept: bool | None) -> None:
            if accept:
                self._accepted[notice.person] = key
                self._show_summary()

        name = plan.names.get(notice.person) or _("unknown colleague")
        self.app.push_screen(accept_key_question(name, key), answered)

    def action_back(self) -> None:
        self.dismiss(None)
