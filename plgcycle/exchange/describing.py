"""Describing records and the outcome of an import or merge for people.

:func:`describe` names one record literally (kind, its text, its owner);
:func:`summary_lines` turns a :class:`~.outcome.Plan` into the translated lines
the CLI prints and the import screen shows: the colleagues whose key changed,
then per file what is new, updated, unchanged and ignored and why (one line
per record the trust rules left out, naming the file and the record), the
conflicts, and the records of others the file carried along.
"""

from __future__ import annotations

from ..i18n import _, format_date, ngettext
from ..model import ACTION, FEEDBACK, KIND_LABELS, MEASURE, PERSON, ROUND, TRYOUT, Record
from ..textsafe import printable, shorten
from .outcome import FOREIGN, OLDER, TAKEOVER, YOURS, Plan
from .profiles import PROFILE_PROGRESS


def reason_text(reason: str, n: int, merging: bool = False) -> str:
    """Why ``n`` records were ignored, as one translated phrase."""
    if reason == YOURS:
        return ngettext(
            "{n} is yours: an import never changes your own work",
            "{n} are yours: an import never changes your own work",
            n,
        ).format(n=n)
    if reason == TAKEOVER:
        return ngettext(
            "{n} claims the id of a record that belongs to someone else",
            "{n} claim the id of a record that belongs to someone else",
            n,
        ).format(n=n)
    if reason == FOREIGN:
        return ngettext(
            "{n} is attached to someone else's question",
            "{n} are attached to someone else's question",
            n,
        ).format(n=n)
    if merging:
        return ngettext(
            "{n} is older than the version in another file",
            "{n} are older than the version in another file",
            n,
        ).format(n=n)
    return ngettext(
        "{n} is older than the version you already have",
        "{n} are older than the version you already have",
        n,
    ).format(n=n)


def describe(record: Record, names: dict[str, str] | None = None, width: int = 50) -> str:
    """A short, literal description: ``learning question 'Hoe help ik…' (Sanne de Vries)``."""
    names = names or {}
    label = _(KIND_LABELS.get(record.kind, record.kind))
    text = ""
    if record.kind == PERSON:
        text = record.text("name")
    elif record.kind == ROUND:
        text = record.text("question")
    elif record.kind == TRYOUT:
        text = record.text("class_group") or record.text("what")
    elif record.kind == MEASURE:
        text = record.text("name")
    elif record.kind in (FEEDBACK, ACTION):
        text = record.text("text")
    out = label
    if record.deleted:
        out = _("{kind} (deleted)").format(kind=label)
    if text:
        out += f" “{shorten(text, width)}”"
    owner = names.get(record.owner)
    if owner and record.kind != PERSON:
        out += f" ({shorten(owner, 40)})"
    return out


def summary_lines(plan: Plan, *, limit: int = 5) -> list[tuple[int, str]]:
    """The summary of an import or merge as (indent, line) pairs, translated and literal-safe.

    First a line per colleague whose key is not used as the files offer it; then
    per file: what it adds and changes, the trust rules' line about the file
    (not signed, records left out and why) with one line per record left out,
    older versions, conflicts, and the records of others it carried along.
    """
    lines: list[tuple[int, str]] = [(0, notice) for notice in plan.notices()]
    for summary in plan.summaries:
        export = summary.file
        sender = printable(export.sender_name, single_line=True) or _("unknown sender")
        profile = _("progress only") if export.profile == PROFILE_PROGRESS else _("full")
        lines.append(
            (
                0,
                _("{file} — {sender}, {date} ({profile})").format(
                    file=export.label,
                    sender=shorten(sender, 80),
                    date=format_date(export.exported_at),
                    profile=profile,
                ),
            )
        )
        ignored = len(summary.ignored)
        lines.append(
            (
                1,
                _(
                    "new: {added} · updated: {updated} · unchanged: {unchanged} · "
                    "ignored: {ignored}"
                ).format(
                    added=len(summary.added),
                    updated=len(summary.updated),
                    unchanged=summary.unchanged,
                    ignored=ignored,
                ),
            )
        )
        verdict_line = summary.verdict.line() if summary.verdict is not None else None
        if verdict_line:
            lines.append((1, verdict_line))
        refusals = summary.refusals
        sender_id = export.exported_by.get("id")
        own = [r for r in refusals if r.reason == YOURS]
        if sender_id and own and all(r.record.owner == sender_id for r in own):
            # The file is the teacher's own export (an earlier one, or a copy).
            lines.append(
                (
                    1,
                    ngettext(
                        "this is your own export: its {n} record stays as you have it now",
                        "this is your own export: its {n} records stay as you have them now",
                        len(own),
                    ).format(n=len(own)),
                )
            )
            refusals = [r for r in refusals if r.reason != YOURS]
        shown = refusals[: limit * 4]
        lines.extend((2, refusal.message) for refusal in shown)
        if len(refusals) > len(shown):
            lines.append((2, _("… and {n} more").format(n=len(refusals) - len(shown))))
        older = summary.ignored_by_reason.get(OLDER)
        if older:
            lines.append(
                (1, _("ignored: {why}").format(why=reason_text(OLDER, len(older), plan.merging)))
            )
        for conflict in summary.conflicts[: limit * 4]:
            kept = conflict.kept
            if conflict.kept.owner != conflict.other.owner:
                text = _(
                    "conflict: {record} has the same id as a record of {other}; kept the "
                    "version of {owner}."
                ).format(
                    record=describe(kept, plan.names),
                    other=shorten(plan.name_of(conflict.other.owner), 40),
                    owner=shorten(plan.name_of(kept.owner), 40),
                )
            elif conflict.kept_from_file:
                text = _(
                    "conflict: {record}: two different versions with revision {rev}; kept "
                    "the one from this file."
                ).format(record=describe(kept, plan.names), rev=kept.rev)
            else:
                where = (
                    _("kept the one you had")
                    if conflict.kept_local
                    else _("kept the one from another file")
                )
                text = _(
                    "conflict: {record}: two different versions with revision {rev}; {where}."
                ).format(record=describe(kept, plan.names), rev=kept.rev, where=where)
            lines.append((1, text))
        if len(summary.conflicts) > limit * 4:
            lines.append(
                (1, _("… and {n} more conflicts").format(n=len(summary.conflicts) - limit * 4))
            )
        for owner, count in sorted(summary.carried.items(), key=lambda kv: plan.name_of(kv[0])):
            lines.append(
                (
                    1,
                    ngettext(
                        "also in this file: {n} record of {name}, not made by the sender",
                        "also in this file: {n} records of {name}, not made by the sender",
                        count,
                    ).format(n=count, name=shorten(plan.name_of(owner), 60)),
                )
            )
    return lines
