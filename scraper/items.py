"""The records that flow from the spider to the archive. Each field's format is in its docstring.

``FetchedPage`` is what the spider yields (one HTTP response, raw); the extract pipeline turns
it into an ``Article`` or a ``Listing``; the archive pipeline stores both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PageKind = Literal["article", "listing", "other"]


@dataclass(kw_only=True, slots=True)
class FetchedPage:
    """One HTTP response as the spider received it.

    url: the site URL that was requested (real host, never the mirror's).
    final_url: the URL after redirects (real host).
    status: HTTP status (200, 304, ...).
    headers: response headers, lower-case names, first value only.
    body: raw bytes as received (after content decoding); empty for 304.
    fetched_at: ISO 8601 UTC time of the response, e.g. ``2026-11-23T12:00:00+00:00``.
    kind: what the URL pattern says the page is.
    root: the already-parsed lxml tree (parse once: the spider parsed it for links); not stored.
    extraction: set by the extract pipeline for article pages; error: why extraction failed.
    listed_page: for an article, the lowest pager page on which this run's listings showed it
        before its fetch (1: the home page, ``/recent-article`` or a section's first page;
        ``trang-N.html``: N); None when it was not requested from a listing (an article page's
        links, the frontier, a revisit). The plausibility checks read it.
    check: for an archived article requested again, why: ``revisit`` (first seen lately) or
        ``recheck`` (this run's slice of the back catalogue); None otherwise.
    redirected_to: the final URL (real host) when redirects led an article request to a page
        that is not this article (the home page, a listing, another article id): a soft
        removal, never extracted as this article; None otherwise.
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    kind: PageKind
    root: Any = None
    extraction: ArticleExtraction | None = None
    error: str | None = None
    crashed: bool = False  # the extractor raised an unexpected error (ours, not the page's)
    listed_page: int | None = None
    check: str | None = None
    redirected_to: str | None = None


@dataclass(kw_only=True, slots=True)
class Image:
    """An image of the article body: absolute ``url``; ``caption`` without its credit or None;
    ``credit`` as written (``Photo: Trần Dũng``, ``File photo``) or None."""

    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass(kw_only=True, slots=True)
class RelatedLink:
    """A link of the page's related / Recent news block: absolute canonical ``url``, ``title``."""

    url: str
    title: str | None = None


@dataclass(kw_only=True, slots=True)
class Article:
    """The archived record of one article (one line of ``export --format jsonl``).

    article_id: the 9-character id from the URL (``wZVLwJQNR``): the article's identity.
    url: canonical URL on https://en.baodienbienphu.com.vn.
    title: as shown, NFC.
    lead: the sapo without its ``ĐBP -`` dateline; a two-paragraph lead joined by one space.
    body: paragraphs and sub-headings separated by one blank line (``\\n\\n``); no title, lead,
        captions, credits, byline, comment form or Recent news.
    authors: names only (no ``By``/``Comrade``/``Photos:``); ``[]`` when there is no byline.
    author_titles: the titles line under a signed op-ed's byline, else None.
    category: section slug from the URL path, percent-decoded (``van-hoa the-thao``).
    category_label: the section label as the page shows it (``ECONOMY``), else the known one.
    published_at, modified_at: ISO 8601 with +07:00 (``2024-11-25T10:30:00+07:00``) or None.
    related: the related / Recent news links in page order, deduplicated by article id.
    images: body images in page order.
    """

    article_id: str
    url: str
    title: str | None = None
    lead: str | None = None
    body: str | None = None
    authors: list[str] = field(default_factory=list)
    author_titles: str | None = None
    category: str | None = None
    category_label: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    related: list[RelatedLink] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready data (the expected-JSON format)."""
        return asdict(self)


# Fields whose fill rate the validation pipeline watches; a drop shows a layout change.
ARTICLE_FIELDS: tuple[str, ...] = (
    "title",
    "lead",
    "body",
    "authors",
    "category_label",
    "published_at",
    "modified_at",
    "related",
    "images",
)
# Fields that make up an article's content: a change in any of them is a new version.
# ``related`` (the site's newest articles at visit time) and the label (renamed site-wide) are not.
CONTENT_FIELDS: tuple[str, ...] = (
    "title",
    "lead",
    "body",
    "authors",
    "author_titles",
    "published_at",
    "modified_at",
    "images",
)


@dataclass(kw_only=True, slots=True)
class ArticleExtraction:
    """An article record plus how each field was obtained.

    provenance: field -> ``step:source``, e.g. ``structured:json-ld datePublished``,
        ``site:dateline paragraph``, ``generic:trafilatura``.
    warnings: one line each (e.g. an implausible date that was dropped).
    declared_elsewhere: the address the page declares for itself (``rel=canonical``, an
        ``og:url`` of another article) when it names another page, else None: the page may
        not be this article (see ``extract.canonical.declared_elsewhere``).
    """

    article: Article
    provenance: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    declared_elsewhere: str | None = None


@dataclass(kw_only=True, slots=True)
class Listing:
    """What a listing page (home, section, pager, recent-article) offers the crawl.

    url: the page URL; category: its section slug or None (home, recent-article);
    page: pager number (1 for the first page);
    article_urls: absolute article URLs in page order, deduplicated by id;
    listing_urls: absolute section and pager URLs found on the page, in page order.
    """

    url: str
    category: str | None
    page: int
    article_urls: list[str] = field(default_factory=list)
    listing_urls: list[str] = field(default_factory=list)


FetchOutcome = Literal["ok", "not_modified", "skipped", "refused", "failed"]


@dataclass(kw_only=True, slots=True)
class FetchFailure:
    """A request that produced no usable page.

    outcome: ``refused`` (our own limits: size, off-site redirect, robots.txt), ``failed``
    (timeouts, resets, 5xx after retries) or ``skipped`` (not HTML, empty body).
    reason: one line, e.g. ``off-site redirect to 127.0.0.2 refused``, ``not HTML
    (application/pdf)``, ``DownloadTimeoutError: Getting … took longer than 30.0 seconds.``
    """

    url: str
    outcome: FetchOutcome
    reason: str
    fetched_at: str
    status: int | None = None
    content_type: str | None = None
    nbytes: int = 0


@dataclass(kw_only=True, slots=True)
class Discovered:
    """Article URLs found on a page and not archived yet: ``[(article_id, url)]``."""

    articles: list[tuple[str, str]]


@dataclass(kw_only=True, slots=True)
class WalkState:
    """How far the walk of a section's pager went: ``complete`` once it reached an end."""

    section: str
    complete: bool
    page: int
