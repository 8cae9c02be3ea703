"""The trust and ownership rules: every way a file can lie, in every order of the files.

Each case is a real signed file (or a version-1 file), written as JSON and read back.  Every
test resolves its files in every order (itertools.permutations) and requires one result.
"""

from __future__ import annotations

from plgcycle import i18n, trust
from plgcycle.model import FEEDBACK, PERSON, ROUND, TRYOUT, Record
from plgcycle.signing import Signed, controlecode, sign_record
from plgcycle.trust import (
    AMBIGUOUS_KEY,
    BAD_SIGNATURE,
    FOREIGN,
    NOT_SELF,
    OTHER_KEY,
    TAKEOVER,
    UNKNOWN_KEY,
    UNSIGNED,
    YOURS,
)
from tests.exchange_helpers import all_records, pid
from tests.trust_helpers import (
    STAMP,
    edited,
    entries,
    every_order,
    first,
    key_of,
    new_record,
    noted_for_sanne,
    own_file,
    records_of,
    refused,
    relay_file,
    signed,
    v1_file,
)

AHMED, SANNE, JORIS = pid("ahmed"), pid("sanne"), pid("joris")
TEACHERS = ("ahmed", "sanne", "lotte", "joris", "fatima", "pieter")


def test_honest_files_and_a_relay_of_them_are_accepted_whole():
    files = [own_file(name) for name in TEACHERS]
    relay = relay_file("subgroep-a.plgcycle.json", entries(files[0]) + entries(files[1]))
    result = trust.resolve(files + [relay])
    shared = {r.id for name in TEACHERS for r in records_of(name)}
    assert set(result.records) == shared == set(result.writes)
    assert result.lines() == [] and not result.unsigned and not result.noted_by
    assert result.pins == {pid(n): key_of(n).public for n in TEACHERS} == result.new_pins
    assert result.keys == result.pins
    assert [v.own_for for v in result.files] == [pid(n) for n in TEACHERS] + [None]
    every_order([files[0], files[1], relay])


def test_a_file_without_an_exporter_cannot_hide_other_peoples_records():
    """exported_by.id null: each record still needs its owner's signature."""
    ahmed, sanne = own_file("ahmed"), own_file("sanne")
    question = next(e for e in entries(ahmed) if e.record.kind == ROUND)
    fake = Signed(
        new_record(
            ROUND, "ahmed", "9a000000-0000-4000-8000-000000000001", question="Door Joris verzonnen"
        ),
        sign_record(
            new_record(ROUND, "joris", "9a000000-0000-4000-8000-000000000001"), key_of("joris")
        ),
    )
    unsigned_sanne = Signed(first(ROUND, "sanne").copy())
    hiding = relay_file(
        "anoniem.plgcycle.json",
        [edited(question, question="Iets heel anders"), fake, unsigned_sanne],
        exporter=None,
    )
    result = every_order([ahmed, sanne, hiding])
    assert refused(result, "anoniem.plgcycle.json") == [
        (question.record.id, BAD_SIGNATURE),
        (fake.record.id, BAD_SIGNATURE),
        (unsigned_sanne.record.id, UNSIGNED),
    ]
    assert result.records[question.record.id] == question
    assert fake.record.id not in result.records
    line = next(v for v in result.files if v.name == "anoniem.plgcycle.json").line()
    assert line.startswith("anoniem.plgcycle.json: ") and "\n" not in line


def test_a_relayed_copy_with_a_higher_revision_and_another_question_is_left_out():
    ahmed = own_file("ahmed")
    question = next(e for e in entries(ahmed) if e.record.kind == ROUND)
    forged = edited(question, question="Hoe laat ik de leerlingen het werk doen?")
    relay = relay_file("subgroep-b.plgcycle.json", [forged], merger=key_of("lotte"))
    result = every_order([ahmed, relay])
    assert result.records[question.record.id] == question
    assert refused(result, "subgroep-b.plgcycle.json") == [(question.record.id, BAD_SIGNATURE)]
    message = (
        next(v for v in result.files if v.name == "subgroep-b.plgcycle.json").refused[0].message
    )
    assert message.startswith("subgroep-b.plgcycle.json: ") and "Hoe laat ik" in message
    # Without Ahmed's own file the relay still carries his person record, and so his key.
    alone = every_order([relay_file("doorgestuurd.plgcycle.json", entries(ahmed)[:1] + [forged])])
    assert refused(alone, "doorgestuurd.plgcycle.json") == [(question.record.id, BAD_SIGNATURE)]


def test_with_version_1_files_only_the_copy_is_shown_but_marked_not_signed():
    """Nothing can be verified without keys: readable, and never shown as signed work."""
    ahmed = records_of("ahmed")
    question = next(r for r in ahmed if r.kind == ROUND).copy()
    question.data["question"], question.rev = "Iets heel anders", question.rev + 1
    result = every_order(
        [v1_file("ahmed.plgcycle.json", ahmed, AHMED), v1_file("relay.plgcycle.json", [question])]
    )
    assert result.records[question.id].record.text("question") == "Iets heel anders"
    assert question.id in result.unsigned and set(result.unsigned) == set(result.records)
    assert all("niet ondertekend" in line or "not signed" in line for line in result.lines())


def test_a_tryout_on_someone_elses_question_is_refused_whatever_the_order():
    ahmed = own_file("ahmed")
    question = first(ROUND, "ahmed")
    tryout = new_record(
        TRYOUT,
        "joris",
        "9b000000-0000-4000-8000-000000000001",
        round=question.id,
        class_group="3 havo B",
    )
    tip = new_record(
        FEEDBACK,
        "joris",
        "9b000000-0000-4000-8000-000000000002",
        round=question.id,
        type="tip",
        text="Mooi",
        giver=JORIS,
        giver_name="Joris Bakker",
    )
    joris = own_file("joris", records_of("joris") + [tryout, tip], label="joris.plgcycle.json")
    result = every_order([ahmed, joris])  # `import a b` and `import b a`
    assert refused(result, "joris.plgcycle.json") == [(tryout.id, FOREIGN)]
    assert tip.id in result.records
    # The same when Ahmed's question is already in the database (a teacher importing).
    local = every_order([joris], local=records_of("ahmed"))
    assert refused(local, "joris.plgcycle.json") == [(tryout.id, FOREIGN)]
    # And when it arrives through a relay instead of Ahmed's own file.
    relay = relay_file("subgroep.plgcycle.json", entries(ahmed))
    assert refused(every_order([relay, joris]), "joris.plgcycle.json") == [(tryout.id, FOREIGN)]


def test_feedback_noted_for_another_teacher_is_counted_apart():
    """Five pieces of feedback with giver set to Sanne, written by Joris: his notes, not hers."""
    question = first(ROUND, "ahmed")
    noted = noted_for_sanne(question)
    by_name = new_record(
        FEEDBACK,
        "joris",
        "9c000000-0000-4000-8000-000000000010",
        round=question.id,
        type="tip",
        text="Zei Fatima",
        giver=None,
        giver_name="Fatima Yilmaz",
    )
    himself = new_record(
        FEEDBACK,
        "joris",
        "9c000000-0000-4000-8000-000000000011",
        round=question.id,
        type="tip",
        text="Van mij",
        giver=None,
        giver_name="joris  bakker",
    )
    joris = own_file("joris", records_of("joris") + noted + [by_name, himself])
    result = every_order([own_file("ahmed"), own_file("sanne"), joris])
    assert {n.id for n in noted} | {by_name.id} == set(result.noted_by)
    assert set(result.noted_by.values()) == {JORIS}
    sanne_own = [r for r in records_of("sanne") if r.kind == FEEDBACK]
    assert sanne_own and not any(r.id in result.noted_by for r in sanne_own)


def test_a_rekeyed_file_is_refused_until_the_teacher_accepts_the_new_key():
    old, new = key_of("ahmed"), key_of("ahmed", 1)
    laptop = own_file("ahmed", key=new, label="ahmed-nieuw.plgcycle.json")
    result = every_order([laptop, own_file("sanne")], pins={AHMED: old.public})
    assert {reason for _rid, reason in refused(result, "ahmed-nieuw.plgcycle.json")} == {OTHER_KEY}
    assert not any(r.owner == AHMED for r in result.as_records())
    (notice,) = result.notices
    assert notice.kind == trust.CHANGED and notice.files == ("ahmed-nieuw.plgcycle.json",)
    assert controlecode(new.public) in notice.message and controlecode(old.public) in notice.message
    assert result.pins[AHMED] == old.public and AHMED not in result.new_pins

    accepted = every_order([laptop], pins={AHMED: old.public}, accepted={AHMED: new.public})
    assert refused(accepted, "ahmed-nieuw.plgcycle.json") == [] and accepted.notices == []
    assert accepted.keys[AHMED] == new.public and accepted.pins == {AHMED: old.public}
    assert accepted.new_pins == {}
    # What the old key signed arrives later: another key than the one that counts now.
    stale = relay_file("oud.plgcycle.json", signed([first(ROUND, "ahmed")], old))
    after = every_order([stale], pins={AHMED: old.public}, accepted={AHMED: new.public})
    assert refused(after, "oud.plgcycle.json") == [(first(ROUND, "ahmed").id, OTHER_KEY)]


def test_an_unsigned_record_is_refused_once_the_owners_key_is_known():
    old_copy = v1_file("oud.plgcycle.json", [first(ROUND, "ahmed")])
    result = every_order([own_file("ahmed"), old_copy])
    assert refused(result, "oud.plgcycle.json") == [(first(ROUND, "ahmed").id, UNSIGNED)]
    pinned = every_order([old_copy], pins={AHMED: key_of("ahmed").public})
    assert refused(pinned, "oud.plgcycle.json") == [(first(ROUND, "ahmed").id, UNSIGNED)]


def test_a_truncated_or_mangled_signature_is_refused():
    ahmed = own_file("ahmed")
    person, question = entries(ahmed)[0], next(e for e in entries(ahmed) if e.record.kind == ROUND)
    broken = [
        Signed(question.record, question.sig[:43]),
        Signed(question.record, "!" * 88),
        Signed(question.record, ""),
    ]
    for n, entry in enumerate(broken):
        relay = relay_file(f"kapot-{n}.plgcycle.json", [person, entry])
        assert refused(every_order([relay]), relay.name) == [(question.record.id, BAD_SIGNATURE)]


def test_the_persons_own_file_wins_over_a_relay_that_brings_another_key():
    fake_key = key_of("ahmed", 9)  # made by someone who is not Ahmed
    genuine = signed(records_of("ahmed"), key_of("ahmed"))[-1]
    fake = relay_file(
        "joris-merge.plgcycle.json", signed(records_of("ahmed")[:3], fake_key) + [genuine]
    )
    result = every_order([own_file("ahmed"), fake])
    assert result.pins[AHMED] == key_of("ahmed").public
    # The file that brings another key loses all of Ahmed's records, the genuine one too.
    assert refused(result, "joris-merge.plgcycle.json") == [
        (r.id, OTHER_KEY) for r in records_of("ahmed")[:3]
    ] + [(genuine.record.id, OTHER_KEY)]
    assert result.notices[0].files == ("joris-merge.plgcycle.json",)


def test_a_person_record_that_names_another_key_than_its_signature_is_refused():
    person = records_of("ahmed")[0].copy()
    person.data["key"] = key_of("ahmed", 1).public  # signed with the key in use, naming another
    statement = Signed(person, sign_record(person, key_of("ahmed")))
    relay = relay_file("relay.plgcycle.json", [statement])
    result = every_order([relay], pins={AHMED: key_of("ahmed").public})
    assert refused(result, "relay.plgcycle.json") == [(AHMED, OTHER_KEY)]


def test_two_relays_with_different_keys_for_an_unknown_person_are_both_refused():
    genuine = relay_file("lotte-merge.plgcycle.json", signed(records_of("ahmed"), key_of("ahmed")))
    fake = relay_file("joris-merge.plgcycle.json", signed(records_of("ahmed"), key_of("ahmed", 9)))
    result = every_order([genuine, fake, own_file("sanne")])
    assert not any(r.owner == AHMED for r in result.as_records())
    assert {
        reason for name in (genuine.name, fake.name) for _rid, reason in refused(result, name)
    } == {AMBIGUOUS_KEY}
    (notice,) = result.notices
    assert notice.kind == trust.AMBIGUOUS and AHMED not in result.pins
    assert notice.files == ("joris-merge.plgcycle.json", "lotte-merge.plgcycle.json")
    chosen = every_order([genuine, fake], accepted={AHMED: key_of("ahmed").public})
    assert refused(chosen, genuine.name) == []
    assert {reason for _rid, reason in refused(chosen, fake.name)} == {OTHER_KEY}


def test_an_id_of_someone_elses_record_is_never_taken_over():
    question = first(ROUND, "ahmed")
    grab = Record(ROUND, JORIS, {"question": "Van mij nu"}, question.id, question.rev + 5, STAMP)
    joris = own_file("joris", records_of("joris") + [grab])
    both = every_order([own_file("ahmed"), joris])
    assert question.id not in both.records  # files disagree on the owner: believe neither
    assert (question.id, TAKEOVER) in refused(both, "joris.plgcycle.json")
    assert (question.id, TAKEOVER) in refused(both, "ahmed.plgcycle.json")
    local = every_order([joris], local=records_of("ahmed"))
    assert local.records[question.id].record == question
    assert (question.id, TAKEOVER) in refused(local, "joris.plgcycle.json")
    # An unsigned file cannot dispute signed work.
    unsigned = v1_file("oud.plgcycle.json", [grab])
    kept = every_order([own_file("ahmed"), unsigned])
    assert kept.records[question.id].record == question
    assert refused(kept, "oud.plgcycle.json") == [(question.id, TAKEOVER)]


def test_a_person_record_must_be_its_own():
    impostor = Record(PERSON, JORIS, {"name": "Ahmed El Amrani"}, AHMED, 9, STAMP)
    joris = own_file("joris", records_of("joris") + [impostor])
    result = every_order([joris])
    assert refused(result, "joris.plgcycle.json") == [(AHMED, NOT_SELF)]


def test_a_signed_record_whose_owners_key_nobody_introduced_is_refused():
    rounds = [e for e in signed(records_of("ahmed"), key_of("ahmed")) if e.record.kind != PERSON]
    relay = relay_file("zonder-persoon.plgcycle.json", rounds)
    result = every_order([relay])
    assert {reason for _rid, reason in refused(result, relay.name)} == {UNKNOWN_KEY}
    known = every_order([relay], pins={AHMED: key_of("ahmed").public})
    assert refused(known, relay.name) == [] and len(known.records) == len(rounds)


def test_a_file_never_changes_the_local_teachers_own_records():
    mine = records_of("ahmed")
    question = next(r for r in mine if r.kind == ROUND)
    newer = question.copy()
    newer.data["question"], newer.rev = "Teruggezet", newer.rev + 1
    echo = relay_file(
        "subgroep.plgcycle.json",
        signed(mine + [newer], key_of("ahmed"))[:1]
        + signed(mine, key_of("ahmed"))[1:]
        + signed([newer], key_of("ahmed")),
    )
    pins = {AHMED: key_of("ahmed").public}
    result = every_order([echo], local=all_records(), pins=pins, me=AHMED)
    assert result.records[question.id].record == question
    reasons = refused(result, "subgroep.plgcycle.json")
    assert (question.id, YOURS) in reasons
    assert not result.writes.keys() - {e.record.id for e in signed(mine, key_of("ahmed"))}


def test_two_people_with_the_same_name_are_flagged():
    twin = Record(
        PERSON,
        "9d000000-0000-4000-8000-000000000001",
        {"name": "sanne de  vriës"},
        "9d000000-0000-4000-8000-000000000001",
        1,
        STAMP,
    )
    result = every_order([own_file("sanne"), v1_file("twin.plgcycle.json", [twin])])
    assert result.same_name == [tuple(sorted((SANNE, twin.id)))]


def test_every_forgery_together_gives_one_result_in_every_order():
    question = first(ROUND, "ahmed")
    ahmed = own_file("ahmed")
    forged = relay_file(
        "vals.plgcycle.json",
        [edited(next(e for e in entries(ahmed) if e.record.kind == ROUND), question="Vals")],
        merger=key_of("lotte"),
    )
    tryout = new_record(TRYOUT, "joris", "9e000000-0000-4000-8000-000000000001", round=question.id)
    joris = own_file("joris", records_of("joris") + [tryout])
    rekeyed = own_file("sanne", key=key_of("sanne", 1), label="sanne-nieuw.plgcycle.json")
    result = every_order(
        [ahmed, forged, joris, rekeyed, v1_file("oud.plgcycle.json", [question])],
        pins={SANNE: key_of("sanne").public},
    )
    assert refused(result, "vals.plgcycle.json") == [(question.id, BAD_SIGNATURE)]
    assert refused(result, "joris.plgcycle.json") == [(tryout.id, FOREIGN)]
    assert refused(result, "oud.plgcycle.json") == [(question.id, UNSIGNED)]
    assert {reason for _rid, reason in refused(result, "sanne-nieuw.plgcycle.json")} == {OTHER_KEY}


def test_the_lines_are_dutch_by_default_and_english_on_request():
    ahmed = own_file("ahmed")
    forged = relay_file(
        "vals.plgcycle.json",
        [edited(next(e for e in entries(ahmed) if e.record.kind == ROUND), question="Vals")],
    )
    dutch = trust.resolve([ahmed, forged]).lines()
    assert dutch == [
        "vals.plgcycle.json: 1 record weggelaten: 1 met een handtekening die niet "
        "bij de inhoud past."
    ]
    i18n.set_language("en")
    result = trust.resolve([ahmed, forged])
    assert result.lines() == [
        "vals.plgcycle.json: 1 record left out: 1 with a signature that does not match its content."
    ]
    message = result.files[1].refused[0].message
    assert message.startswith(
        "vals.plgcycle.json: question round “Vals” (Ahmed El Amrani): "
        "the signature does not match the content"
    )


def test_a_record_the_database_holds_unsigned_gains_its_signature_from_a_file():
    """Imported from a version-1 file earlier; the same version arrives signed: keep the signature."""
    question = first(ROUND, "ahmed")
    result = every_order([own_file("ahmed")], local=[question])
    assert result.writes[question.id].record == question
    assert result.writes[question.id].sig == sign_record(question, key_of("ahmed"))
    assert question.id not in result.unsigned


def test_each_signature_is_checked_once_per_run_and_with_a_kept_set_once_per_session():
    files = [own_file(name) for name in ("ahmed", "sanne")]
    relay = relay_file("subgroep.plgcycle.json", entries(files[0]) + entries(files[1]))
    alone = trust.resolve([relay])
    assert alone.checked == len(relay.records)  # nothing else vouches for them
    # Copies of records that their owners' own signed files vouch for need no check at all.
    assert trust.resolve(files + [relay]).checked == 0
    forged = relay_file(
        "vals.plgcycle.json",
        [edited(entries(files[0])[1], question="Vals")] + entries(files[0])[:1],
    )
    kept: set[bytes] = set()
    first_run = trust.resolve([relay, forged], verified=kept)
    assert first_run.checked == len(relay.records) + 1
    again = trust.resolve([relay, forged], verified=kept)
    assert again.checked == 1  # only the forgery, which never enters the set
    assert len(kept) == len(relay.records)
    from tests.trust_helpers import fingerprint

    assert {k: v for k, v in fingerprint(again).items()} == fingerprint(
        trust.resolve([relay, forged])
    )


def older(entry: Signed, **data) -> Signed:
    """An older version with other content that keeps the newer signature (a forgery)."""
    record = entry.record.copy()
    record.data.update(data)
    record.rev -= 1
    return Signed(record, entry.sig)


def test_an_older_relayed_version_is_left_out_unchecked_when_the_owners_file_is_newer():
    """It could never be shown: it loses to the owner's own signed version in every merge."""
    ahmed = own_file("ahmed")
    question = next(e for e in entries(ahmed) if e.record.kind == ROUND)
    stale = older(question, question="Een vervalste oude versie")
    relay = relay_file("oud.plgcycle.json", [stale], merger=key_of("lotte"))
    result = every_order([ahmed, relay])
    assert result.checked == 0
    assert result.records[question.record.id] == question
    verdict = next(v for v in result.files if v.name == "oud.plgcycle.json")
    assert verdict.superseded == [stale] and verdict.passed == [] and verdict.refused == []
    # Without the owner's own file it is checked, and refused.
    alone = every_order([relay_file("doorgestuurd.plgcycle.json", entries(ahmed)[:1] + [stale])])
    assert refused(alone, "doorgestuurd.plgcycle.json") == [(question.record.id, BAD_SIGNATURE)]
    # A progress copy supersedes nothing: review may prefer the older full version.
    progress = own_file("ahmed")
    progress.partial = True
    assert every_order([progress, relay]).checked == 1


def test_a_file_name_with_control_characters_is_shown_literally():
    ahmed = own_file("ahmed")
    forged = relay_file(
        "\x1b[31mrood\n.plgcycle.json",
        [edited(next(e for e in entries(ahmed) if e.record.kind == ROUND), question="x")],
    )
    (line,) = trust.resolve([ahmed, forged]).lines()
    assert line.startswith("\\x1b[31mrood .plgcycle.json: ") and "\x1b" not in line
