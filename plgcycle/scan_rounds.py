"""The school scan as records: rounds the facilitator opens, one response per person and round.

A ``scan_round`` record (owned by the PLG's facilitator, or a note-taker they named)
says which moment it is (1, 2, 3...), its name, and the day it closes; a
``scan_response`` record (owned by the respondent, a member of the PLG) holds their role
and answers for one round, and can be changed until the round closes.  The trust rules
(:mod:`plgcycle.trust`) refuse a round from anyone else, and a response from outside the
PLG or given after its round closed, the same way for every file order.

:func:`scan_figures` turns trusted records into the group figures of :mod:`plgcycle.scan`,
whose anonymity rule decides what may be shown: nothing here shows one person's answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from . import group, scan
from .errors import InvalidInput
from .i18n import _, format_date
from .model import SCAN_RESPONSE, SCAN_ROUND, Record, iso, parse_date, utcnow

MAX_MOMENTS = 9


def new_round(
    plg: Record, owner: str, label: str, closes: date, *, opens: date, moment: int | None = None
) -> Record:
    """A scan round of ``plg`` opened by ``owner``, to be answered from ``opens`` to ``closes``."""
    label = " ".join((label or "").split())
    if closes < opens:
        raise InvalidInput(
            _("A scan round closes on or after the day it opens ({date}).").format(
                date=format_date(opens)
            )
        )
    if moment is not None and not 1 <= moment <= MAX_MOMENTS:
        raise InvalidInput(_("A scan round is moment 1 to {n}.").format(n=MAX_MOMENTS))
    return Record(
        SCAN_ROUND,
        owner,
        {
            "plg": plg.id,
            "moment": moment or 1,
            "label": label or _("Moment {n}").format(n=moment or 1),
            "opens": opens.isoformat(),
            "closes": closes.isoformat(),
        },
    )


def closes_on(scan_round: Record) -> date | None:
    return parse_date(scan_round.data.get("closes"))


def is_open(scan_round: Record, today: date) -> bool:
    """Answers can be given and changed: from the day it opens up to and including its last,
    unless the facilitator closed it before."""
    opens = parse_date(scan_round.data.get("opens"))
    return not _closed(scan_round, today) and (opens is None or opens <= today)


def _closed(scan_round: Record, today: date) -> bool:
    """No answer can come in any more: closed by the facilitator, or its last day has passed."""
    closes = closes_on(scan_round)
    return bool(scan_round.data.get("closed_at")) or closes is None or closes < today


def in_time(scan_round: Record, response: Record) -> bool:
    """The response was given before its round closed (the same test as the trust rules')."""
    closes = scan_round.data.get("closes")
    closed_at = scan_round.data.get("closed_at")
    if not isinstance(closes, str) or response.updated_at[:10] > closes:
        return False
    return not isinstance(closed_at, str) or response.updated_at <= closed_at


def close_round(scan_round: Record) -> Record:
    """A copy closed now: answers given until now count, later ones do not."""
    if scan_round.data.get("closed_at"):
        raise InvalidInput(_("This scan round is closed already."))
    out = scan_round.copy()
    out.data["closed_at"] = iso(utcnow())
    return out


def label(scan_round: Record) -> str:
    return scan_round.text("label") or _("Moment {n}").format(n=scan_round.data.get("moment"))


def new_response(
    scan_round: Record,
    owner: str,
    role: str,
    now: Mapping[str, scan.responses.Answer],
    desired: Mapping[str, scan.responses.Answer],
    today: date,
    *,
    plg: Record | None = None,
) -> Record:
    """``owner``'s checked answers for ``scan_round``; refused when the round is closed or
    the owner is not a member of the PLG."""
    if not is_open(scan_round, today):
        opens = parse_date(scan_round.data.get("opens"))
        raise InvalidInput(
            _("This scan round opens on {date}.").format(date=format_date(opens))
            if opens is not None and today < opens and not _closed(scan_round, today)
            else _("This scan round is closed; answers can no longer change.")
        )
    if plg is not None and not group.is_member(plg, owner):
        raise InvalidInput(_("Only members of the PLG answer its scan."))
    response = scan.check_response(owner, role, now, desired)
    return Record(SCAN_RESPONSE, owner, {"scan_round": scan_round.id, **response.to_data()})


@dataclass(frozen=True)
class ScanRounds:
    """The rounds of one PLG's scan (oldest moment first) and the responses to each."""

    rounds: list[Record]
    responses: dict[str, list[Record]]  # round id -> one response per respondent

    def response_of(self, scan_round: Record, person: str | None) -> Record | None:
        return next((r for r in self.responses.get(scan_round.id, []) if r.owner == person), None)

    def moments(self, today: date) -> list[scan.Moment]:
        """The rounds as :class:`plgcycle.scan.Moment` values for :func:`plgcycle.scan.build`.

        A response that does not check out is left out (the trust rules and the schema
        keep those away; this is the last guard).
        """
        out = []
        for scan_round in self.rounds:
            checked = []
            for record in self.responses.get(scan_round.id, []):
                try:
                    checked.append(scan.response_from_data(record.owner, record.data))
                except InvalidInput:
                    continue
            out.append(
                scan.check_moment(
                    scan_round.id,
                    label(scan_round),
                    checked,
                    closed=_closed(scan_round, today),
                )
            )
        return out


def scan_rounds(records: Iterable[Record], plg: Record | None) -> ScanRounds:
    """The scan rounds of ``plg`` kept by its keepers, and the responses of its members."""
    if plg is None:
        return ScanRounds([], {})
    records = [r for r in records if not r.deleted]
    keep = group.keepers(plg)
    rounds = [
        r
        for r in records
        if r.kind == SCAN_ROUND and r.data.get("plg") == plg.id and r.owner in keep
    ]
    rounds.sort(key=lambda r: (int(r.data.get("moment") or 0), r.data.get("opens") or "", r.id))
    ids = {r.id: r for r in rounds}
    responses: dict[str, dict[str, Record]] = {r.id: {} for r in rounds}
    for record in records:
        round_id = record.data.get("scan_round") if record.kind == SCAN_RESPONSE else None
        if (
            not isinstance(round_id, str)
            or round_id not in ids
            or not group.is_member(plg, record.owner)
        ):
            continue
        if not in_time(ids[round_id], record):
            continue  # given after the round closed
        current = responses[round_id].get(record.owner)
        if current is None or (record.updated_at, record.id) > (current.updated_at, current.id):
            responses[round_id][record.owner] = record
    return ScanRounds(
        rounds,
        {rid: sorted(by.values(), key=lambda r: r.owner) for rid, by in responses.items()},
    )


def scan_figures(records: Iterable[Record], plg: Record | None, today: date) -> scan.ScanFigures:
    """The group figures of ``plg``'s scan, with the anonymity rule applied."""
    return scan.build(scan_rounds(records, plg).moments(today))
