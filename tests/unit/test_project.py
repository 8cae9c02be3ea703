"""The project's own set-up: what a newcomer and CI run is what the README says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_block(heading: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split(f"## {heading}\n", 1)[1]
    return re.search(r"```\n(.+?)\n```", section, re.S).group(1).strip()


def test_ci_runs_the_readme_test_command_exactly_in_a_fresh_environment():
    command = _readme_block("Test")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert command in ci.splitlines()
    # The environment is made anew before the command runs.
    assert ci.index("rm -rf .venv") < ci.index(command)
    assert command.startswith("python3 -m venv .venv && ")


def test_both_readme_commands_install_into_their_own_environment_with_the_pins():
    for heading in ("Install and run", "Test"):
        command = _readme_block(heading)
        assert "\n" not in command
        assert command.startswith(
            "python3 -m venv .venv && .venv/bin/pip install -c constraints.txt "
        )
        # Nothing runs from the system Python's scripts after the install.
        assert "&& plgcycle" not in command and "&& python3 -m pytest" not in command


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_package_that_changes_what_the_tests_see_is_pinned_in_one_place():
    pins = _pins()
    for name in (
        "textual",
        "rich",
        "pytest-textual-snapshot",
        "syrupy",
        "babel",
        "hypothesis",
        "pytest",
        "pytest-xdist",
        "tinydb",
        "click",
        "orjson",
        "jsonschema",
    ):
        assert name in pins, name
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    # pyproject.toml holds ranges, never a second exact pin that could disagree.
    assert "==" not in pyproject
