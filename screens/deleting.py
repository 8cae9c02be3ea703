"""Deleting a teacher's own records: one question first, then one save.

Everything a teacher can open of their own can be deleted where it is listed
(the Delete key) and from its own screen (the command palette, "… verwijderen"):
a question, a try-out (with its measures), an action, a measure, a piece of
feedback.  A deletion is a tombstone in the same write, so it reaches colleagues
with the next export.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content

from plgcycle.i18n import _, ngettext
from plgcycle.model import Record

from .widgets.text import one_line


def deletion(record: Record, measures: Sequence[Record] = ()) -> tuple[str, list[Record]]:
    """The question to ask and the records to delete for a try-out (with its measures) or an
    action."""
    if record.kind == "tryout":
        related = [m for m in measures if m.data.get("tryout") == record.id]
        name = one_line(record.text("class_group"), 40)
        what = (
            _("the try-out {name}").format(name=name) if name else _("the try-out without a class")
        )
        message = _("Delete {what}?").format(what=what)
        if related:
            message += " " + ngettext(
                "Its {n} measure is deleted too.", "Its {n} measures are deleted too.", len(related)
            ).format(n=len(related))
        return message, [record, *related]
    what = _("the action “{text}”").format(text=one_line(record.text("text"), 60))
    return _("Delete {what}?").format(what=what), [record]


def ask_to_delete(
    window,
    message: str,
    records: list[Record],
    *,
    title: str = "",
    done: str = "",
    timeout: float = 3,
    then: Callable[[], object] | None = None,
) -> None:
    """Ask, then delete ``records`` (copies marked deleted) in one save and call ``then``."""
    from .dialogs.confirm import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        copies = [r.copy() for r in records]
        for record in copies:
            record.deleted = True
        if window.save(*copies):
            window.notify(done or _("Deleted."), timeout=timeout)
            if then is not None:
                then()

    window.app.push_screen(
        ConfirmDialog(title or _("Delete"), Content(message), _("Delete"), danger=True),
        answered,
    )
