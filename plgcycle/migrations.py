"""The schema version of a database file, and turning an older file into the current one.

The version is kept in the file's metadata.  A newer file is refused untouched
(an older plgcycle cannot know what it holds); an older one is copied aside as
``<db>.schema<n>.bak`` and then migrated in memory, step by step, before the
store uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .dbfile import META_DOC_ID, META_TABLE
from .errors import DatabaseCorrupt, DatabaseTooNew, SaveFailed
from .files import atomic_write, describe_os_error
from .i18n import _

SCHEMA_VERSION = 1

# Migrations: MIGRATIONS[n] turns the raw tables of schema n into schema n + 1.
# Each runs on the raw dict TinyDB stores ({table: {doc_id: document}}).
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def stored_schema(tables: dict, existed: bool, path: Path) -> int:
    """The schema version of the tables read from ``path``; refuses a missing or newer one.

    A file without a version is of schema 0; no file yet is of the current one.
    """
    meta = (tables.get(META_TABLE) or {}).get(str(META_DOC_ID)) or {}
    version = meta.get("schema", SCHEMA_VERSION if not existed else 0)
    if not isinstance(version, int):
        raise DatabaseCorrupt(
            _("The database {path} has no valid schema version; it was not changed.").format(
                path=path
            ),
            str(path),
        )
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            _(
                "The database {path} was made by a newer plgcycle (schema {found}, this version "
                "knows {known}). Update plgcycle; the file was not changed."
            ).format(path=path, found=version, known=SCHEMA_VERSION)
        )
    return version


def keep_old_file(path: Path, version: int) -> None:
    """Copy the file of schema ``version`` aside before it is migrated.

    A real copy, not a hard link: a link would share the damage if something
    outside plgcycle ever wrote into the database file in place.
    """
    target = path.with_name(f"{path.name}.schema{version}.bak")
    try:
        atomic_write(target, path.read_bytes())
    except OSError as exc:
        raise SaveFailed(
            _("Cannot make a backup {path}: {reason}. Nothing was changed.").format(
                path=target, reason=describe_os_error(exc)
            )
        ) from exc


def migrate(tables: dict, version: int, path: Path) -> dict:
    """The tables of schema ``version`` turned into the current schema (in memory)."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DatabaseCorrupt(
                _(
                    "The database {path} has schema {found}, which this "
                    "version cannot upgrade; it was not changed."
                ).format(path=path, found=version),
                str(path),
            )
        tables = step(tables)
        version += 1
    meta = tables.setdefault(META_TABLE, {}).setdefault(str(META_DOC_ID), {})
    meta["schema"] = version
    return tables
