"""Shared fixtures: a temporary database, a fixed clock, a fixed language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from plgcycle import cycle, i18n
from plgcycle.store import Store

TODAY = date(2026, 11, 23)


class FixedClock:
    """A clock that only moves when told to (one microsecond per call keeps order)."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(microseconds=1)
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def dutch(monkeypatch):
    """Every test starts in Dutch with no language or database from the environment."""
    for var in (
        "PLGCYCLE_LANG",
        "PLGCYCLE_DB",
        "PLGCYCLE_TODAY",
        "LANGUAGE",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ):
        monkeypatch.delenv(var, raising=False)
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "plgcycle.json"


@pytest.fixture
def store(db_path, clock):
    """An open store with a local person (``store.me``)."""
    with Store(db_path, clock=clock) as opened:
        opened.create_me(cycle.new_person("Sanne de Vries", subgroup="A"))
        yield opened
