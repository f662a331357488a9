"""Run one crawl in this process: lock the archive, run Scrapy, report the run.

``dbp-archive crawl`` is a thin wrapper over ``run_crawl``. The terminal shows our own output
only: warnings of our modules, one line each (Scrapy's banner and logs with ``verbosity`` 1,
its debug lines with 2); ``log_file`` gets the full log whatever the verbosity.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from scraper import user_agent
from scraper.archive import open_archive
from scraper.archive.lock import archive_lock
from scraper.archive.memory import revisit_since
from scraper.config import CrawlConfig, RunResult, Stat, run_result
from scraper.health import ExitCode
from scraper.spiders.dbp import SiteSpider

logger = logging.getLogger(__name__)

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
    recheck: str | None = None  # "auto" or a count of archived articles to re-check
    contact: str | None = None
    robots: bool = True
    log_file: Path | None = None
    verbosity: int = 0  # 0: our own output only; 1: Scrapy's INFO logs too; 2: debug
    quiet: bool = False  # no progress display
    fill_threshold: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CrawlReport:
    """What ``run_crawl`` hands back: the exit code, the typed result, the run's row."""

    code: ExitCode
    result: RunResult | None  # None: the run never closed its row (a crash)
    row: dict[str, Any] | None  # its ``crawl_runs`` row (the run summary), None if none


def crawl_config(options: CrawlOptions, base: CrawlConfig | None = None) -> CrawlConfig:
    """Return ``base`` (the defaults) with what ``options`` asks for."""
    return (base or CrawlConfig()).but(
        archive=str(options.archive),
        mode="full" if options.full else "incremental",
        mirror=options.mirror,
        since=options.since,
        page_cap=options.page_cap,
        revisit_days=options.revisit_days,
        recheck=options.recheck,
        fill_threshold=options.fill_threshold,
        progress=not options.quiet,
        print_summary=False,  # the CLI prints it on stdout
    )


def crawl_settings(options: CrawlOptions) -> dict[str, Any]:
    """Return the overrides of Scrapy's own settings for ``options``."""
    overrides: dict[str, Any] = {
        "LOG_LEVEL": "DEBUG" if options.verbosity > 1 else "INFO",
        "ROBOTSTXT_OBEY": options.robots,
    }
    optional = {
        "DOWNLOAD_DELAY": options.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
        "CONCURRENT_REQUESTS": options.concurrency,
        "AUTOTHROTTLE_ENABLED": options.autothrottle,
        "DOWNLOAD_MAXSIZE": options.max_size,
        "DOWNLOAD_TIMEOUT": options.timeout,
    }
    overrides |= {key: value for key, value in optional.items() if value is not None}
    if options.contact:
        overrides["USER_AGENT"] = user_agent(options.contact)
    if options.log_file:
        overrides["LOG_FILE"] = None  # handled by our rotating handler below
    return overrides


def _rotating_log(path: Path, level: int) -> None:
    """Send the crawl's log to ``path``, rotated at 5 MB with 3 backups (bounded on disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)


class OwnRecords(logging.Filter):
    """Pass our own modules' records (``scraper.*``) and anyone's CRITICAL.

    Scrapy's banner, INFO lines and per-request errors stay behind ``-v``: every failed page
    is a row in ``fetches`` and a count in the run summary.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.partition(".")[0] == "scraper" or record.levelno >= logging.CRITICAL


class OneLine(logging.Formatter):
    """``warning: message`` on one line; an exception adds its type and message, no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {exc})"
        return " ".join(text.split("\n"))


def _console_log() -> logging.Handler:
    """Install our terminal handler on stderr: our warnings, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.addFilter(OwnRecords())
    handler.setFormatter(OneLine())
    logging.getLogger().addHandler(handler)
    return handler


def _announce_stop() -> None:
    """Say on the first SIGTERM/SIGINT what happens now (Scrapy's own line is an INFO log)."""
    from twisted.internet import reactor

    def wrap(signum: int) -> None:
        scrapy_handler = signal.getsignal(signum)
        if not callable(scrapy_handler):
            return

        def handler(sig: int, frame: Any) -> None:
            # Logging is not safe inside a signal handler: do it from the reactor.
            reactor.callFromThread(  # type: ignore[attr-defined]
                logger.warning,
                "received %s: storing the pages in flight, then stopping "
                "(send it again to stop at once); the next run resumes",
                signal.Signals(sig).name,
            )
            scrapy_handler(sig, frame)  # installs Scrapy's stop-at-once handler for the next

        signal.signal(signum, handler)

    def wrap_all() -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            wrap(signum)

    # Scrapy installs its handlers after the reactor's startup: wrap them right after that.
    reactor.callWhenRunning(reactor.callLater, 0, wrap_all)  # type: ignore[attr-defined]


def run_crawl(options: CrawlOptions) -> CrawlReport:
    """Run one crawl; return its exit code, result and ``crawl_runs`` row."""
    archive_path = options.archive.resolve()
    with archive_lock(archive_path):
        os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
        settings = get_project_settings()
        settings.setdict(crawl_settings(options), priority="cmdline")
        # We hold the lock: the pipeline won't take it.
        config = crawl_config(options, CrawlConfig.from_settings(settings)).but(lock_held=True)
        settings.setdict(config.settings(), priority="cmdline")
        # Create/migrate before Scrapy starts (fail early), and read what the crawl knows.
        with open_archive(archive_path) as archive:
            memory = archive.crawl_memory(
                revisit_since=revisit_since(config.revisit_days),
                max_revisits=config.max_revisits,
                recheck_slice=config.recheck_slice,
            )
        level = logging.DEBUG if options.verbosity > 1 else logging.INFO
        logging.getLogger().setLevel(level)  # handlers choose what they show
        if options.log_file:
            _rotating_log(options.log_file, level)  # the full log, whatever the verbosity
        elif not options.verbosity:
            _console_log()
        # -v: Scrapy's own stderr handler and format, banner included.
        settings.set("LOG_INSTALL_ROOT_HANDLER", options.verbosity > 0, priority="cmdline")
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(SiteSpider)
        process.crawl(crawler, memory=memory)
        _announce_stop()
        process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
    run_id, result = stats.get(Stat.RUN_ID), run_result(stats)
    with open_archive(archive_path) as archive:
        row = archive.run(run_id) if run_id else None
    if row is None:
        return CrawlReport(code=ExitCode.FAILED, result=result, row=None)
    code = result.exit_code if result else row["exit_code"]
    return CrawlReport(code=ExitCode(code if code is not None else 1), result=result, row=row)
