"""The school scan *De school als PLG*: statements, responses, group figures and charts.

Based on the five elements and seven conditions of a school as a PLG from the research *De
school als PLG* (Kohnstamm Instituut and Universiteit Leiden, 2018); the statements are
plgcycle's own.  Everything here is a pure function over plain values, without storage or
UI, so that records, reports, screens and the CLI can use it:

    response = check_response(person_id, TEACHER, now={"buy_in.1": 4}, desired={"buy_in.1": 5})
    moment = check_moment(round_id, "sep 2026", [response, ...])
    figures = build([moment_1, moment_2])            # the anonymity rule is applied here
    text_report(figures)  /  html_section(figures)  /  csv_text(figures)  /  read(figures)

Outputs read only :class:`Figure` values, and a withheld figure holds no number, so nothing
built on this package can show what fewer than three people answered (see ``figures``).
"""

from __future__ import annotations

from .chart import SCAN_CSS, html_page, html_section, html_table, own_section, spider_svg
from .csvrows import csv_header, csv_rows, csv_text, write_csv
from .figures import (
    DERIVABLE,
    MIN_FOR_SPREAD,
    MIN_RESPONDENTS,
    NO_EARLIER,
    OPEN,
    SPREAD_DERIVABLE,
    SPREAD_TOO_FEW,
    TOO_FEW,
    DimensionFigures,
    Figure,
    GroupFigures,
    MomentInfo,
    ScanFigures,
    build,
    dimension_score,
    format_number,
    number_text,
    respondents_line,
    why_nothing,
)
from .reading import Reading, read
from .responses import (
    DESIRED,
    NOW,
    SIDES,
    Moment,
    Response,
    check_moment,
    check_response,
    response_from_data,
)
from .statements import (
    ALL,
    BY_KEY,
    CATALYSED,
    CATALYSTS,
    CITATION,
    CONDITION,
    CONDITIONS,
    DIMENSIONS,
    DONT_KNOW,
    ELEMENT,
    ELEMENTS,
    GROUPS,
    LEADER,
    LINKED_TO_STRONGER_PLG,
    ROLES,
    SCALE,
    STATEMENTS,
    TEACHER,
    Dimension,
    Statement,
    citation,
    dimension,
    group_label,
    role_label,
    scale_choices,
    scale_label,
)
from .text import bar, markdown_lines, text_chart, text_report

__all__ = [
    "ALL",
    "BY_KEY",
    "CATALYSED",
    "CATALYSTS",
    "CITATION",
    "CONDITION",
    "CONDITIONS",
    "DERIVABLE",
    "DESIRED",
    "DIMENSIONS",
    "DONT_KNOW",
    "ELEMENT",
    "ELEMENTS",
    "GROUPS",
    "LEADER",
    "LINKED_TO_STRONGER_PLG",
    "MIN_FOR_SPREAD",
    "MIN_RESPONDENTS",
    "NO_EARLIER",
    "NOW",
    "OPEN",
    "ROLES",
    "SCALE",
    "SCAN_CSS",
    "SIDES",
    "SPREAD_DERIVABLE",
    "SPREAD_TOO_FEW",
    "STATEMENTS",
    "TEACHER",
    "TOO_FEW",
    "Dimension",
    "DimensionFigures",
    "Figure",
    "GroupFigures",
    "Moment",
    "MomentInfo",
    "Reading",
    "Response",
    "ScanFigures",
    "Statement",
    "bar",
    "build",
    "check_moment",
    "check_response",
    "citation",
    "csv_header",
    "csv_rows",
    "csv_text",
    "dimension",
    "dimension_score",
    "format_number",
    "group_label",
    "html_page",
    "html_section",
    "html_table",
    "markdown_lines",
    "number_text",
    "own_section",
    "read",
    "respondents_line",
    "response_from_data",
    "role_label",
    "scale_choices",
    "scale_label",
    "spider_svg",
    "text_chart",
    "text_report",
    "why_nothing",
    "write_csv",
]
