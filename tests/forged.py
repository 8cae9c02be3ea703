"""The forged file sets every reader must refuse alike: import, merge, review, report, agenda.

Each case is a set of real signed files (real keys, real signatures), written to a folder as
the bytes a teacher would receive.  ``expected`` lists what must be left out: (file name,
record id, reason).  tests/unit/test_forged_everywhere.py runs every case through every
command in every order of the files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from plgcycle import exchange
from plgcycle.model import FEEDBACK, ROUND, TRYOUT, Record
from plgcycle.signing import Signed, sign_record
from plgcycle.trust import BAD_SIGNATURE, FOREIGN, OTHER_KEY, UNSIGNED
from tests.exchange_helpers import pid
from tests.trust_helpers import (
    edited,
    first,
    key_of,
    new_record,
    noted_for_sanne,
    own_env,
    records_of,
    relay_env,
)

AHMED, SANNE, JORIS = pid("ahmed"), pid("sanne"), pid("joris")


class Case(NamedTuple):
    files: dict[str, dict]  # file name -> envelope
    expected: set[tuple[str, str, str]]  # (file, record id, reason) left out
    noted: set[str] = set()  # feedback ids noted by their owner for someone else


def _round_entry(env: dict) -> Signed:
    raw = next(r for r in env["records"] if r["kind"] == ROUND)
    return Signed(Record.from_dict(raw), raw["sig"])


def anonymous_relay() -> Case:
    """``exported_by.id: null`` carrying other people's records: each needs its own signature."""
    ahmed, sanne = own_env("ahmed"), own_env("sanne")
    question = _round_entry(ahmed)
    fake_id = "9a000000-0000-4000-8000-000000000001"
    fake = Signed(
        new_record(ROUND, "ahmed", fake_id, question="Door Joris verzonnen"),
        sign_record(new_record(ROUND, "joris", fake_id), key_of("joris")),
    )
    unsigned = Signed(first(ROUND, "sanne").copy())
    hiding = relay_env(
        [edited(question, question="Iets heel anders"), fake, unsigned], exporter=None
    )
    return Case(
        {
            "ahmed.plgcycle.json": ahmed,
            "sanne.plgcycle.json": sanne,
            "anoniem.plgcycle.json": hiding,
        },
        {
            ("anoniem.plgcycle.json", question.record.id, BAD_SIGNATURE),
            ("anoniem.plgcycle.json", fake_id, BAD_SIGNATURE),
            ("anoniem.plgcycle.json", unsigned.record.id, UNSIGNED),
        },
    )


def relayed_edit() -> Case:
    """A relayed copy of Ahmed's round with a higher revision and an altered question."""
    ahmed = own_env("ahmed")
    question = _round_entry(ahmed)
    forged = edited(question, question="Hoe laat ik de leerlingen het werk doen?")
    relay = relay_env([forged], merger=key_of("lotte"))
    relay_name = "subgroep-b.plgcycle.json"
    return Case(
        {"ahmed.plgcycle.json": ahmed, relay_name: relay, "lotte.plgcycle.json": own_env("lotte")},
        {(relay_name, question.record.id, BAD_SIGNATURE)},
    )


def foreign_tryout() -> Case:
    """A try-out attached to someone else's question (``import a b`` vs ``import b a``)."""
    question = first(ROUND, "ahmed")
    tryout = new_record(TRYOUT, "joris", "9b000000-0000-4000-8000-000000000001", round=question.id)
    tip = new_record(
        FEEDBACK,
        "joris",
        "9b000000-0000-4000-8000-000000000002",
        round=question.id,
        type="tip",
        text="Mooi gedaan",
        giver=JORIS,
        giver_name="Joris Bakker",
    )
    joris = own_env("joris", records_of("joris") + [tryout, tip])
    return Case(
        {"ahmed.plgcycle.json": own_env("ahmed"), "joris.plgcycle.json": joris},
        {("joris.plgcycle.json", tryout.id, FOREIGN)},
    )


def noted_feedback() -> Case:
    """Five pieces of feedback with ``giver`` set to Sanne, written down by Joris."""
    question = first(ROUND, "ahmed")
    noted = noted_for_sanne(question)
    joris = own_env("joris", records_of("joris") + noted)
    return Case(
        {
            "ahmed.plgcycle.json": own_env("ahmed"),
            "sanne.plgcycle.json": own_env("sanne"),
            "joris.plgcycle.json": joris,
        },
        set(),
        {r.id for r in noted},
    )


def rekeyed() -> Case:
    """Ahmed's file signed with another key than the one pinned (a new laptop, or not)."""
    laptop = own_env("ahmed", key=key_of("ahmed", 1))
    return Case(
        {"ahmed-nieuw.plgcycle.json": laptop},
        {("ahmed-nieuw.plgcycle.json", raw["id"], OTHER_KEY) for raw in laptop["records"]},
    )


CASES: dict[str, Callable[[], Case]] = {
    "anonymous-relay": anonymous_relay,
    "relayed-edit": relayed_edit,
    "foreign-tryout": foreign_tryout,
    "noted-feedback": noted_feedback,
}


def write(folder: Path, case: Case, names: list[str] | None = None) -> list[Path]:
    """Write the files of ``case`` (all, or those named, in that order) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or list(case.files):
        path = folder / name
        path.write_bytes(exchange.encode(case.files[name]))
        paths.append(path)
    return paths
