"""Values of a measure read from a CSV file: a column of dates and a column of values.

Teachers get their figures from elsewhere, most often an export from the
school's student system or a spreadsheet: a class's average per test, the
share of exit tickets right per lesson.  :func:`read_values_file` reads such a
file into :class:`plgcycle.series.Point` values, ready for
:func:`plgcycle.series.add_points`.

What it accepts, because that is what Dutch school software and spreadsheets write:

* UTF-8 with or without a byte order mark, UTF-16 with one (Excel's "Unicode
  text"), and Windows text (cp1252, else latin-1);
* ``;``, ``,`` or a tab between the columns, found from the first lines (with
  ``;`` before ``,`` when both fit, because a Dutch file with decimal commas
  uses ``;``); a header row or none;
* dates as ``15-03-2026`` (also ``15/03/2026``, ``15.03.2026``, ``15-3-26``) or
  ``2026-03-15``, with or without a time after them;
* numbers with a decimal comma or point (``6,5``, ``6.5``), thousands
  separators (``1.234,5``, ``1,234.5``) and a trailing ``%``.  A single
  separator is always the decimal one: ``1.234`` is 1.234, not 1234.

The columns are chosen by number (1 is the first, as a spreadsheet counts) or
by header name; when not chosen, the dates are the first column holding a date
and the values the first column after it holding a number.  Only those two
columns are read: whatever else the file holds (student names, for example) is
never kept.  Rows with a date but no value (an absent student, a lesson that
did not happen) are skipped and counted.  A comma-separated file whose values
use a decimal comma without quotes cannot be told apart from one more column;
when there is a header row this is recognised and explained.

Every problem is one translated line naming the line and the column
(:class:`plgcycle.errors.InvalidInput`), never a traceback.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from .errors import InvalidInput
from .i18n import _
from .measurepoints import Point
from .model import DateFormatError, read_date
from .series import normalise_name
from .textsafe import printable, shorten

MAX_BYTES = 2_000_000  # far more than a column of dates and values; stops a wrong file early
MAX_ROWS = 1000  # values in one file: a school year of daily values fits
DELIMITERS = ("\t", ";", ",")  # in order of preference when more than one fits
SAMPLE_LINES = 20

_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?")
_PLAIN = re.compile(r"\d+|\d*[.,]\d+")
_DUTCH_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009"))


class ImportedValues(NamedTuple):
    """What :func:`parse_values` found, so the teacher can check it before it is added."""

    points: list[Point]
    date_column: int  # 1-based, as shown to people
    value_column: int
    header: tuple[str, ...] | None  # the header row, when the file has one
    delimiter: str
    encoding: str
    skipped: int  # rows with a date but without a value

    def column_name(self, column: int) -> str:
        """The header's name of a column, else ``column 2``."""
        if self.header and 0 < column <= len(self.header) and self.header[column - 1].strip():
            return printable(self.header[column - 1], single_line=True).strip()
        return _("column {n}").format(n=column)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # every byte is a latin-1 character


def detect_delimiter(text: str) -> str:
    """The column separator that splits the first lines most often into the same number of columns."""
    sample = [line for line in text.splitlines() if line.strip()][:SAMPLE_LINES]
    best, best_score = ";", (0, 0)
    for candidate in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=candidate) if row]
        except csv.Error:
            continue
        split = [c for c in counts if c > 1]
        if not split:
            continue
        most = max(split.count(c) for c in set(split))
        score = (len(split), most)
        if score > best_score:  # a tie keeps the earlier, preferred separator
            best, best_score = candidate, score
    return best


def parse_number(text: str) -> float | None:
    """A number as written in a Dutch or English file; None when the text is not one."""
    clean = text.strip().translate(_SPACES)
    if clean.endswith("%"):
        clean = clean[:-1]
    sign = 1.0
    if clean[:1] in ("-", "+", "\u2212"):
        sign = -1.0 if clean[0] != "+" else 1.0
        clean = clean[1:]
    if not clean or len(clean) > 60:
        return None
    if _PLAIN.fullmatch(clean):
        number = float(clean.replace(",", "."))
    elif _DUTCH_THOUSANDS.fullmatch(clean):
        number = float(clean.replace(".", "").replace(",", "."))
    elif _ENGLISH_THOUSANDS.fullmatch(clean):
        number = float(clean.replace(",", ""))
    else:
        return None
    return sign * number if math.isfinite(number) else None


def parse_day(text: str) -> date:
    """A date cell: ``15-03-2026`` or ``2026-03-15``, perhaps followed by a time.

    Raises :class:`plgcycle.model.DateFormatError` when it is not a date at all and
    ``ValueError`` when it is not one in the calendar (``31-02-2026``).
    """
    clean = text.strip()
    for separator in ("T", " "):
        head, found, tail = clean.partition(separator)
        if found and _TIME.fullmatch(tail.strip().rstrip("Z")):
            clean = head
            break
    return read_date(clean)


def _date_shaped(text: str) -> bool:
    try:
        parse_day(text)
    except DateFormatError:
        return False
    except ValueError:
        return True  # a date that does not exist is still meant as a date
    return True


def _quote(text: str) -> str:
    return shorten(text, 40)


def _too_big() -> InvalidInput:
    return InvalidInput(
        _(
            "The file is larger than {size} MB; a column of dates and values is much "
            "smaller. Is it the right file?"
        ).format(size=MAX_BYTES // 1_000_000)
    )


def _too_many() -> InvalidInput:
    return InvalidInput(
        _(
            "The file has more than {max} rows of values; split it or keep only the "
            "values of this measure."
        ).format(max=MAX_ROWS)
    )


def _column_index(spec, header: list[str] | None, kind: str) -> int:
    """``kind`` is ``date`` or ``value``, for the message when a name cannot be looked up."""
    """A 0-based index from a 1-based number, a number as text, or a header name."""
    if isinstance(spec, int) and not isinstance(spec, bool):
        if spec < 1:
            raise InvalidInput(_("Column numbers start at 1."))
        return spec - 1
    text = str(spec).strip()
    if text.isdigit():
        return _column_index(int(text), header, kind)
    names = [normalise_name(h) for h in header or []]
    if normalise_name(text) in names:
        return names.index(normalise_name(text))
    if header is None:
        raise InvalidInput(
            _("The file has no header row, so choose the column of dates by its number.")
            if kind == "date"
            else _("The file has no header row, so choose the column of values by its number.")
        )
    listed = ", ".join(_quote(h) for h in header if h.strip())
    raise InvalidInput(
        _("There is no column “{name}”; the columns are: {names}.").format(
            name=_quote(text), names=listed
        )
    )


def parse_values(
    data: bytes,
    date_column: int | str | None = None,
    value_column: int | str | None = None,
    *,
    baseline_first: bool = False,
) -> ImportedValues:
    """The dated values in the bytes of a CSV file (see the module docstring).

    With ``baseline_first`` the earliest value is marked as the baseline.
    """
    if len(data) > MAX_BYTES:
        raise _too_big()
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InvalidInput(
            _(
                "This is a spreadsheet file, not CSV text. In the spreadsheet program "
                "choose Save as and then CSV."
            )
        )
    text, encoding = decode(data)
    if "\x00" in text:
        raise InvalidInput(
            _("This is not a text file. Save the values as CSV (text) and try again.")
        )
    if not text.strip():
        raise InvalidInput(_("The file is empty."))
    delimiter = detect_delimiter(text)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
            if len(rows) > MAX_ROWS + 1:  # one more for a header row
                raise _too_many()
    except csv.Error:
        raise InvalidInput(
            _("Line {line} cannot be read as CSV.").format(line=reader.line_num)
        ) from None
    if not rows:
        raise InvalidInput(_("The file is empty."))
    first_line, first = rows[0]
    if len(first) < 2 and all(len(row) < 2 for _line, row in rows[:SAMPLE_LINES]):
        raise InvalidInput(
            _(
                "Line {line} has only one column. The file needs a column of dates and a "
                "column of values, separated by a semicolon, a comma or a tab."
            ).format(line=first_line)
        )
    by_name = any(
        isinstance(spec, str) and not spec.strip().isdigit() for spec in (date_column, value_column)
    )
    if by_name or date_column is None:
        has_header = not any(_date_shaped(cell) for cell in first)
    else:
        index = _column_index(date_column, None, "date")
        has_header = index >= len(first) or not _date_shaped(first[index])
    header = [cell.strip() for cell in first] if has_header else None
    body = rows[1:] if has_header else rows
    if not body:
        raise InvalidInput(_("The file has a header row but no values."))
    if len(body) > MAX_ROWS:
        raise _too_many()
    sample = [row for _line, row in body[:SAMPLE_LINES]]
    first_line = body[0][0]
    if date_column is not None:
        d = _column_index(date_column, header, "date")
    else:
        found = [
            next((i for i, cell in enumerate(row) if _date_shaped(cell)), None) for row in sample
        ]
        first_date = next((i for i in found if i is not None), None)
        if first_date is None:
            raise InvalidInput(
                _("Line {line} holds no date. Choose the column with the dates.").format(
                    line=first_line
                )
            )
        d = first_date
    if value_column is not None:
        v = _column_index(value_column, header, "value")
    else:
        others = [i for i in range(max(len(row) for row in sample)) if i != d]
        numeric = [
            i
            for i in others
            if any(i < len(row) and parse_number(row[i]) is not None for row in sample)
        ]
        after = [i for i in numeric if i > d]
        if numeric:
            v = after[0] if after else numeric[0]
        elif len(others) == 1:
            v = others[0]  # the only other column: its cells are checked one by one below
        else:
            raise InvalidInput(
                _(
                    "Line {line} holds no number besides the date. Choose the column with the "
                    "values."
                ).format(line=first_line)
            )
    if d == v:
        raise InvalidInput(_("The dates and the values must be in different columns."))
    if header is not None and delimiter == ",":
        # An unquoted decimal comma splits "6,5" into two columns: more columns than the header names.
        wider = next((line for line, row in body if len(row) > len(header)), None)
        if wider is not None:
            raise InvalidInput(
                _(
                    "Line {line} has more columns than the header: the values seem to use a "
                    "decimal comma in a file separated by commas. Save it with semicolons as "
                    "separator."
                ).format(line=wider)
            )
    points: list[Point] = []
    skipped = 0
    for line, row in body:
        for index in (d, v):
            if index >= len(row):
                raise InvalidInput(
                    _("Line {line} has no column {column}.").format(line=line, column=index + 1)
                )
        day_text, value_text = row[d].strip(), row[v].strip()
        if not value_text:
            skipped += 1
            continue
        if not day_text:
            raise InvalidInput(
                _("Line {line}, column {column}: no date.").format(line=line, column=d + 1)
            )
        try:
            day = parse_day(day_text)
        except DateFormatError:
            raise InvalidInput(
                _(
                    "Line {line}, column {column}: “{text}” is not a date (write 15-03-2026 "
                    "or 2026-03-15)."
                ).format(line=line, column=d + 1, text=_quote(day_text))
            ) from None
        except ValueError:
            raise InvalidInput(
                _("Line {line}, column {column}: “{text}” is not a date in the calendar.").format(
                    line=line, column=d + 1, text=_quote(day_text)
                )
            ) from None
        number = parse_number(value_text)
        if number is None:
            raise InvalidInput(
                _("Line {line}, column {column}: “{text}” is not a number.").format(
                    line=line, column=v + 1, text=_quote(value_text)
                )
            )
        points.append(Point(day, number))
    if not points:
        raise InvalidInput(_("Column {column} holds no values.").format(column=v + 1))
    points.sort(key=lambda p: p.date or date.min)  # every point read here has a date
    if baseline_first:
        points[0] = points[0]._replace(baseline=True)
    return ImportedValues(
        points, d + 1, v + 1, tuple(header) if header else None, delimiter, encoding, skipped
    )


def read_values_file(
    path: Path | str,
    date_column: int | str | None = None,
    value_column: int | str | None = None,
    *,
    baseline_first: bool = False,
) -> ImportedValues:
    """The values in a CSV file on disk; a clear one-line error when it cannot be read."""
    path = Path(path)
    name = printable(path.name, single_line=True)
    try:
        if path.is_dir():
            raise InvalidInput(_("{file} is a folder, not a file.").format(file=name))
        if path.stat().st_size > MAX_BYTES:
            raise _too_big()
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(_("The file {file} does not exist.").format(file=name)) from None
    except PermissionError:
        raise InvalidInput(_("No permission to read {file}.").format(file=name)) from None
    except OSError as exc:
        raise InvalidInput(
            _("{file} cannot be read: {reason}.").format(
                file=name, reason=exc.strerror or exc.__class__.__name__
            )
        ) from None
    return parse_values(data, date_column, value_column, baseline_first=baseline_first)
