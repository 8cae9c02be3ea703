"""What an export will contain, worked out and described before it is written.

:func:`prepare_export` picks the records a profile sends and counts them: per
kind, the deletions, the people named, whose questions the feedback goes to,
the private notes that stay behind and, for the progress profile, the texts
left out.  The CLI prints :meth:`ExportPreview.lines`, the TUI shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ExchangeError
from ..i18n import _, ngettext
from ..model import (
    ACTION,
    FEEDBACK,
    KIND_LABELS,
    MEASURE,
    MEETING,
    PERSON,
    PLG,
    ROUND,
    TRYOUT,
    Record,
)
from ..privacy import private_count, shareable, with_carried_marks
from ..signing import controlecode, valid_public_key
from ..textsafe import printable
from .profiles import PROFILE_FULL, PROFILE_PROGRESS, PROFILES, export_records, withheld_paths


def kind_count(kind: str, n: int) -> str:
    """``3 question rounds``, translated."""
    if kind == PERSON:
        return ngettext("{n} person", "{n} people", n).format(n=n)
    if kind == ROUND:
        return ngettext("{n} question round", "{n} question rounds", n).format(n=n)
    if kind == TRYOUT:
        return ngettext("{n} try-out", "{n} try-outs", n).format(n=n)
    if kind == MEASURE:
        return ngettext("{n} measure", "{n} measures", n).format(n=n)
    if kind == FEEDBACK:
        return ngettext("{n} piece of feedback", "{n} pieces of feedback", n).format(n=n)
    if kind == ACTION:
        return ngettext("{n} action", "{n} actions", n).format(n=n)
    if kind == PLG:
        return ngettext(
            "{n} PLG (goal, dates, subgroups)", "{n} PLGs (goal, dates, subgroups)", n
        ).format(n=n)
    if kind == MEETING:
        return ngettext("{n} meeting", "{n} meetings", n).format(n=n)
    return f"{n} {kind}"


@dataclass
class ExportPreview:
    """What an export will contain, shown before it is written."""

    profile: str
    counts: dict[str, int]  # kind -> records (not deleted)
    deleted: int  # tombstones: deletions travel, contents do not
    people: list[str]  # names in the file: you, and whoever gave feedback you recorded
    feedback_to: list[str]  # colleagues whose questions your feedback is on
    private_left_out: int  # filled private notes and fields that stay on this computer
    withheld: int  # progress profile: texts and results not shared
    records: list[Record] = field(default_factory=list, repr=False)
    controlecode: str = ""  # of the key the file is signed with ("" when none is named yet)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.deleted

    def lines(self) -> list[str]:
        """The preview as short translated lines (the CLI prints them, the TUI shows them)."""
        out = []
        if self.profile == PROFILE_PROGRESS:
            out.append(
                _(
                    "Profile: progress only (questions, steps, dates, decisions, feedback "
                    "counts; no reflections or results)."
                )
            )
        else:
            out.append(_("Profile: everything you wrote, except private notes."))
        parts = [kind_count(kind, count) for kind, count in self.counts.items() if count]
        out.append(_("Records: {list}.").format(list=", ".join(parts) or _("none")))
        if self.deleted:
            out.append(
                ngettext(
                    "{n} deletion is shared (without its content).",
                    "{n} deletions are shared (without their content).",
                    self.deleted,
                ).format(n=self.deleted)
            )
        out.append(
            _("People mentioned: {names}.").format(
                names=", ".join(printable(n, single_line=True) for n in self.people) or _("none")
            )
        )
        if self.feedback_to:
            out.append(
                _("Your feedback goes to: {names}.").format(
                    names=", ".join(printable(n, single_line=True) for n in self.feedback_to)
                )
            )
        if self.private_left_out:
            out.append(
                ngettext(
                    "{n} private note or field stays on this computer.",
                    "{n} private notes and fields stay on this computer.",
                    self.private_left_out,
                ).format(n=self.private_left_out)
            )
        else:
            out.append(_("Private notes never leave this computer (there are none now)."))
        if self.withheld:
            out.append(
                ngettext(
                    "{n} text or result is left out (progress only).",
                    "{n} texts and results are left out (progress only).",
                    self.withheld,
                ).format(n=self.withheld)
            )
        else:
            out.append(_("Check that your texts name classes or groups, never students."))
        if self.controlecode:
            out.append(
                _("Signed with your key (check code {code}).").format(code=self.controlecode)
            )
        else:
            out.append(_("Signed with your key, which is made when you export the first time."))
        return out


def prepare_export(
    records: Iterable[Record], me: str, profile: str = PROFILE_FULL
) -> ExportPreview:
    """The records to export and a preview of them."""
    if profile not in PROFILES:
        raise ExchangeError(
            _("Unknown profile {profile}: use full or progress.").format(profile=profile)
        )
    records = list(records)
    exported = export_records(records, me, profile)
    counts = {kind: 0 for kind in KIND_LABELS}
    deleted = 0
    for record in exported:
        if record.deleted:
            deleted += 1
        else:
            counts[record.kind] = counts.get(record.kind, 0) + 1
    persons = {r.id: r for r in records if r.kind == PERSON and not r.deleted}
    rounds = {r.id: r for r in records if r.kind == ROUND}
    own_name = persons[me].text("name") if me in persons else ""
    people: list[str] = [own_name] if own_name else []
    recipients: list[str] = []
    for record in exported:
        if record.deleted:
            continue
        if record.kind == PERSON:
            name = record.text("name")
            if name and name not in people:
                people.append(name)
        if record.kind == FEEDBACK:
            giver = record.text("giver_name")
            if giver and giver not in people:
                people.append(giver)
            target = rounds.get(record.data.get("round") or "")
            if target is not None and target.owner != me:
                person = persons.get(target.owner)
                name = person.text("name") if person else _("unknown colleague")
                if name not in recipients:
                    recipients.append(name)
    own = with_carried_marks(r for r in records if r.owner == me)
    private = sum(private_count(r) for r in own)
    withheld = 0
    if profile == PROFILE_PROGRESS:  # what the profile leaves out beyond the private fields
        withheld = sum(len(withheld_paths(r)) for r in exported) - sum(
            len(withheld_paths(shareable(r))) for r in own
        )
    key = persons[me].data.get("key") if me in persons else None
    return ExportPreview(
        profile,
        counts,
        deleted,
        people,
        sorted(recipients, key=str.casefold),
        private,
        withheld,
        exported,
        controlecode(key) if isinstance(key, str) and valid_public_key(key) else "",
    )
