"""The rules of the five-step cycle: completeness, current step, next action, rounds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plgcycle import cycle, demo, i18n
from plgcycle.cycle import RecordIndex, RoundView
from plgcycle.errors import InvalidInput
from plgcycle.model import ABANDON, ADAPT, ADOPT, STEP_KEYS, STEPS, step_data

ME = "11111111-1111-4111-8111-111111111111"
TODAY = date(2026, 11, 23)


def question(text="Hoe laat ik 3 havo actiever oefenen?"):
    return cycle.new_question(ME, text)


def full_plan(rnd, **extra):
    fields = dict(
        class_group="3 havo B",
        what="filmpjes",
        success="70% af",
        prediction="meer leerlingen aan het werk",
    )
    fields.update(extra)
    return cycle.new_tryout(rnd, ME, **fields)


def test_five_steps_in_order_with_dutch_titles():
    assert STEP_KEYS == ("baseline", "approach", "implement", "analyse", "apply")
    assert [s.number for s in STEPS] == [1, 2, 3, 4, 5]
    assert [i18n._(s.title) for s in STEPS] == [
        "Beginsituatie",
        "Aanpak",
        "Uitvoeren",
        "Effect",
        "Toepassen",
    ]


def test_new_question_starts_round_one_of_its_own_chain():
    rnd = question()
    assert rnd.data["round_no"] == 1 and rnd.data["chain"] == rnd.id
    assert rnd.data["parent"] is None
    view = RoundView(rnd)
    assert view.progress == (False,) * 5
    assert view.current_step == 1 and view.step_reached == 0


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_question_is_refused(text):
    with pytest.raises(InvalidInput, match="leervraag"):
        cycle.new_question(ME, text)


def test_baseline_needs_sources_and_findings():
    rnd = cycle.save_step(question(), "baseline", {"sources": "toets hoofdstuk 3"})
    assert not cycle.step_complete("baseline", rnd)
    rnd = cycle.save_step(rnd, "baseline", {"findings": "  "})
    assert not cycle.step_complete("baseline", rnd), "whitespace is not content"
    rnd = cycle.save_step(rnd, "baseline", {"findings": "55% maakt de opgaven af"})
    assert cycle.step_complete("baseline", rnd)


def test_private_notes_alone_do_not_complete_or_start_a_step():
    rnd = cycle.save_step(question(), "baseline", {"notes": "eigen gedachten"})
    view = RoundView(rnd)
    assert not view.step_complete("baseline")
    assert view.step_reached == 0


def test_approach_needs_a_fully_planned_tryout_including_prediction():
    rnd = cycle.save_step(question(), "approach", {"approach": "filmpjes vooraf"})
    assert not cycle.step_complete("approach", rnd, [])
    no_prediction = full_plan(rnd, prediction="")
    assert not cycle.step_complete("approach", rnd, [no_prediction])
    assert cycle.step_complete("approach", rnd, [full_plan(rnd)])
    without_approach = question()
    assert not cycle.step_complete("approach", without_approach, [full_plan(without_approach)])


def test_implement_needs_a_tryout_logged_as_carried_out():
    rnd = question()
    plan = full_plan(rnd)
    assert not cycle.step_complete("implement", rnd, [plan])
    plan.data.update(run_date="2026-11-20")
    assert not cycle.step_complete("implement", rnd, [plan])
    plan.data.update(happened="ging goed")
    assert cycle.step_complete("implement", rnd, [plan])


def test_effect_needs_analysis_and_a_result():
    rnd = cycle.save_step(question(), "analyse", {"worked": "de start"})
    plan = full_plan(rnd, run_date="2026-11-20", happened="ok")
    assert not cycle.step_complete("analyse", rnd, [plan], [])
    measure = cycle.new_measure(rnd, ME, "opgaven af", tryout=plan, baseline=55, value=None)
    assert not cycle.step_complete("analyse", rnd, [plan], [measure])
    measure.data["value"] = 68
    assert cycle.step_complete("analyse", rnd, [plan], [measure])
    observed = full_plan(rnd, observations="meer vragen aan elkaar")
    assert cycle.step_complete("analyse", rnd, [observed], [])
    assert not cycle.step_complete("analyse", question(), [observed], [])


def test_apply_needs_conclusions_and_a_valid_decision():
    rnd = cycle.save_step(question(), "apply", {"conclusions": "werkt"})
    assert not cycle.step_complete("apply", rnd)
    rnd = cycle.save_step(rnd, "apply", {"decision": ADOPT})
    assert cycle.step_complete("apply", rnd)
    with pytest.raises(InvalidInput):
        cycle.save_step(rnd, "apply", {"decision": "maybe"})


def test_any_step_can_be_visited_in_any_order():
    rnd = cycle.save_step(question(), "apply", {"conclusions": "eerst opgeschreven"})
    rnd = cycle.save_step(rnd, "baseline", {"sources": "a", "findings": "b"})
    view = RoundView(rnd)
    assert view.progress == (True, False, False, False, False)
    assert view.current_step == 2
    assert view.step_reached == 5, "something was written at step 5"
    assert step_data(rnd, "apply")["conclusions"] == "eerst opgeschreven"


def test_save_step_refuses_unknown_steps_and_fields_and_leaves_the_original():
    rnd = question()
    with pytest.raises(InvalidInput):
        cycle.save_step(rnd, "step6", {})
    with pytest.raises(InvalidInput):
        cycle.save_step(rnd, "baseline", {"student_name": "x"})
    updated = cycle.save_step(rnd, "baseline", {"sources": "x"})
    assert step_data(rnd, "baseline") == {}
    assert step_data(updated, "baseline") == {"sources": "x"}


def walk_to(stage: int):
    rnd = question()
    tryouts, measures = [], []
    if stage >= 2:
        rnd = cycle.save_step(rnd, "baseline", {"sources": "toets", "findings": "laag"})
    if stage >= 3:
        rnd = cycle.save_step(rnd, "approach", {"approach": "filmpjes"})
        tryouts.append(full_plan(rnd, planned_date="2026-11-26"))
    if stage >= 4:
        tryouts[0].data.update(run_date="2026-11-26", happened="gedaan")
    if stage >= 5:
        rnd = cycle.save_step(rnd, "analyse", {"worked": "start"})
        measures.append(cycle.new_measure(rnd, ME, "af", baseline=55, value=68))
    return RoundView(rnd, tryouts, measures)


@pytest.mark.parametrize(
    "stage,phrase",
    [
        (1, "beginsituatie"),
        (2, "aanpak"),
        (3, "26 nov 2026"),
        (4, "voorspelling"),
        (5, "besluit"),
    ],
)
def test_current_step_and_next_action_follow_the_cycle(stage, phrase):
    view = walk_to(stage)
    assert view.current_step == stage
    assert phrase in view.next_action(TODAY).lower()


def test_next_action_is_translated():
    view = walk_to(1)
    i18n.set_language("en")
    assert view.next_action(TODAY).startswith("Map the baseline")


def test_close_round_needs_conclusions_and_a_decision():
    rnd = question()
    with pytest.raises(InvalidInput):
        cycle.close_round(rnd, "later")
    with pytest.raises(InvalidInput, match="conclusies"):
        cycle.close_round(rnd, ADAPT)
    moment = datetime(2026, 11, 23, 12, tzinfo=UTC)
    closed = cycle.close_round(rnd, ADAPT, "filmpjes werken voor wie ze kijkt", now=moment)
    assert closed.data["closed_at"].startswith("2026-11-23T12:00")
    assert RoundView(closed).decision == ADAPT and RoundView(closed).closed
    assert "volgende ronde" in RoundView(closed).next_action(TODAY)
    dropped = cycle.close_round(rnd, ABANDON, "past niet")
    assert "losgelaten" in RoundView(dropped).next_action(TODAY)
    assert not RoundView(cycle.reopen_round(closed, [closed])).closed


def test_next_round_carries_question_and_conclusions_and_links_parent():
    first = cycle.save_step(question(), "apply", {"next": "filmpjeshoek"})
    with pytest.raises(InvalidInput, match="eerst af"):
        cycle.start_next_round(first, [first])
    closed = cycle.close_round(first, ADAPT, "vangnet nodig")
    second = cycle.start_next_round(closed, [closed])
    assert second.id != first.id and second.owner == ME
    assert second.data["parent"] == first.id
    assert second.data["chain"] == first.id
    assert second.data["round_no"] == 2
    assert second.text("question") == first.text("question")
    assert second.data["carried"] == {
        "conclusions": "vangnet nodig",
        "decision": ADAPT,
        "next": "filmpjeshoek",
    }
    assert RoundView(second).progress == (False,) * 5
    third = cycle.start_next_round(cycle.close_round(second, ADOPT, "goed"), [closed, second])
    assert third.data["round_no"] == 3 and third.data["chain"] == first.id


def test_a_dropped_approach_gets_no_next_round():
    """Dropping the approach ends the question: no round 2 of it, a new question instead."""
    dropped = cycle.close_round(question(), ABANDON, "past niet bij deze klas")
    answer = cycle.can_start_next_round(dropped, [dropped])
    assert not answer and "nieuwe leervraag" in answer.reason
    with pytest.raises(InvalidInput, match="nieuwe leervraag"):
        cycle.start_next_round(dropped, [dropped])
    assert cycle.can_reopen(dropped, [dropped])  # reopened, it can be decided again


def test_a_round_gets_one_next_round_only():
    first = cycle.close_round(question(), ADAPT, "vangnet nodig")
    second = cycle.start_next_round(first, [first])
    assert cycle.can_start_next_round(first, [first])
    answer = cycle.can_start_next_round(first, [first, second])
    assert not answer and answer.reason == "Ronde 2 van deze vraag is al begonnen; ga daar verder."
    with pytest.raises(InvalidInput, match="Ronde 2"):
        cycle.start_next_round(first, [first, second])
    # Any records will do, and a deleted next round no longer counts.
    others = [cycle.new_person("Ahmed"), cycle.close_round(question(), ADOPT, "goed")]
    with pytest.raises(InvalidInput, match="Ronde 2"):
        cycle.start_next_round(first, [*others, second])
    gone = second.copy()
    gone.deleted = True
    assert cycle.start_next_round(first, [*others, gone]).data["round_no"] == 2
    # From the newest round, the question goes on.
    closed_second = cycle.close_round(second, ADOPT, "werkt")
    assert cycle.can_start_next_round(closed_second, [first, second])


def test_only_the_newest_closed_round_can_be_reopened():
    first = cycle.close_round(question(), ADAPT, "vangnet nodig")
    with pytest.raises(InvalidInput, match="niet afgesloten"):
        cycle.reopen_round(cycle.reopen_round(first, [first]), [first])
    second = cycle.start_next_round(first, [first])
    answer = cycle.can_reopen(first, [first, second])
    assert not answer and "Ronde 2" in answer.reason
    with pytest.raises(InvalidInput, match="alleen de nieuwste"):
        cycle.reopen_round(first, [first, second])
    assert not cycle.can_reopen(second, [first, second])  # open: nothing to reopen


def test_feedback_validation_and_status():
    rnd = question()
    with pytest.raises(InvalidInput):
        cycle.new_feedback(rnd, ME, "compliment", "mooi", "Ahmed")
    with pytest.raises(InvalidInput):
        cycle.new_feedback(rnd, ME, "tip", "  ", "Ahmed")
    with pytest.raises(InvalidInput):
        cycle.new_feedback(rnd, ME, "tip", "doe x", "")
    fb = cycle.new_feedback(
        rnd, ME, "tip", "doe x", "Ahmed", step="approach", given_on="2026-11-20"
    )
    assert fb.data["round"] == rnd.id and fb.data["step"] == "approach"
    assert RoundView(rnd).feedback_status(fb.id) == "open"
    marked = cycle.set_feedback_status(rnd, fb.id, "adopted")
    assert RoundView(marked).feedback_status(fb.id) == "adopted"
    with pytest.raises(InvalidInput):
        cycle.set_feedback_status(rnd, fb.id, "ignored")


def test_actions_and_overdue():
    with pytest.raises(InvalidInput):
        cycle.new_action(ME, "iets", due="volgende week")
    action = cycle.new_action(ME, "filmpjes opnemen", due="2026-11-20")
    assert cycle.action_overdue(action, TODAY)
    assert not cycle.action_overdue(action, date(2026, 11, 20))
    action.data["done"] = True
    assert not cycle.action_overdue(action, TODAY)


def test_index_over_the_demo_plg():
    me, records = demo.build(TODAY)
    index = RecordIndex(records)
    assert len(index.persons) == 6
    mine = index.latest_rounds(owner=me)
    assert len(mine) == 1 and mine[0].data["round_no"] == 2
    chain = index.chain(mine[0])
    assert [r.data["round_no"] for r in chain] == [1, 2]
    series = index.measure_series(mine[0], "Opgaven af")
    assert [value for _label, value in series] == [55.0, 68.0, 68.0]
    assert len(index.latest_rounds()) == 6
    views = [index.view(r.id) for r in index.latest_rounds()]
    assert {v.current_step for v in views} >= {1, 2, 3, 4}


def test_deleted_records_drop_out_of_the_index():
    rnd = question()
    gone = full_plan(rnd)
    gone.deleted = True
    index = RecordIndex([rnd, gone])
    assert index.view(rnd.id).tryouts == []


def test_an_action_takes_its_date_the_dutch_way():
    from plgcycle.i18n import set_language

    set_language("nl")
    action = cycle.new_action("p" * 32, "Rubric delen", "15-03-2027")
    assert action.data["due"] == "2027-03-15"
    with pytest.raises(InvalidInput, match="DD-MM-JJJJ|DD-MM-YYYY"):
        cycle.new_action("p" * 32, "Rubric delen", "31-02-2027")
