"""The review screen says what its feedback figures count (this round, all rounds, taken on, who
only gives or only receives) and shows attendance over the year, through Textual's Pilot."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from plgcycle import demo, group, meetings, review
from plgcycle.model import PERSON, Record
from screens.review import ReviewScreen
from tests.exchange_helpers import pid
from tests.ui.helpers import screen_text
from tests.ui.test_review_screen import TODAY, Harness, drive

MARKUP = "Zoë [red]x[/red] [b]y"


def records_with_meetings() -> list[Record]:
    """The demo PLG with Pieter keeping its meetings: Joris absent at the last two; Kim (a name
    with markup) absent then afgemeld; a meeting Ahmed (a member) kept does not count."""
    _me, records = demo.build(TODAY)
    kim = Record(PERSON, "", {"name": MARKUP, "plg": "PLG Activerend leren"})
    kim.owner = kim.id
    persons = [r.id for r in records if r.kind == PERSON] + [kim.id]
    plg = group.add_members(group.new_plg(pid("pieter"), "PLG Activerend leren"), persons)
    present, absent, excused = meetings.PRESENT, meetings.ABSENT, meetings.EXCUSED
    everyone = dict.fromkeys(persons, present)

    def held(owner: str, day: date, **changes: str) -> Record:
        statuses = {**everyone, **{pid(k) if k != "kim" else kim.id: v for k, v in changes.items()}}
        meeting = meetings.new_meeting(plg, pid(owner), day)
        return meetings.mark_held(meetings.set_attendance(meeting, statuses))

    kept = [
        held("pieter", date(2026, 9, 14)),
        held("pieter", date(2026, 10, 12), joris=absent, kim=absent),
        held("pieter", date(2026, 11, 9), joris=absent, kim=excused, lotte=excused),
        held("ahmed", date(2026, 11, 16)),  # not the facilitator's: not counted
    ]
    return [*records, kim, plg, *kept]


def make_app() -> Harness:
    return Harness(lambda: ReviewScreen(records_with_meetings(), rule=review.StalledRule(days=12)))


def test_the_table_and_preview_say_this_round_and_all_rounds():
    app = make_app()

    async def scenario(pilot):
        shown = screen_text(app)
        assert "1 ontvangen" in shown and "deze ronde" in shown
        assert "nog geen feedback deze ronde: 3" in shown
        preview = str(app.screen.query_one("#review-preview", Static).render())
        # Ahmed got one piece on this round (three over all his rounds: the figures).
        assert "Ahmed El Amrani" in preview
        assert "Feedback deze ronde: 1 ontvangen (1 open, 0 overgenomen)" in preview
        # Kim has no question: her feedback over all rounds is in the preview.
        await pilot.press("end")
        preview = str(app.screen.query_one("#review-preview", Static).render())
        assert "Zoë" in preview
        assert "Feedback, alle rondes: 0 ontvangen, 0 overgenomen, 0 gegeven" in preview

    drive(app, scenario, size=(100, 40))


def test_the_group_figures_show_taken_on_and_attendance_with_the_signal():
    app = make_app()

    async def scenario(pilot):
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        flow = str(screen.query_one("#flow", Static).render())
        assert "overgenomen" in flow
        assert "Overgenomen (alle rondes): 5 van de 11 keer ontvangen feedback" in flow
        assert "het is geen oordeel" in flow
        titles = [str(s.render()) for s in screen.query(".figure-title").results(Static)]
        assert "Feedback: wie geeft aan wie (alle rondes)" in titles
        assert "Aanwezigheid bij de bijeenkomsten" in titles
        text = str(screen.query_one("#attendance", Static).render())
        assert "3 bijeenkomsten gehouden" in text  # Ahmed's meeting of 16 Nov is not one
        assert "16 nov 2026" not in text
        lines = text.splitlines()
        joris = lines.index(next(x for x in lines if x.startswith("Joris Bakker")))
        assert "1 aanwezig · 2 afwezig · 0 afgemeld (van 3 bijeenkomsten)" in lines[joris]
        assert (
            "niet aanwezig bij de laatste twee bijeenkomsten (afwezig, afwezig)" in lines[joris + 1]
        )
        lotte = next(x for x in lines if x.startswith("Lotte Jansen"))
        assert "1 afgemeld" in lotte  # one absence is no signal
        assert lines[lines.index(lotte) + 1].startswith("Pieter van Dijk")
        # A name is shown literally, never read as markup.
        assert MARKUP in text
        assert "(afgemeld, afwezig)" in text

    drive(app, scenario, size=(100, 60))
