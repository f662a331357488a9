"""Run one crawl in this process: lock the archive, run Scrapy, report the run.

``dbp-archive crawl`` is a thin wrapper over ``run_crawl``.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from scraper import user_agent
from scraper.archive import open_archive
from scraper.archive.lock import archive_lock
from scraper.health import ExitCode
from scraper.spiders.site import SiteSpider

LOG_MAX_BYTES: Final = 5 * 1024 * 1024
LOG_BACKUPS: Final = 3


@dataclass(kw_only=True, slots=True)
class CrawlOptions:
    """What ``dbp-archive crawl`` was asked to do (None: the setting's default)."""

    archive: Path
    mirror: str | None = None
    full: bool = False
    since: str | None = None
    delay: float | None = None
    concurrency: int | None = None
    autothrottle: bool | None = None
    max_size: int | None = None
    timeout: float | None = None
    page_cap: int | None = None
    revisit_days: float | None = None
    contact: str | None = None
    robots: bool = True
    log_file: Path | None = None
    log_level: str = "INFO"
    fill_threshold: float | None = None


def crawl_settings(options: CrawlOptions) -> dict[str, Any]:
    """Return the Scrapy setting overrides for ``options``."""
    overrides: dict[str, Any] = {
        "DBP_ARCHIVE": str(options.archive),
        "DBP_MODE": "full" if options.full else "incremental",
        "LOG_LEVEL": options.log_level,
        "ROBOTSTXT_OBEY": options.robots,
    }
    optional = {
        "DBP_MIRROR": options.mirror,
        "DBP_SINCE": options.since,
        "DOWNLOAD_DELAY": options.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
        "CONCURRENT_REQUESTS": options.concurrency,
        "AUTOTHROTTLE_ENABLED": options.autothrottle,
        "DOWNLOAD_MAXSIZE": options.max_size,
        "DOWNLOAD_TIMEOUT": options.timeout,
        "DBP_PAGE_CAP": options.page_cap,
        "DBP_REVISIT_DAYS": options.revisit_days,
        "DBP_FILL_THRESHOLD": options.fill_threshold,
    }
    overrides |= {key: value for key, value in optional.items() if value is not None}
    if options.contact:
        overrides["USER_AGENT"] = user_agent(options.contact)
    if options.log_file:
        overrides["LOG_FILE"] = None  # handled by our rotating handler below
    return overrides


def _rotating_log(path: Path, level: str) -> None:
    """Send the crawl's log to ``path``, rotated at 5 MB with 3 backups (bounded on disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)


def run_crawl(options: CrawlOptions) -> tuple[ExitCode, dict[str, Any] | None]:
    """Run one crawl; return (exit code, the run's ``crawl_runs`` row or None)."""
    archive_path = options.archive.resolve()
    with archive_lock(archive_path):
        open_archive(archive_path).close()  # create/migrate before Scrapy starts, fail early
        os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
        settings = get_project_settings()
        settings.setdict(crawl_settings(options), priority="cmdline")
        settings.set("DBP_LOCK_HELD", True, priority="cmdline")  # we hold it: the pipeline won't
        if options.log_file:
            _rotating_log(options.log_file, options.log_level)
        settings.set("LOG_INSTALL_ROOT_HANDLER", options.log_file is None, priority="cmdline")
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(SiteSpider)
        process.crawl(crawler)
        process.start()
        run_id = crawler.stats.get_value("dbp/run_id") if crawler.stats else None
    with open_archive(archive_path) as archive:
        row = (
            next(iter(archive.db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id])), None)
            if run_id
            else None
        )
    if row is None:
        return ExitCode.FAILED, None
    return ExitCode(row["exit_code"] if row["exit_code"] is not None else 1), row
