"""Maintain plgcycle's translation catalog (needs the ``test`` extra: Babel).

Message ids are the English texts in the code, so English needs no catalog
(gettext's NullTranslations).  Dutch translations live in parts,
``plgcycle/locale/nl/parts/<part>.po`` (one part per area of the program, so
that work on different areas never edits the same file), and are compiled into
one ``plgcycle/locale/nl/LC_MESSAGES/plgcycle.mo`` that gettext reads.

    python tools/catalog.py update [--part NAME]   add new ids to NAME.po (default:
                                                    the part of the first source file
                                                    using it), drop unused ids, compile
    python tools/catalog.py check                   exit 1 when a message lacks a Dutch
                                                    text or the .mo is stale

"Stale" compares what gettext reads from the compiled file (every message, its
translation and the plural rule) with what the parts say, never the bytes: the
compiler's version header may differ from machine to machine.
"""

from __future__ import annotations

import argparse
import gettext
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "plgcycle" / "locale"
SOURCES = ("plgcycle", "screens")
LANGS = ("nl",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)

# Which part a new message goes to, by the first source file that uses it.
PART_BY_PREFIX = (
    ("plgcycle/exchange", "exchange"),
    ("plgcycle/review", "review"),
    ("plgcycle/report", "review"),
    ("plgcycle/agenda", "review"),
    ("screens/review", "review"),
    ("screens/agenda", "review"),
    ("screens/exchange", "exchange"),
    ("plgcycle/groupview", "group"),
    ("plgcycle/group", "group"),
    ("plgcycle/meeting", "group"),
    ("plgcycle/calendar", "group"),
    ("plgcycle/cli/plg", "group"),
    ("screens/plg", "group"),
    ("screens/meeting", "group"),
    ("plgcycle/share", "share"),
    ("plgcycle/cli/share", "share"),
    ("screens/sharing", "share"),
    ("screens/dialogs/share", "share"),
    ("screens/dialogs/export", "exchange"),
    ("screens/dialogs/import", "exchange"),
    ("screens", "tui"),
    ("", "core"),
)


def extract() -> dict[object, list[str]]:
    """Every message id in the sources, with the files that use it."""
    found: dict[object, list[str]] = {}
    for source in SOURCES:
        folder = ROOT / source
        if not folder.exists():
            continue
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(folder),
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
        ):
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            found.setdefault(message, []).append(f"{source}/{filename}")
    return found


def part_for(path: str) -> str:
    for prefix, part in PART_BY_PREFIX:
        if path.startswith(prefix):
            return part
    return "core"


def _parts(lang: str, locale: Path = LOCALE) -> dict[str, Catalog]:
    folder = locale / lang / "parts"
    catalogs = {}
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            parsed = read_po(fh, locale=lang)
        catalog = _new_catalog(lang)
        for message in parsed:
            if message.id:
                catalog.add(message.id, message.string, flags=message.flags - {"python-format"})
        catalogs[po.stem] = catalog
    return catalogs


def _key(message) -> str:
    return message[0] if isinstance(message, tuple) else message


def _write_part(lang: str, part: str, catalog: Catalog) -> None:
    folder = LOCALE / lang / "parts"
    folder.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, sort_output=True, no_location=True)
    # Without the compiler's version line, another Babel release rewrites no part.
    text = re.sub(rb'"Generated-By: [^"]*"\n', b"", buf.getvalue())
    (folder / f"{part}.po").write_bytes(text)


def _new_catalog(lang: str) -> Catalog:
    # Fixed header dates keep the files identical between runs (no churn, stable .mo).
    return Catalog(
        locale=lang,
        project="plgcycle",
        version="1",
        charset="utf-8",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
        copyright_holder="plgcycle",
        msgid_bugs_address="",
        last_translator="plgcycle",
        language_team="plgcycle",
    )


def merged(lang: str, locale: Path = LOCALE) -> Catalog:
    """All parts of one language as one catalog (first part wins on duplicates)."""
    out = _new_catalog(lang)
    for _part, catalog in _parts(lang, locale).items():
        for message in catalog:
            if message.id and message.id not in out:
                out.add(message.id, message.string)
    return out


def compile_all() -> None:
    for lang in LANGS:
        target = LOCALE / lang / "LC_MESSAGES" / "plgcycle.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compiled(merged(lang)))


def update(part: str | None) -> None:
    used = extract()
    used_keys = {_key(m): m for m in used}
    for lang in LANGS:
        parts = _parts(lang)
        known = {}
        for name, catalog in parts.items():
            for message in list(catalog):
                if not message.id:
                    continue
                if _key(message.id) not in used_keys or _key(message.id) in known:
                    catalog.delete(message.id)
                    continue
                known[_key(message.id)] = name
        for key, message in used_keys.items():
            if key in known:
                continue
            target = part or part_for(used[message][0])
            catalog = parts.setdefault(target, _new_catalog(lang))
            string = ("", "") if isinstance(message, tuple) else ""
            catalog.add(message, string)
            known[key] = target
        for name, catalog in parts.items():
            _write_part(lang, name, catalog)
    compile_all()


def fill(lang: str, translations: dict) -> int:
    """Write texts into whichever part holds each id; returns how many were set.

    ``translations`` maps an id (for plurals: the singular id) to a text, or to a
    list of texts for plural forms.
    """
    count = 0
    parts = _parts(lang)
    for name, catalog in parts.items():
        changed = False
        for message in catalog:
            key = _key(message.id) if message.id else None
            if key in translations:
                value = translations[key]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                changed = True
                count += 1
        if changed:
            _write_part(lang, name, catalog)
    compile_all()
    return count


def _complete(string) -> bool:
    if isinstance(string, tuple):
        return all(string)
    return bool(string)


def gettext_view(mo: bytes) -> tuple[dict, list]:
    """What gettext reads from a compiled catalog: its messages and its plural rule.

    The header entry (``""``) is left out but for the plural forms and the charset,
    which change what gettext returns; the rest of it (dates, the compiler's
    version) does not.
    """
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    messages = {key: value for key, value in translations._catalog.items() if key != ""}
    plural = [translations.plural(n) for n in range(200)]
    return messages, [translations.charset(), plural]


def compiled(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def problems(locale: Path | None = None) -> list[str]:
    """What is missing: untranslated ids, ids without an entry, a stale compiled catalog.

    ``locale`` is the folder holding ``<lang>/parts`` and ``<lang>/LC_MESSAGES``
    (plgcycle's own by default; tests point it at a copy).
    """
    locale = LOCALE if locale is None else locale
    issues = []
    used = {_key(m) for m in extract()}
    for lang in LANGS:
        catalog = merged(lang, locale)
        have = {_key(m.id): m for m in catalog if m.id}
        for key in sorted(used - set(have)):
            issues.append(f"{lang}: no entry for {key!r}")
        for key, message in have.items():
            if key in used and not _complete(message.string):
                issues.append(f"{lang}: no text for {key!r}")
        target = locale / lang / "LC_MESSAGES" / "plgcycle.mo"
        name = f"{lang}/LC_MESSAGES/plgcycle.mo"
        if not target.exists():
            issues.append(f"{lang}: {name} is missing; run tools/catalog.py update")
            continue
        try:
            shipped = gettext_view(target.read_bytes())
        except (OSError, UnicodeDecodeError) as exc:
            issues.append(f"{lang}: {name} cannot be read ({exc}); run tools/catalog.py update")
            continue
        if shipped != gettext_view(compiled(catalog)):
            issues.append(f"{lang}: {name} is stale; run tools/catalog.py update")
    return issues


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    upd = sub.add_parser("update")
    upd.add_argument("--part")
    sub.add_parser("check")
    fil = sub.add_parser("fill", help="set texts from a JSON object {id: text}")
    fil.add_argument("json_file")
    fil.add_argument("--lang", default="nl")
    args = parser.parse_args()
    if args.command == "fill":
        import json

        data = json.loads(Path(args.json_file).read_text(encoding="utf-8"))
        print(f"{fill(args.lang, data)} texts set")
        return 0
    if args.command == "update":
        update(args.part)
        missing = [p for p in problems() if "no text" in p or "no entry" in p]
        print(f"catalogs updated; {len(missing)} texts still missing")
        for line in missing[:50]:
            print("  " + line)
        return 0
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
