"""What the trust rules tell the teacher: the names they use, a line per refusal, key notices.

:func:`plgcycle.trust.resolve` decides; this module words its decisions.  A
person is named as their accepted person record says (:func:`trusted_names`),
else as the files claim (:func:`claimed_names`, for records that were not
accepted), else as an unknown colleague.  :func:`refusal` is the translated
line for one record left out; :func:`key_notices` one notice per person whose
key is ambiguous or changed.  File names are data too: they are shown only
after :func:`~plgcycle.textsafe.printable`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .i18n import _
from .model import PERSON, Record
from .signing import Signed, controlecode
from .textsafe import printable, shorten
from .trust_keys import Keys
from .verdict import AMBIGUOUS, CHANGED, KeyNotice, Refusal, TrustFile, reason_text


def trusted_names(entries: Iterable[Signed]) -> dict[str, str]:
    """Person id -> name, from the person records that were accepted (deleted ones excluded)."""
    return {
        e.record.id: e.record.text("name")
        for e in entries
        if e.record.kind == PERSON and not e.record.deleted and e.record.text("name")
    }


def claimed_names(files: Sequence[TrustFile]) -> dict[str, str]:
    """Names as files state them, for messages about records that were not accepted."""
    found: dict[str, str] = {}
    for tfile in files:
        for entry in tfile.records:
            record = entry.record
            if record.kind == PERSON and record.text("name"):
                found.setdefault(record.id, record.text("name"))
    return found


def refusal(
    label: str,
    record: Record,
    reason: str,
    names: Mapping[str, str],
    fallback: Mapping[str, str],
) -> Refusal:
    """The refusal of ``record`` from the file shown as ``label``, with its translated line."""
    name = names.get(record.owner) or fallback.get(record.owner) or _("unknown colleague")
    message = _("{file}: {record}: {why}; left out.").format(
        file=label,
        record=_describe(record, names, fallback),
        why=reason_text(reason, shorten(name, 60)),
    )
    return Refusal(label, record, reason, message)


def _describe(record: Record, names: Mapping[str, str], fallback: Mapping[str, str]) -> str:
    from .exchange import describe

    return describe(record, {**fallback, **names})


def key_notices(
    keys: Keys, names: Mapping[str, str], fallback: Mapping[str, str]
) -> list[KeyNotice]:
    """A notice per person whose key is not used as offered: ambiguous or changed, by person."""
    out = []
    for person in sorted(set(keys.conflicts) | set(keys.ambiguous)):
        name = shorten(names.get(person) or fallback.get(person) or _("unknown colleague"), 60)
        claims = keys.conflicts.get(person) or keys.ambiguous[person]
        offered = tuple(sorted(claims))
        where: set[int] = set()
        for files in claims.values():
            where |= files
        file_names = tuple(sorted({printable(keys.files[i].name, single_line=True) for i in where}))
        codes = ", ".join(controlecode(k) for k in offered)
        listed = ", ".join(file_names)
        if person in keys.ambiguous:
            message = _(
                "{name}: {files} bring different keys (check codes {codes}); nothing "
                "of {name} is shown until you accept one, after comparing the "
                "check code with {name}."
            ).format(name=name, files=listed, codes=codes)
            out.append(KeyNotice(person, AMBIGUOUS, None, offered, file_names, message))
        else:
            known = keys.resolved[person]
            message = _(
                "{files}: another key for {name} (check code {codes}) than the one "
                "that counts ({known}); what these files bring of {name} is left out. "
                "Accept the new key only when {name} confirms that check code."
            ).format(files=listed, name=name, codes=codes, known=controlecode(known))
            out.append(KeyNotice(person, CHANGED, known, offered, file_names, message))
    return out
