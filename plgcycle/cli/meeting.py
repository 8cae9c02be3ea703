"""A meeting of the PLG from the command line: plan it, record it, write its *verslag*.

``meeting plan`` starts the next meeting's plan from the agenda's parts; ``attend``,
``agree``, ``action``, ``success``, ``retro``, ``part`` and ``mt`` record what happened;
``held`` says it took place; ``report`` writes the verslag (``.md`` or ``.html``); ``show``
prints it; ``done`` marks a group action of your own done.  Each takes ``--date`` (the
meeting's day, Dutch or ISO); without it, the next meeting (or, for a member, the last
one held).  Only the facilitator or a note-taker they named changes a meeting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import InvalidInput
from ..i18n import N_, _, format_date
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


@click.group("meeting", cls=Group, help=N_("A meeting of the PLG: plan, record and report."))
def meeting_group() -> None:
    pass


def date_option(func):
    return option(
        "--date",
        "day",
        type=DATE,
        default=None,
        help=N_("The meeting's date (DD-MM-YYYY); default: the next meeting."),
    )(func)


def _day(session, day: date | None) -> date:
    if day is not None:
        return day
    view = session.group.view()
    if view.next_date is None:
        raise InvalidInput(_("The PLG has no meeting date from today on: give --date."))
    return view.next_date


def _change(ctx, db, day, change) -> None:
    """Apply ``change(meeting, view) -> meeting`` to the meeting on ``day`` and save it."""
    from .. import meeting_report

    with group_session(ctx, db) as session:
        when = _day(session, day)
        meeting = change(session.group.plan(when), session.group.view())
        saved = session.group.save_meeting(meeting)
        echo(
            _("Meeting of {date}: {attendance}.").format(
                date=format_date(when), attendance=meeting_report.attendance_fact(saved)
            )
        )


@command(
    "plan",
    help=N_(
        "Plan the meeting from the agenda: the five parts with their minutes and items "
        "(an agenda saved with the meeting is kept)."
    ),
)
@date_option
@db_option
@click.pass_context
def meeting_plan(ctx, day, db) -> None:
    from .. import meetings
    from ..agenda import Agenda
    from ..agenda_proposal import propose
    from ..review import build_overview

    with group_session(ctx, db, writable=False) as session:
        records, today = session.records(), session.today
        context = session.group.proposal_context()
    warnings: list[str] = []

    def change(meeting, view):
        raw = meetings.saved_agenda(meeting)
        if raw is not None:
            agenda = Agenda.from_dict(raw)
        else:
            total = max(30, int(meeting.data.get("minutes") or 0))
            agenda = propose(build_overview(records, today), total, context=context)
            agenda.meeting = meetings.day_of(meeting)
        warnings.append(agenda.over_warning())
        return meetings.set_agenda(meeting, agenda)

    _change(ctx, db, day, change)
    for line in warnings:
        if line:
            echo(line, err=True)


@command("attend", help=N_("Note who came: present, absent or sent apologies (no reasons)."))
@option("--present", multiple=True, help=N_("A member who was there."))
@option("--absent", multiple=True, help=N_("A member who was not there."))
@option("--excused", multiple=True, help=N_("A member who sent apologies (afgemeld)."))
@date_option
@db_option
@click.pass_context
def meeting_attend(ctx, present, absent, excused, day, db) -> None:
    from .. import group, meetings

    def change(meeting, view):
        statuses = {}
        for status, names in (
            (meetings.PRESENT, present),
            (meetings.ABSENT, absent),
            (meetings.EXCUSED, excused),
        ):
            for text in names:
                statuses[group.find_person(view.names, text)] = status
        return meetings.set_attendance(meeting, statuses)

    _change(ctx, db, day, change)


def _line_command(name: str, field: str, help_text: str):
    @command(name, help=help_text)
    @click.argument("text", cls=UsageArgument)
    @date_option
    @db_option
    @click.pass_context
    def add(ctx, text, day, db) -> None:
        from .. import meetings

        _change(ctx, db, day, lambda meeting, view: meetings.add_line(meeting, field, text))

    return add


meeting_agree = _line_command("agree", "agreements", N_("Add an agreement (afspraak)."))
meeting_success = _line_command("success", "successes", N_("Add a success."))


@command("action", help=N_("Add a group action: what, by whom and by when."))
@click.argument("text", cls=UsageArgument)
@option("--owner", default=None, help=N_("The member who does it."))
@option("--due", type=DATE, default=None, help=N_("By when (DD-MM-YYYY)."))
@date_option
@db_option
@click.pass_context
def meeting_action(ctx, text, owner, due, day, db) -> None:
    from .. import group, meetings

    def change(meeting, view):
        who = group.find_person(view.names, owner) if owner else None
        return meetings.add_action(meeting, text, who, due)

    _change(ctx, db, day, change)


@command("part", help=N_("Plan or note one part: its minutes, presenters and short notes."))
@click.argument(
    "part",
    type=click.Choice(["standup", "explore", "condense", "make", "retro"]),
    cls=UsageArgument,
)
@option("--minutes", type=int, default=None, help=N_("How long the part lasts."))
@option("--presenter", multiple=True, help=N_("A member who presents (repeat for more)."))
@option("--notes", default=None, help=N_("Short notes of the part."))
@date_option
@db_option
@click.pass_context
def meeting_part(ctx, part, minutes, presenter, notes, day, db) -> None:
    from .. import group, meetings

    def change(meeting, view):
        people = [group.find_person(view.names, text) for text in presenter] or None
        return meetings.set_part(meeting, part, minutes=minutes, presenters=people, summary=notes)

    _change(ctx, db, day, change)


@command("retro", help=N_("Note the retro: what went well and what could be better."))
@option("--went-well", default=None, help=N_("What went well."))
@option("--improve", default=None, help=N_("What could be better."))
@date_option
@db_option
@click.pass_context
def meeting_retro(ctx, went_well, improve, day, db) -> None:
    from .. import meetings

    _change(ctx, db, day, lambda meeting, view: meetings.set_retro(meeting, went_well, improve))


@command("mt", help=N_("Add a point for the team leader (punt voor het MT)."))
@click.argument("text", cls=UsageArgument)
@date_option
@db_option
@click.pass_context
def meeting_mt(ctx, text, day, db) -> None:
    from .. import meetings

    _change(ctx, db, day, lambda meeting, view: meetings.add_mt_point(meeting, text))


@command("held", help=N_("Say that the meeting took place: its record becomes the verslag."))
@date_option
@db_option
@click.pass_context
def meeting_held(ctx, day, db) -> None:
    from .. import meetings

    _change(ctx, db, day, lambda meeting, view: meetings.mark_held(meeting))


def _chosen(session, day: date | None):
    """The meeting on ``day``; without a date the last one held (else the next planned)."""
    view = session.group.view()
    if day is not None:
        found = session.group.meeting_on(day)
        if found is None:
            raise InvalidInput(
                _("No meeting is recorded for {date}.").format(date=format_date(day))
            )
        return view, found
    found = view.last_held or view.next_meeting
    if found is None:
        raise InvalidInput(_("No meeting is recorded yet."))
    return view, found


@command("show", help=N_("Print a meeting's verslag (default: the last meeting held)."))
@date_option
@db_option
@click.pass_context
def meeting_show(ctx, day, db) -> None:
    from .. import meeting_report

    with group_session(ctx, db, writable=False) as session:
        view, meeting = _chosen(session, day)
        click.echo(meeting_report.build(view, meeting).to_markdown(), nl=False)


@command("report", help=N_("Write a meeting's verslag as Markdown or HTML (by the file's ending)."))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=N_("verslag.md or verslag.html"),
)
@option("--yes", is_flag=True, help=N_("Replace an existing file without asking."))
@date_option
@db_option
@click.pass_context
def meeting_report_command(ctx, output, yes, day, db) -> None:
    from .. import meeting_report
    from ..files import write_output

    with group_session(ctx, db, writable=False) as session:
        view, meeting = _chosen(session, day)
        verslag = meeting_report.build(view, meeting)
    html = output.suffix.lower() in (".html", ".htm")
    payload = verslag.to_html() if html else verslag.to_markdown()
    confirm_output(ctx, output, yes)
    write_output(output, payload.encode("utf-8"))
    echo(_("Verslag written to {path}.").format(path=output))


@command("done", help=N_("Mark a group action of yours done (its number from meeting actions)."))
@click.argument("number", type=int, cls=UsageArgument)
@db_option
@click.pass_context
def meeting_done(ctx, number, db) -> None:
    with group_session(ctx, db) as session:
        mine = session.group.view().open_actions(session.me)
        if not 1 <= number <= len(mine):
            raise InvalidInput(
                _("You have no open group action {n}: see plgcycle meeting actions.").format(
                    n=number
                )
            )
        action = mine[number - 1]
        session.group.mark_done(action)
        echo(_("Done: {text}").format(text=action.item["text"]))


@command("actions", help=N_("List your open group actions, numbered."))
@db_option
@click.pass_context
def meeting_actions(ctx, db) -> None:
    from .. import meeting_report

    with group_session(ctx, db, writable=False) as session:
        view = session.group.view()
        mine = view.open_actions(session.me)
        if not mine:
            echo(_("You have no open group actions."))
        for number, action in enumerate(mine, start=1):
            echo(f"{number}. {meeting_report.action_line(view, action.item)}")


for _sub in (
    meeting_plan,
    meeting_attend,
    meeting_agree,
    meeting_success,
    meeting_action,
    meeting_part,
    meeting_retro,
    meeting_mt,
    meeting_held,
    meeting_show,
    meeting_report_command,
    meeting_actions,
    meeting_done,
):
    meeting_group.add_command(_sub)
del _sub
