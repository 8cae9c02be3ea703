"""The command-line package's shape: one registry of commands, no import circles.

Every command is registered in :data:`plgcycle.cli.group.COMMANDS`; a command
module left out of it, or a command added to a module but not to the list,
fails here.  Imports are read from the source (deferred ones inside functions
too), so a circle that only closes at run time is caught as well.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import click

import plgcycle.cli
from plgcycle.cli.group import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plgcycle" / "cli"
# The modules that are not command modules; every other module in the package defines commands.
FRAME = {
    "plgcycle.cli",
    "plgcycle.cli.click_texts",
    "plgcycle.cli.common",
    "plgcycle.cli.failure",
    "plgcycle.cli.group",
}


def package_modules() -> list[str]:
    return ["plgcycle.cli"] + [
        f"plgcycle.cli.{info.name}" for info in pkgutil.iter_modules(plgcycle.cli.__path__)
    ]


def defined_commands(module) -> list[click.Command]:
    """The commands a module defines itself (not those it imported)."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, click.Command)
        and value is not cli  # the group everything is registered in
        and getattr(value.callback, "__module__", None) == module.__name__
    ]


def registered() -> list[click.Command]:
    """The commands in the one registry, and the subcommands of its groups (``plg show``)."""
    out = []
    for command in COMMANDS:
        out.append(command)
        if isinstance(command, click.Group):
            out.extend(command.commands.values())
    return out


def imported_modules(name: str) -> set[str]:
    """Every module ``name`` imports anywhere in its source, as absolute names."""
    path = PACKAGE / ("__init__.py" if name == "plgcycle.cli" else f"{name.rsplit('.', 1)[1]}.py")
    package = name if name == "plgcycle.cli" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = (
                importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                if node.level
                else node.module or ""
            )
            found.add(base)
            # ``from . import teacher`` imports a module, not a name
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def package_imports() -> dict[str, set[str]]:
    modules = set(package_modules())
    return {
        name: {m for m in imported_modules(name) if m in modules and m != name} for name in modules
    }


def test_every_command_of_the_package_is_in_the_one_registry():
    defined = []
    for name in package_modules():
        module = importlib.import_module(name)
        commands = defined_commands(module)
        if name not in FRAME:
            assert commands, f"{name} defines no command: list it in FRAME or add a command"
        defined.extend(commands)
    assert sorted(c.name for c in defined) == sorted(c.name for c in registered())
    assert {id(c) for c in defined} == {id(c) for c in registered()}
    assert len(COMMANDS) == len({c.name for c in COMMANDS}), "two commands share a name"
    assert cli.commands == {c.name: c for c in COMMANDS}


def test_the_group_is_the_one_of_the_package():
    assert plgcycle.cli.cli is cli
    assert {
        "status",
        "demo",
        "restore",
        "export",
        "import",
        "merge",
        "review",
        "agenda",
        "report",
    } <= set(cli.commands)


def test_command_modules_import_only_the_common_helpers_from_the_package():
    for name, imports in package_imports().items():
        if name not in FRAME:
            assert imports <= {"plgcycle.cli.common"}, (name, imports)
    assert package_imports()["plgcycle.cli.common"] <= {"plgcycle.cli.failure"}
    assert package_imports()["plgcycle.cli.failure"] == set()


def test_the_package_has_no_import_circle():
    graph = package_imports()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join(path + (name,))
        if name in done:
            return
        for target in graph[name]:
            if target != "plgcycle.cli":  # the parent package, imported with every module
                visit(target, path + (name,))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_the_ui_never_imports_the_command_line_and_the_core_never_starts_the_ui():
    offenders = []
    for path in (ROOT / "screens").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            if any(n == "plgcycle.cli" or n.startswith("plgcycle.cli.") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    for path in (ROOT / "plgcycle").rglob("*.py"):
        if PACKAGE in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(n == "screens" or n.startswith("screens.") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
