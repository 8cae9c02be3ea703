"""The Session: the one way a UI reaches the data (index, saving, version, change notices)."""

from __future__ import annotations

import pytest

from plgcycle import cycle
from plgcycle.errors import InvalidInput, PlgError
from plgcycle.session import SAVED, WRITABLE, Session
from plgcycle.store import Store


def test_saving_updates_the_index_the_version_and_tells_the_listeners(store):
    session = Session(store)
    heard: list[str] = []
    session.on_change(heard.append)
    first = session.index()
    assert session.index() is first  # nothing changed: nothing rebuilt
    version = session.data_version
    question = cycle.new_question(store.me, "Hoe start ik rustig?")
    saved = session.save([question])
    assert [r.id for r in saved] == [question.id]
    assert question.id in session.index().rounds
    assert session.data_version == version + 1 and heard == [SAVED]


def test_a_write_made_elsewhere_is_noticed(store):
    session = Session(store)
    session.index()
    other = cycle.new_question(store.me, "Tweede vraag")
    store.save(other)  # e.g. `plgcycle import` through another path to the same store
    assert other.id in session.index().rounds


def test_without_a_database_nothing_is_saved_and_nothing_breaks():
    session = Session(None)
    assert session.index().rounds == {} and session.records() == [] and session.me is None
    assert not session.has_database and session.readonly and not session.can_edit
    with pytest.raises(InvalidInput):
        session.save([])
    session.close()


def test_a_read_only_session_refuses_to_save_and_becomes_writable_when_let_go(db_path, clock):
    holder = Store(db_path, clock=clock)
    holder.create_me(cycle.new_person("Sanne"))
    session = Session.open(db_path, use_cache=False)
    heard: list[str] = []
    session.on_change(heard.append)
    try:
        assert session.readonly and not session.can_edit
        with pytest.raises(PlgError):
            session.save([cycle.new_question(session.me, "Vraag")])
        assert not session.try_writable()  # the other window still holds it
        holder.close()
        assert session.try_writable() and heard == [WRITABLE]
        assert session.can_edit
        session.save([cycle.new_question(session.me, "Vraag")])
    finally:
        holder.close()
        session.close()


def test_a_failure_while_indexing_after_a_quick_start_lets_go_of_the_file(db_path, clock):
    """The file read after the first frame from a start cache, and then indexing fails."""
    from plgcycle.session import FAILED

    with Store(db_path, clock=clock) as holder:
        holder.create_me(cycle.new_person("Sanne"))
    earlier = Session.open(db_path)
    earlier.index()
    earlier.load()
    earlier.close()  # leaves a start cache for this file
    session = Session.open(db_path)
    assert session._start is not None, "this test needs the quick start"
    heard: list[str] = []
    session.on_change(heard.append)

    def broken_index():
        raise PlgError("kapot")

    session.index = broken_index  # type: ignore[method-assign]
    session.load()
    assert str(session.load_error) == "kapot" and heard == [FAILED]
    with Store(db_path, clock=clock) as other:  # the lock was let go
        assert not other.readonly
    session.close(after_error=True)
