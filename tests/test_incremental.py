"""Unattended crawls: a new article is picked up; a SIGKILL mid-crawl loses nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.archive import open_archive
from scraper.mirror import serve
from tests.conftest import ROOT, SITE_DIR, expected_pages, run_cli

pytestmark = pytest.mark.slow
KILL_AFTER_ARTICLES = 8
WAIT_LIMIT_S = 60


def crawl_args(db: Path, url: str, *extra: str) -> list[str]:
    return ["crawl", "--db", str(db), "--mirror", url, "--no-autothrottle", "--quiet", *extra]


def committed_articles(db: Path) -> int:
    """Return how many articles another process has committed to ``db`` so far (0 if none)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    with open_archive(db) as archive:
        return {a.article_id: a.to_dict() for a in archive.records()}


def test_new_article_is_picked_up_by_the_next_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    db = tmp_path / "archive.db"
    with serve(site) as mirror:
        first = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--concurrency", "8"))
        assert first.returncode == 0, first.stderr[-2000:]
        source, _, record = expected_pages()[0]
        new_path = site / "xa-hoi" / "a-brand-new-story-NEWart01g.html"
        new_path.write_bytes(source.read_bytes())
        home = site / "index.html"
        link = '<a href="/xa-hoi/a-brand-new-story-NEWart01g.html">A brand new story</a>'
        home.write_text(home.read_text("utf-8").replace("</body>", link + "</body>"), "utf-8")
        second = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--concurrency", "8"))
        assert second.returncode == 0, second.stderr[-2000:]
    stored = snapshot(db)
    assert "NEWart01g" in stored
    assert stored["NEWart01g"]["title"] == record["title"]
    assert len(stored) == len({r["article_id"] for _, _, r in expected_pages()}) + 1


def test_sigkill_mid_crawl_then_a_normal_run_equals_one_clean_run(tmp_path: Path) -> None:
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    with serve(SITE_DIR) as mirror:
        clean = run_cli(*crawl_args(clean_db, mirror.url, "--delay", "0", "--concurrency", "8"))
        assert clean.returncode == 0, clean.stderr[-2000:]
    with serve(SITE_DIR) as mirror:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scraper.cli",
                *crawl_args(killed_db, mirror.url, "--delay", "0.1", "--concurrency", "1"),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + WAIT_LIMIT_S
        while time.monotonic() < deadline and proc.poll() is None:
            if committed_articles(killed_db) >= KILL_AFTER_ARTICLES:
                break  # mid-crawl, with some work committed and some not
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(killed_db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        versions = conn.execute("SELECT count(*) FROM article_versions").fetchone()[0]
        conn.close()
        assert 0 < partial < len(snapshot(clean_db))
        assert versions == partial  # no half-written article: each has its version
        resumed = run_cli(*crawl_args(killed_db, mirror.url, "--delay", "0", "--concurrency", "8"))
        assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert snapshot(killed_db) == snapshot(clean_db)
    conn = sqlite3.connect(killed_db)
    assert conn.execute("SELECT count(*) FROM article_versions").fetchone()[0] == len(
        snapshot(clean_db)
    )
    assert conn.execute("SELECT count(*) FROM frontier").fetchone()[0] == 0
    conn.close()


def test_a_walk_cut_short_by_the_page_cap_is_finished_by_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        capped = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--page-cap", "1"))
        assert capped.returncode == 0, capped.stderr[-2000:]
        partial = len(snapshot(db))
        normal = run_cli(*crawl_args(db, mirror.url, "--delay", "0"))
        assert normal.returncode == 0, normal.stderr[-2000:]
    expected = {record["article_id"] for _, _, record in expected_pages()}
    assert partial < len(expected)
    assert set(snapshot(db)) == expected


def last_run(db: Path) -> dict:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone())
    row["sections"] = conn.execute("SELECT count(*) FROM listing_state").fetchone()[0]
    conn.close()
    return row


def test_an_unchanged_rerun_costs_sections_plus_two_plus_the_recheck_slice(
    tmp_path: Path,
) -> None:
    """The budget: robots.txt + home + /recent-article + one page per section, and the
    re-check slice on top (default "auto": ceil(43 / 120) = 1 article), counted apart."""
    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        first = run_cli(*crawl_args(db, mirror.url, "--delay", "0"))
        assert first.returncode == 0, first.stderr[-2000:]
        rerun = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--revisit-days", "0"))
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        row = last_run(db)
        rechecks = json.loads(row["summary"])["rechecks"]["requested"]
        assert rechecks == 1
        assert row["requests"] <= row["sections"] + 2 + rechecks
        assert "rechecks 1: unchanged 1" in rerun.stdout
        none = run_cli(
            *crawl_args(db, mirror.url, "--delay", "0", "--revisit-days", "0", "--recheck", "0")
        )
        assert none.returncode == 0, none.stderr[-2000:]
        row = last_run(db)
        assert json.loads(row["summary"])["rechecks"]["requested"] == 0
        assert row["requests"] <= row["sections"] + 2


def test_revisits_and_rechecks_never_request_an_article_twice(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        first = run_cli(*crawl_args(db, mirror.url, "--delay", "0"))
        assert first.returncode == 0, first.stderr[-2000:]
        before = len(mirror.log)
        # Every article is in the 3-day revisit window: the slice takes none of them.
        again = run_cli(*crawl_args(db, mirror.url, "--delay", "0", "--recheck", "100"))
        assert again.returncode == 0, again.stderr[-2000:]
        paths = [r.path for r in mirror.log[before:] if r.path.endswith(".html")]
    articles = {record["article_id"] for _, _, record in expected_pages()}
    requested = [p for p in paths if any(p.endswith(f"-{i}.html") for i in articles)]
    assert len(requested) == len(set(requested)) == len(articles)
    assert json.loads(last_run(db)["summary"])["rechecks"]["requested"] == 0
