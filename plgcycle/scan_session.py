"""The school scan through a :class:`~plgcycle.session.Session`: what the UI and CLI call.

``session.group.scan`` is a :class:`ScanAccess`.  The facilitator (or a note-taker they
named) opens and closes scan rounds; every member answers the open round, leaves and
resumes, and changes their answers until it closes.  The figures come from
:func:`plgcycle.scan_rounds.scan_figures`, whose anonymity rule decides what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from . import group, scan, scan_rounds
from .errors import InvalidInput
from .i18n import _
from .model import Record

if TYPE_CHECKING:
    from .session import Session


class ScanAccess:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _records(self) -> list[Record]:
        index = self._session.index()
        return [*index.group, *index.persons.values()]

    def plg(self) -> Record | None:
        return self._session.group.view().plg

    def rounds(self) -> scan_rounds.ScanRounds:
        return scan_rounds.scan_rounds(self._records(), self.plg())

    def current(self) -> Record | None:
        """The round open today (the latest moment, if several), else None."""
        today = self._session.today
        found = [r for r in self.rounds().rounds if scan_rounds.is_open(r, today)]
        return found[-1] if found else None

    def last(self) -> Record | None:
        """The round to show: the open one, else the latest."""
        rounds = self.rounds().rounds
        return self.current() or (rounds[-1] if rounds else None)

    def my_response(self, scan_round: Record) -> Record | None:
        return self.rounds().response_of(scan_round, self._session.me)

    def my_answers(self, scan_round: Record) -> scan.Response | None:
        """The local person's own answers (they may always see their own)."""
        record = self.my_response(scan_round)
        if record is None:
            return None
        try:
            return scan.response_from_data(record.owner, record.data)
        except InvalidInput:
            return None

    def default_role(self, scan_round: Record | None = None) -> str:
        """The role answered with before, else leader for a leader of the PLG, else teacher."""
        earlier = self.my_answers(scan_round) if scan_round is not None else None
        if earlier is not None:
            return earlier.role
        plg = self.plg()
        if plg is not None and self._session.me in group.leaders(plg):
            return scan.LEADER
        return scan.TEACHER

    def figures(self) -> scan.ScanFigures:
        return scan_rounds.scan_figures(self._records(), self.plg(), self._session.today)

    def _need_keeper(self) -> Record:
        plg = self.plg()
        if plg is None or self._session.me not in group.keepers(plg):
            raise InvalidInput(_("Only the PLG's facilitator opens and closes a scan round."))
        return plg

    def open_round(
        self, label: str, closes: date, *, opens: date | None = None, moment: int | None = None
    ) -> Record:
        plg = self._need_keeper()
        me = self._session.me
        assert me is not None
        rounds = self.rounds().rounds
        if moment is None:
            moment = max((int(r.data.get("moment") or 0) for r in rounds), default=0) + 1
        if any(int(r.data.get("moment") or 0) == moment for r in rounds):
            raise InvalidInput(_("Moment {n} of the scan exists already.").format(n=moment))
        today = self._session.today
        if closes < today:
            raise InvalidInput(_("A scan round cannot close in the past."))
        record = scan_rounds.new_round(plg, me, label, closes, opens=opens or today, moment=moment)
        (saved,) = self._session.save([record])
        return saved

    def close_round(self, scan_round: Record) -> Record:
        self._need_keeper()
        current = next((r for r in self.rounds().rounds if r.id == scan_round.id), scan_round)
        scan_round = current  # as the database holds it: it may be closed already
        if scan_round.owner != self._session.me:
            raise InvalidInput(_("This scan round was opened by someone else."))
        (saved,) = self._session.save([scan_rounds.close_round(scan_round)])
        return saved

    def answer(
        self,
        scan_round: Record,
        role: str,
        now: Mapping[str, scan.responses.Answer],
        desired: Mapping[str, scan.responses.Answer],
    ) -> Record:
        """Save the local person's answers for ``scan_round`` (their earlier ones replaced)."""
        me = self._session.me
        if me is None:
            raise InvalidInput(_("Set up your profile first: plgcycle init --name NAME"))
        # The round as the database holds it now: it may have closed since it was shown.
        found = self.rounds()
        current = next((r for r in found.rounds if r.id == scan_round.id), None)
        if current is None:
            raise InvalidInput(_("This scan round is closed; answers can no longer change."))
        record = scan_rounds.new_response(
            current, me, role, now, desired, self._session.today, plg=self.plg()
        )
        existing = found.response_of(current, me)
        if existing is not None:
            record.id = existing.id  # the store raises the revision
        (saved,) = self._session.save([record])
        return saved
