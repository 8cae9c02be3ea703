"""Writing an export: its file name, its envelope, its bytes, and the file itself.

A file plgcycle writes must be one it can read back, so :func:`write_export`
checks the bytes with the same rules as an import (:func:`.reading.parse_export`)
before they replace anything, and writes them atomically and owner-only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

from ..errors import ExchangeError
from ..i18n import _
from ..model import Record, iso, utcnow
from .fileformat import FORMAT, GENERATOR, MAX_FILE_BYTES, SUFFIX, VERSION, checksum
from .preview import ExportPreview
from .profiles import PROFILE_FULL, PROFILE_PROGRESS
from .reading import parse_export

# Letters that Unicode does not decompose into a plain letter plus an accent.
_TRANSLIT = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
        "ĳ": "ij",
        "Ĳ": "IJ",
    }
)


def slug(text: str, limit: int = 60) -> str:
    """A safe file-name part: ``Sanne de Vries`` -> ``sanne-de-vries``."""
    plain = unicodedata.normalize("NFKD", (text or "").translate(_TRANSLIT))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return plain[:limit].rstrip("-") or "plgcycle"


def default_export_name(name: str, today: date, profile: str = PROFILE_FULL) -> str:
    """``sanne-de-vries-2026-11-23.plgcycle.json`` (with ``-voortgang`` for progress)."""
    extra = "-" + slug(_("progress")) if profile == PROFILE_PROGRESS else ""
    return f"{slug(name)}-{today.isoformat()}{extra}{SUFFIX}"


def envelope(
    records: list[Record],
    exported_by: dict,
    now: datetime | None = None,
    profile: str = PROFILE_FULL,
    sources: list[dict] | None = None,
) -> dict:
    raw = [r.to_dict() for r in records]
    env = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now or utcnow()),
        "exported_by": {"id": exported_by.get("id"), "name": exported_by.get("name", "")},
        "profile": profile,
        "generator": GENERATOR,
        "records": raw,
        "checksum": checksum(raw),
    }
    if sources:
        env["sources"] = sources
    return env


def encode(env: dict) -> bytes:
    """The bytes of an export file (readable: one record per few lines)."""
    return json.dumps(env, ensure_ascii=False, indent=1).encode("utf-8")


def write_export(
    path: Path, env: dict, payload: bytes | None = None, *, source: str | Path | None = None
) -> Path:
    """Validate an envelope and write it atomically (temp file, fsync, replace).

    A file plgcycle writes must be one it can read back: the bytes are checked
    with the same validator as an import before they replace anything.  When
    that fails, the fault is in what the records came from, not in ``path``
    (which is not written): ``source``, the database they were read from, is the
    file the message names.  It is never one of plgcycle's own files
    (``outputs.check_output``), and like every file plgcycle writes it is
    owner-only: the teacher shares it by sending it.
    """
    from ..files import describe_os_error as _describe_os_error
    from ..files import write_output
    from ..outputs import check_output

    path = Path(path)
    check_output(path)
    payload = encode(env) if payload is None else payload
    if len(payload) > MAX_FILE_BYTES:
        raise ExchangeError(
            _(
                "The file would be larger than {limit} MB, more than plgcycle reads; "
                "nothing was written to {path}."
            ).format(limit=MAX_FILE_BYTES // (1024 * 1024), path=path)
        )
    label = _("the database {path}").format(path=source) if source is not None else None
    try:
        parse_export(payload, path, label=label)
    except ExchangeError as exc:
        if source is None:
            raise
        raise ExchangeError(
            str(exc) + " " + _("Nothing was written to {path}.").format(path=path)
        ) from None
    try:
        write_output(path, payload)
    except OSError as exc:
        raise ExchangeError(
            _("Cannot write {path}: {reason}.").format(path=path, reason=_describe_os_error(exc))
        ) from exc
    return path


def export_to(
    path: Path,
    preview: ExportPreview,
    person: Record,
    now: datetime | None = None,
    *,
    source: str | Path | None = None,
) -> Path:
    """Write the records of a preview as an export made by ``person``.

    ``source`` is the database the records come from, named when they cannot be
    exported (see :func:`write_export`).
    """
    env = envelope(
        preview.records, {"id": person.id, "name": person.text("name")}, now, preview.profile
    )
    return write_export(path, env, source=source)
