"""A teacher's own commands: ``status`` (where am I) and ``demo`` (a sample PLG).

Both open the teacher's database (``demo`` may only fill an empty one); rich,
the store and the cycle's rules are imported inside the commands, so the
parser starts without them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click

from ..errors import InvalidInput
from ..i18n import N_, _, days_phrase, format_date, ngettext
from .common import _db, _today, command, db_option, echo, option

# --- status -------------------------------------------------------------------------------


@command(help=N_("Show your learning questions: round, step and next action."))
@db_option
@click.pass_context
def status(ctx: click.Context, db: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..cycle import RecordIndex, action_overdue
    from ..model import STEPS, parse_date
    from ..store import Store
    from ..textsafe import printable

    today = _today(ctx)
    path = _db(ctx, db)
    with Store(path, readonly=True) as store:
        me = store.me
        if not store.path.exists() or me is None:
            echo(
                _(
                    "No learning questions yet in {path}. Start plgcycle to write one, or "
                    "look around in a sample PLG first: plgcycle demo --db demo.json"
                ).format(path=store.path)
            )
            return
        index = RecordIndex(store.list())
    console = Console(highlight=False, soft_wrap=False)
    person = index.persons.get(me)
    name = person.text("name") if person else ""
    header = Text(printable(name, single_line=True), style="bold")
    meeting = parse_date(person.data.get("next_meeting")) if person else None
    if meeting:
        header.append(
            "  ·  "
            + _("next meeting: {date} ({when})").format(
                date=format_date(meeting), when=days_phrase((meeting - today).days)
            )
        )
    console.print(header)
    rounds = index.latest_rounds(owner=me)
    if not rounds:
        console.print(_("You have no learning question yet. Start plgcycle and press n."))
    else:
        table = Table(show_lines=True, expand=False)
        table.add_column(_("Learning question"), ratio=3, overflow="fold")
        table.add_column(_("Round"), justify="right", no_wrap=True)
        table.add_column(_("Step"), no_wrap=True)
        table.add_column(_("Next action"), ratio=2, overflow="fold")
        for rnd in rounds:
            view = index.view(rnd.id)
            marks = "".join("●" if done else "○" for done in view.progress)
            step = STEPS[view.current_step - 1]
            step_text = _("closed") if view.closed else f"{view.current_step} {_(step.title)}"
            table.add_row(
                Text(printable(view.question)),
                str(view.number),
                Text(f"{marks}\n{step_text}"),
                Text(view.next_action(today)),
            )
        console.print(table)
    actions = [a for a in index.actions_of(me) if not a.data.get("done")]
    if actions:
        console.print(Text(_("Before the next meeting:"), style="bold"))
        for action in actions:
            due = parse_date(action.data.get("due"))
            line = Text("• " + printable(action.text("text"), single_line=True))
            if due:
                late = action_overdue(action, today)
                line.append(
                    "  ("
                    + _("by {date}").format(date=format_date(due))
                    + ", "
                    + days_phrase((due - today).days)
                    + ")",
                    style="bold red" if late else "dim",
                )
                if late:
                    line.append(" " + _("date passed"), style="bold yellow")
            console.print(line)
    _scan_reminder(console, index, me, today)
    others = [r for r in index.latest_rounds() if r.owner != me]
    if others:
        console.print(
            Text(
                ngettext(
                    "{n} question of a colleague; open plgcycle to read it.",
                    "{n} questions of colleagues; open plgcycle to read them.",
                    len(others),
                ).format(n=len(others)),
                style="dim",
            )
        )


def _scan_reminder(console, index, me: str, today) -> None:
    """One line when the PLG's scan has a round open that the teacher can still answer."""
    from rich.text import Text

    from .. import group, scan, scan_rounds
    from ..textsafe import printable

    plg = group.plg_for(index.group, me)
    found = scan_rounds.scan_rounds([*index.group, *index.persons.values()], plg)
    open_rounds = [r for r in found.rounds if scan_rounds.is_open(r, today)]
    if not open_rounds or plg is None or not group.is_member(plg, me):
        return
    current = open_rounds[-1]
    mine = found.response_of(current, me)
    answered = (
        len({*(mine.data.get("now") or {}), *(mine.data.get("desired") or {})}) if mine else 0
    )
    console.print(
        Text(
            _(
                "Scan round “{label}” is open until {date} ({n} of {total} statements "
                "answered): plgcycle scan answer, or k in the app."
            ).format(
                label=printable(scan_rounds.label(current), single_line=True),
                date=format_date(scan_rounds.closes_on(current)),
                n=answered,
                total=len(scan.STATEMENTS),
            )
        )
    )


# --- demo -----------------------------------------------------------------------------------


@command(help=N_("Fill a database with a realistic sample PLG to look around in."))
@db_option
@option(
    "--exports",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help=N_(
        "Write one export file per demo teacher and one of the facilitator into DIR, to "
        "try review, agenda and report (without --db no database is filled)."
    ),
)
@option(
    "--facilitator",
    is_flag=True,
    help=N_(
        "Fill the database as the PLG's facilitator: the PLG, two meetings held and the "
        "next one planned, with the teachers' work as their files bring it."
    ),
)
@click.pass_context
def demo(ctx: click.Context, db: Path | None, exports: Path | None, facilitator: bool) -> None:
    from .. import demo as demo_data
    from ..store import Store

    path = _db(ctx, db)
    if exports is not None:
        written = _demo_exports(exports, _today(ctx), facilitator=True)
        echo(
            ngettext(
                "{n} export file written to {folder}.",
                "{n} export files written to {folder}.",
                len(written),
            ).format(n=len(written), folder=exports)
        )
        echo(
            _(
                "Try: plgcycle review {folder}   or   plgcycle report {folder} -o report.html"
            ).format(folder=exports)
        )
        if path is None:
            return
    if facilitator:
        _demo_facilitator(ctx, path)
        return
    with Store(path) as store:
        _empty_store(store)
        me, records = demo_data.build(_today(ctx))
        with store.batch():
            store.apply(demo_data.signed_colleagues(records, me))
            store.set_me(me)
        teachers = sum(1 for r in records if r.kind == "person")
        rounds = sum(1 for r in records if r.kind == "round")
        name = next(r.text("name") for r in records if r.id == me)
        shown = store.path
    echo(
        _(
            "Sample PLG written to {path}: {teachers} teachers, {rounds} rounds. You are {name}."
        ).format(path=shown, teachers=teachers, rounds=rounds, name=name)
    )
    hint = f" --db {shown}" if path else ""
    echo(_("Look around with: plgcycle{db}   or   plgcycle status{db}").format(db=hint))


def _empty_store(store) -> None:
    if store.me is not None or len(store):
        raise InvalidInput(
            _(
                "{path} already holds data; the demo only fills an empty "
                "database. Choose another file with --db."
            ).format(path=store.path)
        )


def _demo_facilitator(ctx: click.Context, path: Path | None) -> None:
    """``demo --facilitator``: the database of the PLG's facilitator, with the teachers' work
    as their signed files bring it."""
    from .. import demo as demo_data
    from .. import demo_group
    from ..kinds import MEETING
    from ..store import Store

    with Store(path) as store:
        _empty_store(store)
        me, records = demo_group.build(_today(ctx))
        with store.batch():
            store.apply(demo_data.signed_colleagues(records, me))
            store.set_me(me)
        shown = store.path
    from ..demo_scan import leader_id

    teachers = sum(1 for r in records if r.kind == "person" and r.id not in (me, leader_id()))
    held = sum(1 for r in records if r.kind == MEETING and r.data.get("held"))
    echo(
        _(
            "Sample PLG written to {path}: you are its facilitator, {name}, with {teachers} "
            "teachers and {held} meetings held; the next one is planned."
        ).format(path=shown, name=demo_group.FACILITATOR_NAME, teachers=teachers, held=held)
    )
    hint = f" --db {shown}" if path else ""
    echo(
        _("Look around with: plgcycle plg show{db}   or   plgcycle meeting show{db}").format(
            db=hint
        )
    )


def _demo_exports(folder: Path, today: date, *, facilitator: bool = False) -> list[Path]:
    """One export per demo teacher: exactly what that teacher would share (own records, no
    private fields), signed with the teacher's demo key and dated ``today`` after the last
    demo change.  With ``facilitator`` also the facilitator's file (the PLG and its
    meetings) and the group actions the teachers marked done.  Existing files are never
    overwritten."""
    import re
    import unicodedata
    from datetime import time

    from .. import demo as demo_data
    from .. import demo_group
    from ..exchange import SUFFIX, export_records, signed_export, write_export

    _me, records = demo_group.build(today) if facilitator else demo_data.build(today)
    persons = [r for r in records if r.kind == "person"]
    targets = []
    for person in persons:
        plain = (
            unicodedata.normalize("NFKD", person.text("name")).encode("ascii", "ignore").decode()
        )
        slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or person.id[:8]
        targets.append((person, folder / f"{slug}{SUFFIX}"))
    existing = [str(target) for _p, target in targets if target.exists()]
    if existing:
        raise InvalidInput(
            _("{path} already exists; choose an empty folder for the demo exports.").format(
                path=existing[0]
            )
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            _("Cannot create the folder {folder}: {reason}.").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    moment = datetime.combine(today, time(16, 0), tzinfo=UTC)
    written = []
    for person, target in targets:
        key = demo_data.demo_key(person.id)
        own = export_records(records, person.id)
        for record in own:
            if record.id == person.id:
                record.data["key"] = key.public  # the demo teacher's person record names it
        env = signed_export(own, {"id": person.id, "name": person.text("name")}, key, moment)
        written.append(write_export(target, env))
    return written
