"""A measure's figures as numbers in columns of their own, for the CSV report.

The report's text column says ``Opgaven af: 55 → 68 %``; a spreadsheet needs
numbers to compute and chart with.  :func:`measure_cells` gives one measure as
name, baseline, value, target, date and unit; :func:`series_rows` gives every
value of a series as a row of its own (the long form a spreadsheet charts
directly).

Numbers are written the way the spreadsheet that opens the file reads them.
The Dutch report is a semicolon CSV, because Dutch Excel and LibreOffice use
the comma as decimal separator and so read ``;`` as the list separator; in that
file a number is written with a decimal comma (``6,5``), which those programs
read as the number 6.5 (``6.5`` would become text, or a date).  The English
report is a comma CSV with a decimal point.  Numbers are written in full (no
rounding, no exponent, no thousands separator) so nothing is lost.

Text cells go through :func:`plgcycle.textsafe.csv_cell`, which quotes anything
a spreadsheet would run as a formula.  Number cells are built here from a
finite number and hold only digits, one decimal separator and perhaps a leading
minus, so they are safe as they are; they do not go through ``csv_cell``,
which would turn ``-2,5`` into the text ``'-2,5``.  Dates are ``YYYY-MM-DD``,
as in the rest of the CSV report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from .i18n import _, current_language
from .measurepoints import DIRECTION_VALUES, UP, as_number, points_of
from .model import Record
from .series import Series
from .textsafe import csv_cell


def delimiter(language: str | None = None) -> str:
    """The list separator of the report's language: ``;`` in Dutch, ``,`` in English."""
    return ";" if (language or current_language()) == "nl" else ","


def number_cell(value, language: str | None = None) -> str:
    """A number as the spreadsheet of ``language`` reads it: ``6,5`` (nl), ``6.5`` (en); ``""`` when none."""
    number = as_number(value)
    if number is None:
        return ""
    if number.is_integer() and abs(number) < 2**53:
        text = str(int(number))
    else:
        # The shortest text that reads back as the same float, written out without an exponent.
        text = format(Decimal(repr(number)), "f")
    if text in ("-0", "-0.0"):
        text = "0"
    return text.replace(".", ",") if (language or current_language()) == "nl" else text


def measure_header() -> list[str]:
    """The column names for :func:`measure_cells`, translated."""
    return [_("Measure"), _("Baseline"), _("Value"), _("Target"), _("Date"), _("Unit")]


def measure_cells(
    measure: Record,
    round_rec: Record | None = None,
    tryouts: Sequence[Record] = (),
    language: str | None = None,
) -> list[str]:
    """One measure as cells: name, baseline, latest value, target, that value's date, unit.

    A progress export withholds the values (``true``): those cells stay empty,
    as do numbers that were never measured.
    """
    points = points_of(measure, round_rec, tryouts)
    values = [p for p in points if not p.baseline]
    bases = [p for p in points if p.baseline]
    latest = values[-1] if values else None
    day = latest.date if latest else (bases[0].date if bases else None)
    return [
        csv_cell(measure.text("name")),
        number_cell(bases[0].value if bases else None, language),
        number_cell(latest.value if latest else None, language),
        number_cell(measure.data.get("target"), language),
        day.isoformat() if day else "",
        csv_cell(measure.text("unit")),
    ]


def series_header() -> list[str]:
    """The column names for :func:`series_rows`, translated."""
    return [
        _("Participant"),
        _("Measure"),
        _("Round"),
        _("Date"),
        _("Value"),
        _("Baseline measurement"),
        _("Baseline"),
        _("Target"),
        _("Better is"),
        _("Unit"),
    ]


def _direction(series: Series) -> str:
    if series.better not in DIRECTION_VALUES:
        return ""
    return _("higher") if series.better == UP else _("lower")


def series_rows(
    series: Iterable[Series],
    person_name: Callable[[str], str] = lambda owner: "",
    language: str | None = None,
) -> list[list[str]]:
    """Every value of every series as a row: who, measure, round, date, value, whether it is a
    baseline measurement, and the series' baseline, target, direction and unit."""
    rows = []
    for one in series:
        fixed = [
            number_cell(one.baseline, language),
            number_cell(one.target, language),
            csv_cell(_direction(one)),
            csv_cell(one.unit),
        ]
        for point in one.points:
            rows.append(
                [
                    csv_cell(person_name(one.owner)),
                    csv_cell(one.name),
                    str(point.round_no),
                    point.date.isoformat() if point.date else "",
                    number_cell(point.value, language),
                    "1" if point.baseline else "0",
                    *fixed,
                ]
            )
    return rows


def series_csv(
    series: Iterable[Series],
    person_name: Callable[[str], str] = lambda owner: "",
    language: str | None = None,
) -> str:
    """The rows of :func:`series_rows` with a header as CSV text (``;`` in Dutch, ``,`` in English)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter(language), lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in series_header()])
    writer.writerows(series_rows(series, person_name, language))
    return buf.getvalue()
