"""gc_paused: the collector stays off while records are read, and frozen ones stay out of it."""

import gc

import pytest

from plgcycle.gctools import gc_paused


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_collector_is_off_inside_and_back_on_after(unfrozen):
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert all(gc.is_tracked(item) for item in kept)


def test_freezing_moves_what_was_built_out_of_reach_before_the_collector_runs(unfrozen):
    rounds = []

    def note(phase, info):
        if phase == "start":
            rounds.append(info["generation"])

    gc.callbacks.append(note)
    try:
        with gc_paused(freeze=True):
            kept = [[n] for n in range(5000)]  # well over the threshold of a round
            assert gc.get_freeze_count() == 0
        assert gc.isenabled()
        after = [[n] for n in range(10)]  # allocations: a round would start here
        assert len(after) == 10
    finally:
        gc.callbacks.remove(note)
    assert rounds == []  # no round over what was built, not even when switching back on
    assert gc.get_freeze_count() >= len(kept)
    young = {id(o) for o in gc.get_objects(0)}
    assert not any(id(item) in young for item in kept)


def test_a_paused_collector_stays_paused_and_an_error_still_restores_it(unfrozen):
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), gc_paused(freeze=True):
        raise ValueError
    assert gc.isenabled() and gc.get_freeze_count() == 0
