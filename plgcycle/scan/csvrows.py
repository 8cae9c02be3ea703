"""The scan's group figures as CSV, for a spreadsheet.

Written like the progress report's CSV (``plgcycle.report``): semicolons and decimal commas
in Dutch, commas and decimal points in English, CRLF line ends, UTF-8 with a BOM (so
spreadsheet programs read accents), written atomically.  One row per moment, group and
dimension.  Text cells go through ``textsafe.csv_cell``, so a moment label such as
``=HYPERLINK(...)`` stays text.  Numbers are formatted here from our own floats (digits, one
minus sign, one decimal mark, never people's text), so a negative gap stays a number for the
spreadsheet instead of being quoted as text.  A withheld figure is an empty cell; the Note
column says why.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..i18n import _, current_language
from ..textsafe import csv_cell
from .figures import Figure, ScanFigures
from .statements import DIMENSIONS, GROUPS, group_label

DECIMALS = 2


def _number(figure: Figure, decimals: int = DECIMALS) -> str:
    if not figure.shown:
        return ""
    value = round(float(figure.number), decimals)
    text = f"{value:.{decimals}f}" if value != 0 else f"{0:.{decimals}f}"
    return text.replace(".", ",") if current_language() == "nl" else text


def _count(figure: Figure) -> str:
    return str(figure.n) if figure.shown else ""


def csv_header() -> list[str]:
    return [
        _("Scan round"),
        _("Group"),
        _("Respondents"),
        _("Dimension key"),
        _("Dimension"),
        _("Kind"),
        _("Now"),
        _("Desired"),
        _("Gap"),
        _("Spread (now)"),
        _("Spread (desired)"),
        _("Answers (now)"),
        _("Answers (desired)"),
        _("Change in now"),
        _("Change in desired"),
        _("Note"),
    ]


def csv_rows(figures: ScanFigures) -> list[list[str]]:
    """The header and one row per moment, group and dimension; every cell is safe text."""
    rows = [[csv_cell(h) for h in csv_header()]]
    for info in figures.moments:
        for group in GROUPS:
            cell = figures.group(info.key, group)
            respondents = _count(cell.respondents)
            for dim, figs in zip(DIMENSIONS, cell.dimensions, strict=False):
                reasons = []
                for _name, figure in figs.figures():
                    text = figure.reason_text()
                    if text and text not in reasons:
                        reasons.append(text)
                rows.append(
                    [
                        csv_cell(info.label or info.key),
                        csv_cell(group_label(group)),
                        respondents,
                        csv_cell(dim.key),
                        csv_cell(dim.label()),
                        csv_cell(dim.kind_label()),
                        _number(figs.now),
                        _number(figs.desired),
                        _number(figs.gap),
                        _number(figs.now_spread),
                        _number(figs.desired_spread),
                        _count(figs.now),
                        _count(figs.desired),
                        _number(figs.now_change),
                        _number(figs.desired_change),
                        csv_cell("; ".join(reasons)),
                    ]
                )
    return rows


def csv_text(figures: ScanFigures) -> str:
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter=";" if current_language() == "nl" else ",", lineterminator="\r\n"
    )
    writer.writerows(csv_rows(figures))
    return buf.getvalue()


def write_csv(figures: ScanFigures, path: Path) -> Path:
    """Write the CSV atomically with a BOM; one translated line when it cannot be written."""
    from ..outputs import write_text  # atomic, one-line errors

    return write_text(Path(path), csv_text(figures), bom=True)
