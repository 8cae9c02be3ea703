"""review.py: the facilitator's figures on small, hand-made groups."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from plgcycle import exchange, review
from plgcycle.errors import ExchangeError, InvalidInput
from plgcycle.model import ACTION, FEEDBACK, MEASURE, PERSON, ROUND, TRYOUT, Record, iso

TODAY = date(2026, 11, 23)


def stamp(days_ago: float) -> str:
    return iso(datetime.combine(TODAY, time(12), tzinfo=UTC) - timedelta(days=days_ago))


class Group:
    """Builds records with exact dates, so every figure can be predicted by hand."""

    def __init__(self):
        self.records: list[Record] = []
        self.n = 0

    def _id(self, prefix: str) -> str:
        """Stable, readable-in-order ids that are real UUIDs (export files require them)."""
        self.n += 1
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"review-test:{prefix}-{self.n:04d}"))

    def add(self, kind, owner, data, days_ago, rid=None) -> Record:
        rec = Record(kind, owner, data, rid or self._id(kind), 1, stamp(days_ago), False)
        self.records.append(rec)
        return rec

    def person(self, name, subgroup="", next_meeting=None, plg="PLG Test") -> str:
        pid = self._id("p")
        data = {"name": name, "subgroup": subgroup, "plg": plg}
        if next_meeting:
            data["next_meeting"] = next_meeting.isoformat()
        self.add(PERSON, pid, data, 100, rid=pid)
        return pid

    def round(
        self,
        owner,
        days_ago,
        *,
        steps=None,
        question="Hoe activeer ik 3 havo?",
        round_no=1,
        parent=None,
        chain=None,
        closed_days_ago=None,
        status=None,
    ) -> Record:
        rid = self._id("r")
        data = {
            "question": question,
            "round_no": round_no,
            "parent": parent,
            "chain": chain or rid,
            "steps": steps or {},
            "closed_at": stamp(closed_days_ago) if closed_days_ago is not None else None,
        }
        if status:
            data["feedback_status"] = status
        return self.add(ROUND, owner, data, days_ago, rid=rid)

    def tryout(self, rnd, days_ago, done=False, planned=True, planned_date=None) -> Record:
        data = {"round": rnd.id, "class_group": "3 havo B", "what": "filmpjes"}
        if planned:
            data.update(success="70%", prediction="meer oefenen")
        if planned_date:
            data["planned_date"] = planned_date
        if done:
            data.update(run_date="2026-11-01", happened="ging goed")
        return self.add(TRYOUT, rnd.owner, data, days_ago)

    def feedback(
        self,
        rnd,
        giver_owner,
        days_ago,
        *,
        giver=None,
        giver_name="X",
        step="approach",
        type_="tip",
    ) -> Record:
        return self.add(
            FEEDBACK,
            giver_owner,
            {
                "round": rnd.id,
                "step": step,
                "type": type_,
                "text": "concreet",
                "giver": giver,
                "giver_name": giver_name,
                "given_on": "2026-11-01",
            },
            days_ago,
        )

    def measure(self, rnd, days_ago, name="Opgaven af", base=50, value=None, unit="%") -> Record:
        return self.add(
            MEASURE,
            rnd.owner,
            {
                "round": rnd.id,
                "name": name,
                "unit": unit,
                "baseline": base,
                "value": value,
                "tryout": None,
            },
            days_ago,
        )

    def action(self, owner, days_ago, due, rnd=None, done=False, text="Filmpje opnemen") -> Record:
        return self.add(
            ACTION,
            owner,
            {
                "text": text,
                "due": due.isoformat() if due else None,
                "done": done,
                "round": rnd.id if rnd else None,
            },
            days_ago,
        )


BASELINE = {"sources": "toets", "findings": "55%"}
APPROACH = {"approach": "filmpjes"}
APPLY = {"conclusions": "werkt", "decision": "adapt"}


def overview(group: Group, **rule) -> review.Overview:
    return review.build_overview(group.records, TODAY, review.StalledRule(**rule))


def row_of(ov: review.Overview, name: str) -> review.Row:
    return next(r for r in ov.rows if r.name == name)


# --- when "no movement" starts ---------------------------------------------------------------


def test_previous_meeting_is_next_meeting_minus_interval():
    g = Group()
    g.person("A", next_meeting=TODAY + timedelta(days=10))
    g.person("B", next_meeting=TODAY + timedelta(days=10))
    g.person("C", next_meeting=TODAY + timedelta(days=3))  # one teacher noted another date
    threshold = review.StalledRule().resolve(TODAY, [r for r in g.records if r.kind == PERSON])
    assert threshold.source == "meeting"
    assert threshold.next_meeting == TODAY + timedelta(days=10)
    assert threshold.since == TODAY + timedelta(days=10) - timedelta(days=review.DEFAULT_INTERVAL)
    assert "vorige bijeenkomst" in threshold.describe()


def test_a_next_meeting_in_the_past_was_the_previous_meeting():
    g = Group()
    g.person("A", next_meeting=TODAY - timedelta(days=4))
    threshold = review.StalledRule(interval=28).resolve(TODAY, g.records)
    assert threshold.since == TODAY - timedelta(days=4)
    assert threshold.next_meeting is None


def test_without_meeting_dates_the_interval_counts_back_from_today():
    threshold = review.StalledRule(interval=30).resolve(TODAY, [])
    assert (threshold.source, threshold.since) == ("interval", TODAY - timedelta(days=30))


def test_given_date_and_days_win_over_the_meeting():
    g = Group()
    g.person("A", next_meeting=TODAY + timedelta(days=10))
    assert review.StalledRule(since=date(2026, 11, 1)).resolve(TODAY, g.records).since == date(
        2026, 11, 1
    )
    days = review.StalledRule(days=7).resolve(TODAY, g.records)
    assert (days.since, days.days) == (TODAY - timedelta(days=7), 7)
    assert "7" in days.describe()


@pytest.mark.parametrize(
    "rule",
    [
        review.StalledRule(since=TODAY + timedelta(days=1)),
        review.StalledRule(days=0),
        review.StalledRule(interval=0),
    ],
)
def test_impossible_rules_are_refused(rule):
    with pytest.raises(InvalidInput):
        rule.validate(TODAY)


def test_stalled_means_no_own_change_since_the_threshold():
    g = Group()
    quiet = g.person("Quiet")
    busy = g.person("Busy")
    edge = g.person("Edge")
    r_quiet = g.round(quiet, 30, steps={"baseline": BASELINE})
    # Feedback from a colleague is not the teacher's own movement.
    g.feedback(r_quiet, busy, 1, giver=busy, giver_name="Busy")
    r_busy = g.round(busy, 30, steps={"baseline": BASELINE})
    g.tryout(r_busy, 2)  # the teacher's own try-out yesterday counts
    g.round(edge, 10)  # exactly on the threshold day: still moving
    ov = overview(g, days=10)
    assert row_of(ov, "Quiet").stalled is True
    assert row_of(ov, "Quiet").days_since == 30
    assert row_of(ov, "Busy").stalled is False
    assert row_of(ov, "Busy").days_since == 2
    assert row_of(ov, "Edge").stalled is False
    assert ov.figures.stalled == 1
    assert review.movement_phrase(row_of(ov, "Quiet")).startswith("geen beweging sinds")
    assert review.filter_rows(ov.rows, stalled=True) == [row_of(ov, "Quiet")]


def test_an_action_on_the_round_is_movement_and_only_the_latest_round_can_be_stalled():
    g = Group()
    a = g.person("A")
    first = g.round(
        a,
        80,
        steps={"baseline": BASELINE, "approach": APPROACH, "apply": APPLY},
        closed_days_ago=60,
    )
    second = g.round(a, 40, round_no=2, parent=first.id, chain=first.id)
    g.action(a, 3, TODAY + timedelta(days=5), rnd=second)
    ov = overview(g, days=20)
    assert [r.round_id for r in ov.rows] == [second.id]
    assert ov.rows[0].stalled is False
    old = ov.row(first.id)
    assert old is not None and old.latest is False and old.stalled is False


def test_the_last_movement_is_the_newest_own_change_whatever_the_timestamps_look_like():
    g = Group()
    a, b, c = g.person("A"), g.person("B"), g.person("C")
    r_a = g.round(a, 30)
    g.tryout(r_a, 12)
    g.feedback(r_a, b, 1, giver=b, giver_name="B")  # someone else's: not A's movement
    r_b = g.round(b, 30)
    # Written elsewhere: another offset, "Z", no microseconds; the text order is not the time order.
    g.tryout(r_b, 20).updated_at = "2026-11-20T23:30:00+05:00"  # 18:30 UTC
    g.measure(r_b, 20).updated_at = "2026-11-20T20:00:00Z"  # 20:00 UTC: the newest
    r_c = g.round(c, 30)
    g.action(c, 0, None, rnd=r_c).updated_at = "not a date"  # skipped
    ov = overview(g, days=10)
    assert row_of(ov, "A").last_activity == datetime.fromisoformat(stamp(12))
    assert row_of(ov, "B").last_activity == datetime(2026, 11, 20, 20, tzinfo=UTC)
    assert row_of(ov, "C").last_activity == datetime.fromisoformat(stamp(30))


# --- the row -----------------------------------------------------------------------------------


def test_row_shows_step_tryout_feedback_action_and_measures():
    g = Group()
    a = g.person("A", subgroup="1")
    b = g.person("B", subgroup="1")
    rnd = g.round(a, 5, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(rnd, 5, done=False, planned_date="2026-11-30")
    fb1 = g.feedback(rnd, b, 4, giver=b, giver_name="B")
    g.feedback(rnd, b, 3, giver=b, giver_name="B", step="baseline")
    rnd.data["feedback_status"] = {fb1.id: "adopted"}
    g.measure(rnd, 5, base=55, value=None)
    g.action(a, 2, TODAY - timedelta(days=1), rnd=rnd)
    row = row_of(overview(g), "A")
    assert row.progress == (True, True, False, False, False)
    assert (row.current_step, row.step_reached) == (3, 2)
    assert row.tryout_state == review.TRYOUT_PLANNED and row.next_tryout == date(2026, 11, 30)
    assert (row.feedback_received, row.feedback_open, row.feedback_on_plan) == (2, 1, 1)
    assert row.feedback_given == 0
    assert row.action_overdue is True and row.action == "Filmpje opnemen"
    assert row.measures == [("Opgaven af", "%", 55.0, None)]
    assert review.step_label(row) == "3 Uitvoeren"
    assert review.step_marks(row.progress) == "●●○○○"
    assert review.tryout_label(row) == "gepland op 30 nov 2026"


def test_row_details_are_worked_out_once_when_first_read_and_match_the_cycle_rules():
    g = Group()
    a = g.person("A")
    g.person("Nobody yet")
    rnd = g.round(a, 5, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(rnd, 5, done=True)
    g.measure(rnd, 5, base=50, value=60)
    ov = overview(g)
    row, empty = row_of(ov, "A"), row_of(ov, "Nobody yet")
    # Listing, counting and sorting by name need none of the details.
    assert ov.figures.questions == 1 and review.sort_rows(ov.rows)[0] is row
    assert not row.details_known
    view = ov.index.view(rnd.id)
    assert row.current_step == view.current_step == 4
    assert row.details_known and row.details.current_step == 4
    assert (row.progress, row.step_reached) == (view.progress, view.step_reached)
    assert (row.tryouts_planned, row.tryouts_done, row.measures) == (
        1,
        1,
        [("Opgaven af", "%", 50.0, 60.0)],
    )
    assert (empty.progress, empty.measures, empty.step_filter) == ((False,) * 5, [], 1)
    with pytest.raises(AttributeError):
        row.no_such_field  # noqa: B018
    fresh = row_of(overview(g), "A")
    with pytest.raises(AttributeError):
        fresh.curent_step  # noqa: B018  (a typo is an error at once ...)
    assert not fresh.details_known  # ... and works nothing out


def test_a_draft_tryout_is_not_called_planned():
    g = Group()
    a = g.person("A")
    rnd = g.round(a, 1, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(rnd, 1, planned=False)
    row = overview(g).rows[0]
    assert row.tryout_state == review.TRYOUT_DRAFT
    assert review.tryout_label(row) == "plan in de maak"


def test_done_action_is_not_overdue_and_an_action_without_round_belongs_to_the_teacher():
    g = Group()
    a = g.person("A")
    g.round(a, 1)
    g.action(a, 1, TODAY - timedelta(days=3), done=True, text="klaar")
    g.action(a, 1, TODAY + timedelta(days=3), text="nog doen")
    row = overview(g).rows[0]
    assert row.action == "nog doen" and not row.action_overdue


# --- group figures ---------------------------------------------------------------------------------


def test_counts_per_step_decisions_and_missing_feedback():
    g = Group()
    teachers = [g.person(name) for name in ("A", "B", "C", "D")]
    g.round(teachers[0], 1)  # step 1
    g.round(teachers[1], 1, steps={"baseline": BASELINE})  # step 2
    r = g.round(teachers[2], 1, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(r, 1, done=True)  # steps 1-3 complete: step 4
    first = g.round(
        teachers[3],
        50,
        steps={
            "baseline": BASELINE,
            "approach": APPROACH,
            "apply": {"conclusions": "x", "decision": "abandon"},
        },
        closed_days_ago=45,
    )
    g.round(
        teachers[3],
        40,
        steps={"baseline": BASELINE, "apply": APPLY},
        closed_days_ago=30,
        round_no=2,
        parent=first.id,
        chain=first.id,
    )
    g.feedback(r, teachers[0], 1, giver=teachers[0], giver_name="A")
    ov = overview(g)
    assert ov.figures.step_counts == {1: 1, 2: 1, 3: 0, 4: 1, 5: 0, review.CLOSED: 1}
    assert ov.figures.decisions == {"adopt": 0, "adapt": 1, "abandon": 1}
    # Open rounds without feedback: A, B (C has some, D is closed).
    assert ov.figures.without_feedback == 2
    assert ov.figures.questions == 4 and ov.figures.teachers == 4
    assert [r.name for r in review.filter_rows(ov.rows, step=review.CLOSED)] == ["D"]
    assert [r.name for r in review.filter_rows(ov.rows, step=4)] == ["C"]


def test_feedback_counts_as_given_by_whoever_wrote_it_down_and_noted_feedback_apart():
    g = Group()
    a, b, c = g.person("Ahmed"), g.person("Bea"), g.person("Cas")
    ra = g.round(a, 1)
    rb = g.round(b, 1)
    g.feedback(ra, b, 1, giver=b, giver_name="Bea")  # in Bea's own export
    g.feedback(ra, a, 1, giver=None, giver_name=" bea ")  # Ahmed noted Bea's oral tip himself
    g.feedback(rb, b, 1, giver=None, giver_name="Mentor Els")  # Bea noted an outsider's tip
    g.feedback(rb, b, 1, giver=b, giver_name="Bea")  # a note to self is no flow
    g.feedback(rb, c, 1, giver=c, giver_name="Cas")
    g.feedback(rb, c, 1, giver=a, giver_name="Ahmed")  # Cas noted what Ahmed said aloud
    ov = overview(g)
    flow = ov.figures.flow
    assert flow == {(b, a): 1, (c, b): 1}  # only what people gave and wrote down themselves
    assert ov.figures.given == {b: 1, c: 1}
    assert ov.figures.noted == {a: 1, b: 1, c: 1}
    assert ov.figures.received == {a: 2, b: 3}
    bea = row_of(ov, "Bea")
    assert bea.feedback_received == 3  # the note to self is not counted
    assert (bea.feedback_given, bea.feedback_noted) == (1, 1)
    ahmed = row_of(ov, "Ahmed")
    assert (ahmed.feedback_given, ahmed.feedback_noted) == (0, 1)  # never Cas's note
    cas = row_of(ov, "Cas")  # no question yet: shown, not counted as a question
    assert (cas.has_question, cas.feedback_given, cas.feedback_noted) == (False, 1, 1)
    assert ov.figures.questions == 2 and ov.figures.without_question == 1
    assert review.step_label(cas) == "nog geen leervraag"


def test_measures_that_moved_follow_the_question_across_rounds():
    g = Group()
    a, b = g.person("A"), g.person("B")
    first = g.round(a, 60, steps={"apply": APPLY}, closed_days_ago=40)
    g.measure(first, 55, base=55, value=68)
    second = g.round(a, 30, round_no=2, parent=first.id, chain=first.id)
    g.measure(second, 20, base=68, value=75)
    rb = g.round(b, 10)
    g.measure(rb, 5, name="Cijfer", base=6.0, value=6.0, unit="")  # did not move
    moved = overview(g).measures_moved
    assert len(moved) == 1
    m = moved[0]
    assert (m.name, m.measure, m.first, m.last, m.change) == ("A", "Opgaven af", 55, 75, 20)
    assert m.points == 4  # R1 start, R1, R2 start, R2


def test_sorting_keeps_names_as_tie_breaker():
    g = Group()
    for name, days, sub in (("Zoë", 40, "B"), ("anna", 2, "B"), ("Bram", 20, "")):
        g.round(g.person(name, subgroup=sub), days)
    ov = overview(g, days=10)
    assert [r.name for r in review.sort_rows(ov.rows, "name")] == ["anna", "Bram", "Zoë"]
    assert [r.name for r in review.sort_rows(ov.rows, "activity")] == ["Zoë", "Bram", "anna"]
    assert [r.name for r in review.sort_rows(ov.rows, "subgroup")] == ["anna", "Zoë", "Bram"]
    assert [r.name for r in review.filter_rows(ov.rows, subgroup="B")] == ["anna", "Zoë"]
    assert ov.subgroups == ["B"]
    with pytest.raises(InvalidInput):
        review.sort_rows(ov.rows, "shoe size")


def test_deleted_records_do_not_count():
    g = Group()
    a = g.person("A")
    rnd = g.round(a, 1)
    g.feedback(rnd, "someone", 1, giver_name="X").deleted = True
    assert overview(g).rows[0].feedback_received == 0


# --- files: full and progress exports -------------------------------------------------------------


def write(path, records, by, profile="full"):
    env = exchange.envelope(
        records, {"id": by, "name": "naam"}, now=datetime(2026, 11, 22, tzinfo=UTC), profile=profile
    )
    return exchange.write_export(path, env)


def progress_round(rnd: Record, progress, **extra) -> Record:
    """What a progress export holds of a round: no step texts, a summary instead."""
    slim = Record(
        ROUND,
        rnd.owner,
        {
            "question": rnd.data["question"],
            "round_no": rnd.data["round_no"],
            "chain": rnd.data["chain"],
            "parent": rnd.data["parent"],
            "closed_at": rnd.data["closed_at"],
            "progress": progress,
            **extra,
        },
        rnd.id,
        rnd.rev,
        rnd.updated_at,
    )
    return slim


def test_progress_exports_show_what_they_hold(tmp_path):
    g = Group()
    a, b, c = g.person("A"), g.person("B"), g.person("C")
    ra = g.round(a, 3, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(ra, 3, done=True)
    rb = g.round(b, 40, steps={"baseline": BASELINE, "approach": APPROACH})
    g.tryout(rb, 40, done=True)
    g.measure(rb, 40, base=1, value=2)
    g.action(b, 40, TODAY - timedelta(days=1), rnd=rb)
    for _ in range(3):  # feedback from C, who sends no file: only B's summary counts it
        g.feedback(rb, c, 40, giver=c, giver_name="C")
    full = write(tmp_path / "a.plgcycle.json", [r for r in g.records if r.owner == a], a)
    # B exports from a database that also holds C's feedback: the real progress profile.
    slim = exchange.export_records(g.records, b, exchange.PROFILE_PROGRESS)
    prog = write(tmp_path / "b.plgcycle.json", slim, b, profile="progress")
    data = review.load_exports([full, prog])
    assert data.limited_owners == {b}
    ov = review.build_overview(data, TODAY, review.StalledRule(days=10))
    row_b = row_of(ov, "B")
    assert row_b.limited and row_b.progress == (True, True, True, False, False)
    assert row_b.current_step == 4
    assert row_b.tryout_state == review.TRYOUT_DONE
    assert row_b.feedback_received == 3
    assert row_b.action == "" and row_b.measures == []
    assert ov.measures_moved == []  # none shared, none invented
    assert not row_of(ov, "A").limited


def test_full_export_wins_over_a_progress_export_of_the_same_teacher(tmp_path):
    g = Group()
    a = g.person("A")
    g.round(a, 2, steps={"baseline": BASELINE})
    mine = list(g.records)
    slim = exchange.export_records(mine, a, exchange.PROFILE_PROGRESS)
    prog = write(tmp_path / "p.plgcycle.json", slim, a, "progress")
    full = write(tmp_path / "f.plgcycle.json", mine, a)
    for order in ([prog, full], [full, prog]):
        data = review.load_exports(order)
        assert data.limited_owners == frozenset()
        row = review.build_overview(data, TODAY).rows[0]
        assert row.progress[0] is True and not row.limited


def test_folders_are_expanded_and_duplicates_read_once(tmp_path):
    g = Group()
    a = g.person("A")
    g.round(a, 1)
    path = write(tmp_path / "a.plgcycle.json", g.records, a)
    (tmp_path / "notes.txt").write_text("not an export", encoding="utf-8")
    assert review.find_exports([tmp_path, path]) == [path]
    data = review.load_exports([tmp_path])
    assert len(data.files) == 1 and data.files[0].records == 2


def test_unusable_inputs_name_the_problem(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ExchangeError, match="geen exportbestanden"):
        review.load_exports([empty])
    with pytest.raises(ExchangeError, match="bestaat niet"):
        review.load_exports([tmp_path / "missing.plgcycle.json"])
    broken = tmp_path / "broken.plgcycle.json"
    broken.write_text(
        json.dumps(
            {"format": "plgcycle-export", "version": 1, "records": [], "checksum": "sha256:0"}
        ),
        encoding="utf-8",
    )
    with pytest.raises(ExchangeError, match="broken.plgcycle.json"):
        review.load_exports([broken])
    with pytest.raises(InvalidInput):
        review.find_exports([])


def test_same_revision_with_different_content_is_counted_as_conflict(tmp_path):
    g = Group()
    a = g.person("A")
    rnd = g.round(a, 1)
    other = rnd.copy()
    other.data["question"] = "Een andere tekst"
    one = write(tmp_path / "1.plgcycle.json", g.records, a)
    two = write(tmp_path / "2.plgcycle.json", [other], a)
    assert review.load_exports([one, two]).conflicts == 1


def test_numbers_are_written_the_dutch_or_english_way():
    from plgcycle import i18n

    assert review.format_number(6.5) == "6,5"
    assert review.format_number(68.0) == "68"
    assert review.measure_text("Cijfer", "", 5.9, 6.6) == "Cijfer: 5,9 → 6,6"
    i18n.set_language("en")
    assert review.format_number(6.5) == "6.5"
    assert review.measure_text("Score", "%", 55, None) == "Score: baseline 55 %"
