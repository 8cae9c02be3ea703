"""The teacher's own details: name, school, subject, PLG, subgroup and the next meeting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _
from plgcycle.model import PERSON_FIELDS
from plgcycle.textsafe import printable
from screens.widgets.footer import PlgFooter

from .base import FormScreen
from .exchange import display_path
from .widgets.field_form import FieldForm


class ProfileScreen(FormScreen):
    """Edit the local person (the name colleagues see in exports) and the shared folder."""

    BINDINGS = [Binding("ctrl+g", "share_folder", N_("shared folder"), id="share-folder")]

    def compose(self) -> ComposeResult:
        person = self.session.me_record()
        yield Header()
        with VerticalScroll(id="profile-body"):
            yield Static(
                Content(
                    _(
                        "Colleagues see your name and school in the files you share. "
                        "The date of the next meeting shows on Home."
                    )
                ),
                classes="guidance",
            )
            yield FieldForm(
                PERSON_FIELDS,
                dict(person.data) if person else {},
                allow_private=False,
                id="profile-form",
            )
            yield Static(id="profile-code", classes="guidance")
            yield Static(Content(_("Shared folder of the PLG")), classes="section-title")
            yield Static(id="profile-share", classes="guidance")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("My details")
        self.share_status_changed()
        self._show_controlecode()
        self.query_one(FieldForm).focus_field("name")

    def share_status_changed(self) -> None:
        config = self.session.share_config()
        if config is None:
            text = _(
                "Not set. With a folder that OneDrive, Google Drive, Nextcloud or Syncthing "
                "keeps in step, your work and your colleagues' work go back and forth by "
                "themselves. ctrl+g: set the folder."
            )
        else:
            text = _("{folder}, as {name}. ctrl+g: change or stop.").format(
                folder=display_path(config.folder), name=config.file_name
            )
        self.query_one("#profile-share", Static).update(Content(text))

    def action_share_folder(self) -> None:
        self.app.action_open("share-folder")

    def _show_controlecode(self) -> None:
        """The check code of the teacher's key (made now when they have none yet)."""
        try:
            code = self.session.own_controlecode()
        except PlgError as error:
            text = Content(printable(str(error)))
        else:
            text = Content(
                _(
                    "Your check code: {code}. Colleagues see it with the files you share; "
                    "compare it with them at a meeting, so that they know the files are yours."
                ).format(code=code)
                if code
                else _("Your check code appears here once your profile is saved.")
            )
        self.query_one("#profile-code", Static).update(text)

    def save_form(self) -> bool:
        form = self.query_one(FieldForm)
        values = self.checked_values(form)
        if values is None:
            return False
        if not values.get("name"):
            return self.refuse(_("A name is needed."), form, "name")
        person = self.session.me_record()
        if person is None:
            self.save_problem = _("There is no database to save in.")
            return False
        record = person.copy()
        record.data.update(values)
        if not self.save(record):
            self.save_problem = _("The database could not be written; your text is still here.")
            return False
        form.mark_saved()
        return True
