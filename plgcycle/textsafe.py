"""Showing people's text literally, wherever it goes.

Names, questions and feedback come from people and from other people's files.
They must never act as terminal escape codes, bidi overrides, Rich markup, HTML
or spreadsheet formulas.  Rich markup is avoided by building ``rich.text.Text``
objects (never markup strings); this module handles what remains.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, and the bidirectional embedding,
# override and isolate characters that can reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL_CODES = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
_BIDI_CODES = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
# One translation table does it in a single pass of C code (this runs for every cell shown).
_VISIBLE = {
    code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in (*_CONTROL_CODES, *_BIDI_CODES)
}


def printable(text: str | None, *, single_line: bool = False) -> str:
    """``text`` with control and bidi characters made visible (``\\x1b``, ``\\u202e``).

    With ``single_line`` newlines and tabs become spaces, for table cells.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if not (text.isascii() and text.isprintable()) and _UNSAFE.search(text):
        text = text.translate(_VISIBLE)
    if single_line and ("\n" in text or "\t" in text or "  " in text or "\r" in text):
        text = " ".join(text.split())
    return text


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters with an ellipsis when it is longer."""
    text = printable(text, single_line=True)
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


def html_text(text: str | None) -> str:
    """Text for HTML: escaped, controls made visible, newlines as ``<br>``."""
    from html import escape  # only for reports: it is slow to import

    return escape(printable(text), quote=True).replace("\n", "<br>")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value) -> str:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula is quoted.

    A leading ``'`` makes Excel, LibreOffice and Google Sheets show the text as
    typed instead of evaluating it.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    text = printable(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def markdown_text(text: str | None, *, single_line: bool = False) -> str:
    """Text for Markdown: characters that would format or link are escaped."""
    text = printable(text, single_line=single_line)
    text = re.sub(r"([\\`*_\[\]|<>~&])", r"\\\1", text)
    # Block syntax only matters at the start of a line: headings, lists, quotes.
    text = re.sub(r"(?m)^(\s*)([#+\-=>])", r"\1\\\2", text)
    text = re.sub(r"(?m)^(\s*\d+)([.)])", r"\1\\\2", text)
    return text
