"""Shared test data for the exchange tests: the demo PLG split into teachers' databases."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from plgcycle import demo, exchange
from plgcycle.model import Record
from plgcycle.store import Store

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def pid(key: str) -> str:
    """The demo id of a teacher (ahmed, sanne, lotte, joris, fatima, pieter)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "plgcycle-demo:person:" + key))


def all_records() -> list[Record]:
    return demo.build(TODAY)[1]


def own(key: str) -> list[Record]:
    """What a teacher has in their own database: their own records."""
    return [r for r in all_records() if r.owner == pid(key)]


def export_env(key: str, profile: str = exchange.PROFILE_FULL, records=None) -> dict:
    """The envelope a teacher's export would have."""
    records = all_records() if records is None else records
    chosen = exchange.export_records(records, pid(key), profile)
    name = next(r.text("name") for r in records if r.id == pid(key))
    return exchange.envelope(chosen, {"id": pid(key), "name": name}, NOW, profile)


def export_file(
    key: str, profile: str = exchange.PROFILE_FULL, records=None, path: Path | None = None
) -> exchange.ExportFile:
    env = export_env(key, profile, records)
    return exchange.parse_export(exchange.encode(env), path or Path(f"{key}.plgcycle.json"))


def write_file(folder: Path, key: str, profile: str = exchange.PROFILE_FULL, records=None) -> Path:
    path = folder / f"{key}{exchange.SUFFIX}"
    path.write_bytes(exchange.encode(export_env(key, profile, records)))
    return path


def import_into(store: Store, files) -> exchange.Plan:
    """Import ``files`` into an open store as ``plgcycle import`` does: plan, then one write."""
    plan = exchange.plan_import(store.list(include_deleted=True), store.me, files)
    exchange.apply_plan(store, plan)
    return plan


def reference_validator(*, formats: bool = False):
    """The ``jsonschema`` validator of the export schema, to hold plgcycle's own checks against."""
    import jsonschema

    from plgcycle.exchange.schema import load_schema

    cls = jsonschema.Draft202012Validator
    if formats:
        return cls(load_schema(), format_checker=cls.FORMAT_CHECKER)
    return cls(load_schema())


def teacher_store(path: Path, key: str, clock=None, with_records=True) -> Store:
    """An open store holding a teacher's own demo records, with that teacher as 'me'."""
    store = Store(path, clock=clock)
    with store.batch():
        if with_records:
            store.apply(own(key))
        store.set_me(pid(key))
    return store


def rehash(env: dict) -> dict:
    env["checksum"] = exchange.checksum(env["records"])
    return env


def edited(record: Record, **data) -> Record:
    """A newer version of ``record`` (as its owner's next save would make it)."""
    copy = record.copy()
    copy.data.update(data)
    copy.rev += 1
    copy.updated_at = "2026-11-24T10:00:00.000000+00:00"
    return copy
