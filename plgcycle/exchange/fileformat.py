"""The fixed parts of an export file: its name, format and version, checksum, and parsed form.

The file (specified in docs/export-format.md, schemas in
``plgcycle/schema/export-v1.json`` and ``export-v2.json``)::

    {"format": "plgcycle-export", "version": 2, "exported_at": ISO-8601 UTC,
     "exported_by": {"id": uuid, "name": str, "key": base64}, "profile": "full" | "progress",
     "records": [{..., "sig": base64}], "checksum": "sha256:<hex of the canonical JSON of records>",
     "signature": base64}

plgcycle writes version 2 (signed, :data:`VERSION`) and reads both versions.
An :class:`ExportFile` is such a file after :func:`.reading.parse_export` has
checked it; :meth:`ExportFile.trust_file` is what the trust rules read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from ..i18n import _
from ..model import Record
from ..textsafe import printable
from .profiles import PROFILE_FULL, PROFILE_PROGRESS

FORMAT = "plgcycle-export"
VERSION = 2  # the version plgcycle writes; every version up to it is read
VERSIONS = (1, 2)
SUFFIX = ".plgcycle.json"
MAX_FILE_BYTES = 50 * 1024 * 1024
GENERATOR = "plgcycle"


def canonical(value) -> bytes:
    """Canonical JSON bytes: sorted keys, no spaces, UTF-8 (not ASCII-escaped)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def checksum(records: list[dict]) -> str:
    return "sha256:" + hashlib.sha256(canonical(records)).hexdigest()


def _fast_checksum(records: list) -> str | None:
    """The same digest through orjson (much faster); None when orjson cannot encode it.

    orjson and json write a few floats differently (1e-07 / 1e-7), so a
    mismatch is always checked again with :func:`checksum`, the definition.
    """
    try:
        payload = orjson.dumps(records, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return None
    return "sha256:" + hashlib.sha256(payload).hexdigest()


@dataclass
class ExportFile:
    """A parsed, validated export.

    Each record carries the signature it arrived with (``Record.sig``, None when
    unsigned); ``signature`` says whether the file's own signature verifies with
    ``exported_by.key``: ``valid``, ``invalid`` or ``none`` (version 1, or a merged
    file made without a key).
    """

    path: Path | None
    exported_at: str
    exported_by: dict
    records: list[Record]
    profile: str = PROFILE_FULL
    sources: list[dict] = field(default_factory=list)
    checksum: str = ""
    version: int = 1
    signature: str = "none"

    @property
    def exporter_key(self) -> str | None:
        """The public key the exporter signed the file with (version 2), or None."""
        key = self.exported_by.get("key")
        return key if isinstance(key, str) else None

    @property
    def sigs(self) -> dict[str, str]:
        """Record id -> the signature it carries (unsigned records are not listed)."""
        return {r.id: r.sig for r in self.records if r.sig is not None}

    @property
    def signed(self) -> bool:
        """Whether this is a version-2 file (whose records may carry signatures)."""
        return self.version >= 2

    def trust_file(self, name: str | None = None):
        """The file as the trust rules read it (:class:`plgcycle.verdict.TrustFile`).

        ``name`` is how messages name it (default: :attr:`label`).
        """
        from ..signing import Signed
        from ..verdict import TrustFile

        exporter = self.exported_by.get("id")
        return TrustFile(
            name if name is not None else self.label,
            [Signed(r, r.sig) for r in self.records],
            exporter if isinstance(exporter, str) else None,
            self.exporter_key,
            self.signature,
            self.version,
            self.profile == PROFILE_PROGRESS,
        )

    @property
    def label(self) -> str:
        """The file name as shown to people (controls made visible)."""
        return printable(self.path.name if self.path else _("the file"), single_line=True)

    @property
    def senders(self) -> set[str]:
        """The person ids that made this file: its exporter, or the sources of a merged file."""
        found = {s["id"] for s in self.sources if s.get("id")}
        if self.exported_by.get("id"):
            found.add(self.exported_by["id"])
        return found

    @property
    def sender_name(self) -> str:
        return str(self.exported_by.get("name") or "")
