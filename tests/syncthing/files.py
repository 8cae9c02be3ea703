"""What Syncthing does to names in a shared folder, and writing a file the way plgcycle does.

Syncthing 1.19, as tests/integration/test_syncthing_harness.py checks against the program:

* ``.stfolder`` is the folder marker (a directory); without it Syncthing stops the folder.
* A file that arrives is first written as ``.syncthing.<name>.tmp`` (``~syncthing~<name>.tmp``
  on Windows) in the same folder, then renamed over ``<name>``: a reader can see these names,
  never a half-written ``<name>``.
* Changes made on two devices while they could not reach each other are a conflict. The
  version with the newer modification time wins (on a tie Syncthing decides by device ID). The
  device that holds the losing version renames it, when the winner arrives, to
  ``<stem>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<ID><ext>`` and then syncs that copy to everyone:
  ``<ext>`` is Go's ``filepath.Ext`` (only the last extension, with its dot), the time is that
  device's local time at that moment (the harness runs Syncthing with TZ=UTC), and ``<ID>`` is
  the first 7 characters of the device ID in the WINNING version's ``modifiedBy``
  (lib/model: ``moveForConflict(name, file.ModifiedBy.String())`` with ``file`` the incoming
  version), not the ID of the device whose content the copy keeps. So when Sanne's laptop
  loses ``x.plgcycle.json`` against Bram's (device ID ``BRAMBRA-...``), both end up with
  ``x.plgcycle.json`` (Bram's content) and
  ``x.plgcycle.sync-conflict-20261123-101500-BRAMBRA.json`` (Sanne's), a name that does NOT
  end in ``.plgcycle.json``. A conflict on a name that is already a conflict copy makes no
  further copy, and at most ``maxConflicts`` (10) copies of one file are kept.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import datetime
from pathlib import Path

MARKER = ".stfolder"
TEMPORARY = re.compile(r"\A(?:\.syncthing\.|~syncthing~).*\.tmp\Z", re.DOTALL)


def go_ext(name: str) -> str:
    """The extension as Go's filepath.Ext sees it: from the last dot of the last component."""
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if dot >= 0 else ""


def conflict_name(name: str, when: datetime, device_id: str) -> str:
    """The name Syncthing gives the losing copy of ``name``, made at ``when`` by ``device_id``."""
    ext = go_ext(name)
    stem = name[: len(name) - len(ext)]
    return f"{stem}.sync-conflict-{when:%Y%m%d-%H%M%S}-{device_id[:7]}{ext}"


def conflict_pattern(name: str) -> re.Pattern[str]:
    """Matches every conflict copy of ``name``; groups ``when`` (YYYYMMDD-HHMMSS) and ``device``."""
    ext = go_ext(name)
    stem = name[: len(name) - len(ext)]
    return re.compile(
        re.escape(stem)
        + r"\.sync-conflict-(?P<when>\d{8}-\d{6})-(?P<device>[A-Z2-7]{7})"
        + re.escape(ext)
        + r"\Z"
    )


def is_syncthing_own(name: str) -> bool:
    """True for names Syncthing itself puts in a shared folder (marker, ignores, temporaries)."""
    return name in (MARKER, ".stignore", ".stversions") or bool(TEMPORARY.match(name))


def write_atomic(path: Path, data: bytes, mtime: float | None = None) -> Path:
    """Write ``data`` as plgcycle writes an export: a temporary name in the same folder, fsync,
    then ``os.replace``. ``mtime`` sets the modification time before the rename."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    with open(temp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    if mtime is not None:
        os.utime(temp, (mtime, mtime))
    os.replace(temp, path)
    return path


def folder_contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), leaving out Syncthing's own names."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(is_syncthing_own(part) for part in rel.parts) or not path.is_file():
            continue
        try:
            found[rel.as_posix()] = path.read_bytes()
        except FileNotFoundError:
            continue  # renamed away while we looked: the caller looks again
    return found
