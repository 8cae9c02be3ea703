"""A classroom try-out: the plan, how it went, and its results with measures.

One form in three parts (plan, carried out, results) built from the core's
try-out fields, then the measures of this try-out (baseline → new value), the
prediction beside the result, a chart of each measure across try-outs and
rounds, and the feedback given on this try-out.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from plgcycle import cycle
from plgcycle.errors import PlgError
from plgcycle.i18n import N_, _, format_date, ngettext
from plgcycle.measurepoints import add_points, points_of, set_target, with_points
from plgcycle.model import (
    NOTES_FIELD,
    TRYOUT_PLAN_FIELDS,
    TRYOUT_RESULT_FIELDS,
    TRYOUT_RUN_FIELDS,
    Record,
)
from plgcycle.predictions import (
    PREDICTION_HELD_FIELD,
    PREDICTION_HELD_KEY,
    set_prediction_held,
)
from plgcycle.series import guess_again, link, series_of, teacher_series, unlink
from plgcycle.valuesimport import ImportedValues
from screens.widgets.footer import PlgFooter

from .base import FormScreen, OnRound
from .deleting import ask_to_delete, deletion
from .feedback import add_feedback, feedback_list_content, person_names
from .rounds import closed_note
from .widgets.field_form import FieldForm
from .widgets.prediction import PredictionResult, measure_line, prediction_record_widget
from .widgets.run_chart import run_charts
from .widgets.text import literal, one_line

FORM_ITEMS = (
    N_("Plan"),
    *TRYOUT_PLAN_FIELDS,
    N_("Carried out"),
    *TRYOUT_RUN_FIELDS,
    N_("Results"),
    *TRYOUT_RESULT_FIELDS,
    NOTES_FIELD,
)
# The teacher's own judgement of the prediction, beside the result: for them only.
OWN_FORM_ITEMS = (*FORM_ITEMS[:-1], PREDICTION_HELD_FIELD, FORM_ITEMS[-1])


class TryoutScreen(OnRound, FormScreen):
    """A try-out of one round; ``tryout_id=None`` plans a new one (stored on first save)."""

    BINDINGS = [
        Binding("ctrl+g", "new_measure", N_("add measure"), id="new-measure"),
        Binding("ctrl+f", "feedback", N_("feedback"), id="feedback"),
        Binding("delete", "delete_measure", N_("delete measure"), id="delete-measure"),
        Binding("ctrl+l", "link_series", N_("series"), id="link-series"),
        Binding("ctrl+e", "import_values", N_("values from a file"), id="import-values"),
    ]
    FOOTER_FIRST = ("save", "back", "new-measure", "feedback", "delete-measure", "toggle-private")

    def __init__(self, round_id: str, tryout_id: str | None) -> None:
        super().__init__()
        self.round_id = round_id
        self.tryout_id = tryout_id

    # --- data ---------------------------------------------------------------------------------

    @property
    def tryout(self) -> Record | None:
        return next((t for t in self.view.tryouts if t.id == self.tryout_id), None)

    def measures(self) -> list[Record]:
        return (
            [m for m in self.view.measures if m.data.get("tryout") == self.tryout_id]
            if self.tryout_id
            else []
        )

    # --- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        tryout = self.tryout
        values = dict(tryout.data) if tryout else {}
        yield Header()
        with VerticalScroll(id="tryout-body"):
            yield Static(literal(self.view.question, "$text-muted"), classes="step-question")
            yield Static(
                Content(
                    _(
                        "Plan the try-out before you go into class; afterwards log "
                        "what happened and the results. Classes or groups only, "
                        "never student names."
                    )
                ),
                classes="guidance",
            )
            note = self.read_only_note("ctrl+f")
            if note:
                yield Static(Content(note), classes="banner -warning", id="read-only-note")
            elif self.view.closed:
                yield Static(Content(closed_note(self.view)), classes="banner", id="closed-note")
            yield FieldForm(
                FORM_ITEMS if not self.own else OWN_FORM_ITEMS,
                values,
                private_paths=tryout.private_paths if tryout else (),
                readonly=not self.own,
                id="tryout-form",
            )
            yield Static(Content(_("Measures")), classes="section-title")
            yield Static(id="measures-empty", classes="empty")
            yield OptionList(id="measures", classes="-inline")
            yield Vertical(id="tryout-results")
            yield Static(Content(_("Feedback on this try-out")), classes="section-title")
            yield Static(id="tryout-feedback")
        yield PlgFooter(compact=True)

    def on_mount(self) -> None:
        self.title = _("Try-out")
        self.refresh_data()
        editors = self.query_one(FieldForm).query("Input, TextArea")
        if editors:
            editors.first().focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        tryout = self.tryout
        view = self.view
        self.sub_title = one_line(tryout.text("class_group"), 40) if tryout else _("new")
        measures = self.measures()
        listing = self.query_one("#measures", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(measure_line(m), id=m.id) for m in measures])
        if measures:
            listing.highlighted = min(highlighted or 0, len(measures) - 1)
        listing.display = bool(measures)
        empty = self.query_one("#measures-empty", Static)
        empty.display = not measures
        empty.update(
            Content(
                _(
                    "No measure yet. Press ctrl+g to add one: the same measure "
                    "before and after, e.g. % of exercises finished."
                )
            )
        )

        results = self.query_one("#tryout-results", Vertical)
        results.remove_children()
        widgets: list = []
        if tryout is not None:
            widgets.append(Static(Content(_("Prediction and result")), classes="section-title"))
            widgets.append(PredictionResult(tryout, measures))
            if self.own:
                widgets.append(prediction_record_widget(self.session.records(), self.session.me))
            widgets += run_charts(self.session.records(), view.round.owner, measures)
        results.mount_all(widgets)

        feedback = [f for f in view.feedback if tryout and f.data.get("tryout") == tryout.id]
        self.query_one("#tryout-feedback", Static).update(
            feedback_list_content(
                feedback,
                view,
                own=self.mine,
                me=self.session.me,
                can_add=self.session.can_edit,
                names=person_names(self.session),
            )
        )
        self.refresh_bindings()

    # --- saving ---------------------------------------------------------------------------------

    def save_form(self) -> bool:
        form = self.query_one(FieldForm)
        values = self.checked_values(form)
        if values is None:
            return False
        run_date = values.get("run_date")
        if run_date and run_date > self.session.today.isoformat():
            return self.refuse(
                _(
                    "{date} is still to come: log the try-out once it has happened "
                    "(the plan has its own date)."
                ).format(date=format_date(run_date)),
                form,
                "run_date",
            )
        tryout = self.tryout
        if tryout is None:
            record = cycle.new_tryout(self.view.round, self.session.me, **values)
        else:
            record = tryout.copy()
            record.data.update(values)
        if PREDICTION_HELD_KEY in values or record.data.get(PREDICTION_HELD_KEY):
            record = set_prediction_held(record, values.get(PREDICTION_HELD_KEY))
        if not self.store_with_privacy(record, form):
            return False
        self.tryout_id = record.id
        form.mark_saved()
        self.refresh_data()
        return True

    def _stored_first(self) -> bool:
        """Make sure the try-out exists (and the form is saved) before adding to it."""
        if self.tryout_id is not None and not self.has_unsaved():
            return True
        return self.save_form()

    # --- keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("new_measure", "save"):
            return self.own
        if action in ("delete_measure", "link_series", "import_values"):
            return self.own and self.focused is not None and self.focused.id == "measures"
        if action == "feedback":
            return self.session.can_edit
        return True

    def _known_names(self) -> list[str]:
        index = self.index()
        names: dict[str, str] = {}
        for rnd in index.chain(self.view.round):
            for m in index.view(rnd.id).measures:
                name = m.text("name").strip()
                if name:
                    names.setdefault(name.casefold(), one_line(name, 40))
        return sorted(names.values(), key=str.casefold)

    def action_new_measure(self, existing: Record | None = None) -> None:
        if not self.dates_checked(lambda: self.action_new_measure(existing)):
            return
        if not self._stored_first():
            return
        from .dialogs.measure import MeasureDialog, MeasureInput

        def saved(result: MeasureInput | None) -> None:
            if result is None:
                return
            fields = {"unit": result.unit, "note": result.note}
            try:
                if existing is None:
                    record = cycle.new_measure(
                        self.view.round, self.session.me, result.name, tryout=self.tryout, **fields
                    )
                else:
                    record = existing.copy()
                    record.data.update(fields, name=result.name)
                record = set_target(record, result.target, result.direction)
                record = with_points(record, result.points)
            except PlgError as error:
                self.notify(str(error), severity="error")
                return
            for path, private in result.privacy.items():
                record.set_private(path, private)
            if self.save(record):
                self.notify(_("Measure saved."), timeout=3)
                self.refresh_data()

        values = None
        points: list = []
        if existing is not None:
            values = {
                k: existing.data.get(k) for k in ("name", "unit", "target", "direction", "note")
            }
            points = points_of(existing, self.view.round, self.view.tryouts)
        self.app.push_screen(
            MeasureDialog(
                values,
                points=points,
                today=self.session.today,
                tryout_id=self.tryout_id,
                known_names=self._known_names(),
                private_paths=existing.private_paths if existing else (),
            ),
            saved,
        )

    @on(OptionList.OptionSelected, "#measures")
    def _edit_measure(self, event: OptionList.OptionSelected) -> None:
        if not self.own:
            return
        measure = next((m for m in self.measures() if m.id == event.option.id), None)
        if measure is not None:
            self.action_new_measure(measure)

    def action_delete_measure(self) -> None:
        option = self.query_one("#measures", OptionList).highlighted_option
        measure = next((m for m in self.measures() if option and m.id == option.id), None)
        if measure is None:
            return
        from .dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                record = measure.copy()
                record.deleted = True
                if self.save(record):
                    self.notify(_("Deleted."), timeout=3)
                    self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(
                _("Delete"),
                Content(
                    _("Delete the measure {name}?").format(name=one_line(measure.text("name"), 60))
                ),
                _("Delete"),
                danger=True,
            ),
            answered,
        )

    def palette_commands(self):
        tryout = self.tryout
        if tryout is None or not self.own:
            return []

        def delete() -> None:
            message, records = deletion(tryout, self.view.measures)
            ask_to_delete(self, message, records, then=self.dismiss)

        return [(_("Delete this try-out"), _("Removes it with its measures (asks first)"), delete)]

    def has_unsaved(self) -> bool:
        if self.tryout_id is not None and self.tryout is None:
            return False  # deleted: nothing is left to save
        return super().has_unsaved()

    def action_link_series(self) -> None:
        option = self.query_one("#measures", OptionList).highlighted_option
        measure = next((m for m in self.measures() if option and m.id == option.id), None)
        if measure is None:
            return
        from .dialogs.series_link import ALONE, BY_NAME, SeriesChoice, SeriesLinkDialog

        all_series = teacher_series(self.session.records(), self.session.me or "")
        current = series_of(all_series, measure.id)
        others = [s for s in all_series if s is not current]

        def chosen(choice: SeriesChoice | None) -> None:
            if choice is None:
                return
            try:
                if choice.action == ALONE:
                    changed = [unlink(measure)]
                elif choice.action == BY_NAME:
                    changed = [guess_again(measure)]
                else:
                    assert choice.series is not None
                    changed = link(measure, choice.series)
            except PlgError as error:
                self.notify(str(error), severity="error")
                return
            if self.save(*changed):
                self.notify(_("Series saved."), timeout=3)
                self.refresh_data()

        self.app.push_screen(SeriesLinkDialog(measure.text("name"), current, others), chosen)

    def action_import_values(self) -> None:
        option = self.query_one("#measures", OptionList).highlighted_option
        measure = next((m for m in self.measures() if option and m.id == option.id), None)
        if measure is None:
            return
        from .dialogs.confirm import ConfirmDialog
        from .dialogs.values_import import ValuesImportDialog

        view = self.view
        before = points_of(measure, view.round, view.tryouts)

        def read(imported: ImportedValues | None) -> None:
            if imported is None:
                return
            try:
                updated = add_points(measure, imported.points, view.round, view.tryouts)
            except PlgError as error:
                self.notify(str(error), severity="error")
                return
            added = len(updated.data["points"]) - len(before)
            if added == 0:
                self.notify(_("The measure already holds all these values."), timeout=4)
                return
            summary = ngettext(
                "{n} value read: dates from {dates}, values from {values}.",
                "{n} values read: dates from {dates}, values from {values}.",
                len(imported.points),
            ).format(
                n=len(imported.points),
                dates=imported.column_name(imported.date_column),
                values=imported.column_name(imported.value_column),
            )
            if imported.skipped:
                summary += " " + ngettext(
                    "{n} row without a value skipped.",
                    "{n} rows without a value skipped.",
                    imported.skipped,
                ).format(n=imported.skipped)

            def answered(yes: bool | None) -> None:
                if yes and self.save(updated):
                    self.notify(
                        ngettext("{n} value added.", "{n} values added.", added).format(n=added),
                        timeout=3,
                    )
                    self.refresh_data()

            self.app.push_screen(
                ConfirmDialog(
                    _("Values from a file"),
                    Content(
                        summary
                        + "\n"
                        + ngettext("Add {n} value?", "Add {n} values?", added).format(n=added)
                    ),
                    _("Add"),
                ),
                answered,
            )

        self.app.push_screen(ValuesImportDialog(measure.text("name")), read)

    def action_feedback(self) -> None:
        if self.own and not (self.dates_checked(self.action_feedback) and self._stored_first()):
            return
        about = f"tryout:{self.tryout_id}" if self.tryout_id else ""
        add_feedback(self.app, self.round_id, about=about, done=self.refresh_data)
