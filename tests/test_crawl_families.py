"""End to end, per fixture family: Recent news changing on every page adds no version, and a
template that loses its dates while the header still shows today's is a degraded run.

The platform family (tests/platformgen) is built for the day of the test, so its header's
"today" is the crawl day, exactly the trap a real site would set.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from scraper.health import ExitCode
from scraper.mirror import serve
from tests.conftest import SITE_DIR, expected_pages, run_cli
from tests.platformgen.build import build as build_platform
from tests.platformgen.content import NEW_ARTICLE

pytestmark = pytest.mark.slow
PAPER_TZ = timezone(timedelta(hours=7))


def crawl(db: Path, url: str):  # type: ignore[no-untyped-def]
    args = ["crawl", "--db", str(db), "--mirror", url, "--delay", "0", "--concurrency", "8"]
    return run_cli(*args, "--no-autothrottle", "--quiet")


def versions(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT article_id, version_count FROM articles").fetchall())
    finally:
        conn.close()


def stored(db: Path, column: str) -> dict[str, str | None]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute(f"SELECT article_id, {column} FROM articles").fetchall())
    finally:
        conn.close()


def today() -> datetime:
    return datetime.now(UTC).astimezone(PAPER_TZ)


def rotate_recent_news(site: Path, new_url: str, new_title: str) -> int:
    """Make every article page's first Recent news item a new article (as a later visit sees
    it), whatever the template: the item is found through the page's expected record."""
    changed = 0
    for path, _, record in expected_pages(site):
        first = record["related"][-1]  # the last related link sits in Recent news
        old_path = first["url"].removeprefix("https://en.baodienbienphu.com.vn")
        html = path.read_text("utf-8")
        rotated = html.replace(old_path, new_url).replace(first["title"], new_title)
        if rotated != html:
            path.write_text(rotated, "utf-8")
            changed += 1
    return changed


def test_recent_news_changing_on_every_page_adds_no_version_in_the_mirror(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    db = tmp_path / "archive.db"
    ids = {record["article_id"] for _, _, record in expected_pages(site)}
    with serve(site) as mirror:
        first = crawl(db, mirror.url)
        assert first.returncode == 0, first.stderr[-2000:]
        before = versions(db)
        assert set(before) == ids  # no article with text left unarchived
        changed = rotate_recent_news(site, "/xa-hoi/a-newer-story-NEWer01Rg.html", "A newer story")
        assert changed == len(expected_pages(site))
        second = run_cli(
            "crawl", "--db", str(db), "--mirror", mirror.url, "--delay", "0", "--full",
            "--concurrency", "8", "--no-autothrottle", "--quiet",
        )  # fmt: skip
        assert second.returncode == 0, second.stderr[-2000:]
    assert versions(db) == before


def test_a_new_article_in_the_platform_family_adds_no_version_to_the_others(
    tmp_path: Path,
) -> None:
    site = tmp_path / "platform"
    day = today().date()
    build_platform(site, today=day)
    db = tmp_path / "archive.db"
    expected = {record["article_id"]: record for _, _, record in expected_pages(site)}
    with serve(site) as mirror:
        first = crawl(db, mirror.url)
        assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
        before = versions(db)
        assert set(before) == set(expected)  # every article archived
        for field in ("title", "lead", "body", "published_at"):
            assert stored(db, field) == {k: r[field] for k, r in expected.items()}, field
        shutil.rmtree(site)
        build_platform(site, today=day, variant="new-article")
        second = crawl(db, mirror.url)
        assert second.returncode == 0, second.stderr[-2000:]
    after = versions(db)
    assert after.pop(NEW_ARTICLE.aid) == 1
    assert after == before


def test_articles_that_lost_their_dates_store_none_and_the_run_is_degraded(
    tmp_path: Path,
) -> None:
    site = tmp_path / "platform"
    day = today()
    build_platform(site, today=day.date(), variant="dateless")
    # The trap is set: every page shows the crawl day in its header.
    header_day = day.strftime("%d/%m/%Y")
    pages = list(site.rglob("*.html"))
    assert pages and all(header_day in page.read_text("utf-8") for page in pages)
    db = tmp_path / "archive.db"
    with serve(site) as mirror:
        result = crawl(db, mirror.url)
    assert result.returncode == ExitCode.DEGRADED, result.stdout[-2000:] + result.stderr[-2000:]
    assert re.search(r"published_at", result.stdout + result.stderr)
    dates = stored(db, "published_at")
    assert dates and set(dates.values()) == {None}
    runs = run_cli("runs", "--db", str(db))
    assert "published_at" in runs.stdout
    stats = run_cli("stats", "--db", str(db)).stdout
    assert "published_at 0%" in stats and "14 without a date" in stats
