"""People's text in the app's frame is shown literally: notifications and the title.

Notifications often quote a name, a question or a file name, and titles hold a
name or a class: never read as markup, control characters made visible.
"""

from __future__ import annotations

from textual.app import App

from plgcycle.textsafe import printable


class LiteralText(App):
    """Mixed into the app before :class:`textual.app.App`."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications are always literal: they often quote people's text or file names."""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def format_title(self, title: str, sub_title: str):
        """Titles often hold people's text (a name, a class): control characters made visible."""
        return super().format_title(
            printable(title, single_line=True), printable(sub_title, single_line=True)
        )
