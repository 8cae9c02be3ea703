"""The HTML report rendered by a real headless browser (Debian's chromium).

Skips when chromium is missing, unless PLGCYCLE_REQUIRE_BROWSER=1 (CI), then fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_review import TODAY, Group  # noqa: E402

from plgcycle import demo, report, review

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
def report_file(tmp_path):
    _me, records = demo.build(TODAY)
    g = Group()
    intruder = g.person(
        '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>',
        subgroup="C",
    )
    g.round(intruder, 1, question="[bold]Hoe[/bold] & <b>waarom</b>?")
    overview = review.build_overview(records + g.records, TODAY, review.StalledRule(days=12))
    return report.write_report(overview, "html", tmp_path / "verslag.html")


def test_browser_renders_the_report_text(tmp_path, report_file):
    result = run_browser(tmp_path, "--dump-dom", report_file.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<title>Voortgang PLG Activerend leren</title>" in dom  # not 'pwned': no script ran
    for text in (
        "Leervragen per stap",
        "Genomen besluiten",
        "Feedback: wie geeft aan wie",
        "Metingen die bewogen",
        "Per deelnemer",
        "Ahmed El Amrani",
        "Fatima Yilmaz",
        "Opgaven af",
        "geen beweging sinds 9 nov 2026",
        "Privénotities staan nooit",
    ):
        assert text in dom, text
    body = dom.split("<body", 1)[1]
    # People's text arrived as text: no element was created from it.
    assert "<script" not in body and "<img" not in body and "<b>waarom" not in body
    assert "&lt;script&gt;" in body and "[bold]Hoe[/bold] &amp; &lt;b&gt;waarom&lt;/b&gt;?" in body
    assert len(re.findall(r"<svg", body)) >= 3


def test_browser_prints_it_to_pdf_and_screenshots_it(tmp_path, report_file):
    pdf = tmp_path / "verslag.pdf"
    result = run_browser(
        tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_file.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    # A4, print CSS: a few pages for the tables and the run charts two abreast, not one per row
    assert 1 <= pages <= 6
    png = tmp_path / "verslag.png"
    result = run_browser(
        tmp_path, "--window-size=1100,1400", f"--screenshot={png}", report_file.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and png.stat().st_size > 20_000
