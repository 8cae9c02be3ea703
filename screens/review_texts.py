"""The review's texts beyond the table: the feedback flow, the measures that moved, the files."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from plgcycle import review as rv
from plgcycle.i18n import _, format_date, ngettext
from plgcycle.textsafe import printable, shorten


def flow_content(ov: rv.Overview, accent: str) -> Text:
    """Who gives feedback to whom (all rounds): person by person, or by subgroup in a large PLG.

    Below the grid: how much was taken on, and who only gave or only received so far.
    """
    from plgcycle.report import flow_grid
    from screens.widgets.group_chart import flow_text

    f = ov.figures
    if f.flow:
        grid = flow_grid(ov)
        flow = Text()
        if grid.by_subgroup:
            # Too many people for a grid: subgroup by subgroup; per person see the table.
            flow.append(
                _("Per subgroup (per participant: see the Feedback column).") + "\n", style="dim"
            )
        flow.append_text(
            flow_text(
                grid.givers,
                grid.flow,
                [key for key, _label in grid.receivers],
                given_label=_("given"),
                received_label=_("received"),
                name_width=22 if grid.by_subgroup else 18,
                colour=accent,
                adopted=grid.adopted,
                adopted_label=_("taken on"),
            )
        )
        flow.append("\n\n" + rv.adopted_line(f))
        for label, people in rv.one_way(f):
            flow.append("\n" + label + ": ", style="bold")
            flow.append(", ".join(printable(name, single_line=True) for name in people))
        flow.append("\n" + rv.one_way_note(), style="dim")
    else:
        flow = Text(_("No feedback between colleagues in these files yet."), style="dim")
    return flow


def measures_content(ov: rv.Overview, accent: str) -> Text:
    """Every measure with a first and a latest value, and how far it moved."""
    if ov.measures_moved:
        lines = Text(no_wrap=True, overflow="ellipsis")
        names = [shorten(m.name, 22) for m in ov.measures_moved]
        labels = [shorten(m.measure, 28) for m in ov.measures_moved]
        values = [
            f"{rv.format_number(m.first)} → {rv.format_number(m.last)}"
            + (f" {printable(m.unit, single_line=True)}" if m.unit else "")
            for m in ov.measures_moved
        ]
        widths = [max(len(x) for x in column) for column in (names, labels, values)]
        for i, m in enumerate(ov.measures_moved):
            if i:
                lines.append("\n")
            lines.append(names[i].ljust(widths[0]) + "  ")
            lines.append(labels[i].ljust(widths[1]) + "  ")
            lines.append(values[i].ljust(widths[2]) + "  ")
            change = m.change
            lines.append(
                f"{'▲' if change > 0 else '▼'} {rv.format_number(abs(change))}",
                style="bold " + accent,
            )
    else:
        lines = Text(_("No measure with a before and after value in these files."), style="dim")
    return lines


def files_content(data: rv.ReviewData, warm: str, since=None) -> Text:
    """Per teacher their files and check code, then the files and what the rules left out."""
    files = data.files
    text = Text()
    if not files:
        text.append(_("Built from the records in this database."))
    else:
        text.append(
            ngettext(
                "{n} export file, merged; nothing was written anywhere.",
                "{n} export files, merged; nothing was written anywhere.",
                len(files),
            ).format(n=len(files))
            + "\n"
        )
        _teachers(text, data, warm, since)
        text.append("\n" + _("Files") + "\n", style="bold")
    for i, f in enumerate(files):
        if i:
            text.append("\n")
        text.append(printable(Path(f.path).name, single_line=True), style="bold")
        text.append("\n  " + printable(f.name or _("unknown colleague"), single_line=True))
        text.append(
            " · " + _("exported {date}").format(date=format_date(f.exported_at)), style="dim"
        )
        text.append(
            " · " + ngettext("{n} record", "{n} records", f.records).format(n=f.records),
            style="dim",
        )
        if f.profile == rv.PROFILE_PROGRESS:
            text.append(" · " + _("progress only"), style=warm)
        if f.version < 2:
            text.append(" · " + rv.not_signed(), style=warm)
    notices = data.notices()
    if notices:
        text.append("\n\n" + _("Left out or not checked") + "\n", style="bold")
        for line in notices:
            text.append(printable(line) + "\n", style=warm)
    if data.conflicts:
        text.append(
            "\n"
            + ngettext(
                "{n} record had two different versions with the same revision; the merge rule chose one.",
                "{n} records had two different versions with the same revision; the merge rule chose one.",
                data.conflicts,
            ).format(n=data.conflicts),
            style=warm,
        )
    return text


def _teachers(text: Text, data: rv.ReviewData, warm: str, since) -> None:
    """One entry per teacher: check code, newest own file, superseded ones, nothing new."""
    from plgcycle.review.arrivals import teacher_files

    text.append("\n" + _("Per teacher") + "\n", style="bold")
    text.append(
        _("Compared a check code with a colleague? Press b to confirm it.") + "\n", style="dim"
    )
    for teacher in teacher_files(data, since):
        text.append(shorten(teacher.name or _("unknown colleague"), 40), style="bold")
        if teacher.same_name:
            text.append(" · " + _("same name as someone else"), style=warm)
        if teacher.controlecode:
            text.append("\n  " + _("check code {code}").format(code=teacher.controlecode))
            if teacher.confirmed:
                text.append(" · " + _("confirmed"))
            else:
                text.append(" · " + _("not confirmed yet"), style="dim")
        newest = teacher.newest
        if newest is None:
            text.append("\n  " + _("no file of their own (seen through other files)"), style=warm)
        else:
            line = _("newest file {file}, made {made}").format(
                file=printable(Path(newest.path).name, single_line=True),
                made=format_date(newest.exported_at),
            )
            if newest.arrived:
                line += ", " + _("arrived {date}").format(date=format_date(newest.arrived))
            text.append("\n  " + line, style="dim")
            if teacher.unsigned:
                text.append(" · " + rv.not_signed(), style=warm)
        for old in teacher.superseded:
            text.append(
                "\n  "
                + _("superseded: {file} (made {made})").format(
                    file=printable(Path(old.path).name, single_line=True),
                    made=format_date(old.exported_at),
                ),
                style="dim",
            )
        if teacher.quiet and newest is not None and since is not None:
            text.append(
                "\n  "
                + _("no new file since {date} (not the same as no movement)").format(
                    date=format_date(since)
                ),
                style=warm,
            )
        text.append("\n")
