"""The review's files tab: per teacher their check code and whether it was confirmed, their
newest file and the ones it superseded, who sent nothing since the last meeting, two people
with one name, and one line per file for what the trust rules left out."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from textual.app import App
from textual.widgets import Static

from plgcycle import exchange, i18n, review
from plgcycle.model import PERSON, Record, iso
from plgcycle.session import Session
from plgcycle.signing import Signed, controlecode, sign_record, signed_envelope
from screens.review import ReviewScreen
from screens.widgets.row_table import RowTable
from tests import forged
from tests.exchange_helpers import own, pid
from tests.trust_helpers import EXPORTED_AT, key_of, own_env, records_of, signed

TODAY = date(2026, 11, 23)
TWIN = "9d000000-0000-4000-8000-000000000001"


class Harness(App):
    def __init__(self, factory):
        super().__init__()
        self.session = Session(None, today=TODAY)
        self.lang = i18n.current_language()
        self.factory = factory

    def on_mount(self) -> None:
        self.push_screen(self.factory())


def folder_of_files(folder):
    """Ahmed twice (an older file superseded), Sanne in version 1 long ago, a second person
    called Sanne de Vries, Lotte only through a merged file, and a forged anonymous file."""
    folder.mkdir()

    def put(name, env):
        (folder / name).write_bytes(exchange.encode(env))

    put("ahmed.plgcycle.json", own_env("ahmed"))
    older = signed(records_of("ahmed")[:1], key_of("ahmed"))
    by = {"id": pid("ahmed"), "name": "Ahmed El Amrani"}
    put(
        "ahmed-oud.plgcycle.json",
        signed_envelope(older, by, key_of("ahmed"), "2026-10-01T09:00:00.000000+00:00"),
    )
    put(
        "sanne.plgcycle.json",
        exchange.envelope(
            own("sanne"),
            {"id": pid("sanne"), "name": "Sanne de Vries"},
            datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
        ),
    )
    twin_key = key_of("twin")
    twin = Record(PERSON, TWIN, {"name": "Sanne  de vries", "key": twin_key.public}, TWIN, 1)
    twin.updated_at = "2026-11-20T09:00:00.000000+00:00"
    from plgcycle.signing import PersonKey

    twin_key = PersonKey(TWIN, twin_key.seed)
    put(
        "sanne-2.plgcycle.json",
        signed_envelope(
            [Signed(twin, sign_record(twin, twin_key))],
            {"id": TWIN, "name": "Sanne de Vries"},
            twin_key,
            EXPORTED_AT,
        ),
    )
    lotte = signed(records_of("lotte"), key_of("lotte"))
    put(
        "subgroep.plgcycle.json",
        signed_envelope(
            lotte, {"id": None, "name": "B"}, None, iso(datetime(2026, 11, 22, tzinfo=UTC))
        ),
    )
    case = forged.anonymous_relay()
    put("anoniem.plgcycle.json", case.files["anoniem.plgcycle.json"])
    return folder


def test_the_files_tab_says_per_teacher_what_arrived_and_what_was_left_out(tmp_path):
    folder = folder_of_files(tmp_path / "map")
    data = review.load_exports([folder], confirmations={pid("ahmed"): key_of("ahmed").public})
    rule = review.StalledRule(since=date(2026, 11, 15))
    app = Harness(lambda: ReviewScreen(data, rule=rule))
    seen = {}

    async def scenario():
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            seen["notes"] = [n.message for n in app._notifications]
            table = app.screen.query_one("#review-table", RowTable)
            seen["rows"] = {row.person_id: row for row in app.screen.shown}
            assert table is not None
            await pilot.press("f", "f")
            await pilot.pause()
            seen["files"] = str(app.screen.query_one("#files-list", Static).render())

    asyncio.run(scenario())
    files = seen["files"]
    ahmed_code = controlecode(key_of("ahmed").public)
    assert f"controlecode {ahmed_code} · bevestigd" in files
    assert f"controlecode {controlecode(key_of('lotte').public)} · nog niet bevestigd" in files
    assert "nieuwste bestand ahmed.plgcycle.json, gemaakt 23 nov 2026" in files
    assert "vervangen door een nieuwer bestand: ahmed-oud.plgcycle.json" in files
    assert "geen eigen bestand (alleen via andere bestanden)" in files  # Lotte
    assert "geen nieuw bestand sinds 15 nov 2026 (iets anders dan geen beweging)" in files
    assert files.count("zelfde naam als iemand anders") == 2
    assert "2 verschillende personen heten sanne de vries" in files.lower()
    assert (
        "anoniem.plgcycle.json: 1 record niet ondertekend (zo gemarkeerd); 2 records weg" in files
    )
    assert "sanne.plgcycle.json: niet ondertekend" in files
    assert any("opmerkingen over de bestanden" in note for note in seen["notes"])
    sanne = seen["rows"][pid("sanne")]
    assert sanne.unsigned and sanne.no_new_file
    assert not seen["rows"][pid("ahmed")].unsigned


def test_b_confirms_a_check_code_in_the_files_tab_and_keeps_it_in_the_database(tmp_path):
    from plgcycle.store import Store

    folder = folder_of_files(tmp_path / "map")
    data = review.load_exports([folder])
    keys_db = tmp_path / "begeleider.json"
    app = Harness(lambda: ReviewScreen(data))
    app.session = Session(None, today=TODAY, keys_db=keys_db)
    ahmed_code = controlecode(key_of("ahmed").public)
    seen = {}

    async def scenario():
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f", "f", "b")
            await pilot.pause()
            await pilot.press("enter")  # Ahmed, first by name: on to the code
            await pilot.press(*"1111 2222 3333 4444", "enter")
            await pilot.pause()
            seen["error"] = str(app.screen.query_one("#check-error", Static).render())
            seen["still open"] = type(app.screen).__name__
            code_input = app.screen.query_one("#check-code")
            code_input.value = ahmed_code
            await pilot.press("enter")
            await pilot.pause()
            seen["files"] = str(app.screen.query_one("#files-list", Static).render())
            seen["notes"] = [n.message for n in app._notifications]

    asyncio.run(scenario())
    assert seen["still open"] == "CheckCodeDialog" and "klopt niet" in seen["error"]
    assert f"controlecode {ahmed_code} · bevestigd" in seen["files"]
    assert any("Bevestigd: de sleutel van Ahmed El Amrani" in n for n in seen["notes"])
    with Store(keys_db, readonly=True) as store:
        assert store.keys("confirmed") == {pid("ahmed"): key_of("ahmed").public}


def test_a_question_from_a_version_1_file_is_marked_not_signed_in_its_detail(tmp_path):
    from screens.review_question import ReviewQuestionScreen

    data = review.load_exports([folder_of_files(tmp_path / "map")])
    overview = review.build_overview(data, TODAY)
    latest = {r.owner: r for r in overview.index.latest_rounds()}
    seen = {}

    for name in ("sanne", "ahmed"):
        app = Harness(lambda n=name: ReviewQuestionScreen(overview, latest[pid(n)].id))

        async def scenario(app=app, name=name):
            async with app.run_test(size=(100, 60)) as pilot:
                await pilot.pause()
                head = str(app.screen.query_one("#question-head", Static).render())
                body = "\n".join(str(s.render()) for s in app.screen.query("#question-body Static"))
                seen[name] = (head.splitlines()[0], body)

        asyncio.run(scenario())
    assert seen["sanne"][0].startswith("Sanne de Vries · niet ondertekend · subgroep A")
    assert "niet ondertekend" not in seen["ahmed"][0]
    # On Ahmed's signed question only the feedback Sanne gave in her version-1 file is marked.
    marked = [line for line in seen["ahmed"][1].splitlines() if "niet ondertekend" in line]
    assert marked and all("Sanne de Vries · niet ondertekend (" in line for line in marked)
