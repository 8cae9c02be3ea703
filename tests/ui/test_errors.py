"""Bad situations lose nothing: read-only and locked databases, a full disk, damaged files."""

from __future__ import annotations

import errno

import orjson
from click.testing import CliRunner
from textual.widgets import TextArea

from plgcycle import cycle, storage
from plgcycle.cli import cli
from plgcycle.model import step_data
from plgcycle.store import Store
from screens.dialogs.question import QuestionDialog
from screens.step import StepScreen

from .conftest import reread
from .helpers import drive, notifications, screen_text, type_text


def open_store(path):
    """The store as the app opens it: read-only while another window holds the lock."""
    from plgcycle.session import Session

    return Session.open(path, use_cache=False)._store


def test_a_read_only_database_says_so_and_offers_nothing_to_lose(demo_db, make_app):
    """Read-only (another window has the database): forms show, nothing can be typed and lost."""
    before = demo_db.read_bytes()
    store = Store(demo_db, readonly=True)
    app = make_app(store)

    async def scenario(pilot):
        assert "Alleen lezen" in screen_text(app)
        await pilot.press("n")  # a new question cannot be saved here, so it is not offered
        await pilot.pause()
        assert not isinstance(app.screen, QuestionDialog)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert not app.screen.query(TextArea), "read-only fields, no editors"
        assert "Resultaten ronde 1" in screen_text(app)  # the stored text is shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)

    drive(app, scenario)
    assert demo_db.read_bytes() == before


def test_the_read_only_window_can_save_once_the_other_one_closes(demo_db, make_app):
    first = Store(demo_db)
    second = open_store(demo_db)
    assert second.readonly
    app = make_app(second)

    async def scenario(pilot):
        assert "Alleen lezen" in screen_text(app)
        first.close()
        assert app.session.try_writable()
        await pilot.pause()
        assert app.session.can_edit and not app.session.readonly
        assert "Alleen lezen" not in screen_text(app)
        assert any("weer opslaan" in n or "weer wijzigingen" in n for n in notifications(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)

    drive(app, scenario)
    app.session.close()


def test_a_locked_database_opens_read_only(demo_db):
    holder = Store(demo_db)
    try:
        second = open_store(demo_db)
        assert second.readonly
        second.close()
    finally:
        holder.close()
    mine = open_store(demo_db)
    assert not mine.readonly
    mine.close()


def test_a_full_disk_is_reported_and_nothing_is_lost(store, db_path, make_app, monkeypatch):
    question = cycle.new_question(store.me, "Hoe help ik 1 mavo met zinsstarters?")
    store.save(question)
    before = db_path.read_bytes()

    def full(path, payload):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(store)

    async def scenario(pilot):
        await pilot.press("enter", "1")
        await pilot.pause()
        await type_text(pilot, "Turflijsten")
        monkeypatch.setattr(storage, "atomic_write", full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("de schijf is vol" in n for n in notifications(app))
        assert app.screen.query_one("#field-sources").text == "Turflijsten"
        assert db_path.read_bytes() == before
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Opgeslagen." in notifications(app)

    drive(app, scenario)
    records, _me = reread(db_path)
    assert step_data(records[question.id], "baseline")["sources"] == "Turflijsten"


def test_a_damaged_database_stops_before_the_ui_with_one_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: De database")
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_newer_database_stops_before_the_ui(tmp_path):
    path = tmp_path / "newer.json"
    path.write_bytes(orjson.dumps({"_meta": {"1": {"schema": 99}}, "records": {}}))
    result = CliRunner().invoke(cli, ["--db", str(path), "--lang", "en"])
    assert result.exit_code == 3
    assert "newer plgcycle" in result.output
    assert "Traceback" not in result.output
