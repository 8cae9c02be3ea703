"""Reading many records at once: keep the garbage collector out of the way.

Everything created while a database or a set of exports becomes objects stays
alive for as long as it is shown, so the collector's rounds during the reading
find nothing to free; on thousands of records they cost about as much as the
parsing itself.  ``gc_paused(freeze=True)`` also keeps what was read out of all
later rounds (``gc.freeze()``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the garbage collector while many records are read or built.

    With ``freeze`` everything alive at the end (what was read included) is
    moved out of the collector's reach before it runs again.  Freezing only
    after the collector is back on is too late: the first allocation then
    starts a round over everything the pause left young.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
