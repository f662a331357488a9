"""Item pipelines, thin: extract (pure functions), validate (fill rates), archive (store).

The archive pipeline also tallies the run's new and changed articles for the plausibility
checks (``scraper.plausibility``): a run whose fields are filled but cannot all be true ends
degraded like one whose fill rates fell.

The run's bookkeeping (its ``crawl_runs`` row, status, exit code) is the archive pipeline's:
``scrapy crawl dbp`` and ``dbp-archive crawl`` record runs the same way, interruptions
included: a first SIGTERM/SIGINT closes the run as ``interrupted`` once the pages in flight
are stored; a second one stops the reactor at once, and a shutdown trigger still commits the
items already processed and closes the row.
"""

from __future__ import annotations

import logging
import sys
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from twisted.internet import task

from scraper import utc_now
from scraper.archive import ledger, open_archive
from scraper.archive.ledger import seen_of
from scraper.archive.lock import archive_lock
from scraper.config import RunCounts, RunResult, Stat, crawl_config
from scraper.extract import ExtractionError, extract_article
from scraper.health import (
    fill_rates,
    judge_checks,
    judge_fill_rates,
    judge_run,
    problem_breakdown,
)
from scraper.items import (
    ARTICLE_FIELDS,
    ArticleExtraction,
    Discovered,
    FetchedPage,
    FetchFailure,
    WalkState,
)
from scraper.middlewares import ROBOTS_FETCHED
from scraper.plausibility import Observed, RunTally, judge_tally
from scraper.scrapy_compat import close_reason
from scraper.urls import article_id

logger = logging.getLogger(__name__)
# Writes are committed in order, every second or every 100 items: a kill loses at most that
# stretch (a suffix of the run, redone by the next run). See scraper.archive.store.
COMMIT_EVERY_S = 1.0
COMMIT_EVERY_ITEMS = 100
# What an archived article's answer shows when it is a removal (fetch outcome ``removed``).
REMOVAL_SEEN = frozenset({"not_found", "redirected", "no_article"})


def page_outcome(status: int, error: str | None) -> tuple[str, str | None]:
    """Return (outcome, reason) of a fetched page's ``fetches`` row.

    ``ok``: a 200 that extraction did not reject; ``not_modified``: a 304 (an unchanged
    revisit); ``failed``: any other status (reason ``HTTP 404`` …), or a page with an error
    (the error is the reason, whatever the status).
    """
    ok = status == 200 and not error
    outcome = "ok" if ok else ("not_modified" if status == 304 else "failed")
    return outcome, error or (None if status in (200, 304) else f"HTTP {status}")


def robots_outcome(status: int) -> tuple[str, str | None]:
    """Return (outcome, reason) of robots.txt's ``fetches`` row.

    Below 400 ``ok``; a 4xx answer is ``skipped`` (no rules: RFC 9309 allows all); a 5xx one
    ``failed``.
    """
    outcome = "ok" if status < 400 else ("skipped" if status < 500 else "failed")
    return outcome, None if outcome == "ok" else f"robots.txt: HTTP {status}"


def _reactor() -> Any:
    """Return the running Twisted reactor (imported late: Scrapy installs it first)."""
    from twisted.internet import reactor

    return reactor


class ExtractPipeline:
    """Turn article pages into records (``FetchedPage.extraction``), reusing the parsed tree."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, FetchedPage) or item.kind != "article" or item.status != 200:
            return item
        if item.error is None:
            try:
                item.extraction = extract_article(
                    item.body,
                    item.url,
                    datetime.fromisoformat(item.fetched_at),  # dates are judged as of the fetch
                    root=item.root,
                    content_type=item.headers.get("content-type"),
                )
            except ExtractionError as exc:
                item.error = str(exc)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop a crawl
                logger.debug("extraction crashed on %s", item.url, exc_info=True)
                item.error = f"extraction crashed: {type(exc).__name__}: {exc}"
                item.crashed = True
        if item.error:
            _skipped(item)
        item.root = None  # the tree is no longer needed: free it now
        return item


def _skipped(page: FetchedPage) -> None:
    """Say that a page was not archived as an article: a warning, or, for an archived
    article's check (a removal the ledger records), a debug line: no cron mail for it. Our
    extractor crashing is always a warning."""
    level = logging.DEBUG if page.check and not page.crashed else logging.WARNING
    logger.log(level, "page skipped, %s: %s", page.url, page.error)


def unusable(extraction: ArticleExtraction) -> str | None:
    """Return why a page's record must not be archived as its article, or None.

    No lead and no body (a soft error page served with 200, a truncated response); or the
    page declares another address (``rel=canonical`` naming the home page, a section or
    another article: a removed article's URL serving the home page, say). Archiving either as
    the article would be a plausible wrong record.
    """
    if extraction.declared_elsewhere:
        return (
            f"unusable record: the page declares another address: {extraction.declared_elsewhere}"
        )
    if not (extraction.article.body or extraction.article.lead):
        return "unusable record: no lead and no body text"
    return None


class ValidatePipeline:
    """Count per-field fill rates of the run's articles; set aside records with no text.

    A page with neither lead nor body (a soft error page served with 200, a truncated
    response), or one that declares another address (``unusable``), is not archived as an
    article: its raw page and fetch are kept, the fetch is ``failed`` with the reason, and
    the article stays pending for the next run (an archived one is a soft 404 for the ledger).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, FetchedPage) and item.extraction is not None:
            article = item.extraction.article
            problem = unusable(item.extraction)
            if item.check and problem:
                # An archived article's page without its article: a soft 404 for the ledger
                # (scraper.archive.ledger), not a sign of a new layout (health.judge_checks).
                item.error = problem
                item.extraction = None
                _skipped(item)
                return item
            self.stats.inc_value(Stat.ARTICLES_EXTRACTED)
            for name in ARTICLE_FIELDS:
                if getattr(article, name):
                    self.stats.inc_value(Stat.filled(name))
            for warning in item.extraction.warnings:
                logger.warning("%s: %s", item.url, warning)
                self.stats.inc_value(Stat.EXTRACTION_WARNINGS)
            if problem:
                item.error = problem
                item.extraction = None
                _skipped(item)
        return item


class ArchivePipeline:
    """Store every fetch, raw page and article; record the run from start to end."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.settings = crawler.settings
        self.config = crawl_config(crawler)
        self.stats = crawler.stats
        self.archive: Any = None
        self.result: RunResult | None = None  # set when the run's row is closed
        self.run_id = 0
        self.started = 0.0
        self._lock = ExitStack()  # the archive lock, when no caller holds it
        self._pending = 0  # items written since the last commit
        self._timer: Any = None
        self._shutdown_trigger: Any = None  # closes the run if the reactor stops under us
        self.closed = False
        self.tally = RunTally()  # the new and changed articles, for the plausibility checks
        crawler.signals.connect(self.robots_fetched, signal=ROBOTS_FETCHED)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        path = Path(self.config.archive).resolve()
        if not self.config.lock_held:  # `scrapy crawl dbp`: lock it here
            self._lock.enter_context(archive_lock(path))
        self.archive = open_archive(path)
        self.started = time.monotonic()
        # Commit by time too: a stalled crawl (timeouts, Retry-After) must not sit on writes.
        self._timer = task.LoopingCall(self._commit)
        self._timer.start(COMMIT_EVERY_S, now=False)
        self.run_id = self.archive.begin_run(
            mode=self.config.mode,
            argv=" ".join(sys.argv),
            started_at=utc_now(),
        )
        self.stats.set_value(Stat.RUN_ID, self.run_id)
        # A second signal stops the reactor without closing the spider: close the run then.
        self._shutdown_trigger = _reactor().addSystemEventTrigger(
            "before", "shutdown", self._stopped_at_once
        )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if self.closed:  # the run was closed by a forced stop: nothing more is written
            raise DropItem("the run was stopped")
        with self.archive.item_writes():  # all of this item's rows, or none of them
            self._write(item)
        self._pending += 1
        if self._pending >= COMMIT_EVERY_ITEMS:
            self._commit()
        return item

    def _commit(self) -> None:
        """Commit what is pending (every 100 items, and every second by a timer)."""
        if self._pending:
            self.archive.commit()
            self._pending = 0

    def _write(self, item: Any) -> None:
        archive = self.archive
        if isinstance(item, Discovered):
            archive.add_frontier(item.articles, run_id=self.run_id, now=utc_now())
        elif isinstance(item, WalkState):
            archive.set_listing_state(
                item.section, complete=item.complete, run_id=self.run_id, page=item.page
            )
        elif isinstance(item, FetchFailure):
            archive.save_fetch(
                run_id=self.run_id,
                url=item.url,
                status=item.status,
                outcome=item.outcome,
                fetched_at=item.fetched_at,
                reason=item.reason,
                content_type=item.content_type,
                nbytes=item.nbytes,
            )
            self._count_failure(item.url)
            self.stats.inc_value(Stat.fetch(item.outcome))
            ident = article_id(item.url)
            if ident:  # a check that got no answer waits its turn again
                ledger.attempted(archive.conn, article_id=ident, at=item.fetched_at)
        elif isinstance(item, FetchedPage):
            self._save_page(item)
        else:
            raise DropItem(f"unknown item {type(item).__name__}")

    def _save_page(self, page: FetchedPage) -> None:
        archive = self.archive
        ident = article_id(page.url) if page.kind == "article" else None
        archived = ident is not None and archive.is_archived(ident)
        seen = seen_of(
            status=page.status,
            redirected_to=page.redirected_to,
            extracted=page.extraction is not None,
            saved=None,
            crashed=page.crashed,
        )
        outcome, reason = page_outcome(page.status, page.error)
        if archived and seen in REMOVAL_SEEN:
            outcome = "removed"  # the ledger's observation, not a failed fetch
        sha = archive.save_page(page, self.run_id) if page.status == 200 and page.body else None
        archive.save_fetch(
            run_id=self.run_id,
            url=page.url,
            status=page.status,
            outcome=outcome,
            fetched_at=page.fetched_at,
            reason=reason,
            content_type=page.headers.get("content-type"),
            nbytes=len(page.body),
            page_sha256=sha,
        )
        if outcome == "failed":
            self._count_failure(page.url)
        if outcome == "not_modified" and page.kind == "article":
            # A 304 is an unchanged article: one counter for "fetched again, nothing new".
            self.stats.inc_value(Stat.ARTICLES_UNCHANGED)
        saved = None
        if page.extraction is not None:
            saved = archive.save_article(
                page.extraction, page_sha256=sha, captured_at=page.fetched_at, run_id=self.run_id
            )
            self.stats.inc_value(Stat.articles(saved))
            if saved != "unchanged":
                article = page.extraction.article
                self.tally.add(
                    Observed(
                        article_id=article.article_id,
                        published_at=article.published_at,
                        lead=article.lead,
                        body=article.body,
                        authors=article.authors,
                        listed_page=page.listed_page,
                        fetched_at=page.fetched_at,
                    )
                )
        if ident is not None:
            ledger.attempted(archive.conn, article_id=ident, at=page.fetched_at)
            found = ledger.observe(
                archive.conn,
                article_id=ident,
                seen=seen_of(
                    status=page.status,
                    redirected_to=page.redirected_to,
                    extracted=page.extraction is not None,
                    saved=saved,
                    crashed=page.crashed,
                ),
                observed_at=page.fetched_at,
                run_id=self.run_id,
                http_status=page.status,
                final_url=page.redirected_to or page.final_url,
                reason=page.error,
            )
            if found and page.check:
                self.stats.inc_value(Stat.checked(page.check, found))
        self.stats.inc_value(Stat.fetch(outcome))

    def robots_fetched(self, page: FetchedPage) -> None:
        """Store robots.txt's answer and its fetch (``export-warc`` writes it as a record).

        A 4xx answer is ``skipped`` (no rules: RFC 9309 allows all), a 5xx one ``failed``.
        """
        if self.archive is None or self.closed:
            return
        status = page.status
        outcome, reason = robots_outcome(status)
        archive = self.archive
        with archive.item_writes():
            sha = archive.save_page(page, self.run_id) if status == 200 and page.body else None
            archive.save_fetch(
                run_id=self.run_id,
                url=page.url,
                status=status,
                outcome=outcome,
                fetched_at=page.fetched_at,
                reason=reason,
                content_type=page.headers.get("content-type"),
                nbytes=len(page.body),
                page_sha256=sha,
            )
        self._pending += 1
        self.stats.inc_value(Stat.fetch(outcome))

    def _count_failure(self, url: str) -> None:
        """Count a failed try of a pending article (after 3, only a full crawl retries it)."""
        ident = article_id(url)
        if ident:
            self.archive.frontier_failed(ident)

    def close_spider(self, spider: Spider | None = None) -> None:
        # The crawler stops crawling before the engine closes the spider on a signal
        # (Crawler.stop_async); a finished run or a CloseSpider closes it while still crawling.
        self._finish(interrupted=not self.crawler.crawling)

    def _stopped_at_once(self) -> None:
        """Close the run as interrupted when the reactor stops before the spider is closed."""
        if not self.closed:
            logger.warning("stopped at once: the pages in flight were not stored")
            self._finish(interrupted=True, forced=True)

    def _finish(self, *, interrupted: bool, forced: bool = False) -> None:
        """Commit what is pending, judge the run and close its ``crawl_runs`` row (once)."""
        if self.closed:
            return
        self.closed = True
        if self._timer.running:
            self._timer.stop()
        if self._shutdown_trigger is not None and not forced:
            _reactor().removeSystemEventTrigger(self._shutdown_trigger)
        self._shutdown_trigger = None
        self.archive.commit()
        stats = self.stats.get_stats()
        counts = RunCounts.from_stats(stats, ARTICLE_FIELDS)
        extracted = counts.articles_extracted
        rates = fill_rates(stats, extracted)
        config = self.config
        low = judge_fill_rates(
            rates,
            extracted,
            fields=list(config.fill_fields),
            threshold=config.fill_threshold,
            minimum=config.min_articles_for_alarm,
        )
        reason = stats.get("finish_reason") or close_reason(self.crawler.engine)
        if interrupted:
            reason = "stopped at once (second signal)" if forced else "shutdown (signal)"
        status, code, warnings = judge_run(
            stats,
            low_fields=low,
            rates=rates,
            threshold=config.fill_threshold,
            implausible=judge_tally(self.tally),
            interrupted=interrupted,
            checks=judge_checks(counts),
        )
        for warning in warnings:
            logger.warning(warning)
        result = RunResult(
            run_id=self.run_id,
            status=status,
            exit_code=int(code),
            counts=counts,
            fill_rates=rates,
            warnings=tuple(warnings),
            finish_reason=reason,
            duration_s=round(time.monotonic() - self.started, 1),
        )
        self.archive.end_run(
            self.run_id,
            ended_at=utc_now(),
            status=result.status,
            exit_code=result.exit_code,
            requests=counts.requests,
            pages=result.pages,
            new_articles=counts.new,
            updated_articles=counts.updated,
            new_versions=result.new_versions,
            errors=result.errors,
            refused=result.refused,
            fill_rates=dict(result.fill_rates),
            warnings=list(result.warnings),
            summary={
                "finish_reason": result.finish_reason,
                "user_agent": self.settings.get("USER_AGENT"),  # request records of export-warc
                "not_modified": counts.fetched("not_modified"),
                "removed": counts.fetched("removed"),
                "rechecks": {"requested": counts.rechecks, **counts.checked.get("recheck", {})},
                "revisits": dict(counts.checked.get("revisit", {})),
                "skipped": counts.fetched("skipped"),
                "unchanged": counts.unchanged,
                "duration_s": result.duration_s,
                "articles_extracted": extracted,
                "problems": problem_breakdown(self.archive.fetch_problems(self.run_id)),
            },
        )
        self.result = result
        self.stats.set_value(Stat.RESULT, result)
        if config.print_summary:  # `scrapy crawl dbp`; the CLI prints its own
            from scraper.reports import run_summary

            row = self.archive.run(self.run_id)
            if row is not None:
                print(run_summary(row), file=sys.stderr, flush=True)
        self.archive.close()
        self._lock.close()
