"""The school scan from the command line, on real databases and a real shared folder.

The facilitator opens a scan round; three teachers answer (one leaves and resumes); the
facilitator closes the round and sees the group figures, never one person's; a school
leader alone is one too few to show the leaders' figures.  Then the bad input.
"""

from __future__ import annotations

import pytest

from tests.share_helpers import new_teacher, run, share_in, sync


def ok(*args, input=None, lang=None) -> str:
    result = run(*args, input=input, lang=lang)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def group(tmp_path):
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    names = {
        "pieter": "Pieter Jansen",
        "sanne": "Sanne de Vries",
        "ahmed": "Ahmed El Amrani",
        "lotte": "Lotte Jansen",
        "marieke": "Marieke Visser",
    }
    dbs = {key: tmp_path / f"{key}.json" for key in names}
    for key, name in names.items():
        new_teacher(dbs[key], name)
        share_in(dbs[key], folder)
    fac = dbs["pieter"]
    sync(fac, "--yes")
    ok("plg", "new", "PLG Taal", "--db", fac)
    ok("plg", "subgroup", "A", "sanne", "ahmed", "lotte", "marieke", "--db", fac)
    return dbs


def answers(value: int) -> list[str]:
    return ["--now", f"buy_in.1={value}", "--now", f"buy_in.2={value}", "--desired", "buy_in.1=5"]


def _everyone_syncs(group) -> None:
    sync(group["pieter"], "--yes")
    for key in ("sanne", "ahmed", "lotte", "marieke"):
        sync(group[key], "--yes")
    sync(group["pieter"], "--yes")


def test_a_scan_round_is_opened_answered_closed_and_shown_as_group_figures(group, tmp_path):
    fac = group["pieter"]
    out = ok("scan", "open", "Moment 1 najaar", "--closes", "31-01-2027", "--db", fac)
    assert "31 jan 2027" in out
    _everyone_syncs(group)
    for key, value in (("sanne", 2), ("ahmed", 3), ("lotte", 4)):
        ok("scan", "answer", *answers(value), "--db", group[key])
    # Lotte changes one answer: the other answers she gave stay.
    ok("scan", "answer", "--now", "buy_in.2=5", "--db", group["lotte"])
    ok("scan", "answer", "--role", "leidinggevende", *answers(5), "--db", group["marieke"])
    _everyone_syncs(group)
    assert "3,2" not in ok("scan", "show", "--db", fac)  # open: nothing shown yet
    ok("scan", "close", "--db", fac)
    shown = ok("scan", "show", "--db", fac)
    # Everyone (4): buy_in now (2 + 3 + 4,5 + 5) / 4 = 3,6.  One leader is one too few:
    # the leaders' figures are withheld, and so are the teachers' (3,2), which beside
    # everyone's would give away what she answered.
    assert "3,6" in shown and "3,2" not in shown
    leaders = shown[shown.index("Leidinggevenden") :]
    assert leaders.split("\n")[1].strip() == "te weinig antwoorden om te tonen", leaders

    # Moment 2: the same four answer again, Sanne and Ahmed a step higher.
    ok("scan", "open", "Moment 2", "--closes", "28-02-2027", "--db", fac)
    _everyone_syncs(group)
    for key, value in (("sanne", 3), ("ahmed", 4), ("lotte", 4)):
        ok("scan", "answer", *answers(value), "--db", group[key])
    ok("scan", "answer", "--now", "buy_in.2=5", "--db", group["lotte"])
    ok("scan", "answer", *answers(5), "--db", group["marieke"])  # her role stays leader
    _everyone_syncs(group)
    ok("scan", "close", "--db", fac)
    shown = ok("scan", "show", "--db", fac)
    # Everyone: (3 + 4 + 4,5 + 5) / 4 = 4,125, shown as 4,1; up 0,5 since moment 1.
    assert "4,1" in shown and "+0,5" in shown, shown
    html = tmp_path / "scan.html"
    ok("scan", "report", "-o", html, "--db", fac)
    text = html.read_text(encoding="utf-8")
    assert "<svg" in text and "4,1" in text
    csv = tmp_path / "scan.csv"
    ok("scan", "report", "-o", csv, "--db", fac)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    # Her own answers are Lotte's to see, beside the group's.
    _everyone_syncs(group)
    mine = ok("scan", "show", "--db", group["lotte"])
    assert "4,1" in mine and "Je eigen antwoorden" in mine and "4,5" in mine


def test_bad_scan_input_is_refused_with_one_line_and_changes_nothing(group):
    fac = group["pieter"]
    refused = run("scan", "answer", *answers(3), "--db", group["sanne"])
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    ok("scan", "open", "Moment 1", "--closes", "31-01-2027", "--db", fac)
    sync(fac, "--yes")
    sync(group["sanne"], "--yes")
    before = group["sanne"].read_bytes()
    for args in (
        ["--now", "buy_in.1=6"],
        ["--now", "buy_in.9=3"],
        ["--now", "buy_in.1"],
        ["--role", "directeur", "--now", "buy_in.1=3"],
    ):
        result = run("scan", "answer", *args, "--db", group["sanne"])
        assert result.exit_code != 0, args
        assert len(result.output.strip().splitlines()) == 1, result.output
    assert group["sanne"].read_bytes() == before
    # Only the facilitator opens a round; a round closing in the past is refused.
    assert run("scan", "open", "X", "--closes", "31-01-2027", "--db", group["sanne"]).exit_code
    assert run("scan", "open", "X", "--closes", "01-01-2020", "--db", fac).exit_code
    ok("scan", "close", "--db", fac)
    sync(fac, "--yes")
    sync(group["sanne"], "--yes")
    late = run("scan", "answer", *answers(3), "--db", group["sanne"])
    assert late.exit_code != 0 and "open" in late.output


def test_answering_statement_by_statement_can_be_left_and_resumed(group):
    fac = group["pieter"]
    ok("scan", "open", "Moment 1", "--closes", "31-01-2027", "--db", fac)
    sync(fac, "--yes")
    sync(group["sanne"], "--yes")
    from plgcycle import scan

    assert "Scanronde ‘Moment 1’ is open tot en met 31 jan 2027 (0 van de 38" in ok(
        "status", "--db", group["sanne"]
    )
    prompts = 2 * len(scan.STATEMENTS)
    first = ["4", "?"] + ["-"] * (prompts - 2)
    ok("scan", "answer", "--db", group["sanne"], input="\n".join(first) + "\n")
    # Enter keeps what was given: the second time only the third answer changes.
    again = ["", "", "5"] + [""] * (prompts - 3)
    ok("scan", "answer", "--db", group["sanne"], input="\n".join(again) + "\n")
    from plgcycle.store import Store

    with Store(group["sanne"], readonly=True) as store:
        (response,) = [r for r in store.list() if r.kind == "scan_response"]
    now, desired = response.data["now"], response.data["desired"]
    first_statement = scan.DIMENSIONS[0].statements[0].id
    second_statement = scan.DIMENSIONS[0].statements[1].id
    assert now == {first_statement: 4, second_statement: 5}
    assert desired == {first_statement: scan.DONT_KNOW}


def test_the_meeting_report_of_the_demo_shows_the_scan_at_once(tmp_path):
    """``demo --exports`` then ``report DIR -o verslag.html``: the spider chart and its table,
    group figures only; the Markdown report holds the bars."""
    folder = tmp_path / "demo"
    ok("demo", "--exports", folder)
    html = tmp_path / "verslag.html"
    ok("report", folder, "-o", html)
    text = html.read_text(encoding="utf-8")
    assert '<section class="scan">' in text  # the scan's own section, with its spider chart
    section = text.split('<section class="scan">', 1)[1].split("</section>", 1)[0]
    assert "Scan De school als PLG" in section and "<svg" in section and "<table" in section
    assert "Draagvlak" in text and "te weinig antwoorden om te tonen" in text
    md = ok("report", folder)
    assert "## Scan De school als PLG" in md and "Personeelsbeleid" in md
    # Henk de Boer, the school leader, is no teacher without a question in the report.
    assert "Henk de Boer" not in md.split("## Scan De school als PLG")[0]


def test_the_team_leaders_progress_report_carries_the_scans_group_figures_only(tmp_path):
    folder = tmp_path / "demo"
    ok("demo", "--exports", folder)
    html = tmp_path / "voortgang.html"
    ok("report", "--profile", "progress", folder, "-o", html)
    text = html.read_text(encoding="utf-8")
    assert "<svg" in text and "Draagvlak" in text
    # One leader: the leaders' figures (and so the teachers' apart) are not shown.
    assert "te weinig antwoorden om te tonen" in text
    md = ok("report", "--profile", "progress", folder)
    assert "## Scan De school als PLG" in md and "Ingevuld: iedereen 8." in md


def test_a_respondent_sees_their_own_answers_beside_the_groups_in_their_own_copy(tmp_path):
    db = tmp_path / "marieke.json"
    ok("demo", "--facilitator", "--db", db)
    group_only = tmp_path / "scan.html"
    ok("scan", "report", "-o", group_only, "--db", db)
    mine = tmp_path / "mijn-scan.html"
    ok("scan", "report", "-o", mine, "--mine", "--db", db)
    assert "Je eigen antwoorden naast die van de groep" in mine.read_text(encoding="utf-8")
    assert "je eigen antwoorden (nu)" in mine.read_text(encoding="utf-8")
    # The copy for others never holds one person's answers.
    assert "eigen antwoorden" not in group_only.read_text(encoding="utf-8")
    refused = run("scan", "report", "-o", tmp_path / "mijn.csv", "--mine", "--db", db)
    assert refused.exit_code != 0 and len(refused.output.strip().splitlines()) == 1


def test_a_round_shown_before_it_closed_takes_no_answer_and_is_not_closed_twice(tmp_path):
    from plgcycle.session import Session
    from plgcycle.store import Store

    db = tmp_path / "pieter.json"
    new_teacher(db, "Pieter Jansen")
    ok("plg", "new", "PLG Taal", "--db", db)
    ok("scan", "open", "Moment 1", "--closes", "31-01-2027", "--db", db)
    with Store(db) as store:
        session = Session(store)
        access = session.group.scan
        shown = access.current()  # what a screen holds
        closed = access.close_round(shown)
        with pytest.raises(Exception, match="gesloten"):
            access.answer(shown, "teacher", {"buy_in.1": 4}, {})
        with pytest.raises(Exception, match="gesloten"):
            access.close_round(shown)  # the stale copy cannot move the moment it closed
        assert access.rounds().rounds[0].data["closed_at"] == closed.data["closed_at"]
