"""``plgcycle values``: add a measure's values from a CSV file (a column of dates, one of values).

Such as a class's scores exported from the school's student system.  Only the
two columns are read; the teacher sees what was read and confirms before the
values are added to their measure (a value already there is not doubled).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidInput
from ..i18n import N_, _, ngettext
from .common import _db, ask_yes_no, command, db_option, echo, option


def _column(value: str | None) -> int | str | None:
    """A column as typed: a number (1 is the first) or a header name."""
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


@command(
    "values",
    help=N_(
        "Add values of one of your measures from a CSV file: a column of dates and a "
        "column of values, e.g. a class's scores from the student system."
    ),
)
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@option(
    "--measure",
    "measure_name",
    required=True,
    metavar="NAME",
    help=N_("The name of your measure, e.g. 'Opgaven af' (its newest round gets the values)."),
)
@option(
    "--date-column",
    default=None,
    metavar="COLUMN",
    help=N_("The column of dates: its number (1 is the first) or its header."),
)
@option(
    "--value-column",
    default=None,
    metavar="COLUMN",
    help=N_("The column of values: its number or its header."),
)
@option(
    "--baseline-first",
    is_flag=True,
    help=N_("Mark the earliest value as the baseline (measured before the try-outs)."),
)
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation (for scripts)."))
@db_option
@click.pass_context
def values_command(
    ctx: click.Context,
    file: Path,
    measure_name: str,
    date_column: str | None,
    value_column: str | None,
    baseline_first: bool,
    yes: bool,
    db: Path | None,
) -> None:
    from ..cycle import RecordIndex
    from ..measurepoints import add_points, points_of
    from ..series import normalise_name
    from ..store import Store
    from ..textsafe import printable
    from ..valuesimport import read_values_file

    imported = read_values_file(
        file, _column(date_column), _column(value_column), baseline_first=baseline_first
    )
    with Store(_db(ctx, db)) as store:
        me = store.me
        if me is None:
            raise InvalidInput(_("There is no teacher in this database yet; start plgcycle first."))
        index = RecordIndex(store.list())
        wanted = normalise_name(measure_name)
        mine = [
            (rnd, m)
            for rnd in index.rounds.values()
            if rnd.owner == me
            for m in index.view(rnd.id).measures
            if m.owner == me
        ]
        matches = [(rnd, m) for rnd, m in mine if normalise_name(m.text("name")) == wanted]
        if not matches:
            names = sorted({printable(m.text("name"), single_line=True) for _r, m in mine})
            raise InvalidInput(
                _("You have no measure called “{name}”; yours are: {names}.").format(
                    name=printable(measure_name, single_line=True),
                    names=", ".join(names) or _("none yet"),
                )
            )
        rnd, measure = max(
            matches, key=lambda item: (item[0].data.get("round_no") or 0, item[0].updated_at)
        )
        view = index.view(rnd.id)
        before = points_of(measure, rnd, view.tryouts)
        updated = add_points(measure, imported.points, rnd, view.tryouts)
        added = len(updated.data["points"]) - len(before)
        shown = printable(measure.text("name"), single_line=True)
        echo(
            ngettext(
                "{file}: {n} value, dates from {dates}, values from {values}.",
                "{file}: {n} values, dates from {dates}, values from {values}.",
                len(imported.points),
            ).format(
                file=printable(file.name, single_line=True),
                n=len(imported.points),
                dates=imported.column_name(imported.date_column),
                values=imported.column_name(imported.value_column),
            )
        )
        if imported.skipped:
            echo(
                ngettext(
                    "{n} row with a date but no value was skipped.",
                    "{n} rows with a date but no value were skipped.",
                    imported.skipped,
                ).format(n=imported.skipped)
            )
        if added == 0:
            echo(
                _("{measure} already holds all these values; nothing was added.").format(
                    measure=shown
                )
            )
            return
        question = ngettext(
            "Add {n} value to {measure} (round {round})?",
            "Add {n} values to {measure} (round {round})?",
            added,
        ).format(n=added, measure=shown, round=view.number)
        if not yes and not ask_yes_no(question):
            echo(_("Nothing was added."))
            ctx.exit(1)
        store.save(updated)
    echo(
        ngettext("{n} value added to {measure}.", "{n} values added to {measure}.", added).format(
            n=added, measure=shown
        )
    )
