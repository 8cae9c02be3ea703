"""Setting up a teacher and the PLG's shared folder: ``init``, ``share`` and ``sync``.

``init`` makes a teacher's database without the app (for a school's IT or a script);
``share FOLDER`` sets the shared folder once, after showing what it will receive;
``sync`` does what the app does on start and on request: read colleagues' files there
and write the teacher's own.  The work is in :mod:`plgcycle.share`.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import DatabaseLocked, InvalidInput
from ..i18n import N_, _
from .common import (
    UsageArgument,
    _db,
    accept_key_option,
    ask_yes_no,
    command,
    db_option,
    echo,
    option,
    say_confirmed,
)


def _no_teacher(path) -> InvalidInput:
    return InvalidInput(
        _(
            "There is no teacher in {path} yet: run plgcycle init --name NAME, or start "
            "plgcycle once and enter your name."
        ).format(path=path)
    )


def _open(path: Path | None, *, writable: bool = True, create: bool = False):
    """The database for writing; with ``writable=False`` read-only when another window has it.

    Only ``init`` (``create``) makes a database that is not there yet.
    """
    from ..dbfile import database_path
    from ..store import Store

    if not create and not database_path(path).exists():
        raise _no_teacher(database_path(path))
    try:
        return Store(path)
    except DatabaseLocked:
        if writable:
            raise
        return Store(path, readonly=True)


def _teacher(store):
    person = store.get(store.me) if store.me else None
    if person is None:
        raise _no_teacher(store.path)
    return person


def _preview(own, folder: Path, name: str) -> None:
    echo(_("Your file in the shared folder: {path}").format(path=folder / name))
    click.echo(_("This file will contain:"))
    for line in own.preview.lines():
        echo("  " + line)


def _sync(
    ctx: click.Context, store, config, yes: bool, *, ask: bool = True, accept: tuple[str, ...] = ()
) -> None:
    """Read colleagues' changed files, take them in, write the own file; print what happened.

    ``accept``: colleagues whose new key the teacher accepts (or, for a key in use,
    confirms) after comparing the check code, as ``plgcycle import --accept-key``.
    """
    from .. import share
    from ..exchange import accept_hint, keys_to_accept, keys_to_confirm

    run = share.Sync(config, store.path, store.me, store.shared_records())
    run.look()
    pins, accepted = store.keys("pins"), store.keys("accepted")
    plan = run.planned(store.shared_records(), pins=pins, accepted=accepted)
    confirmed: dict[str, str] = {}
    if accept:
        if store.readonly:
            raise InvalidInput(
                _(
                    "{path} is open in another plgcycle window: accept the key there. "
                    "Nothing was changed."
                ).format(path=store.path)
            )
        if plan is None:
            raise InvalidInput(
                _(
                    "{name}: the shared folder brings no other key for that colleague, so "
                    "there is nothing to accept. Nothing was changed."
                ).format(name=accept[0])
            )
        changes = keys_to_accept(plan, accept)
        confirmed = {**keys_to_confirm(plan, accept), **changes}
        plan = run.planned(store.shared_records(), pins=pins, accepted={**accepted, **changes})
    if not store.readonly:
        with store.batch():
            run.apply(store)
            if confirmed:  # compared with the colleague: the review shows them confirmed
                store.set_keys("confirmed", {**store.keys("confirmed"), **confirmed})
    scan = run.scan
    assert scan is not None
    echo(_("Shared folder: {folder}").format(folder=config.folder))
    click.echo(
        _("Colleagues' files: {n} in the folder, {read} read now.").format(
            n=scan.exports, read=len(scan.files)
        )
    )
    echo(run.news() or _("Nothing new from colleagues."))
    for notice in scan.notices + run.warnings():
        echo("  " + notice)
    if plan is not None:
        for line in accept_hint(plan, sync=True):
            echo(line)
    if plan is not None:
        say_confirmed(confirmed, plan.names)
    if not store.readonly:
        from ..ownkey import ensure_key

        ensure_key(store)  # the own file is signed: a database from before gets its key here
    new = run.prepare(store.shared_records())
    if new:
        echo(_("Your file would now also hold: {list}.").format(list=", ".join(new)))
        _preview(run.own, config.folder, config.file_name)
        if store.readonly:
            echo(
                _(
                    "Your file in the shared folder was not updated: agree to this in the "
                    "plgcycle window that has the database open (s on Home)."
                )
            )
            run.own = None  # what was read is still kept
            run.write()
            ctx.exit(1)
        if ask and not yes and not ask_yes_no(_("Share this in the shared folder?")):
            echo(_("Your file in the shared folder was not updated; colleagues' work was read."))
            run.own = None
            run.write()
            ctx.exit(1)
        store.set_setting(share.SCOPE_SETTING, run.agreed())
    if run.write():
        echo(_("Your file {name} is written.").format(name=config.file_name))
    else:
        echo(_("Your file {name} was up to date.").format(name=config.file_name))


# --- share -----------------------------------------------------------------------------------


@command(
    help=N_(
        "Set the shared folder of your PLG (OneDrive, Google Drive, Nextcloud, Syncthing...): "
        "your work is written there and colleagues' work read from it. Without FOLDER: "
        "show where you share."
    )
)
@db_option
@click.argument("folder", required=False, cls=UsageArgument, type=click.Path(path_type=str))
@option("--off", is_flag=True, help=N_("Stop sharing through the folder."))
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation (for scripts)."))
@click.pass_context
def share(ctx: click.Context, db: Path | None, folder: str | None, off: bool, yes: bool) -> None:
    from .. import share as sharing

    if off and folder is not None:
        raise InvalidInput(_("Give a folder or --off, not both."))
    if folder is None and not off:
        from ..store import Store

        with Store(_db(ctx, db), readonly=True) as store:
            config = sharing.config_from(store.setting)
        if config is None:
            click.echo(_("No shared folder yet. Set one with: plgcycle share FOLDER"))
        else:
            echo(_("Shared folder: {folder}").format(folder=config.folder))
            echo(_("Your file there: {name}").format(name=config.file_name))
        return
    with _open(_db(ctx, db)) as store:
        if off:
            config = sharing.config_from(store.setting)
            if config is None:
                click.echo(_("No shared folder was set; nothing changed."))
                return
            with store.batch():
                for key, value in sharing.STOP_SETTINGS.items():
                    store.set_setting(key, value)
            echo(
                _(
                    "Sharing stopped. Your file {name} stays in {folder}; delete it there if "
                    "colleagues should no longer read it."
                ).format(name=config.file_name, folder=config.folder)
            )
            return
        assert folder is not None
        person = _teacher(store)
        target = sharing.check_folder(os.path.expanduser(folder), store.path)
        if not store.readonly:
            from ..ownkey import ensure_key

            ensure_key(store)  # what the preview shows is what is signed and shared
            person = _teacher(store)
        own = sharing.prepare_own(store.shared_records(), person.id)
        assert own is not None
        name = store.setting(sharing.FILE_SETTING) or sharing.own_file_name(person)
        _preview(own, target, name)
        click.echo(
            _(
                "Everyone with access to this folder can read it. From now on plgcycle keeps "
                "it up to date and reads your colleagues' files there."
            )
        )
        if not yes and not ask_yes_no(_("Share your work in this folder?")):
            click.echo(_("Nothing was changed."))
            ctx.exit(1)
        old = sharing.config_from(store.setting)
        scope = own.scope if old is None or old.folder != target else old.scope
        with store.batch():
            for key, value in sharing.share_settings(
                target, name, sharing.merged_scope(scope, own.scope)
            ).items():
                store.set_setting(key, value)
        config = sharing.config_from(store.setting)
        _sync(ctx, store, config, yes=True)


# --- sync ------------------------------------------------------------------------------------


@command(
    help=N_(
        "Read your colleagues' work from the shared folder and write yours there (the app "
        "does this on start and with s on Home)."
    )
)
@db_option
@option(
    "--yes",
    is_flag=True,
    help=N_("Share without asking when your file would hold something new (for scripts)."),
)
@accept_key_option
@click.pass_context
def sync(ctx: click.Context, db: Path | None, yes: bool, accept: tuple[str, ...]) -> None:
    from .. import share as sharing

    with _open(_db(ctx, db), writable=False) as store:
        _teacher(store)
        config = sharing.config_from(store.setting)
        if config is None:
            raise InvalidInput(_("No shared folder yet. Set one with: plgcycle share FOLDER"))
        if store.readonly:
            echo(
                _(
                    "{path} is open in another plgcycle window: colleagues' work is read but "
                    "not saved here (that window takes it in)."
                ).format(path=store.path)
            )
        _sync(ctx, store, config, yes, accept=accept)


# --- init ------------------------------------------------------------------------------------


def _check_length(label: str, value: str | None, limit: int = 200) -> None:
    if value is not None and len(value) > limit:
        raise InvalidInput(
            _("{field} — {problem}").format(
                field=_(label),
                problem=_("Too long: at most {n} characters (now {count}).").format(
                    n=limit, count=len(value)
                ),
            )
        )


@command(
    help=N_(
        "Set up a teacher's database without the app (for a school's IT or a script): "
        "the name, and optionally school, subject, PLG, subgroup and the shared folder."
    )
)
@db_option
@option(
    "--name", default=None, metavar="NAME", help=N_("The teacher's name, as colleagues know them.")
)
@option("--school", default=None, help=N_("School or location."))
@option("--subject", default=None, help=N_("Subject taught."))
@option("--plg", default=None, help=N_("The PLG's name."))
@option("--subgroup", default=None, help=N_("The subgroup of 3-4 colleagues."))
@option(
    "--share",
    "share_folder",
    type=click.Path(path_type=str),
    default=None,
    metavar="FOLDER",
    help=N_("The PLG's shared folder (see plgcycle share)."),
)
@click.pass_context
def init(
    ctx: click.Context,
    db: Path | None,
    name: str | None,
    school: str | None,
    subject: str | None,
    plg: str | None,
    subgroup: str | None,
    share_folder: str | None,
) -> None:
    from .. import cycle
    from .. import share as sharing
    from ..dbfile import database_path

    if not name or not name.strip():
        raise InvalidInput(_("Give the teacher's name: plgcycle init --name NAME"))
    fields = {"school": school, "subject": subject, "plg": plg, "subgroup": subgroup}
    labels = {"school": N_("School"), "subject": N_("Subject"), "plg": N_("PLG name")}
    _check_length(N_("Name"), name)
    for key, value in fields.items():
        _check_length(labels.get(key, N_("Subgroup")), value)
    person = cycle.new_person(name, **{k: v.strip() for k, v in fields.items() if v and v.strip()})
    path = database_path(_db(ctx, db))
    target = (
        sharing.check_folder(os.path.expanduser(share_folder), path)
        if share_folder is not None
        else None
    )
    with _open(path, create=True) as store:
        if store.me is not None or len(store):
            who = store.get(store.me) if store.me else None
            raise InvalidInput(
                _(
                    "{path} already holds a teacher ({name}); nothing was changed. Choose "
                    "another file with --db."
                ).format(path=store.path, name=who.text("name") if who else "?")
            )
        store.create_me(person)
        echo(
            _("Teacher {name} set up in {path}.").format(name=person.text("name"), path=store.path)
        )
        if target is None:
            return
        own = sharing.prepare_own(store.shared_records(), person.id)
        assert own is not None
        file_name = sharing.own_file_name(person)
        _preview(own, target, file_name)
        with store.batch():
            for key, value in sharing.share_settings(target, file_name, own.scope).items():
                store.set_setting(key, value)
        config = sharing.config_from(store.setting)
        _sync(ctx, store, config, yes=False, ask=False)
