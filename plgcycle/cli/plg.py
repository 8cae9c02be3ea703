"""The PLG as a group from the command line: ``plg`` (the facilitator's record) and ``calendar``.

The facilitator sets up and keeps the PLG in their own database (``plg new``, ``plg set``,
``plg dates``, ``plg subgroup``, ``plg members``, ``plg note-takers``); every member reads
it with ``plg show`` once it arrived through a sync or an import.  ``calendar`` writes the
meetings and the teacher's dated actions as an ``.ics`` file.  The rules are in the core
(:mod:`plgcycle.group`, :mod:`plgcycle.group_session`); this module only parses and prints.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _, format_date, ngettext
from .common import (
    DATE,
    Group,
    UsageArgument,
    command,
    confirm_output,
    db_option,
    echo,
    group_session,
    option,
)


@click.group("plg", cls=Group, help=N_("The PLG as a group: its goal, dates and subgroups."))
def plg_group() -> None:
    pass


def _show(view) -> None:
    from .. import group

    plg = view.plg
    if plg is None:
        echo(
            _(
                "No PLG here yet. A facilitator sets one up with: plgcycle plg new NAME; "
                "a member receives it with plgcycle sync."
            )
        )
        return
    echo(_("PLG: {name}").format(name=view.name))
    echo(_("Facilitator: {name}").format(name=view.names.get(plg.owner, _("unknown colleague"))))
    if view.goal:
        echo(_("Shared goal: {goal}").format(goal=" ".join(view.goal.split())))
    for line in view.working_agreements:
        echo("  - " + line)
    dates = group.meeting_dates(plg)
    echo(_("Meetings: {dates}").format(dates=", ".join(format_date(d) for d in dates) or "–"))
    if view.next_date:
        echo(_("Next meeting: {date}").format(date=format_date(view.next_date)))
    for sub in group.subgroups(plg):
        names = ", ".join(view.names.get(p, _("unknown colleague")) for p in sub["members"])
        echo(_("Subgroup {name}: {members}").format(name=sub["name"], members=names))
    if group.leaders(plg):
        echo(
            _("Leaders: {names}").format(
                names=", ".join(
                    view.names.get(p, _("unknown colleague")) for p in group.leaders(plg)
                )
            )
        )
    takers = plg.data.get("note_takers") or ()
    if takers:
        echo(
            _("Note-takers: {names}").format(
                names=", ".join(view.names.get(p, _("unknown colleague")) for p in takers)
            )
        )


@command("new", help=N_("Set up a new PLG that you keep as its facilitator."))
@click.argument("name", cls=UsageArgument)
@option("--goal", default="", help=N_("The shared goal."))
@db_option
@click.pass_context
def plg_new(ctx: click.Context, name: str, goal: str, db: Path | None) -> None:
    with group_session(ctx, db) as session:
        session.group.start_plg(name, goal)
        echo(
            _(
                "“{name}” is set up. Add dates and subgroups with plgcycle plg dates and "
                "plgcycle plg subgroup."
            ).format(name=" ".join(name.split()))
        )


@command("show", help=N_("Show the PLG: goal, agreements, dates and subgroups."))
@db_option
@click.pass_context
def plg_show(ctx: click.Context, db: Path | None) -> None:
    with group_session(ctx, db, writable=False) as session:
        _show(session.group.view())


@command("set", help=N_("Change the PLG's name, goal, working agreements or meeting times."))
@option("--name", default=None, help=N_("The PLG's name."))
@option("--goal", default=None, help=N_("The shared goal."))
@option("--agreements", default=None, help=N_("The working agreements, one per line."))
@option("--start", default=None, metavar="HH:MM", help=N_("When meetings start."))
@option("--minutes", type=int, default=None, help=N_("How long a meeting lasts."))
@db_option
@click.pass_context
def plg_set(ctx, name, goal, agreements, start, minutes, db) -> None:
    from .. import group

    values = {
        k: v
        for k, v in {
            "name": name,
            "goal": goal,
            "agreements": agreements,
            "start": start,
            "minutes": minutes,
        }.items()
        if v is not None
    }
    with group_session(ctx, db) as session:
        session.group.change_plg(lambda plg: group.edit_plg(plg, **values))
        _show(session.group.view())


@command("dates", help=N_("Set the meeting dates: a series with exceptions, or single dates."))
@option("--first", type=DATE, default=None, help=N_("The first date of a series."))
@option("--every", type=int, default=4, show_default=True, help=N_("Weeks between meetings."))
@option("--count", type=int, default=None, help=N_("How many meetings the series has."))
@option("--skip", type=DATE, multiple=True, help=N_("A date without a meeting (a holiday)."))
@option("--add", type=DATE, multiple=True, help=N_("An extra meeting date."))
@option("--remove", type=DATE, multiple=True, help=N_("A date to take out."))
@db_option
@click.pass_context
def plg_dates(ctx, first, every, count, skip, add, remove, db) -> None:
    from .. import group
    from ..errors import InvalidInput

    if (first is None) != (count is None):
        raise InvalidInput(_("A series needs both --first and --count."))

    def change(plg):
        days = set(group.meeting_dates(plg))
        if first is not None:
            days = set(group.series(first, every, count, skip=skip))
        days = (days | set(add)) - set(remove) - set(skip)
        return group.set_dates(plg, days)

    with group_session(ctx, db) as session:
        plg = session.group.change_plg(change)
        dates = group.meeting_dates(plg)
        echo(
            ngettext("{n} meeting date: {dates}", "{n} meeting dates: {dates}", len(dates)).format(
                n=len(dates), dates=", ".join(format_date(d) for d in dates) or "–"
            )
        )


@command("subgroup", help=N_("Put colleagues in a subgroup (no names: remove the subgroup)."))
@click.argument("name", cls=UsageArgument)
@click.argument("members", nargs=-1, cls=UsageArgument)
@db_option
@click.pass_context
def plg_subgroup(ctx, name, members, db) -> None:
    from .. import group

    with group_session(ctx, db) as session:
        names = session.group.view().names
        people = [group.find_person(names, text) for text in members]
        session.group.change_plg(lambda plg: group.set_subgroup(plg, name, people))
        _show(session.group.view())


@command("members", help=N_("Add colleagues to the PLG, or take one out with --remove."))
@click.argument("names", nargs=-1, cls=UsageArgument)
@option("--remove", "remove", default=None, help=N_("A member to take out."))
@option(
    "--leader",
    "leaders",
    multiple=True,
    help=N_("A member who takes part as school or team leader (answers the scan as such)."),
)
@db_option
@click.pass_context
def plg_members(ctx, names, remove, leaders, db) -> None:
    from .. import group

    with group_session(ctx, db) as session:
        known = session.group.view().names
        people = [group.find_person(known, text) for text in names]
        chosen = [group.find_person(known, text) for text in leaders]
        gone = group.find_person(known, remove) if remove else None

        def change(plg):
            plg = group.add_members(plg, people)
            if chosen:
                plg = group.set_leaders(plg, [*group.leaders(plg), *chosen])
            return group.remove_member(plg, gone) if gone else plg

        plg = session.group.change_plg(change)
        echo(
            ngettext("{n} member: {names}", "{n} members: {names}", len(group.members(plg))).format(
                n=len(group.members(plg)),
                names=", ".join(known.get(p, _("unknown colleague")) for p in group.members(plg)),
            )
        )


@command("note-takers", help=N_("Name the colleagues who may keep the meetings with you."))
@click.argument("names", nargs=-1, cls=UsageArgument)
@db_option
@click.pass_context
def plg_note_takers(ctx, names, db) -> None:
    from .. import group

    with group_session(ctx, db) as session:
        known = session.group.view().names
        people = [group.find_person(known, text) for text in names]
        session.group.change_plg(lambda plg: group.set_note_takers(plg, people))
        _show(session.group.view())


for _sub in (plg_new, plg_show, plg_set, plg_dates, plg_subgroup, plg_members, plg_note_takers):
    plg_group.add_command(_sub)
del _sub


@command(help=N_("Write the PLG's meetings and your dated actions as a calendar file (.ics)."))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=N_("The .ics file to write."),
)
@option("--yes", is_flag=True, help=N_("Replace an existing file without asking."))
@db_option
@click.pass_context
def calendar(ctx: click.Context, output: Path, yes: bool, db: Path | None) -> None:
    from ..calendar_file import calendar_bytes
    from ..files import write_output

    with group_session(ctx, db, writable=False) as session:
        view = session.group.view()
        me = session.me
        own = [r for r in session.index().actions if r.owner == me]
        payload = calendar_bytes(view, own)
    confirm_output(ctx, output, yes)
    write_output(output, payload)
    events = payload.count(b"BEGIN:VEVENT")
    echo(
        ngettext("{n} event written to {path}.", "{n} events written to {path}.", events).format(
            n=events, path=output
        )
    )
