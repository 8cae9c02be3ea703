"""Signed work (export format version 2): canonical form, signatures and the controlecode.

Every record a person writes carries their Ed25519 signature (``sig``) over its
canonical form; an export file also carries its exporter's ``signature`` over
its envelope.  Files pass record signatures along unchanged, so a record
relayed through a colleague's merged file is exactly as trustworthy as the
original.  The rules that decide what a file may bring are in
:mod:`plgcycle.trust`; the key file beside the database is in
:mod:`plgcycle.keyfile`.  docs/export-format.md specifies all of it.

Canonical form: RFC 8785 (JSON Canonicalization Scheme).  For values made of
strings, integers (below 2^53), booleans, null, lists and objects with ASCII
keys it is byte for byte ``json.dumps(v, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)``, so another program can sign with its standard library;
numbers with a fraction or an exponent, and keys outside ASCII, follow the RFC
(ECMAScript number form, keys sorted by UTF-16 code units).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from collections.abc import Mapping
from typing import Literal, NamedTuple

import orjson
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from .model import Record

# What is signed starts with a context, so that a record's signature can never
# be taken for a file's (or for anything signed later), whatever the JSON holds.
RECORD_CONTEXT = b"plgcycle-record-v2:"
FILE_CONTEXT = b"plgcycle-file-v2:"
RECORD_FIELDS = ("id", "kind", "owner", "rev", "updated_at", "deleted", "data")
MAX_SAFE_INTEGER = 2**53 - 1
KEY_BYTES = 32
SIGNATURE_BYTES = 64


class CanonicalError(ValueError):
    """A value that has no canonical form (NaN, a huge integer, a lone surrogate...)."""


# --- the canonical form (RFC 8785) ---------------------------------------------------------


def es_number(value: float) -> str:
    """A number as ECMAScript writes it (RFC 8785 §3.2.2.3): ``1e+21``, ``0.000001``, ``5e-324``.

    ``repr`` gives the shortest digits that read back as the same double, and
    of those the closest: exactly the digits ECMAScript's Number::toString
    chooses.  Only the layout (where the point goes, when an exponent) differs.
    """
    if math.isnan(value) or math.isinf(value):
        raise CanonicalError("NaN and Infinity have no JSON form")
    if value == 0:
        return "0"  # also minus zero
    sign = "-" if value < 0 else ""
    text = repr(abs(value))
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    scale = int(exponent or 0) - len(fraction)  # value = int(digits) * 10**scale
    stripped = digits.rstrip("0")
    scale += len(digits) - len(stripped)
    k = len(stripped)
    n = k + scale  # value = 0.<digits> * 10**n
    if k <= n <= 21:
        out = stripped + "0" * (n - k)
    elif 0 < n <= 21:
        out = stripped[:n] + "." + stripped[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * -n + stripped
    else:
        power = n - 1
        exp = ("+" if power >= 0 else "-") + str(abs(power))
        out = (stripped if k == 1 else stripped[0] + "." + stripped[1:]) + "e" + exp
    return sign + out


_encode_string = json.encoder.encode_basestring  # the C encoder: JCS's string escapes exactly


def _utf16_order(key: str) -> bytes:
    # Big-endian UTF-16 bytes compare exactly as sequences of UTF-16 code units.
    return key.encode("utf-16-be", "surrogatepass")


def _exact(value, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise CanonicalError(f"integer beyond 2^53: {value}")
        out.append(str(int(value)))
    elif isinstance(value, float):
        out.append(es_number(value))
    elif isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise CanonicalError(f"object key that is not text: {key!r}")
        out.append("{")
        for position, key in enumerate(sorted(value, key=_utf16_order)):
            if position:
                out.append(",")
            out.append(_encode_string(key))
            out.append(":")
            _exact(value[key], out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for position, item in enumerate(value):
            if position:
                out.append(",")
            _exact(item, out)
        out.append("]")
    else:
        raise CanonicalError(f"not a JSON value: {type(value).__name__}")


def canonical_exact(value) -> bytes:
    """RFC 8785 bytes of ``value``, by the definition (slow, complete)."""
    out: list[str] = []
    try:
        _exact(value, out)
        return "".join(out).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError("text with a lone surrogate (not Unicode)") from exc
    except RecursionError as exc:
        raise CanonicalError("nested too deeply") from exc


def _plain(value) -> bool:
    """True when orjson writes ``value`` exactly as RFC 8785 does.

    That holds for strings (orjson's escapes are JCS's, checked for every code
    point by a test), integers (range checked by OPT_STRICT_INTEGER), booleans,
    null, lists, and objects whose keys are ASCII (code point order is UTF-16
    order there).  Floats are where the two differ (``1e-7`` / ``1e-07``, ``3.0``
    / ``3``), except the everyday ones: a fraction from 0.0001 to 10^16 in size is
    written by both as its shortest digits with a point and no exponent (``6.1``;
    tests compare them on random doubles).
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is float:
        return 1e-4 <= abs(value) < 1e16 and not value.is_integer()
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or not key.isascii():
                return False
            if type(item) is not str and not _plain(item):
                return False
        return True
    if kind is list:
        for item in value:
            if type(item) is not str and not _plain(item):
                return False
        return True
    return False


_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_STRICT_INTEGER


def canonical_json(value) -> bytes:
    """RFC 8785 bytes of ``value``: through orjson where that is provably identical."""
    if _plain(value):
        try:
            return orjson.dumps(value, option=_ORJSON_OPTIONS)
        except orjson.JSONEncodeError:
            pass  # a lone surrogate or a huge integer: the definition says which
    return canonical_exact(value)


# --- what is signed ----------------------------------------------------------------------


class Signed(NamedTuple):
    """A record as it travels: the record and its owner's signature (None: unsigned)."""

    record: Record
    sig: str | None = None


def _fields(record: Record | Mapping) -> dict:
    if isinstance(record, Record):
        return {
            "id": record.id,
            "kind": record.kind,
            "owner": record.owner,
            "rev": record.rev,
            "updated_at": record.updated_at,
            "deleted": record.deleted,
            "data": record.data,
        }
    try:
        return {name: record[name] for name in RECORD_FIELDS}
    except KeyError as exc:
        raise CanonicalError(f"record without {exc.args[0]}") from None


def record_message(record: Record | Mapping) -> bytes:
    """The bytes an owner signs: the context, then the canonical record without ``sig``."""
    return RECORD_CONTEXT + canonical_json(_fields(record))


def record_dict(record: Record, sig: str | None) -> dict:
    """A record as written in a version-2 file: its envelope and, when signed, ``sig``."""
    raw = record.to_dict()
    if sig is not None:
        raw["sig"] = sig
    return raw


def header(env: Mapping) -> dict:
    """The envelope of a file without ``records`` and ``signature`` (what a file signature covers).

    The records are covered through ``checksum``, which a verifier checks
    against them; signing the header instead of the whole file keeps a file
    signature one small canonicalisation, however many records it holds.
    """
    return {key: value for key, value in env.items() if key not in ("records", "signature")}


def file_message(env: Mapping) -> bytes:
    return FILE_CONTEXT + canonical_json(header(env))


def records_checksum(records: list) -> str:
    """The checksum of a file's records, as version 1 defines it (docs/export-format.md)."""
    payload = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def checksum_matches(records: list, stated: str) -> bool:
    """True when ``stated`` is the checksum of ``records`` (orjson first: it is much faster).

    orjson and json write a few floats differently, so a mismatch is always
    checked again with :func:`records_checksum`, the definition.
    """
    try:
        payload = orjson.dumps(records, option=orjson.OPT_SORT_KEYS)
        fast = "sha256:" + hashlib.sha256(payload).hexdigest()
    except (TypeError, orjson.JSONEncodeError):
        fast = None
    if fast == stated:
        return True
    try:
        return records_checksum(records) == stated
    except (TypeError, ValueError):
        return False


# --- keys, signatures -------------------------------------------------------------------------


def b64(raw: bytes) -> str:
    """Standard base64 with padding (RFC 4648 §4)."""
    return base64.b64encode(raw).decode("ascii")


def b64_bytes(text, length: int) -> bytes | None:
    """The bytes of a base64 text of exactly ``length`` bytes; None for anything else.

    Only the one canonical spelling is accepted, so that one signature or key
    has one text (no second spelling through unused padding bits).
    """
    if not isinstance(text, str) or not text.isascii():
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != length or b64(raw) != text:
        return None
    return raw


class PersonKey:
    """A person's signing key (the seed stays inside; ``repr`` never shows it)."""

    __slots__ = ("person", "created_at", "_signer", "public")

    def __init__(self, person: str, seed: bytes, created_at: str = ""):
        if len(seed) != KEY_BYTES:
            raise ValueError("an Ed25519 seed has 32 bytes")
        self.person = person
        self.created_at = created_at
        self._signer = SigningKey(seed)
        self.public = b64(bytes(self._signer.verify_key))

    @classmethod
    def generate(cls, person: str, created_at: str = "") -> PersonKey:
        return cls(person, bytes(SigningKey.generate()), created_at)

    @property
    def seed(self) -> bytes:
        return bytes(self._signer)

    def sign(self, message: bytes) -> str:
        return b64(self._signer.sign(message).signature)

    def __repr__(self) -> str:
        return f"PersonKey(person={self.person!r}, public={self.public!r})"


_verifiers: dict[str, VerifyKey | None] = {}


def _verifier(public_key) -> VerifyKey | None:
    found: VerifyKey | Literal[False] | None = (
        _verifiers.get(public_key, False) if isinstance(public_key, str) else None
    )
    if found is False:
        raw = b64_bytes(public_key, KEY_BYTES)
        found = VerifyKey(raw) if raw is not None else None
        if len(_verifiers) > 4096:  # a few per person; never grows without bound
            _verifiers.clear()
        _verifiers[public_key] = found
    return found


def verify(message: bytes, public_key: str | None, sig) -> bool:
    """True when ``sig`` (base64) is ``public_key``'s signature over ``message``."""
    verifier = _verifier(public_key)
    raw = b64_bytes(sig, SIGNATURE_BYTES)
    if verifier is None or raw is None:
        return False
    try:
        verifier.verify(message, raw)
    except BadSignatureError:
        return False
    return True


def valid_public_key(public_key) -> bool:
    return _verifier(public_key) is not None


def sign_record(record: Record, key: PersonKey) -> str:
    """The owner's signature over ``record``; a key signs only its own person's records."""
    if record.owner != key.person:
        raise ValueError("a key signs the records of its own person only")
    return key.sign(record_message(record))


def verify_record(record: Record | Mapping, public_key: str, sig: str | None = None) -> bool:
    """True when the record's signature verifies with ``public_key``.

    ``sig`` defaults to the record's own: the ``sig`` member of a dict as read
    from a file, or a ``sig`` attribute.  Anything unreadable is simply False.
    """
    if sig is None:
        sig = record.get("sig") if isinstance(record, Mapping) else getattr(record, "sig", None)
    if sig is None:
        return False
    try:
        message = record_message(record)
    except CanonicalError:
        return False
    return verify(message, public_key, sig)


def sign_envelope(env: dict, key: PersonKey) -> dict:
    """Sign a version-2 envelope in place (sets ``exported_by.key`` and ``signature``)."""
    env["exported_by"] = {**env["exported_by"], "key": key.public}
    env.pop("signature", None)
    env["signature"] = key.sign(file_message(env))
    return env


def verify_envelope(env: Mapping, *, checksum_checked: bool = False) -> bool | None:
    """Whether a file's signature holds: None when it has none, else True or False.

    It holds when ``signature`` verifies with ``exported_by.key`` over the
    header and ``checksum`` is the checksum of ``records`` (skipped when the
    caller has just checked it, as :func:`plgcycle.exchange.parse_export` does).
    """
    sig = env.get("signature")
    if sig is None:
        return None
    by = env.get("exported_by")
    public_key = by.get("key") if isinstance(by, Mapping) else None
    records = env.get("records")
    if not isinstance(records, list) or not isinstance(env.get("checksum"), str):
        return False
    if not checksum_checked and not checksum_matches(records, env["checksum"]):
        return False
    try:
        message = file_message(env)
    except CanonicalError:
        return False
    return verify(message, public_key, sig)


def signed_envelope(
    entries: list[Signed],
    exported_by: Mapping,
    key: PersonKey | None,
    exported_at: str,
    profile: str = "full",
    sources: list[dict] | None = None,
) -> dict:
    """A complete version-2 file: the records with their signatures, signed by ``key``.

    ``key`` None writes an unsigned file (a merge made without a key of one's own).
    """
    raw = [record_dict(entry.record, entry.sig) for entry in entries]
    env = {
        "format": "plgcycle-export",
        "version": 2,
        "exported_at": exported_at,
        "exported_by": {
            "id": exported_by.get("id"),
            "name": exported_by.get("name", ""),
            "key": key.public if key else None,
        },
        "profile": profile,
        "generator": "plgcycle",
        "records": raw,
        "checksum": records_checksum(raw),
    }
    if sources:
        env["sources"] = sources
    return sign_envelope(env, key) if key is not None else env


# --- the controlecode --------------------------------------------------------------------------


def controlecode(public_key: str) -> str:
    """Four groups of four digits derived from a public key: ``4821 0937 5512 8830``.

    Digits, because they read aloud unambiguously in Dutch and need no word
    list; four groups, because colleagues compare them at a meeting, screen
    beside screen or read out.  Each group is four bytes of the SHA-256 of the
    raw key, modulo 10,000 (the bias is below one in 400,000).
    """
    raw = b64_bytes(public_key, KEY_BYTES)
    if raw is None:
        raise ValueError("not an Ed25519 public key")
    digest = hashlib.sha256(raw).digest()
    return " ".join(
        f"{int.from_bytes(digest[4 * i : 4 * i + 4], 'big') % 10_000:04d}" for i in range(4)
    )
