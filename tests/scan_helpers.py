"""Helpers for the scan tests: compact responses, every output at once, and an attacker.

The attacker (:func:`exposed`) is independent of ``plgcycle.scan``'s own rule: it does
exact linear algebra over fractions.  Every shown mean with its count gives the sum of one
set of people; an onlooker may add and subtract such sums at will (across groups and
moments, assuming people gave the same answers at every moment).  A person is exposed when
some combination of the sums isolates them, alone or together with one other person (which
someone who knows their own answer would turn into the other's answer).
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from itertools import combinations

from plgcycle import i18n
from plgcycle.scan import (
    ALL,
    DIMENSIONS,
    DONT_KNOW,
    GROUPS,
    NOW,
    check_moment,
    check_response,
    csv_text,
    html_section,
    html_table,
    spider_svg,
    text_report,
)
from plgcycle.scan import read as read_scan

DK = DONT_KNOW


def answers(**dims: tuple) -> dict:
    """``answers(buy_in=(2, 3, DK))`` → ``{"buy_in.1": 2, "buy_in.2": 3, "buy_in.3": DK}``;
    ``None`` leaves a statement out."""
    out = {}
    for key, values in dims.items():
        for n, value in enumerate(values, start=1):
            if value is not None:
                out[f"{key}.{n}"] = value
    return out


def same(key: str, value, statements: int = 3) -> dict:
    return answers(**{key: (value,) * statements})


def person(pid: str, role: str, now: dict | None = None, desired: dict | None = None):
    return check_response(pid, role, now or {}, desired or {})


def moment(key: str, responses, label: str | None = None, closed: bool = True):
    return check_moment(key, label if label is not None else key, responses, closed=closed)


def every_output(figures) -> dict[str, str]:
    """Every output of the package for these figures, in Dutch and in English."""
    out = {}
    for lang in ("nl", "en"):
        i18n.set_language(lang)
        out[f"text-{lang}"] = "\n".join(text_report(figures))
        out[f"csv-{lang}"] = csv_text(figures)
        out[f"section-{lang}"] = html_section(figures)
        for info in figures.moments:
            for group in GROUPS:
                out[f"svg-{lang}-{info.key}-{group}"] = spider_svg(figures, group, info.key)
                out[f"table-{lang}-{info.key}-{group}"] = html_table(figures, group, info.key)
            reading = read_scan(figures, info.key)
            out[f"reading-{lang}-{info.key}"] = "\n".join((*reading.meeting, *reading.team_leader))
    i18n.set_language("nl")
    return out


def csv_figures(text: str) -> dict[tuple[str, str, str], dict[str, str]]:
    """The English CSV as {(moment, group, dimension key): row}."""
    rows = list(csv.DictReader(io.StringIO(text)))
    return {(r["Scan round"], r["Group"], r["Dimension key"]): r for r in rows}


GROUP_NAMES = {ALL: "Everyone", "teacher": "Teachers", "leader": "Leaders"}


def sums_from_csv(
    text: str,
    members: dict[tuple[str, str], frozenset],
    dimension: str,
    column: str = "Now",
    count: str = "Answers (now)",
):
    """What an onlooker reads from the English CSV: (people, sum) for each shown mean.

    ``members`` says who (by the onlooker's own knowledge of the team) answered the
    dimension for each (moment, group).
    """
    found = []
    for (moment_key, group), people in members.items():
        row = csv_figures(text)[(moment_key, GROUP_NAMES[group], dimension)]
        if row[column]:
            found.append((people, Fraction(row[column]) * int(row[count])))
    return found


def _rref(rows: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    rows = [r[:] for r in rows]
    pivots: list[int] = []
    r = 0
    width = len(rows[0]) if rows else 0
    for c in range(width):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=False)]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    return rows[:r], pivots


def exposed(sets: list[frozenset], known: frozenset = frozenset()) -> set[frozenset]:
    """The people (alone, or in pairs) whose values the sums over ``sets`` isolate.

    ``known`` are people whose values the onlooker already has (their own); with it, only
    single people count (the others' sum is no one's answer).  A vector supported on {i}
    or {i, j} lies in the span of the sets' indicator vectors exactly when column i (and j)
    of a null-space basis is zero (or the two are parallel).
    """
    people = sorted(frozenset().union(*sets, known)) if sets or known else []
    if not people:
        return set()
    index = {p: i for i, p in enumerate(people)}
    rows = [[Fraction(1 if p in s else 0) for p in people] for s in sets]
    rows += [[Fraction(1 if p == k else 0) for p in people] for k in known]
    reduced, pivots = _rref(rows)
    free = [c for c in range(len(people)) if c not in pivots]
    # Null-space basis: one vector per free column.
    basis = []
    for f in free:
        v = [Fraction(0)] * len(people)
        v[f] = Fraction(1)
        for row, p in zip(reduced, pivots, strict=False):
            v[p] = -row[f]
        basis.append(v)
    columns = {p: tuple(b[index[p]] for b in basis) for p in people}
    found: set[frozenset] = set()
    others = [p for p in people if p not in known]
    for p in others:
        if all(v == 0 for v in columns[p]):
            found.add(frozenset([p]))
    if known:
        return found
    for p, q in combinations(others, 2):
        a, b = columns[p], columns[q]
        # Parallel: a 2x2 minor test on every pair of coordinates.
        if all(a[i] * b[j] == a[j] * b[i] for i in range(len(a)) for j in range(i + 1, len(a))):
            found.add(frozenset([p, q]))
    return found


def answered(responses, dimension: str, side: str = NOW) -> frozenset:
    """Who answered at least one statement of ``dimension`` (not "don't know")."""
    keys = {s.id for d in DIMENSIONS if d.key == dimension for s in d.statements}
    out = set()
    for r in responses:
        given = r.answers(side)
        if any(given.get(k, DK) != DK for k in keys):
            out.add(r.respondent)
    return frozenset(out)


def attacker_families(
    csv_en: str, moments, groups=GROUPS
) -> dict[tuple[str, str], list[frozenset]]:
    """What an onlooker with the English CSV and knowledge of who is in the team has: per
    (dimension, column) the sets of people behind every number in the file."""
    from plgcycle.scan import DESIRED

    rows = csv_figures(csv_en)
    families: dict[tuple[str, str], list[frozenset]] = {}
    for m in moments:
        label = m.label or m.key
        for group in groups:
            members = [r for r in m.responses if group == ALL or r.role == group]
            row_any = None
            for d in DIMENSIONS:
                row = rows[(label, GROUP_NAMES[group], d.key)]
                row_any = row
                for column, spread, side in (
                    ("Now", "Spread (now)", NOW),
                    ("Desired", "Spread (desired)", DESIRED),
                ):
                    people = answered(members, d.key, side)
                    count = row["Answers (now)" if side == NOW else "Answers (desired)"]
                    if row[column]:
                        assert int(count) == len(people)
                        families.setdefault((d.key, column), []).append(people)
                    if count:
                        # How many of the whole group answered: a sum over the group of
                        # "answered, not don't know", the other thing a count tells.
                        families.setdefault((d.key, column + " answered"), []).append(
                            frozenset(r.respondent for r in members)
                        )
                    if row[spread]:
                        families.setdefault((d.key, spread), []).append(people)
            if row_any is not None and row_any["Respondents"]:
                families.setdefault(("", "Respondents"), []).append(
                    frozenset(r.respondent for r in members)
                )
    return families


def exposures(csv_en: str, moments) -> dict:
    """Every family in which someone is exposed (empty when the file is safe)."""
    out = {}
    for key, sets in attacker_families(csv_en, moments).items():
        found = exposed(sets)
        if found:
            out[key] = found
    return out
