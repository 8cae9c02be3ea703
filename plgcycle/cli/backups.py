"""``restore``: put one of the database's backups back, after showing them and asking.

Which backups exist and what they hold is :mod:`plgcycle.backups`; here they
are listed, one is chosen (``--pick``, a question, or the newest usable one)
and the swap is confirmed.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidInput, PlgError
from ..i18n import N_, _, format_date, ngettext
from .common import _db, ask_yes_no, command, db_option, echo, option

# --- restore --------------------------------------------------------------------------------


def _backup_text(info) -> str:
    """``23 nov 2026 09:00 (12 records)``: when the backup was made and what it holds."""
    made = info.backup.made.astimezone()  # named in UTC, shown in the local time
    if not info.usable:
        what = _("damaged, cannot be restored")
    else:
        what = ngettext("{n} record", "{n} records", info.records).format(n=info.records)
    return f"{format_date(made)} {made:%H:%M} ({what})"


def _backup_line(info) -> str:
    return f"{info.number:>3}.  {_backup_text(info)}"


@command(
    help=N_(
        "Put a backup back after the database was damaged or something went wrong. "
        "plgcycle keeps the last few distinct states (--list shows them)."
    )
)
@db_option
@option(
    "--list",
    "show",
    is_flag=True,
    help=N_("Only list the backups, with date and number of records; change nothing."),
)
@option(
    "--pick",
    type=click.IntRange(1),
    default=None,
    metavar="N",
    help=N_("Restore backup number N of the list (1 is the newest)."),
)
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@click.pass_context
def restore(ctx: click.Context, db: Path | None, show: bool, pick: int | None, yes: bool) -> None:
    from ..backups import describe_backups, restore_backup, restore_missing_key
    from ..store import database_path

    path = database_path(_db(ctx, db))
    infos = describe_backups(path)
    if not infos:
        raise PlgError(_("There is no backup of {path}.").format(path=path))
    if show:
        echo(_("Backups of {path} (newest first):").format(path=path))
        for info in infos:
            click.echo(_backup_line(info))
        return
    usable = [info for info in infos if info.usable]
    if pick is not None:
        chosen = next((info for info in infos if info.number == pick), None)
        if chosen is None:
            raise InvalidInput(
                _("There is no backup number {n}; plgcycle restore --list shows them.").format(
                    n=pick
                )
            )
        if not chosen.usable:
            raise PlgError(
                _(
                    "Backup number {n} is damaged; choose another one (plgcycle restore --list "
                    "shows them)."
                ).format(n=pick)
            )
    elif not usable:
        raise PlgError(
            _("Every backup of {path} is damaged; nothing was changed.").format(path=path)
        )
    elif len(infos) > 1 and not yes:
        chosen = _ask_backup(ctx, path, infos, usable[0])
    else:
        chosen = usable[0]
    line = _backup_text(chosen)
    if not yes and not ask_yes_no(
        _("Replace {path} by the backup of {backup}? The current file is kept beside it.").format(
            path=path, backup=line
        )
    ):
        click.echo(_("Nothing was changed."))
        ctx.exit(1)
    kept, restored = restore_backup(path, backup=chosen.backup.path)
    try:
        key = restore_missing_key(restored)
    except PlgError as exc:  # the database is back; say what became of the key
        key = None
        echo(_("The signing key was not put back: {reason}").format(reason=exc))
    if kept is None:
        echo(_("The backup of {backup} is back in {path}.").format(backup=line, path=restored))
    else:
        echo(
            _(
                "The backup of {backup} is back in {path}; the previous file is kept as {kept}."
            ).format(backup=line, path=restored, kept=kept)
        )
    if key is not None:
        echo(_("Your signing key is back too: {path}.").format(path=key))


def _ask_backup(ctx: click.Context, path: Path, infos, default):
    """Show the backups and ask which one; the newest usable one is the default."""
    echo(_("Backups of {path} (newest first):").format(path=path))
    for info in infos:
        click.echo(_backup_line(info))
    while True:
        try:
            answer = click.prompt(
                _("Which backup? Type its number"), default=str(default.number), prompt_suffix=": "
            )
        except click.Abort:
            click.echo()
            echo(_("Nothing was changed."))
            ctx.exit(1)
        answer = answer.strip()
        chosen = next((i for i in infos if answer.isdigit() and i.number == int(answer)), None)
        if chosen is not None and chosen.usable:
            return chosen
        if chosen is not None:
            echo(_("That backup is damaged; choose another one."))
        else:
            echo(_("Type a number from the list."))
