"""Translations: every message has a Dutch and an English text; language precedence."""

from __future__ import annotations

import ast
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from plgcycle import i18n

ROOT = Path(__file__).resolve().parents[2]


def _catalog_tool():
    spec = importlib.util.spec_from_file_location("catalog", ROOT / "tools" / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_dutch_and_english_text_and_catalogs_are_compiled():
    problems = _catalog_tool().problems()
    assert problems == [], "\n".join(problems[:40])


def test_dutch_catalog_really_translates():
    catalog = _catalog_tool().merged("nl")
    same = [m.id for m in catalog if m.id and m.string == m.id and isinstance(m.id, str)]
    # A few words are the same in both languages (Feedback, School, top, tip, ...).
    assert len(same) < 0.1 * len(catalog), same


@pytest.mark.parametrize(
    "cli,env,expected",
    [
        ("en", {"PLGCYCLE_LANG": "nl", "LANG": "nl_NL.UTF-8"}, "en"),
        (None, {"PLGCYCLE_LANG": "en", "LANG": "nl_NL.UTF-8"}, "en"),
        (None, {"PLGCYCLE_LANG": "xx", "LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        (None, {"LANGUAGE": "en:nl"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "nl"),
        (None, {"LANG": "C.UTF-8"}, "nl"),
        (None, {}, "nl"),
    ],
)
def test_language_precedence(cli, env, expected):
    assert i18n.detect_language(cli, env) == expected


def test_switching_language():
    i18n.set_language("en")
    assert i18n._("Baseline") == "Baseline"
    i18n.set_language("nl")
    assert i18n._("Baseline") == "Beginsituatie"
    assert i18n.ngettext("in {n} day", "in {n} days", 3).format(n=3) == "over 3 dagen"


def test_dates_and_day_phrases():
    assert i18n.format_date(date(2026, 3, 5)) == "5 mrt 2026"
    assert i18n.format_date("2026-12-01") == "1 dec 2026"
    assert i18n.format_date(None) == "–"
    assert i18n.days_phrase(0) == "vandaag"
    assert i18n.days_phrase(-1) == "1 dag geleden"
    i18n.set_language("en")
    assert i18n.format_date(date(2026, 3, 5)) == "5 Mar 2026"
    assert i18n.days_phrase(2) == "in 2 days"


def test_no_user_facing_string_literals_in_click_help_without_translation():
    """Help texts are wrapped in N_() so they are extracted and translated."""
    bare = []
    for path in sorted((ROOT / "plgcycle" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        bare += [
            (path.name, node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.keyword)
            and node.arg == "help"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ]
    assert bare == []


def _locale_copy(tmp_path):
    import shutil

    copy = tmp_path / "locale"
    shutil.copytree(ROOT / "plgcycle" / "locale", copy)
    return copy


def test_a_translation_changed_without_recompiling_is_stale(tmp_path):
    tool = _catalog_tool()
    locale = _locale_copy(tmp_path)
    assert tool.problems(locale) == []
    po = locale / "nl" / "parts" / "core.po"
    text = po.read_text("utf-8")
    assert 'msgstr "Beginsituatie"' in text
    po.write_text(text.replace('msgstr "Beginsituatie"', 'msgstr "Startsituatie"', 1), "utf-8")
    assert tool.problems(locale) == [
        "nl: nl/LC_MESSAGES/plgcycle.mo is stale; run tools/catalog.py update"
    ]


def test_a_plural_form_changed_without_recompiling_is_stale(tmp_path):
    tool = _catalog_tool()
    locale = _locale_copy(tmp_path)
    po = next(
        p
        for p in (locale / "nl" / "parts").glob("*.po")
        if 'msgstr[1] "over {n} dagen"' in p.read_text("utf-8")
    )
    text = po.read_text("utf-8")
    po.write_text(text.replace('msgstr[1] "over {n} dagen"', 'msgstr[1] "over {n} dag"'), "utf-8")
    assert any("stale" in line for line in tool.problems(locale))


def test_another_compiler_version_in_the_header_is_not_stale(tmp_path):
    tool = _catalog_tool()
    locale = _locale_copy(tmp_path)
    mo = locale / "nl" / "LC_MESSAGES" / "plgcycle.mo"
    data = mo.read_bytes()
    start = data.index(b"Generated-By: Babel ") + len(b"Generated-By: Babel ")
    end = data.index(b"\n", start)
    # Same length, so the compiled file's offsets stay valid: only the header differs.
    other = b"9" * (end - start)
    assert data[start:end] != other
    mo.write_bytes(data[:start] + other + data[end:])
    assert tool.problems(locale) == []


def test_english_is_the_message_ids():
    assert not (ROOT / "plgcycle" / "locale" / "en").exists()
    i18n.set_language("en")
    try:
        assert i18n.ngettext("in {n} day", "in {n} days", 1) == "in {n} day"
        assert i18n.ngettext("in {n} day", "in {n} days", 2) == "in {n} days"
    finally:
        i18n.set_language("nl")
