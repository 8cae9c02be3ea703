"""runchart_svg.py: the run chart as inline SVG with a table of its values, also in a real browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_runchart import HOSTILE, chart_series  # noqa: E402
from test_series import Teacher  # noqa: E402

from plgcycle import i18n
from plgcycle import runchart_svg as svg
from plgcycle import series as sr
from plgcycle.measurepoints import UP

NS = {"s": "http://www.w3.org/2000/svg"}


def parsed(text: str) -> ET.Element:
    return ET.fromstring(text)  # raises on anything that is not well-formed XML


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_the_svg_is_an_image_with_a_title_and_nothing_active():
    root = parsed(svg.run_chart_svg(chart_series()))
    assert root.get("role") == "img"
    title = root.find("s:title", NS).text
    assert title == root.get("aria-label")
    assert title == "Opgaven af (%) · hoger is beter: 4 waarden van 1 sep 2026 tot 30 nov 2026"
    for element in root.iter():
        assert not element.tag.endswith(("script", "foreignObject", "image", "a", "use"))
        assert not any(name.startswith("on") or "href" in name for name in element.attrib)


def test_values_sit_on_a_linear_scale_of_dates_and_numbers():
    root = parsed(svg.run_chart_svg(chart_series(target=None)))
    dots = [
        (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter("{http://www.w3.org/2000/svg}circle")
        if c.get("r") == "4.5" and c.find("s:title", NS) is not None
    ]
    square = next(
        r
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.find("s:title", NS) is not None
    )
    base = (float(square.get("x")) + 4.5, float(square.get("y")) + 4.5)
    # 1 Sep 50 (baseline), 1 Oct 60, 31 Oct 70, 30 Nov 65: equal steps of 30 days.
    (x0, y0), ((x1, y1), (x2, y2), (x3, y3)) = base, dots
    assert x1 - x0 == pytest.approx(x2 - x1, abs=0.2) == pytest.approx(x3 - x2, abs=0.2)
    assert x0 < x1 < x2 < x3
    assert y0 > y1 > y3 > y2  # higher values are higher up: smaller y
    assert (y0 - y1) == pytest.approx(y1 - y2, abs=0.2)  # 50 -> 60 as far as 60 -> 70
    assert (y3 - y2) == pytest.approx((y1 - y2) / 2, abs=0.2)  # 70 -> 65 half of that
    line = root.find("s:polyline", NS).get("points").split()
    assert [tuple(map(float, p.split(","))) for p in line] == [base, *dots]
    # The first and the last date lie at the ends of the x axis (less a small inset), the lowest and
    # highest tick at the ends of the y axis.
    lines = list(root.iter("{http://www.w3.org/2000/svg}line"))
    x_axis = next(
        ln
        for ln in lines
        if ln.get("y1") == ln.get("y2")
        and ln.get("stroke") == svg.INK
        and float(ln.get("x2")) - float(ln.get("x1")) > 300
    )
    assert x0 == pytest.approx(float(x_axis.get("x1")) + svg.INSET)
    assert x3 == pytest.approx(float(x_axis.get("x2")) - svg.INSET)
    grid = sorted(float(ln.get("y1")) for ln in lines if ln.get("stroke") == svg.LIGHT)
    assert grid[-1] == float(x_axis.get("y1"))  # the lowest tick is the axis
    ticks = {
        float(t.text.replace(",", ".")): float(t.get("y")) - 4
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("text-anchor") == "end" and t.text.replace(",", "").isdigit()
    }
    low, high = min(ticks), max(ticks)
    assert y1 == pytest.approx(
        ticks[low] + (ticks[high] - ticks[low]) * (60 - low) / (high - low), abs=0.1
    )


def test_baseline_and_target_are_told_apart_by_dashes_not_colour():
    root = parsed(svg.run_chart_svg(chart_series()))
    dashed = {
        ln.get("stroke-dasharray"): float(ln.get("y1"))
        for ln in root.iter("{http://www.w3.org/2000/svg}line")
        if ln.get("stroke-dasharray") in (svg.BASELINE_DASH, svg.TARGET_DASH)
        and float(ln.get("x2")) - float(ln.get("x1")) > 100
    }  # the lines, not their legend swatches
    assert set(dashed) == {svg.BASELINE_DASH, svg.TARGET_DASH}
    assert dashed[svg.TARGET_DASH] < dashed[svg.BASELINE_DASH]  # 70 above 50
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "beginwaarde 50 %" in texts and "doel 70 %" in texts


def test_try_outs_and_rounds_are_marked_and_the_dates_are_in_the_language_of_the_report():
    root = parsed(svg.run_chart_svg(chart_series()))
    triangles = [
        p
        for p in root.iter("{http://www.w3.org/2000/svg}path")
        if p.find("s:title", NS) is not None
    ]
    assert [(p.find("s:title", NS).text, p.get("fill")) for p in triangles] == [
        ("R1 U1: uitgevoerd 21 sep 2026", svg.INK),
        ("R2 U1: gepland op 10 nov 2026", "#fff"),
    ]
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "R1" in texts and "R2" in texts and "U1" in texts
    assert "1 sep 2026" in texts and "30 nov 2026" in texts
    i18n.set_language("en")
    texts = [
        t.text
        for t in parsed(svg.run_chart_svg(chart_series())).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert "1 Sep 2026" in texts and "T1" in texts and "target 70 %" in texts


def test_every_value_is_in_the_table_too():
    html = svg.run_chart_html(chart_series())
    table = html[html.index("<table") : html.index("</table>")]
    rows = Tags()
    rows.feed(table)
    text = [t for t in rows.text if t.strip()]
    assert text[:7] == [
        "Waarden van Opgaven af (%) · hoger is beter",
        "Datum",
        "Ronde",
        "Uitproberen",
        "Waarde",
        "Soort",
        "Opmerking",
    ]
    for value in ("50 %", "60 %", "70 %", "65 %"):
        assert value in text
    assert text.count("beginwaarde") == 1 and text.count("meting") == 3
    assert (
        "<figcaption>Beginwaarde 50 %, laatste 65 % (+15), doel 70 %: nog niet gehaald.</figcaption>"
        in html
    )


def test_derived_dates_are_marked_and_explained():
    t = Teacher()
    r = t.round(1)
    from plgcycle.model import MEASURE, Record

    old = Record(
        MEASURE,
        t.owner,
        {"round": r.id, "name": "Oud", "baseline": 5.5, "value": 6.5},
        "m-old",
        1,
        "2026-10-03T10:00:00+00:00",
    )
    [one] = sr.teacher_series(t.records + [old], t.owner)
    html = svg.run_chart_html(one)
    assert "≈ 3 okt 2026" in html and "5,5" in html and "De datum is afgeleid" in html


def test_hostile_names_are_text_in_the_svg_and_the_table():
    html = svg.run_chart_html(
        chart_series('<script>alert(1)</script>" onload="x' + HOSTILE, unit="<i>%</i>")
    )
    tags = Tags()
    tags.feed(html)
    assert "script" not in tags.tags and "i" not in tags.tags and "b" not in tags.tags
    assert not any(name.startswith("on") for name, _value in tags.attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x" in html
    assert "\x1b" not in html and "\u202e" not in html and "\\x1b[31m" in html
    parsed(svg.run_chart_svg(chart_series(HOSTILE + "&<>")))


def test_a_series_without_dated_values_is_a_small_note():
    t = Teacher()
    t.measure(t.round(1), "Leeg", [])
    [empty] = sr.teacher_series(t.records, t.owner)
    root = parsed(svg.run_chart_svg(empty))
    assert root.find("s:title", NS).text == "Leeg (%): nog geen waarden met een datum"


def test_many_values_keep_date_labels_apart():
    t = Teacher()
    r = t.round(1)
    t.measure(
        r,
        "Dagelijks",
        [
            (
                (date(2026, 9, 1).fromordinal(date(2026, 9, 1).toordinal() + i)).isoformat(),
                50 + i % 7,
                False,
            )
            for i in range(60)
        ],
        target=55,
        direction=UP,
    )
    [one] = sr.teacher_series(t.records, t.owner)
    root = parsed(svg.run_chart_svg(one))
    bottom_texts = [
        t
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if "2026" in (t.text or "")
        and t.get("y")
        == max(
            x.get("y")
            for x in root.iter("{http://www.w3.org/2000/svg}text")
            if "2026" in (x.text or "")
        )
    ]
    xs = sorted(float(t.get("x")) for t in bottom_texts)
    assert 2 <= len(xs) <= 8 and all(
        b - a >= svg.CHAR_W * 10 for a, b in zip(xs, xs[1:], strict=False)
    )
    assert bottom_texts[-1].text == "30 okt 2026"


# --- in a real browser ------------------------------------------------------------------------

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
    reason = "chromium is not installed; set PLGCYCLE_REQUIRE_BROWSER=1 to make this a failure"
    if os.environ.get("PLGCYCLE_REQUIRE_BROWSER") == "1":
        pytest.fail("PLGCYCLE_REQUIRE_BROWSER=1 but " + reason)
    pytest.skip(reason)


def page(*figures: str) -> str:
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\"><title>Metingen</title>"
        f"<style>body {{ font-family: Arial, sans-serif; margin: 16px; }} {svg.RUNCHART_CSS}</style>"
        "</head><body>" + "".join(figures) + "</body></html>"
    )


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_browser_draws_the_chart_and_runs_nothing_from_people(tmp_path):
    hostile = chart_series(
        '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
    )
    file = tmp_path / "metingen.html"
    file.write_text(
        page(svg.run_chart_html(chart_series()), svg.run_chart_html(hostile)), encoding="utf-8"
    )
    result = browser(tmp_path, "--dump-dom", file.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    body = result.stdout.split("<body", 1)[1]
    assert "<title>Metingen</title>" in result.stdout
    assert body.count("<svg") == 2 and "<script" not in body and "<img" not in body
    assert "doel 70 %" in body and "1 sep 2026" in body
    png = tmp_path / "metingen.png"
    result = browser(tmp_path, "--window-size=900,1200", f"--screenshot={png}", file.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
