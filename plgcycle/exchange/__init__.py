"""Export, import and merge of shareable ``*.plgcycle.json`` files.

The format is specified in docs/export-format.md, its schemas are
``plgcycle/schema/export-v1.json`` and ``export-v2.json`` (signed, the version
plgcycle writes).  The submodules, each using only those
above it:

- :mod:`.schema`, :mod:`.schema_fast`, :mod:`.schema_compiler` (with
  :mod:`.schema_leaves`), :mod:`.validators`:
  the schema, compiled into one fast yes/no function and into checks that say
  where and why a value fails;
- :mod:`.record_rules`: the rules a record follows in a file and in the local
  database alike (the database is checked with them at every open);
- :mod:`.profiles`: what the ``full`` and ``progress`` profiles send;
- :mod:`.fileformat`: format, version, checksum, :class:`ExportFile`;
- :mod:`.messages`: what is wrong with a file, in words;
- :mod:`.reading`: reading and checking a file, finding export files;
- :mod:`.preview`: what an export will contain, shown before it is written;
- :mod:`.writing`: file name, envelope, bytes, and the atomic write;
- :mod:`.outcome`: what an import or merge does with each record (:class:`Plan`);
- :mod:`.merging`: the merge rule, and the envelope of a merged file;
- :mod:`.planning`: planning an import or a merge through the trust rules
  (:mod:`plgcycle.trust`), and applying an import;
- :mod:`.describing`: records and plans described for people;
- :mod:`.accepting`: accepting a colleague's new key when the teacher says so.

This package re-exports the names callers use.  It loads a submodule only when
one of its names is first asked for: opening a database imports
:mod:`.record_rules` alone, and should not pay for reading and writing files.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .accepting import accept_hint, keys_to_accept, keys_to_confirm
    from .describing import describe, summary_lines
    from .fileformat import (
        FORMAT,
        MAX_FILE_BYTES,
        SUFFIX,
        VERSION,
        VERSIONS,
        ExportFile,
        checksum,
    )
    from .merging import MergeResult, is_conflict, merge, merged_envelope, winner
    from .messages import violation_message
    from .outcome import FOREIGN, OLDER, TAKEOVER, YOURS, Conflict, FileSummary, Plan
    from .planning import apply_plan, plan_import, plan_import_into, plan_merge
    from .preview import ExportPreview, prepare_export
    from .profiles import (
        PROFILE_FULL,
        PROFILE_PROGRESS,
        PROFILES,
        PROGRESS_KEEP,
        PROGRESS_SUMMARY,
        export_records,
        progress_record,
        withheld_paths,
    )
    from .reading import (
        expand_export_paths,
        find_export_files,
        future_moments,
        parse_export,
        read_export,
        read_exports,
    )
    from .writing import (
        default_export_name,
        encode,
        envelope,
        export_to,
        merged_file,
        signed_export,
        write_export,
    )

_SOURCES = {
    "accepting": ("accept_hint", "keys_to_accept", "keys_to_confirm"),
    "describing": ("describe", "summary_lines"),
    "fileformat": (
        "FORMAT",
        "MAX_FILE_BYTES",
        "SUFFIX",
        "VERSION",
        "VERSIONS",
        "ExportFile",
        "checksum",
    ),
    "merging": ("MergeResult", "is_conflict", "merge", "merged_envelope", "winner"),
    "messages": ("violation_message",),
    "outcome": ("FOREIGN", "OLDER", "TAKEOVER", "YOURS", "Conflict", "FileSummary", "Plan"),
    "planning": ("apply_plan", "plan_import", "plan_import_into", "plan_merge"),
    "preview": ("ExportPreview", "prepare_export"),
    "profiles": (
        "PROFILE_FULL",
        "PROFILE_PROGRESS",
        "PROFILES",
        "PROGRESS_KEEP",
        "PROGRESS_SUMMARY",
        "export_records",
        "progress_record",
        "withheld_paths",
    ),
    "reading": (
        "expand_export_paths",
        "find_export_files",
        "future_moments",
        "parse_export",
        "read_export",
        "read_exports",
    ),
    "writing": (
        "default_export_name",
        "encode",
        "envelope",
        "export_to",
        "merged_file",
        "signed_export",
        "write_export",
    ),
}
_WHERE = {name: module for module, names in _SOURCES.items() for name in names}

__all__ = [
    "FOREIGN",
    "FORMAT",
    "MAX_FILE_BYTES",
    "OLDER",
    "PROFILES",
    "PROFILE_FULL",
    "PROFILE_PROGRESS",
    "PROGRESS_KEEP",
    "PROGRESS_SUMMARY",
    "SUFFIX",
    "TAKEOVER",
    "VERSION",
    "VERSIONS",
    "YOURS",
    "Conflict",
    "ExportFile",
    "ExportPreview",
    "FileSummary",
    "MergeResult",
    "Plan",
    "accept_hint",
    "apply_plan",
    "checksum",
    "default_export_name",
    "describe",
    "encode",
    "envelope",
    "expand_export_paths",
    "export_records",
    "export_to",
    "find_export_files",
    "future_moments",
    "is_conflict",
    "keys_to_accept",
    "keys_to_confirm",
    "merge",
    "merged_envelope",
    "merged_file",
    "parse_export",
    "plan_import",
    "plan_import_into",
    "plan_merge",
    "prepare_export",
    "progress_record",
    "read_export",
    "read_exports",
    "signed_export",
    "summary_lines",
    "violation_message",
    "winner",
    "withheld_paths",
    "write_export",
]


def __getattr__(name: str):
    """A re-exported name, loading its submodule the first time it is asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
