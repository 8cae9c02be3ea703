"""Turning people's text and numbers into something safe and readable on screen.

Everything a person typed goes through :func:`literal` before it is shown: control
and bidi characters are made visible (``\\x1b``, ``\\u202e``) and the result is a
:class:`~textual.content.Content` object, which is never parsed as markup, so
``[red]x[/red]`` appears exactly as typed.
"""

from __future__ import annotations

from textual.content import Content

from plgcycle.i18n import current_language
from plgcycle.model import MAX_NUMBER
from plgcycle.textsafe import printable


class NumberTooLarge(ValueError):
    """A number beyond what a record keeps exactly (and an export may hold)."""


def literal(text: str | None, style: str = "", *, single_line: bool = False) -> Content:
    """People's text as content that is shown, never interpreted."""
    clean = printable(text or "", single_line=single_line)
    return Content.styled(clean, style) if style else Content(clean)


def one_line(text: str | None, width: int) -> str:
    """A single line of at most ``width`` cells, with an ellipsis when cut."""
    clean = printable(text or "", single_line=True)
    if len(clean) <= width:
        return clean
    return clean[: max(width - 1, 0)] + "…"


def format_number(value) -> str:
    """``6.5`` as ``6,5`` in Dutch and ``6.5`` in English; whole numbers without decimals."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",") if current_language() == "nl" else text


def parse_number(text: str) -> float | int | None:
    """A number typed by a teacher (``6,5``, ``6.5``, ``55``, ``55%``); None when empty.

    Raises ValueError when the text is not a number, :class:`NumberTooLarge` (a
    ValueError) beyond 2^53 - 1 either way.
    """
    clean = text.strip().rstrip("%").strip().replace(" ", "")
    if not clean:
        return None
    if clean.count(",") == 1 and "." not in clean:
        clean = clean.replace(",", ".")
    number = float(clean)  # raises ValueError
    if number != number:
        raise ValueError(text)
    if abs(number) > MAX_NUMBER:  # infinity too: colleagues' plgcycle would refuse the file
        raise NumberTooLarge(text)
    return int(number) if number.is_integer() and "." not in clean else number
