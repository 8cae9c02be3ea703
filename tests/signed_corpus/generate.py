"""Regenerate the corpus of signed (version 2) files: refused whole, or with records left out.

    .venv/bin/python tests/signed_corpus/generate.py

Every case starts from one valid signed export (Sanne's work from the demo PLG, signed with
her test key) and breaks one thing.  ``cases.json`` says, per file, either that it must be
refused as a whole (``accept`` false, with the record and field the message names), or that
it is read and the trust rules must leave records out: ``left_out`` lists (record position
from 1, reason), ``line`` a fragment of the one line the file then gets, and ``pinned`` says
that Sanne's key is known beforehand (as after an earlier import).
tests/unit/test_signed_corpus.py runs every file through import, merge and the review.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from plgcycle import exchange  # noqa: E402
from plgcycle.model import PERSON, Record  # noqa: E402
from plgcycle.signing import Signed, records_checksum, signed_envelope  # noqa: E402
from tests.trust_helpers import EXPORTED_AT, key_of, own_env, records_of, signed  # noqa: E402

CASES: dict[str, dict] = {}


def case(
    name: str,
    *,
    accept: bool,
    record=None,
    field=None,
    contains=(),
    left_out=(),
    line=None,
    pinned=False,
):
    def register(build):
        CASES[name] = {
            "build": build,
            "accept": accept,
            "record": record,
            "field": field,
            "contains": list(contains),
            "left_out": left_out if isinstance(left_out, str) else [list(i) for i in left_out],
            "line": line,
            "pinned": pinned,
        }
        return build

    return register


def base() -> dict:
    return own_env("sanne")


def position(env: dict, kind: str) -> int:
    return next(i for i, r in enumerate(env["records"]) if r["kind"] == kind)


def rehash(env: dict) -> dict:
    env["checksum"] = records_checksum(env["records"])
    return env


def resign(env: dict) -> dict:
    """The file signed again by its exporter (what a careful forger would do)."""
    from plgcycle.signing import sign_envelope

    env.pop("signature", None)
    return sign_envelope(rehash(env), key_of("sanne"))


# --- refused as a whole: the schema, the checksum, JSON ----------------------------------------


@case("exported-by-without-key", accept=False, field="exported_by.key")
def _(env):
    del env["exported_by"]["key"]
    return env


@case("sig-a-number", accept=False, record=2, field="sig")
def _(env):
    env["records"][1]["sig"] = 12345
    return rehash(env)


@case("person-key-a-number", accept=False, record=1, field="data.key")
def _(env):
    env["records"][position(env, PERSON)]["data"]["key"] = 7
    return rehash(env)


@case("signature-a-number", accept=False, field="signature")
def _(env):
    env["signature"] = 1
    return env


@case("file-cut-short", accept=False, contains=("JSON",))
def _(env):
    return exchange.encode(env)[:-300]


@case("records-reordered-checksum-kept", accept=False, contains=("controlesom",))
def _(env):
    env["records"].reverse()
    return env


# --- read, with records the trust rules leave out ---------------------------------------------


@case(
    "record-changed-after-signing",
    accept=True,
    left_out=[(2, "bad_signature")],
    line="1 met een handtekening die niet bij de inhoud past",
)
def _(env):
    i = position(env, "round")
    env["records"][i]["data"]["question"] = "Iets anders dan Sanne schreef"
    return rehash(env)  # the forger cannot sign the file as Sanne: its signature fails too


@case(
    "sig-cut-short",
    accept=True,
    left_out=[(2, "bad_signature")],
    line="1 met een handtekening die niet bij de inhoud past",
)
def _(env):
    i = position(env, "round")
    env["records"][i]["sig"] = env["records"][i]["sig"][:43]
    return rehash(env)


@case(
    "sigs-swapped",
    accept=True,
    left_out=[(2, "bad_signature"), (3, "bad_signature")],
    line="2 met een handtekening die niet bij de inhoud past",
)
def _(env):
    a, b = env["records"][1], env["records"][2]
    a["sig"], b["sig"] = b["sig"], a["sig"]
    return rehash(env)


@case(
    "record-not-signed-in-a-signed-file",
    accept=True,
    left_out=[(2, "unsigned")],
    line="1 niet ondertekend hoewel de sleutel bekend is",
)
def _(env):
    del env["records"][position(env, "round")]["sig"]
    return resign(env)  # even in a file Sanne signed herself: her records carry her sig


@case(
    "own-file-re-signed-after-a-change",
    accept=True,
)
def _(env):
    """Sanne's own file, changed and signed again with her key: that is her work."""
    i = position(env, "round")
    env["records"][i]["data"]["question"] = "Sanne schreef het later anders"
    return resign(env)


@case("rekeyed", accept=True, left_out="all:other_key", line="andere sleutel", pinned=True)
def _(env):
    return own_env("sanne", key=key_of("sanne", 1))


@case(
    "relayed-without-person-record",
    accept=True,
    left_out="all:unknown_key",
    line="ondertekend met een onbekende sleutel",
)
def _(env):
    entries = [e for e in signed(records_of("sanne"), key_of("sanne")) if e.record.kind != PERSON]
    return signed_envelope(entries, {"id": None, "name": "Subgroep A"}, None, EXPORTED_AT)


@case("ok-relayed-with-person-record", accept=True)
def _(env):
    entries = [Signed(Record.from_dict(r), r["sig"]) for r in env["records"]]
    return signed_envelope(entries, {"id": None, "name": "Subgroep A"}, None, EXPORTED_AT)


@case(
    "file-signature-broken",
    accept=True,
    line="de handtekening van het bestand zelf klopt niet",
)
def _(env):
    env["exported_by"]["name"] = "Iemand anders"
    return env


@case(
    "records-reordered-and-rehashed",
    accept=True,
    line="de handtekening van het bestand zelf klopt niet",
)
def _(env):
    env["records"].reverse()
    return rehash(env)


def generate(folder: Path) -> dict:
    """Write every case into ``folder``; returns the expectations (also written as cases.json)."""
    for old in folder.glob("*.plgcycle.json"):
        old.unlink()
    expectations = {}
    for name, spec in CASES.items():
        result = spec["build"](base())
        payload = result if isinstance(result, bytes) else exchange.encode(result)
        (folder / f"{name}.plgcycle.json").write_bytes(payload)
        expectations[f"{name}.plgcycle.json"] = {
            key: value for key, value in spec.items() if key != "build"
        }
    (folder / "cases.json").write_text(
        json.dumps(expectations, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return expectations


if __name__ == "__main__":
    print(f"{len(generate(HERE))} files written to {HERE.name}/")
