"""The review's fixed values: intervals, sort keys, try-out states."""

DEFAULT_INTERVAL = 35  # days between meetings (a PLG meets every 4-6 weeks)
CLOSED = 6  # the "step" of a closed round when filtering and counting
MATRIX_MAX = 20  # up to this many people the feedback flow is shown person by person
OUTSIDE = "\x00outside"  # the subgroup of feedback givers who are not in the files

SORT_NAME, SORT_STEP, SORT_ACTIVITY, SORT_SUBGROUP = "name", "step", "activity", "subgroup"
SORT_KEYS = (SORT_NAME, SORT_STEP, SORT_ACTIVITY, SORT_SUBGROUP)

TRYOUT_NONE, TRYOUT_DRAFT, TRYOUT_PLANNED, TRYOUT_DONE = "none", "draft", "planned", "done"
