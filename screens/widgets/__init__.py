"""Reusable widgets: step indicator, progress bars, charts."""
