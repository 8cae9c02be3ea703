"""What every command shares: translated help, options, output, questions and errors.

Every command module imports its helpers from here (and from the core), never
from another command module or from :mod:`plgcycle.cli.group`, so the commands
form no import circle.  Kept light: click and the core's small modules only;
anything heavy is imported inside the function that needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from ..errors import InvalidInput, PlgError
from ..i18n import N_, _, detect_language, set_language
from .failure import fail

# --- translated help texts ---------------------------------------------------------
# Decorators run at import time, before the language is known, so help texts are
# stored as message ids and translated when click formats them.


class _TranslatedHelp(click.Command):
    """Help texts, headings and the --help option in the user's language."""

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = _("Show this message and exit.")
        return opt

    def format_usage(self, ctx, formatter) -> None:
        words = {
            "[OPTIONS]": _("[OPTIONS]"),
            "[COMMAND]": _("[COMMAND]"),
            "COMMAND": _("COMMAND"),
            "[ARGS]...": _("[ARGS]..."),
        }
        pieces = " ".join(self.collect_usage_pieces(ctx)).split(" ")
        formatter.write_usage(
            ctx.command_path, " ".join(words.get(p, p) for p in pieces), _("Usage: ")
        )

    def format_options(self, ctx, formatter) -> None:
        records = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx))]
        if records:
            with formatter.section(_("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = []
            for name in self.list_commands(ctx):
                cmd = self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    commands.append((name, cmd))
            if commands:
                limit = formatter.width - 6 - max(len(name) for name, _cmd in commands)
                with formatter.section(_("Commands")):
                    formatter.write_dl(
                        [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
                    )

    def _translated(self, method, *args):
        original = self.help
        self.help = _(original) if original else original
        try:
            return method(*args)
        finally:
            self.help = original


class Command(_TranslatedHelp):
    def get_short_help_str(self, limit: int = 45) -> str:
        return self._translated(super().get_short_help_str, limit)

    def format_help_text(self, ctx, formatter) -> None:
        self._translated(super().format_help_text, ctx, formatter)


class Option(click.Option):
    def get_help_record(self, ctx):
        original = self.help
        self.help = _(original) if original else original
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = original


class Group(_TranslatedHelp, click.Group):
    """Turns PlgError (and anything unexpected) into one line and an exit code."""

    command_class = Command

    def get_short_help_str(self, limit: int = 45) -> str:
        return self._translated(super().get_short_help_str, limit)

    def format_help_text(self, ctx, formatter) -> None:
        self._translated(super().format_help_text, ctx, formatter)

    def make_context(self, info_name, args, parent=None, **extra):
        # The language must be known before --help is formatted; a group inside the
        # command (plg, meeting) keeps what --lang chose.
        if parent is None:
            set_language(detect_language(None))
        return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, EOFError):
            raise
        except (PlgError, KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - one line each
            ctx.exit(fail(exc))


def command(name: str | None = None, **kwargs):
    """A command with translated help; it takes effect once :mod:`.group` registers it."""
    return click.command(name, cls=Command, **kwargs)


def option(*names, **kwargs):
    return click.option(*names, cls=Option, **kwargs)


def accept_key_option(func):
    """--accept-key NAME (repeatable): a colleague's new key accepted, or a key in use confirmed."""
    return option(
        "--accept-key",
        "accept",
        multiple=True,
        metavar="NAME",
        help=N_(
            "Accept the new key of this colleague (their name, or the check code you compared "
            "with them), e.g. after they got a new laptop; for a key already in use, mark it as "
            "confirmed. Repeat for more colleagues."
        ),
    )(func)


def say_confirmed(confirmed: Mapping[str, str], names: Mapping[str, str]) -> None:
    """One line per colleague whose key was just confirmed (person id -> key)."""
    from ..signing import controlecode

    for person, key in confirmed.items():
        echo(
            _("Confirmed: the key of {name} (check code {code}).").format(
                name=names.get(person) or person, code=controlecode(key)
            )
        )


def db_option(func):
    return option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=N_("Database file (default: PLGCYCLE_DB or the user data folder)."),
    )(func)


# --- what the commands read from the group -----------------------------------------------


class UsageArgument(click.Argument):
    """An argument named in the usage line and the help text, not listed again among the options."""

    def get_help_record(self, ctx):
        return None


def _db(ctx: click.Context, local: Path | None) -> Path | None:
    """A subcommand's --db wins over the group's --db."""
    return local or (ctx.obj or {}).get("db")


def _today(ctx: click.Context) -> date:
    """Today, overridable for reproducible output (PLGCYCLE_TODAY=YYYY-MM-DD)."""
    from ..clock import today

    return today()


def _lang(ctx: click.Context) -> str:
    """The language of the group's --lang (or its default), for the UI a command starts."""
    return detect_language((ctx.obj or {}).get("lang"))


# --- output and questions --------------------------------------------------------------------


def echo(line: str = "", **kwargs) -> None:
    """Print a line that names a file, a folder or a person: controls made visible.

    Names come from people (a folder called ``ESC[2J`` would clear the screen);
    the same filter as every error message (:func:`plgcycle.textsafe.printable`).
    """
    from ..textsafe import printable

    click.echo(printable(line), **kwargs)


_YES = {"y", "yes", "j", "ja"}
_NO = {"n", "no", "nee", ""}


def ask_yes_no(question: str) -> bool:
    """A yes/no question answered in the user's language (j/ja and y/yes); default no."""
    from ..textsafe import printable

    while True:
        try:
            answer = click.prompt(
                printable(question) + " " + _("[y/N]"),
                default="",
                show_default=False,
                prompt_suffix=" ",
            )
        except click.Abort:
            click.echo()
            return False
        answer = answer.strip().casefold()
        if answer in _YES:
            return True
        if answer in _NO:
            return False
        click.echo(_("Please answer y (yes) or n (no)."))


# --- writing files --------------------------------------------------------------------------


def refuse_own_file(ctx: click.Context, target: Path | None) -> None:
    """Stop (exit code 2) when ``target`` is the database, a backup, its lock or the like."""
    from ..outputs import check_output

    if target is not None:
        check_output(target, extra=[_db(ctx, None)])


def confirm_output(ctx: click.Context, target: Path, yes: bool) -> None:
    """Before a command writes ``target``: refuse plgcycle's own files, ask before replacing.

    The refusal is one line and exit code 2 (``outputs.check_output``); replacing
    an existing file needs a yes (j/ja in Dutch) or ``--yes``; a no ends the
    command with exit code 1 and nothing written.
    """
    refuse_own_file(ctx, target)
    if yes or not target.exists():
        return
    if not ask_yes_no(_("{path} already exists. Replace it?").format(path=target)):
        echo(_("Nothing was written."))
        ctx.exit(1)


# --- dates and the PLG ---------------------------------------------------------------------


class DutchDate(click.ParamType):
    """A date option or argument as teachers write it: ``15-03-2026`` (or ``2026-03-15``)."""

    name = "DD-MM-YYYY"

    def get_metavar(self, param, ctx=None) -> str:  # shown in --help, in the user's language
        return _("DD-MM-YYYY")

    def convert(self, value, param, ctx):
        from ..model import read_date

        if isinstance(value, date):
            return value
        try:
            return read_date(str(value))
        except ValueError:
            raise InvalidInput(
                _("Write the date as DD-MM-YYYY, for example 15-03-2026: {text}").format(text=value)
            ) from None


DATE = DutchDate()


@contextmanager
def group_session(ctx: click.Context, db: Path | None, *, writable: bool = True):
    """The teacher's database as a Session, for the PLG's commands (``session.group``)."""
    from ..dbfile import database_path
    from ..session import Session
    from ..store import Store

    path = database_path(_db(ctx, db))
    if not path.exists():
        raise InvalidInput(
            _("No database at {path}: set one up first with plgcycle init --name NAME").format(
                path=path
            )
        )
    with Store(path, readonly=not writable) as store:
        if store.me is None:
            raise InvalidInput(_("Set up your profile first: plgcycle init --name NAME"))
        yield Session(store, today=_today(ctx))
