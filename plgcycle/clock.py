"""Today's date, the one place that reads it (overridable for reproducible output).

``PLGCYCLE_TODAY=YYYY-MM-DD`` fixes the date for demos, tests and screenshots.
"""

from __future__ import annotations

import os
from datetime import date

from .errors import InvalidInput
from .i18n import _

ENV_TODAY = "PLGCYCLE_TODAY"


def today_override(environ: dict | None = None) -> date | None:
    """The date set in ``PLGCYCLE_TODAY``, or None; a malformed one is a clear error."""
    value = (os.environ if environ is None else environ).get(ENV_TODAY)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("PLGCYCLE_TODAY must be a date as YYYY-MM-DD.")) from None


def today(environ: dict | None = None) -> date:
    """Today, or the date ``PLGCYCLE_TODAY`` sets."""
    return today_override(environ) or date.today()
