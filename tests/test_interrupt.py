"""Interrupted crawls say so: SIGTERM/SIGINT stores the pages in flight and ends the run
``interrupted`` (exit 5); a second signal stops at once; either way the archive stays
consistent and the next run completes it."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scraper.health import ExitCode, judge_run
from scraper.mirror import serve
from scraper.reports import run_summary
from tests.conftest import ROOT, SITE_DIR, expected_pages, run_cli
from tests.test_incremental import committed_articles, crawl_args, snapshot

STOP_AFTER_ARTICLES = 8
WAIT_LIMIT_S = 60


def start_crawl(db: Path, url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scraper.cli", *crawl_args(db, url, *extra)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_articles(proc: subprocess.Popen[str], db: Path, count: int) -> None:
    deadline = time.monotonic() + WAIT_LIMIT_S
    while time.monotonic() < deadline and proc.poll() is None:
        if committed_articles(db) >= count:
            return
        time.sleep(0.05)
    assert proc.poll() is None, "the crawl ended before it could be interrupted"
    raise AssertionError(f"fewer than {count} articles committed in {WAIT_LIMIT_S} s")


def last_run(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone())
    finally:
        conn.close()


def assert_consistent(db: Path) -> int:
    """Assert the archive is intact (every article has its version); return its articles."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        versions = conn.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    finally:
        conn.close()
    assert versions == articles  # no half-written article
    return int(articles)


def assert_next_run_completes(db: Path, url: str) -> None:
    resumed = run_cli(*crawl_args(db, url, "--delay", "0", "--concurrency", "8"))
    assert resumed.returncode == ExitCode.OK, resumed.stdout + resumed.stderr[-2000:]
    assert last_run(db)["status"] == "ok"
    expected = {record["article_id"]: record for _, _, record in expected_pages()}
    stored = snapshot(db)
    assert sorted(stored) == sorted(expected)
    for ident, record in expected.items():
        assert stored[ident] == record, ident
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM frontier").fetchone()[0] == 0
    conn.close()


def test_an_interrupted_run_is_judged_interrupted_unless_fatal() -> None:
    judge = {"low_fields": [], "rates": {}, "threshold": 0.9}
    early = {"dbp/listing_requested": 3}  # stopped before any listing page came back
    assert judge_run(early, **judge)[:2] == ("failed", ExitCode.FAILED)
    assert judge_run(early, **judge, interrupted=True) == (
        "interrupted",
        ExitCode.INTERRUPTED,
        [],
    )
    fatal = {"dbp/fatal": "robots.txt unreachable"}
    assert judge_run(fatal, **judge, interrupted=True)[:2] == ("failed", ExitCode.FAILED)
    low = {"dbp/listing_requested": 3, "dbp/listing_ok": 3, "dbp/listing_article_links": 9}
    status, code, warnings = judge_run(low, **{**judge, "low_fields": ["title"]}, interrupted=True)
    assert (status, code) == ("interrupted", ExitCode.INTERRUPTED)
    assert warnings and warnings[0].startswith("fill rate below")


def test_the_summary_of_an_interrupted_run_says_the_next_run_resumes() -> None:
    row = {"id": 7, "status": "interrupted", "exit_code": 5, "mode": "incremental",
           "requests": 10, "pages": 9, "errors": 0, "refused": 0, "new_articles": 6,
           "updated_articles": 0, "new_versions": 6, "summary": "{}", "fill_rates": "{}",
           "warnings": "[]"}  # fmt: skip
    text = run_summary(row)
    assert text.startswith("run 7: interrupted (exit 5)")
    assert "the next run fetches what this one had not reached" in text


@pytest.mark.slow
def test_sigterm_ends_the_run_interrupted_and_the_next_run_completes_it(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        proc = start_crawl(db, mirror.url, "--delay", "0.1", "--concurrency", "1")
        wait_for_articles(proc, db, STOP_AFTER_ARTICLES)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=WAIT_LIMIT_S)
        assert proc.returncode == ExitCode.INTERRUPTED, stdout + stderr[-2000:]
        assert "Traceback" not in stderr
        assert "received SIGTERM" in stderr
        assert "interrupted (exit 5)" in stdout  # the run summary says so
        run = last_run(db)
        assert (run["status"], run["exit_code"]) == ("interrupted", ExitCode.INTERRUPTED)
        assert run["ended_at"] is not None
        partial = assert_consistent(db)
        assert STOP_AFTER_ARTICLES <= partial < len(expected_pages())
        assert run["new_articles"] == partial  # what it stored is what it says it stored
        assert_next_run_completes(db, mirror.url)


@pytest.mark.slow
def test_a_second_sigint_stops_at_once_and_the_next_run_completes_it(tmp_path: Path) -> None:
    """Articles past the first few hang: the first SIGINT waits for them, the second does not."""
    release = threading.Event()
    served: list[str] = []
    lock = threading.Lock()

    def hang_late_articles(handler) -> bool:  # type: ignore[no-untyped-def]
        with lock:
            served.append(handler.path)
            late = len(served) > STOP_AFTER_ARTICLES + 2
        if late:
            release.wait(WAIT_LIMIT_S)  # in flight until the test lets go
        return False  # then served as usual

    site_paths = [url.split("baodienbienphu.com.vn", 1)[1] for _, url, _ in expected_pages()]
    routes = dict.fromkeys(site_paths, hang_late_articles)
    db = tmp_path / "archive.db"
    try:
        with serve(SITE_DIR, routes=routes) as mirror:
            proc = start_crawl(
                db, mirror.url, "--delay", "0", "--concurrency", "2", "--timeout", "120"
            )
            wait_for_articles(proc, db, STOP_AFTER_ARTICLES)
            proc.send_signal(signal.SIGINT)
            time.sleep(1.5)
            assert proc.poll() is None, "the first SIGINT should wait for the pages in flight"
            proc.send_signal(signal.SIGINT)
            started = time.monotonic()
            stdout, stderr = proc.communicate(timeout=WAIT_LIMIT_S)
            assert time.monotonic() - started < 10, "the second SIGINT should stop at once"
            assert proc.returncode == ExitCode.INTERRUPTED, stdout + stderr[-2000:]
            assert "Traceback" not in stderr
            assert "stopped at once" in stderr
            run = last_run(db)
            assert (run["status"], run["exit_code"]) == ("interrupted", ExitCode.INTERRUPTED)
            partial = assert_consistent(db)
            assert STOP_AFTER_ARTICLES <= partial < len(expected_pages())
            release.set()
            routes.clear()  # the next run is served at once
            assert_next_run_completes(db, mirror.url)
    finally:
        release.set()
