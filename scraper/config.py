"""One crawl configuration in, one run result out: every ``DBP_*`` name and ``dbp/`` key.

``CrawlConfig`` holds every default of a crawl (page cap, archive path, fill threshold,
retry delays …) in one place. Scrapy settings stay the way to override one: each field ``x``
is read from the setting ``DBP_X`` (``scrapy crawl dbp -s DBP_PAGE_CAP=3``), and
``dbp-archive crawl`` writes its flags into those settings (``CrawlConfig.settings()``).
``scraper/settings.py`` holds Scrapy's own settings only; the spider, pipelines, middlewares
and extensions get the configuration with ``crawl_config(crawler)``: read once per crawler.

The crawl's counters travel as Scrapy stats under the keys of ``Stat``; ``RunCounts`` reads
them back typed, and the archive pipeline turns them into one ``RunResult`` (counters, fill
rates, verdict) at the end of the run (``run_result(stats)``).

This module imports nothing of Scrapy's at run time: the CLI imports it at start-up.
"""

from __future__ import annotations

import math
import os
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

SETTING_PREFIX: Final = "DBP_"
# Environment variables of ``dbp-archive`` (and of ``scrapy crawl dbp`` for the contact).
CONTACT_ENV: Final = "DBP_CONTACT"
ARCHIVE_ENV: Final = "DBP_ARCHIVE"
TRACEBACK_ENV: Final = "DBP_TRACEBACK"
# The re-check of the back catalogue (docs/operations.md, "Re-check budget and the ledger").
RECHECK_AUTO: Final = "auto"
# "auto" re-checks ceil(archived / RECHECK_CYCLE_RUNS) articles a run: on a 6-hourly schedule
# (4 runs a day, 120 in 30 days) the whole catalogue once a month.
RECHECK_CYCLE_RUNS: Final = 120
# ... but at most this many a run: 250 requests at 1 request/s are ~4 minutes, 2 in flight
# ~2; the cycle lengthens past 30,000 archived articles (120 x 250) instead of the run.
MAX_RECHECKS: Final = 250


def contact_from_env() -> str | None:
    """Return the contact given in the environment (``DBP_CONTACT``), or None."""
    return os.environ.get(CONTACT_ENV, "").strip() or None


@dataclass(frozen=True, kw_only=True, slots=True)
class CrawlConfig:
    """What one crawl does, every default here (overridden by the setting ``DBP_<FIELD>``)."""

    # --- Archive and mode
    archive: str = "archive.db"
    mode: str = "incremental"  # or "full": walk every listing page
    mirror: str | None = None  # base URL that serves the site's paths (offline mirror, tests)
    lock_held: bool = False  # the caller holds the archive's lock (dbp-archive crawl)
    # --- Incremental crawling
    page_cap: int = 500  # listing pages walked per section at most
    extra_pages: int = 0  # listing pages read past the first page whose articles are all known
    revisit_days: float = 3.0  # re-fetch (conditionally) articles first seen this recently
    max_revisits: int = 50  # at most this many a run, newest first (a backfill makes thousands)
    since: str | None = None  # ISO date: stop at listing pages whose known articles are older
    # --- Re-checking the back catalogue (the ledger of edits and removals)
    recheck: str = RECHECK_AUTO  # articles re-checked a run: "auto" or a count (0: none)
    recheck_cycle_runs: int = RECHECK_CYCLE_RUNS  # "auto": the catalogue in this many runs
    max_rechecks: int = MAX_RECHECKS  # "auto": at most this many a run
    # --- Retries
    retry_after_cap: float = 60.0  # seconds: the longest Retry-After we honour
    retry_backoff: float = 1.0  # seconds before the first retry of a 5xx/429, doubling
    # --- Health
    fill_threshold: float = 0.9  # title, body, published_at filled for fewer -> degraded run
    fill_fields: tuple[str, ...] = ("title", "body", "published_at")
    min_articles_for_alarm: int = 3  # fewer extracted articles: too few to judge fill rates
    # --- Terminal
    progress: bool = True  # a progress display on stderr when it is a terminal
    print_summary: bool = True  # the run summary on stderr (dbp-archive crawl prints its own)

    @staticmethod
    def setting(name: str) -> str:
        """Return the Scrapy setting that overrides field ``name`` (``DBP_PAGE_CAP``)."""
        return SETTING_PREFIX + name.upper()

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CrawlConfig:
        """Return the configuration with the ``DBP_*`` settings that are set applied."""
        values: dict[str, Any] = {}
        for spec in fields(cls):
            key = cls.setting(spec.name)
            if settings.get(key) is None:
                continue
            default = spec.default
            if isinstance(default, bool):
                values[spec.name] = settings.getbool(key)
            elif isinstance(default, int):
                values[spec.name] = settings.getint(key)
            elif isinstance(default, float):
                values[spec.name] = settings.getfloat(key)
            elif isinstance(default, tuple):
                values[spec.name] = tuple(settings.getlist(key))
            else:
                values[spec.name] = str(settings.get(key))
        return cls(**values)

    def settings(self, *names: str) -> dict[str, Any]:
        """Return ``{DBP_* setting: value}`` for fields ``names`` (all of them if none)."""
        chosen = names or tuple(spec.name for spec in fields(self))
        return {self.setting(name): getattr(self, name) for name in chosen}

    def recheck_slice(self, archived: int) -> int:
        """Return how many archived articles this run re-checks, of ``archived`` in all.

        ``recheck`` "auto": ``ceil(archived / recheck_cycle_runs)``, at most ``max_rechecks``
        (2,000 articles: 17 a run; 120 runs, a month at 4 a day, cover them all); a number:
        that many (never more than ``archived``). Raises ``ValueError`` for anything else.
        """
        return recheck_slice(
            self.recheck, archived, cycle_runs=self.recheck_cycle_runs, cap=self.max_rechecks
        )

    def but(self, **changes: Any) -> CrawlConfig:
        """Return a copy with ``changes`` (None values are left at this config's value)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def recheck_slice(setting: str, archived: int, *, cycle_runs: int, cap: int) -> int:
    """Return the articles to re-check this run for the ``recheck`` setting (``auto`` or a
    count) and ``archived`` articles: see ``CrawlConfig.recheck_slice``."""
    value = str(setting).strip().lower()
    if value == RECHECK_AUTO:
        return min(math.ceil(archived / max(cycle_runs, 1)), cap)
    if not value.isdigit():
        raise ValueError(f"recheck must be {RECHECK_AUTO!r} or a count, not {setting!r}")
    return min(int(value), archived)


_CONFIGS: weakref.WeakKeyDictionary[Crawler, CrawlConfig] = weakref.WeakKeyDictionary()


def crawl_config(crawler: Crawler) -> CrawlConfig:
    """Return the configuration of ``crawler``'s crawl (built once from its settings)."""
    config = _CONFIGS.get(crawler)
    if config is None:
        config = _CONFIGS[crawler] = CrawlConfig.from_settings(crawler.settings)
    return config


# --- Results ---------------------------------------------------------------------------------

FETCH_OUTCOMES: Final = ("ok", "not_modified", "failed", "refused", "skipped", "removed")
# Why an archived article was requested again: a revisit (first seen lately) or a re-check.
CHECKS: Final = ("revisit", "recheck")


class Stat:
    """The crawl's Scrapy stats keys (every ``dbp/`` key is here)."""

    RUN_ID: Final = "dbp/run_id"
    RESULT: Final = "dbp/result"  # the RunResult, set when the run's row is closed
    FATAL: Final = "dbp/fatal"
    LISTING_REQUESTED: Final = "dbp/listing_requested"
    LISTING_OK: Final = "dbp/listing_ok"
    LISTING_ARTICLE_LINKS: Final = "dbp/listing_article_links"
    ARTICLES_EXTRACTED: Final = "dbp/articles_extracted"
    EXTRACTION_WARNINGS: Final = "dbp/extraction_warnings"
    ARTICLES_UNCHANGED: Final = "dbp/articles_unchanged"
    RECHECKS: Final = "dbp/rechecks"  # re-check requests made (the budget counts them apart)

    @staticmethod
    def checked(check: str, found: str) -> str:
        """Archived articles of a ``check`` (revisit, recheck) that found ``found`` (unchanged,
        edited, missing, gone …: ``scraper.archive.ledger.FOUND``)."""
        return f"dbp/{check}/{found}"

    @staticmethod
    def fetch(outcome: str) -> str:
        """Fetches with ``outcome`` (ok, not_modified, failed, refused, skipped)."""
        return f"dbp/fetch/{outcome}"

    @staticmethod
    def filled(name: str) -> str:
        """Extracted articles with field ``name`` filled."""
        return f"dbp/filled/{name}"

    @staticmethod
    def articles(saved: str) -> str:
        """Articles saved as ``saved`` (new, updated, unchanged)."""
        return f"dbp/articles_{saved}"


def _count(stats: Mapping[str, Any], key: str) -> int:
    return int(stats.get(key, 0) or 0)


def _checked(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """Return ``{check: {found: count}}`` of the ``Stat.checked`` keys (checks with none left
    out)."""
    found: dict[str, dict[str, int]] = {}
    for check in CHECKS:
        prefix = Stat.checked(check, "")
        counts = {k[len(prefix) :]: _count(stats, k) for k in sorted(stats) if k.startswith(prefix)}
        if counts:
            found[check] = counts
    return found


@dataclass(frozen=True, kw_only=True, slots=True)
class RunCounts:
    """The crawl's counters, read from its Scrapy stats."""

    requests: int = 0
    listing_requested: int = 0
    listing_ok: int = 0
    listing_article_links: int = 0
    articles_extracted: int = 0
    extraction_warnings: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rechecks: int = 0  # re-check requests made
    fetches: Mapping[str, int] = field(default_factory=dict)  # outcome -> count
    # check (revisit, recheck) -> {what it found: count}
    checked: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    filled: Mapping[str, int] = field(default_factory=dict)  # field -> articles with it
    fatal: str | None = None

    @classmethod
    def from_stats(cls, stats: Mapping[str, Any], names: tuple[str, ...] = ()) -> RunCounts:
        """Return the counters in ``stats``; ``names``: the fields whose fill is counted."""
        fatal = stats.get(Stat.FATAL)
        return cls(
            requests=_count(stats, "downloader/request_count"),
            listing_requested=_count(stats, Stat.LISTING_REQUESTED),
            listing_ok=_count(stats, Stat.LISTING_OK),
            listing_article_links=_count(stats, Stat.LISTING_ARTICLE_LINKS),
            articles_extracted=_count(stats, Stat.ARTICLES_EXTRACTED),
            extraction_warnings=_count(stats, Stat.EXTRACTION_WARNINGS),
            new=_count(stats, Stat.articles("new")),
            updated=_count(stats, Stat.articles("updated")),
            unchanged=_count(stats, Stat.ARTICLES_UNCHANGED),
            rechecks=_count(stats, Stat.RECHECKS),
            fetches={o: _count(stats, Stat.fetch(o)) for o in FETCH_OUTCOMES},
            checked=_checked(stats),
            filled={name: _count(stats, Stat.filled(name)) for name in names},
            fatal=str(fatal) if fatal else None,
        )

    def fetched(self, outcome: str) -> int:
        """Return the fetches with ``outcome``."""
        return self.fetches.get(outcome, 0)


@dataclass(frozen=True, kw_only=True, slots=True)
class RunResult:
    """What a crawl run did and how it was judged (its ``crawl_runs`` row, typed)."""

    run_id: int
    status: str  # ok, degraded, failed, interrupted
    exit_code: int
    counts: RunCounts
    fill_rates: Mapping[str, float]
    warnings: tuple[str, ...] = ()
    finish_reason: str | None = None
    duration_s: float = 0.0

    @property
    def pages(self) -> int:
        return self.counts.fetched("ok")

    @property
    def errors(self) -> int:
        return self.counts.fetched("failed")

    @property
    def refused(self) -> int:
        return self.counts.fetched("refused")

    @property
    def new_versions(self) -> int:
        return self.counts.new + self.counts.updated


def run_result(stats: Mapping[str, Any]) -> RunResult | None:
    """Return the run result the archive pipeline left in ``stats`` (None if it did not)."""
    result = stats.get(Stat.RESULT)
    return result if isinstance(result, RunResult) else None
