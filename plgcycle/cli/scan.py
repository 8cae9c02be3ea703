"""The school scan from the command line: ``scan open/close`` (the facilitator), ``scan answer``
(every member), ``scan show`` and ``scan report`` (the group figures, never one person's).

``scan answer`` without ``--now``/``--desired`` asks statement by statement; Enter keeps
the answer given before, so it can be left and resumed until the round closes.  The rules
are in the core (:mod:`plgcycle.scan_session`, :mod:`plgcycle.scan_rounds`).
"""

from __future__ import annotations

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

ROLE_WORDS = {
    "docent": "teacher",
    "teacher": "teacher",
    "leraar": "teacher",
    "leidinggevende": "leader",
    "leader": "leader",
    "schoolleider": "leader",
}
SKIP, DONT_KNOW_WORDS = "-", ("?", "w", "weet ik niet", "dont_know", "don't know")


@click.group(
    "scan",
    cls=Group,
    help=N_("The school scan De school als PLG: open a round, answer, see the group figures."),
)
def scan_group() -> None:
    pass


def _round(session, moment: int | None):
    access = session.group.scan
    rounds = access.rounds().rounds
    if moment is not None:
        found = next((r for r in rounds if int(r.data.get("moment") or 0) == moment), None)
        if found is None:
            raise InvalidInput(_("The scan has no moment {n}.").format(n=moment))
        return found
    found = access.last()
    if found is None:
        raise InvalidInput(
            _("There is no scan round yet; the facilitator opens one with plgcycle scan open.")
        )
    return found


def moment_option(func):
    return option(
        "--moment",
        type=click.IntRange(1, 9),
        default=None,
        help=N_("Which moment of the scan (1, 2, 3); default: the open or latest one."),
    )(func)


@command(
    "open", help=N_("Open a scan round (the facilitator): everyone can answer until it closes.")
)
@click.argument("label", cls=UsageArgument)
@option("--closes", type=DATE, required=True, help=N_("The last day to answer (DD-MM-YYYY)."))
@option("--opens", type=DATE, default=None, help=N_("The first day to answer; default: today."))
@moment_option
@db_option
@click.pass_context
def scan_open(ctx, label, closes, opens, moment, db) -> None:
    from .. import scan_rounds

    with group_session(ctx, db) as session:
        saved = session.group.scan.open_round(label, closes, opens=opens, moment=moment)
        echo(
            _("Scan round “{label}” (moment {n}) is open until {date}.").format(
                label=scan_rounds.label(saved),
                n=saved.data["moment"],
                date=format_date(scan_rounds.closes_on(saved)),
            )
        )


@command("close", help=N_("Close a scan round now (the facilitator): then its figures appear."))
@moment_option
@db_option
@click.pass_context
def scan_close(ctx, moment, db) -> None:
    from .. import scan_rounds

    with group_session(ctx, db) as session:
        saved = session.group.scan.close_round(_round(session, moment))
        echo(_("Scan round “{label}” is closed.").format(label=scan_rounds.label(saved)))


def _pairs(values: tuple[str, ...]) -> dict:
    from .. import scan

    out: dict = {}
    for text in values:
        key, sep, value = text.partition("=")
        if not sep:
            raise InvalidInput(
                _(
                    "Write an answer as STATEMENT=VALUE, for example buy_in.1=4 (not {text})."
                ).format(text=text)
            )
        value = value.strip().casefold()
        out[key.strip()] = scan.DONT_KNOW if value in DONT_KNOW_WORDS else _number(value)
    return out


def _number(value: str):
    try:
        return int(value)
    except ValueError:
        return value  # the core names the statement and refuses it


def _role(text: str | None, earlier: str | None) -> str:
    if text is None:
        return earlier or "teacher"
    role = ROLE_WORDS.get(text.strip().casefold())
    if role is None:
        raise InvalidInput(_("A role is docent or leidinggevende (not {text}).").format(text=text))
    return role


def _ask(earlier) -> tuple[dict, dict]:
    """Statement by statement: 1 to 5, ? for don't know, - to leave out, Enter keeps."""
    from .. import scan

    now = dict(earlier.now) if earlier else {}
    desired = dict(earlier.desired) if earlier else {}
    echo(
        _(
            "For each statement: 1 (not at all true) to 5 (entirely true), ? for don't know, "
            "- to leave it out; Enter keeps what is shown."
        )
    )
    echo(scan.citation())
    for dim in scan.DIMENSIONS:
        echo("")
        echo(dim.label())
        for statement in dim.statements:
            echo("  " + statement.text())
            for answers, label in (
                (now, _("now")),
                (desired, _("desired")),
            ):
                shown = answers.get(statement.id)
                default = "?" if shown == scan.DONT_KNOW else str(shown or "")
                while True:
                    typed = click.prompt(
                        "    " + label, default=default, show_default=bool(default)
                    ).strip()
                    if typed == SKIP or typed == "":
                        answers.pop(statement.id, None)
                        break
                    if typed.casefold() in DONT_KNOW_WORDS:
                        answers[statement.id] = scan.DONT_KNOW
                        break
                    if typed in {"1", "2", "3", "4", "5"}:
                        answers[statement.id] = int(typed)
                        break
                    echo(_("Type 1 to 5, ? for don't know, or - to leave it out."), err=True)
    return now, desired


@command(
    "answer",
    help=N_(
        "Answer the open scan round: per statement now and desired, 1 to 5 or don't know. "
        "Without --now and --desired it asks statement by statement."
    ),
)
@option(
    "--role", default=None, help=N_("docent or leidinggevende (default: as before, or docent).")
)
@option("--now", "now", multiple=True, help=N_("STATEMENT=VALUE for the current situation."))
@option("--desired", multiple=True, help=N_("STATEMENT=VALUE for the desired situation."))
@db_option
@click.pass_context
def scan_answer(ctx, role, now, desired, db) -> None:
    with group_session(ctx, db) as session:
        access = session.group.scan
        scan_round = access.current()
        if scan_round is None:
            raise InvalidInput(_("No scan round is open now."))
        earlier = access.my_answers(scan_round)
        if now or desired:
            answers_now = dict(earlier.now) if earlier else {}
            answers_desired = dict(earlier.desired) if earlier else {}
            answers_now.update(_pairs(now))
            answers_desired.update(_pairs(desired))
        else:
            answers_now, answers_desired = _ask(earlier)
        chosen = _role(role, access.default_role(scan_round))
        access.answer(scan_round, chosen, answers_now, answers_desired)
        total = len({*answers_now, *answers_desired})
        echo(
            _(
                "Your answers are saved ({n} statements). You can change them until the round "
                "closes; only group figures of three or more people are ever shown."
            ).format(n=total)
        )


@command("show", help=N_("Show the scan's group figures (never one person's answers)."))
@moment_option
@db_option
@click.pass_context
def scan_show(ctx, moment, db) -> None:
    from .. import scan

    with group_session(ctx, db, writable=False) as session:
        access = session.group.scan
        scan_round = _round(session, moment)
        figures = access.figures()
        for line in scan.text_report(figures, scan_round.id):
            echo(line)
        mine = access.my_answers(scan_round)
        if mine is not None:
            echo("")
            echo(_("Your own answers (shown to you only), per part now → desired:"))
            for dim in scan.DIMENSIONS:
                now = scan.dimension_score(mine, dim.key, scan.NOW)
                desired = scan.dimension_score(mine, dim.key, scan.DESIRED)
                echo(
                    "  {label}: {now} → {desired}".format(
                        label=dim.label(),
                        now=scan.format_number(now) if now is not None else "–",
                        desired=scan.format_number(desired) if desired is not None else "–",
                    )
                )


@command(
    "report",
    help=N_("Write the scan's group figures: .html (spider chart and table), .md or .csv."),
)
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=N_("The file to write: .html, .md or .csv."),
)
@option("--yes", is_flag=True, help=N_("Replace the output file without asking (for scripts)."))
@option(
    "--mine",
    is_flag=True,
    help=N_("Add your own answers beside the group's (HTML; a copy for yourself only)."),
)
@moment_option
@db_option
@click.pass_context
def scan_report(ctx, output: Path, yes, mine, moment, db) -> None:
    from .. import scan
    from ..outputs import write_text

    suffix = output.suffix.casefold()
    if suffix not in {".html", ".htm", ".md", ".csv"}:
        raise InvalidInput(_("Write the scan as .html, .md or .csv."))
    with group_session(ctx, db, writable=False) as session:
        scan_round = _round(session, moment)
        figures = session.group.scan.figures()
        own = session.group.scan.my_answers(scan_round) if mine else None
    if mine and own is None:
        raise InvalidInput(_("--mine needs your own answers in this round."))
    if mine and suffix not in {".html", ".htm"}:
        raise InvalidInput(_("--mine writes an .html file."))
    confirm_output(ctx, output, yes)
    if suffix == ".csv":
        scan.write_csv(figures, output)
    elif suffix == ".md":
        write_text(output, "\n".join(scan.markdown_lines(figures, scan_round.id, level=1)) + "\n")
    else:
        write_text(output, scan.html_page(figures, scan_round.id, own=own))
    echo(_("Scan written to {path}.").format(path=output))


for _sub in (scan_open, scan_close, scan_answer, scan_show, scan_report):
    scan_group.add_command(_sub)
del _sub
