"""The fixed parts of an export file: its name, format and version, checksum, and parsed form.

The file (specified in docs/export-format.md, schema in
``plgcycle/schema/export-v1.json``)::

    {"format": "plgcycle-export", "version": 1, "exported_at": ISO-8601 UTC,
     "exported_by": {"id": uuid, "name": str}, "profile": "full" | "progress",
     "records": [...], "checksum": "sha256:<hex of the canonical JSON of records>"}

An :class:`ExportFile` is such a file after :func:`.reading.parse_export` has
checked it.
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
from .profiles import PROFILE_FULL

FORMAT = "plgcycle-export"
VERSION = 1
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
    """A parsed, validated export."""

    path: Path | None
    exported_at: str
    exported_by: dict
    records: list[Record]
    profile: str = PROFILE_FULL
    sources: list[dict] = field(default_factory=list)
    checksum: str = ""

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
