"""The words people read: no Markdown in messages, click's own messages in the user's language,
the guide's words the screen's, and the phrasings a Dutch colleague would use."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgcycle import cycle, exchange
from plgcycle.cli import cli
from plgcycle.exchange.describing import summary_lines
from plgcycle.i18n import _, set_language
from plgcycle.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _catalog_tool():
    spec = importlib.util.spec_from_file_location("catalog", ROOT / "tools" / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_message_uses_markdown_backticks():
    """A terminal prints backticks as they are: "`plgcycle import`"."""
    tool = _catalog_tool()
    with_ticks = sorted(tool._key(m) for m in tool.extract() if "`" in str(tool._key(m)))
    assert with_ticks == []
    dutch = [m.string for m in tool.merged("nl") if m.id and "`" in str(m.string)]
    assert dutch == []


@pytest.mark.parametrize(
    "lang,expected,not_expected",
    [
        ("nl", ["Typ 'plgcycle agenda --help' voor hulp.", "Optie '--db' bestaat niet"], "Try"),
        ("en", ["Try 'plgcycle agenda --help' for help.", "No such option '--db'"], "Typ"),
    ],
)
def test_click_s_own_messages_follow_the_language(lang, expected, not_expected):
    done = CliRunner().invoke(
        cli, ["--lang", lang, "agenda", "--db", "x.json"], prog_name="plgcycle"
    )
    assert done.exit_code == 2
    for text in expected:
        assert text in done.output, done.output
    assert not_expected not in done.output


def test_the_guide_names_the_marks_the_screen_shows():
    """ "Overdue ones are marked **X**": X is what the screen says, in Dutch."""
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    marks = re.findall(r"marked \*\*(.+?)\*\*", guide)
    assert marks, "the guide names no marks any more; drop this test"
    dutch = {str(m.string) for m in _catalog_tool().merged("nl") if m.id}
    assert [m for m in marks if m not in dutch] == []


def test_importing_your_own_export_says_it_is_your_own(tmp_path, clock):
    set_language("nl")
    path = tmp_path / "mijn.json"
    with Store(path, clock=clock) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries"))
        question = store.save(cycle.new_question(me.id, "Hoe help ik 4 vwo?"))
        export = tmp_path / "mijn.plgcycle.json"
        preview = exchange.prepare_export(store.list(include_deleted=True), me.id)
        exchange.export_to(export, preview, store.get(me.id), source=path)
        changed = question.copy()
        changed.data["goal_link"] = "Teamdoel"
        store.save(changed)  # the file is older than what you have now
        plan = exchange.plan_import(store.list(), me.id, [exchange.read_export(export)])
    lines = "\n".join(text for _indent, text in summary_lines(plan))
    assert "dit is je eigen export" in lines, lines
    assert "zijn van jou" not in lines and "is van jou" not in lines


def test_a_count_of_try_outs_reads_as_a_colleague_would_say_it():
    set_language("nl")
    from screens.widgets.round_summary import tryouts_carried_out

    assert tryouts_carried_out(0, 1) == "1 uitprobeermoment gepland, nog niet uitgevoerd"
    assert tryouts_carried_out(1, 1) == "1 uitprobeermoment uitgevoerd"
    assert tryouts_carried_out(1, 3) == "1 van de 3 uitprobeermomenten uitgevoerd"
    assert _("{n} try-out") != "{n} try-out"
