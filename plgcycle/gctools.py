"""Reading many records at once: keep the garbage collector out of the way.

Everything created while a database or a set of exports becomes objects stays
alive for as long as it is shown, so the collector's rounds during the reading
find nothing to free; on thousands of records they cost about as much as the
parsing itself.  Afterwards ``gc.freeze()`` keeps what was read out of later
rounds too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector while many records are read or built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
