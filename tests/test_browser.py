"""The report and the served dashboard in a real browser: headless Chromium (Debian's
``chromium``, driven by Playwright with ``executable_path``; ``playwright install`` is never run).

Each page is checked for what a reader would see go wrong:

* every chart rendered: each element with ``data-marks="N"`` (an inline ``<svg>``, or a
  ``<canvas>``'s container) is laid out with a size, and holds exactly N marks, N > 0 — a mark is
  an element with class ``mark`` inside it (the report's convention, ``scraper/report.py``);
* no request left 127.0.0.1: every request the page makes is recorded, and any to another host
  is aborted and fails the test (``file:``, ``data:``, ``blob:`` and ``about:`` are local);
* no script error: no uncaught exception and no ``console.error`` (a failed load of a local
  resource is one);
* a full-page screenshot is saved, its path printed (``bench/out/browser/`` by default,
  ``DBP_SCREENSHOTS=DIR`` to choose).

Both on the demo archive and on the report's test archive (``tests/test_report.py``), where all
of the report's charts are drawn with known numbers of marks. docs/browser-test.md tells more.

Without a chromium binary the tests are skipped, saying why; under CI (``CI=true``) they fail
instead: ``.ci/run`` installs Debian's chromium when it is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ROOT, run_cli
from tests.test_report import CHARTS, full, full_db  # noqa: F401 - fixtures used by name
from tests.test_serve import fetch, free_port

# The flags of the machine's probe: without the background-networking ones, Chromium keeps
# opening connections that this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",  # as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
DASHBOARD = "/-/dbp/report"  # the report, served by `dbp-archive serve`
MIN_CHARTS = 1  # raised to the report's charts once it lands
DASHBOARD = "/-/dbp/report"  # the report, served by `dbp-archive serve`
EDITED = "oct1aaaaR"  # the full archive's edited article
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Each chart element with data-marks: its id, tag, the marks expected and counted, its size,
# and how many marks have a size of their own.
COUNT_MARKS_JS = """
() => Array.from(document.querySelectorAll('[data-marks]')).map((chart) => {
  const box = chart.getBoundingClientRect();
  const marks = Array.from(chart.querySelectorAll('.mark'));
  const sized = marks.filter((m) => {
    const r = m.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  });
  return {
    id: chart.id,
    tag: chart.tagName.toLowerCase(),
    expected: Number(chart.getAttribute('data-marks')),
    counted: marks.length,
    sized: sized.length,
    width: box.width,
    height: box.height,
  };
})
"""


def chromium_path() -> str | None:
    """Return the Chromium to drive: ``DBP_CHROMIUM``, else ``chromium`` on PATH, else None."""
    chosen = os.environ.get("DBP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return chosen if Path(chosen).is_file() else None


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("DBP_SCREENSHOTS") or ROOT / "bench" / "out" / "browser")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class Visit:
    """What one page did in the browser."""

    url: str
    status: int | None = None  # of the page itself (None for file:)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    charts: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def problems(self) -> list[str]:
        """Return every failed check, one line each (empty when the page is good)."""
        found = []
        if self.status is not None and self.status >= 400:
            found.append(f"the page answered HTTP {self.status}")
        found += [f"request outside 127.0.0.1: {url}" for url in self.outside]
        found += [f"script error: {text}" for text in self.errors]
        if not self.charts:
            found.append("no chart (no element with data-marks)")
        for chart in self.charts:
            name = f"chart {chart['id'] or '(no id)'} <{chart['tag']}>"
            if chart["expected"] <= 0:
                found.append(f"{name}: data-marks={chart['expected']}, expected > 0")
            if chart["counted"] != chart["expected"]:
                found.append(f"{name}: {chart['counted']} marks, data-marks={chart['expected']}")
            if chart["width"] <= 0 or chart["height"] <= 0:
                found.append(f"{name}: not laid out ({chart['width']}x{chart['height']})")
            if chart["counted"] and not chart["sized"]:
                found.append(f"{name}: no mark has a size")
        return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium context with a new empty profile (Playwright, Debian's binary)."""
    executable = chromium_path()
    if executable is None:
        reason = "no chromium binary (apt-get install chromium; .ci/run installs it)"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="dbp-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()


def visit(context: Any, url: str, screenshot: Path | None, settle_ms: int = 5000) -> Visit:
    """Open ``url`` in a new page, record requests and errors, count the charts' marks, and
    save a full-page screenshot to ``screenshot``."""
    seen = Visit(url)
    page = context.new_page()

    def route(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")  # recorded by the request listener, never sent

    page.route("**/*", route)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("websocket", lambda ws: seen.requests.append(ws.url))
    page.on("pageerror", lambda exc: seen.errors.append(f"uncaught {exc}"))
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and seen.errors.append(f"console.error {msg.text} ({msg.location.get('url', '')})")
        ),
    )
    try:
        response = page.goto(url, wait_until="load")
        if response is not None and not url.startswith("file:"):
            seen.status = response.status
        page.wait_for_load_state("networkidle")
        # Charts drawn by a script may come after load: wait (a while) for the counts to agree.
        with contextlib.suppress(PlaywrightTimeout):  # the counts below say what is wrong
            page.wait_for_function(
                "(js) => eval(js)().every((c) => c.counted === c.expected)",
                arg=COUNT_MARKS_JS,
                timeout=settle_ms,
            )
        seen.charts = page.evaluate(COUNT_MARKS_JS)
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=True)
            seen.screenshot = screenshot
    finally:
        page.close()
    return seen


def report_shot(capsys: pytest.CaptureFixture[str], seen: Visit) -> None:
    """Print the screenshot's path and the charts to the terminal (not captured)."""
    with capsys.disabled():
        charts = ", ".join(f"{c['id']}={c['counted']}" for c in seen.charts)
        print(f"\n[browser] {seen.url}: {len(seen.charts)} charts ({charts})")
        print(f"[browser] screenshot: {seen.screenshot}")


# --- The harness itself, on hand-written pages with the report's conventions ---------------

GOOD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fixture report</title>
<style>body{font:14px sans-serif} svg{border:1px solid #ccc}</style></head>
<body>
<h1>Fixture report</h1>
<section>
  <h2>Articles per week</h2>
  <svg id="articles-per-week" data-marks="3" width="300" height="120" role="img">
    <g class="marks">
      <rect class="mark" x="10" y="60" width="40" height="60" fill="#4c78a8"/>
      <rect class="mark" x="60" y="20" width="40" height="100" fill="#4c78a8"/>
      <rect class="mark" x="110" y="119" width="40" height="0" fill="#4c78a8"/>
    </g>
  </svg>
  <table><tr><th>week</th><th>articles</th></tr><tr><td>1</td><td>6</td></tr>
  <tr><td>2</td><td>10</td></tr><tr><td>3</td><td>0</td></tr></table>
</section>
<section>
  <h2>Drawn by a script after load</h2>
  <svg id="late" data-marks="2" width="300" height="120"></svg>
  <script>
    setTimeout(() => {
      const svg = document.getElementById('late');
      for (const x of [20, 80]) {
        const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
        c.setAttribute('class', 'mark'); c.setAttribute('cx', x);
        c.setAttribute('cy', 60); c.setAttribute('r', 8);
        svg.appendChild(c);
      }
    }, 200);
  </script>
</section>
</body></html>
"""

BAD_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>bad</title>
<link rel="stylesheet" href="https://cdn.example.invalid/style.css"></head>
<body>
<svg id="short" data-marks="3" width="100" height="50">
  <rect class="mark" width="5" height="5"/></svg>
<svg id="empty" data-marks="0" width="100" height="50"></svg>
<div style="display:none"><svg id="hidden" data-marks="1">
  <rect class="mark" width="5" height="5"/></svg></div>
<img src="http://example.invalid/pixel.png" alt="">
<script>console.error('boom in console'); undefinedFunction();</script>
</body></html>
"""


def test_harness_passes_a_good_page_and_saves_a_screenshot(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "good.html"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    seen = visit(browser, page.as_uri(), tmp_path / "good.png")
    assert seen.problems() == []
    assert {c["id"]: c["counted"] for c in seen.charts} == {"articles-per-week": 3, "late": 2}
    assert seen.requests == [page.as_uri()]
    assert seen.screenshot is not None and seen.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_harness_reports_every_problem_of_a_bad_page(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    problems = "\n".join(visit(browser, page.as_uri(), None, settle_ms=500).problems())
    assert "request outside 127.0.0.1: https://cdn.example.invalid/style.css" in problems
    assert "request outside 127.0.0.1: http://example.invalid/pixel.png" in problems
    assert "console.error boom in console" in problems
    assert "uncaught" in problems and "undefinedFunction" in problems
    assert "chart short <svg>: 1 marks, data-marks=3" in problems
    assert "chart empty <svg>: data-marks=0, expected > 0" in problems
    assert "chart hidden <svg>: not laid out" in problems


# --- The real report and the served dashboard ----------------------------------------------
# Two archives: the demo (the offline mirror crawled, what `make demo` reports on) and the
# report's own test archive (tests/test_report.py: planted spikes, edits, runs, links), on
# which every chart of the report is drawn, with its number of marks known.

QUERIES = ["coffee", "border"]  # the attention chart's queries on the full archive


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive: the offline mirror crawled on 127.0.0.1."""
    db = tmp_path_factory.mktemp("browser") / "archive.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr[-2000:]
    return db


def check_charts(seen: Visit, archive: str) -> None:
    """No problem on the page; on the full archive, every chart of the report with its marks."""
    assert seen.problems() == []
    drawn = {chart["id"]: chart["counted"] for chart in seen.charts}
    if archive == "full":
        assert set(drawn) == set(CHARTS)
        assert {c: n for c, n in drawn.items() if CHARTS[c] is not None} == {
            c: n for c, n in CHARTS.items() if n is not None
        }
    else:  # the demo has no edits and no query: the sections say so instead of a chart
        assert {"articles-per-week", "top-authors", "fill-rates", "most-linked"} <= set(drawn)


@pytest.mark.parametrize("archive", ["demo", "full"])
def test_report_html_renders_every_chart_offline(
    archive: str, request: pytest.FixtureRequest, tmp_path: Path, browser: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = request.getfixturevalue(f"{archive}_db")
    out = tmp_path / "report.html"
    queries = [arg for q in QUERIES for arg in ("--query", q)] if archive == "full" else []
    result = run_cli("report", "--db", str(db), "--out", str(out), *queries)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = visit(browser, out.as_uri(), screenshot_dir() / f"report-{archive}.png")
    report_shot(capsys, seen)
    check_charts(seen, archive)
    assert seen.requests == [out.as_uri()]  # self-contained: nothing else loaded at all


@pytest.mark.parametrize("archive", ["demo", "full"])
def test_served_dashboard_renders_every_chart(
    archive: str, request: pytest.FixtureRequest, browser: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = request.getfixturevalue(f"{archive}_db")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    query = "?" + "&".join(f"q={q}" for q in QUERIES) if archive == "full" else ""
    shot = screenshot_dir() / f"dashboard-{archive}.png"
    command = [sys.executable, "-m", "scraper.cli", "serve", "--db", str(db)]
    with subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            fetch(f"{base}/-/versions.json", 60)  # serving
            seen = visit(browser, f"{base}{DASHBOARD}{query}", shot)
            index = visit(browser, f"{base}/", None)  # Datasette's own page links to it
            diff = (
                visit(browser, f"{base}/-/dbp/diff/{EDITED}", None) if archive == "full" else None
            )
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        stderr = proc.communicate()[1]
    report_shot(capsys, seen)
    assert seen.screenshot == shot
    assert seen.status == 200
    check_charts(seen, archive)
    for page in (index, diff):  # no chart on these: only requests and script errors
        if page is not None:
            assert page.status == 200, page.url
            assert page.outside == [] and page.errors == [], page.url
    assert "Traceback" not in stderr
