"""The overview: one row per question's latest round, built from the records.

:func:`build_overview` counts the feedback flow once, then makes the rows (see
:mod:`.row_building`); every round, the group figures (:mod:`.figures`) and the
measures that moved are worked out when first asked for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from functools import cached_property

from .. import group
from ..cycle import RecordIndex
from ..i18n import _
from ..model import PLG, Record
from .constants import OUTSIDE, SORT_NAME
from .figures import GroupFigures, feedback_flow, group_figures
from .row_building import RowContext, person_row, round_row
from .rows import MeasureMove, Row
from .sorting import sort_rows
from .sources import ReviewData, SourceFile
from .thresholds import StalledRule, Threshold


class Overview:
    """The rows of the latest rounds; every round, the figures and the measures on demand.

    Only what the first screen needs is computed up front; ``rounds`` (for CSV),
    ``figures`` and ``measures_moved`` are computed when first asked for.
    """

    def __init__(
        self,
        today: date,
        threshold: Threshold,
        rows: list[Row],
        index: RecordIndex,
        files: list[SourceFile],
        limited_owners: frozenset[str],
        plg: str,
        context: RowContext,
        data: ReviewData | None = None,
    ) -> None:
        self.today = today
        self.threshold = threshold
        self.rows = rows  # the latest round of every question (and teachers without one), by name
        self.index = index
        self.files = files
        self.limited_owners = limited_owners
        self.plg = plg
        self._context = context
        self.data = data  # the records and files it was built from, with the trust lines
        # What the trust rules left out or could not check, and names two people share.
        self.notices: list[str] = data.notices() if data is not None else []

    def __repr__(self) -> str:
        return f"Overview({self.today}, {len(self.rows)} rows)"

    @property
    def subgroups(self) -> list[str]:
        return sorted({r.subgroup for r in self.rows if r.subgroup}, key=str.casefold)

    @cached_property
    def rounds(self) -> list[Row]:
        """Every round of every question, question by question, first round first."""
        known = {r.round_id: r for r in self.rows if r.has_question}
        out = []
        for chain_rounds in _chains(self.index):
            for rnd in chain_rounds:
                out.append(
                    known.get(rnd.id)
                    or round_row(self.index, rnd, self.today, self._context, latest=False)
                )
        return out

    def row(self, round_id: str) -> Row | None:
        found = next((r for r in self.rows if r.round_id == round_id), None)
        return found or next((r for r in self.rounds if r.round_id == round_id), None)

    @cached_property
    def figures(self) -> GroupFigures:
        return group_figures(self, self._context)

    @cached_property
    def measures_moved(self) -> list[MeasureMove]:
        """Measures whose latest value differs from the first, per question (not for progress exports)."""
        index = self.index
        moved: list[MeasureMove] = []
        for row in self.rows:
            if row.limited or not row.has_question:
                continue
            rnd = index.rounds[row.round_id]
            names: dict[str, tuple[str, str]] = {}
            for chained in index.chain(rnd):
                for m in index.view(chained.id).measures:
                    key = m.text("name").strip().casefold()
                    if key and key not in names:
                        names[key] = (m.text("name").strip(), m.text("unit").strip())
            for shown, unit in names.values():
                points = index.measure_series(rnd, shown)
                if len(points) >= 2 and points[0][1] != points[-1][1]:
                    moved.append(
                        MeasureMove(
                            row.person_id,
                            row.name,
                            row.round_id,
                            row.question,
                            shown,
                            unit,
                            points[0][1],
                            points[-1][1],
                            len(points),
                        )
                    )
        moved.sort(key=lambda m: (m.name.casefold(), m.measure.casefold()))
        return moved

    def flow_by_subgroup(self) -> dict[tuple[str, str], int]:
        """Feedback between subgroups: (giver's subgroup, receiver's subgroup) -> pieces.

        For groups too large for a person-by-person grid.  Teachers without a
        subgroup count as "" and givers from outside the files as OUTSIDE.
        """
        subgroup = {r.person_id: r.subgroup for r in self.rows}
        flow: Counter = Counter()
        for (giver, receiver), n in self.figures.flow.items():
            flow[(subgroup.get(giver, OUTSIDE), subgroup.get(receiver, ""))] += n
        return dict(flow)


def _assigned_subgroups(plg: Record | None) -> dict[str, str]:
    """Person id -> the subgroup the PLG record puts them in (it wins over what they typed)."""
    if plg is None:
        return {}
    return {person: sub["name"] for sub in group.subgroups(plg) for person in sub["members"]}


def build_overview(
    data: ReviewData | Sequence[Record], today: date, rule: StalledRule | None = None
) -> Overview:
    """Everything the facilitator's screen and reports show, built from the records."""
    if not isinstance(data, ReviewData):
        data = ReviewData(list(data))
    rule = rule or StalledRule()
    index = RecordIndex(data.records)
    plg_record = group.plg_for(index.group, None)
    limited_owners = data.limited_owners
    threshold = rule.resolve(today, index.persons.values())
    people = {
        pid: person.text("name") or _("unknown colleague") for pid, person in index.persons.items()
    }
    feedback = feedback_flow(index, people, limited_owners)
    flow, given, received, per_round, noted = feedback[:5]

    actions_by_owner: dict[str, list[Record]] = defaultdict(list)
    for action in index.actions:
        actions_by_owner[action.owner].append(action)
    context = RowContext(
        threshold,
        people,
        given,
        received,
        flow,
        per_round,
        actions_by_owner,
        limited_owners,
        noted,
        data.unsigned,
        _without_new_file(data, threshold.since),
        feedback.adopted_per_round,
        feedback.adopted,
        feedback.adopted_in_flow,
        _assigned_subgroups(plg_record),
    )

    rows = [round_row(index, rnd, today, context, latest=True) for rnd in index.latest_rounds()]
    with_question = {r.person_id for r in rows}
    # The facilitator and the school's leaders are in the PLG without a question of their own.
    not_teaching = group.not_teaching(r for r in index.group if r.kind == PLG)
    for pid, person in index.persons.items():
        if pid not in with_question and pid not in not_teaching:
            rows.append(
                person_row(
                    person,
                    people,
                    given,
                    pid in limited_owners,
                    actions_by_owner.get(pid, []),
                    today,
                    context,
                )
            )
    plgs = Counter(p.text("plg").strip() for p in index.persons.values() if p.text("plg").strip())
    plg = plgs.most_common(1)[0][0] if plgs else ""
    if plg_record is not None and plg_record.text("name").strip():
        plg = plg_record.text("name").strip()  # the facilitator's name for it wins
    return Overview(
        today,
        threshold,
        sort_rows(rows, SORT_NAME),
        index,
        list(data.files),
        limited_owners,
        plg,
        context,
        data,
    )


def _without_new_file(data: ReviewData, since: date) -> frozenset[str]:
    """Teachers of a review from files whose newest own file was made before ``since``."""
    if not data.files:
        return frozenset()  # a database, not files: nothing to say about arrivals
    from .arrivals import teacher_files

    return frozenset(t.person_id for t in teacher_files(data, since) if t.quiet)


def _chains(index: RecordIndex) -> list[list[Record]]:
    seen: set[str] = set()
    chains = []
    for rnd in sorted(index.rounds.values(), key=lambda r: r.updated_at):
        key = rnd.data.get("chain") or rnd.id
        if key in seen:
            continue
        seen.add(key)
        chains.append(index.chain(rnd))
    return chains
