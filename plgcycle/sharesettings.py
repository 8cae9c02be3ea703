"""Where a teacher shares: the shared folder's settings, checking a folder, the agreed scope.

The settings live in the database's meta (``Store.setting``), beside the others:

* :data:`FOLDER_SETTING`: the shared folder, an absolute path;
* :data:`FILE_SETTING`: the teacher's own file in it, a name kept once chosen (so a
  teacher who changes their name keeps writing the same file);
* :data:`SCOPE_SETTING`: what the teacher agreed their file may hold, the kinds of
  records and the people named (see :func:`plgcycle.share.widening`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InvalidInput, PlgError
from .files import real_path
from .i18n import _

FOLDER_SETTING = "share_folder"
FILE_SETTING = "share_file"
SCOPE_SETTING = "share_scope"

#: Stopping keeps the file's name: set again later, the teacher writes the same file.
STOP_SETTINGS: dict[str, Any] = {FOLDER_SETTING: None, SCOPE_SETTING: None}


class FolderUnavailable(PlgError):
    """The shared folder cannot be reached (a drive not connected, a client not set up)."""

    exit_code = 7


def unavailable(folder: Path, exc: OSError) -> FolderUnavailable:
    from .files import describe_os_error

    return FolderUnavailable(
        _(
            "The shared folder {folder} cannot be reached ({reason}); nothing was shared or "
            "read. Is the drive connected and the sync client running?"
        ).format(folder=folder, reason=describe_os_error(exc))
    )


class ShareConfig(NamedTuple):
    """Where the teacher shares: the folder, the own file's name, the agreed scope."""

    folder: Path
    file_name: str
    scope: dict | None


def config_from(setting: Callable[[str], Any]) -> ShareConfig | None:
    """The shared folder as the database's settings hold it (``setting`` reads one key)."""
    folder, name = setting(FOLDER_SETTING), setting(FILE_SETTING)
    if not isinstance(folder, str) or not folder or not isinstance(name, str) or not name:
        return None
    scope = setting(SCOPE_SETTING)
    return ShareConfig(Path(folder), name, scope if isinstance(scope, dict) else None)


def share_settings(folder: Path, file_name: str, scope: dict) -> dict[str, Any]:
    """The settings that make ``folder`` the shared folder (written in one batch)."""
    return {FOLDER_SETTING: str(folder), FILE_SETTING: file_name, SCOPE_SETTING: scope}


def merged_scope(agreed: dict | None, scope: dict) -> dict:
    """What was agreed before and what the teacher agrees to now."""
    agreed = agreed or {}
    return {
        key: sorted(set(agreed.get(key) or ()) | set(scope.get(key) or ()))
        for key in ("kinds", "people")
    }


def check_folder(raw: str | os.PathLike, db_path: Path | None) -> Path:
    """The folder a teacher named, resolved; InvalidInput (one line) when it cannot be one.

    Refused: a path that is not an existing folder, and a folder that holds the
    database, directly or further down: the sync client would hand all of it,
    private notes included, to every colleague.
    """
    text = os.fspath(raw)
    if not str(text).strip():
        raise InvalidInput(_("Name the shared folder of your PLG."))
    folder = real_path(text)
    try:
        is_dir = folder.is_dir()
        exists = is_dir or folder.exists()
    except OSError:
        is_dir = exists = False
    if not exists:
        raise InvalidInput(
            _(
                "{path} does not exist. Choose the folder your sync client (OneDrive, Google "
                "Drive, Nextcloud, Syncthing) keeps in step, or make it first."
            ).format(path=text)
        )
    if not is_dir:
        raise InvalidInput(_("{path} is a file, not a folder.").format(path=text))
    if db_path is not None:
        db = real_path(db_path)
        if folder in db.parents:
            raise InvalidInput(
                _(
                    "Your database {db} is in {path}: the sync client would give all of it, "
                    "private notes included, to your colleagues. Choose another folder, or "
                    "move the database with --db."
                ).format(db=db, path=text)
            )
    return folder
