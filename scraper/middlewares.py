"""Downloader middlewares: rerouting to an offline mirror (tests, demo, replay)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from scraper.site import SITE_HOST, SITE_HOSTS

SITE_URL_META = "dbp_site_url"


class MirrorMiddleware:
    """Send every request for the site's host to the mirror (same path and query).

    Requests, links and stored records keep the real ``https://en.baodienbienphu.com.vn/...``
    URLs: the request is re-issued to the mirror, and the response is handed back under the
    site URL, so spiders, pipelines and the archive never see the mirror's address.
    Enabled by the ``DBP_MIRROR`` setting (``--mirror http://127.0.0.1:8123``).
    """

    def __init__(self, mirror: str) -> None:
        parts = urlsplit(mirror)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"mirror must be an http(s) base URL, got {mirror!r}")
        self.scheme = parts.scheme
        self.netloc = parts.netloc
        self.prefix = parts.path.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MirrorMiddleware:
        mirror = crawler.settings.get("DBP_MIRROR")
        if not mirror:
            raise NotConfigured
        return cls(mirror)

    def to_mirror(self, url: str) -> str:
        """Return the mirror URL that serves site URL ``url``."""
        parts = urlsplit(url)
        return urlunsplit((self.scheme, self.netloc, self.prefix + parts.path, parts.query, ""))

    def to_site(self, url: str) -> str:
        """Return the site URL of mirror URL ``url`` (other URLs are returned unchanged)."""
        parts = urlsplit(url)
        if parts.netloc != self.netloc:
            return url
        path = parts.path[len(self.prefix) :] if parts.path.startswith(self.prefix) else parts.path
        return urlunsplit(("https", SITE_HOST, path or "/", parts.query, ""))

    def process_request(self, request: Request, spider: Spider | None = None) -> Request | None:
        if urlsplit(request.url).hostname not in SITE_HOSTS:
            return None
        meta = {**request.meta, SITE_URL_META: request.url}
        return request.replace(url=self.to_mirror(request.url), meta=meta, dont_filter=True)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if urlsplit(response.url).netloc != self.netloc:
            return response
        return response.replace(url=self.to_site(response.url))
