"""Merging export files into one, and describing records and outcomes for people."""

from __future__ import annotations

from pathlib import Path

from plgcycle import exchange
from plgcycle.exchange import PROFILE_PROGRESS, TAKEOVER, plan_import, plan_merge
from plgcycle.model import ROUND
from tests.exchange_helpers import (
    NOW,
    all_records,
    export_env,
    export_file,
    import_into,
    own,
    pid,
    teacher_store,
)

# --- merge ------------------------------------------------------------------------------------------------


def test_merge_without_a_database_and_the_merged_file_reimports(tmp_path):
    files = [export_file(k) for k in ("ahmed", "sanne", "lotte")]
    plan = plan_merge(files)
    env = exchange.merged_envelope(files, plan, NOW)
    assert env["exported_by"] == {
        "id": None,
        "name": "Ahmed El Amrani, Lotte Jansen, Sanne de Vries",
        "key": None,  # merged without a key of one's own: each record counts by its own sig
    }
    assert [s["id"] for s in env["sources"]] == [pid("ahmed"), pid("lotte"), pid("sanne")]
    assert env["profile"] == "full"
    path = exchange.write_export(tmp_path / "merged.plgcycle.json", env)
    merged = exchange.read_export(path)
    assert merged.senders == {pid("ahmed"), pid("lotte"), pid("sanne")}
    assert len(merged.records) == sum(len(f.records) for f in files)
    with teacher_store(tmp_path / "joris.json", "joris") as store:
        summary = import_into(store, [merged]).summaries[0]
        assert not summary.carried and len(summary.added) == len(merged.records)
    # merging merged files keeps the original sources
    again = exchange.merged_envelope([merged, files[0]], plan_merge([merged, files[0]]), NOW)
    assert [s["id"] for s in again["sources"]] == [pid("ahmed"), pid("lotte"), pid("sanne")]


def test_merge_summary_per_file_and_owner_conflicts():
    """Two files disagree on the owner of an id: neither is believed, in every order."""
    rnd = next(r for r in own("ahmed") if r.kind == ROUND)
    clash = rnd.copy()
    clash.owner = pid("lotte")
    lotte = exchange.parse_export(
        exchange.encode(export_env("lotte", records=[*all_records(), clash])),
        Path("lotte.plgcycle.json"),
    )
    ahmed = export_file("ahmed")
    for order in ([ahmed, lotte, ahmed], [lotte, ahmed, ahmed]):
        plan = plan_merge(order)
        assert rnd.id not in plan.writes
        for summary in plan.summaries:
            assert (rnd.id, TAKEOVER) in [(r.id, why) for r, why in summary.ignored]
        by_file = {s.file.label: len(s.added) for s in plan.summaries}
        assert by_file["ahmed.plgcycle.json"] == len(ahmed.records) - 1
        line = next(line for _i, line in exchange.summary_lines(plan) if "iemand anders" in line)
        assert line.startswith(("ahmed.plgcycle.json: ", "lotte.plgcycle.json: "))


def test_a_merge_of_progress_files_is_a_progress_file():
    files = [export_file(k, PROFILE_PROGRESS) for k in ("ahmed", "sanne")]
    assert exchange.merged_envelope(files, plan_merge(files), NOW)["profile"] == PROFILE_PROGRESS
    mixed = files + [export_file("lotte")]
    assert exchange.merged_envelope(mixed, plan_merge(mixed), NOW)["profile"] == "full"


# --- showing records ----------------------------------------------------------------------------------------


def test_descriptions_are_short_and_literal():
    rnd = next(r for r in own("sanne") if r.kind == ROUND)
    rnd.data["question"] = (
        "[red]Hoe[/red] \x1b[2J help ik mijn 4-vwoleerlingen met gerichte feedback?"
    )
    text = exchange.describe(rnd, {pid("sanne"): "Sanne de Vries"}, width=30)
    assert text.startswith("leervraagronde “[red]Hoe[/red] \\x1b[2J")
    assert text.endswith("…” (Sanne de Vries)")
    tomb = rnd.copy()
    tomb.deleted = True
    tomb.data = {}
    assert exchange.describe(tomb) == "leervraagronde (verwijderd)"


def test_summary_in_english(monkeypatch):
    from plgcycle.i18n import set_language

    set_language("en")
    plan = plan_import(own("sanne"), pid("sanne"), [export_file("ahmed")])
    lines = [line for _i, line in exchange.summary_lines(plan)]
    assert lines[0].startswith("ahmed.plgcycle.json — Ahmed El Amrani, 23 Nov 2026 (full)")
    assert lines[1] == "new: 10 · updated: 0 · unchanged: 0 · ignored: 0"
