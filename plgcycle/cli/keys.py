"""``plgcycle confirm``: remember that a colleague's controlecode was compared in person.

The keys come from the database (the colleagues whose work arrived), from the
files or folders named, and from the shared folder when one is set; the match is
in :mod:`plgcycle.confirming`.  The review (``plgcycle review``) then shows the
colleague as confirmed.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_
from .common import UsageArgument, _db, command, db_option, say_confirmed


@command(
    help=N_(
        "Confirm a colleague's key after comparing the check code with them, at a meeting: "
        "NAME is their name, CODE the check code they read from their profile. FILES "
        "(optional): export files or folders to take the key from; the shared folder is "
        "read anyway. The review then shows them as confirmed."
    )
)
@db_option
@click.argument("name", cls=UsageArgument)
@click.argument("code", cls=UsageArgument)
@click.argument("files", nargs=-1, cls=UsageArgument, type=click.Path(path_type=Path))
@click.pass_context
def confirm(ctx: click.Context, db: Path | None, name: str, code: str, files) -> None:
    from .. import share as sharing
    from ..confirming import confirm as match
    from ..model import PERSON
    from ..review import load_exports
    from ..store import Store

    with Store(_db(ctx, db)) as store:
        pins, accepted = store.keys("pins"), store.keys("accepted")
        keys = {**pins, **accepted}
        names = {r.id: r.text("name") for r in store.list() if r.kind == PERSON and not r.deleted}
        paths = list(files)
        config = sharing.config_from(store.setting)
        if config is not None and config.folder.is_dir():
            paths.append(config.folder)
        if paths:
            data = load_exports(paths, pins=pins, accepted=accepted)
            if data.trust is not None:
                keys = {**data.trust.keys, **keys}
                names = {**data.trust.names, **names}
        if store.me:
            keys.pop(store.me, None)  # one's own key needs no confirming
        found = match(name, code, keys, names)
        store.set_keys("confirmed", {**store.keys("confirmed"), found.person: found.key})
    say_confirmed({found.person: found.key}, {found.person: found.name})
