"""The commands ``export``, ``import`` and ``merge`` (registered in :mod:`plgcycle.cli.group`).

They stay thin: reading, validating, planning and writing live in
:mod:`plgcycle.exchange`; here options are parsed, the preview and the summary
are printed and the user confirms.  Every file is validated before the
database is opened, so a bad file never changes anything.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ExchangeError, InvalidInput
from ..i18n import N_, _
from .common import (
    _db,
    _today,
    accept_key_option,
    ask_yes_no,
    command,
    confirm_output,
    db_option,
    echo,
    option,
    refuse_own_file,
    say_confirmed,
)


def _expand(paths: tuple[Path, ...], skip: Path | None = None) -> list[Path]:
    from ..exchange import expand_export_paths

    return expand_export_paths(paths, skip)


def _read_all(paths: list[Path], nothing: str):
    from ..exchange import read_exports

    try:
        return read_exports(paths)
    except ExchangeError as exc:
        raise ExchangeError(f"{exc}\n{nothing}") from None


def _print_summary(plan) -> None:
    from ..exchange import summary_lines

    for indent, line in summary_lines(plan):
        echo("  " * indent + line)


def _confirm_or_stop(ctx: click.Context, question: str, yes: bool, stopped: str) -> None:
    if yes:
        return
    if not ask_yes_no(question):
        click.echo(stopped)
        ctx.exit(1)


# --- export ------------------------------------------------------------------------------------


@command(
    "export",
    help=N_(
        "Write your own work to a file to share with colleagues. Private "
        "notes stay on this computer; you see what is shared first."
    ),
)
@db_option
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=N_("File to write, or a folder for it (default: a dated name in the current folder)."),
)
@option(
    "--profile",
    type=click.Choice(("full", "progress")),
    default="full",
    help=N_(
        "full (default) or progress: only questions, steps, dates, decisions and "
        "feedback counts, for a team leader."
    ),
)
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation (for scripts)."))
@click.pass_context
def export_command(
    ctx: click.Context, db: Path | None, output: Path | None, profile: str, yes: bool
) -> None:
    from ..errors import DatabaseLocked
    from ..exchange import default_export_name, export_to, prepare_export
    from ..outputs import check_output
    from ..ownkey import ensure_key
    from ..store import Store

    with Store(_db(ctx, db), readonly=True) as store:
        me = store.me
        person = store.get(me) if me else None
        if me is None or person is None:
            raise InvalidInput(
                _(
                    "There is no teacher in {path} yet: start plgcycle once and enter "
                    "your name, then export."
                ).format(path=store.path)
            )
        records = store.list(include_deleted=True)
        path = store.path
    preview = prepare_export(records, me, profile)
    name = default_export_name(person.text("name"), _today(ctx), profile)
    target = output.expanduser() if output else Path.cwd() / name
    if target.is_dir():
        target = target / name
    check_output(target, extra=[path])  # never the database it was read from, nor its files
    _show_preview(preview, target)
    _confirm_or_stop(ctx, _("Write this file?"), yes, _("Nothing was exported."))
    # Confirmed: a database made before signing gets its key now, named in the profile. With
    # the app open on it, a key already named is used; else the message says to close it.
    try:
        opened = Store(path)
    except DatabaseLocked:
        opened = Store(path, readonly=True)
    with opened as store:
        key = ensure_key(store)
        person = store.get(me) or person
        preview = prepare_export(store.list(include_deleted=True), me, profile)
    written = export_to(target, preview, person, source=path, key=key)
    echo(
        _(
            "Written: {path} ({n} records). Send it to your colleagues; they import it "
            "with i in plgcycle, or with plgcycle import."
        ).format(path=written, n=preview.total)
    )


def _show_preview(preview, target: Path) -> None:
    click.echo(_("This export will contain:"))
    for line in preview.lines():
        echo("  " + line)
    echo(_("File: {path}").format(path=target))
    if target.exists():
        echo(_("{path} already exists and will be replaced.").format(path=target.name))


# --- import ------------------------------------------------------------------------------------


@command(
    "import",
    help=N_(
        "Add colleagues' export files (or folders of them) to your "
        "database. Your own work is never changed."
    ),
)
@db_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@option("--dry-run", is_flag=True, help=N_("Only show what would change; write nothing."))
@accept_key_option
@click.pass_context
def import_command(
    ctx: click.Context,
    db: Path | None,
    files: tuple[Path, ...],
    dry_run: bool,
    accept: tuple[str, ...],
) -> None:
    from ..exchange import (
        accept_hint,
        apply_plan,
        keys_to_accept,
        keys_to_confirm,
        plan_import_into,
    )
    from ..store import Store

    if not files:
        raise InvalidInput(_("Name at least one export file or folder to import."))
    exports = _read_all(_expand(files), _("Nothing was imported; your database is unchanged."))
    with Store(_db(ctx, db), readonly=dry_run) as store:
        plan = plan_import_into(store, exports)
        confirmed: dict[str, str] = {}
        if accept:
            changes = keys_to_accept(plan, accept)
            confirmed = {**keys_to_confirm(plan, accept), **changes}
            plan = plan_import_into(store, exports, accepted=changes)
        if not dry_run:
            with store.batch():
                apply_plan(store, plan)
                if confirmed:  # compared with the colleague: the review shows them confirmed
                    store.set_keys("confirmed", {**store.keys("confirmed"), **confirmed})
        shown = store.path
    _print_summary(plan)
    for line in accept_hint(plan):
        echo(line)
    say_confirmed(confirmed, plan.names)
    if dry_run:
        click.echo(
            _(
                "Would add {added} and update {updated} records; nothing was saved (--dry-run)."
            ).format(added=plan.added, updated=plan.updated)
        )
    elif plan.changes:
        echo(
            _("Imported into {path}: {added} new, {updated} updated.").format(
                path=shown, added=plan.added, updated=plan.updated
            )
        )
    else:
        click.echo(_("Nothing new; your database is unchanged."))


# --- merge -------------------------------------------------------------------------------------


@command(
    "merge",
    help=N_(
        "Merge export files (or folders of them) into one file, for a "
        "subgroup or a facilitator. No database is touched."
    ),
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=N_("The merged file to write (required)."),
)
@option("--yes", is_flag=True, help=N_("Replace the output file without asking."))
@click.pass_context
def merge_command(
    ctx: click.Context, files: tuple[Path, ...], output: Path | None, yes: bool
) -> None:
    from ..exchange import MAX_FILE_BYTES, encode, merged_envelope, plan_merge, write_export

    if not files:
        raise InvalidInput(_("Name at least one export file or folder to merge."))
    if output is None:
        raise InvalidInput(_("Say where the merged file goes: -o FILE."))
    output = output.expanduser()
    if output.is_dir():
        raise InvalidInput(
            _("{path} is a folder; give a file name for the merged file.").format(path=output)
        )
    refuse_own_file(ctx, output)
    exports = _read_all(_expand(files, skip=output.resolve()), _("Nothing was written."))
    plan = plan_merge(exports)
    env = merged_envelope(exports, plan)
    payload = encode(env)
    if len(payload) > MAX_FILE_BYTES:
        raise ExchangeError(
            _(
                "The merged file would be larger than {limit} MB, too big to import "
                "later; merge fewer files."
            ).format(limit=MAX_FILE_BYTES // 2**20)
        )
    _print_summary(plan)
    confirm_output(ctx, output, yes)
    write_export(output, env, payload)
    echo(
        ngettext_files(len(exports)).format(
            n=len(exports), path=output, records=len(env["records"])
        )
    )


def ngettext_files(n: int) -> str:
    from ..i18n import ngettext

    return ngettext(
        "Merged {n} file into {path}: {records} records.",
        "Merged {n} files into {path}: {records} records.",
        n,
    )
