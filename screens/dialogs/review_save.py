"""Ask where to save a file (a report or an agenda); returns the chosen Path or None.

The dialog refuses plgcycle's own files (the database, its backups, its lock:
``plgcycle.outputs.check_output``) with a line under the name, and asks with a
:class:`ConfirmDialog` before a name that exists already is chosen.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.outputs import check_output
from plgcycle.textsafe import printable
from screens.base import PlgModal


class SaveFileDialog(PlgModal[Path | None]):
    """A file name with a default; the caller checks and writes, this only asks."""

    TYPED_TEXT_IS_WORK = False  # a file name: what is saved lies in the window beneath
    BINDINGS = [Binding("ctrl+s", "submit", N_("save"), id="save-file")]

    DEFAULT_CSS = """
    SaveFileDialog { align: center middle; }
    SaveFileDialog > Vertical { width: 76; max-width: 95%; height: auto; padding: 1 2;
                                border: thick $accent; background: $surface; }
    SaveFileDialog #save-title { text-style: bold; margin-bottom: 1; }
    SaveFileDialog #save-hint { color: $text-muted; margin-top: 1; }
    SaveFileDialog #save-error { color: $error; height: auto; }
    SaveFileDialog Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    SaveFileDialog Button { margin-left: 2; }
    """

    def __init__(
        self, title: str, default: Path, hint: str = "", suffixes: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.hint = hint
        self.suffixes = suffixes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="save-title")
            yield Input(value=str(self.default), id="save-path")
            yield Static("", id="save-error", markup=False)
            if self.hint:
                yield Static(Text(self.hint), id="save-hint")
            with Horizontal():
                yield Button(_("Cancel"), id="save-cancel")
                yield Button(_("Save"), id="save-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#save-path", Input).focus()

    def action_submit(self) -> None:
        self._submit()

    def _submit(self) -> None:
        raw = self.query_one("#save-path", Input).value.strip()
        error = self.query_one("#save-error", Static)
        if not raw:
            error.update(Text(_("Give a file name.")))
            return
        path = Path(raw).expanduser()
        if self.suffixes and path.suffix.lower() not in self.suffixes:
            error.update(
                Text(
                    _("The file name must end in {suffixes}.").format(
                        suffixes=", ".join(self.suffixes)
                    )
                )
            )
            return
        if path.exists() and path.is_dir():
            error.update(
                Text(_("{path} is a folder; give a file name.").format(path=printable(raw)))
            )
            return
        if not path.parent.exists():
            error.update(
                Text(
                    _("The folder {folder} does not exist.").format(
                        folder=printable(str(path.parent))
                    )
                )
            )
            return
        try:
            check_output(path)
        except PlgError as refused:
            error.update(Text(printable(str(refused))))
            return
        if path.exists():
            self._confirm_replace(path)
            return
        self.dismiss(path)

    def _confirm_replace(self, path: Path) -> None:
        from screens.dialogs.confirm import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if replace:
                self.dismiss(path)
            else:
                self.query_one("#save-path", Input).focus()  # the typed name stays, to change it

        self.app.push_screen(
            ConfirmDialog(
                _("Replace the file?"),
                _("{name} already exists. Replace it?").format(
                    name=printable(path.name, single_line=True)
                ),
                _("Replace"),
                danger=True,
            ),
            answered,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save-ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
