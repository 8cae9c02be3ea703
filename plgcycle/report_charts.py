"""The report's measures over time: a run chart (inline SVG) per series of every participant.

Read from the overview's index, so only what the files share is drawn: a
progress export withholds the values, and such a series has no points and no
chart.  People's text goes through :func:`plgcycle.textsafe.html_text`.
"""

from __future__ import annotations

from .i18n import _
from .model import Record
from .review import Overview
from .runchart_svg import run_chart_html
from .series import Series, teacher_series
from .textsafe import html_text

CHART_WIDTH = 420  # two charts side by side on a screen and on A4
CHARTS_CSS = """
.runcharts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr));
  gap: 0 32px; }
.runchart-item { break-inside: avoid; page-break-inside: avoid; }
.runchart-item h3 { margin: 8px 0 0; }
@media print { .runcharts { grid-template-columns: 1fr 1fr; } }
"""


def _records(overview: Overview, owner: str) -> list[Record]:
    index = overview.index
    out: list[Record] = []
    for rnd in index.rounds.values():
        if rnd.owner == owner:
            out.append(rnd)
            out.extend(index.linked(rnd.id))
    return out


def charted_series(overview: Overview) -> list[tuple[str, Series]]:
    """(participant, series) for every series with a dated value, by participant's name."""
    owners: dict[str, str] = {}
    for row in overview.rows:
        rnd = overview.index.rounds.get(row.round_id) if row.round_id else None
        if rnd is not None:
            owners.setdefault(rnd.owner, row.name)
    out = []
    for owner, name in sorted(owners.items(), key=lambda item: (item[1].casefold(), item[0])):
        for series in teacher_series(_records(overview, owner), owner):
            if series.dated:
                out.append((name, series))
    return out


def run_charts_section(overview: Overview) -> str:
    """The section "Measures over time": per participant the run chart of each series."""
    out = ["<section><h2>" + html_text(_("Measures over time")) + "</h2>"]
    charted = charted_series(overview)
    if not charted:
        out.append(
            '<p class="muted">'
            + html_text(_("No measure with values on dates in these files."))
            + "</p>"
        )
    out.append('<div class="runcharts">')
    for name, series in charted:
        out.append(
            f'<div class="runchart-item"><h3>{html_text(name)}</h3>'
            f"{run_chart_html(series, CHART_WIDTH)}</div>"
        )
    out.append("</div>")
    out.append("</section>")
    return "".join(out)
