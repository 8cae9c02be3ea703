"""Group figures of the scan, and the anonymity rule that decides which of them are shown.

Per moment, per group (everyone, teachers, leaders) and per dimension: the mean of *nu* and
of *gewenst*, the gap (gewenst − nu), the spread, the number of respondents, and the change
since the previous moment.  A respondent's score on a dimension is the mean of the
statements they answered in it ("don't know" and left-out statements do not count); a
respondent who answered none of them is not counted for that dimension.

**The spread is the standard deviation** (of the respondents' dimension scores, over this
group: the population form, because it describes these people, it estimates nothing).  The
interquartile range was the other candidate; with the 5 to 30 respondents of a school team
quartiles jump from one answer to the next, the spreadsheet programs disagree on how to
compute them, and they are interpolated from individual scores, so they lie closer to one
person's answer.  The standard deviation uses every answer and is in the units of the scale.

**The anonymity rule** (this module is the only place it lives; every output reads the
:class:`Figure` values made here and nothing else).  No output may let anyone work out what
one person answered.  Each shown mean tells an onlooker the *sum* over a set of people (the
count is shown beside it), and sums can be subtracted: "everyone" minus "teachers" gives the
leaders, moment 2 minus moment 1 gives whoever joined.  So, separately for every dimension
and side (nu, gewenst; different quantities cannot be combined):

1. a mean is shown only when it rests on at least ``MIN_RESPONDENTS`` (3) people, and
2. only when, together with the means already shown, every *atom* still holds at least 3
   people, where an atom is the people who lie in exactly the same shown sets.  Anything an
   onlooker can compute from sums and counts (any difference or combination) is the same
   for everyone in an atom, so it is a figure over 3 or more people.  Even someone who
   knows their own answer can only learn something about two or more others together.
3. the same holds for the whole groups behind the shown means, answered or not: the count
   beside a mean is how many of the group answered, so a group that differs from another
   by one or two people would tell whether they said "don't know" (that is an answer too).

Candidates are tried in a fixed order, and once shown a figure stays shown: moments oldest
first (what was reported at moment 1 cannot be taken back at moment 2), within a moment
everyone first, then each role.  So a role with 1 or 2 respondents hides the other role's
figure too (else everyone minus teachers = the leaders); a moment whose group differs from
an earlier one by 1 or 2 people is withheld for that group, and with it the change (we
assume, to be safe, that people who answered both times gave the same answers).  A
role with no respondents at all hides nothing: everyone and the other role are then the
same people.  The spread also reveals the sum of squares; it follows the same rule with 5
instead of 3 (``MIN_FOR_SPREAD``), because from the mean and spread of three scores, one of
the three can compute the other two.  The number of respondents per group follows the same
rule, so a role with fewer than 3 shows nothing at all.  Gaps and changes are differences
of shown means and are shown only when both are.  Figures of an open moment (more
responses may still come in) are withheld: a look before and after one late response would
show that response.

What the rule cannot prevent: when everyone in a group gives the same answer, the mean says
what each of them said; and two people of a group of three who share their own answers can
compute the third's.  The rule sees only what one call of :func:`build` is given, so
callers pass every moment of the scan, oldest first, and pick a moment or a group from the
result; figures computed separately for a hand-picked subset of respondents or moments are
not covered, and a closed moment must not take new or changed responses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pstdev
from types import MappingProxyType

from ..errors import InvalidInput
from ..i18n import N_, _, current_language
from .responses import DESIRED, NOW, SIDES, Moment, Response
from .statements import ALL, BY_KEY, DIMENSIONS, DONT_KNOW, GROUPS, group_label

MIN_RESPONDENTS = 3
MIN_FOR_SPREAD = 5

TOO_FEW = N_("too few answers to show")
DERIVABLE = N_(
    "not shown: together with the other figures it would give away the answers of "
    "fewer than three people"
)
SPREAD_TOO_FEW = N_("spread shown from five answers")
SPREAD_DERIVABLE = N_(
    "spread not shown: together with the other figures it would say too much "
    "about fewer than five people"
)
OPEN = N_("shown once the scan round is closed")
NO_EARLIER = N_("no earlier scan round")
REASONS = (TOO_FEW, DERIVABLE, SPREAD_TOO_FEW, SPREAD_DERIVABLE, OPEN, NO_EARLIER)


@dataclass(frozen=True)
class Figure:
    """One number that may be shown, or the reason it is not.

    A withheld figure holds no number at all (``value`` and ``n`` are ``None``): what is
    not shown cannot leak by accident.  ``n`` is the number of respondents it rests on.
    """

    shown: bool
    value: float | None = None
    n: int | None = None
    reason: str = ""  # a message id from REASONS when withheld; see reason_text()

    def __post_init__(self) -> None:
        if self.shown and (self.value is None or self.n is None or self.reason):
            raise ValueError("a shown figure has a value and a count and no reason")
        if not self.shown and (
            self.value is not None or self.n is not None or self.reason not in REASONS
        ):
            raise ValueError("a withheld figure has a reason and no number")

    def reason_text(self) -> str:
        return _(self.reason) if self.reason else ""

    @property
    def number(self) -> float:
        """The value of a shown figure (a withheld one has none: ValueError)."""
        if self.value is None:
            raise ValueError("a withheld figure has no number")
        return self.value

    @property
    def count(self) -> int:
        """The number of respondents of a shown figure (a withheld one has none: ValueError)."""
        if self.n is None:
            raise ValueError("a withheld figure has no count")
        return self.n


def _shown(value: float, n: int) -> Figure:
    return Figure(True, value, n)


def _withheld(reason: str) -> Figure:
    return Figure(False, reason=reason)


def _difference(later: Figure, earlier: Figure) -> Figure:
    """``later − earlier`` when both are shown (it then tells nothing new)."""
    if not later.shown:
        return later
    if not earlier.shown:
        return earlier
    return _shown(later.number - earlier.number, min(later.count, earlier.count))


@dataclass(frozen=True)
class DimensionFigures:
    """The figures of one dimension for one group at one moment."""

    dimension: str
    now: Figure
    desired: Figure
    gap: Figure  # desired − now
    now_spread: Figure
    desired_spread: Figure
    now_change: Figure  # since the previous moment
    desired_change: Figure

    def mean(self, side: str) -> Figure:
        return self.now if side == NOW else self.desired

    def spread(self, side: str) -> Figure:
        return self.now_spread if side == NOW else self.desired_spread

    def change(self, side: str) -> Figure:
        return self.now_change if side == NOW else self.desired_change

    def figures(self) -> Iterator[tuple[str, Figure]]:
        for name in (
            "now",
            "desired",
            "gap",
            "now_spread",
            "desired_spread",
            "now_change",
            "desired_change",
        ):
            yield name, getattr(self, name)


@dataclass(frozen=True)
class GroupFigures:
    """Everything for one group (everyone, teachers or leaders) at one moment."""

    moment: str
    group: str
    respondents: Figure  # how many responded
    dimensions: tuple[DimensionFigures, ...]

    def get(self, dimension: str) -> DimensionFigures:
        for figures in self.dimensions:
            if figures.dimension == dimension:
                return figures
        raise KeyError(dimension)

    @property
    def anything_shown(self) -> bool:
        return any(f.shown for d in self.dimensions for _name, f in d.figures())


@dataclass(frozen=True)
class MomentInfo:
    key: str
    label: str  # people's text: escape it for its target
    closed: bool
    previous: str | None  # the key of the moment before, for changes


@dataclass(frozen=True)
class ScanFigures:
    """The result of :func:`build`: read it with :meth:`group`."""

    moments: tuple[MomentInfo, ...]
    _cells: MappingProxyType = field(repr=False)

    def group(self, moment: str | None = None, group: str = ALL) -> GroupFigures:
        """The figures of ``group`` at ``moment`` (the latest when ``None``)."""
        if not self.moments:
            raise KeyError("no moments")
        return self._cells[(moment or self.moments[-1].key, group)]

    def moment(self, key: str | None = None) -> MomentInfo:
        """The moment ``key`` (the latest when ``None``); ``KeyError`` when there is none."""
        for info in reversed(self.moments):
            if key is None or info.key == key:
                return info
        raise KeyError(key)

    def every(self) -> Iterator[tuple[tuple[str, str, str, str], Figure]]:
        """Every figure with its place ``(moment, group, dimension or "", name)``."""
        for (moment, group), cell in self._cells.items():
            yield (moment, group, "", "respondents"), cell.respondents
            for dim in cell.dimensions:
                for name, figure in dim.figures():
                    yield (moment, group, dim.dimension, name), figure


def _atoms_hold(sets: list[frozenset[str]], minimum: int) -> bool:
    """Whether everyone in ``sets`` shares their exact membership with ``minimum - 1`` others."""
    signature = Counter(
        tuple(i for i, s in enumerate(sets) if person in s) for person in frozenset().union(*sets)
    )
    return min(signature.values(), default=minimum) >= minimum


class _Family:
    """What an onlooker already has for one quantity (one dimension and side, or the counts).

    ``sets``: the people behind each shown mean (their sums are known).  ``groups``: the
    whole group behind each, answered or not; the count shown beside a mean is the number
    of them who answered, so the groups follow the same rule, or the counts would tell that
    one or two people said "don't know".
    """

    def __init__(self, minimum: int):
        self.minimum = minimum
        self.sets: list[frozenset[str]] = []
        self.groups: list[frozenset[str]] = []

    def why_not(self, people: frozenset[str], group: frozenset[str]) -> str:
        """``""`` when showing a figure over ``people`` (of ``group``) keeps every atom large enough."""
        if len(people) < self.minimum:
            return TOO_FEW
        if not (
            _atoms_hold([*self.sets, people], self.minimum)
            and _atoms_hold([*self.groups, group], self.minimum)
        ):
            return DERIVABLE
        return ""

    def admit(self, people: frozenset[str], group: frozenset[str] | None = None) -> str:
        group = people if group is None else group
        reason = self.why_not(people, group)
        if not reason:
            self.sets.append(people)
            self.groups.append(group)
        return reason


def dimension_score(response: Response, dimension: str, side: str) -> float | None:
    """The mean of the statements ``response`` answered in ``dimension``, or ``None``."""
    answers = response.answers(side)
    # An answer is 1..5 or DONT_KNOW, the one text answer (see responses._answers).
    values = [
        answer
        for s in BY_KEY[dimension].statements
        if isinstance(answer := answers.get(s.id, DONT_KNOW), int)
    ]
    return fmean(values) if values else None


Audit = Callable[[tuple[str, str, str, str], frozenset[str]], None]


def build(moments: Sequence[Moment], *, audit: Audit | None = None) -> ScanFigures:
    """The figures of every moment (oldest first), each group, each dimension.

    Pass every moment of the scan, also to show only one: the rule has to know what the
    earlier moments showed.

    ``audit``, when given, is called for every shown mean, spread and count with its place
    and the respondents it rests on: for checking the rule, never for showing.
    """
    keys = [m.key for m in moments]
    if len(set(keys)) != len(keys):
        raise InvalidInput(_("Two scan rounds have the same key."))
    for moment in moments:
        if not isinstance(moment, Moment):
            raise InvalidInput(_("A scan round can only hold checked scan responses."))
    means = {(d.key, side): _Family(MIN_RESPONDENTS) for d in DIMENSIONS for side in SIDES}
    spreads = {(d.key, side): _Family(MIN_FOR_SPREAD) for d in DIMENSIONS for side in SIDES}
    counts = _Family(MIN_RESPONDENTS)
    cells: dict[tuple[str, str], GroupFigures] = {}
    infos = []
    previous: str | None = None
    for moment in moments:
        infos.append(MomentInfo(moment.key, moment.label, moment.closed, previous))
        for group in GROUPS:
            members = [r for r in moment.responses if group == ALL or r.role == group]
            people = frozenset(r.respondent for r in members)
            reason = counts.admit(people)
            respondents = _withheld(reason) if reason else _shown(len(people), len(people))
            if not reason and audit:
                audit((moment.key, group, "", "respondents"), people)
            dims = []
            for dim in DIMENSIONS:
                side_figures = {}
                for side in SIDES:
                    scores = {
                        r.respondent: s
                        for r in members
                        if (s := dimension_score(r, dim.key, side)) is not None
                    }
                    side_figures[side] = _side(
                        moment,
                        dim.key,
                        side,
                        scores,
                        people,
                        means[(dim.key, side)],
                        spreads[(dim.key, side)],
                        audit,
                        group,
                    )
                (now, now_spread), (desired, desired_spread) = (
                    side_figures[NOW],
                    side_figures[DESIRED],
                )
                if previous is None:
                    now_change = desired_change = _withheld(NO_EARLIER)
                else:
                    before = cells[(previous, group)].get(dim.key)
                    now_change = _difference(now, before.now)
                    desired_change = _difference(desired, before.desired)
                dims.append(
                    DimensionFigures(
                        dim.key,
                        now,
                        desired,
                        _difference(desired, now),
                        now_spread,
                        desired_spread,
                        now_change,
                        desired_change,
                    )
                )
            cells[(moment.key, group)] = GroupFigures(moment.key, group, respondents, tuple(dims))
        previous = moment.key
    return ScanFigures(tuple(infos), MappingProxyType(cells))


def _side(
    moment: Moment,
    dimension: str,
    side: str,
    scores: dict[str, float],
    members: frozenset[str],
    means: _Family,
    spreads: _Family,
    audit: Audit | None,
    group: str,
) -> tuple[Figure, Figure]:
    """The mean and spread of one side of one dimension, each shown only when the rule allows."""
    if not moment.closed:
        return _withheld(OPEN), _withheld(OPEN)
    people = frozenset(scores)
    reason = means.admit(people, members)
    if reason:
        return _withheld(reason), _withheld(reason)
    # Sorted, so that the order of the responses never changes the last digit.
    values = [scores[p] for p in sorted(people)]
    mean = _shown(fmean(values), len(values))
    if audit:
        audit((moment.key, group, dimension, side), people)
    spread_reason = spreads.admit(people)
    if spread_reason:
        return mean, _withheld(SPREAD_TOO_FEW if spread_reason == TOO_FEW else SPREAD_DERIVABLE)
    if audit:
        audit((moment.key, group, dimension, side + "_spread"), people)
    return mean, _shown(pstdev(values), len(values))


def number_text(figure: Figure, *, decimals: int = 1, signed: bool = False) -> str:
    """A shown figure as people write it (``3,4`` in Dutch, ``3.4`` in English; ``+0,8``
    with ``signed``); ``–`` for a withheld one."""
    if not figure.shown:
        return "\u2013"
    return format_number(figure.number, decimals=decimals, signed=signed)


def format_number(value: float, *, decimals: int = 1, signed: bool = False) -> str:
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # never "-0,0"
    text = f"{abs(rounded):.{decimals}f}"
    if current_language() == "nl":
        text = text.replace(".", ",")
    if rounded < 0:
        return "\u2212" + text if signed else "-" + text
    return "+" + text if signed and rounded > 0 else text


def why_nothing(cell: GroupFigures) -> str:
    """Why a group shows nothing: the reason of its count, else of its first figure."""
    if not cell.respondents.shown:
        return cell.respondents.reason_text()
    return next(
        (f.reason_text() for d in cell.dimensions for _n, f in d.figures() if not f.shown),
        _("too few answers to show"),
    )


def respondents_line(cell_by_group: list[GroupFigures]) -> str:
    """ "Answered: everyone 15 · teachers 10 · leaders 5", only the counts that are shown."""
    parts = [
        f"{group_label(c.group).lower()} {c.respondents.value}"
        for c in cell_by_group
        if c.respondents.shown
    ]
    if not parts:
        return _("Answered: too few answers to show.")
    return _("Answered: {counts}.").format(counts=" \u00b7 ".join(parts))
