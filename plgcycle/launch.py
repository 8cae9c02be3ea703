"""The ``plgcycle`` command: starts the app at once when there is nothing to parse.

Plain ``plgcycle`` is what teachers type most.  The command-line parser (click
and every subcommand's module) would add about a twentieth to that start, so it
is imported only when there are arguments (``plgcycle --lang en``,
``plgcycle review ...``).  Both ways end errors alike: one readable line and an
exit code, with the details of anything unexpected in a crash log.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime

from .errors import PlgError
from .i18n import _, detect_language, set_language


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args:
        from .cli import main as parse_and_run

        quiet_when_closed()
        parse_and_run(args)
        return
    lang = set_language(detect_language(None))
    try:
        from screens.start import run  # the UI, as `plgcycle` without a command starts it

        run(db_path=None, lang=lang)
    except (PlgError, KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - see fail()
        sys.exit(fail(exc))


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
    _say(_("Unexpected error: {error}. Details are in {log}.").format(
        error=type(exc).__name__, log=log))
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
        from .files import atomic_write  # owner-only, like every file plgcycle writes

        atomic_write(path, "".join(traceback.format_exception(exc)).encode("utf-8"))
        return str(path)
    except OSError:
        return _("(no log could be written)")
