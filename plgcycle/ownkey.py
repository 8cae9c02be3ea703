"""The local teacher's own signing key: made on first run, named in their person record.

Each person gets an Ed25519 key the first time plgcycle needs one: when the
first-run screen makes their profile (:meth:`plgcycle.store.Store.create_me`),
or, for a database made before signing existed, the first time they export or
look at their controlecode.  The key lives beside the database
(:mod:`plgcycle.keyfile`, owner-only, backed up with it); the person record
carries its public key (``data.key``), so that colleagues learn it from the
first file they receive (trust on first use, docs/export-format.md).

Changing the person record to add the key is an ordinary save of the teacher's
own record (its revision rises), so the exported person record and the one in
the database never differ at one revision.
"""

from __future__ import annotations

from .errors import DatabaseReadOnly, StoreError
from .i18n import _
from .keyfile import load_key, load_or_create_key
from .model import PERSON
from .signing import PersonKey, controlecode


def ensure_key(store) -> PersonKey:
    """The local teacher's key, made when missing, and their person record naming it.

    Raises StoreError when there is no local teacher, when the key file cannot be
    used (damaged, another person's, cannot be written) or when the person
    record still has to be updated and the database is open read-only.
    """
    me = store.me
    person = store.get(me) if me else None
    if me is None or person is None or person.kind != PERSON:
        raise StoreError(
            _("There is no teacher in {path} yet: start plgcycle once and enter your name.").format(
                path=store.path
            )
        )
    if store.readonly:
        key = load_key(store.path)
        if key is None or key.person != me or person.data.get("key") != key.public:
            raise DatabaseReadOnly(
                _(
                    "Your signing key still has to be added to your profile, and {path} is "
                    "open in another window. Close plgcycle there and try again."
                ).format(path=store.path)
            )
        return key
    key = load_or_create_key(store.path, me, store.clock())
    if person.data.get("key") != key.public:
        person.data["key"] = key.public
        store.save(person)
    return key


def own_controlecode(store) -> str | None:
    """The controlecode of the local teacher's key; None when they have no key yet.

    Makes the key when it is missing and the database is writable (the first
    time it is needed); read-only, it only reads what is there.  Raises
    StoreError naming the key file when it cannot be used.
    """
    if store.me is None:
        return None
    key = ensure_key(store) if not store.readonly else load_key(store.path)
    if key is None or key.person != store.me:
        return None
    return controlecode(key.public)
