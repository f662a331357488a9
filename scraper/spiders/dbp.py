"""The spider: navigation only. Which URL next, in what order, and when a section's pager stops.

Start at the home page and ``/recent-article``; discover section listings from links; walk each
section's pager one page at a time, newest first; fetch every article linked from any page that
is not archived yet (or is inside the revisit window). Pages go to the pipelines raw
(``FetchedPage``); extraction and storage happen there.

What the crawl already knows about the archive comes as a plain ``CrawlMemory``, read before the
crawl starts (``dbp-archive crawl`` passes it as the spider argument ``memory``): archived ids,
their first sight, pending URLs of an interrupted run, recent articles to revisit, and which
sections' pagers were walked to the end. Its settings are one ``CrawlConfig``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper import has_contact, urls, utc_now
from scraper.archive.memory import CrawlMemory, read_crawl_memory, revisit_since
from scraper.config import CONTACT_ENV, CrawlConfig, Stat, crawl_config
from scraper.extract.html import ExtractionError, parse_html
from scraper.extract.listing import extract_listing
from scraper.items import (
    Discovered,
    FetchedPage,
    FetchFailure,
    FetchOutcome,
    Listing,
    PageKind,
    WalkState,
)
from scraper.site import HOME_URL, RECENT_URL, SITE_HOSTS

logger = logging.getLogger(__name__)  # ``scraper.*``: shown by ``dbp-archive crawl`` by default

NO_CONTACT_WARNING = (
    f"the User-Agent gives no contact: pass --contact URL_OR_EMAIL (or set {CONTACT_ENV}) "
    "so the site's operators can reach you before they block the crawl"
)
ARTICLE_PRIORITY = 10  # articles before more listing pages: the queue stays short
LISTING_PRIORITY = 0
RECHECK_PRIORITY = -10  # the back catalogue's re-check: after listings and new articles
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Statuses the callbacks see (to record them); 3xx are absent so redirects are followed.
SEEN_STATUSES = [
    304,
    400,
    401,
    403,
    404,
    405,
    408,
    410,
    429,
    451,
    500,
    502,
    503,
    504,
    520,
    521,
    522,
    524,
]


@dataclass(kw_only=True, slots=True)
class Walk:
    """The state of one section's pager walk in this run."""

    key: str
    previous_ids: frozenset[str] = frozenset()
    known_pages: int = 0
    pages: int = 0
    saw_new: bool = False  # a page listed articles not archived yet: the walk must finish


@dataclass(kw_only=True, slots=True, frozen=True)
class PagerStep:
    """The pager's decision after one listing page of a walk (``next_page_step``)."""

    walk: Walk  # the walk's state after this page
    next_url: str | None  # the page to request next; None when the walk stops here
    stop: str | None  # why the walk stops ("last page", "page cap 500" …), None if it goes on
    complete: bool  # on a stop: everything older is known to be archived
    new_work: bool  # this page is the walk's first to list articles not archived yet


def next_page_step(
    walk: Walk,
    *,
    page: int,
    ids: frozenset[str],
    listing_urls: Iterable[str],
    memory: CrawlMemory,
    mode: str,
    page_cap: int,
    extra_pages: int,
    since: str | None,
) -> PagerStep:
    """Decide whether a section's pager walk goes on from listing page ``page``, and where.

    ``walk``: the walk before this page; ``ids``: the article ids page ``page`` listed;
    ``listing_urls``: its listing links, of which the walk's page ``page + 1`` is next. In
    order, the walk stops when the page lists nothing, repeats the previous page, has no next
    page, reaches ``page_cap`` pages, (unless ``mode`` is ``full``, in a section walked to its
    end before) lists only archived articles for more than ``extra_pages`` pages in a row, or
    lists only articles published before ``since``. A stop is ``complete`` (everything older
    is archived) unless the cap or ``since`` cut short a walk that found new work or had never
    been finished.
    """
    pages = walk.pages + 1
    nxt = next(
        (
            u
            for u in listing_urls
            if SiteSpider._walk_key(u) == walk.key and urls.page_number(u) == page + 1
        ),
        None,
    )
    all_known = bool(ids) and all(i in memory.first_seen for i in ids)
    was_complete = walk.key in memory.complete_sections
    known_pages = walk.known_pages
    # (reason, whether everything older is now known to be archived)
    stop: tuple[str, bool] | None = None
    if not ids:
        stop = ("no articles", True)
    elif ids == walk.previous_ids:
        stop = ("page repeats the previous one", True)
    elif nxt is None:
        stop = ("last page", True)
    elif pages >= page_cap:
        stop = (f"page cap {page_cap}", was_complete and not walk.saw_new)
    elif mode != "full" and was_complete and all_known:
        known_pages += 1
        if known_pages > extra_pages:
            stop = ("all articles known", True)
    elif since and older_than(ids, memory.published, since):
        stop = (f"older than {since}", was_complete and not walk.saw_new)
    # New work: the section counts as walked to the end again only once it is.
    new_work = bool(ids) and not all_known and not walk.saw_new
    after = replace(
        walk,
        pages=pages,
        known_pages=known_pages,
        previous_ids=ids,
        saw_new=walk.saw_new or new_work,
    )
    return PagerStep(
        walk=after,
        next_url=nxt if stop is None else None,
        stop=stop[0] if stop else None,
        complete=stop[1] if stop else False,
        new_work=new_work,
    )


def check_of(ident: str, memory: CrawlMemory) -> str | None:
    """Return why archived article ``ident`` is requested again this run: ``revisit`` (first
    seen within the revisit window), ``recheck`` (in this run's slice of the back
    catalogue), or None (not requested)."""
    if ident in memory.revisit:
        return "revisit"
    if ident in memory.recheck:
        return "recheck"
    return None


def redirected_away(ident: str, final_url: str, redirect_urls: list[str] | None) -> bool:
    """Return True if redirects led the request for article ``ident`` to a page that is not
    that article (its final URL names another article id, or none: home, a listing)."""
    return bool(redirect_urls) and bool(ident) and urls.article_id(final_url) != ident


def older_than(ids: Iterable[str], published: dict[str, str], since: str) -> bool:
    """Return whether every listed article with a known publication date is before ``since``
    (compared by day; False when none has a date)."""
    dates = [published[i] for i in ids if i in published]
    return bool(dates) and all(d[:10] < since[:10] for d in dates)


class SiteSpider(Spider):
    """Crawl en.baodienbienphu.com.vn: listings -> articles, incremental by default."""

    name = "dbp"
    allowed_domains = sorted(SITE_HOSTS)

    def __init__(self, *args: Any, memory: CrawlMemory | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.memory = memory if memory is not None else CrawlMemory()
        self._memory_given = memory is not None
        self.requested_ids: set[str] = set()
        # Article id -> lowest listing page that showed it, for articles requested from a
        # listing and not fetched yet (popped on fetch: bounded by the queue).
        self.listed_on: dict[str, int] = {}
        self.walks: dict[str, Walk] = {}
        defaults = CrawlConfig()  # from_crawler sets the crawl's own
        self.mode = defaults.mode
        self.extra_pages = defaults.extra_pages
        self.page_cap = defaults.page_cap
        self.since: str | None = defaults.since

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        config = crawl_config(crawler)
        spider.mode = config.mode
        spider.extra_pages = config.extra_pages
        spider.page_cap = config.page_cap
        spider.since = config.since
        mirror = config.mirror
        if not mirror and not has_contact(crawler.settings.get("USER_AGENT", "")):
            # Every live run says so (one line; under cron it goes to --log-file, not mail).
            logger.warning(NO_CONTACT_WARNING)
        if mirror:  # offsite checks run on the rewritten (mirror) request
            spider.allowed_domains = [*spider.allowed_domains, urlsplit(mirror).hostname or ""]
        if not spider._memory_given:  # `scrapy crawl dbp`: read it here, before any request
            spider.memory = read_crawl_memory(
                config.archive,
                revisit_since=revisit_since(config.revisit_days),
                max_revisits=config.max_revisits,
                recheck_slice=config.recheck_slice,
            )
        return spider

    # --- requests ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for url in (HOME_URL, RECENT_URL):
            key = self._walk_key(url)
            if key:
                self.walks[key] = Walk(key=key)
            yield self._listing_request(url, key)
        for ident, url in self.memory.pending:  # left over by an interrupted run
            request = self._article_request(ident, url)
            if request:
                yield request
        for ident, (url, _, _) in self.memory.revisit.items():  # recent: edits are likely
            request = self._article_request(ident, url)
            if request:
                yield request
        for ident, (url, _, _) in self.memory.recheck.items():  # the back catalogue's slice
            request = self._article_request(ident, url)
            if request:
                yield request

    def _listing_request(self, url: str, key: str | None) -> Request:
        self.crawler.stats.inc_value(Stat.LISTING_REQUESTED)
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            priority=LISTING_PRIORITY,
            meta={"walk": key, "handle_httpstatus_list": SEEN_STATUSES, "dbp_url": url},
        )

    def _article_request(self, ident: str, url: str) -> Request | None:
        """Return the request for an article, or None if it is archived and not to revisit."""
        if ident in self.requested_ids:
            return None
        headers: dict[str, str] = {}
        check = None
        if ident in self.memory.first_seen:
            check = check_of(ident, self.memory)
            if check is None:
                return None
            known = self.memory.revisit if check == "revisit" else self.memory.recheck
            _, etag, modified = known[ident]
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        self.requested_ids.add(ident)
        if check == "recheck":  # from here or from a link on a page: counted once, apart
            self.crawler.stats.inc_value(Stat.RECHECKS)
        return Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            headers=headers,
            priority=RECHECK_PRIORITY if check == "recheck" else ARTICLE_PRIORITY,
            # An archived article's redirect to a page fetched already (the home page) must
            # reach the callback, not the duplicate filter: the ledger records it.
            dont_filter=check is not None,
            meta={
                "handle_httpstatus_list": SEEN_STATUSES,
                "article_id": ident,
                "dbp_url": url,
                "dbp_check": check,
            },
        )

    @staticmethod
    def _walk_key(url: str) -> str | None:
        """Return the pager walk a listing URL belongs to (its first path segment), or None."""
        path = urlsplit(url).path.strip("/")
        return path.split("/")[0].removesuffix(".html") or None if path else None

    # --- callbacks --------------------------------------------------------------------------

    def _fetched(self, response: Response, kind: PageKind) -> FetchedPage:
        headers = {
            k.decode("latin-1").lower(): v[0].decode("latin-1")
            for k, v in response.headers.items()
            if v
        }
        # The URL the spider asked for (before redirects and mirror rerouting).
        request_url = response.meta.get("dbp_url", response.url)
        return FetchedPage(
            url=request_url,
            final_url=response.url,
            status=response.status,
            headers=headers,
            body=response.body,
            fetched_at=utc_now(),
            kind=kind,
        )

    def _is_html(self, response: Response) -> bool:
        content_type = _header(response, b"Content-Type").lower()
        return (not content_type or content_type.startswith(HTML_TYPES)) and bool(response.body)

    def _skip(self, response: Response) -> FetchFailure:
        content_type = _header(response, b"Content-Type") or None
        reason = "empty body" if not response.body else f"not HTML ({content_type})"
        return FetchFailure(
            url=response.meta.get("dbp_url", response.url),
            outcome="skipped",
            reason=reason,
            fetched_at=utc_now(),
            status=response.status,
            content_type=content_type,
            nbytes=len(response.body),
        )

    def _parse_page(self, response: Response, page: FetchedPage) -> Any:
        """Return the parsed tree of a page (kept on the item: the pipeline reuses it)."""
        try:
            page.root = parse_html(response.body, _header(response, b"Content-Type"))
        except ExtractionError as exc:
            page.error = str(exc)
        return page.root

    def _take(self, response: Response, kind: PageKind) -> tuple[Any, Listing | None]:
        """Return (the item recording this response, the links of its page or None)."""
        if response.status == 200 and not self._is_html(response):
            return self._skip(response), None
        page = self._fetched(response, kind)
        if response.status != 200:
            return page, None
        root = self._parse_page(response, page)
        return page, extract_listing(None, response.url, root=root) if root is not None else None

    def parse_listing(self, response: Response) -> Iterator[Any]:
        item, links = self._take(response, "listing")
        yield item
        if links is not None:
            # Health signals: a listing page that lists nothing means a new layout.
            self.crawler.stats.inc_value(Stat.LISTING_OK)
            self.crawler.stats.inc_value(Stat.LISTING_ARTICLE_LINKS, len(links.article_urls))
            yield from self._follow_articles(
                links.article_urls, listed_page=urls.page_number(response.url)
            )
            yield from self._follow_listings(response, links.listing_urls, links.article_urls)

    def parse_article(self, response: Response) -> Iterator[Any]:
        ident = response.meta.get("article_id", "")
        listed_page = self.listed_on.pop(ident, None)
        if redirected_away(ident, response.url, response.meta.get("redirect_urls")):
            # Not this article (the home page, a listing): recorded, never extracted as it.
            page = self._fetched(response, "article")
            page.redirected_to = response.url
            hops = " -> ".join(str(r) for r in response.meta.get("redirect_reasons", []))
            page.error = f"redirected ({hops or '3xx'}) to {response.url}: not this article"
            page.check = response.meta.get("dbp_check")
            yield page
            return
        item, links = self._take(response, "article")
        if isinstance(item, FetchedPage):
            item.listed_page = listed_page
            item.check = response.meta.get("dbp_check")
        yield item
        if links is not None:
            yield from self._follow_articles(links.article_urls)
            yield from self._follow_listings(response, links.listing_urls, [], from_article=True)

    def on_error(self, failure: Failure) -> Iterator[FetchFailure]:
        request = getattr(failure, "request", None)
        url = request.meta.get("dbp_url", request.url) if request is not None else "?"
        if request is not None:
            self.listed_on.pop(request.meta.get("article_id", ""), None)
        outcome, reason = describe_failure(failure)
        yield FetchFailure(url=url, outcome=outcome, reason=reason, fetched_at=utc_now())

    # --- navigation rules -------------------------------------------------------------------

    def _follow_articles(
        self, article_urls: Iterable[str], *, listed_page: int | None = None
    ) -> Iterator[Any]:
        """Request the articles to fetch; ``listed_page``: the pager page of a listing."""
        discovered: list[tuple[str, str]] = []
        for url in article_urls:
            ident = urls.article_id(url)
            if ident is None:
                continue
            known = ident in self.memory.first_seen
            request = self._article_request(ident, url)
            if listed_page is not None and (request is not None or ident in self.listed_on):
                self.listed_on[ident] = min(self.listed_on.get(ident, listed_page), listed_page)
            if request is not None:
                if not known:
                    discovered.append((ident, url))
                yield request
        if discovered:
            yield Discovered(articles=discovered)

    def _follow_listings(
        self,
        response: Response,
        listing_urls: list[str],
        article_urls: list[str],
        *,
        from_article: bool = False,
    ) -> Iterator[Any]:
        key = response.meta.get("walk")
        # New sections: any page-1 listing link starts a walk (once per section per run).
        for url in listing_urls:
            if urls.page_number(url) != 1:
                continue
            walk_key = self._walk_key(url)
            if walk_key and walk_key not in self.walks and url != urls.canonical(response.url):
                self.walks[walk_key] = Walk(key=walk_key)
                yield self._listing_request(url, walk_key)
        if from_article or not key:
            return
        walk = self.walks.setdefault(key, Walk(key=key))
        yield from self._next_page(response, walk, listing_urls, article_urls)

    def _next_page(
        self, response: Response, walk: Walk, listing_urls: list[str], article_urls: list[str]
    ) -> Iterator[Any]:
        """Follow the pager of ``walk`` by one page, or end the walk (and say why)."""
        page = urls.page_number(response.url)
        step = next_page_step(
            walk,
            page=page,
            ids=frozenset(i for u in article_urls if (i := urls.article_id(u))),
            listing_urls=listing_urls,
            memory=self.memory,
            mode=self.mode,
            page_cap=self.page_cap,
            extra_pages=self.extra_pages,
            since=self.since,
        )
        self.walks[walk.key] = step.walk
        if step.new_work:
            yield WalkState(section=walk.key, complete=False, page=page)
        if step.stop is None:
            yield self._listing_request(step.next_url or "", walk.key)
            return
        self.logger.debug("walk %s stops at page %d: %s", walk.key, page, step.stop)
        yield WalkState(section=walk.key, complete=step.complete, page=page)


def _header(response: Response, name: bytes) -> str:
    """Return a response header as text ("" when absent)."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""


def describe_failure(failure: Failure) -> tuple[FetchOutcome, str]:
    """Return (outcome, one-line reason) of a failed request.

    ``refused``: our own limits said no (robots.txt, off-site, size limit, redirect loop);
    ``failed``: the server or the network did (timeouts, resets, DNS).
    """
    lines = (failure.getErrorMessage() or "").splitlines() if failure.value else []
    message = lines[0] if lines else ""
    if failure.check(DownloadCancelledError):
        return "refused", f"response over the size limit (DOWNLOAD_MAXSIZE): {message}".strip()
    if failure.check(IgnoreRequest):
        return "refused", message or "ignored"
    name = failure.type.__name__ if failure.type else "Error"
    return "failed", f"{name}: {message}" if message else name
