"""Values of a measure from a CSV file: which file, and which columns hold dates and values.

Returns what :func:`plgcycle.valuesimport.read_values_file` read (an
:class:`~plgcycle.valuesimport.ImportedValues`), or None when cancelled; a file
that cannot be read keeps the dialog open with one line saying why.  The
screen shows what was read and asks before adding anything.
"""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from plgcycle.errors import InvalidInput
from plgcycle.i18n import N_, _
from plgcycle.model import BOOL, TEXT, FieldDef
from plgcycle.valuesimport import ImportedValues, read_values_file

from .form import FormDialog

FIELDS = (
    FieldDef(
        "file",
        N_("CSV file"),
        N_("E.g. an export of a class's scores from the student system."),
        TEXT,
        required=True,
        max_length=4000,
    ),
    FieldDef(
        "date_column",
        N_("Column of dates"),
        N_("Its number (1 is the first) or its header; empty: the first column with dates."),
        TEXT,
        max_length=200,
    ),
    FieldDef(
        "value_column",
        N_("Column of values"),
        N_("Its number or its header; empty: the first column of numbers after the dates."),
        TEXT,
        max_length=200,
    ),
    FieldDef("baseline_first", N_("The earliest value is the baseline"), "", BOOL),
)


def _column(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() else text


class ValuesImportDialog(FormDialog[ImportedValues]):
    title_text = N_("Values from a file")
    submit_label = N_("Read")
    TYPED_TEXT_IS_WORK = False  # a file name and columns: the values are in the file

    def has_unsaved(self) -> bool:
        return False

    def __init__(self, measure_name: str) -> None:
        intro = _(
            "Only the column of dates and the column of values are read; whatever else the "
            "file holds (student names, for example) is never kept."
        )
        super().__init__({}, fields=FIELDS, intro=Content(intro))
        self.measure_name = measure_name

    def build_result(self, values: dict) -> ImportedValues:
        name = (values.get("file") or "").strip()
        if not name:
            raise InvalidInput(_("Type the path of the CSV file."))
        return read_values_file(
            Path(name).expanduser(),
            _column(values.get("date_column") or ""),
            _column(values.get("value_column") or ""),
            baseline_first=bool(values.get("baseline_first")),
        )
