"""A terminal worth reading: our own output by default, Scrapy's behind -v, a progress display
only on a terminal, counters that add up (``scrapy crawl dbp``'s summary: tests/test_cli.py)."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import sqlite3
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from scraper.extensions import progress_counts, wants_progress
from scraper.mirror import serve
from tests.conftest import ROOT, SITE_DIR, expected_pages, run_cli

SCRAPY_LINE = re.compile(r"\[scrapy|INFO:|Scrapy \d|Overridden settings|Spider (opened|closed)")
ARTICLES = len({record["article_id"] for _, _, record in expected_pages()})


def crawl_args(db: Path, url: str, *extra: str) -> list[str]:
    return ["crawl", "--db", str(db), "--mirror", url, "--no-autothrottle", *extra]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_when_quiet() -> None:
    assert wants_progress(_Terminal(), enabled=True)
    assert not wants_progress(_Terminal(), enabled=False)  # --quiet
    assert not wants_progress(io.StringIO(), enabled=True)  # cron, a pipe, a file
    closed = io.StringIO()
    closed.close()
    assert not wants_progress(closed, enabled=True)


def test_progress_counts_every_fetch_outcome_and_the_waiting_requests() -> None:
    stats = {
        "dbp/fetch/ok": 5,
        "dbp/fetch/not_modified": 3,
        "dbp/fetch/failed": 1,
        "dbp/fetch/refused": 1,
        "dbp/fetch/skipped": 1,
        "scheduler/enqueued": 20,
        "scheduler/dequeued": 12,
    }
    assert progress_counts(stats) == (11, 8)
    assert progress_counts({}) == (0, 0)


@pytest.mark.slow
def test_default_crawl_prints_our_lines_only_and_verbose_shows_scrapy(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        default = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--concurrency", "8"))
        verbose = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "-v"))
    assert default.returncode == 0, default.stderr[-2000:]
    for line in (default.stdout + default.stderr).splitlines():
        assert not SCRAPY_LINE.search(line), line
    assert default.stderr == ""  # a good run of the mirror: nothing to say beyond the summary
    assert "\r" not in default.stderr  # no progress display on a pipe
    assert default.stdout.startswith("run 1: ok (exit 0)")
    assert verbose.returncode == 0, verbose.stderr[-2000:]
    assert "[scrapy.utils.log] INFO: Scrapy" in verbose.stderr  # the banner
    assert "Spider closed (finished)" in verbose.stderr
    assert verbose.stdout.startswith("run 2: ok (exit 0)")


@pytest.mark.slow
def test_progress_display_on_a_terminal_and_none_with_quiet(tmp_path: Path) -> None:
    def crawl_on_a_terminal(db: Path, url: str, *extra: str) -> tuple[int, str, str]:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
        proc = subprocess.Popen(
            [sys.executable, "-m", "scraper.cli", *crawl_args(db, url, *extra)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=slave,
            text=True,
        )
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        stdout, _ = proc.communicate(timeout=120)
        os.close(master)
        return proc.returncode, stdout, seen.decode("utf-8", "replace")

    # Slow enough for a few redraws (every 0.5 s).
    slow = ("--delay", "0.05", "--concurrency", "1")
    with serve(SITE_DIR) as mirror:
        code, stdout, terminal = crawl_on_a_terminal(tmp_path / "a.db", mirror.url, *slow)
        assert code == 0, terminal[-2000:]
        assert re.search(r"\d+/\d+ done \|", terminal), terminal[-2000:]
        assert re.search(r"00:0\d, [\d.]+ pages/s, queued \d+, new \d+", terminal), terminal
        assert not SCRAPY_LINE.search(terminal)
        assert stdout.startswith("run 1: ok (exit 0)")
        code, stdout, terminal = crawl_on_a_terminal(tmp_path / "b.db", mirror.url, "-q", *slow)
    assert code == 0, terminal[-2000:]
    assert "done |" not in terminal and "queued" not in terminal
    assert stdout.startswith("run 1: ok (exit 0)")


@pytest.mark.slow
def test_an_immediate_recrawl_reports_its_304s_as_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        first = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--concurrency", "8"))
        again = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--concurrency", "8"))
    assert first.returncode == 0 and again.returncode == 0, again.stderr[-2000:]
    assert f"articles: new 0, updated 0, unchanged {ARTICLES};" in again.stdout
    assert f"not modified {ARTICLES}" in again.stdout
    # The fetch counters add up to the run's rows in `fetches`.
    total = int(re.search(r"fetches (\d+):", again.stdout).group(1))  # type: ignore[union-attr]
    parts = re.search(r"fetches \d+: (.*)", again.stdout).group(1)  # type: ignore[union-attr]
    assert total == sum(int(n) for n in re.findall(r"\d+", parts))
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT count(*) FROM fetches WHERE run_id = 2").fetchone()[0]
    finally:
        conn.close()
    assert total == rows
