"""The ``plgcycle`` group and the one list of its commands.

Every command is defined in a module of its own area (:mod:`.teacher`,
:mod:`.backups`, :mod:`.exchange`, :mod:`.share`, :mod:`.review`) and registered here, in
:data:`COMMANDS`, and nowhere else; a test checks that no command defined in
the package is missing from it.  The command modules never import this one.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..i18n import LANGUAGES, N_, detect_language, set_language
from . import backups, exchange, keys, meeting, plg, review, scan, share, teacher, values
from .click_texts import translate_click
from .common import Group, Option, db_option, option

translate_click()  # click's own messages ("Try ... for help.") follow --lang too


@click.group(
    cls=Group,
    invoke_without_command=True,
    help=N_(
        "plgcycle: your learning question and the five-step improvement cycle of "
        "your PLG. Without a command it starts the app."
    ),
)
@db_option
@option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    is_eager=True,
    callback=lambda ctx, param, value: set_language(value) if value else None,
    expose_value=True,
    help=N_("Language: nl (default) or en. Also PLGCYCLE_LANG."),
)
@click.version_option(
    __version__,
    "--version",
    prog_name="plgcycle",
    cls=Option,
    help=N_("Show the version and exit."),
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str | None) -> None:
    set_language(detect_language(lang))
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["lang"] = lang
    if ctx.invoked_subcommand is None:
        from screens.start import run  # deferred: the UI loads only when it is used

        run(db_path=db, lang=detect_language(lang))


COMMANDS: tuple[click.Command, ...] = (
    teacher.status,
    share.init,
    teacher.demo,
    backups.restore,
    exchange.export_command,
    exchange.import_command,
    exchange.merge_command,
    share.share,
    share.sync,
    review.review,
    keys.confirm,
    review.agenda,
    review.report,
    values.values_command,
    plg.plg_group,
    meeting.meeting_group,
    plg.calendar,
    scan.scan_group,
)

for _command in COMMANDS:
    cli.add_command(_command)
del _command


def run(argv: list[str] | None = None) -> None:
    """Parse ``argv`` and run the command it names (the entry point hands over to this)."""
    cli.main(args=argv, prog_name="plgcycle")
