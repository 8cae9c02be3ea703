"""No screen builds Textual's own check boxes, radio buttons or selection lists.

Those draw the same mark in both states and differ only by colour; plgcycle's
choices (``screens/widgets/tickbox.py``) mark the chosen state with a sign.
"""

from __future__ import annotations

import ast
from pathlib import Path

SCREENS = Path(__file__).resolve().parents[2] / "screens"
COLOUR_ONLY = {"Checkbox", "RadioButton", "SelectionList", "Switch"}
ALLOWED = SCREENS / "widgets" / "tickbox.py"  # where the readable kinds are made


def _built(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Subscript):  # SelectionList[Path](...)
                func = func.value
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in COLOUR_ONLY:
                found.add(name)
    return found


def test_no_screen_builds_a_choice_that_differs_only_by_colour():
    offenders = {
        str(path.relative_to(SCREENS)): sorted(_built(path))
        for path in SCREENS.rglob("*.py")
        if path != ALLOWED and _built(path)
    }
    assert not offenders, f"use screens/widgets/tickbox.py instead: {offenders}"
