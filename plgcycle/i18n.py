"""Translations for plgcycle: Dutch by default, English on request.

Every user-facing string goes through :func:`_` (or :func:`ngettext`).  Message
ids are English, so English is gettext's NullTranslations; only Dutch has a
catalog, and a test checks that it translates every message.

Language choice, highest priority first: ``--lang``, ``PLGCYCLE_LANG``, the
system locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), Dutch.
"""

from __future__ import annotations

import gettext as _gettext
import os
from datetime import date, datetime
from pathlib import Path

DOMAIN = "plgcycle"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
ENV_VAR = "PLGCYCLE_LANG"

_current = DEFAULT_LANGUAGE
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


def _load(language: str) -> _gettext.NullTranslations:
    if language == "en":
        return _gettext.NullTranslations()
    try:
        return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])
    except OSError:
        # A missing catalog must never stop the program; English ids are readable.
        return _gettext.NullTranslations()


def normalise(value: str | None) -> str | None:
    """Map a locale name such as ``nl_BE.UTF-8`` to a supported language."""
    if not value:
        return None
    code = value.strip().split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def detect_language(cli_value: str | None = None, environ: dict | None = None) -> str:
    """The language to use, following the documented order of precedence."""
    env = os.environ if environ is None else environ
    for candidate in (cli_value, env.get(ENV_VAR)):
        lang = normalise(candidate)
        if lang:
            return lang
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        raw = env.get(var)
        if raw:
            if raw in ("C", "POSIX") or raw.startswith("C."):
                break
            return normalise(raw) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Switch the process to ``language`` (``nl`` or ``en``); returns what was set."""
    global _current, _translation
    lang = normalise(language) or DEFAULT_LANGUAGE
    _current = lang
    _translation = _load(lang)
    return lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def format_date(value: date | datetime | str | None) -> str:
    """A short, readable date: ``23 nov 2026`` in Dutch, ``23 Nov 2026`` in English."""
    if value in (None, ""):
        return "–"
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {_(_MONTHS[value.month - 1])} {value.year}"


def format_date_input(value: date | datetime | str | None) -> str:
    """A date as a teacher types it, in both languages: ``15-03-2026`` (day, month, year).

    What a date field shows, matching its hint (DD-MM-YYYY) and what
    :func:`plgcycle.model.read_date` reads back; text that is not an ISO date stays as it is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value.date() if isinstance(value, datetime) else value
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def days_phrase(days: int) -> str:
    """``today``, ``in 3 days``, ``2 days ago``, translated."""
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day ago", "{n} days ago", -days).format(n=-days)


set_language(DEFAULT_LANGUAGE)
