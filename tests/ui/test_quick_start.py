"""The quick start: Home's first frame from the start cache, the whole file read right after."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from plgcycle import cycle
from plgcycle.errors import DatabaseCorrupt
from plgcycle.migrations import SCHEMA_VERSION
from plgcycle.session import Session
from plgcycle.startcache import cache_path, file_identity, read_start_cache
from plgcycle.store import Store
from screens.app import PlgApp

from .conftest import TODAY, reread
from .helpers import content_text, drive, screen_text, settle


def add_colleagues(path, clock, count: int) -> None:
    """Colleagues' questions after an import: more than Home lists."""
    colleagues = [cycle.new_person(f"Collega {i:02d}", subgroup="AB"[i % 2]) for i in range(count)]
    rounds = [
        cycle.new_question(p.id, f"Vraag {i} over [b]klas[/b] {i}")
        for i, p in enumerate(colleagues)
    ]
    for i, record in enumerate([*colleagues, *rounds]):
        record.rev, record.updated_at = 1, f"2026-11-01T10:00:{i % 60:02d}.{i:06d}+00:00"
    with Store(path, clock=clock) as store:
        store.apply([*colleagues, *rounds])


class FileView:
    """What a test looks at: whether the session has read its file; closing it, no cache."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def loaded(self) -> bool:
        return self.session._store is not None

    @property
    def readonly(self) -> bool:
        return self.session.readonly

    def close(self) -> None:
        if self.session._store is not None:
            self.session._store.close()
        elif self.session._lock is not None:
            self.session._lock.release()


def open_quickly(path):
    """The session as `plgcycle` opens it, and a view of its file."""
    session = Session.open(path, today=TODAY)
    return session, FileView(session)


def first_frame_and_after(app):
    """The screen text of the first frame (before the file is read) and once settled."""
    seen = {}
    store = FileView(app.session)
    finish = app.session.load

    def probe():
        if "first" not in seen:
            seen["first"] = screen_text(app)
            seen["first_all"] = content_text(app.screen)  # below the fold too
            seen["loaded_at_first"] = store.loaded
        finish()

    app.session.load = probe

    async def scenario(pilot):
        await settle(pilot)
        seen["after"] = screen_text(app)
        seen["loaded_after"] = store.loaded
        seen["persons"] = len(app.session.index().persons)

    drive(app, scenario)
    return seen


def close_and_cache(app) -> None:
    app.session.close()


def earlier_session(path) -> None:
    """A session that closed normally: it left a start cache for this file."""
    session = Session.open(path, today=TODAY)
    session.index()
    session.load()
    session.close()


def test_home_from_the_start_cache_is_the_home_of_the_whole_database(demo_db, clock, make_app):
    add_colleagues(demo_db, clock, 40)
    session, store = open_quickly(demo_db)
    start = session._start
    assert start is None and store.loaded  # no cache yet: the file is read before Home
    app = PlgApp(session)
    full = first_frame_and_after(app)
    assert full["loaded_at_first"]
    close_and_cache(app)
    assert cache_path(demo_db).exists()
    assert oct(cache_path(demo_db).stat().st_mode & 0o777) == "0o600"

    session, store = open_quickly(demo_db)
    start = session._start
    assert start is not None and not store.loaded
    assert len(start.records) < len(Store(demo_db, readonly=True)) - 30  # 15 questions left out
    app = PlgApp(session)
    quick = first_frame_and_after(app)
    store.close()
    assert quick["loaded_at_first"] is False  # drawn from the cache ...
    assert quick["first"] == full["first"]  # ... exactly as from the whole file
    assert quick["first_all"] == full["first_all"]
    assert "Nog 15 vragen van collega's" in quick["first_all"]
    assert quick["loaded_after"] and quick["persons"] == full["persons"]  # read right after
    assert quick["after"] == full["after"]


def test_a_save_in_the_app_goes_to_the_whole_file_and_refreshes_the_cache(demo_db, make_app):
    earlier_session(demo_db)
    session, store = open_quickly(demo_db)
    start = session._start
    assert start is not None
    app = PlgApp(session)
    before = file_identity(demo_db)

    async def scenario(pilot):
        await settle(pilot)
        question = cycle.new_question(app.session.me, "Hoe start ik de les rustiger?")
        assert app.session.save([question])

    drive(app, scenario)
    records, _me = reread(demo_db)
    assert any(r.data.get("question") == "Hoe start ik de les rustiger?" for r in records.values())
    assert len(records) > len(start.records)  # the save kept everything the cache left out
    assert read_start_cache(demo_db, SCHEMA_VERSION) is None  # the file changed: stale
    close_and_cache(app)
    assert file_identity(demo_db) != before
    fresh = read_start_cache(demo_db, SCHEMA_VERSION)
    assert fresh is not None
    assert any(r.data.get("question") == "Hoe start ik de les rustiger?" for r in fresh.records)


def test_a_change_made_outside_the_app_makes_the_cache_stale(demo_db, clock):
    earlier_session(demo_db)
    assert read_start_cache(demo_db, SCHEMA_VERSION) is not None
    add_colleagues(demo_db, clock, 1)  # e.g. `plgcycle import` in a terminal
    assert read_start_cache(demo_db, SCHEMA_VERSION) is None
    session, store = open_quickly(demo_db)
    start = session._start
    assert start is None and store.loaded
    store.close()


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[]", b'{"version": 99}', b'{"version": 1, "schema": 1, "file": null}'],
)
def test_a_damaged_or_foreign_cache_is_ignored(demo_db, content):
    cache_path(demo_db).write_bytes(content)
    assert read_start_cache(demo_db, SCHEMA_VERSION) is None
    session, store = open_quickly(demo_db)
    start = session._start
    assert start is None and store.loaded
    store.close()


def test_a_read_only_window_neither_uses_nor_writes_the_cache(demo_db, make_app):
    earlier_session(demo_db)
    cache_path(demo_db).unlink()
    with Store(demo_db):  # another window holds the lock
        session, second = open_quickly(demo_db)
        start = session._start
        assert second.readonly and start is None and second.loaded
        session.close()
    assert not cache_path(demo_db).exists()


def test_a_file_damaged_behind_a_matching_cache_stops_the_app_with_the_error(demo_db):
    earlier_session(demo_db)
    demo_db.write_bytes(b'{"records": "damaged"}')
    # Forge the cache to match the damaged file (nothing in plgcycle would write this).
    raw = orjson.loads(cache_path(demo_db).read_bytes())
    raw["file"] = file_identity(demo_db)
    cache_path(demo_db).write_bytes(orjson.dumps(raw))
    session, store = open_quickly(demo_db)
    start = session._start
    assert start is not None and not store.loaded
    app = PlgApp(session)  # (make_app would compare with the file)

    async def scenario(pilot):
        await settle(pilot)

    drive(app, scenario)
    assert isinstance(app.session.load_error, DatabaseCorrupt)
    assert app.return_code == 1
    store.close()
    assert demo_db.read_bytes() == b'{"records": "damaged"}'  # nothing was written over it


def forge_cache(path, change) -> None:
    """Change the cache's records but keep it matching the file (nothing in plgcycle does this)."""
    raw = orjson.loads(cache_path(path).read_bytes())
    change(raw)
    cache_path(path).write_bytes(orjson.dumps(raw))


def test_a_cache_home_cannot_draw_stops_the_app_once_then_the_whole_file_is_used(
    demo_db, monkeypatch, capsys, tmp_path
):
    from plgcycle.cli import main

    earlier_session(demo_db)

    def break_rounds(raw):
        for doc in raw["records"]:
            if doc["kind"] == "round":
                doc["data"]["steps"] = [1]  # valid envelope, nonsense inside

    forge_cache(demo_db, break_rounds)
    before = demo_db.read_bytes()
    monkeypatch.setattr("platformdirs.user_log_path", lambda *a, **k: tmp_path / "logs")
    monkeypatch.setenv("PLGCYCLE_DB", str(demo_db))
    monkeypatch.delenv("PLGCYCLE_DEBUG", raising=False)
    monkeypatch.setattr(
        PlgApp, "run", lambda self, **kw: asyncio.run(self.run_async(headless=True))
    )
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 70  # one line and a crash log, as any unexpected error
    assert capsys.readouterr().err.strip().count("\n") == 0
    assert not cache_path(demo_db).exists()  # dropped: the next start reads the file
    assert demo_db.read_bytes() == before

    session, store = open_quickly(demo_db)
    assert session._start is None and store.loaded
    app = PlgApp(session)
    seen = first_frame_and_after(app)
    session.close()
    assert "Hoe kan ik met korte instructiefilmpjes" in seen["after"]


def test_a_cache_that_differs_from_the_file_is_corrected_after_the_first_frame(demo_db, make_app):
    earlier_session(demo_db)

    def empty(raw):
        raw["records"] = []

    forge_cache(demo_db, empty)
    session, store = open_quickly(demo_db)
    app = PlgApp(session)
    seen = first_frame_and_after(app)
    assert "Welkom bij plgcycle" in seen["first"]  # what the wrong cache said ...
    assert "Hoe kan ik met korte instructiefilmpjes" in seen["after"]  # ... corrected from the file
    close_and_cache(app)
    fresh = read_start_cache(demo_db, SCHEMA_VERSION)
    assert fresh is not None and len(fresh.records) > 10


def test_an_unexpected_error_in_the_app_is_one_line_and_a_crash_log(
    demo_db, monkeypatch, capsys, tmp_path
):
    from plgcycle.cli import main
    from screens import home

    def broken(self, first_screen=False):
        raise RuntimeError("a bug, with a record: Hoe kan ik met korte instructiefilmpjes")

    monkeypatch.setattr(home.HomeScreen, "refresh_data", broken)
    monkeypatch.setattr("platformdirs.user_log_path", lambda *a, **k: tmp_path / "logs")
    monkeypatch.setenv("PLGCYCLE_DB", str(demo_db))
    monkeypatch.delenv("PLGCYCLE_DEBUG", raising=False)

    from screens.app import PlgApp as App

    monkeypatch.setattr(App, "run", lambda self, **kw: asyncio.run(self.run_async(headless=True)))
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 70
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("Onverwachte fout: RuntimeError.") and "\n" not in err
    assert "instructiefilmpjes" not in captured.out + captured.err  # no records on the terminal
    assert list((tmp_path / "logs").glob("crash-*.log"))
    assert not cache_path(demo_db).exists()
