"""End to end: crawl the offline mirror in a subprocess and compare every stored record.

Also: an unchanged re-crawl adds nothing but fetches and a run; an edit adds one version; a
second concurrent crawl is refused; a mirror with broken markup ends degraded.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from scraper.archive import open_archive
from scraper.health import ExitCode
from scraper.mirror import serve
from tests.conftest import SITE_DIR, expected_pages, run_cli

pytestmark = pytest.mark.slow


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "article_versions", "pages", "fetches", "crawl_runs")
        }
    finally:
        conn.close()


def crawl(db: Path, mirror_url: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        "crawl",
        "--db",
        str(db),
        "--mirror",
        mirror_url,
        "--delay",
        "0",
        "--concurrency",
        "8",
        "--no-autothrottle",
        "--quiet",
        *extra,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A mirror copy (tests may edit it), its server, and an archive crawled from it once."""
    root = tmp_path_factory.mktemp("e2e")
    site = root / "site"
    shutil.copytree(SITE_DIR, site)
    db = root / "archive.db"
    with serve(site) as mirror:
        result = crawl(db, mirror.url)
        yield site, db, mirror, result


def test_crawl_archives_every_article_once_equal_to_its_expected_json(crawled) -> None:  # type: ignore[no-untyped-def]
    site, db, mirror, result = crawled
    assert result.returncode == 0, result.stderr[-2000:]
    expected = {record["article_id"]: record for _, _, record in expected_pages()}
    with open_archive(db) as archive:
        stored = {a.article_id: a.to_dict() for a in archive.records()}
    assert sorted(stored) == sorted(expected)
    for ident, record in expected.items():
        assert stored[ident] == record, ident
    assert "Traceback" not in result.stderr


def test_crawl_never_leaves_the_site_and_obeys_robots(crawled) -> None:  # type: ignore[no-untyped-def]
    _, _, mirror, _ = crawled
    paths = [entry.path for entry in mirror.log]
    assert paths[0] == "/robots.txt"
    assert not [p for p in paths if p.startswith("/admin")]
    assert len(paths) == len(set(paths)), "a page was fetched twice in one run"


def test_unchanged_recrawl_adds_no_article_version_or_page(crawled) -> None:  # type: ignore[no-untyped-def]
    _, db, mirror, _ = crawled
    before = counts(db)
    again = crawl(db, mirror.url)
    assert again.returncode == 0, again.stderr[-2000:]
    after = counts(db)
    for table in ("articles", "article_versions", "pages"):
        assert after[table] == before[table], table
    assert after["crawl_runs"] == before["crawl_runs"] + 1
    assert after["fetches"] > before["fetches"]


def test_an_edit_adds_exactly_one_version(crawled) -> None:  # type: ignore[no-untyped-def]
    site, db, mirror, _ = crawled
    path, _, record = expected_pages()[0]
    edited = site / path.relative_to(SITE_DIR)
    first = record["body"].split("\n\n")[0]
    text = edited.read_text("utf-8")
    assert first[:40] in text
    edited.write_text(text.replace(first[:40], "EDITED " + first[:40], 1), "utf-8")
    before = counts(db)
    result = crawl(db, mirror.url)
    assert result.returncode == 0, result.stderr[-2000:]
    after = counts(db)
    assert after["article_versions"] == before["article_versions"] + 1
    assert after["articles"] == before["articles"]
    with open_archive(db) as archive:
        article = archive.get_article(record["article_id"])
    assert article is not None and "EDITED" in (article.body or "")


def test_second_concurrent_crawl_is_refused(crawled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, db, mirror, _ = crawled
    with open(db.with_name(db.name + ".lock"), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = crawl(db, mirror.url)
    assert result.returncode == ExitCode.LOCKED
    assert "another crawl" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_broken_markup_ends_degraded(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    for html_path, _, _ in expected_pages():
        broken = site / html_path.relative_to(SITE_DIR)
        # A redesign that leaves no text, no title and no date where we look for them.
        broken.write_text("<html><body><div class='x'><span>…</span></div></body></html>", "utf-8")
    db = tmp_path / "archive.db"
    with serve(site) as mirror:
        result = crawl(db, mirror.url)
    assert result.returncode == ExitCode.DEGRADED, result.stdout + result.stderr[-2000:]
    assert "fill rate below" in result.stdout
    with open_archive(db) as archive:
        run = archive.runs(limit=1)[0]
    assert run["status"] == "degraded"
    assert json.loads(run["fill_rates"])["title"] < 0.9


def test_extract_command_errors_are_one_line(tmp_path: Path) -> None:
    missing = run_cli(
        "extract",
        str(tmp_path / "nope.html"),
        "--url",
        "https://en.baodienbienphu.com.vn/kinh-te/x-wZVLwJQNR.html",
    )
    assert missing.returncode == ExitCode.USAGE
    assert missing.stderr.count("\n") == 1 and "no such file" in missing.stderr
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>hi</p></body></html>")
    not_article = run_cli("extract", str(page), "--url", "https://en.baodienbienphu.com.vn/kinh-te")
    assert not_article.returncode == ExitCode.USAGE
    assert "not an article URL" in not_article.stderr and "Traceback" not in not_article.stderr
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = run_cli(
        "extract", str(empty), "--url", "https://en.baodienbienphu.com.vn/kinh-te/x-wZVLwJQNR.html"
    )
    assert result.returncode == ExitCode.USAGE and "empty file" in result.stderr


def test_listings_without_article_links_end_degraded(tmp_path: Path) -> None:
    import re

    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    for page in site.rglob("*.html"):
        if not page.with_suffix(".json").exists():  # every listing page: links made unreadable
            text = page.read_text("utf-8")
            page.write_text(re.sub(r'href="[^"]*-[A-Za-z0-9]{9}\.html"', 'href="#"', text), "utf-8")
    with serve(site) as mirror:
        result = crawl(tmp_path / "archive.db", mirror.url)
    assert result.returncode == ExitCode.DEGRADED, result.stdout + result.stderr[-2000:]
    assert "no article link on" in result.stdout


def test_site_down_ends_failed(tmp_path: Path) -> None:
    def down(handler) -> bool:  # type: ignore[no-untyped-def]
        if handler.path == "/robots.txt":
            return False  # robots.txt answers: only the pages are down
        handler._send(503, b"maintenance", "text/plain", head=False)
        return True

    from scraper.mirror import serve as serve_routes

    routes = {path: down for path in ("/", "/recent-article")}
    with serve_routes(SITE_DIR, routes=routes) as mirror:
        result = crawl(tmp_path / "archive.db", mirror.url)
    assert result.returncode == ExitCode.FAILED, result.stdout + result.stderr[-2000:]
    assert "listing pages (home, sections) could be fetched" in result.stdout


def test_a_page_with_no_text_is_not_archived_as_an_article(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    soft = site / "xa-hoi" / "page-not-found-softerr1R.html"
    soft.write_text("<html><head><title>Page not found</title></head>"
                    "<body><h1>Page not found</h1></body></html>", "utf-8")  # fmt: skip
    home = site / "index.html"
    link = '<a href="/xa-hoi/page-not-found-softerr1R.html">A story</a></body>'
    home.write_text(home.read_text("utf-8").replace("</body>", link, 1), "utf-8")
    db = tmp_path / "archive.db"
    with serve(site) as mirror:
        result = crawl(db, mirror.url)
    assert result.returncode == 0, result.stderr[-2000:]
    conn = sqlite3.connect(db)
    assert (
        conn.execute("SELECT count(*) FROM articles WHERE article_id = 'softerr1R'").fetchone()[0]
        == 0
    )
    outcome, reason = conn.execute(
        "SELECT outcome, reason FROM fetches WHERE url LIKE '%softerr1R%'"
    ).fetchone()
    assert (outcome, reason) == ("failed", "unusable record: no lead and no body text")
    assert (
        conn.execute("SELECT tries FROM frontier WHERE article_id = 'softerr1R'").fetchone()[0] == 1
    )
    conn.close()


def test_one_timestamp_on_every_article_ends_degraded_and_runs_show_it(tmp_path: Path) -> None:
    import re

    stamp = "2026-11-23T08:00:00+07:00"
    meta = f'<meta property="article:published_time" content="{stamp}">'
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    for html_path, _, _ in expected_pages():
        page = site / html_path.relative_to(SITE_DIR)
        text = page.read_text("utf-8")
        # One date wins on every page: ISO dates (JSON-LD, <time>, meta) and visible day-first
        # dates all become the chrome's stamp, and the article:published_time meta says it too.
        text = re.sub(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?", stamp, text
        )
        text = re.sub(r"\d{1,2}/\d{1,2}/\d{4}", "23/11/2026", text)
        text = re.sub(r"(?is)<meta[^>]+article:published_time[^>]*>", "", text)
        page.write_text(re.sub(r"(?i)<head[^>]*>", r"\g<0>" + meta, text, count=1), "utf-8")
    db = tmp_path / "archive.db"
    with serve(site) as mirror:
        result = crawl(db, mirror.url)
    assert result.returncode == ExitCode.DEGRADED, result.stdout + result.stderr[-2000:]
    n = len({record["article_id"] for _, _, record in expected_pages()})
    finding = f"implausible published_at: {n} of {n} timestamps"
    assert f"WARNING: {finding}" in result.stdout and stamp in result.stdout
    assert finding in result.stderr  # the log names it too
    with open_archive(db) as archive:
        run = archive.runs(limit=1)[0]
    assert run["status"] == "degraded" and run["exit_code"] == ExitCode.DEGRADED
    assert any(w.startswith(finding) for w in json.loads(run["warnings"]))
    runs = run_cli("runs", "--db", str(db))
    assert runs.returncode == 0 and finding in runs.stdout and "degraded (exit 3)" in runs.stdout
    stats = run_cli("stats", "--db", str(db))
    assert stats.returncode == 0 and finding in stats.stdout
