"""A measure's dated values as a teacher reads and types them: one value per line.

The measure form shows the values it holds as lines of text and reads them back
(:func:`points_text`, :func:`parse_points_text`)::

    14-09-2026  55  begin
    02-10-2026  68  na U1

A line is a date (``DD-MM-YYYY``, as shown, or ``YYYY-MM-DD``), a number
(``6,5`` or ``6.5``), optionally the word ``begin`` (or ``baseline``) for a
baseline measurement, and optionally a note.  A line that is not right is
refused with its number, and nothing is saved.  A value already there keeps
what the text does not show (its try-out, whether its date was estimated).

A new value is added with :func:`new_point` (the form's "add a value" fields).
Pure functions over points; nothing touches the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .errors import InvalidInput
from .i18n import _, current_language
from .measurepoints import MAX_POINTS, Point, number_text
from .model import DateFormatError, read_date
from .textsafe import printable
from .valuesimport import parse_number

# Words that mark a baseline value, in either language (compared case-insensitively).
BASELINE_WORDS = frozenset(("begin", "beginwaarde", "beginmeting", "nulmeting", "baseline"))
ESTIMATED_MARK = "≈"


def baseline_word() -> str:
    """The word the form writes for a baseline value: ``begin`` in Dutch, ``baseline`` in English."""
    return "begin" if current_language() == "nl" else "baseline"


def typed_date(day: date) -> str:
    """A date as the teacher types it: ``14-09-2026``."""
    return day.strftime("%d-%m-%Y")


def point_line(point: Point) -> str:
    """One value as a line of the form."""
    parts = [
        (ESTIMATED_MARK if point.estimated else "")
        + (typed_date(point.date) if point.date else "?"),
        number_text(point.value),
    ]
    if point.baseline:
        parts.append(baseline_word())
    if point.note:
        parts.append(" ".join(printable(point.note).split()))
    return "  ".join(parts)


def points_text(points: Sequence[Point]) -> str:
    """Every value, one line each, in date order as given."""
    return "\n".join(point_line(p) for p in points)


def _line_problem(number: int, message: str) -> InvalidInput:
    return InvalidInput(_("Values, line {n}: {problem}").format(n=number, problem=message))


def _read_day(text: str, number: int, today: date | None) -> date:
    try:
        day = read_date(text)
    except DateFormatError:
        raise _line_problem(
            number,
            _("“{text}” is not a date; write DD-MM-YYYY, for example 14-09-2026.").format(
                text=printable(text)
            ),
        ) from None
    except ValueError:
        raise _line_problem(
            number, _("{date} is not a date in the calendar.").format(date=printable(text))
        ) from None
    if today is not None and day > today:
        raise _line_problem(
            number,
            _("{date} is still to come: log a value once it has been measured.").format(
                date=typed_date(day)
            ),
        )
    return day


def parse_line(line: str, number: int = 1, today: date | None = None) -> Point:
    """One line of the form as a point; :class:`InvalidInput` naming the line when it is wrong."""
    words = line.split()
    if len(words) < 2:
        raise _line_problem(number, _("write a date and a value, for example “14-09-2026 55”."))
    estimated = words[0].startswith(ESTIMATED_MARK)
    day = _read_day(words[0].lstrip(ESTIMATED_MARK), number, today)
    value = parse_number(words[1])
    if value is None:
        raise _line_problem(
            number,
            _("“{text}” is not a number; write for example 6,5 or 70.").format(
                text=printable(words[1])
            ),
        )
    rest = words[2:]
    baseline = bool(rest) and rest[0].casefold() in BASELINE_WORDS
    if baseline:
        rest = rest[1:]
    return Point(day, value, baseline, note=" ".join(rest), estimated=estimated)


def parse_points_text(
    text: str, old: Sequence[Point] = (), today: date | None = None
) -> list[Point]:
    """The values typed in the form; a value that was there keeps its try-out and estimate.

    An estimated date that the teacher changed is no longer an estimate.
    """
    points: list[Point] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            points.append(parse_line(line, number, today))
    if len(points) > MAX_POINTS:
        raise InvalidInput(
            _("A measure holds at most {max} values per round.").format(max=MAX_POINTS)
        )
    kept = list(old)
    out = []
    for point in points:
        match = next(
            (
                p
                for p in kept
                if (p.date, p.value, p.baseline) == (point.date, point.value, point.baseline)
            ),
            None,
        )
        if match is not None:
            kept.remove(match)
            point = point._replace(tryout=match.tryout, estimated=match.estimated)
        else:
            point = point._replace(estimated=False)
        out.append(point)
    return out


def new_point(
    day: date | None,
    value: float | None,
    *,
    baseline: bool = False,
    tryout: str | None = None,
    today: date | None = None,
) -> Point | None:
    """The value added with the form's "add a value" fields; None when no value was typed."""
    if value is None:
        if day is not None and day != today:
            raise InvalidInput(_("Add a value: type the value measured on that date."))
        return None
    if day is None:
        raise InvalidInput(_("Add a value: type the date it was measured (DD-MM-YYYY)."))
    if today is not None and day > today:
        raise InvalidInput(
            _("{date} is still to come: log a value once it has been measured.").format(
                date=typed_date(day)
            )
        )
    return Point(day, float(value), baseline, tryout=tryout)
