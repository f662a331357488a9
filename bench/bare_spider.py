"""The baseline of bench/crawl.py: a bare Scrapy spider, two XPaths, no archive.

scrapy runspider bench/bare_spider.py -a start=http://127.0.0.1:PORT/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy

SITE = "https://en.baodienbienphu.com.vn"


class BareSpider(scrapy.Spider):
    """Follow every on-site link; yield each page's title. That is all."""

    name = "bare"

    def __init__(self, start: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.mirror = start.rstrip("/")
        self.allowed_domains = [urlsplit(start).hostname or ""]

    def parse(self, response: scrapy.http.Response) -> Iterator[Any]:
        yield {"url": response.url, "title": response.xpath("//h1//text()").get()}
        for href in response.xpath("//a/@href").getall():
            # The mirror's pages link to the real host too: point those at the mirror.
            href = href.replace(SITE, self.mirror)
            if not href.startswith(("mailto:", "tel:", "javascript:", "#")):
                yield response.follow(href, callback=self.parse)
