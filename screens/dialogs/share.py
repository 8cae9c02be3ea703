"""The shared folder's dialogs: setting the folder, and agreeing to share more.

:class:`ShareFolderDialog` asks for the PLG's shared folder and shows, below it, exactly
what the folder will receive (the export preview of :mod:`plgcycle.share`); the folder
is set only when the teacher presses *Delen in deze map*.  :class:`ShareMoreDialog`
appears when the teacher's file would hold something it did not hold when they agreed
(a first try-out, a colleague's name): it shows what is new and the whole preview, and
the file is updated only after a yes.  Both dismiss with True (done) or False/None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from plgcycle import share
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.textsafe import printable

from ..base import PlgModal
from ..exchange import display_path

_CSS = """
{name} #share-dialog {{
    width: 84;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}}
{name} .dialog-title {{
    margin: 0;
}}
{name} .share-intro {{
    height: auto;
    color: $text-muted;
}}
{name} #share-preview {{
    height: auto;
    padding: 0 1;
    margin: 1 0 0 0;
    background: $boost;
}}
{name} .field-label {{
    margin: 1 0 0 0;
    text-style: bold;
}}
{name} #share-warning {{
    height: auto;
    color: $text-warning;
}}
{name} #share-buttons {{
    height: auto;
    align-horizontal: right;
}}
{name} #share-buttons Button {{
    margin: 0 0 0 2;
}}
"""


def preview_text(own: share.OwnExport, folder: Path | None, name: str) -> str:
    where = display_path(folder / name) if folder is not None else printable(name)
    lines = [_("Your file {path} will contain:").format(path=where)]
    lines += ["  " + line for line in own.preview.lines()]
    return "\n".join(lines)


class ShareFolderDialog(PlgModal[bool | None]):
    """Set (or stop) the PLG's shared folder after seeing what it will receive."""

    TYPED_TEXT_IS_WORK = False  # a folder name: nothing is lost when it is dropped

    BINDINGS = [Binding("ctrl+s", "share", N_("share"), id="share-folder")]

    DEFAULT_CSS = _CSS.format(name="ShareFolderDialog")

    def __init__(self) -> None:
        super().__init__()
        self.config: share.ShareConfig | None = None
        self.own: share.OwnExport | None = None
        self.file_name = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="share-dialog", can_focus=False):
            yield Static(Content(_("Shared folder of your PLG")), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "Choose the folder that OneDrive, Google Drive, Nextcloud or Syncthing "
                        "keeps in step on every colleague's computer. plgcycle puts your work "
                        "there as one file, keeps it up to date, and reads your colleagues' "
                        "files there when it starts and when you press s on Home."
                    )
                ),
                classes="share-intro",
            )
            yield Label(Content(_("Folder")), classes="field-label")
            yield Input(id="share-folder", placeholder=_("e.g. ~/OneDrive - School/PLG"))
            yield Static(id="share-warning")
            yield Static(id="share-preview")
            with Horizontal(id="share-buttons"):
                yield Button(_("Cancel"), id="share-cancel")
                yield Button(_("Stop sharing"), variant="error", id="share-stop")
                yield Button(_("Share in this folder"), variant="primary", id="share-yes")

    def on_mount(self) -> None:
        session = self.session
        self.config = session.share_config()
        self.own = share.prepare_own(session.shared_records(), session.me)
        self.query_one("#share-stop", Button).display = self.config is not None
        if self.own is None:
            self._warn(_("There is no teacher in this database yet: fill in your name first."))
            self.query_one("#share-yes", Button).disabled = True
            return
        self.file_name = (
            self.config.file_name
            if self.config is not None
            else share.own_file_name(self.own.person)
        )
        field = self.query_one("#share-folder", Input)
        if self.config is not None:
            field.value = display_path(self.config.folder)
        self.query_one("#share-preview", Static).update(
            Content(preview_text(self.own, None, self.file_name))
        )
        field.focus()

    def _warn(self, text: str) -> None:
        self.query_one("#share-warning", Static).update(Content(printable(text)))

    @on(Input.Changed, "#share-folder")
    def _typed(self) -> None:
        self._warn("")

    @on(Input.Submitted, "#share-folder")
    @on(Button.Pressed, "#share-yes")
    def action_share(self) -> None:
        if self.own is None:
            return
        raw = self.query_one("#share-folder", Input).value.strip()
        try:
            folder = share.check_folder(Path(raw).expanduser() if raw else "", self.session.path)
            old = self.config
            scope = self.own.scope if old is None or old.folder != folder else old.scope
            self.session.set_settings(
                share.share_settings(
                    folder, self.file_name, share.merged_scope(scope, self.own.scope)
                )
            )
        except PlgError as error:
            self._warn(str(error))
            return
        self.notify(
            _("Your work is shared in {folder}.").format(folder=display_path(folder)),
            title=_("Shared folder"),
        )
        self.dismiss(True)

    @on(Button.Pressed, "#share-stop")
    def _stop(self) -> None:
        config = self.config
        try:
            self.session.set_settings(dict(share.STOP_SETTINGS))
        except PlgError as error:
            self._warn(str(error))
            return
        if config is not None:
            self.notify(
                _(
                    "Sharing stopped. Your file {name} stays in {folder}; delete it there if "
                    "colleagues should no longer read it."
                ).format(name=config.file_name, folder=display_path(config.folder)),
                title=_("Shared folder"),
                timeout=12,
            )
        self.dismiss(False)

    @on(Button.Pressed, "#share-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ShareMoreDialog(PlgModal[bool]):
    """Your file would hold something new: share it (yes) or leave the folder as it is."""

    TYPED_TEXT_IS_WORK = False

    BINDINGS = [Binding("ctrl+s", "share", N_("share"), id="share-more")]

    DEFAULT_CSS = _CSS.format(name="ShareMoreDialog")

    def __init__(self, own: share.OwnExport, new: list[str], config: share.ShareConfig) -> None:
        super().__init__()
        self.own = own
        self.new = new
        self.config = config

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="share-dialog", can_focus=False):
            yield Static(Content(_("Share more in the shared folder?")), classes="dialog-title")
            yield Static(
                Content(
                    _("Your file would now also hold: {list}.").format(list=", ".join(self.new))
                ),
                classes="share-new",
            )
            yield Static(
                Content(preview_text(self.own, self.config.folder, self.config.file_name)),
                id="share-preview",
            )
            yield Static(
                Content(
                    _(
                        "Until you agree, the folder keeps your file as it was; your work "
                        "stays here."
                    )
                ),
                classes="share-intro",
            )
            with Horizontal(id="share-buttons"):
                yield Button(_("Not now"), id="share-no")
                yield Button(_("Share"), variant="primary", id="share-yes")

    def on_mount(self) -> None:
        # A key pressed by chance must never share more: the focus is on "not now".
        self.query_one("#share-no", Button).focus()

    @on(Button.Pressed, "#share-yes")
    def action_share(self) -> None:
        try:
            self.session.set_settings(
                {share.SCOPE_SETTING: share.merged_scope(self.config.scope, self.own.scope)}
            )
        except PlgError as error:
            self.notify(str(error), title=_("Not saved"), severity="error", timeout=10)
            return
        self.dismiss(True)

    @on(Button.Pressed, "#share-no")
    def action_cancel(self) -> None:
        self.dismiss(False)
