"""The facilitator's view: who is where in the cycle, who has not moved, feedback, figures.

Pure functions over a list of records (usually the merged exports of a PLG's
teachers): :func:`build_overview` turns them into one :class:`Row` per question
round plus :class:`GroupFigures`.  The review screen, the agenda and the
reports all read the same overview, so they never disagree.

"No movement" (stalled) means: the teacher's own records of a question have not
changed since a threshold date.  By default that is the previous meeting,
derived from the teachers' ``next_meeting`` minus the meeting interval; the
facilitator can give the date (``since``) or a number of days instead.  The
wording stays descriptive ("no movement since ..."), never a verdict.

Exports made with the ``progress`` profile hold only questions, rounds, steps
reached, dates, decisions and feedback counts.  Rows built from them are marked
``limited`` so that nobody reads missing results as missing work.  For such
rounds the summary fields below are read when present (the step texts that the
completeness rules need are not in those files):

* ``progress``: five booleans (step complete), or ``steps_done``: a list of step
  keys or a number of completed steps, or ``step_reached``/``current_step``;
* ``decision`` (when not in ``steps.apply.decision``);
* ``feedback_count`` / ``feedback_received`` (or ``feedback: {"received": n,
  "given": m}``), ``feedback_given``; ``tryouts_planned`` / ``tryouts_done``.
"""

from __future__ import annotations

from ..exchange import PROFILE_FULL, PROFILE_PROGRESS
from .constants import (
    CLOSED,
    DEFAULT_INTERVAL,
    MATRIX_MAX,
    OUTSIDE,
    SORT_ACTIVITY,
    SORT_KEYS,
    SORT_NAME,
    SORT_STEP,
    SORT_SUBGROUP,
    TRYOUT_DONE,
    TRYOUT_DRAFT,
    TRYOUT_NONE,
    TRYOUT_PLANNED,
)
from .figures import GroupFigures
from .labels import (
    action_label,
    adopted_line,
    decision_label,
    feedback_all_rounds,
    flow_title,
    format_number,
    measure_text,
    name_label,
    not_signed,
    noted_label,
    numbered_step,
    one_way,
    one_way_note,
    step_filter_label,
    step_label,
    step_marks,
    step_title,
    subgroup_label,
    this_round,
    tryout_label,
)
from .overview import (
    Overview,
    build_overview,
)
from .row_building import as_number
from .rows import (
    DETAILS,
    MeasureMove,
    Row,
    RowDetails,
)
from .sorting import (
    filter_rows,
    movement_phrase,
    sort_rows,
)
from .sources import (
    ReviewData,
    SourceFile,
    find_exports,
    load_exports,
)
from .thresholds import (
    StalledRule,
    Threshold,
    common_next_meeting,
)

__all__ = [
    "CLOSED",
    "DEFAULT_INTERVAL",
    "DETAILS",
    "GroupFigures",
    "MATRIX_MAX",
    "MeasureMove",
    "OUTSIDE",
    "Overview",
    "PROFILE_FULL",
    "PROFILE_PROGRESS",
    "ReviewData",
    "Row",
    "RowDetails",
    "SORT_ACTIVITY",
    "SORT_KEYS",
    "SORT_NAME",
    "SORT_STEP",
    "SORT_SUBGROUP",
    "SourceFile",
    "StalledRule",
    "TRYOUT_DONE",
    "TRYOUT_DRAFT",
    "TRYOUT_NONE",
    "TRYOUT_PLANNED",
    "Threshold",
    "action_label",
    "adopted_line",
    "feedback_all_rounds",
    "flow_title",
    "one_way",
    "one_way_note",
    "this_round",
    "as_number",
    "build_overview",
    "common_next_meeting",
    "decision_label",
    "filter_rows",
    "find_exports",
    "format_number",
    "load_exports",
    "measure_text",
    "movement_phrase",
    "name_label",
    "not_signed",
    "noted_label",
    "numbered_step",
    "sort_rows",
    "step_filter_label",
    "step_label",
    "step_marks",
    "step_title",
    "subgroup_label",
    "tryout_label",
]
