"""The export dialog: choose what to share, see exactly what the file will hold, write it.

The preview (records per kind, names of people mentioned, private notes that
stay behind, texts left out in a progress export) comes from
:func:`plgcycle.exchange.prepare_export`, the same function the CLI uses.  The
dialog opens on the choice of what to share (arrows move between the two, and
the chosen one is marked ``●``, not only coloured); enter in the file name moves
on to the buttons, so an Enter pressed out of habit never writes a file.  The
file is written only after the teacher presses Export (or ctrl+s); an existing file is
replaced only after a yes in a :class:`ConfirmDialog`, and plgcycle's own files
(the database, its backups, its lock: ``plgcycle.outputs.check_output``) are
refused with a line under the name.  Dismisses with an :class:`ExportResult`,
or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioSet, Static

from plgcycle.errors import PlgError
from plgcycle.exchange import (
    PROFILE_FULL,
    PROFILE_PROGRESS,
    ExportPreview,
    default_export_name,
    export_to,
    prepare_export,
)
from plgcycle.i18n import N_, _
from plgcycle.outputs import check_output
from plgcycle.textsafe import printable

from ..base import PlgModal
from ..exchange import display_path
from ..widgets.tickbox import ChoiceButton


@dataclass(frozen=True)
class ExportResult:
    """The file that was written (the dialog's dismiss value)."""

    path: Path
    profile: str
    records: int


class ExportDialog(PlgModal[ExportResult | None]):
    """Share your work as a file, after seeing what it contains."""

    TYPED_TEXT_IS_WORK = False  # a file name: the work shared is in the database already

    BINDINGS = [
        Binding("ctrl+s", "export", N_("export"), id="export"),
    ]

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog #export-dialog {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ExportDialog #export-title {
        text-style: bold;
        height: 1;
    }
    ExportDialog RadioSet {
        width: 100%;
        height: auto;
    }
    ExportDialog #export-preview {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    ExportDialog .field-label {
        margin: 1 0 0 0;
        text-style: bold;
    }
    ExportDialog #export-warning {
        height: auto;
        color: $warning;
        display: none;
    }
    ExportDialog #export-warning.-shown {
        display: block;
    }
    ExportDialog #export-buttons {
        height: auto;
        align-horizontal: right;
    }
    ExportDialog #export-buttons Button {
        margin: 0 0 0 2;
    }
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        super().__init__()
        self.folder = Path(folder).expanduser() if folder else None
        self.profile = PROFILE_FULL
        self.preview: ExportPreview | None = None
        self._person = None
        self._records = []
        self._default_shown = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export-dialog", can_focus=False):
            yield Static(Content(_("Share your work as a file")), id="export-title")
            with RadioSet(id="export-profile"):
                yield ChoiceButton(
                    _("Everything you wrote, except private notes"), value=True, id="profile-full"
                )
                yield ChoiceButton(_("Progress only, for a team leader"), id="profile-progress")
            yield Static(id="export-preview")
            yield Label(Content(_("File")), classes="field-label")
            yield Input(id="export-path")
            yield Static(id="export-warning")
            with Horizontal(id="export-buttons"):
                yield Button(_("Cancel"), id="export-cancel")
                yield Button(_("Export"), variant="primary", id="export-write")

    def on_mount(self) -> None:
        session = self.session
        me = session.me
        self._person = session.get(me) if me else None
        if self._person is None:
            self.query_one("#export-preview", Static).update(
                Content(_("There is no teacher in this database yet: fill in your name first."))
            )
            self.query_one("#export-write", Button).disabled = True
            self.query_one("#export-cancel", Button).focus()
            return
        self._records = session.records(include_deleted=True)
        self._refresh()
        # The choice first: what is shared is decided before anything is written.
        self.query_one("#export-profile", RadioSet).focus()

    # --- preview ---------------------------------------------------------------------------------

    def _folder(self) -> Path:
        return self.folder or Path.cwd()

    def _default_path(self) -> str:
        name = default_export_name(self._person.text("name"), self.session.today, self.profile)
        return display_path(self._folder() / name)

    def _refresh(self) -> None:
        self.preview = prepare_export(self._records, self._person.id, self.profile)
        lines = [_("This file will contain:")] + ["  " + line for line in self.preview.lines()]
        self.query_one("#export-preview", Static).update(Content("\n".join(lines)))
        path_input = self.query_one("#export-path", Input)
        if not path_input.value or path_input.value == self._default_shown:
            self._default_shown = self._default_path()
            path_input.value = self._default_shown

    @on(RadioSet.Changed, "#export-profile")
    def _profile_changed(self, event: RadioSet.Changed) -> None:
        self.profile = PROFILE_PROGRESS if event.pressed.id == "profile-progress" else PROFILE_FULL
        if self._person is not None:
            self._refresh()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        warning = self.query_one("#export-warning", Static)
        warning.update("")
        warning.remove_class("-shown")

    # --- writing ---------------------------------------------------------------------------------

    def _target(self) -> Path | None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            return None
        target = Path(raw).expanduser()
        if not target.is_absolute():
            target = self._folder() / target
        if target.is_dir():
            target = target / default_export_name(
                self._person.text("name"), self.session.today, self.profile
            )
        return target

    @on(Input.Submitted, "#export-path")
    def _path_entered(self) -> None:
        # Enter moves on, as in every form; writing takes the Export button (or ctrl+s).
        self.query_one("#export-write", Button).focus()

    @on(Button.Pressed, "#export-write")
    def action_export(self) -> None:
        if self._person is None or self.preview is None:
            return
        target = self._target()
        if target is None:
            self.notify(_("Give a file name."), severity="warning", markup=False)
            return
        try:
            check_output(target)
        except PlgError as refused:
            warning = self.query_one("#export-warning", Static)
            warning.update(Content(printable(str(refused))))
            warning.add_class("-shown")
            return
        if target.exists():
            self._confirm_replace(target)
            return
        self._write(target)

    def _confirm_replace(self, target: Path) -> None:
        from .confirm import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(target)
            else:
                self.query_one("#export-path", Input).focus()  # the typed name stays

        self.app.push_screen(
            ConfirmDialog(
                _("Replace the file?"),
                _("{name} already exists. Replace it?").format(
                    name=printable(target.name, single_line=True)
                ),
                _("Replace"),
                danger=True,
            ),
            answered,
        )

    def _write(self, target: Path) -> None:
        session = self.session
        try:
            # Only now, the file name accepted: a database made before signing gets its key
            # (the person record names it), and the preview is made again with it.
            key = session.signing_key()
            self._person = session.get(self._person.id) or self._person
            self._records = session.records(include_deleted=True)
            self.preview = prepare_export(self._records, self._person.id, self.profile)
            written = export_to(target, self.preview, self._person, source=session.path, key=key)
        except PlgError as error:
            self.notify(
                printable(str(error)),
                title=_("Not exported"),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.notify(
            printable(_("Written: {path}").format(path=display_path(written))),
            title=_("Export"),
            markup=False,
        )
        self.dismiss(ExportResult(written, self.profile, self.preview.total))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
