"""What the trust rules decide (:mod:`plgcycle.trust`): the data shapes and their messages.

A :class:`TrustFile` is one file as the rules read it; :func:`plgcycle.trust.resolve`
returns a :class:`TrustResult` with a :class:`FileVerdict` per file, a
:class:`Refusal` (reason code and one translated line naming the file and the
record) per record left out, and a :class:`KeyNotice` per key that is not used.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .i18n import _, ngettext
from .model import Record
from .signing import Signed, valid_public_key, verify_envelope

# Reason codes, in the order they are reported.
BAD_SIGNATURE = "bad_signature"  # the signature does not verify with the owner's key
OTHER_KEY = "other_key"  # signed with, or brought, another key than the owner's known one
AMBIGUOUS_KEY = "ambiguous_key"  # two keys for an unknown person, none accepted
UNKNOWN_KEY = "unknown_key"  # signed, but nothing says what the owner's key is
UNSIGNED = "unsigned"  # no signature, while the owner's key is known
NOT_SELF = "not_self"  # a person record not owned by itself
TAKEOVER = "takeover"  # the id belongs to a record of another owner or kind
FOREIGN = "foreign"  # attached to someone else's question
NOT_FACILITATOR = "not_facilitator"  # a meeting from someone who does not keep the PLG's meetings
NOT_IN_PLG = "not_in_plg"  # a scan response from someone who is not a member of the PLG
SCAN_CLOSED = "scan_closed"  # a scan response for a scan round that does not exist or was closed
YOURS = "yours"  # the local teacher's own record: a file never changes it
REASONS = (
    BAD_SIGNATURE,
    OTHER_KEY,
    AMBIGUOUS_KEY,
    UNKNOWN_KEY,
    UNSIGNED,
    NOT_SELF,
    TAKEOVER,
    FOREIGN,
    NOT_FACILITATOR,
    NOT_IN_PLG,
    SCAN_CLOSED,
    YOURS,
)

SIG_VALID, SIG_INVALID, SIG_NONE = "valid", "invalid", "none"
CHANGED, AMBIGUOUS = "changed", "ambiguous"


@dataclass
class TrustFile:
    """One file as the rules see it (already read and checked against the schema)."""

    name: str  # as shown to people
    records: list[Signed]
    exporter: str | None = None  # exported_by.id
    exporter_key: str | None = None  # exported_by.key
    signature: str = SIG_NONE  # does the file's own signature verify: valid / invalid / none
    version: int = 2
    partial: bool = False  # a progress copy: its records withhold content

    @classmethod
    def from_envelope(cls, env: Mapping, name: str, *, checksum_checked: bool = False) -> TrustFile:
        """From a parsed envelope; the file signature is verified here."""
        by = env.get("exported_by") or {}
        state = verify_envelope(env, checksum_checked=checksum_checked)
        entries = [Signed(Record.from_dict(raw), raw.get("sig")) for raw in env.get("records", ())]
        return cls(
            name,
            entries,
            by.get("id"),
            by.get("key"),
            SIG_NONE if state is None else SIG_VALID if state else SIG_INVALID,
            env.get("version", 1),
        )

    @cached_property
    def own_for(self) -> str | None:
        """The person whose own signed file this is, as far as the file itself can say."""
        if self.exporter and self.signature == SIG_VALID and valid_public_key(self.exporter_key):
            return self.exporter
        return None


@dataclass(frozen=True)
class Refusal:
    """A record of a file that is left out, why, and one line saying so."""

    file: str
    record: Record
    reason: str
    message: str


@dataclass
class FileVerdict:
    """What the rules made of one file."""

    name: str
    version: int
    signature: str
    own_for: str | None  # the person whose own file this is (their key verified it)
    passed: list[Signed] = field(default_factory=list)  # passed every rule (may still be older)
    refused: list[Refusal] = field(default_factory=list)
    unsigned: int = 0  # passed without a signature
    # Older than the owner's own signed version of the same record: left out unchecked,
    # since it could never be shown (see plgcycle.trust._newest_own).
    superseded: list[Signed] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for refusal in self.refused:
            found[refusal.reason] += 1
        return {reason: found[reason] for reason in REASONS if reason in found}

    def line(self) -> str | None:
        """One line about this file, or None when there is nothing to say."""
        clauses = []
        if self.version < 2:
            clauses.append(
                _("not signed (made by an older plgcycle): what it brings is marked “not signed”")
            )
        elif self.unsigned:
            clauses.append(
                ngettext(
                    "{n} record not signed (marked as such)",
                    "{n} records not signed (marked as such)",
                    self.unsigned,
                ).format(n=self.unsigned)
            )
        if self.signature == SIG_INVALID:
            clauses.append(
                _(
                    "the signature of the file itself does not verify (each record was "
                    "checked on its own)"
                )
            )
        counts = self.counts()
        if counts:
            total = sum(counts.values())
            parts = ", ".join(_reason_count(reason, n) for reason, n in counts.items())
            clauses.append(
                ngettext("{n} record left out: {why}", "{n} records left out: {why}", total).format(
                    n=total, why=parts
                )
            )
        if not clauses:
            return None
        return f"{self.name}: " + "; ".join(clauses) + "."


@dataclass(frozen=True)
class KeyNotice:
    """A key that is not used: another key for a known person, or two for an unknown one."""

    person: str
    kind: str  # CHANGED or AMBIGUOUS
    known: str | None  # the key in use (None when ambiguous)
    offered: tuple[str, ...]  # the keys that were not used
    files: tuple[str, ...]
    message: str


@dataclass
class TrustResult:
    """Everything the rules decided; the same whatever the order of the files."""

    records: dict[str, Signed]  # id -> the version that counts (local records included)
    writes: dict[str, Signed]  # id -> versions from files that replace or add to the local ones
    pins: dict[str, str]  # person id -> the first key seen (pins given + new ones): store it
    new_pins: dict[str, str]  # the pins this run added (trust on first use)
    keys: dict[str, str]  # person id -> the key in use (an accepted change, else the pin)
    files: list[FileVerdict]  # in the order given
    notices: list[KeyNotice]  # sorted by person
    unsigned: frozenset[str]  # ids of records from files that carry no signature
    noted_by: dict[str, str]  # feedback id -> its owner, when the feedback is someone else's
    same_name: list[tuple[str, ...]]  # person ids sharing one normalised name (sorted)
    names: dict[str, str] = field(default_factory=dict)  # person id -> name (trusted records)
    checked: int = 0  # signatures verified one by one (the rest: covered by a file signature)

    def as_records(self) -> list[Record]:
        return [entry.record for entry in self.records.values()]

    def lines(self) -> list[str]:
        """The key notices, then one line per file that has something to say."""
        out = [notice.message for notice in self.notices]
        out.extend(line for verdict in self.files if (line := verdict.line()))
        return out

    def confirmed(self, confirmations: Mapping[str, str]) -> set[str]:
        """Persons whose controlecode was compared for the key they use now."""
        return {pid for pid, key in self.keys.items() if confirmations.get(pid) == key}


def noted_for_someone_else(record: Record, owner_name: str) -> bool:
    """Whether a feedback record was written down by its owner for a colleague who gave it aloud.

    Its ``giver`` is another person, or, without ``giver``, its ``giver_name`` is not
    the owner's own name (when the owner's name is known at all).  Such feedback is signed by whoever wrote it down and is
    counted apart, never as the stated giver's own "feedback given".
    """
    giver = record.data.get("giver")
    if isinstance(giver, str) and giver:
        return giver != record.owner
    stated, own = normalised_name(record.text("giver_name")), normalised_name(owner_name)
    return bool(stated) and bool(own) and stated != own  # an unknown owner: their own words


def normalised_name(name: str) -> str:
    """A name for comparing people: no accents, case or extra spaces.

    ``Eva  Bakker`` and ``éva bakker`` are the same name.
    """
    plain = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _reason_count(reason: str, n: int) -> str:
    if reason == BAD_SIGNATURE:
        return ngettext(
            "{n} with a signature that does not match its content",
            "{n} with a signature that does not match their content",
            n,
        ).format(n=n)
    if reason == OTHER_KEY:
        return ngettext(
            "{n} with another key than the known one", "{n} with another key than the known one", n
        ).format(n=n)
    if reason == AMBIGUOUS_KEY:
        return ngettext(
            "{n} of a colleague for whom two different keys arrive",
            "{n} of a colleague for whom two different keys arrive",
            n,
        ).format(n=n)
    if reason == UNKNOWN_KEY:
        return ngettext(
            "{n} signed with an unknown key", "{n} signed with an unknown key", n
        ).format(n=n)
    if reason == UNSIGNED:
        return ngettext(
            "{n} not signed although the key is known",
            "{n} not signed although the key is known",
            n,
        ).format(n=n)
    if reason == NOT_SELF:
        return ngettext(
            "{n} person record that is not that person's own",
            "{n} person records that are not those persons' own",
            n,
        ).format(n=n)
    if reason == TAKEOVER:
        return ngettext(
            "{n} with the id of someone else's record",
            "{n} with the id of someone else's record",
            n,
        ).format(n=n)
    if reason == FOREIGN:
        return ngettext(
            "{n} attached to someone else's question", "{n} attached to someone else's question", n
        ).format(n=n)
    if reason == NOT_FACILITATOR:
        return ngettext(
            "{n} meeting or scan round from someone who is not the PLG's facilitator or note-taker",
            "{n} meetings or scan rounds from someone who is not the PLG's facilitator or "
            "note-taker",
            n,
        ).format(n=n)
    if reason == NOT_IN_PLG:
        return ngettext(
            "{n} scan response from someone outside the PLG",
            "{n} scan responses from someone outside the PLG",
            n,
        ).format(n=n)
    if reason == SCAN_CLOSED:
        return ngettext(
            "{n} scan response for a scan round that does not exist or was closed",
            "{n} scan responses for a scan round that does not exist or was closed",
            n,
        ).format(n=n)
    return ngettext(
        "{n} of yours (a file never changes your own work)",
        "{n} of yours (a file never changes your own work)",
        n,
    ).format(n=n)


def reason_text(reason: str, name: str) -> str:
    if reason == BAD_SIGNATURE:
        return _("the signature does not match the content (changed after signing, or forged)")
    if reason == OTHER_KEY:
        return _("signed with another key than the one known for {name}").format(name=name)
    if reason == AMBIGUOUS_KEY:
        return _(
            "two different keys arrive for {name}; none is trusted until you accept one"
        ).format(name=name)
    if reason == UNKNOWN_KEY:
        return _("signed, but the key of {name} is unknown (their own file is missing)").format(
            name=name
        )
    if reason == UNSIGNED:
        return _("not signed, while the key of {name} is known").format(name=name)
    if reason == NOT_SELF:
        return _("a person record that does not belong to that person")
    if reason == TAKEOVER:
        return _("claims the id of a record that belongs to someone else")
    if reason == FOREIGN:
        return _("attached to someone else's question")
    if reason == NOT_FACILITATOR:
        return _("{name} is not the PLG's facilitator or a note-taker they named").format(name=name)
    if reason == NOT_IN_PLG:
        return _("{name} is not a member of the PLG").format(name=name)
    if reason == SCAN_CLOSED:
        return _("the scan round does not exist or was closed before this answer")
    return _("yours: a file never changes your own work")
