"""The command line: parses options, opens the store, calls the core or starts the UI.

- here: the ``plgcycle`` entry point (:func:`main`); it never imports click, so
  plain ``plgcycle`` starts the app without the parser.
- :mod:`.failure`: how every error ends (one line, an exit code, a crash log).
- :mod:`.group`: the ``plgcycle`` group (:data:`cli`) and the one list of its commands.
- :mod:`.common`: what the commands share (options, ``echo``, questions, output files).
- :mod:`.teacher`, :mod:`.backups`, :mod:`.exchange`, :mod:`.share`, :mod:`.review`: the commands,
  by area; each imports :mod:`.common` and the core, never another command module.

Kept thin and quick to start: the Textual UI is imported only when it is
started, so ``plgcycle --help`` and ``plgcycle status`` never load it.  Every
error a user can cause ends as one readable line and a non-zero exit.
"""

from __future__ import annotations

import sys

from ..errors import PlgError
from ..i18n import detect_language, set_language
from .failure import fail, quiet_when_closed

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: plain `plgcycle` need not import typing
if TYPE_CHECKING:
    from .group import cli

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: the app at once without arguments, else the parser.

    Plain ``plgcycle`` is what teachers type most.  The command-line parser (click
    and every command's module) would add about a twentieth to that start, so it
    is imported only when there are arguments (``plgcycle --lang en``,
    ``plgcycle review ...``).  Both ways end errors alike (:func:`.failure.fail`).
    """
    args = sys.argv[1:] if argv is None else list(argv)
    if args:
        from .group import run as parse_and_run

        quiet_when_closed()
        parse_and_run(args)
        return
    lang = set_language(detect_language(None))
    try:
        from screens.start import run  # the UI, as `plgcycle` without a command starts it

        run(db_path=None, lang=lang)
    except (PlgError, KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - see fail()
        sys.exit(fail(exc))


def __getattr__(name: str):
    # The group (and click with it) loads on first use, not with the entry point.
    if name == "cli":
        from .group import cli

        globals()["cli"] = cli
        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
