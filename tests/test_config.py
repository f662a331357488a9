"""One crawl configuration in (defaults, settings overrides), one run result out (issue 16)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from scraper import settings as project_settings
from scraper.config import (
    FETCH_OUTCOMES,
    CrawlConfig,
    RunCounts,
    RunResult,
    Stat,
    crawl_config,
    run_result,
)
from scraper.crawl import CrawlOptions, crawl_settings
from scraper.crawl import crawl_config as options_config
from scraper.health import ExitCode, fill_rates, judge_run
from scraper.items import ARTICLE_FIELDS


def test_defaults_are_the_documented_ones() -> None:
    config = CrawlConfig()
    assert config.archive == "archive.db"
    assert config.mode == "incremental"
    assert config.mirror is None and config.since is None
    assert config.page_cap == 500
    assert config.extra_pages == 0
    assert config.revisit_days == 3.0
    assert config.max_revisits == 50
    assert config.retry_after_cap == 60.0
    assert config.retry_backoff == 1.0
    assert config.fill_threshold == 0.9
    assert config.fill_fields == ("title", "body", "published_at")
    assert config.min_articles_for_alarm == 3
    assert config.progress and config.print_summary and not config.lock_held


def test_config_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CrawlConfig().page_cap = 3  # type: ignore[misc]


def test_project_settings_hold_no_crawl_default() -> None:
    """Every default of ours lives in CrawlConfig: settings.py has Scrapy's only."""
    ours = [name for name in vars(project_settings) if name.startswith(CrawlConfig.setting(""))]
    assert ours == []
    assert CrawlConfig.from_settings(Settings(project_settings.__dict__)) == CrawlConfig()


def test_settings_override_each_field_with_its_type() -> None:
    settings = Settings(
        {
            "DBP_PAGE_CAP": "7",
            "DBP_REVISIT_DAYS": "0.5",
            "DBP_FILL_THRESHOLD": 0.5,
            "DBP_PROGRESS": "False",
            "DBP_LOCK_HELD": True,
            "DBP_MIRROR": "http://127.0.0.1:8123",
            "DBP_FILL_FIELDS": "title,body",
            "DBP_ARCHIVE": "/tmp/x.db",
        }
    )
    config = CrawlConfig.from_settings(settings)
    assert config == CrawlConfig(
        page_cap=7,
        revisit_days=0.5,
        fill_threshold=0.5,
        progress=False,
        lock_held=True,
        mirror="http://127.0.0.1:8123",
        fill_fields=("title", "body"),
        archive="/tmp/x.db",
    )
    assert CrawlConfig.setting("page_cap") == "DBP_PAGE_CAP"


def test_settings_round_trip() -> None:
    config = CrawlConfig(page_cap=2, mode="full", since="2025-01-01", print_summary=False)
    assert CrawlConfig.from_settings(Settings(config.settings())) == config
    assert config.settings("page_cap") == {"DBP_PAGE_CAP": 2}


def test_crawler_reads_its_config_once() -> None:
    crawler = get_crawler(settings_dict={"DBP_PAGE_CAP": 4})
    first = crawl_config(crawler)
    assert first.page_cap == 4
    assert crawl_config(crawler) is first


def test_but_leaves_none_alone() -> None:
    config = CrawlConfig(page_cap=9)
    assert config.but(page_cap=None, mirror=None, progress=False) == CrawlConfig(
        page_cap=9, progress=False
    )


def test_cli_options_become_config_and_scrapy_settings() -> None:
    options = CrawlOptions(
        archive=Path("a.db"), full=True, page_cap=3, quiet=True, delay=0, fill_threshold=0.5
    )
    config = options_config(options)
    assert config == CrawlConfig(
        archive="a.db",
        mode="full",
        page_cap=3,
        fill_threshold=0.5,
        progress=False,
        print_summary=False,
    )
    scrapy_level = crawl_settings(options)
    assert scrapy_level["DOWNLOAD_DELAY"] == 0
    assert not any(key.startswith("DBP_") for key in scrapy_level)
    # Unset options keep the base configuration (defaults or `-s` settings).
    assert options_config(CrawlOptions(archive=Path("a.db")), CrawlConfig(page_cap=8)).page_cap == 8


def test_run_counts_from_stats() -> None:
    stats = {
        "downloader/request_count": 12,
        Stat.LISTING_REQUESTED: 3,
        Stat.LISTING_OK: 2,
        Stat.LISTING_ARTICLE_LINKS: 40,
        Stat.ARTICLES_EXTRACTED: 5,
        Stat.articles("new"): 4,
        Stat.articles("updated"): 1,
        Stat.ARTICLES_UNCHANGED: 2,
        Stat.fetch("ok"): 9,
        Stat.fetch("failed"): 1,
        Stat.filled("title"): 5,
        Stat.filled("body"): 4,
        Stat.FATAL: "robots.txt unreachable",
    }
    counts = RunCounts.from_stats(stats, ARTICLE_FIELDS)
    assert counts.requests == 12
    assert (counts.listing_requested, counts.listing_ok, counts.listing_article_links) == (
        3,
        2,
        40,
    )
    assert (counts.new, counts.updated, counts.unchanged) == (4, 1, 2)
    assert dict(counts.fetches) == {o: {"ok": 9, "failed": 1}.get(o, 0) for o in FETCH_OUTCOMES}
    assert counts.filled["title"] == 5 and counts.filled["published_at"] == 0
    assert counts.fatal == "robots.txt unreachable"
    assert RunCounts.from_stats({}) == RunCounts(fetches=dict.fromkeys(FETCH_OUTCOMES, 0))
    assert fill_rates(stats, 5)["body"] == 0.8


def test_run_result_and_its_verdict() -> None:
    stats = {
        Stat.LISTING_REQUESTED: 2,
        Stat.LISTING_OK: 2,
        Stat.LISTING_ARTICLE_LINKS: 10,
        Stat.fetch("ok"): 6,
        Stat.fetch("failed"): 2,
        Stat.fetch("refused"): 1,
        Stat.articles("new"): 3,
        Stat.articles("updated"): 2,
    }
    status, code, warnings = judge_run(stats, low_fields=[], rates={}, threshold=0.9)
    assert (status, code, warnings) == ("ok", ExitCode.OK, [])
    result = RunResult(
        run_id=7,
        status=status,
        exit_code=int(code),
        counts=RunCounts.from_stats(stats),
        fill_rates={},
    )
    assert (result.pages, result.errors, result.refused, result.new_versions) == (6, 2, 1, 5)
    assert run_result({Stat.RESULT: result}) is result
    assert run_result({}) is None
    assert run_result({Stat.RESULT: "not a result"}) is None


def test_archive_gives_runs_and_crawl_memory_by_name(tmp_path: Path) -> None:
    from scraper.archive import open_archive
    from scraper.archive.memory import CrawlMemory, read_crawl_memory, revisit_since

    path = tmp_path / "archive.db"
    with open_archive(path) as archive:
        assert archive.crawl_memory(revisit_since="", max_revisits=5) == CrawlMemory()
        run_id = archive.begin_run(mode="full", argv="x", started_at="2026-01-01T00:00:00+00:00")
        archive.add_frontier([("123", "https://example/a-123.html")], run_id=run_id, now="t")
        archive.set_listing_state("kinh-te", complete=True, run_id=run_id, page=3)
        archive.commit()
        row = archive.run(run_id)
        assert row is not None and row["mode"] == "full" and row["status"] == "running"
        assert archive.run(run_id + 1) is None
        memory = archive.crawl_memory(revisit_since=revisit_since(3.0), max_revisits=5)
    assert memory.pending == [("123", "https://example/a-123.html")]
    assert memory.complete_sections == {"kinh-te"}
    # `scrapy crawl dbp` reads the same memory through its own read-only connection.
    assert read_crawl_memory(str(path), revisit_since="", max_revisits=5) == memory
    assert read_crawl_memory(str(tmp_path / "none.db"), revisit_since="", max_revisits=5) == (
        CrawlMemory()
    )
