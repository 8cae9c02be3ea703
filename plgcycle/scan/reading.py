"""A short, neutral reading of the scan: points to discuss, never a verdict.

Two lists: for the next meeting of the PLG (the largest gaps between now and desired, what
moved since the previous moment, where teachers and leaders see things differently) and
for the team leader (the three conditions the research links to a stronger PLG).  Every
point is built from shown figures only, so the reading is exactly as anonymous as the
figures.  Points are questions for the group; they describe what the respondents said and
never call a score good or bad.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from .figures import DimensionFigures, ScanFigures, number_text
from .responses import NOW
from .statements import (
    ALL,
    CATALYSED,
    CATALYSTS,
    LEADER,
    LINKED_TO_STRONGER_PLG,
    TEACHER,
    dimension,
)

GAP_WORTH_DISCUSSING = 0.5  # on a five-point scale, smaller gaps are within one answer's noise
CHANGE_WORTH_DISCUSSING = 0.5
ROLE_DIFFERENCE_WORTH_DISCUSSING = 1.0
MAX_GAPS = 3

_LEADER_QUESTIONS = {
    "buy_in": N_("What helps colleagues make learning together their own?"),
    "staff_policy": N_(
        "How can task allocation and conversations about development make room "
        "for learning together?"
    ),
    "leadership_management": N_(
        "How can the school management show what learning together brings, and make time for it?"
    ),
}


@dataclass(frozen=True)
class Reading:
    """Discussion points, translated, ready to show as a list."""

    meeting: tuple[str, ...]
    team_leader: tuple[str, ...]
    note: str  # how to read the points


def _name(key: str) -> str:
    """A dimension's name inside a sentence: "draagvlak", not "Draagvlak"."""
    label = dimension(key).label()
    return label[:1].lower() + label[1:]


def _listing(keys: tuple[str, ...]) -> str:
    names = [_name(k) for k in keys]
    if len(names) == 1:
        return names[0]
    return _("{items} and {last}").format(items=", ".join(names[:-1]), last=names[-1])


def _now_desired(d: DimensionFigures) -> str:
    return _("now {now}, desired {desired}").format(
        now=number_text(d.now), desired=number_text(d.desired)
    )


def read(figures: ScanFigures, moment: str | None = None) -> Reading:
    """The reading of ``moment`` (the latest when ``None``), for everyone together."""
    note = _(
        "These points describe how the respondents see their school; they are a "
        "starting point for a conversation, not a judgement."
    )
    if not figures.moments:
        return Reading((_("No scan round yet."),), (), note)
    info = figures.moment(moment)
    everyone = figures.group(info.key, ALL)
    meeting: list[str] = []
    if not everyone.anything_shown:
        meeting.append(
            _(
                "There are too few answers to show figures yet; once at least three "
                "people have answered and the round is closed, the scan shows its "
                "results."
            )
        )
    else:
        meeting += _gap_points(everyone.dimensions)
        meeting += _change_points(figures, info.key)
        meeting += _role_points(figures, info.key)
    return Reading(tuple(meeting), tuple(_leader_points(everyone.dimensions)), note)


def _gap_points(dims: tuple[DimensionFigures, ...]) -> list[str]:
    gaps = [d for d in dims if d.gap.shown]
    if not gaps:
        return []
    largest = sorted(
        (d for d in gaps if d.gap.number >= GAP_WORTH_DISCUSSING), key=lambda d: -d.gap.number
    )[:MAX_GAPS]
    if not largest:
        return [
            _(
                "Now and desired lie close together on every dimension shown. What does the "
                "team want to keep as it is?"
            )
        ]
    first, *others = largest
    points = [
        _(
            "The largest gap between now and desired is on {dimension} ({figures}). What "
            "would bring the team one step closer?"
        ).format(dimension=_name(first.dimension), figures=_now_desired(first))
    ]
    for d in others:
        points.append(
            _(
                "There is also a clear gap on {dimension} ({figures}). What would help there?"
            ).format(dimension=_name(d.dimension), figures=_now_desired(d))
        )
    if any(d.dimension in CATALYSED for d in largest):
        points.append(
            _(
                "The research sees {conditions} as catalysts for {elements}. How do "
                "they look in your school?"
            ).format(conditions=_listing(CATALYSTS), elements=_listing(CATALYSED))
        )
    return points


def _change_points(figures: ScanFigures, moment: str) -> list[str]:
    info = figures.moment(moment)
    if info.previous is None:
        return []
    before = figures.group(info.previous, ALL)
    after = figures.group(moment, ALL)
    moved = [
        d
        for d in after.dimensions
        if d.now_change.shown and abs(d.now_change.number) >= CHANGE_WORTH_DISCUSSING
    ]
    if not moved:
        return []
    d = max(moved, key=lambda d: abs(d.now_change.number))
    earlier = before.get(d.dimension).mean(NOW)
    return [
        _(
            "Since {moment}, {dimension} (now) went from {before} to {after}. What made the "
            "difference?"
        ).format(
            moment=figures.moment(info.previous).label or info.previous,
            dimension=_name(d.dimension),
            before=number_text(earlier),
            after=number_text(d.now),
        )
    ]


def _role_points(figures: ScanFigures, moment: str) -> list[str]:
    teachers = figures.group(moment, TEACHER)
    leaders = figures.group(moment, LEADER)
    apart = []
    for teacher, leader in zip(teachers.dimensions, leaders.dimensions, strict=False):
        if teacher.now.shown and leader.now.shown:
            size = abs(teacher.now.number - leader.now.number)
            if size >= ROLE_DIFFERENCE_WORTH_DISCUSSING:
                apart.append((size, teacher, leader))
    if not apart:
        return []
    _size, t, lead = max(apart, key=lambda item: item[0])
    return [
        _(
            "Teachers and leaders see {dimension} differently now (teachers {teachers}, "
            "leaders {leaders}). How does each of them look at it?"
        ).format(
            dimension=_name(t.dimension), teachers=number_text(t.now), leaders=number_text(lead.now)
        )
    ]


def _leader_points(dims: tuple[DimensionFigures, ...]) -> list[str]:
    points = [
        _(
            "The research links high scores on {conditions} to a stronger PLG. To discuss "
            "with the team leader:"
        ).format(conditions=_listing(LINKED_TO_STRONGER_PLG))
    ]
    by_key = {d.dimension: d for d in dims}
    for key in LINKED_TO_STRONGER_PLG:
        d = by_key[key]
        label = dimension(key).label()
        if d.now.shown and d.desired.shown:
            points.append(
                _("{dimension}: {figures}. {question}").format(
                    dimension=label, figures=_now_desired(d), question=_(_LEADER_QUESTIONS[key])
                )
            )
        else:
            reason = d.now.reason_text() if not d.now.shown else d.desired.reason_text()
            points.append(
                _("{dimension}: {reason}. {question}").format(
                    dimension=label, reason=reason, question=_(_LEADER_QUESTIONS[key])
                )
            )
    return points
