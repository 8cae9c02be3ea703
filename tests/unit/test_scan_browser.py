"""The scan's HTML (spider charts, tables) rendered by a real headless browser (Debian's chromium).

Skips when chromium is missing, unless PLGCYCLE_REQUIRE_BROWSER=1 (CI), then fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plgcycle.scan import html_page
from tests.unit.test_scan_outputs import full_team

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
HOSTILE_LABEL = (
    '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
)


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    reason = (
        "chromium is not installed (Debian: apt-get install chromium); "
        "set PLGCYCLE_REQUIRE_BROWSER=1 to make this a failure"
    )
    if os.environ.get("PLGCYCLE_REQUIRE_BROWSER") == "1":
        pytest.fail("PLGCYCLE_REQUIRE_BROWSER=1 but " + reason)
    pytest.skip(reason)


def run_browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "scan.html"
    path.write_text(html_page(full_team(HOSTILE_LABEL, "mei 2027")), encoding="utf-8")
    return path


def test_browser_renders_the_charts_and_tables_and_runs_nothing(tmp_path, page):
    result = run_browser(tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<title>Scan De school als PLG</title>" in dom  # not 'pwned': no script ran
    body = dom.split("<body", 1)[1]
    assert "<script" not in body and "<img" not in body
    assert len(re.findall(r"<svg", body)) == 3  # everyone, teachers, leaders
    assert len(re.findall(r'<table class="scan"', body)) == 3
    for text in (
        "Voor de volgende bijeenkomst",
        "Voor de teamleider",
        "Draagvlak",
        "Personeelsbeleid",
        "Kohnstamm Instituut",
    ):
        assert text in body, text


def test_browser_screenshots_and_prints_it(tmp_path, page):
    png = tmp_path / "scan.png"
    result = run_browser(tmp_path, "--window-size=1000,1600", f"--screenshot={png}", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.read_bytes().startswith(b"\x89PNG")
    pdf = tmp_path / "scan.pdf"
    result = run_browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF-")
