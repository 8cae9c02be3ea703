"""Fixtures for the UI tests: real temporary TinyDB files, a fixed day and clock."""

from __future__ import annotations

from datetime import date

import pytest

from plgcycle import demo
from plgcycle.dbfile import read_database_file
from plgcycle.keyfile import install_key
from plgcycle.session import Session
from plgcycle.store import Store
from screens.app import PlgApp

TODAY = date(2026, 11, 23)  # the same fixed day as the shared fixtures
SIZE = (100, 30)


@pytest.fixture
def demo_db(tmp_path, clock):
    """A database file holding the demo PLG; the local teacher is Ahmed El Amrani.

    As ``plgcycle demo`` makes it: the colleagues' records signed with their demo keys.
    Ahmed has a known key of his own, so that his check code is the same in every run.
    """
    path = tmp_path / "demo.json"
    me, records = demo.build(TODAY)
    install_key(path, demo.demo_key(me))
    with Store(path, clock=clock) as store:
        with store.batch():
            store.apply(demo.signed_colleagues(records, me))
            store.set_me(me)
    return path


@pytest.fixture
def demo_store(demo_db, clock):
    with Store(demo_db, clock=clock) as store:
        yield store


@pytest.fixture
def make_app():
    """Build the app on a store with the fixed day used everywhere in the tests.

    After the test, every writable store the app used must hold in memory exactly
    what is on disk: the app reads records shared with the store (not copied), so a
    screen that changed one in place without saving would show up here.
    """
    built: list[tuple[PlgApp, Store | None]] = []

    def build(store, lang: str = "nl", today: date = TODAY, **kwargs) -> PlgApp:
        session = Session(store, today=today)
        app = PlgApp(session, lang=lang, **kwargs)
        built.append((app, store))
        return app

    yield build
    for _app, store in built:
        if store is None or store.readonly or not store.path.exists():
            continue
        on_disk = read_database_file(store.path) or {}
        assert store._raw_docs() == (on_disk.get("records") or {}), (
            "records in memory differ from the file: something changed a shared record in place"
        )


def reread(path):
    """The records as stored on disk now, read by a second, read-only store."""
    with Store(path, readonly=True) as store:
        return {r.id: r for r in store.list(include_deleted=True)}, store.me


@pytest.fixture
def build(tmp_path, demo_db, make_app, monkeypatch):
    """Make the app a window is reached in: "teacher" (the demo database), "new" (no teacher
    yet) or "review" (the facilitator's review over the demo's export files)."""
    monkeypatch.chdir(tmp_path)  # files saved "here" (the agenda) land in the test's folder
    opened: list[Store] = []

    def make(kind: str) -> PlgApp:
        if kind == "review":
            exports = tmp_path / "exports"
            exports.mkdir(exist_ok=True)
            from plgcycle import review as rv
            from plgcycle.cli.teacher import _demo_exports
            from screens.review import ReviewScreen

            _demo_exports(exports, TODAY)
            data = rv.load_exports([exports])

            return make_app(None, initial_screen=lambda: ReviewScreen(data))
        store = Store(demo_db if kind == "teacher" else tmp_path / "new.json")
        opened.append(store)
        return make_app(store)

    yield make
    for store in opened:
        store.close()
