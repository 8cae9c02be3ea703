"""The five steps of the improvement cycle, each with its guidance and its fields.

A question round goes through baseline, approach, carrying out, effect and
apply (:data:`STEPS`); what a round stores for a step lives under
``data["steps"][step key]`` (see :func:`plgcycle.model.step_data`).  The last
step ends with a decision (keep, adjust or drop the approach), and starting the
next round carries that step's :data:`CARRIED_KEYS` forward.
"""

from __future__ import annotations

from typing import NamedTuple

from .fields import CHOICE, LONGTEXT, NOTES_FIELD, TEXT, FieldDef
from .i18n import N_

# --- decisions ------------------------------------------------------------------

ADOPT, ADAPT, ABANDON = "adopt", "adapt", "abandon"
DECISIONS = (
    (ADOPT, N_("keep it (vasthouden)")),
    (ADAPT, N_("adjust it (bijstellen)")),
    (ABANDON, N_("drop it (loslaten)")),
)
DECISION_SHORT = {ADOPT: N_("keep"), ADAPT: N_("adjust"), ABANDON: N_("drop")}

# --- the five steps ------------------------------------------------------------


class StepDef(NamedTuple):
    """One step of the cycle: where it comes in the round, what it asks and its fields."""

    number: int
    key: str
    title: str  # short label, e.g. "Baseline" / "Beginsituatie"
    activity: str  # e.g. "collect data" / "gegevens verzamelen"
    guidance: str
    fields: tuple[FieldDef, ...]


STEPS: tuple[StepDef, ...] = (
    StepDef(
        1,
        "baseline",
        N_("Baseline"),
        N_("collect data"),
        N_(
            "Where do your students stand now? Name the data you use (test scores, "
            "observations, student feedback, work) and what it shows. Use classes or "
            "groups, never student names."
        ),
        (
            FieldDef(
                "sources",
                N_("Which data?"),
                N_("Test scores, observations, student feedback, student work..."),
                LONGTEXT,
                required=True,
            ),
            FieldDef(
                "findings",
                N_("What does it show?"),
                N_("Strengths and weaknesses you see in the data."),
                LONGTEXT,
                required=True,
            ),
            FieldDef(
                "baseline_figure",
                N_("Baseline figure"),
                N_(
                    "A number to compare with later, if there is one (e.g. 55% finishes the exercise)."
                ),
                TEXT,
            ),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        2,
        "approach",
        N_("Approach"),
        N_("develop strategies"),
        N_(
            "Which ideas build on strengths and tackle weaknesses? Choose one approach "
            "and plan a try-out in class: which class, when, what exactly, which evidence "
            "you will collect, what counts as success, and what you expect to happen."
        ),
        (
            FieldDef(
                "ideas",
                N_("Ideas"),
                N_("Several options, also ones you will not choose."),
                LONGTEXT,
            ),
            FieldDef(
                "approach",
                N_("Chosen approach"),
                N_("What will you do differently, and why do you expect it to help?"),
                LONGTEXT,
                required=True,
            ),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        3,
        "implement",
        N_("Carry out"),
        N_("implement"),
        N_(
            "Run the try-out in class and log each one as it happened: date, class, "
            "what you did and what went differently from the plan."
        ),
        (
            FieldDef(
                "remarks",
                N_("Remarks while carrying out"),
                N_("Anything that struck you across the try-outs."),
                LONGTEXT,
            ),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        4,
        "analyse",
        N_("Effect"),
        N_("analyse impact"),
        N_(
            "Measure again, look at observations and students' reactions. Compare with "
            "your prediction: what worked, what did not, and why?"
        ),
        (
            FieldDef("worked", N_("What worked?"), "", LONGTEXT, required=True),
            FieldDef("not_worked", N_("What did not work?"), "", LONGTEXT),
            FieldDef("why", N_("Why, do you think?"), "", LONGTEXT),
            NOTES_FIELD,
        ),
    ),
    StepDef(
        5,
        "apply",
        N_("Apply"),
        N_("apply in the next round"),
        N_(
            "Draw conclusions and decide: keep it, adjust it or drop it. What will the "
            "next round do? Starting the next round carries your question and "
            "conclusions forward."
        ),
        (
            FieldDef("conclusions", N_("Conclusions"), "", LONGTEXT, required=True),
            FieldDef("decision", N_("Decision"), "", CHOICE, DECISIONS, required=True),
            FieldDef("next", N_("What will the next round do?"), "", LONGTEXT),
            NOTES_FIELD,
        ),
    ),
)
STEP_KEYS = tuple(step.key for step in STEPS)
STEP_BY_KEY = {step.key: step for step in STEPS}

# What a next round carries from the step "apply" of the round before it: the same
# keys, under data["carried"].  A copy of a private text is private too (see
# plgcycle.cycle.start_next_round and plgcycle.privacy).
CARRIED_KEYS = ("conclusions", "decision", "next")
