"""The rules a record follows wherever it is: in an export file or in the local database.

An import and the store's open check records with one set of rules, so that a
database never holds what an import would refuse: the export schema (compiled
in :mod:`.validators`), adapted here to what a local copy keeps
besides (private notes, private marks, the facilitator's logbook), and the rules
a schema cannot say.  Also here: reading JSON so that
a number too large for a float is a field to name, not a file that is "not
JSON"; and whole numbers written as ``3.0``, read as ``3``.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache

from ..model import LOGBOOK, MEETING, NOTES, PLG, PRIVATE_KEY
from ..predictions import PREDICTION_HELD_KEY, PREDICTION_HELD_VALUES
from .schema import Violation, load_schema
from .schema_compiler import _Compiler
from .validators import CompiledCheck, compile_schema

# What a record in the local database may hold beyond an export: its private notes
# (on the record and on each step) and the list of fields its owner marked private.
_PRIVATE_MARKS = {
    "title": "private-marks",
    "type": "array",
    "maxItems": 1000,
    "items": {"type": "string", "maxLength": 1000},
}

_LOGBOOK = {
    "title": "logbook",
    "type": "array",
    "maxItems": 1000,
    "items": {
        "type": "object",
        "required": ["person", "text"],
        "additionalProperties": False,
        "properties": {"person": {"$ref": "#/$defs/uuid"}, "text": {"$ref": "#/$defs/text"}},
    },
}


def database_schema() -> dict:
    """The export schema as it applies to the records of a local database.

    The same rules for every field, so that a database holds nothing an import
    would refuse, with two differences that belong to a local copy: private
    notes, private marks and whether a try-out's prediction held stay in it
    (they are only removed on export), and a
    deleted record keeps its content (so that it can be restored) or has none
    (a deletion that arrived from a colleague).  It is the schema of version 2, so a
    colleague's record keeps the signature it arrived with (``sig``) and a person record
    its public key.
    """
    schema = copy.deepcopy(load_schema(2))  # version 2: a record may keep its signature
    defs = schema["$defs"]
    defs["private-marks"] = _PRIVATE_MARKS
    for name, node in defs.items():
        if name.endswith("-data") and name != "tombstone-data":
            node["properties"][NOTES] = {"$ref": "#/$defs/text"}
            node["properties"][PRIVATE_KEY] = {"$ref": "#/$defs/private-marks"}
    for step in defs["steps"]["properties"].values():
        step["properties"][NOTES] = {"$ref": "#/$defs/text"}
    # The facilitator's logbook: a private note per teacher, on the PLG and on a meeting.
    for kind in (PLG, MEETING):
        defs[f"{kind}-data"]["properties"][LOGBOOK] = _LOGBOOK
    # The teacher's own judgement of a try-out's prediction; never exported.
    defs["tryout-data"]["properties"][PREDICTION_HELD_KEY] = {
        "enum": [*PREDICTION_HELD_VALUES, None]
    }
    record = defs["record"]
    record["then"] = {"if": {"properties": {"data": {"maxProperties": 0}}}, "else": record["else"]}
    return schema


@lru_cache(maxsize=1)
def database_record_validator() -> CompiledCheck:
    """The check of one stored record: the rules of :func:`database_schema`.

    Runs at every open of a database, so it avoids ``jsonschema`` (slow to import;
    the schema itself is checked by the tests and by :func:`export_validator`).
    """
    schema = database_schema()
    return compile_schema(schema, node=schema["$defs"]["record"])


# --- what a schema cannot say -----------------------------------------------------------------

PERSON_OWNER = {"title": "person-owner"}  # the rule a person record breaks when owned by another


def check_record_rules(item: dict) -> None:
    """The rules of a record beyond its schema, for an import and a database alike.

    ``item`` has passed the schema.  A person record belongs to that person: its
    owner is its own id (else anyone could speak for someone else).
    """
    if item["kind"] == "person" and item["owner"] != item["id"]:
        violation = Violation("const", PERSON_OWNER, item["owner"])
        violation.path.append("owner")
        raise violation


@lru_cache(maxsize=1)
def _integer_fields() -> dict[str, tuple[str, ...]]:
    """Per kind, the fields of ``data`` that hold whole numbers (from the schema)."""
    schema = load_schema(2)  # the newest: it knows every kind
    compiler = _Compiler(schema, False)

    def integral(node) -> bool:
        while isinstance(node, dict) and "$ref" in node:
            node = compiler.resolve(node["$ref"])
        return isinstance(node, dict) and node.get("type") == "integer"

    out = {}
    for kind in schema["$defs"]["record"]["properties"]["kind"]["enum"]:
        props = schema["$defs"][f"{kind}-data"]["properties"]
        out[kind] = tuple(key for key, sub in props.items() if integral(sub))
    return out


def whole_numbers(item: dict) -> dict:
    """A checked record with its whole numbers as integers: ``3.0`` becomes ``3``.

    JSON Schema counts 3.0 as an integer, and other programs write it so; the
    rest of plgcycle may then rely on ``int`` (a round number 3.0 is round 3).
    Returns ``item`` itself when there is nothing to change (the usual case),
    else a changed copy: the original stays as it was written.
    """
    fields = _integer_fields().get(item["kind"], ())
    data = item["data"]
    if type(item["rev"]) is not float and not any(type(data.get(k)) is float for k in fields):
        return item
    fixed = dict(item, data=dict(data))
    if type(fixed["rev"]) is float:
        fixed["rev"] = int(fixed["rev"])
    for key in fields:
        if type(data.get(key)) is float:
            fixed["data"][key] = int(data[key])
    return fixed


# --- reading JSON -------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def load_json(raw: bytes):
    """The parsed JSON of ``raw``, as orjson reads it, with one difference.

    orjson refuses a number too large for a float (``1e400``, an integer of 400
    digits) as if the whole file were not JSON.  Such a file is read again with
    the standard library, the number becoming infinity, so that the checks can
    say which record and field hold it.  Everything else orjson refuses stays
    refused (raises ``orjson.JSONDecodeError``).
    """
    import orjson

    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "number" not in str(exc):
            raise
        try:
            text = raw.decode("utf-8")
            value = json.loads(text, parse_int=_whole_or_infinite, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise exc from None
        if _has_surrogate(value):  # orjson refuses these; the standard library does not
            raise exc from None
        return value


def _whole_or_infinite(text: str):
    # Python refuses to convert integers of more than 4,300 digits; past 400 the value is
    # out of every range anyway.
    if len(text) > 400:
        return float("-inf") if text.startswith("-") else float("inf")
    return int(text)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _has_surrogate(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            if _SURROGATE.search(item):
                return True
        elif type(item) is dict:
            for key, sub in item.items():
                if _SURROGATE.search(key):
                    return True
                stack.append(sub)
        elif type(item) is list:
            stack.extend(item)
    return False


def check_stored_records(docs: dict) -> None:
    """Check the records of a database (``{doc_id: record}``) with the rules of an import.

    :func:`database_record_validator`, then :func:`check_record_rules`, and whole
    numbers written as ``3.0`` replaced by ``3`` (in ``docs``).  Raises
    :class:`~.schema.Violation` whose path names the record
    (``records``, its position) and the field.  This runs at every open of the
    database, so the loop only calls the rules for records they can apply to.
    """
    check = database_record_validator()
    fast = check.fast
    integers = _integer_fields()
    float_type = float
    for position, (doc_id, doc) in enumerate(docs.items()):
        try:
            if not fast(doc):
                check(doc)
            kind = doc["kind"]
            if kind == "person" and doc["owner"] != doc["id"]:
                check_record_rules(doc)
        except Violation as violation:
            violation.path.extendleft((position, "records"))
            raise
        floats = type(doc["rev"]) is float_type
        fields = integers[kind]
        if fields and not floats:
            data = doc["data"]
            for key in fields:
                if type(data.get(key)) is float_type:
                    floats = True
                    break
        if floats:
            docs[doc_id] = whole_numbers(doc)  # the same key: safe while going over the items
