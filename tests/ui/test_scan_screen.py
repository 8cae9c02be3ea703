"""The school scan in the app, over a real database: answering the open round (keys, role),
saving on ctrl+s, on escape and on quitting, resuming, a closed round read-only, the group
figures (withheld below three answers, the respondent's own beside them) and the
facilitator opening and closing a round."""

from __future__ import annotations

import re
import uuid
from datetime import date

from plgcycle import group, scan, scan_rounds
from plgcycle.model import SCAN_RESPONSE, SCAN_ROUND, Record
from screens.dialogs.confirm import UnsavedDialog
from screens.dialogs.scan_round import OpenScanRoundDialog
from screens.scan import ScanScreen
from screens.scan_results import ScanResultsScreen

from .conftest import TODAY, reread
from .helpers import content_text, drive, notifications, screen_text, settle, type_text

SIZE = (80, 24)
STAMP = "2026-11-23T08:00:00.000000+00:00"  # before the app's clock: in time for the round


def _names(store) -> dict[str, str]:
    return {r.text("name"): r.id for r in store.list() if r.kind == "person"}


def _plg(store, members=("Sanne de Vries", "Lotte Jansen")) -> Record:
    """A PLG kept by the demo teacher (Ahmed), with colleagues of the demo in it."""
    names = _names(store)
    plg = group.add_members(
        group.new_plg(store.me, "PLG Activerend leren"), [names[n] for n in members]
    )
    store.save_many([plg])
    return plg


def _round(store, plg: Record, closes: date = date(2026, 12, 11)) -> Record:
    scan_round = scan_rounds.new_round(plg, store.me, "Moment 1", closes, opens=TODAY, moment=1)
    store.save_many([scan_round])
    return scan_round


def _answers(value: int) -> dict:
    return {s: value for s in scan.STATEMENTS}


def _colleague_answers(store, scan_round: Record, who: str, value: int, role="teacher") -> None:
    response = scan.check_response(who, role, _answers(value), _answers(5))
    data = {"scan_round": scan_round.id, **response.to_data()}
    store.apply([Record(SCAN_RESPONSE, who, data, str(uuid.uuid4()), 1, STAMP)])


def _my_response(db) -> Record | None:
    records, me = reread(db)
    mine = [r for r in records.values() if r.kind == SCAN_RESPONSE and r.owner == me]
    assert len(mine) <= 1
    return mine[0] if mine else None


async def _open_scan(pilot) -> None:
    await pilot.press("k")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ScanScreen)


def test_a_teacher_answers_with_the_keys_and_ctrl_s_saves(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    _round(demo_store, plg)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        text = content_text(app.screen)
        assert "Scanronde “Moment 1”: open tot en met 11 dec 2026" in text
        assert "Alleen groepscijfers van drie of meer mensen worden ooit getoond" in text
        assert "1-5 of ? kiest · ←/→ nu/gewenst" in screen_text(app)
        # Statement 1: nu 4, gewenst 5 (each digit moves on); statement 2: nu "weet ik niet",
        # then back (shift+tab) and changed to 2; statement 3 (↓ twice): gewenst 3 only.
        await pilot.press("4", "5", "question_mark", "shift+tab", "2")
        await pilot.press("down", "right", "3")
        await pilot.press("pagedown", "ctrl+end")  # the keys follow the page: the last one
        assert app.screen.focused.statement.id == "collegial_support.3"
        await pilot.press("ctrl+home", "down", "down")
        assert app.screen.focused.statement.id == "internal_development.3"
        await pilot.press("r")  # as a leader
        await settle(pilot)
        text = content_text(app.screen)
        assert "Je vult in als leidinggevende (r: docent) · 1 van de 38 stellingen ingevuld" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Opgeslagen." in notifications(app)

    drive(app, scenario, size=SIZE)
    saved = _my_response(demo_db)
    assert saved is not None and saved.data["role"] == "leader"
    assert saved.data["now"] == {"internal_development.1": 4, "internal_development.2": 2}
    assert saved.data["desired"] == {"internal_development.1": 5, "internal_development.3": 3}


def test_leaving_saves_and_coming_back_resumes_where_answers_stop(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    _round(demo_store, plg)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        await pilot.press("3", "4", "2", "shift+tab", "delete")  # statement 2's nu cleared
        await pilot.press("escape")
        await settle(pilot)
        assert "Opgeslagen." in notifications(app)
        assert not isinstance(app.screen, ScanScreen)
        saved = _my_response(demo_db)
        assert saved is not None and saved.data["now"] == {"internal_development.1": 3}
        assert saved.data["desired"] == {"internal_development.1": 4}
        # Back again: the answers are there, and the keys start at statement 2.
        await _open_scan(pilot)
        row = app.screen.focused
        assert row.statement.id == "internal_development.2" and row.side == "now"
        first = app.screen.query_one("#statement-internal_development-1")
        assert "[3]" in str(first.content) and "[4]" in str(first.content)
        await pilot.press("5")
        await pilot.press("ctrl+q")  # quitting asks, and "save" keeps it
        await settle(pilot)
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.click("#save")
        await settle(pilot)

    drive(app, scenario, size=SIZE)
    assert app.return_code is not None
    saved = _my_response(demo_db)
    assert saved.data["now"] == {"internal_development.1": 3, "internal_development.2": 5}


def test_keys_typed_in_a_burst_land_on_their_own_statements(demo_store, demo_db, make_app):
    """A real terminal delivers fast typing before the screen has redrawn: each key is for
    the statement the one before it moved to."""
    from textual import events

    plg = _plg(demo_store)
    _round(demo_store, plg)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        for key, char in [("4", "4"), ("5", "5"), ("3", "3"), ("question_mark", "?")]:
            app.post_message(events.Key(key, char))
        for key in ("down", "down", "2"):
            app.post_message(events.Key(key, key if key == "2" else None))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    drive(app, scenario, size=SIZE)
    saved = _my_response(demo_db)
    assert saved.data["now"] == {
        "internal_development.1": 4,
        "internal_development.2": 3,
        "external_development.2": 2,  # "?" moved on to statement 3; two down: statement 5
    }
    assert saved.data["desired"] == {
        "internal_development.1": 5,
        "internal_development.2": "dont_know",
    }


def test_a_click_chooses_and_nothing_changes_without_a_choice(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    _round(demo_store, plg)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        row = app.screen.query_one("#statement-internal_development-1")
        # "gewenst" choices start after the gap; the 4 of gewenst is the fourth cell there.
        start, _end, side, value = next(c for c in row._cells if c[2:] == ("desired", 4))
        await pilot.click(row, offset=(start + 2, row.content_size.height - 1))
        await settle(pilot)
        assert row.answers["desired"] == 4
        await pilot.press("escape")
        await settle(pilot)

    drive(app, scenario, size=SIZE)
    assert _my_response(demo_db).data == {
        "scan_round": _my_response(demo_db).data["scan_round"],
        "role": "teacher",
        "now": {},
        "desired": {"internal_development.1": 4},
    }


def test_a_closed_round_shows_the_answers_read_only(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    scan_round = _round(demo_store, plg)
    me = demo_store.me
    mine = scan_rounds.new_response(
        scan_round, me, "teacher", {"buy_in.1": 2}, {"buy_in.1": 4}, TODAY, plg=plg
    )
    demo_store.save_many([mine])
    demo_store.save_many([scan_rounds.close_round(scan_round)])
    before = _my_response(demo_db)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        text = content_text(app.screen)
        assert "gesloten: je antwoorden staan hieronder zoals je ze gaf" in text
        assert "Ingevuld als docent · 1 van de 38 stellingen" in text
        buy_in = app.screen.query_one("#statement-buy_in-1")
        assert "[2]" in str(buy_in.content) and "[4]" in str(buy_in.content)
        await pilot.press("3", "r")
        await settle(pilot)
        assert any("gesloten" in n for n in notifications(app)), notifications(app)
        assert not app.screen.has_unsaved()
        await pilot.press("escape")
        await settle(pilot)

    drive(app, scenario, size=SIZE)
    after = _my_response(demo_db)
    assert (after.rev, after.data) == (before.rev, before.data)


def test_a_round_that_opens_later_cannot_be_answered_yet(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    later = scan_rounds.new_round(
        plg, demo_store.me, "Moment 1", date(2026, 12, 11), opens=date(2026, 12, 1), moment=1
    )
    demo_store.save_many([later])
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        assert "Scanronde “Moment 1”: opent op 1 dec 2026." in content_text(app.screen)
        await pilot.press("4")
        await settle(pilot)
        assert any("1 dec 2026" in n for n in notifications(app)), notifications(app)
        await pilot.press("escape")
        await settle(pilot)

    drive(app, scenario, size=SIZE)
    assert _my_response(demo_db) is None


def test_fewer_than_three_answers_show_no_number(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    scan_round = _round(demo_store, plg)
    _colleague_answers(demo_store, scan_round, _names(demo_store)["Sanne de Vries"], 2)
    mine = scan_rounds.new_response(
        scan_round, demo_store.me, "teacher", _answers(4), _answers(5), TODAY, plg=plg
    )
    demo_store.save_many([mine])
    demo_store.save_many([scan_rounds.close_round(scan_round)])
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, ScanResultsScreen)
        for name in ("Iedereen", "Docenten", "Leidinggevenden"):
            assert f"[{name}]" in screen_text(app)
            chart = str(app.screen.query_one("#scan-chart").content)
            assert "te weinig antwoorden om te tonen" in chart
            assert not re.search(r"\d,\d", chart), chart
            await pilot.press("right")
            await settle(pilot)
        assert not re.search(r"\d,\d", content_text(app.screen))

    drive(app, scenario, size=SIZE)


def test_three_answers_show_the_group_figures_and_my_own_beside_them(demo_store, demo_db, make_app):
    plg = _plg(demo_store)
    scan_round = _round(demo_store, plg)
    names = _names(demo_store)
    _colleague_answers(demo_store, scan_round, names["Sanne de Vries"], 2)
    _colleague_answers(demo_store, scan_round, names["Lotte Jansen"], 3)
    mine = scan_rounds.new_response(
        scan_round, demo_store.me, "teacher", _answers(4), _answers(5), TODAY, plg=plg
    )
    demo_store.save_many([mine])
    demo_store.save_many([scan_rounds.close_round(scan_round)])
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "groepscijfers")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScanResultsScreen)
        text = screen_text(app)
        assert "Ingevuld: iedereen 3 · docenten 3." in text
        # Everyone: nu (2 + 3 + 4) / 3 = 3,0, gewenst 5,0, gap +2,0; mine 4,0→5,0.
        line = next(x for x in text.splitlines() if "Draagvlak" in x)
        assert re.search(r"3,0\s+5,0\s+\+2,0\s+4,0→5,0", line), line
        assert "'jij': je eigen antwoorden" in text
        reading = str(app.screen.query_one("#scan-reading").content)
        assert "Voor de volgende bijeenkomst" in reading and "Voor de teamleider" in reading

    drive(app, scenario, size=SIZE)


def test_a_second_round_shows_the_change_and_m_goes_back_to_the_first(
    demo_store, demo_db, make_app
):
    plg = _plg(demo_store)
    names = _names(demo_store)
    people = [names["Sanne de Vries"], names["Lotte Jansen"]]
    for moment, (closes, base) in enumerate(((date(2026, 11, 23), 2), (date(2026, 11, 30), 3)), 1):
        scan_round = scan_rounds.new_round(
            plg, demo_store.me, f"Moment {moment}", closes, opens=TODAY, moment=moment
        )
        demo_store.save_many([scan_round])
        for n, who in enumerate(people):
            _colleague_answers(demo_store, scan_round, who, base + n)
        mine = scan_rounds.new_response(
            scan_round, demo_store.me, "teacher", _answers(base + 2), _answers(5), TODAY, plg=plg
        )
        demo_store.save_many([mine])
        demo_store.save_many([scan_rounds.close_round(scan_round)])
    app = make_app(demo_store)

    async def scenario(pilot):
        await pilot.press("k", "f")
        await settle(pilot)
        chart = str(app.screen.query_one("#scan-chart").content)
        assert "“Moment 2”" in content_text(app.screen)
        # Moment 2: (3 + 4 + 5) / 3 = 4,0, since moment 1 (2 + 3 + 4) / 3 = 3,0: +1,0.
        line = next(x for x in chart.splitlines() if x.startswith("Draagvlak"))
        assert re.search(r"4,0\s+5,0\s+\+1,0\s+\+1,0\s+5,0→5,0", line), line
        assert "'sinds': verandering in nu sinds Moment 1" in chart
        await pilot.press("m")
        await settle(pilot)
        assert "“Moment 1”" in content_text(app.screen)
        line = next(
            x
            for x in str(app.screen.query_one("#scan-chart").content).splitlines()
            if x.startswith("Draagvlak")
        )
        assert re.search(r"3,0\s+5,0\s+\+2,0\s+4,0→5,0", line), line

    drive(app, scenario, size=SIZE)


def test_the_facilitator_opens_and_closes_a_round(demo_store, demo_db, make_app):
    _plg(demo_store)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        assert "Nog geen scanronde. Druk op o" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OpenScanRoundDialog)
        field = app.screen.query_one("#field-label")
        field.value = ""
        await type_text(pilot, "Najaar 2026")
        closes = app.screen.query_one("#field-closes")
        closes.value = "01-11-2026"  # in the past: refused, the dialog stays
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OpenScanRoundDialog)
        assert any("verleden" in n for n in notifications(app)), notifications(app)
        closes.value = "18-12-2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen)
        assert "Scanronde “Najaar 2026”: open tot en met 18 dec 2026" in screen_text(app)
        await pilot.press("5")  # the facilitator answers too; closing saves it first
        await pilot.press("c")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert "gesloten: je antwoorden" in content_text(app.screen)
        await pilot.press("escape")
        await settle(pilot)

    drive(app, scenario, size=SIZE)
    records, me = reread(demo_db)
    (scan_round,) = [r for r in records.values() if r.kind == SCAN_ROUND]
    assert scan_round.owner == me and scan_round.data["label"] == "Najaar 2026"
    assert scan_round.data["closes"] == "2026-12-18" and scan_round.data["closed_at"]
    assert _my_response(demo_db).data["now"] == {"internal_development.1": 5}


def test_a_member_cannot_open_a_round(store, db_path, make_app):
    from plgcycle import cycle

    facilitator = cycle.new_person("Marieke Visser")
    plg = group.add_members(group.new_plg(facilitator.id, "PLG Taal"), [store.me])
    for record in (facilitator, plg):
        record.rev, record.updated_at = 1, STAMP
    store.apply([facilitator, plg])
    app = make_app(store)

    async def scenario(pilot):
        await _open_scan(pilot)
        assert "de begeleider van de PLG opent er een" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen)
        assert any("Alleen de begeleider" in n for n in notifications(app)), notifications(app)

    drive(app, scenario, size=SIZE)


# --- snapshots (``make snapshots`` redraws them; look at them before committing) ------------


def _answered_a_little(store) -> None:
    plg = _plg(store)
    scan_round = _round(store, plg)
    answers = {"internal_development.1": 4, "internal_development.2": scan.DONT_KNOW}
    mine = scan_rounds.new_response(
        scan_round, store.me, "teacher", answers, {"internal_development.1": 5}, TODAY, plg=plg
    )
    store.save_many([mine])


def test_snapshot_answer_screen(snap_compare, demo_store, make_app):
    """Dutch, 80x24: the round's line, the scale, statement 1 answered, the keys at statement 2."""
    _answered_a_little(demo_store)
    assert snap_compare(make_app(demo_store), press=["k", "up"], terminal_size=SIZE)


def test_snapshot_answer_screen_english(snap_compare, demo_store, make_app):
    _answered_a_little(demo_store)
    app = make_app(demo_store, lang="en")
    assert snap_compare(app, press=["k", "up"], terminal_size=SIZE)


def test_snapshot_results_screen(snap_compare, demo_store, make_app):
    """Dutch, 80x24: everyone's bars with nu, gewenst, the gap and the respondent's own."""
    plg = _plg(demo_store)
    scan_round = _round(demo_store, plg)
    names = _names(demo_store)
    _colleague_answers(demo_store, scan_round, names["Sanne de Vries"], 2)
    _colleague_answers(demo_store, scan_round, names["Lotte Jansen"], 3)
    now = {s: 3 + n % 3 for n, s in enumerate(scan.STATEMENTS)}
    mine = scan_rounds.new_response(scan_round, demo_store.me, "teacher", now, _answers(4), TODAY)
    demo_store.save_many([mine])
    demo_store.save_many([scan_rounds.close_round(scan_round)])
    assert snap_compare(make_app(demo_store), press=["k", "f"], terminal_size=SIZE)


def test_snapshot_open_round_dialog(snap_compare, demo_store, make_app):
    _plg(demo_store)
    assert snap_compare(make_app(demo_store), press=["k", "o"], terminal_size=SIZE)


def test_a_leader_of_the_plg_answers_as_leidinggevende_by_default(demo_store, demo_db, make_app):
    sanne = _names(demo_store)["Sanne de Vries"]
    plg = group.set_leaders(group.new_plg(sanne, "PLG Activerend leren"), [demo_store.me])
    scan_round = scan_rounds.new_round(plg, sanne, "Moment 1", date(2026, 12, 11), opens=TODAY)
    for record in (plg, scan_round):
        record.rev, record.updated_at = 1, STAMP
    demo_store.apply([plg, scan_round])
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        assert "Je vult in als leidinggevende" in content_text(app.screen)

    drive(app, scenario, size=SIZE)


def test_answers_typed_before_the_round_closed_are_not_dropped_without_a_word(
    demo_store, demo_db, make_app
):
    plg = _plg(demo_store)
    scan_round = _round(demo_store, plg)
    app = make_app(demo_store)

    async def scenario(pilot):
        await _open_scan(pilot)
        await pilot.press("4")
        await settle(pilot)
        app.session.group.scan.close_round(scan_round)  # closed meanwhile (say, by a sync)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedDialog)  # it asks instead of dropping them

    drive(app, scenario, size=SIZE)
    assert _my_response(demo_db) is None
