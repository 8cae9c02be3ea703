"""Helpers for option lists."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


def refill(option_list: OptionList, options: list[Option]) -> None:
    """Replace the options, keeping the highlight on the same option when it is still there."""
    current = option_list.highlighted_option.id if option_list.highlighted_option else None
    option_list.clear_options()
    option_list.add_options(options)
    ids = [o.id for o in options]
    if current in ids:
        option_list.highlighted = ids.index(current)
    elif options:
        option_list.highlighted = 0
