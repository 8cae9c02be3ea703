"""The scan as records: rounds kept by the facilitator, responses from members before the
round closes, the same figures as the scan core gives, and the trust rules in every order."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from test_scan_figures import BUY_IN_NOW_1, _responses, close, scripted  # noqa: E402

from plgcycle import group, scan, scan_rounds, trust
from plgcycle.errors import InvalidInput
from plgcycle.model import SCAN_RESPONSE, Record
from plgcycle.scan import ALL, LEADER, TEACHER
from tests.exchange_helpers import pid
from tests.trust_helpers import STAMP, every_order, own_file, records_of, refused

FACILITATOR = pid("pieter")


def _person(code: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "scan-test:" + code))


def _plg(people) -> Record:
    plg = group.add_members(group.new_plg(FACILITATOR, "PLG Taal"), people)
    plg.rev, plg.updated_at = 1, STAMP
    return plg


def _round(plg: Record, moment: int, closes: date, rid: str) -> Record:
    record = scan_rounds.new_round(
        plg, FACILITATOR, f"moment {moment}", closes, opens=date(2026, 9, 1), moment=moment
    )
    record.id, record.rev, record.updated_at = rid, 1, STAMP
    return record


def _response(scan_round: Record, response: scan.Response, owner: str, when: str) -> Record:
    data = {"scan_round": scan_round.id, **response.to_data()}
    return Record(SCAN_RESPONSE, owner, data, str(uuid.uuid4()), 1, when)


def test_fifteen_responses_over_two_moments_as_records_give_the_scripted_figures():
    codes = list(BUY_IN_NOW_1)  # t01..t10, l1..l5
    people = {code: _person(code) for code in codes}
    plg = _plg(people.values())
    first = _round(plg, 1, date(2026, 10, 1), "5c000000-0000-4000-8000-000000000001")
    second = _round(plg, 2, date(2027, 5, 31), "5c000000-0000-4000-8000-000000000002")
    records: list[Record] = [plg, first, second]
    for scan_round, key, when in (
        (first, "m1", "2026-09-20T10:00:00.000000+00:00"),
        (second, "m2", "2027-05-20T10:00:00.000000+00:00"),
    ):
        for response in _responses(key):
            records.append(_response(scan_round, response, people[response.respondent], when))
    # An answer changed after the first round closed does not count; an earlier one does.
    late = _response(first, _responses("m1")[0], people["t01"], "2026-10-02T10:00:00.000000+00:00")
    late.data["now"] = {"buy_in.1": 5, "buy_in.2": 5, "buy_in.3": 5}
    records.append(late)
    # Someone outside the PLG answering is left out too.
    stranger = _person("stranger")
    records.append(_response(first, _responses("m1")[0], stranger, "2026-09-20T10:00:00+00:00"))

    found = scan_rounds.scan_rounds(records, plg)
    assert [len(found.responses[r.id]) for r in found.rounds] == [15, 15]
    figures = scan_rounds.scan_figures(records, plg, date(2027, 6, 1))
    expected = scripted()
    for key, info in zip(("m1", "m2"), figures.moments, strict=True):
        for group_key in (ALL, TEACHER, LEADER):
            got = figures.group(info.key, group_key).get("buy_in")
            want = expected.group(key, group_key).get("buy_in")
            for (name, a), (_name, b) in zip(got.figures(), want.figures(), strict=True):
                assert a.shown == b.shown, (key, group_key, name)
                if b.shown:
                    close(a, b.value)
    # The second moment is still open on its last day: nothing is shown of it yet.
    open_figures = scan_rounds.scan_figures(records, plg, date(2027, 5, 31))
    assert not open_figures.group(open_figures.moments[1].key, ALL).get("buy_in").now.shown


def test_an_answer_outside_the_scale_a_closed_round_and_a_stranger_are_refused():
    plg = _plg([pid("sanne")])
    scan_round = _round(plg, 1, date(2026, 12, 10), "5c000000-0000-4000-8000-000000000003")
    today = date(2026, 12, 1)
    with pytest.raises(InvalidInput, match="buy_in.1"):
        scan_rounds.new_response(scan_round, pid("sanne"), "teacher", {"buy_in.1": 6}, {}, today)
    with pytest.raises(InvalidInput):
        scan_rounds.new_response(
            scan_round, pid("sanne"), "teacher", {"buy_in.1": 4}, {}, date(2026, 12, 11)
        )
    with pytest.raises(InvalidInput):
        scan_rounds.new_response(
            scan_round, pid("joris"), "teacher", {"buy_in.1": 4}, {}, today, plg=plg
        )
    closed = scan_rounds.close_round(scan_round)
    assert not scan_rounds.is_open(closed, today)
    with pytest.raises(InvalidInput):
        scan_rounds.new_response(closed, pid("sanne"), "teacher", {"buy_in.1": 4}, {}, today)


def test_the_trust_rules_keep_the_scan_to_the_facilitator_and_the_members_in_every_order():
    plg = _plg([pid("sanne"), pid("lotte")])
    scan_round = _round(plg, 1, date(2026, 12, 10), "5c000000-0000-4000-8000-000000000004")
    forged_round = _round(plg, 2, date(2026, 12, 10), "5c000000-0000-4000-8000-000000000005")
    forged_round.owner = pid("joris")
    answer = scan.check_response(pid("sanne"), "teacher", {"buy_in.1": 4}, {"buy_in.1": 5})
    sanne = _response(scan_round, answer, pid("sanne"), STAMP)
    lotte = _response(scan_round, answer, pid("lotte"), "2026-12-11T09:00:00.000000+00:00")
    joris = _response(scan_round, answer, pid("joris"), STAMP)
    nowhere = _response(forged_round, answer, pid("sanne"), STAMP)
    files = [
        own_file("pieter", records_of("pieter") + [plg, scan_round]),
        own_file("sanne", records_of("sanne") + [sanne, nowhere]),
        own_file("lotte", records_of("lotte") + [lotte]),
        own_file("joris", records_of("joris") + [joris, forged_round]),
    ]
    result = every_order(files)
    assert sanne.id in result.records and scan_round.id in result.records
    assert refused(result, "lotte.plgcycle.json") == [(lotte.id, trust.SCAN_CLOSED)]
    assert refused(result, "sanne.plgcycle.json") == [(nowhere.id, trust.SCAN_CLOSED)]
    assert sorted(refused(result, "joris.plgcycle.json")) == sorted(
        [(joris.id, trust.NOT_IN_PLG), (forged_round.id, trust.NOT_FACILITATOR)]
    )
    lines = [r.message for v in result.files for r in v.refused]
    assert all("\n" not in line for line in lines) and len(lines) == 4


def test_homes_start_cache_holds_the_plg_but_not_the_scan():
    from plgcycle.index import RecordIndex, first_screen_records

    plg = _plg([pid("sanne")])
    scan_round = _round(plg, 1, date(2026, 12, 10), "5c000000-0000-4000-8000-000000000006")
    answer = scan.check_response(pid("sanne"), "teacher", {"buy_in.1": 4}, {})
    response = _response(scan_round, answer, pid("sanne"), STAMP)
    index = RecordIndex([plg, scan_round, response])
    kinds = {r.kind for r in first_screen_records(index, pid("sanne"))}
    assert "plg" in kinds and not kinds & {"scan_round", "scan_response"}


def test_a_rounds_name_cannot_end_the_markdown_code_block():
    from tests.scan_helpers import moment, person

    responses = [person(f"p{n}", "teacher", {"buy_in.1": 3}) for n in range(3)]
    figures = scan.build([moment("m1", responses, label="Moment ``` 1")])
    lines = scan.markdown_lines(figures)
    fence = lines[2]
    assert set(fence) == {"`"} and len(fence) > 3 and lines[-1] == fence
    assert not any(line.startswith(fence) for line in lines[3:-1])
