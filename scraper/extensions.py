"""Crawl extensions: a live progress line when stdout is a terminal (none under cron)."""

from __future__ import annotations

import sys
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

PROGRESS_INTERVAL_S = 2.0


class Progress:
    """Rewrite one status line on stdout every 2 s while the crawl runs, if it is a terminal."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not sys.stdout.isatty() or not crawler.settings.getbool("DBP_PROGRESS", True):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.loop = task.LoopingCall(self.show)
        self.loop.start(PROGRESS_INTERVAL_S, now=False)

    def show(self) -> None:
        get = self.stats.get_value
        sys.stdout.write(
            f"\r  requests {get('downloader/request_count', 0)}  pages {get('dbp/fetch/ok', 0)}"
            f"  new {get('dbp/articles_new', 0)}  updated {get('dbp/articles_updated', 0)}"
            f"  errors {get('dbp/fetch/failed', 0)}   "
        )
        sys.stdout.flush()

    def closed(self, spider: Any) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
            sys.stdout.write("\n")
