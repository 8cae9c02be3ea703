"""The sample PLG as a group: its facilitator, goal, agreements and meetings.

Dutch texts as a facilitator might write them, for :mod:`plgcycle.demo_group`.  Days are
counted from the day the demo is made: the next meeting lies ahead (the date the demo
teachers' profiles name), the two before it were held.  Teachers are named by their demo
key (``ahmed``, ``sanne``, ...); only classes and groups are named, never students.
"""

from __future__ import annotations

from typing import Any

FACILITATOR_KEY = "marieke"
FACILITATOR_NAME = "Marieke Visser"
FACILITATOR_SUBJECT = "Nederlands"

GOAL = "Meer actieve leertijd en eigenaarschap bij leerlingen, in elke les."
GOAL_PARTS = [
    "Teamdoel: meer actieve leertijd in de les",
    "Schooldoel: eigenaarschap bij leerlingen",
    "Teamdoel: formatief handelen",
    "Schooldoel: taalgericht vakonderwijs",
    "Teamdoel: differentiëren",
]
WORKING_AGREEMENTS = (
    "We beginnen en eindigen op tijd.\n"
    "Feedback is concreet: tops en tips, geen beleefdheden.\n"
    "Wat in de PLG over leerlingen en collega's gezegd wordt, blijft in de PLG.\n"
    "We komen voorbereid: je try-out en wat het opleverde neem je mee."
)
START = "15:30"
MINUTES = 120
EVERY_WEEKS = 5
COUNT = 5
NEXT_IN_DAYS = 12  # the demo teachers' next meeting (plgcycle.demo)

SUBGROUPS = {
    "A": ["ahmed", "sanne", "lotte"],
    "B": ["joris", "fatima", "pieter"],
}
NOTE_TAKERS = ["sanne"]

# The two meetings held (the older first), as the facilitator noted them.  ``ago`` is the
# meeting's place in the series counted back from the next one (1: the last one held).
# Attendance: present unless listed as absent or excused.  Actions: (what, owner, due in
# days after the meeting, done by its owner).
HELD: list[dict[str, Any]] = [
    dict(
        ago=2,
        absent=[],
        excused=["pieter"],
        parts={
            "standup": "Iedereen in één zin: waar sta je met je leervraag? Vier mensen zitten in stap 2.",
            "explore": "Ahmed liet zijn eerste filmpje zien; Sanne vertelde over de klassenrol bij de start van de les.",
            "condense": "Wat werkt: een vaste start van de les. Wat lastig is: leerlingen die het huiswerk niet doen.",
            "make": "In tweetallen elkaars try-outplan aangescherpt met de vraag 'wat telt als gelukt?'.",
            "retro": "Tijd was krap bij exploreren.",
        },
        agreements=[
            "Iedereen voert vóór de volgende bijeenkomst minstens één try-out uit.",
            "We nemen bewijs mee: cijfers, turven of werk van leerlingen (zonder namen).",
        ],
        actions=[
            ("Voorbeeld van een exit ticket delen in de gedeelde map.", "lotte", 10, True),
            ("Observatieformulier voor elkaars lessen maken.", "joris", 21, True),
        ],
        successes=["Alle zes leervragen zijn rond en hangen aan het teamdoel."],
        went_well="Concreet: iedereen ging weg met een plan.",
        improve="Meer tijd voor exploreren, minder voor de stand-up.",
        mt=(
            "Kunnen we in de volgende periode één lesuur per maand ruilen voor lesbezoek bij elkaar?",
            "Ja: vanaf de volgende periode een tussenuur per maand, via de roostermaker.",
        ),
        logbook=(
            "lotte",
            "Lotte twijfelt of haar vraag niet te groot is; volgende keer even navragen.",
        ),
    ),
    dict(
        ago=1,
        absent=["fatima"],
        excused=[],
        parts={
            "standup": "Vijf try-outs uitgevoerd, één uitgesteld door de toetsweek.",
            "explore": "Ahmed en Joris presenteerden hun resultaten; de groep gaf tops en tips.",
            "condense": "Een vaste opbouw van de les helpt leerlingen die moeilijk starten.",
            "make": "Samen een opdrachtkaart gemaakt die elke sectie kan gebruiken.",
            "retro": "Fijn om echte cijfers te zien.",
        },
        agreements=[
            "De opdrachtkaart gaat in de gedeelde map, met een korte handleiding.",
            "Bij de volgende bijeenkomst laat iedereen het verschil zien met de eerste ronde.",
        ],
        actions=[
            ("Opdrachtkaart en handleiding in de gedeelde map zetten.", "ahmed", 7, True),
            (
                "Een moment vinden om de opdrachtkaart in de sectievergadering te laten zien.",
                "sanne",
                30,
                False,
            ),
        ],
        successes=[
            "Ahmed: van 55% naar 68% van de opgaven af in 3 havo B.",
            "Joris' terugblikvragen worden nu ook door twee sectiegenoten gebruikt.",
        ],
        went_well="De presentaties waren kort en concreet; de tips werden meteen opgeschreven.",
        improve="Maken kwam in tijdnood; volgende keer eerder beginnen.",
        mt=(
            "De PLG wil de opdrachtkaart in de studiedag van maart aan het hele team laten zien.",
            None,
        ),
        logbook=None,
    ),
]

# The next meeting, planned: (part, minutes, presenters).
PLANNED = [
    ("standup", 10, []),
    ("explore", 45, ["lotte", "pieter"]),
    ("condense", 20, []),
    ("make", 35, ["fatima"]),
    ("retro", 10, []),
]
