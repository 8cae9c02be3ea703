"""A database full of text that would break a careless terminal app."""

from __future__ import annotations

from plgcycle import cycle
from plgcycle.store import Store

HOSTILE_NAME = "[red]Rood[/red] \x1b[31mEsc\u202eRTL 😀"
HOSTILE_QUESTION = (
    "[bold]Hoe[/bold] voorkom ik [link=http://x]dit[/link]? \x1b[2J "
    + "heel lang " * 30
    + "einde 🎉 \u202egnirts"
)
COLLEAGUE_NAME = "[blink]Collega[/blink] \x1b]0;titel\x07"


def fill(path, clock) -> None:
    with Store(path, clock=clock) as store:
        store.create_me(cycle.new_person(HOSTILE_NAME, plg="[i]PLG[/i]"))
        question = cycle.new_question(store.me, HOSTILE_QUESTION, "[u]doel[/u]")
        store.save(question)
        colleague = cycle.new_person(COLLEAGUE_NAME)
        theirs = cycle.new_question(colleague.id, "[red]x[/red] vraag van een collega")
        feedback = cycle.new_feedback(
            question,
            colleague.id,
            "tip",
            "[b]Tip[/b] \x1b[31m!",
            COLLEAGUE_NAME,
            giver=colleague.id,
            given_on="2026-11-20",
        )
        for record in (colleague, theirs, feedback):
            record.rev, record.updated_at = 1, "2026-11-20T10:00:00.000000+00:00"
        store.apply([colleague, theirs, feedback])
