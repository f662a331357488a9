"""Crawl extensions: a live progress display when stderr is a terminal (none under cron)."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, Final, TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from scraper.config import FETCH_OUTCOMES, RunCounts, crawl_config

# Redrawn twice a second: a terminal reads it fine, and the crawl does not notice.
PROGRESS_INTERVAL_S: Final = 0.5


def wants_progress(stream: TextIO, *, enabled: bool) -> bool:
    """Return whether to draw a progress display on ``stream``: a terminal, and not --quiet."""
    try:
        return enabled and stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def progress_counts(stats: dict[str, Any]) -> tuple[int, int]:
    """Return (done, queued) from crawl stats.

    done: fetches recorded so far (every outcome: ok, not modified, failed, refused, skipped);
    queued: requests waiting in the scheduler (found, not yet sent).
    """
    counts = RunCounts.from_stats(stats)
    done = sum(counts.fetched(outcome) for outcome in FETCH_OUTCOMES)
    queued = int(stats.get("scheduler/enqueued", 0)) - int(stats.get("scheduler/dequeued", 0))
    return done, max(queued, 0)


def _columns(stream: TextIO) -> int:
    """Return the terminal's width in columns (0 if it reports none)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 0


class _AboveTheBar:
    """A stream that prints log lines above the progress bar instead of through it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from tqdm import tqdm

        tqdm.write(text, file=self.stream, end="")
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


class Progress:
    """Draw done/queued pages, new/updated/errors, rate and elapsed time on a terminal.

    tqdm draws it on stderr, redrawn every 0.5 s from a LoopingCall (nothing per item);
    console log lines are printed above it while it runs. Not installed when stderr is not
    a terminal (cron, pipes) or with ``CrawlConfig.progress`` off (``--quiet``).
    """

    def __init__(self, crawler: Crawler, stream: TextIO) -> None:
        self.stats = crawler.stats
        self.stream = stream
        self.bar: Any = None
        self.loop: task.LoopingCall | None = None
        self._redirected: list[tuple[logging.StreamHandler[Any], Any]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        stream = sys.stderr
        if not wants_progress(stream, enabled=crawl_config(crawler).progress):
            raise NotConfigured
        ext = cls(crawler, stream)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        from tqdm import tqdm

        # A terminal that reports no size (0 x 0) would hide tqdm's bar: assume 100 x 24.
        sized = _columns(self.stream) > 0
        self.bar = tqdm(
            total=0,
            unit=" pages",
            file=self.stream,
            leave=False,  # the run summary follows
            dynamic_ncols=sized,
            ncols=None if sized else 100,
            nrows=None if sized else 24,
            mininterval=0,
            bar_format="{n}/{total} done |{bar:10}| {elapsed}, {rate_fmt}{postfix}",
        )
        self._redirect_console_logs()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(PROGRESS_INTERVAL_S, now=False)
        from twisted.internet import reactor

        # A second signal stops the reactor without closing the spider: clear the bar then too.
        reactor.addSystemEventTrigger("before", "shutdown", self.closed, None)  # type: ignore[arg-type]

    def _redirect_console_logs(self) -> None:
        """Route the console log handlers through tqdm (their level and format stay)."""
        for handler in logging.getLogger().handlers:
            if type(handler) is logging.StreamHandler and handler.stream in (
                sys.stderr,
                sys.stdout,
            ):
                self._redirected.append((handler, handler.stream))
                handler.setStream(_AboveTheBar(handler.stream))  # type: ignore[arg-type]

    def show(self) -> None:
        stats = self.stats.get_stats()
        done, queued = progress_counts(stats)
        counts = RunCounts.from_stats(stats)
        self.bar.total = done + queued
        self.bar.set_postfix_str(
            f"queued {queued}, new {counts.new}, updated {counts.updated}, "
            f"unchanged {counts.unchanged}, errors {counts.fetched('failed')}",
            refresh=False,
        )
        self.bar.update(done - self.bar.n)  # refreshes (mininterval 0): rate from the deltas

    def closed(self, spider: Any) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        for handler, stream in self._redirected:
            handler.setStream(stream)
        self._redirected.clear()
        if self.bar is not None:
            self.bar.close()
            self.bar = None
