"""The school scan in the meeting's report: the spider chart and its table (HTML) or the
terminal bars (Markdown), group figures only, from the records the report was made of.

The figures come from :func:`plgcycle.scan_rounds.scan_figures` over the same trusted
records as the rest of the report, so its anonymity rule decides what appears; a report
of files without a scan has no scan section at all.
"""

from __future__ import annotations

from . import group, scan, scan_rounds
from .review import Overview


def scan_figures(overview: Overview) -> scan.ScanFigures | None:
    """The figures of the scan of the PLG in the report's files, or None without a scan."""
    records = overview.data.records if overview.data is not None else []
    plg = group.plg_for(records, None)
    if plg is None:
        return None
    figures = scan_rounds.scan_figures(records, plg, overview.today)
    return figures if figures.moments else None


def scan_html(overview: Overview) -> str:
    figures = scan_figures(overview)
    return scan.html_section(figures) if figures is not None else ""


def scan_markdown(overview: Overview) -> list[str]:
    """The scan as Markdown lines: a heading and the terminal report in a code block."""
    figures = scan_figures(overview)
    if figures is None:
        return []
    return scan.markdown_lines(figures)
