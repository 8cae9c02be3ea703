"""Click's own messages (usage errors, "Try ... for help.") in the user's language.

Click translates its messages with the standard library's gettext, which knows
nothing of plgcycle's catalog or of ``--lang``.  :func:`translate_click` points
click's modules at plgcycle's ``_`` and ``ngettext`` instead, so that its
messages follow the language like every other text.  The message ids below are
click's own, copied from its sources, so that the catalog holds their Dutch
texts; one that click changes is simply shown in English again.
"""

from __future__ import annotations

import gettext
import sys

from ..i18n import N_, _, ngettext

MESSAGES = (
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Aborted!"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("Usage:"),
    N_("Show the version and exit."),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
)


def _plural_messages(n: int) -> None:  # pragma: no cover - never called: ids for the catalog
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", n)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", n
    )
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", n)


def translate_click() -> None:
    """Let click's modules translate through plgcycle (call after importing click)."""
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]
