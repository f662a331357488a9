"""The hostile web: crawl the mirror with every hostile route linked from its home page.

Asserts, from the mirror's request log and the archive: every ordinary article archived, zero
requests to the other listener or the disallowed path, a handful of requests at most into the
endless pager and the redirect loop, every refusal recorded, the run within its bounds (exit 0
or 3, peak RSS under 300 MB) with no traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from scraper.archive import open_archive
from scraper.health import ExitCode
from tests import mirror as hm
from tests.conftest import ROOT, SITE_DIR, expected_pages
from tests.measure import PEAK_RSS_LAUNCHER

pytestmark = pytest.mark.slow
PAGE_CAP = 4
TIMEOUT_S = 4
MAX_RSS_MB = 300
SITE = "https://en.baodienbienphu.com.vn"


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("hostile") / "archive.db"
    with hm.serve_hostile(SITE_DIR) as mirror:
        start = time.monotonic()
        peak_file = db.with_name("peak-rss-kb")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                PEAK_RSS_LAUNCHER,
                str(peak_file),
                sys.executable,
                "-m",
                "scraper.cli",
                "crawl",
                "--db",
                str(db),
                "--mirror",
                mirror.url,
                "--delay",
                "0",
                "--concurrency",
                "8",
                "--no-autothrottle",
                "--page-cap",
                str(PAGE_CAP),
                "--timeout",
                str(TIMEOUT_S),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        stdout, stderr = proc.communicate(timeout=600)
        elapsed = time.monotonic() - start
        yield {
            "db": db,
            "code": proc.returncode,
            "stdout": stdout,
            "stderr": stderr,
            "elapsed": elapsed,
            "peak_mb": int(peak_file.read_text()) / 1024,
            "log": list(mirror.log),
            "other_log": list(mirror.other_log),
        }


def requests_to(result: dict, prefix: str) -> int:  # type: ignore[type-arg]
    return sum(1 for entry in result["log"] if entry.path.startswith(prefix))


def test_run_ends_ok_or_degraded_without_traceback(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    assert hostile_crawl["code"] in (ExitCode.OK, ExitCode.DEGRADED), hostile_crawl["stderr"][
        -3000:
    ]
    assert "Traceback" not in hostile_crawl["stderr"]


def test_every_ordinary_article_is_archived(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    with open_archive(hostile_crawl["db"]) as archive:
        stored = {a.article_id: a.to_dict() for a in archive.records()}
    for _, _, record in expected_pages():
        assert stored.get(record["article_id"]) == record, record["article_id"]


def test_never_goes_where_it_must_not(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    assert hostile_crawl["other_log"] == []
    assert requests_to(hostile_crawl, "/admin") == 0


def test_pagers_and_loops_end(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    # the cap's listing pages and their 2 articles each, nothing more
    assert requests_to(hostile_crawl, "/vo-tan") <= 3 * PAGE_CAP
    assert requests_to(hostile_crawl, "/lap-lai") <= 2 + 2
    loop = requests_to(hostile_crawl, "/thoi-su-chinh-tri/loop-")
    assert 0 < loop <= 7  # REDIRECT_MAX_TIMES = 5, plus the first request
    assert requests_to(hostile_crawl, hm.ALWAYS_500) == 4  # 1 + RETRY_TIMES


def test_refusals_and_skips_are_recorded(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(hostile_crawl["db"])
    rows = conn.execute("SELECT url, outcome, reason FROM fetches").fetchall()
    conn.close()
    by_url: dict[str, list[tuple[str, str]]] = {}
    for url, outcome, reason in rows:
        by_url.setdefault(url.replace(SITE, ""), []).append((outcome, reason or ""))
    for path in (
        hm.GZIP_BOMB,
        hm.HUGE_PAGE,
        hm.HUGE_UNSIZED,
        hm.TRICKLE,
        hm.ALWAYS_500,
        hm.OFFSITE_REDIRECT,
        hm.LOOP_A,
    ):
        outcomes = by_url.get(path, [])
        assert outcomes and all(o in ("refused", "failed") for o, _ in outcomes), (path, outcomes)
    assert by_url[hm.PDF] == [("skipped", "not HTML (application/pdf)")]
    summary = Counter(outcome for _, outcome, _ in rows)
    assert summary["refused"] + summary["failed"] >= 7


def test_text_that_cannot_hurt(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    with open_archive(hostile_crawl["db"]) as archive:
        records = {a.article_id: a for a in archive.records()}
    for ident in ("badbytesR", "ctrlcharR", "xsstitleR", "retryaftR"):
        assert ident in records and records[ident].body, ident
    for article in records.values():
        for value in (article.title, article.lead, article.body):
            assert value is None or not any(ord(c) < 32 and c not in "\n\t" for c in value)
            assert value is None or "onload" not in value
    assert "<script>" in (records["xsstitleR"].title or "")  # markup kept as text, not parsed
    assert "\ufffd" in (records["badbytesR"].title or "") + (records["badbytesR"].body or "")


def test_bounded_time_and_memory(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    # Not a speed assertion: the bound is what a trickling server could otherwise hold forever.
    assert hostile_crawl["elapsed"] < 300
    # Peak RSS of the crawl process itself (tests.measure: not pytest's own memory, inherited
    # at the fork, nor the largest child of the whole test session).
    assert 0 < hostile_crawl["peak_mb"] < MAX_RSS_MB
