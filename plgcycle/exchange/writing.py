"""Writing an export: its file name, its envelope, its bytes, and the file itself.

plgcycle writes version 2: a teacher's export signs every record and the file
(:func:`signed_export`); a merged file passes each record's signature on
unchanged (:func:`merged_file`).  A file plgcycle writes must be one it can read
back, so :func:`write_export` checks the bytes with the same rules as an import
(:func:`.reading.parse_export`) before they replace anything, and writes them
atomically and owner-only.
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
from ..signing import PersonKey, Signed, sign_record, signed_envelope
from .fileformat import FORMAT, GENERATOR, MAX_FILE_BYTES, SUFFIX, checksum
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
    """A version-1 envelope (unsigned), as plgcycle wrote before signing; still read.

    plgcycle itself writes version 2 (:func:`signed_export`, :func:`merged_file`);
    this remains for reading and testing older files.
    """
    raw = [r.to_dict() for r in records]
    env = {
        "format": FORMAT,
        "version": 1,
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


def signed_export(
    records: list[Record],
    exported_by: dict,
    key: PersonKey,
    now: datetime | None = None,
    profile: str = PROFILE_FULL,
) -> dict:
    """A teacher's own file in version 2: every record signed by ``key``, and the file too.

    The records are signed as they are exported (private fields withheld, the
    progress copy for a progress export), so a signature never covers a text that
    stays behind.  Ed25519 signatures are deterministic: the same work exported
    at the same moment gives the same bytes.
    """
    entries = [Signed(record, sign_record(record, key)) for record in records]
    return signed_envelope(entries, exported_by, key, iso(now or utcnow()), profile)


def merged_file(
    records: list[Record],
    exported_by: dict,
    now: datetime | None = None,
    profile: str = PROFILE_FULL,
    sources: list[dict] | None = None,
    key: PersonKey | None = None,
) -> dict:
    """A merged file in version 2: each record with the signature it arrived with, unchanged.

    ``key`` signs the file (whoever merged it, when they have a key); without it
    the file is nobody's own file, and every record counts by its own ``sig``.
    """
    entries = [Signed(record, record.sig) for record in records]
    return signed_envelope(entries, exported_by, key, iso(now or utcnow()), profile, sources)


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
        written = parse_export(payload, path, label=label)
        if written.exporter_key is not None and written.signature != "valid":
            raise ExchangeError(  # a programming error, never a file to send
                _("{file}: the file's own signature does not verify.").format(file=written.label)
            )
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
    key: PersonKey | None = None,
) -> Path:
    """Write the records of a preview as a signed export (version 2) made by ``person``.

    ``source`` is the database the records come from, named when they cannot be
    exported (see :func:`write_export`).  ``key`` is the person's signing key;
    without it the key beside ``source`` is used.  The person record in the
    preview must name that key (:func:`plgcycle.ownkey.ensure_key` sees to it):
    a file whose person record named no key, or another one, would make
    colleagues refuse it.
    """
    if key is None and source is not None:
        from ..keyfile import load_key

        key = load_key(Path(source))
    if key is None or key.person != person.id:
        raise ExchangeError(
            _(
                "There is no signing key for {name} yet; open plgcycle once (or look at "
                "your details) to make one, then export again. Nothing was written."
            ).format(name=person.text("name"))
        )
    own = next((r for r in preview.records if r.id == person.id), None)
    if own is not None and not own.deleted and own.data.get("key") != key.public:
        raise ExchangeError(
            _(
                "Your details do not name your signing key yet; open plgcycle once (or look "
                "at your details), then export again. Nothing was written."
            )
        )
    env = signed_export(
        preview.records, {"id": person.id, "name": person.text("name")}, key, now, preview.profile
    )
    return write_export(path, env, source=source)
