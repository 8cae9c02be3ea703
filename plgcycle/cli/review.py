"""The facilitator's commands: ``review``, ``agenda`` and ``report``.

Each reads export files (or folders of them) and never opens a database, so a
facilitator's own data is never touched.  The Textual UI is imported only by
``review`` and ``agenda --edit``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidInput, PlgError
from ..i18n import N_, _
from .common import (
    DATE,
    UsageArgument,
    _lang,
    _today,
    command,
    confirm_output,
    echo,
    option,
    refuse_own_file,
)


def stalled_options(func):
    """--since, --stalled-days and --interval: when "no movement" starts."""
    func = option(
        "--interval",
        type=click.IntRange(1, 365),
        default=None,
        metavar="N",
        help=N_(
            "Days between meetings, to find the previous meeting from the next one (default 35)."
        ),
    )(func)
    func = option(
        "--stalled-days",
        "stalled_days",
        type=click.IntRange(1, 3650),
        default=None,
        metavar="N",
        help=N_("Call a question without movement after N days without change."),
    )(func)
    func = option(
        "--since",
        type=DATE,
        default=None,
        metavar="DD-MM-YYYY",
        help=N_(
            "Call a question without movement when nothing changed since this "
            "date (default: the previous meeting)."
        ),
    )(func)
    return func


def files_argument(func):
    return click.argument(
        "files",
        nargs=-1,
        required=True,
        metavar="FILE...",
        cls=UsageArgument,
        type=click.Path(path_type=Path),
    )(func)


def _confirmations(ctx) -> dict[str, str]:
    """The keys whose check code was compared (``plgcycle confirm``), from the database.

    The database named with --db or PLGCYCLE_DB, else the default one, when it exists;
    it is read read-only (never locked or changed): the review itself is built from
    the files alone.
    """
    from ..dbfile import database_path

    path = database_path((ctx.obj or {}).get("db"))
    if not path.is_file():
        return {}
    from ..store import Store

    try:
        with Store(path, readonly=True) as store:
            return {**store.keys("confirmed"), **store.keys("accepted")}
    except PlgError as error:
        echo(_("Confirmed check codes not read: {reason}").format(reason=error), err=True)
        return {}


def _overview(ctx, files, since, stalled_days, interval, *, quiet: bool = False):
    """The overview of ``files``; the file remarks go to stderr unless ``quiet``."""
    from ..review import DEFAULT_INTERVAL, StalledRule, build_overview, load_exports

    if since is not None and stalled_days is not None:
        raise InvalidInput(_("Use either --since or --stalled-days, not both."))
    today = _today(ctx)
    rule = StalledRule(since, stalled_days, interval or DEFAULT_INTERVAL).validate(today)
    data = load_exports(files, confirmations=_confirmations(ctx))
    for line in () if quiet else data.notices():  # what was left out, one line per file
        echo(line, err=True)
    return data, rule, today, build_overview(data, today, rule)


# --- review ---------------------------------------------------------------------------------------


@command(
    help=N_(
        "Review the PLG: open the exports of the teachers (files or folders) "
        "read-only, without touching your own database."
    )
)
@files_argument
@stalled_options
@click.pass_context
def review(ctx: click.Context, files, since, stalled_days, interval) -> None:
    data, rule, today, overview = _overview(ctx, files, since, stalled_days, interval)
    if not overview.rows:
        raise InvalidInput(_("These files hold no learning questions to review."))
    from screens.start import run_review  # deferred: the UI loads only when it is used

    from ..dbfile import database_path

    run_review(
        data.records,
        lang=_lang(ctx),
        today=today,
        files=data.files,
        rule=rule,
        data=data,
        keys_db=database_path((ctx.obj or {}).get("db")),
    )


# --- agenda ---------------------------------------------------------------------------------------


@command(
    help=N_(
        "Propose an agenda for the next meeting (stand-up, explore, condense, "
        "make, retro) from the teachers' exports, as Markdown."
    )
)
@files_argument
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=N_("Write the agenda to this Markdown file instead of showing it."),
)
@option(
    "--minutes",
    type=click.IntRange(30, 600),
    default=120,
    show_default=True,
    help=N_("Length of the meeting in minutes."),
)
@option("--edit", is_flag=True, help=N_("Open the agenda in the app to edit and export it."))
@option("--yes", is_flag=True, help=N_("Replace the output file without asking (for scripts)."))
@stalled_options
@click.pass_context
def agenda(
    ctx: click.Context, files, output, minutes, edit, yes, since, stalled_days, interval
) -> None:
    from ..agenda_proposal import proposal_context, propose
    from ..groupview import group_view

    refuse_own_file(ctx, output)
    data, rule, today, overview = _overview(ctx, files, since, stalled_days, interval, quiet=edit)
    context = proposal_context(group_view(data.records, None, today), data.records)
    proposal = propose(overview, total=minutes, context=context)
    if proposal.over_warning() and not edit:
        echo(proposal.over_warning(), err=True)
    if edit:
        try:
            _edit_agenda(ctx, proposal, output, today, data.notices())
        finally:  # shown in the app, and here once it has closed (not hidden behind it)
            for line in data.notices():
                echo(line, err=True)
        return
    text = proposal.to_markdown()
    if output is None:
        click.echo(text, nl=False)
        return
    confirm_output(ctx, output, yes)
    _write(output, text)
    echo(_("Agenda written to {path}.").format(path=output))


def _edit_agenda(ctx, proposal, output: Path | None, today, notices: list[str]) -> None:
    """``agenda --edit``: what was edited is written (or was thrown away on purpose).

    The app asks before leaving with changes.  What it did not write (it was closed
    some other way, or -o was given and nothing was saved there) is written here: to
    the -o file, or to a new file in the current folder; the line printed says which.
    When even that fails, the agenda goes to standard output and the exit code is
    not zero.
    """
    from screens.start import run_agenda  # deferred: the UI loads only when it is used

    outcome = run_agenda(proposal, lang=_lang(ctx), today=today, path=output, notices=notices)
    if outcome.discarded:
        echo(_("The changes to the agenda were discarded; nothing was written."))
        return
    saved_to = outcome.saved_to
    if not outcome.unsaved and (saved_to is not None or output is None):
        echo(
            _("Agenda written to {path}.").format(path=saved_to)
            if saved_to
            else _("The agenda was not changed; nothing was written.")
        )
        return
    target = output or _free_name(
        Path.cwd()
        / _("agenda-{date}.md").format(date=(outcome.agenda.meeting or today).isoformat())
    )
    text = outcome.agenda.to_markdown()
    try:
        _write(target, text)
    except PlgError:
        click.echo(text, nl=False)  # nothing is lost: the agenda is on the screen
        raise
    echo(_("Agenda written to {path}.").format(path=target))


def _free_name(path: Path) -> Path:
    """``path``, or the first of ``name-2.md``, ``name-3.md``... that does not exist yet."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


# --- report ---------------------------------------------------------------------------------------


@command(
    help=N_(
        "Write a progress report for the meeting or the team leader: Markdown, "
        "HTML (one file that prints well) or CSV (one row per question round)."
    )
)
@files_argument
@option(
    "--format",
    "fmt",
    type=click.Choice(("md", "html", "csv")),
    default=None,
    help=N_("md, html or csv (default: from the file name of -o, else md)."),
)
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=N_("Write the report to this file instead of showing it."),
)
@option(
    "--profile",
    type=click.Choice(("full", "progress")),
    default="full",
    show_default=True,
    help=N_(
        "progress: for the team leader, figures only (steps, try-outs, attendance, counts of "
        "agreements and group actions, the points for the team leader), no content."
    ),
)
@option("--yes", is_flag=True, help=N_("Replace the output file without asking (for scripts)."))
@stalled_options
@click.pass_context
def report(
    ctx: click.Context, files, fmt, output, profile, yes, since, stalled_days, interval
) -> None:
    from .. import report as reports

    refuse_own_file(ctx, output)
    if profile == "progress":
        _progress_report(ctx, files, fmt, output, yes)
        return
    _data, _rule, _today_, overview = _overview(ctx, files, since, stalled_days, interval)
    fmt = reports.format_for(output, fmt)
    if output is None:
        click.echo(reports.render(overview, fmt), nl=False)
        return
    confirm_output(ctx, output, yes)
    reports.write_report(overview, fmt, output)
    echo(_("Report written to {path}.").format(path=output))


def _progress_report(ctx, files, fmt, output, yes) -> None:
    """``report --profile progress``: the team leader's report, Markdown or HTML."""
    from .. import report as reports
    from .. import report_progress
    from ..review import load_exports

    fmt = reports.format_for(output, fmt)
    if fmt not in report_progress.FORMATS:
        raise InvalidInput(
            _("The progress report is written as md or html, not as {fmt}.").format(fmt=fmt)
        )
    data = load_exports(files, confirmations=_confirmations(ctx))
    for line in data.notices():
        echo(line, err=True)
    text = report_progress.render(report_progress.build(data.records, _today(ctx)), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    confirm_output(ctx, output, yes)
    _write(output, text)
    echo(_("Report written to {path}.").format(path=output))


def _write(path: Path, text: str) -> None:
    from ..outputs import write_text

    write_text(path, text)
