"""The PLG as a group: its name, shared goal, working agreements, meeting dates and subgroups.

One ``plg`` record holds it, owned by the facilitator, who keeps it in their own database
and shares it like every record (signed, through exports and the shared folder).  The
functions here make and change that record (always a copy: the caller saves it) and read
what a member needs from it: their subgroup and the next meeting.  The meetings themselves
are in :mod:`plgcycle.meetings`; what a teacher sees of both, in :mod:`plgcycle.groupview`.

Subgroup names are written the way the facilitator typed them, but compared normalised
(``subgroep c`` and ``Subgroep  C`` are one group), and a person is in one subgroup at a
time: the facilitator's assignment wins over what a teacher typed in their profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from .errors import InvalidInput
from .i18n import _
from .model import PLG, Record, parse_date

MAX_DATES = 200  # the schema's limit: years of meetings
DEFAULT_MINUTES = 90  # a meeting's length when the facilitator has not said


def subgroup_key(name: str) -> str:
    """The name a subgroup is compared by: case, spacing and a leading "subgroep" ignored."""
    words = name.casefold().split()
    if len(words) > 1 and words[0] in ("subgroep", "subgroup", "groep", "group"):
        words = words[1:]
    return " ".join(words)


def tidy_name(name: str) -> str:
    """A subgroup name as shown: the facilitator's spelling, with its spacing tidied."""
    return " ".join(name.split())


def new_plg(owner: str, name: str, *, goal: str = "", agreements: str = "") -> Record:
    """A new PLG kept by ``owner`` (the facilitator), who is its first member."""
    name = tidy_name(name or "")
    if not name:
        raise InvalidInput(_("A PLG needs a name."))
    return Record(
        PLG,
        owner,
        {
            "name": name,
            "goal": goal.strip(),
            "agreements": agreements.strip(),
            "dates": [],
            "start": None,
            "minutes": DEFAULT_MINUTES,
            "members": [owner],
            "subgroups": [],
            "note_takers": [],
        },
    )


def edit_plg(plg: Record, **values) -> Record:
    """A copy with ``name``, ``goal``, ``agreements``, ``start`` or ``minutes`` changed."""
    allowed = {"name", "goal", "agreements", "start", "minutes", "goal_parts"}
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(_("Unknown field {field}.").format(field=sorted(unknown)[0]))
    out = plg.copy()
    for key, value in values.items():
        if isinstance(value, str):
            value = tidy_name(value) if key == "name" else value.strip()
        out.data[key] = value
    if "name" in values and not out.data["name"]:
        raise InvalidInput(_("A PLG needs a name."))
    start = out.data.get("start")
    if start and not _is_time(start):
        raise InvalidInput(_("Write the time as HH:MM, for example 15:30."))
    minutes = out.data.get("minutes")
    if minutes is not None and not (isinstance(minutes, int) and 10 <= minutes <= 600):
        raise InvalidInput(_("A meeting lasts between 10 and 600 minutes."))
    return out


def _is_time(text: str) -> bool:
    if len(text) != 5 or text[2] != ":":
        return False
    hours, minutes = text[:2], text[3:]
    return hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60


def series(
    first: date,
    every_weeks: int,
    count: int,
    *,
    skip: Iterable[date] = (),
    extra: Iterable[date] = (),
) -> list[date]:
    """Meeting dates: ``count`` meetings every ``every_weeks`` weeks from ``first``.

    A date in ``skip`` (a holiday) has no meeting and the series goes on, so it still has
    ``count`` meetings; ``extra`` dates are added.  Sorted, each date once.
    """
    if every_weeks < 1 or count < 1:
        raise InvalidInput(_("A series needs at least one date, one week or more apart."))
    if count > MAX_DATES:
        raise InvalidInput(_("At most {n} meeting dates.").format(n=MAX_DATES))
    skipped = set(skip)
    found: list[date] = []
    day = first
    while len(found) < count and day <= first + timedelta(
        weeks=every_weeks * (count + len(skipped))
    ):
        if day not in skipped:
            found.append(day)
        day += timedelta(weeks=every_weeks)
    return sorted(set(found) | set(extra))


def set_dates(plg: Record, dates: Iterable[date]) -> Record:
    """A copy with these meeting dates (sorted, each once)."""
    days = sorted(set(dates))
    if len(days) > MAX_DATES:
        raise InvalidInput(_("At most {n} meeting dates.").format(n=MAX_DATES))
    out = plg.copy()
    out.data["dates"] = [day.isoformat() for day in days]
    return out


def meeting_dates(plg: Record) -> list[date]:
    found = (parse_date(text) for text in plg.data.get("dates") or ())
    return sorted(day for day in found if day is not None)


def next_date(plg: Record, today: date) -> date | None:
    """The first meeting date from ``today`` on (today counts), or None."""
    return next((day for day in meeting_dates(plg) if day >= today), None)


def members(plg: Record) -> list[str]:
    return list(plg.data.get("members") or ())


def is_member(plg: Record, person: str | None) -> bool:
    """Whether ``person`` is in the PLG: its facilitator or one of its members."""
    return person is not None and (person == plg.owner or person in members(plg))


def add_members(plg: Record, people: Iterable[str]) -> Record:
    out = plg.copy()
    current = members(out)
    out.data["members"] = current + [p for p in dict.fromkeys(people) if p not in current]
    return out


def remove_member(plg: Record, person: str) -> Record:
    """A copy without ``person``: out of the PLG, its subgroups, note-takers and leaders."""
    if person == plg.owner:
        raise InvalidInput(_("The facilitator stays a member of their PLG."))
    out = plg.copy()
    out.data["members"] = [p for p in members(out) if p != person]
    out.data["subgroups"] = [
        {**group, "members": [p for p in group["members"] if p != person]}
        for group in out.data.get("subgroups") or ()
    ]
    out.data["note_takers"] = [p for p in out.data.get("note_takers") or () if p != person]
    if "leaders" in out.data:
        out.data["leaders"] = [p for p in leaders(out) if p != person]
    return out


def subgroups(plg: Record) -> list[dict]:
    """The subgroups as stored: ``{"name": ..., "members": [ids]}``, in the facilitator's order."""
    return [dict(group) for group in plg.data.get("subgroups") or ()]


def set_subgroup(plg: Record, name: str, people: Iterable[str]) -> Record:
    """A copy in which subgroup ``name`` holds exactly ``people``.

    The subgroup is found by its normalised name (a new one when none matches); each person
    leaves any other subgroup, and joins the PLG when not yet a member.  An empty list of
    people removes the subgroup.
    """
    label = tidy_name(name or "")
    if not label:
        raise InvalidInput(_("A subgroup needs a name."))
    key = subgroup_key(label)
    chosen = list(dict.fromkeys(people))
    out = add_members(plg, chosen)
    groups = []
    placed = False
    for group in subgroups(out):
        if subgroup_key(group["name"]) == key:
            placed = True
            if chosen:
                groups.append({"name": group["name"], "members": chosen})
            continue
        rest = [p for p in group["members"] if p not in chosen]
        groups.append({"name": group["name"], "members": rest})
    if not placed and chosen:
        groups.append({"name": label, "members": chosen})
    out.data["subgroups"] = groups
    return out


def subgroup_of(plg: Record, person: str) -> str | None:
    """The name of the subgroup the facilitator put ``person`` in, or None."""
    for group in subgroups(plg):
        if person in group["members"]:
            return group["name"]
    return None


def set_note_takers(plg: Record, people: Iterable[str]) -> Record:
    """A copy whose note-takers (who may keep the meetings besides the facilitator) are ``people``."""
    out = add_members(plg, people)
    out.data["note_takers"] = [p for p in dict.fromkeys(people) if p != plg.owner]
    return out


def set_leaders(plg: Record, people: Iterable[str]) -> Record:
    """A copy whose leaders (members who take part as school or team leader: they answer the
    scan as *leidinggevende*, and hold no learning question of their own) are ``people``."""
    out = add_members(plg, people)
    out.data["leaders"] = [p for p in dict.fromkeys(people) if p != plg.owner]
    return out


def leaders(plg: Record) -> list[str]:
    return list(plg.data.get("leaders") or ())


def not_teaching(plgs: Iterable[Record]) -> set[str]:
    """Who is in a PLG without taking part as a teacher: its facilitator and its leaders.

    The review and the agenda leave them out while they have no question of their own.
    """
    out: set[str] = set()
    for plg in plgs:
        if not plg.deleted:
            out |= {plg.owner, *leaders(plg)}
    return out


def keepers(plg: Record) -> set[str]:
    """Who may keep this PLG's meetings: its facilitator and the note-takers they named."""
    return {plg.owner, *(plg.data.get("note_takers") or ())}


def goal_parts(plg: Record) -> list[str]:
    """The parts of the shared goal a question can serve: the goal's lines, or those set apart."""
    parts = plg.data.get("goal_parts")
    if isinstance(parts, list) and parts:
        return [p for p in parts if isinstance(p, str)]
    goal = plg.data.get("goal")
    if not isinstance(goal, str):
        return []
    return [line.strip(" -*•\t") for line in goal.splitlines() if line.strip(" -*•\t")]


def plg_for(
    records: Iterable[Record], person: str | None, *, pinned: str | None = None
) -> Record | None:
    """The PLG ``person`` belongs to among ``records``: one they keep, else ``pinned`` (the
    first that listed them, see :func:`plgcycle.group_session.pin_first_plg`) while it still
    lists them, else one listing them.

    When several list them, the choice does not depend on the order of the records (the
    lowest id), so every view picks the same one.
    """
    found = [r for r in records if r.kind == PLG and not r.deleted]
    if person is None:
        return min(found, key=lambda r: r.id, default=None)
    own = [r for r in found if r.owner == person]
    listed = [r for r in found if person in members(r)]
    chosen = [r for r in listed if r.id == pinned]
    return min(own or chosen or listed, key=lambda r: r.id, default=None)


def find_person(names: Mapping[str, str], text: str) -> str:
    """The id of the one person whose name is ``text`` (or starts with it); else a clear error.

    Compared without case, accents or extra spaces.  Two people who both match are
    named, so the facilitator can type more of the name.
    """
    from .verdict import normalised_name

    wanted = normalised_name(text)
    if not wanted:
        raise InvalidInput(_("Give a name."))
    exact = [pid for pid, name in names.items() if normalised_name(name) == wanted]
    found = exact or [
        pid for pid, name in names.items() if normalised_name(name).startswith(wanted)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InvalidInput(
            _("Nobody called {name} is known here: sync or import their file first.").format(
                name=text
            )
        )
    raise InvalidInput(
        _("More than one person is called {name}: {names}. Type more of the name.").format(
            name=text, names=", ".join(sorted(names[pid] for pid in found))
        )
    )


PLG_PIN = "plg"  # the setting that remembers the first PLG that listed the local teacher


def pin_first_plg(store, arrived: Iterable[Record]) -> None:
    """Remember the first PLG that lists the store's teacher, among the records that have
    just ``arrived`` (when none is remembered yet).

    Trust on first sight, as with keys: a PLG record a colleague makes later, listing the
    teacher too, does not take the place of the one their facilitator sent first.  Called
    by every import (``plgcycle.exchange.apply_plan``), in the same write; it looks only at
    what arrived, so an import pays nothing for it.
    """
    me = store.me
    if me is None or store.setting(PLG_PIN):
        return
    found = plg_for([r for r in arrived if r.kind == PLG], me)
    if found is not None and found.owner != me:
        store.set_setting(PLG_PIN, found.id)
