"""What every report format says the same way: titles, key figures, bars, the feedback grid, cells."""

from __future__ import annotations

from dataclasses import dataclass

from .cycle import DECISION_VALUES
from .i18n import _, format_date, ngettext
from .review import (
    CLOSED,
    MATRIX_MAX,
    OUTSIDE,
    Overview,
    Row,
    action_label,
    decision_label,
    format_number,
    movement_phrase,
    step_title,
    subgroup_label,
    tryout_label,
)


def title(overview: Overview) -> str:
    plg = " ".join(overview.plg.split())
    return _("Progress of {plg}").format(plg=plg) if plg else _("Progress of the PLG")


def subtitle(overview: Overview) -> str:
    f = overview.figures
    parts = [
        _("as of {date}").format(date=format_date(overview.today)),
        ngettext("{n} participant", "{n} participants", f.teachers).format(n=f.teachers),
        ngettext("{n} learning question", "{n} learning questions", f.questions).format(
            n=f.questions
        ),
    ]
    if overview.threshold.next_meeting:
        parts.append(
            _("next meeting {date}").format(date=format_date(overview.threshold.next_meeting))
        )
    return " · ".join(parts)


def key_figures(overview: Overview) -> list[tuple[str, int]]:
    f = overview.figures
    return [
        (_("Participants"), f.teachers),
        (_("Learning questions"), f.questions),
        (
            _("No movement since {date}").format(date=format_date(overview.threshold.since)),
            f.stalled,
        ),
        (_("No feedback yet on this round"), f.without_feedback),
        (_("Action date passed"), f.overdue),
    ]


def step_bars(overview: Overview) -> list[tuple[str, int]]:
    counts = overview.figures.step_counts
    bars = [(f"{n} {step_title(n)}", counts.get(n, 0)) for n in range(1, 6)]
    bars.append((_("Round closed"), counts.get(CLOSED, 0)))
    return bars


def decision_bars(overview: Overview) -> list[tuple[str, int]]:
    return [(decision_label(d), overview.figures.decisions.get(d, 0)) for d in DECISION_VALUES]


def flow_people(overview: Overview) -> tuple[list[str], list[str]]:
    """Givers (rows) and receivers (columns) of the feedback matrix, by name."""
    f = overview.figures
    names = f.people
    receivers = sorted(
        {r for _g, r in f.flow} | {row.person_id for row in overview.rows},
        key=lambda k: names.get(k, "").casefold(),
    )
    givers = sorted(
        {g for g, _r in f.flow} | set(receivers), key=lambda k: names.get(k, "").casefold()
    )
    return givers, receivers


@dataclass
class FlowGrid:
    """Who gives feedback to whom, as rows (givers) and numbered columns (receivers).

    Person by person up to ``MATRIX_MAX`` people; beyond that subgroup by subgroup,
    because a grid of hundreds of columns helps nobody (the per-person counts stay
    in the participants table).
    """

    givers: list[tuple[str, str]]
    receivers: list[tuple[str, str]]
    flow: dict[tuple[str, str], int]
    by_subgroup: bool
    adopted: dict[str, int] | None = None  # receiver key -> pieces taken on (all rounds)

    @property
    def given(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (giver, _receiver), n in self.flow.items():
            out[giver] = out.get(giver, 0) + n
        return out

    @property
    def received(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (_giver, receiver), n in self.flow.items():
            out[receiver] = out.get(receiver, 0) + n
        return out


def flow_grid(overview: Overview) -> FlowGrid:
    f = overview.figures
    givers, receivers = flow_people(overview)
    if len(receivers) <= MATRIX_MAX:
        return FlowGrid(
            [(g, f.people.get(g, "")) for g in givers],
            [(r, f.people.get(r, "")) for r in receivers],
            dict(f.flow),
            False,
            dict(f.adopted_in_flow),
        )
    flow = overview.flow_by_subgroup()
    subgroup = {row.person_id: row.subgroup for row in overview.rows}
    adopted: dict[str, int] = {}
    for person, n in f.adopted_in_flow.items():
        key = subgroup.get(person, "")
        adopted[key] = adopted.get(key, 0) + n
    keys = sorted(
        {k for pair in flow for k in pair} | set(overview.subgroups),
        key=lambda k: (k == OUTSIDE, k == "", k.casefold()),
    )
    return FlowGrid(
        [(k, subgroup_label(k)) for k in keys],
        [(k, subgroup_label(k)) for k in keys if k != OUTSIDE],
        flow,
        True,
        adopted,
    )


def not_shared() -> str:
    return _("not shared (progress only)")


def limited_note(overview: Overview) -> str:
    n = overview.figures.limited
    if not n:
        return ""
    return ngettext(
        "{n} learning question comes from a progress export: it holds the question, steps, dates, "
        "decisions and feedback counts, not results, reflections or actions.",
        "{n} learning questions come from progress exports: they hold the question, steps, dates, "
        "decisions and feedback counts, not results, reflections or actions.",
        n,
    ).format(n=n)


def sources_line(overview: Overview) -> str:
    files = overview.files
    if not files:
        return ""
    return ngettext("Based on {n} export file.", "Based on {n} export files.", len(files)).format(
        n=len(files)
    )


def threshold_line(overview: Overview) -> str:
    return _("'No movement' means: {rule}. It describes, it does not judge.").format(
        rule=overview.threshold.describe()
    )


def privacy_line() -> str:
    return _("Private notes are never part of an export or this report.")


def movement_cell(row: Row) -> str:
    phrase = movement_phrase(row)
    if row.days_since is not None and not row.stalled:
        phrase += (
            " ("
            + ngettext("{n} day ago", "{n} days ago", row.days_since).format(n=row.days_since)
            + ")"
            if row.days_since > 0
            else " (" + _("today") + ")"
        )
    return phrase


def feedback_cell(row: Row) -> str:
    if not row.has_question:
        return _("{given} given (all rounds)").format(given=row.feedback_given)
    text = _(
        "{received} received this round ({adopted} taken on) · {given} given (all rounds)"
    ).format(received=row.feedback_received, adopted=row.feedback_adopted, given=row.feedback_given)
    if row.feedback_noted:
        text += " · " + _("{n} noted for others").format(n=row.feedback_noted)
    return text


def notice_lines(overview: Overview) -> list[str]:
    """What the trust rules left out or could not check, one line each (and same names)."""
    return list(overview.notices)


def action_cell(row: Row) -> str:
    if row.limited and not row.action:
        return not_shared()
    if not row.action:
        return _("none noted")
    return f"{row.action} ({action_label(row)})"


def tryout_cell(row: Row) -> str:
    return tryout_label(row)


# --- Markdown -------------------------------------------------------------------------------------


def _signed(value: float) -> str:
    text = format_number(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "") + text


# --- CSV ------------------------------------------------------------------------------------------
