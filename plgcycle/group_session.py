"""The PLG and its meetings through a :class:`~plgcycle.session.Session`: what the UI and CLI call.

``session.group`` is a :class:`GroupAccess`.  It reads from the session's index (so the
start cache serves Home too) and saves through the session; it holds no state of its own.
The facilitator changes the PLG record and the meetings they keep; any member reads them
and marks their own group actions done.  Everything that may be refused (not the
facilitator, a date in the past) is refused here, with one readable line.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from . import group, meetings
from .errors import InvalidInput
from .groupview import GroupView, OpenAction, group_view
from .i18n import _, format_date
from .model import Record

if TYPE_CHECKING:
    from .index import RecordIndex
    from .session import Session


class GroupAccess:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def scan(self):
        """The school scan of this PLG (:mod:`plgcycle.scan_session`)."""
        from .scan_session import ScanAccess

        return ScanAccess(self._session)

    def view(self, index: RecordIndex | None = None) -> GroupView:
        """The PLG as the local teacher sees it today.

        ``index``: the one the caller already has (Home's first frame is drawn from the
        start cache's index, and asking the session again would read the whole file).
        """
        index = index if index is not None else self._session.index()
        records = [*index.group, *index.persons.values()]
        # Home's first frame comes from the start cache: it must not read the whole file.
        pinned = self._session.setting(group.PLG_PIN, loaded_only=True)
        return group_view(records, self._session.me, self._session.today, pinned=pinned)

    def own_plg(self) -> Record | None:
        """The PLG the local teacher keeps (as its facilitator), or None."""
        me = self._session.me
        plg = self.view().plg
        return plg if plg is not None and me is not None and plg.owner == me else None

    def keeps_meetings(self) -> bool:
        plg = self.view().plg
        return plg is not None and self._session.me in group.keepers(plg)

    def _need_facilitator(self) -> Record:
        plg = self.own_plg()
        if plg is None:
            raise InvalidInput(
                _("Only the facilitator changes the PLG; set one up with: plgcycle plg new NAME")
            )
        return plg

    def start_plg(self, name: str, goal: str = "") -> Record:
        """Set up a new PLG kept by the local teacher."""
        me = self._session.me
        if me is None:
            raise InvalidInput(_("Set up your profile first: plgcycle init --name NAME"))
        if self.own_plg() is not None:
            raise InvalidInput(_("You already keep a PLG: change it with plgcycle plg set."))
        (saved,) = self._session.save([group.new_plg(me, name, goal=goal)])
        return saved

    def change_plg(self, change) -> Record:
        """Apply ``change(plg) -> plg`` to the local teacher's own PLG and save it."""
        (saved,) = self._session.save([change(self._need_facilitator())])
        return saved

    def meeting_on(self, day: date) -> Record | None:
        return next((m for m in self.view().meetings if meetings.day_of(m) == day), None)

    def plan(self, day: date) -> Record:
        """The meeting on ``day``: the one kept already, else a new plan (not saved yet)."""
        view = self.view()
        if view.plg is None or not self.keeps_meetings():
            raise InvalidInput(
                _("Only the PLG's facilitator or a note-taker they named keeps its meetings.")
            )
        found = self.meeting_on(day)
        if found is not None:
            if found.owner != self._session.me:
                raise InvalidInput(
                    _("This meeting is kept by {name}.").format(
                        name=view.names.get(found.owner, _("unknown colleague"))
                    )
                )
            return found
        me = self._session.me
        assert me is not None
        return meetings.new_meeting(view.plg, me, day)

    def save_meeting(self, meeting: Record) -> Record:
        if meeting.owner != self._session.me or not self.keeps_meetings():
            raise InvalidInput(
                _("Only the PLG's facilitator or a note-taker they named keeps its meetings.")
            )
        (saved,) = self._session.save([meeting])
        return saved

    def proposal_context(self):
        """What the PLG adds to the next agenda proposal (see :func:`proposal_context`)."""
        from .agenda_proposal import proposal_context

        index = self._session.index()
        return proposal_context(self.view(index), [*index.group, *index.persons.values()])

    def agenda_meeting(self) -> Record | None:
        """The meeting whose agenda the local teacher may save now: the next one, if they
        keep the PLG's meetings (the facilitator or a named note-taker); else None."""
        view = self.view()
        me = self._session.me
        if view.plg is None or view.next_date is None or me not in group.keepers(view.plg):
            return None
        found = next((m for m in view.meetings if meetings.day_of(m) == view.next_date), None)
        if found is not None:
            return None if found.owner != me or found.data.get("held") else found
        assert me is not None
        return meetings.new_meeting(view.plg, me, view.next_date)

    @staticmethod
    def saved_agenda(meeting: Record):
        """The agenda saved with ``meeting`` (:class:`plgcycle.agenda.Agenda`), or None."""
        from .agenda import Agenda

        raw = meetings.saved_agenda(meeting)
        return Agenda.from_dict(raw) if raw is not None else None

    def save_agenda(self, agenda) -> Record:
        """Keep ``agenda`` with the meeting it is for (until the meeting is held)."""
        day = agenda.meeting or self.view().next_date
        if day is None:
            raise InvalidInput(_("The PLG has no meeting date from today on."))
        if day < self._session.today:
            raise InvalidInput(
                _("The meeting of {date} has passed; its agenda can no longer change.").format(
                    date=format_date(day)
                )
            )
        meeting = self.plan(day)
        if meeting.data.get("held"):
            raise InvalidInput(
                _("The meeting of {date} was held; its agenda can no longer change.").format(
                    date=format_date(day)
                )
            )
        return self.save_meeting(meetings.set_agenda(meeting, agenda))

    def mark_done(self, action: OpenAction, done: bool = True) -> Record:
        """Mark a group action of the local teacher done, in a record of their own."""
        me = self._session.me
        if me is None:
            raise InvalidInput(_("Set up your profile first: plgcycle init --name NAME"))
        existing = next(
            (
                r
                for r in self._session.index().group
                if r.owner == me and r.data.get("item") == action.item["id"]
            ),
            None,
        )
        record = meetings.done_record(action.meeting, action.item, me, done)
        if existing is not None:
            record.id = existing.id  # the store raises the revision
        (saved,) = self._session.save([record])
        return saved
