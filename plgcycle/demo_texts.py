"""The sample PLG's content: its teachers, their rounds, the feedback and the actions.

Dutch texts as a PLG of one school might write them, with the figures of their
measures.  Days are counted back from (or ahead of) the day the demo is made;
:mod:`plgcycle.demo` turns all of it into records.  Only classes and groups are
named, never students.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import ABANDON, ADAPT, ADOPT, QUESTION, TIP, TOP

PLG_NAME = "PLG Activerend leren"
SCHOOL = "Stedelijk College Noord"


@dataclass
class DemoTeacher:
    key: str
    name: str
    subject: str
    subgroup: str
    question: str
    goal: str
    rounds: list[dict]


TEACHERS: list[DemoTeacher] = [
    DemoTeacher(
        "ahmed",
        "Ahmed El Amrani",
        "wiskunde",
        "A",
        "Hoe kan ik met korte instructiefilmpjes (flipping the classroom) ervoor zorgen dat "
        "mijn 3-havoleerlingen in de les actiever oefenen?",
        "Teamdoel: meer actieve leertijd in de les",
        [
            dict(
                days_ago=70,
                stage=5,
                decision=ADAPT,
                klas="3 havo B",
                sources="Observatie van drie lessen: tijd dat leerlingen zelf oefenen; percentage gemaakte opgaven per les.",
                findings="Gemiddeld 15 van de 50 minuten zelf oefenen; 55% maakt de opgaven van de les af. Uitleg klassikaal duurt lang.",
                baseline_figure="55% maakt de opgaven af",
                ideas="Uitleg vooraf als filmpje; in de les starten met een korte check; oefenen in tweetallen.",
                approach="Per hoofdstukparagraaf een filmpje van max. 6 minuten als huiswerk, in de les direct oefenen met een opdrachtkaart.",
                what="Twee weken lang filmpjes bij paragraaf 4.1-4.3, in de les start met 3 controlevragen.",
                evidence="Percentage opgaven af, exit ticket met 2 sommen, korte enquête.",
                success="Minstens 70% maakt de opgaven van de les af.",
                prediction="Meer leerlingen zijn in de eerste tien minuten aan het werk; een deel heeft het filmpje niet gekeken.",
                happened="Filmpjes gemaakt en gedeeld via de ELO. Start met controlevragen werkte goed.",
                deviations="Een les viel uit door een toetsweek-rooster; 6 leerlingen hadden het filmpje steeds niet gezien.",
                observations="Veel meer vragen aan elkaar; de groep zonder filmpje liep vast.",
                reactions="'Fijn dat ik het filmpje terug kan kijken.' Sommigen vonden 6 minuten te lang.",
                measure=("Opgaven af", "%", 55, 68),
                # (days ago, value, baseline): measured before and after the try-out.
                points=((64, 55, True), (57, 68, False)),
                target=70,
                worked="Leerlingen die het filmpje keken, begonnen direct en maakten meer af.",
                not_worked="Wie het filmpje niet keek, had in de les niets om op terug te vallen.",
                why="Geen vangnet in de les voor wie niet voorbereid is.",
                conclusions="Filmpjes werken voor wie ze kijkt; ik heb een vangnet nodig voor de rest.",
                next="Een 'filmpjeshoek' in de les: wie niet gekeken heeft, kijkt eerst daar.",
            ),
            dict(
                days_ago=30,
                stage=3,
                klas="3 havo B",
                sources="Resultaten ronde 1 en de exit tickets.",
                findings="68% maakt de opgaven af; ongeveer een kwart kijkt het filmpje niet.",
                baseline_figure="68% maakt de opgaven af",
                approach="Filmpjes plus een filmpjeshoek in het lokaal met koptelefoons; filmpjes korter (max. 4 min).",
                what="Paragraaf 5.1-5.4 met filmpjes van 4 minuten en een filmpjeshoek.",
                evidence="Percentage opgaven af; hoeveel leerlingen de filmpjeshoek gebruiken.",
                success="Minstens 75% maakt de opgaven af.",
                prediction="De groep zonder voorbereiding haalt in 10 minuten de rest in.",
                measure=("Opgaven af", "%", 68, None),
                points=((38, 68, True),),  # the new round's baseline, after the first closed
                target=75,
            ),
        ],
    ),
    DemoTeacher(
        "sanne",
        "Sanne de Vries",
        "Nederlands",
        "A",
        "Hoe help ik mijn 4-vwoleerlingen met gerichte peerfeedback om hun betogen te herschrijven?",
        "Schooldoel: eigenaarschap bij leerlingen",
        [
            dict(
                days_ago=72,
                stage=5,
                decision=ADOPT,
                klas="4 vwo A",
                sources="Eerste versies van betogen en de herschreven versies; cijfers van de vorige schrijftoets.",
                findings="Herschreven versies verschillen nauwelijks van de eerste; feedback van medeleerlingen is vaag ('goed gedaan').",
                baseline_figure="Gemiddeld 6,1 op de schrijftoets",
                approach="Feedback met een checklist van drie criteria en verplichte 'tops en tips'.",
                what="Twee schrijfopdrachten met checklistfeedback in drietallen.",
                evidence="Aantal inhoudelijke wijzigingen tussen versies; cijfer schrijftoets.",
                success="Gemiddeld minstens drie inhoudelijke wijzigingen per tekst.",
                prediction="Feedback wordt concreter, maar het kost meer lestijd dan gepland.",
                happened="Checklist in twee lessen gebruikt; drietallen door mij ingedeeld.",
                deviations="Tweede les korter door een brandoefening.",
                observations="Leerlingen verwijzen naar de criteria in hun feedback.",
                reactions="'Nu weet ik wat ik moet veranderen.'",
                measure=("Cijfer schrijftoets", "punten", 6.1, 6.8),
                worked="De checklist maakt feedback concreet.",
                not_worked="Drietallen met alleen zwakke schrijvers kwamen niet verder.",
                why="Zonder een sterke schrijver in de groep ontbreekt een voorbeeld.",
                conclusions="Checklistfeedback vasthouden; groepen heterogeen indelen.",
                next="Zelfde aanpak in 4 vwo C, met een voorbeeldtekst erbij.",
            ),
            dict(
                days_ago=12,
                stage=4,
                klas="4 vwo C",
                sources="Cijfers schrijftoets 4 vwo C en eerste versies.",
                findings="Gemiddeld 5,9; weinig herschrijven.",
                baseline_figure="5,9",
                approach="Checklistfeedback in heterogene drietallen, met een voorbeeldtekst.",
                what="Betoog over schermtijd, checklistfeedback, herschrijven in de les.",
                evidence="Cijfers en het aantal wijzigingen.",
                success="Gemiddeld boven de 6,5.",
                prediction="Vergelijkbaar effect als in 4 vwo A.",
                happened="Uitgevoerd zoals gepland.",
                observations="De voorbeeldtekst werd vaak aangehaald.",
                measure=("Cijfer schrijftoets", "punten", 5.9, 6.6),
            ),
        ],
    ),
    DemoTeacher(
        "lotte",
        "Lotte Jansen",
        "biologie",
        "A",
        "Hoe kan ik met exit tickets sneller zien wat mijn 2-vwoleerlingen nog niet begrijpen?",
        "Teamdoel: formatief handelen",
        [
            dict(
                days_ago=68,
                stage=5,
                decision=ADAPT,
                klas="2 vwo B",
                sources="Toetsresultaten hoofdstuk 3 en mijn lesaantekeningen.",
                findings="Misconcepties over fotosynthese zie ik pas bij de toets.",
                approach="Elke les eindigen met een exit ticket van twee vragen.",
                what="Exit tickets bij hoofdstuk 4, vijf lessen.",
                evidence="Percentage goede antwoorden per exit ticket.",
                success="Misconcepties eerder zien en de les erop aanpassen.",
                prediction="Nakijken kost te veel tijd.",
                happened="Vijf lessen met exit tickets op papier.",
                deviations="Nakijken kostte inderdaad veel tijd.",
                observations="Twee misconcepties vroeg zichtbaar.",
                measure=("Goed op exit ticket", "%", 48, 71),
                worked="Ik zag misconcepties eerder.",
                not_worked="Papier nakijken kost te veel tijd.",
                conclusions="Aanpak goed, vorm te bewerkelijk.",
                next="Digitale exit tickets met meerkeuzevragen.",
            ),
            dict(days_ago=55, stage=1, klas="2 vwo B", sources="Resultaten exit tickets ronde 1."),
        ],
    ),
    DemoTeacher(
        "joris",
        "Joris Bakker",
        "geschiedenis",
        "B",
        "Hoe zorg ik met een activerende start (terugblikquiz) dat mijn 4-vmbo-t-leerlingen "
        "de stof van vorige lessen beter onthouden?",
        "Teamdoel: meer actieve leertijd in de les",
        [
            dict(
                days_ago=65,
                stage=5,
                decision=ABANDON,
                klas="4 vmbo-t",
                sources="Resultaten van de laatste twee proefwerken.",
                findings="Stof van een paar weken terug is weggezakt.",
                approach="Start elke les met een quiz van 5 vragen over eerdere lessen, via een online tool.",
                what="Online quiz aan het begin van zes lessen.",
                evidence="Score op de quiz; proefwerkcijfer.",
                success="Proefwerk gemiddeld een half punt hoger.",
                prediction="Leerlingen vinden het leuk en onthouden meer.",
                happened="Vier van de zes lessen gelukt.",
                deviations="Twee keer werkte de wifi niet.",
                observations="Veel tijd kwijt aan inloggen.",
                measure=("Proefwerkcijfer", "punten", 5.8, 5.9),
                worked="Leerlingen waren gemotiveerd.",
                not_worked="Het kost te veel lestijd door techniek.",
                conclusions="Deze vorm loslaten; het idee van terugblikken houd ik.",
                next="Terugblikken zonder techniek: mondeling of op papier.",
            ),
            dict(
                days_ago=20,
                stage=2,
                klas="4 vmbo-t",
                sources="Proefwerkcijfers en quizscores ronde 1.",
                findings="Terugblikken motiveert, maar techniek kost tijd.",
                approach="Drie terugblikvragen op het bord, in tweetallen beantwoorden.",
                what="Bordvragen bij de start van elke les in de komende drie weken.",
                class_only=True,
            ),
        ],
    ),
    DemoTeacher(
        "fatima",
        "Fatima Yilmaz",
        "Engels",
        "B",
        "Hoe krijg ik mijn 1-mavoleerlingen zover dat ze in de les meer Engels spreken?",
        "Schooldoel: taalgericht vakonderwijs",
        [
            dict(
                days_ago=66,
                stage=5,
                decision=ADAPT,
                klas="1 mavo D",
                sources="Observatie: hoe vaak leerlingen Engels spreken in een les.",
                findings="Gemiddeld spreekt een leerling minder dan een minuut Engels per les.",
                approach="Vaste spreekopdrachten in tweetallen met zinsstarters.",
                what="Drie weken lang elke les een spreekopdracht van 5 minuten.",
                evidence="Turven van spreekbeurten; korte enquête.",
                success="Elke leerling spreekt minstens twee minuten Engels per les.",
                prediction="Stille leerlingen durven meer in tweetallen.",
                happened="Uitgevoerd, met zinsstarters op kaartjes.",
                observations="Tweetallen vallen snel terug op Nederlands.",
                reactions="'Met de kaartjes durf ik het wel.'",
                measure=("Spreektijd per leerling", "min", 0.8, 1.9),
                worked="Zinsstarters helpen.",
                not_worked="Zonder toezicht schakelen ze terug naar Nederlands.",
                conclusions="Bijstellen: kortere opdrachten, vaker wisselen van partner.",
                next="Speed-dating-vorm met wisselende partners.",
            ),
            dict(
                days_ago=8,
                stage=4,
                klas="1 mavo D",
                sources="Turflijsten ronde 1.",
                findings="1,9 minuut per leerling.",
                approach="Speed-dating met wisselende partners, 2 minuten per ronde.",
                what="Speed-dating bij drie lessen.",
                evidence="Turven.",
                success="Minstens 2,5 minuut per leerling.",
                prediction="Meer spreektijd door het tempo.",
                happened="Twee lessen uitgevoerd.",
                measure=("Spreektijd per leerling", "min", 1.9, 2.7),
            ),
        ],
    ),
    DemoTeacher(
        "pieter",
        "Pieter van Dijk",
        "economie",
        "B",
        "Hoe kan ik met keuzeopdrachten beter aansluiten bij de verschillen in mijn 5-havoklas?",
        "Teamdoel: differentiëren",
        [
            dict(
                days_ago=60,
                stage=5,
                decision=ADAPT,
                klas="5 havo",
                sources="Cijfers van de laatste toets en een leerlingenquête.",
                findings="Grote spreiding; sterke leerlingen vervelen zich.",
                approach="Drie niveaus keuzeopdrachten per hoofdstuk.",
                what="Keuzeopdrachten bij hoofdstuk 6.",
                evidence="Enquête; toetscijfer.",
                success="Sterke leerlingen geven aan uitgedaagd te worden.",
                prediction="Zwakkere leerlingen kiezen te makkelijk.",
                happened="Uitgevoerd in vier lessen.",
                observations="Keuze lag vaak bij het makkelijkste niveau.",
                measure=("Uitgedaagd (enquête)", "%", 35, 52),
                worked="Sterke leerlingen waren meer betrokken.",
                not_worked="Veel leerlingen kozen te laag.",
                conclusions="Begeleiden bij de keuze.",
                next="Keuze na een korte instaptoets.",
            ),
            dict(
                days_ago=50,
                stage=2,
                klas="5 havo",
                sources="Enquête ronde 1.",
                findings="Keuze te laag bij de helft.",
            ),
        ],
    ),
]

FEEDBACK_PLAN = [
    # (giver, receiver, round index, step, type, text)
    (
        "sanne",
        "ahmed",
        0,
        "approach",
        TIP,
        "Zet bij elk filmpje één controlevraag in de ELO, dan weet je vooraf wie het gekeken heeft.",
    ),
    (
        "lotte",
        "ahmed",
        0,
        "analyse",
        TOP,
        "Sterk dat je de groep zonder filmpje apart bekeken hebt.",
    ),
    (
        "sanne",
        "ahmed",
        1,
        "approach",
        QUESTION,
        "Hoe voorkom je dat de filmpjeshoek een plek wordt om te kletsen?",
    ),
    (
        "ahmed",
        "sanne",
        0,
        "approach",
        TOP,
        "De checklist met drie criteria is direct bruikbaar in andere vakken.",
    ),
    (
        "lotte",
        "sanne",
        0,
        "analyse",
        TIP,
        "Deel de voorbeeldtekst ook vooraf, niet alleen tijdens het herschrijven.",
    ),
    (
        "ahmed",
        "lotte",
        0,
        "analyse",
        TIP,
        "Probeer een digitale tool met automatische nakijk, dat scheelt je uren.",
    ),
    (
        "fatima",
        "joris",
        0,
        "analyse",
        TOP,
        "Eerlijk dat je loslaat wat niet werkt; het idee blijft goed.",
    ),
    (
        "pieter",
        "joris",
        1,
        "approach",
        TIP,
        "Laat de tweetallen elkaars antwoord controleren met het boek.",
    ),
    (
        "joris",
        "fatima",
        0,
        "approach",
        QUESTION,
        "Hoe check je of ze echt Engels praten als je niet bij elk tweetal staat?",
    ),
    ("pieter", "fatima", 1, "analyse", TOP, "Mooi dat je de spreektijd echt meet."),
    ("fatima", "pieter", 0, "analyse", TIP, "Laat leerlingen hun keuze motiveren op een kaartje."),
]

FEEDBACK_STATUS = {
    0: "adopted",
    1: "adopted",
    3: "adopted",
    4: "not_adopted",
    5: "adopted",
    8: "adopted",
}

# Each teacher's between-meeting action: (text, due in days from today, done).
ACTIONS = {
    "ahmed": ("Filmpjes 5.3 en 5.4 opnemen en de filmpjeshoek inrichten.", 5, False),
    "sanne": ("Cijfers 4 vwo C analyseren en vergelijken met 4 vwo A.", 9, False),
    "lotte": ("Digitale tool voor exit tickets uitzoeken.", -20, False),
    "joris": ("Terugblikvragen voor drie lessen klaarzetten.", 3, False),
    "fatima": ("Derde speed-datingles uitvoeren en turven.", -2, False),
    "pieter": ("Instaptoets maken voor hoofdstuk 7.", -10, False),
}
