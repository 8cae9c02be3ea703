"""Signed work: the canonical form (RFC 8785), record and file signatures, the controlecode,
and a signed file written by another program with only json and PyNaCl."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.signing import SigningKey

from plgcycle import signing, trust
from plgcycle.model import Record
from plgcycle.signing import (
    CanonicalError,
    PersonKey,
    Signed,
    canonical_exact,
    canonical_json,
    controlecode,
    es_number,
    record_message,
    sign_envelope,
    sign_record,
    signed_envelope,
    verify_envelope,
    verify_record,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export-format.md"
EVA = "0f8fad5b-d9cb-469f-a165-70867728950e"
STAMP = "2026-11-20T15:30:00.000000+00:00"


def key(n: int = 1, person: str = EVA) -> PersonKey:
    return PersonKey(person, bytes([n]) * 32, STAMP)


def a_round(**data) -> Record:
    return Record(
        "round",
        EVA,
        {"question": "Hoe help ik mijn 3 havo?", **data},
        "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        4,
        STAMP,
    )


# --- RFC 8785 ------------------------------------------------------------------------------------

# RFC 8785 Appendix B: IEEE-754 bit patterns and their canonical form.
APPENDIX_B = [
    ("0000000000000000", "0"),
    ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
]


def double(bits: str) -> float:
    return struct.unpack(">d", bytes.fromhex(bits))[0]


@pytest.mark.parametrize(("bits", "expected"), APPENDIX_B)
def test_numbers_are_written_as_rfc_8785_appendix_b_says(bits, expected):
    assert es_number(double(bits)) == expected
    assert canonical_json([double(bits)]) == f"[{expected}]".encode()


@pytest.mark.parametrize("bits", ["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"])
def test_nan_and_infinity_have_no_canonical_form(bits):
    with pytest.raises(CanonicalError):
        canonical_json({"value": double(bits)})


def test_integers_beyond_2_to_the_53_are_refused():
    assert canonical_json([2**53 - 1, -(2**53 - 1)]) == b"[9007199254740991,-9007199254740991]"
    for huge in (2**53, -(2**53), 2**64):
        with pytest.raises(CanonicalError):
            canonical_json({"rev": huge})
        with pytest.raises(CanonicalError):
            canonical_exact({"rev": huge})


def test_the_rfc_8785_example_is_reproduced_byte_for_byte():
    # RFC 8785 §3.2.2 (the input, as JSON text parsed as any reader would) and §3.2.3 (the output).
    text = (
        '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",'
        '"literals": [null, true, false]}'
    )
    expected = (
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    )
    assert canonical_json(json.loads(text)) == expected.encode("utf-8")


def test_keys_are_sorted_by_utf16_code_units_as_rfc_8785_sorts_them():
    # RFC 8785 §3.2.3: the emoji (a surrogate pair, D83D...) sorts before U+FB33.
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    order = re.findall(r'":"([^"]+)"', canonical_json(value).decode("utf-8"))
    assert order == [
        "Carriage Return",
        "One",
        "Control",
        "Latin Small Letter O With Diaeresis",
        "Euro Sign",
        "Emoji: Grinning Face",
        "Hebrew Letter Dalet With Dagesh",
    ]
    # This is where the standard library's sort_keys (code points) would differ.
    by_code_point = json.dumps(value, sort_keys=True)
    assert by_code_point.index("fb33") < by_code_point.index("d83d")


def test_every_code_point_is_escaped_as_rfc_8785_and_json_dumps_escape_it():
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    expected = json.dumps(text, ensure_ascii=False).encode("utf-8")
    assert canonical_json(text) == expected
    assert canonical_exact(text) == expected
    assert canonical_json("\x00\x1f\x7f\u2028") == b'"\\u0000\\u001f\x7f\xe2\x80\xa8"'


def test_text_with_a_lone_surrogate_is_refused():
    for value in ("\ud800", {"\udc00": 1}):
        with pytest.raises(CanonicalError):
            canonical_json(value)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53 - 1), 2**53 - 1)
    | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=12,
)
plain_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53 - 1), 2**53 - 1) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=4),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(json_values)
def test_the_fast_path_writes_exactly_the_definition(value):
    try:
        expected = canonical_exact(value)
    except CanonicalError:
        with pytest.raises(CanonicalError):
            canonical_json(value)
        return
    assert canonical_json(value) == expected


@settings(max_examples=2000, deadline=None)
@given(
    st.floats(min_value=1e-4, max_value=1e16, exclude_max=True)
    | st.floats(min_value=-1e16, max_value=-1e-4, exclude_min=True)
    | st.integers(0, 2**64 - 1).map(lambda bits: struct.unpack("<d", struct.pack("<Q", bits))[0])
)
def test_everyday_fractions_take_the_fast_path_and_it_writes_the_definition(value):
    if value != value or value in (float("inf"), float("-inf")):
        return
    assert canonical_json(value) == canonical_exact(value)
    assert canonical_json({"points": [value]}) == canonical_exact({"points": [value]})


@settings(max_examples=500, deadline=None)
@given(plain_values)
def test_for_text_whole_numbers_and_bmp_keys_it_is_json_dumps(value):
    """What docs/export-format.md promises other programs: the standard library signs too."""
    try:
        expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        expected_bytes = expected.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate: not Unicode, refused by both
    assert canonical_json(value) == expected_bytes


# --- records and files ---------------------------------------------------------------------------


def test_a_record_signature_verifies_and_breaks_on_any_change():
    eva = key()
    record = a_round(steps={"baseline": {"sources": "toets"}}, score=6.1)
    sig = sign_record(record, eva)
    assert len(base64.b64decode(sig)) == 64
    assert verify_record(record, eva.public, sig)
    assert verify_record({**record.to_dict(), "sig": sig}, eva.public)  # as read from a file
    changes = [
        lambda r: r.data.update(question="Hoe help ik mijn 4 vwo?"),
        lambda r: setattr(r, "rev", r.rev + 1),
        lambda r: setattr(r, "updated_at", "2026-11-20T15:30:00.000001+00:00"),
        lambda r: setattr(r, "deleted", True),
        lambda r: setattr(r, "owner", "1f8fad5b-d9cb-469f-a165-70867728950e"),
        lambda r: setattr(r, "kind", "tryout"),
        lambda r: r.data["steps"]["baseline"].update(sources="observatie"),
        lambda r: r.data.update(score=True),
    ]
    for change in changes:
        altered = record.copy()
        change(altered)
        assert not verify_record(altered, eva.public, sig)
    assert not verify_record(record, key(2).public, sig)


def test_a_signature_that_is_cut_short_or_not_base64_never_verifies():
    eva = key()
    record = a_round()
    sig = sign_record(record, eva)
    raw = base64.b64decode(sig)
    noncanonical = sig[:-3] + chr(ord(sig[-3]) + 1) + sig[-2:]  # unused bits set: another spelling
    for bad in (
        sig[:-4],
        sig[:40],
        "",
        "not base64!",
        sig + "AAAA",
        noncanonical,
        12,
        None,
        base64.b64encode(raw[:63]).decode(),
    ):
        assert not verify_record(record, eva.public, bad)
    for bad_key in ("", "AAAA", eva.public[:-2], None, 5):
        assert not verify_record(record, bad_key, sig)


def test_a_key_signs_only_its_own_persons_records():
    with pytest.raises(ValueError):
        sign_record(a_round(), key(1, person="1f8fad5b-d9cb-469f-a165-70867728950e"))


def test_what_is_signed_starts_with_its_context():
    assert record_message(a_round()).startswith(b'plgcycle-record-v2:{"data":')
    env = signed_envelope([], {"id": EVA, "name": "Eva"}, key(), STAMP)
    assert signing.file_message(env).startswith(b'plgcycle-file-v2:{"checksum":')


def signed_file(entries, by_key: PersonKey | None, name="Eva de Boer") -> dict:
    by = {"id": by_key.person if by_key else None, "name": name}
    return signed_envelope(entries, by, by_key, "2026-11-23T09:00:00.000000+00:00")


def test_a_file_signature_covers_the_header_and_through_the_checksum_every_record():
    eva = key()
    record = a_round()
    env = signed_file([Signed(record, sign_record(record, eva))], eva)
    assert verify_envelope(json.loads(json.dumps(env))) is True
    renamed = json.loads(json.dumps(env))
    renamed["exported_by"]["name"] = "Kees"
    assert verify_envelope(renamed) is False
    edited = json.loads(json.dumps(env))
    edited["records"][0]["data"]["question"] = "Iets anders?"
    assert verify_envelope(edited) is False  # the checksum no longer matches
    edited["checksum"] = signing.records_checksum(edited["records"])
    assert verify_envelope(edited) is False  # the signed header holds the old checksum
    unsigned = json.loads(json.dumps(env))
    del unsigned["signature"]
    assert verify_envelope(unsigned) is None
    other = sign_envelope(json.loads(json.dumps(env)), key(2))
    assert verify_envelope(other) is True and other["exported_by"]["key"] == key(2).public


def test_the_records_checksum_is_the_version_1_checksum():
    from plgcycle import exchange

    raw = [a_round(score=1e-7, big=1e16).to_dict(), {"x": "é€😀"}]
    assert signing.records_checksum(raw) == exchange.checksum(raw)
    assert signing.checksum_matches(raw, exchange.checksum(raw))


# --- the controlecode ---------------------------------------------------------------------------


def test_the_controlecode_is_four_groups_of_four_digits_from_the_key():
    code = controlecode(key().public)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    digest = hashlib.sha256(bytes(SigningKey(bytes([1]) * 32).verify_key)).digest()
    assert code.split()[0] == f"{int.from_bytes(digest[:4], 'big') % 10000:04d}"
    with pytest.raises(ValueError):
        controlecode("not a key")


def test_a_one_bit_change_in_the_key_changes_the_controlecode():
    raw = base64.b64decode(key().public)
    code = controlecode(key().public)
    for bit in range(256):
        flipped = bytearray(raw)
        flipped[bit // 8] ^= 1 << (bit % 8)
        assert controlecode(base64.b64encode(bytes(flipped)).decode()) != code


# --- another program writes a signed file ---------------------------------------------------------


def independent_signed_file(seed: bytes, person: str, name: str, records: list[dict]) -> dict:
    """A version-2 file made with the standard library's json and PyNaCl, as the spec says.

    Nothing from plgcycle: this is what someone else's program does.
    """
    signer = SigningKey(seed)
    public = base64.b64encode(bytes(signer.verify_key)).decode("ascii")

    def canonical(value) -> bytes:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return text.encode("utf-8")

    out = []
    for record in records:
        if record["kind"] == "person":
            record["data"]["key"] = public
        message = b"plgcycle-record-v2:" + canonical(record)
        out.append(
            {**record, "sig": base64.b64encode(signer.sign(message).signature).decode("ascii")}
        )
    env = {
        "format": "plgcycle-export",
        "version": 2,
        "exported_at": "2026-11-23T09:00:00.000000+00:00",
        "exported_by": {"id": person, "name": name, "key": public},
        "profile": "full",
        "generator": "another-program",
        "records": out,
        "checksum": "sha256:" + hashlib.sha256(canonical(out)).hexdigest(),
    }
    header = {k: v for k, v in env.items() if k != "records"}
    env["signature"] = base64.b64encode(
        signer.sign(b"plgcycle-file-v2:" + canonical(header)).signature
    ).decode("ascii")
    return env


def test_a_file_signed_by_another_program_with_json_and_pynacl_is_accepted():
    person, rid = EVA, "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    records = [
        {
            "id": person,
            "kind": "person",
            "owner": person,
            "rev": 2,
            "updated_at": STAMP,
            "deleted": False,
            "data": {"name": "Eva de Boer", "school": "Stedelijk College Noord"},
        },
        {
            "id": rid,
            "kind": "round",
            "owner": person,
            "rev": 4,
            "updated_at": STAMP,
            "deleted": False,
            "data": {
                "question": "Hoe help ik mijn 4-vwoleerlingen met peerfeedback?",
                "round_no": 1,
                "parent": None,
                "chain": rid,
            },
        },
    ]
    env = independent_signed_file(bytes(range(32)), person, "Eva de Boer", records)
    text = json.dumps(env, ensure_ascii=False, indent=1)
    parsed = json.loads(text)
    public = parsed["exported_by"]["key"]
    assert all(verify_record(raw, public) for raw in parsed["records"])
    assert verify_envelope(parsed) is True
    tfile = trust.TrustFile.from_envelope(parsed, "eva.plgcycle.json")
    assert tfile.own_for == person
    result = trust.resolve([tfile])
    assert set(result.records) == {person, rid}
    assert result.pins == {person: public}
    assert result.lines() == []
    # ... and the relayed records alone (no file signature to lean on) verify one by one.
    del parsed["signature"]
    parsed["exported_by"] = {"id": None, "name": "Subgroep A", "key": None}
    relayed = trust.resolve([trust.TrustFile.from_envelope(parsed, "subgroep-a.plgcycle.json")])
    assert set(relayed.records) == {person, rid} and relayed.lines() == []


def test_the_example_in_the_draft_spec_verifies():
    text = DOCS.read_text(encoding="utf-8")
    block = (
        text.split("<!-- example: signed file -->", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    )
    env = orjson.loads(block)
    assert verify_envelope(env) is True
    assert all(verify_record(raw, env["exported_by"]["key"]) for raw in env["records"])
    assert controlecode(env["exported_by"]["key"]) in text
