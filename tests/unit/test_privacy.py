"""Private notes and private fields never leave the computer, wherever their text goes.

Real databases on disk, the real command line (click's runner) and real files:
exports in both profiles, a merged file, the reports and the agenda are read
byte for byte.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from plgcycle import cycle, exchange, group, meetings, privacy, scan_rounds
from plgcycle.agenda_proposal import propose
from plgcycle.cli import cli
from plgcycle.model import (
    DATE,
    FIELDS_BY_KIND,
    KINDS,
    NOTES,
    ROUND,
    STEPS,
    TRYOUT,
    TRYOUT_PLAN_FIELDS,
    TRYOUT_RUN_FIELDS,
    Record,
    notes_paths,
    private_field_paths,
    step_data,
)
from plgcycle.report import render
from plgcycle.review import build_overview, load_exports
from plgcycle.session import Session
from plgcycle.store import Store
from tests.exchange_helpers import NOW, TODAY, import_into

MARK = "PRIVMARK"  # letters only: no report, agenda or file format escapes or splits it
QUESTION = "Hoe krijg ik 2 havo A met exit tickets actiever aan het werk?"


class Markers:
    """Unique private texts, one per field, so that a leak names the field it came from."""

    def __init__(self) -> None:
        self.by_text: dict[str, str] = {}
        self._numbers = itertools.count(1)

    def new(self, where: str) -> str:
        text = f"{MARK}{next(self._numbers):04d}Q"
        self.by_text[text] = where
        return text

    def leaks(self, payload: bytes) -> list[str]:
        text = payload.decode("utf-8-sig")
        found = [f"{marker} ({where})" for marker, where in self.by_text.items() if marker in text]
        if not found and MARK in text:  # part of a marker: still a leak
            found.append(text[text.index(MARK) :][:40])
        return found


def _set(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _get(data: dict, path: str):
    node = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def make_private(record: Record, markers: Markers, *, leave: tuple[str, ...] = ()) -> Record:
    """Every field of the record's kind that can be private: a marker text, marked private.

    Read from the field definitions (``model.private_field_paths``), so a new
    free-text field is covered without touching this test.  Every private note
    of the kind gets a marker too, and so does a note on the record itself.
    Paths in ``leave`` are left as they are, value and mark.
    """
    for path in private_field_paths(record.kind):
        if path not in leave:
            _set(record.data, path, markers.new(f"{record.kind} {path}"))
            record.set_private(path, True)
    for path in dict.fromkeys((*notes_paths(record.kind), NOTES)):
        _set(record.data, path, markers.new(f"{record.kind} {path}"))
    return record


def _tryout(rnd: Record, me: str, markers: Markers, planned: str, run: str) -> Record:
    tryout = cycle.new_tryout(rnd, me)
    for f in FIELDS_BY_KIND[TRYOUT]:
        if f.type == DATE:
            tryout.data[f.key] = run if f.key == "run_date" else planned
    return make_private(tryout, markers)


def private_database(path: Path, markers: Markers) -> dict[str, Record]:
    """A teacher's database in which every text that can be private is, and holds a marker.

    Sanne's first round is closed (every step filled, all of it private) and a
    next round carries its conclusions and plan; both rounds have try-outs,
    measures and actions; Sanne gave feedback on a colleague's round.
    """
    with Store(path) as store:
        me = store.create_me(
            make_private(
                cycle.new_person(
                    "Sanne de Vries",
                    school="Stedelijk College",
                    subgroup="A",
                    plg="PLG Noord",
                    next_meeting="2026-12-05",
                ),
                markers,
            )
        )
        ahmed = cycle.new_person("Ahmed El Amrani", subgroup="A", next_meeting="2026-12-05")
        theirs = cycle.new_question(ahmed.id, "Hoe laat ik 3 havo B actiever oefenen?")
        for rec in (ahmed, theirs):
            rec.rev, rec.updated_at = 1, "2026-11-01T09:00:00.000000+00:00"
        store.apply([ahmed, theirs])  # as an import would put them there

        first = make_private(cycle.new_question(me.id, QUESTION), markers)
        first = store.save(cycle.close_round(first, "adapt", now=NOW))
        # The next round as the cycle starts it: what it carries is left as it was copied.
        second = make_private(
            cycle.start_next_round(first, ()),
            markers,
            leave=tuple(p for p in private_field_paths(ROUND) if p.startswith("carried.")),
        )
        second = store.save(second)
        saved = {"me": me, "first": first, "second": second}
        for number, rnd in enumerate((first, second), start=1):
            tryout = store.save(
                _tryout(
                    rnd, me.id, markers, f"2026-1{number}-0{number}", f"2026-1{number}-1{number}"
                )
            )
            measure = cycle.new_measure(
                rnd, me.id, "Opgaven af", tryout=tryout, unit="%", baseline=55, value=60 + number
            )
            store.save(make_private(measure, markers))
            action = cycle.new_action(me.id, "placeholder", "2026-11-20", rnd)
            action.data["done"] = number == 1
            store.save(make_private(action, markers))
            saved[f"tryout{number}"] = tryout
        feedback = cycle.new_feedback(
            theirs,
            me.id,
            "tip",
            "Zet er een controlevraag bij.",
            "Sanne de Vries",
            giver=me.id,
            step="approach",
            given_on="2026-11-20",
        )
        store.save(make_private(feedback, markers))
        # Sanne keeps the PLG: its record and a meeting, each with notes and a logbook entry.
        plg = group.set_subgroup(group.new_plg(me.id, "PLG Noord"), "A", [me.id, ahmed.id])
        meeting = meetings.add_line(
            meetings.new_meeting(plg, me.id, date(2026, 12, 5)), "agreements", "Afspraak"
        )
        for record in (plg, meeting):
            record = meetings.set_logbook(record, ahmed.id, markers.new(f"{record.kind} logbook"))
            saved[record.kind] = store.save(make_private(record, markers))
        # And its school scan: a round, and Sanne's own answers, each with a private note.
        scan_round = scan_rounds.new_round(
            plg, me.id, "Moment 1", date(2026, 12, 31), opens=date(2026, 11, 1)
        )
        saved[scan_round.kind] = store.save(make_private(scan_round, markers))
        response = scan_rounds.new_response(
            scan_round, me.id, "teacher", {"buy_in.1": 4}, {"buy_in.1": 5}, date(2026, 11, 20)
        )
        saved[response.kind] = store.save(make_private(response, markers))
    return saved


def run(*args) -> str:
    result = CliRunner().invoke(
        cli,
        [str(a) for a in args],
        env={"PLGCYCLE_TODAY": TODAY.isoformat()},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def export(db: Path, target: Path, profile: str) -> Path:
    run("export", "--db", db, "--profile", profile, "-o", target, "--yes")
    return target


# --- 1. a private text stays private where it is carried -------------------------------------------


def test_private_conclusions_and_plan_stay_private_in_the_next_round(tmp_path):
    db = tmp_path / "sanne.json"
    with Store(db) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries"))
        rnd = cycle.new_question(me.id, QUESTION)
        rnd = cycle.save_step(
            rnd,
            "apply",
            {
                "conclusions": "GEHEIMCONCLUSIE Jan uit 4A",
                "decision": "adapt",
                "next": "GEHEIMPLAN",
            },
        )
        rnd.set_private("steps.apply.conclusions", True)  # ctrl+o on both fields
        rnd.set_private("steps.apply.next", True)
        closed = store.save(cycle.close_round(rnd, "adapt", now=NOW))
        following = store.save(cycle.start_next_round(closed, ()))

    assert following.data["carried"]["conclusions"] == "GEHEIMCONCLUSIE Jan uit 4A"
    assert following.is_private("carried.conclusions") and following.is_private("carried.next")
    assert not following.is_private("carried.decision")
    for profile in ("full", "progress"):
        path = export(db, tmp_path / f"{profile}.plgcycle.json", profile)
        payload = path.read_bytes()
        assert b"GEHEIM" not in payload, profile
        carried = next(r for r in exchange.read_export(path).records if r.id == following.id)
        assert carried.data["carried"]["conclusions"] is True  # filled in, not shared
        assert carried.data["carried"]["decision"] == "adapt"
    with Store(db, readonly=True) as store:
        preview = exchange.prepare_export(store.list(include_deleted=True), me.id)
    assert preview.private_left_out == 4  # two texts, each in two rounds


def test_a_carried_copy_follows_its_source_when_marked_afterwards(tmp_path):
    """A next round started before the conclusions were marked private: the copy follows."""
    rnd = cycle.new_question("p1", QUESTION)
    rnd = cycle.close_round(
        cycle.save_step(rnd, "apply", {"next": "GEHEIMPLAN"}), "adopt", "GEHEIMCONCLUSIE", now=NOW
    )
    following = cycle.start_next_round(rnd, ())
    assert not following.private_paths
    marked = rnd.copy()
    marked.set_private("steps.apply.conclusions", True)
    # What an export or review makes of it, even before the copy has its own mark:
    shared = privacy.shareable_records([marked, following])
    assert shared[1].data["carried"] == {
        "conclusions": True,
        "decision": "adopt",
        "next": "GEHEIMPLAN",
    }
    # ... and the cycle gives the copy the mark, to be saved with the round.
    (updated,) = cycle.carried_privacy(marked, [rnd, following])
    assert updated.id == following.id and updated.private_paths == {"carried.conclusions"}
    marked.set_private("steps.apply.conclusions", False)
    (shared_again,) = cycle.carried_privacy(marked, [updated])
    assert not shared_again.private_paths
    assert cycle.carried_privacy(marked, [shared_again]) == []


def test_the_review_of_your_own_database_never_holds_a_private_text():
    """The review, its reports and the agenda read only what colleagues may see."""
    rnd = cycle.new_question("p1", QUESTION)
    rnd = cycle.save_step(
        rnd, "baseline", {"sources": "Toetsen", "findings": "GEHEIM", "notes": "GEHEIMNOTITIE"}
    )
    rnd.set_private("steps.baseline.findings", True)
    action = cycle.new_action("p1", "GEHEIMACTIE", "2026-12-01", rnd)
    action.set_private("text", True)
    person = cycle.new_person("Sanne")
    person.id = person.owner = "p1"
    overview = build_overview([person, rnd, action], TODAY)
    kept = overview.index.rounds[rnd.id]
    assert step_data(kept, "baseline") == {"sources": "Toetsen", "findings": True}
    (row,) = overview.rows
    assert row.progress[0] is True
    assert row.action == "ingevuld, niet gedeeld"  # there is an action; its words stay home
    assert "GEHEIM" not in render(overview, "md") + propose(overview).to_markdown()
    assert rnd.data["steps"]["baseline"]["findings"] == "GEHEIM"  # the original is untouched


def test_a_private_text_is_not_found_by_searching_for_it():
    rnd = cycle.new_question("p2", "Hoe help ik 4 vwo met GEHEIM?")
    rnd.set_private("question", True)
    other = cycle.new_question("p2", "Hoe help ik 4 vwo met betogen?")
    index = cycle.RecordIndex([rnd, other])
    assert cycle.matching_rounds(index, [rnd, other], "geheim") == []
    assert cycle.matching_rounds(index, [rnd, other], "betogen") == [other]


# --- 2. both profiles give the same step marks --------------------------------------------------------


def _round_at(me: str, reached: int) -> list[Record]:
    """A round with steps 1..reached complete, every required text private (try-outs too)."""
    rnd = cycle.new_question(me, f"Vraag {reached}")
    for step in STEPS[:reached]:
        values = {
            f.key: "adopt" if f.key == "decision" else f"GEHEIM {step.key} {f.key}"
            for f in step.fields
            if f.required
        }
        rnd = cycle.save_step(rnd, step.key, values)
        for f in step.fields:
            if f.required and f.can_be_private:
                rnd.set_private(f"steps.{step.key}.{f.key}", True)
    if reached < 2:
        return [rnd]
    tryout = cycle.new_tryout(rnd, me)
    for f in TRYOUT_PLAN_FIELDS + (TRYOUT_RUN_FIELDS if reached >= 3 else ()):
        if f.required and f.type == DATE:
            tryout.data[f.key] = "2026-11-10"
        elif f.required:
            tryout.data[f.key] = f"GEHEIM {f.key}"
            tryout.set_private(f.key, True)
    if reached >= 4:  # a result: what was observed
        tryout.data["observations"] = "GEHEIM waarnemingen"
        tryout.set_private("observations", True)
    return [rnd, tryout]


def test_full_and_progress_exports_give_the_same_step_marks(tmp_path):
    db = tmp_path / "sanne.json"
    with Store(db) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries"))
        for reached in range(6):
            store.save_many(_round_at(me.id, reached))
        own = cycle.RecordIndex(store.list())
        expected = {rid: own.view(rid).progress for rid in own.rounds}
    assert sorted(sum(p) for p in expected.values()) == [0, 1, 2, 3, 4, 5]
    marks = {}
    for profile in ("full", "progress"):
        path = export(db, tmp_path / f"{profile}.plgcycle.json", profile)
        assert b"GEHEIM" not in path.read_bytes()
        overview = build_overview(load_exports([path]), TODAY)
        marks[profile] = {
            row.round_id: (row.progress, row.step_reached, row.current_step)
            for row in overview.rows
        }
        assert {rid: m[0] for rid, m in marks[profile].items()} == expected, profile
    assert marks["full"] == marks["progress"]


def test_a_filled_private_field_travels_as_filled_and_a_colleague_can_import_it(tmp_path):
    """``true`` says "filled in, not shared": it is not the private text, so the import takes it."""
    db = tmp_path / "sanne.json"
    with Store(db) as store:
        me = store.create_me(cycle.new_person("Sanne de Vries"))
        (rnd,) = store.save_many(_round_at(me.id, 1))
    path = export(db, tmp_path / "sanne.plgcycle.json", "full")
    raw = json.loads(path.read_text("utf-8"))
    shared = next(r for r in raw["records"] if r["id"] == rnd.id)["data"]
    assert shared["steps"]["baseline"] == {"sources": True, "findings": True}
    assert "private" not in shared
    with Store(tmp_path / "ahmed.json") as colleague:
        colleague.create_me(cycle.new_person("Ahmed El Amrani"))
        plan = import_into(colleague, [exchange.read_export(path)])
        assert plan.changes == 2
        imported = colleague.get(rnd.id)
        assert cycle.RoundView(imported).progress[0] is True
        assert "steps.baseline.findings" in exchange.withheld_paths(imported)


# --- 3. nothing private in any file made from the database --------------------------------------------


def test_no_byte_of_any_export_report_agenda_or_merged_file_holds_a_private_text(tmp_path):
    markers = Markers()
    db = tmp_path / "sanne.json"
    saved = private_database(db, markers)
    stored = db.read_bytes().decode("utf-8")
    assert all(marker in stored for marker in markers.by_text), "the database holds every text"
    # Every kind holds private texts; the next round holds copies of the first one's.
    assert {where.split()[0] for where in markers.by_text.values()} == set(KINDS)
    second = saved["second"]
    assert _get(second.data, "carried.conclusions") == _get(
        saved["first"].data, "steps.apply.conclusions"
    )

    # The agenda Sanne keeps with her PLG's meeting travels in her export too.
    with Store(db) as store:
        session = Session(store, today=TODAY)
        own = build_overview(session.records(), TODAY)
        kept = session.group.save_agenda(propose(own, context=session.group.proposal_context()))
    assert any(p.get("items") for p in kept.data["parts"])

    full = export(db, tmp_path / "sanne.plgcycle.json", "full")
    progress = export(db, tmp_path / "sanne-voortgang.plgcycle.json", "progress")
    merged = tmp_path / "merged.plgcycle.json"
    run("merge", full, progress, "-o", merged, "--yes")
    outputs = [full, progress, merged]
    for fmt in ("md", "html", "csv"):
        target = tmp_path / f"report.{fmt}"
        run("report", full, progress, "--format", fmt, "-o", target)
        outputs.append(target)
    agenda = tmp_path / "agenda.md"
    run("agenda", full, progress, "-o", agenda)
    outputs.append(agenda)
    # The same views made straight from the database (the app's review, report and agenda).
    with Store(db, readonly=True) as store:
        overview = build_overview(store.list(), TODAY)
    for fmt in ("md", "html", "csv"):
        target = tmp_path / f"own-report.{fmt}"
        target.write_text(render(overview, fmt), encoding="utf-8")
        outputs.append(target)
    target = tmp_path / "own-agenda.md"
    target.write_text(propose(overview).to_markdown(), encoding="utf-8")
    outputs.append(target)

    for path in outputs:
        payload = path.read_bytes()
        assert payload, path.name
        assert markers.leaks(payload) == [], path.name
    # Not vacuous: the reports name the round, and the filled private texts count as filled.
    assert QUESTION.encode() in (tmp_path / "report.md").read_bytes()
    shared = {r.id: r for r in exchange.read_export(full).records}
    assert shared[second.id].data["carried"]["conclusions"] is True
    assert cycle.RoundView(shared[saved["first"].id]).progress[0] is True
