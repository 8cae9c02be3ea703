"""The exchange package itself: what it re-exports, the order of its modules, what loads when."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import plgcycle.exchange as exchange

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plgcycle" / "exchange"


def _relative_imports(path: Path) -> dict[str, set[str]]:
    """Per submodule imported with ``from .x import ...``: the names imported."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.setdefault(node.module or "", set()).update(a.name for a in node.names)
    return found


def test_every_re_exported_name_is_the_object_of_its_submodule():
    import importlib

    assert sorted(exchange.__all__) == sorted(exchange._WHERE)
    assert len(set(exchange.__all__)) == len(exchange.__all__)
    for name in exchange.__all__:
        module = importlib.import_module(f"plgcycle.exchange.{exchange._WHERE[name]}")
        assert getattr(exchange, name) is getattr(module, name), name
    # what type checkers read says the same as what runs
    stated = _relative_imports(PACKAGE / "__init__.py")
    assert stated == {module: set(names) for module, names in exchange._SOURCES.items()}


def test_no_name_of_the_package_is_also_the_name_of_a_submodule():
    submodules = {p.stem for p in PACKAGE.glob("*.py")}
    assert not submodules & set(exchange.__all__)


def test_the_submodules_import_each_other_in_one_order_and_never_the_package():
    graph = {
        p.stem: set(_relative_imports(p)) for p in PACKAGE.glob("*.py") if p.stem != "__init__"
    }
    for module, uses in graph.items():
        assert "" not in uses, f"{module} imports the package itself"
        assert uses <= graph.keys(), module
    done: list[str] = []
    while len(done) < len(graph):
        ready = sorted(m for m, uses in graph.items() if m not in done and uses <= set(done))
        assert ready, f"an import cycle among {sorted(graph.keys() - set(done))}"
        done.extend(ready)


def test_opening_a_database_loads_only_the_record_rules(tmp_path):
    from tests.exchange_helpers import teacher_store

    path = tmp_path / "sanne.json"
    teacher_store(path, "sanne").close()
    code = (
        "import sys; from plgcycle.store import Store\n"
        "with Store(sys.argv[1]) as store:\n"
        "    assert store.list()\n"
        "print(sorted(m for m in sys.modules if m.startswith('plgcycle.exchange')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == str(
        sorted(
            f"plgcycle.exchange{m}"
            for m in (
                "",
                ".record_rules",
                ".schema",
                ".schema_compiler",
                ".schema_fast",
                ".schema_leaves",
                ".validators",
            )
        )
    )


def test_the_core_and_the_cli_do_not_load_the_ui_or_the_schema_library_to_start():
    code = (
        "import sys; import plgcycle.exchange, plgcycle.cli.group; "
        "from plgcycle.exchange import *; "
        "print(sorted(m for m in ('textual', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
