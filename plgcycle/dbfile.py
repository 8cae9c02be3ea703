"""The database file: where it is, and reading it with the checks every open makes.

A database is a TinyDB file: ``{"records": {doc_id: record}, "_meta": {"1": {...}}}``.
:func:`read_database_file` reads only a regular file, parses it and checks every
record with the same rules as an import (:mod:`plgcycle.exchange.record_rules`), so a file
of the wrong shape is refused before anything, its backup included, is written.
Writing it is :mod:`plgcycle.storage`'s part; the repository is :class:`plgcycle.store.Store`.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from .errors import DatabaseCorrupt, InvalidInput, SaveFailed
from .files import describe_os_error, real_path
from .i18n import _

ENV_DB = "PLGCYCLE_DB"
RECORDS_TABLE = "records"
META_TABLE = "_meta"
META_DOC_ID = 1


def default_path() -> Path:
    """The database in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("plgcycle", appauthor=False) / "plgcycle.json"


def resolve_path(explicit: str | os.PathLike | None = None) -> Path:
    """``--db`` wins over ``PLGCYCLE_DB``, which wins over the default folder.

    A path that names a folder (``--db ""`` arrives as ``.``) is refused before
    anything, a lock file included, is made beside it.
    """
    if explicit:
        path = Path(explicit).expanduser()
    else:
        env = os.environ.get(ENV_DB)
        path = Path(env).expanduser() if env else default_path()
    if path.name in ("", ".", "..") or path.is_dir():
        raise InvalidInput(
            _(
                "{path} is a folder; the database must be a file, for example "
                "--db plgcycle.json. Nothing was changed."
            ).format(path=path.resolve())
        )
    return path


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The real database file: :func:`resolve_path` with symlinks and ``..`` resolved."""
    return real_path(resolve_path(explicit))


def check_record_types(docs: dict) -> None:
    """Every stored document has the envelope's types (a tight loop: it runs at every start).

    The start cache uses this before the first frame; the file itself gets the
    full check of :func:`_check_stored_records`.
    """
    for doc_id, doc in docs.items():
        if type(doc) is not dict or not doc_id.isdigit():
            raise ValueError("not a plgcycle record")
        get = doc.get
        if not (
            type(get("id")) is str
            and type(get("kind")) is str
            and type(get("owner")) is str
            and type(get("data")) is dict
            and type(get("rev")) is int
        ):
            raise ValueError("not a plgcycle record")


def _check_stored_records(docs: dict) -> None:
    """Every stored record follows the rules an import checks (see ``database_schema``).

    The same schema and the same rules beyond it as an export file, with what a
    local database keeps besides (private notes, deleted records with their
    content).  Runs at every open, before the backup is refreshed, so a database
    of the wrong shape is refused and never copied over the last good backup.
    Whole numbers written as ``3.0`` are kept as ``3``.  Raises ``Violation``
    (its path names the record and field) or ValueError.
    """
    from .exchange.record_rules import check_stored_records

    for doc_id in docs:
        if not doc_id.isdigit():
            raise ValueError("not a plgcycle record")
    check_stored_records(docs)


def _damaged(path: Path, hint: str | None, detail: str | None = None) -> DatabaseCorrupt:
    """The one line for a database that cannot be used; ``detail`` names record and field."""
    if detail and hint:
        message = _(
            "The database is damaged: {detail} It was not changed. A backup is at "
            "{backup}; plgcycle restore puts it back."
        ).format(detail=detail, backup=hint)
    elif detail:
        message = _(
            "The database is damaged: {detail} It was not changed, and there is no backup."
        ).format(detail=detail)
    elif hint:
        message = _(
            "The database {path} is damaged (not valid plgcycle data). It was not "
            "changed. A backup is at {backup}; plgcycle restore puts it back."
        ).format(path=path, backup=hint)
    else:
        message = _(
            "The database {path} is damaged (not valid plgcycle data). It was not "
            "changed, and there is no backup."
        ).format(path=path)
    return DatabaseCorrupt(message, str(path), hint)


def read_database_file(path: Path, backup: Path | None = None) -> dict | None:
    """Parse and check a database file; None when it does not exist.  Raises DatabaseCorrupt.

    ``backup`` (the database's newest backup) is named in the message when the file is
    damaged and the backup exists.

    Only a regular file is read: a named pipe or a device would block or never end.
    """
    from .exchange.record_rules import load_json
    from .exchange.schema import Violation
    from .readfile import NotAFile, read_regular_file

    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return None
    except NotAFile as exc:
        raise InvalidInput(
            _(
                "{path} is not a database file (it is a folder, a pipe or a "
                "device); nothing was read."
            ).format(path=path)
        ) from exc
    except OSError as exc:
        raise SaveFailed(
            _("Cannot read {path}: {reason}.").format(path=path, reason=describe_os_error(exc))
        ) from exc
    hint = str(backup) if backup is not None and backup.exists() else None
    try:
        tables = load_json(raw)
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            raise ValueError("not a TinyDB database")
        _check_stored_records(tables.get(RECORDS_TABLE) or {})
        if not all(isinstance(doc, dict) for doc in (tables.get(META_TABLE) or {}).values()):
            raise ValueError("not plgcycle metadata")
    except Violation as violation:
        from .exchange import violation_message  # only for the message: slow to import

        docs = list((tables.get(RECORDS_TABLE) or {}).values())
        detail = violation_message(str(path), {"records": docs}, violation)
        raise _damaged(path, hint, detail) from None
    except (orjson.JSONDecodeError, ValueError) as exc:
        raise _damaged(path, hint) from exc
    return tables
