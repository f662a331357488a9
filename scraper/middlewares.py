"""Downloader middlewares: mirror rerouting, robots.txt per RFC 9309, Retry-After."""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.task import deferLater

from scraper import retry_after_seconds, utc_now
from scraper.config import Stat, crawl_config
from scraper.items import FetchedPage
from scraper.scrapy_compat import RobotsTxtHooks
from scraper.site import SITE_HOST, SITE_HOSTS

SITE_URL_META = "dbp_site_url"
# Sent with ``page=FetchedPage`` when robots.txt answers: the archive stores it (WARC export).
ROBOTS_FETCHED = object()


class MirrorMiddleware:
    """Send every request for the site's host to the mirror (same path and query).

    Requests, links and stored records keep the real ``https://en.baodienbienphu.com.vn/...``
    URLs: the request is re-issued to the mirror, and the response is handed back under the
    site URL, so spiders, pipelines and the archive never see the mirror's address.
    Enabled by ``CrawlConfig.mirror`` (``--mirror http://127.0.0.1:8123``).
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
        mirror = crawl_config(crawler).mirror
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
        return request.replace(url=self.to_mirror(request.url), meta=meta)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if urlsplit(response.url).netloc != self.netloc:
            return response
        return response.replace(url=self.to_site(response.url))


def allowed_hosts(crawler: Crawler) -> set[str]:
    """Return the hosts a crawl may request: the site's, and the mirror's if one is set."""
    hosts = set(SITE_HOSTS)
    mirror = crawl_config(crawler).mirror
    if mirror:
        hosts.add(urlsplit(mirror).hostname or "")
    return hosts


class RedirectGuardMiddleware:
    """Refuse a redirect to another host, or back to a URL already in its chain, loudly.

    Runs before Scrapy's ``RedirectMiddleware`` on responses (priority 650 > 600): Scrapy would
    drop an off-site redirect or a loop silently (offsite filter, dupe filter); raising
    ``IgnoreRequest`` here reaches the spider's errback, which records a ``refused`` fetch.
    The chain's length is Scrapy's ``REDIRECT_MAX_TIMES`` (5).
    """

    def __init__(self, hosts: set[str]) -> None:
        self.hosts = hosts

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(allowed_hosts(crawler))

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        host = urlsplit(target).hostname
        if host not in self.hosts:
            raise IgnoreRequest(f"off-site redirect to {host} refused")
        # Compared by path: with a mirror, the chain mixes the site's and the mirror's host.
        chain = [urlsplit(u)[2:4] for u in (*request.meta.get("redirect_urls", []), request.url)]
        if urlsplit(target)[2:4] in chain:
            raise IgnoreRequest(f"redirect loop refused after {len(chain)} hops")
        return response


class SiteOnlyMiddleware:
    """Refuse every request to a host other than the site's (and the mirror's), redirects too.

    Scrapy's offsite check is skipped for ``dont_filter`` requests, and retries and redirects
    of them inherit it; this check has no exception. The refusal reaches the spider's errback
    as ``IgnoreRequest`` and is recorded as a ``refused`` fetch.
    """

    def __init__(self, hosts: set[str]) -> None:
        self.hosts = hosts

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteOnlyMiddleware:
        return cls(allowed_hosts(crawler))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = urlsplit(request.url).hostname
        if host in self.hosts:
            return
        what = "redirect" if request.meta.get("redirect_urls") else "request"
        raise IgnoreRequest(f"off-site {what} to {host} refused")


class _Verdict:
    """A robots.txt parser stand-in that allows or forbids every URL."""

    def __init__(self, allow: bool) -> None:
        self.allow = allow

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return self.allow


def robots_rule(status: int) -> str:
    """Return what a robots.txt answer with HTTP ``status`` means for the crawl (RFC 9309).

    ``obey``: below 400, its rules apply (Scrapy parses them); ``allow all``: a 4xx answer
    (no rules); ``disallow all``: a 5xx answer (the crawl stops).
    """
    if status < 400:
        return "obey"
    return "disallow all" if status >= 500 else "allow all"


class RobotsTxtRFC9309Middleware(RobotsTxtHooks):
    """Scrapy's robots.txt middleware, with RFC 9309's rules for a robots.txt it cannot read.

    RFC 9309 §2.3.1: a 4xx answer means no rules (allow all); a 5xx answer or an unreachable
    server means disallow all. Scrapy allows everything in both cases; a crawl that cannot read
    robots.txt must stop instead, and say why (``Stat.FATAL``: the run ends ``failed``).
    """

    async def on_robots_response(self, response: Response, netloc: str, request: Request) -> None:
        self._archive_robots(response)
        rule = robots_rule(response.status)
        if rule == "obey":
            await super().on_robots_response(response, netloc, request)
            return
        self.stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if rule == "disallow all":
            self._give_up(netloc, f"robots.txt answered HTTP {response.status}")
        else:
            self._settle(netloc, _Verdict(allow=True))

    def _archive_robots(self, response: Response) -> None:
        """Hand robots.txt's answer to the archive: the rules a crawl obeyed are evidence too."""
        headers = {
            k.decode("latin-1").lower(): v[0].decode("latin-1")
            for k, v in response.headers.items()
            if v
        }
        page = FetchedPage(
            url=response.url,
            final_url=response.url,
            status=response.status,
            headers=headers,
            body=response.body,
            fetched_at=utc_now(),
            kind="other",
        )
        self.crawler.signals.send_catch_log(signal=ROBOTS_FETCHED, page=page)

    def on_robots_error(self, exc: Exception, netloc: str) -> None:
        self._give_up(netloc, f"robots.txt unreachable: {type(exc).__name__}: {exc}")

    def _give_up(self, netloc: str, reason: str) -> None:
        """Disallow everything on ``netloc`` and stop the crawl with ``reason``."""
        self.stats.set_value(Stat.FATAL, f"{reason}; crawl stopped (RFC 9309)")
        self._settle(netloc, _Verdict(allow=False))
        engine = self.crawler.engine
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason="robots.txt unreachable"))

    def _settle(self, netloc: str, parser: _Verdict) -> None:
        pending = self.set_robots_parser(netloc, parser)
        if isinstance(pending, Deferred):
            pending.callback(parser)  # type: ignore[arg-type]


class RetryAfterMiddleware:
    """Wait before Scrapy's retry of a 429/5xx: ``Retry-After`` (capped), else a backoff.

    Runs just before ``RetryMiddleware`` in the response chain (priority 560 > 550). The wait
    holds only this response; other requests go on. No wait once retries are used up.
    """

    def __init__(self, codes: set[int], max_retries: int, cap: float, base: float) -> None:
        self.codes, self.max_retries, self.cap, self.base = codes, max_retries, cap, base

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        settings, config = crawler.settings, crawl_config(crawler)
        return cls(
            {int(code) for code in settings.getlist("RETRY_HTTP_CODES")},
            settings.getint("RETRY_TIMES"),
            config.retry_after_cap,
            config.retry_backoff,
        )

    def delay_for(self, request: Request, response: Response) -> float:
        """Return how long to wait before this response's retry (0: no wait)."""
        retries = int(request.meta.get("retry_times", 0))
        if response.status not in self.codes or retries >= self.max_retries:
            return 0.0
        header = response.headers.get(b"Retry-After")
        asked = retry_after_seconds(header.decode("latin-1") if header else None, time.time())
        backoff = self.base * (2**retries)
        return min(self.cap, asked if asked is not None else backoff)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        delay = self.delay_for(request, response)
        if delay > 0:
            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return response
