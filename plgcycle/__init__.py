"""plgcycle: the core of a terminal app for teachers in a professional learning community.

This package holds the records, the rules of the five-step cycle, storage,
exchange and reports.  It never imports Textual; the UI lives in ``screens``.
"""

__version__ = "0.1.0"
