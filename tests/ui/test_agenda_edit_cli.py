"""``plgcycle agenda --edit`` in a real terminal: what was edited is written, or discarded on purpose.

Each test starts the real command in a pseudo-terminal, waits for what the app
shows, presses keys as a facilitator would and then reads the files, the last
lines printed and the exit code.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from datetime import date

import pytest

from plgcycle.cli.teacher import _demo_exports

TODAY = date(2026, 11, 23)
MARK = "Bewaarmij42"
ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
DEADLINE = 90  # seconds: only so that a hang fails instead of blocking the suite


class Terminal:
    """A process in a 100x30 pseudo-terminal: wait for text on it, type into it."""

    def __init__(self, args: list[str], cwd) -> None:
        env = {
            **os.environ,
            "PLGCYCLE_TODAY": TODAY.isoformat(),
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            "LINES": "30",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command itself
            os.chdir(cwd)
            os.execvpe(sys.executable, [sys.executable, "-m", "plgcycle", *args], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.seen = ""  # everything shown so far, escape codes taken out
        self.read_to = 0
        self.code: int | None = None
        self.started = time.monotonic()

    def _read(self, wait: float) -> bool:
        ready, _w, _x = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the process has ended
            return False
        if not data:
            return False
        self.seen += ESCAPES.sub("", data.decode("utf-8", "replace"))
        return True

    def wait_for(self, text: str, *, pattern: bool = False) -> None:
        """Read until ``text`` (a regular expression with ``pattern``) shows, after earlier waits."""
        wanted = re.compile(text if pattern else re.escape(text))
        while (found := wanted.search(self.seen, self.read_to)) is None:
            assert time.monotonic() - self.started < DEADLINE, f"{text!r} never showed"
            assert self._read(0.5), f"the process ended before {text!r} showed"
        self.read_to = found.end()

    def type(self, keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())

    def wait_for_exit(self) -> int:
        while self._read(0.5):
            assert time.monotonic() - self.started < DEADLINE, "the process did not end"
        _pid, status = os.waitpid(self.pid, 0)
        self.code = os.waitstatus_to_exitcode(status)
        return self.code

    def close(self) -> None:
        if self.code is None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


@pytest.fixture
def exports(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    _demo_exports(folder, TODAY)
    return folder


@pytest.fixture
def terminal(tmp_path):
    opened: list[Terminal] = []

    def start(*args: str) -> Terminal:
        term = Terminal(["--lang", "en", *args], tmp_path)
        opened.append(term)
        term.wait_for("Stand-up")  # the agenda is on screen
        return term

    yield start
    for term in opened:
        term.close()


def _add_item(term: Terminal) -> None:
    term.type("n")
    term.wait_for("What should happen in this part?")
    term.type(MARK + "\r")
    term.wait_for(r"•\s+" + MARK, pattern=True)  # in the table: the dialog has closed


def test_edit_then_quit_asks_and_save_writes_the_o_file(terminal, exports, tmp_path):
    out = tmp_path / "meeting.md"
    term = terminal("agenda", str(exports), "--edit", "-o", str(out))
    _add_item(term)
    term.type("\x11")  # ctrl+q
    term.wait_for("not saved")
    term.type("\r")  # "save" has the focus
    term.wait_for("Save the agenda as Markdown")
    term.type("\r")  # the -o file is proposed
    assert term.wait_for_exit() == 0
    assert MARK in out.read_text(encoding="utf-8")
    assert "Agenda written to" in term.seen and str(out.name) in term.seen


def test_escape_with_changes_asks_and_discard_writes_nothing(terminal, exports, tmp_path):
    term = terminal("agenda", str(exports), "--edit")
    _add_item(term)
    term.type("\x1b")  # escape
    term.wait_for("not saved")
    term.type("\t\t\r")  # past "save" and "keep editing" to "leave without saving"
    assert term.wait_for_exit() == 0
    assert "discarded" in term.seen and "nothing was written" in term.seen
    assert not list(tmp_path.glob("*.md"))


def test_unchanged_agenda_goes_to_the_o_file(terminal, exports, tmp_path):
    out = tmp_path / "meeting.md"
    term = terminal("agenda", str(exports), "--edit", "-o", str(out))
    term.type("\x1b")
    assert term.wait_for_exit() == 0
    assert "Stand-up" in out.read_text(encoding="utf-8")
    assert f"Agenda written to {out}" in term.seen.replace("\r\n", "")


def test_nothing_that_can_be_written_exits_non_zero_and_shows_the_agenda(
    terminal, exports, tmp_path
):
    out = tmp_path / "missing" / "meeting.md"  # a folder that does not exist
    term = terminal("agenda", str(exports), "--edit", "-o", str(out))
    term.type("\x1b")
    assert term.wait_for_exit() != 0
    assert not out.exists()
    tail = term.seen[term.read_to :]
    assert "## 1. Stand-up" in tail  # the agenda is printed, so nothing is lost
    assert "Cannot write" in tail


def test_remarks_about_the_files_show_in_the_app_and_after_it(terminal, tmp_path):
    from tests import forged

    folder = tmp_path / "forged"
    folder.mkdir()
    forged.write(folder, forged.relayed_edit())
    term = terminal("agenda", str(folder), "--edit")
    term.wait_for("left out", pattern=False)  # the line above the table, while editing
    term.wait_for("remark about the files")  # and the notification
    term.type("\x1b")
    assert term.wait_for_exit() == 0
    tail = term.seen[term.read_to :]
    assert "left out" in tail  # printed again once the app has closed
