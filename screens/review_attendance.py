"""The review's attendance over the year: per held meeting, per member, and the one signal.

Drawn into the "Group figures" tab (:mod:`screens.review_figures`) from the overview's
:class:`plgcycle.attendance.YearAttendance`.  Names are data: Rich text, never markup.
"""

from __future__ import annotations

from rich.text import Text

from plgcycle import attendance as at
from plgcycle import review as rv
from plgcycle.textsafe import printable, shorten


def attendance_content(ov: rv.Overview, warm: str) -> Text:
    """The group's held meetings, then one line per member; the signal in the warm colour."""
    year = at.of_index(ov.index, ov.figures.people, ov.today)
    if not year.held:
        return Text(at.none_held(), style="dim")
    text = Text()
    text.append(at.group_summary(year))
    for meeting in year.meetings:
        text.append("\n  " + at.meeting_day(meeting).ljust(12) + at.meeting_counts(meeting))
    names = [shorten(at.member_name(m), 22) for m in year.members]
    width = max((len(n) for n in names), default=0)
    text.append("\n")
    for member, name in zip(year.members, names, strict=True):
        text.append("\n" + printable(name, single_line=True).ljust(width) + "  ", style="bold")
        text.append(at.member_counts(member))
        signal = at.last_two_signal(member)
        if signal:  # on a line of its own, under the counts
            text.append("\n" + " " * (width + 2) + signal, style=warm)
    if year.missed_last_two:
        text.append("\n" + at.signal_note(), style="dim")
    return text
