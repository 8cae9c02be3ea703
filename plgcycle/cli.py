"""The command line: parses options, opens the store, calls the core or starts the UI.

Kept thin and quick to start: the Textual UI is imported only when it is
started, so ``plgcycle --help`` and ``plgcycle status`` never load it.
Every error a user can cause ends as one readable line and a non-zero exit.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from . import __version__
from .errors import InvalidInput, PlgError
from .i18n import LANGUAGES, N_, _, detect_language, format_date, days_phrase, ngettext, set_language
from .launch import fail


# --- translated help texts ---------------------------------------------------------
# Decorators run at import time, before the language is known, so help texts are
# stored as message ids and translated when click formats them.


class _TranslatedHelp:
    """Help texts, headings and the --help option in the user's language."""

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = _("Show this message and exit.")
        return opt

    def format_usage(self, ctx, formatter) -> None:
        words = {"[OPTIONS]": _("[OPTIONS]"), "[COMMAND]": _("[COMMAND]"),
                 "COMMAND": _("COMMAND"), "[ARGS]...": _("[ARGS]...")}
        pieces = " ".join(self.collect_usage_pieces(ctx)).split(" ")
        formatter.write_usage(ctx.command_path, " ".join(words.get(p, p) for p in pieces),
                              _("Usage: "))

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
                    formatter.write_dl([(name, cmd.get_short_help_str(limit))
                                        for name, cmd in commands])

    def _translated(self, method, *args):
        original = self.help
        self.help = _(original) if original else original
        try:
            return method(*args)
        finally:
            self.help = original


class Command(_TranslatedHelp, click.Command):
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
        # The language must be known before --help is formatted.
        set_language(detect_language(None))
        return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, EOFError):
            raise
        except (PlgError, KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - one line each
            ctx.exit(fail(exc))


def echo(line: str = "", **kwargs) -> None:
    """Print a line that names a file, a folder or a person: controls made visible.

    Names come from people (a folder called ``ESC[2J`` would clear the screen);
    the same filter as every error message (:func:`plgcycle.textsafe.printable`).
    """
    from .textsafe import printable

    click.echo(printable(line), **kwargs)


_YES = {"y", "yes", "j", "ja"}
_NO = {"n", "no", "nee", ""}


def ask_yes_no(question: str) -> bool:
    """A yes/no question answered in the user's language (j/ja and y/yes); default no."""
    from .textsafe import printable

    while True:
        try:
            answer = click.prompt(printable(question) + " " + _("[y/N]"), default="",
                                  show_default=False,
                                  prompt_suffix=" ")
        except click.Abort:
            click.echo()
            return False
        answer = answer.strip().casefold()
        if answer in _YES:
            return True
        if answer in _NO:
            return False
        click.echo(_("Please answer y (yes) or n (no)."))


def option(*names, **kwargs):
    return click.option(*names, cls=Option, **kwargs)


def db_option(func):
    return option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help=N_("Database file (default: PLGCYCLE_DB or the user data folder)."))(func)


def _db(ctx: click.Context, local: Path | None) -> Path | None:
    """A subcommand's --db wins over the group's --db."""
    return local or (ctx.obj or {}).get("db")


def _today(ctx: click.Context) -> date:
    """Today, overridable for reproducible output (PLGCYCLE_TODAY=YYYY-MM-DD)."""
    from .clock import today

    return today()


# --- the group --------------------------------------------------------------------------


@click.group(cls=Group, invoke_without_command=True,
             help=N_("plgcycle: your learning question and the five-step improvement cycle of "
                  "your PLG. Without a command it starts the app."))
@db_option
@option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True,
        callback=lambda ctx, param, value: set_language(value) if value else None,
        expose_value=True,
        help=N_("Language: nl (default) or en. Also PLGCYCLE_LANG."))
@click.version_option(__version__, "--version", prog_name="plgcycle", cls=Option,
                      help=N_("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str | None) -> None:
    set_language(detect_language(lang))
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["lang"] = lang
    if ctx.invoked_subcommand is None:
        from screens.start import run  # deferred: the UI loads only when it is used

        run(db_path=db, lang=detect_language(lang))


# --- status -------------------------------------------------------------------------------


@cli.command(help=N_("Show your learning questions: round, step and next action."))
@db_option
@click.pass_context
def status(ctx: click.Context, db: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .cycle import RecordIndex, action_overdue
    from .model import STEPS, parse_date
    from .store import Store
    from .textsafe import printable

    today = _today(ctx)
    path = _db(ctx, db)
    with Store(path, readonly=True) as store:
        me = store.me
        if not store.path.exists() or me is None:
            echo(_("No learning questions yet in {path}. Run `plgcycle` to start, or "
                         "`plgcycle demo --db demo.json` to look around.").format(path=store.path))
            return
        index = RecordIndex(store.list())
    console = Console(highlight=False, soft_wrap=False)
    person = index.persons.get(me)
    name = person.text("name") if person else ""
    header = Text(printable(name, single_line=True), style="bold")
    meeting = parse_date(person.data.get("next_meeting")) if person else None
    if meeting:
        header.append("  ·  " + _("next meeting: {date} ({when})").format(
            date=format_date(meeting), when=days_phrase((meeting - today).days)))
    console.print(header)
    rounds = index.latest_rounds(owner=me)
    if not rounds:
        console.print(_("You have no learning question yet. Start `plgcycle` and press n."))
    else:
        table = Table(show_lines=True, expand=False)
        table.add_column(_("Learning question"), ratio=3, overflow="fold")
        table.add_column(_("Round"), justify="right", no_wrap=True)
        table.add_column(_("Step"), no_wrap=True)
        table.add_column(_("Next action"), ratio=2, overflow="fold")
        for rnd in rounds:
            view = index.view(rnd.id)
            marks = "".join("●" if done else "○" for done in view.progress)
            step = STEPS[view.current_step - 1]
            step_text = (_("closed") if view.closed
                         else f"{view.current_step} {_(step.title)}")
            table.add_row(Text(printable(view.question)), str(view.number),
                          Text(f"{marks}\n{step_text}"), Text(view.next_action(today)))
        console.print(table)
    actions = [a for a in index.actions_of(me) if not a.data.get("done")]
    if actions:
        console.print(Text(_("Before the next meeting:"), style="bold"))
        for action in actions:
            due = parse_date(action.data.get("due"))
            line = Text("• " + printable(action.text("text"), single_line=True))
            if due:
                late = action_overdue(action, today)
                line.append("  (" + _("by {date}").format(date=format_date(due)) + ", "
                            + days_phrase((due - today).days) + ")",
                            style="bold red" if late else "dim")
                if late:
                    line.append(" " + _("date passed"), style="bold yellow")
            console.print(line)
    others = [r for r in index.latest_rounds() if r.owner != me]
    if others:
        console.print(Text(ngettext("{n} question of a colleague; open plgcycle to read it.",
                                    "{n} questions of colleagues; open plgcycle to read them.",
                                    len(others)).format(n=len(others)), style="dim"))


# --- demo -----------------------------------------------------------------------------------


@cli.command(help=N_("Fill a database with a realistic sample PLG to look around in."))
@db_option
@option("--exports", type=click.Path(file_okay=False, path_type=Path), default=None,
        metavar="DIR",
        help=N_("Write one export file per demo teacher into DIR, to try review, agenda and "
                "report (without --db no database is filled)."))
@click.pass_context
def demo(ctx: click.Context, db: Path | None, exports: Path | None) -> None:
    from . import demo as demo_data
    from .store import Store

    path = _db(ctx, db)
    if exports is not None:
        written = _demo_exports(exports, _today(ctx))
        echo(ngettext("{n} export file written to {folder}.",
                            "{n} export files written to {folder}.", len(written)).format(
                                n=len(written), folder=exports))
        echo(_("Try: plgcycle review {folder}   or   plgcycle report {folder} -o "
                     "report.html").format(folder=exports))
        if path is None:
            return
    with Store(path) as store:
        if store.me is not None or len(store):
            raise InvalidInput(_("{path} already holds data; the demo only fills an empty "
                                 "database. Choose another file with --db.").format(path=store.path))
        me, records = demo_data.build(_today(ctx))
        with store.batch():
            store.apply(records)
            store.set_me(me)
        teachers = sum(1 for r in records if r.kind == "person")
        rounds = sum(1 for r in records if r.kind == "round")
        name = next(r.text("name") for r in records if r.id == me)
        shown = store.path
    echo(_("Sample PLG written to {path}: {teachers} teachers, {rounds} rounds. You are "
                 "{name}.").format(path=shown, teachers=teachers, rounds=rounds, name=name))
    hint = f" --db {shown}" if path else ""
    echo(_("Look around with: plgcycle{db}   or   plgcycle status{db}").format(db=hint))


def _demo_exports(folder: Path, today: date) -> list[Path]:
    """One export per demo teacher: exactly what that teacher would share (own records, no
    private fields), dated ``today`` after the last demo change.  Existing files are never
    overwritten."""
    import re
    import unicodedata
    from datetime import time, timezone

    from . import demo as demo_data
    from .exchange import SUFFIX, envelope, export_records, write_export

    _me, records = demo_data.build(today)
    persons = [r for r in records if r.kind == "person"]
    targets = []
    for person in persons:
        plain = unicodedata.normalize("NFKD", person.text("name")).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or person.id[:8]
        targets.append((person, folder / f"{slug}{SUFFIX}"))
    existing = [str(target) for _p, target in targets if target.exists()]
    if existing:
        raise InvalidInput(_("{path} already exists; choose an empty folder for the demo "
                             "exports.").format(path=existing[0]))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(_("Cannot create the folder {folder}: {reason}.").format(
            folder=folder, reason=exc.strerror or exc)) from exc
    moment = datetime.combine(today, time(16, 0), tzinfo=timezone.utc)
    written = []
    for person, target in targets:
        own = export_records(records, person.id)
        env = envelope(own, {"id": person.id, "name": person.text("name")}, now=moment)
        written.append(write_export(target, env))
    return written


# --- restore --------------------------------------------------------------------------------


def _backup_text(info) -> str:
    """``23 nov 2026 09:00 (12 records)``: when the backup was made and what it holds."""
    made = info.backup.made.astimezone()  # named in UTC, shown in the local time
    if not info.usable:
        what = _("damaged, cannot be restored")
    else:
        what = ngettext("{n} record", "{n} records", info.records).format(n=info.records)
    return f"{format_date(made)} {made:%H:%M} ({what})"


def _backup_line(info) -> str:
    return f"{info.number:>3}.  {_backup_text(info)}"


@cli.command(help=N_("Put a backup back after the database was damaged or something went wrong. "
                     "plgcycle keeps the last few distinct states (--list shows them)."))
@db_option
@option("--list", "show", is_flag=True, help=N_("Only list the backups, with date and number of "
                                                "records; change nothing."))
@option("--pick", type=click.IntRange(1), default=None, metavar="N",
        help=N_("Restore backup number N of the list (1 is the newest)."))
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@click.pass_context
def restore(ctx: click.Context, db: Path | None, show: bool, pick: int | None, yes: bool) -> None:
    from .backups import describe_backups, restore_backup
    from .store import database_path

    path = database_path(_db(ctx, db))
    infos = describe_backups(path)
    if not infos:
        raise PlgError(_("There is no backup of {path}.").format(path=path))
    if show:
        echo(_("Backups of {path} (newest first):").format(path=path))
        for info in infos:
            click.echo(_backup_line(info))
        return
    usable = [info for info in infos if info.usable]
    if pick is not None:
        chosen = next((info for info in infos if info.number == pick), None)
        if chosen is None:
            raise InvalidInput(_("There is no backup number {n}; `plgcycle restore --list` shows "
                                 "them.").format(n=pick))
        if not chosen.usable:
            raise PlgError(_("Backup number {n} is damaged; choose another one (`plgcycle restore "
                             "--list`).").format(n=pick))
    elif not usable:
        raise PlgError(_("Every backup of {path} is damaged; nothing was changed.").format(path=path))
    elif len(infos) > 1 and not yes:
        chosen = _ask_backup(ctx, path, infos, usable[0])
    else:
        chosen = usable[0]
    line = _backup_text(chosen)
    if not yes and not ask_yes_no(_("Replace {path} by the backup of {backup}? The current file is "
                                    "kept beside it.").format(path=path, backup=line)):
        click.echo(_("Nothing was changed."))
        ctx.exit(1)
    kept, restored = restore_backup(path, backup=chosen.backup.path)
    if kept is None:
        echo(_("The backup of {backup} is back in {path}.").format(backup=line, path=restored))
    else:
        echo(_("The backup of {backup} is back in {path}; the previous file is kept as "
                     "{kept}.").format(backup=line, path=restored, kept=kept))


def _ask_backup(ctx: click.Context, path: Path, infos, default):
    """Show the backups and ask which one; the newest usable one is the default."""
    echo(_("Backups of {path} (newest first):").format(path=path))
    for info in infos:
        click.echo(_backup_line(info))
    while True:
        try:
            answer = click.prompt(_("Which backup? Type its number"), default=str(default.number),
                                  prompt_suffix=": ")
        except click.Abort:
            click.echo()
            echo(_("Nothing was changed."))
            ctx.exit(1)
        answer = answer.strip()
        chosen = next((i for i in infos if answer.isdigit() and i.number == int(answer)), None)
        if chosen is not None and chosen.usable:
            return chosen
        if chosen is not None:
            echo(_("That backup is damaged; choose another one."))
        else:
            echo(_("Type a number from the list."))


# --- writing files --------------------------------------------------------------------------


def refuse_own_file(ctx: click.Context, target: Path | None) -> None:
    """Stop (exit code 2) when ``target`` is the database, a backup, its lock or the like."""
    from .outputs import check_output

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


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="plgcycle")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])

from . import cli_exchange  # noqa: E402,F401  (registers commands)
from . import cli_review  # noqa: E402,F401  (registers commands)
