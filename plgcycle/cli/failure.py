"""How a failure ends, on both ways in: one line, an exit code, a crash log.

:func:`fail` is used by the plain start (:func:`plgcycle.cli.main`, the app
without the parser) and by the parser's group (:class:`.common.Group`) alike.
Here too: standard streams that survive a reader who stopped reading.  This
module never imports click, so plain ``plgcycle`` starts without it.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime

from ..errors import PlgError
from ..i18n import _


def fail(exc: BaseException) -> int:
    """Say in one line what went wrong (details of the unexpected go to a log); the exit code."""
    if isinstance(exc, PlgError):
        _say(_("Error: {message}").format(message=exc))
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        _say(_("Stopped."))
        return 130
    if os.environ.get("PLGCYCLE_DEBUG"):
        raise exc
    log = write_crash_log(exc)
    _say(
        _("Unexpected error: {error}. Details are in {log}.").format(
            error=type(exc).__name__, log=log
        )
    )
    return 70


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except (BrokenPipeError, ValueError):
        pass  # nobody is reading any more: there is no one left to tell


class _QuietWhenClosed:
    """A standard stream that goes quiet when its reader has gone.

    ``plgcycle export --yes | head -3``: ``head`` stops reading after three lines,
    and the next line plgcycle prints meets a closed pipe.  Python raises
    BrokenPipeError there, in the middle of the command, which would end it with
    a traceback and before the export file is written.  As the Python
    documentation advises, the stream is then pointed at ``os.devnull`` (so no
    later write or the final flush fails); here it also lets the command finish
    its work: what it writes to files matters more than what nobody reads.
    """

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._silence()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._silence()

    def _silence(self) -> None:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, self._stream.fileno())
            finally:
                os.close(devnull)
            self._stream.flush()  # what was still buffered goes nowhere now
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def quiet_when_closed() -> None:
    """Make standard output and error survive a reader that stops reading (see above)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, _QuietWhenClosed):
            setattr(sys, name, _QuietWhenClosed(stream))


def write_crash_log(exc: BaseException) -> str:
    from platformdirs import user_log_path

    try:
        folder = user_log_path("plgcycle", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        from ..files import atomic_write  # owner-only, like every file plgcycle writes

        atomic_write(path, "".join(traceback.format_exception(exc)).encode("utf-8"))
        return str(path)
    except OSError:
        return _("(no log could be written)")
