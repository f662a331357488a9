"""Listing pages (home, sections, pagers, recent-article): article links, listing links, label."""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract.html import parse_html
from scraper.items import Listing


def iter_links(root: HtmlElement, base: str) -> Iterator[tuple[str, HtmlElement]]:
    """Yield (absolute URL, ``<a>``) for every fetchable link of a page, in page order.

    ``javascript:``, ``mailto:``, ``tel:``, fragments and over-long URLs are dropped here
    (``urls.resolve``); off-site links are kept for the caller to judge.
    """
    for a in root.iter("a", "area"):
        url = urls.resolve(a.get("href"), base)
        if url:
            yield url, a


def page_base(root: HtmlElement, url: str) -> str:
    """Return the base URL for relative links: ``<base href>`` if present, else ``url``."""
    base = root.find(".//base[@href]")
    if base is not None:
        resolved = urls.resolve(base.get("href"), url)
        if resolved:
            return resolved
    return url


def extract_listing(
    html: str | bytes | None, url: str, *, root: HtmlElement | None = None
) -> Listing:
    """Return the ``Listing`` of a page: its on-site article and listing links, in page order.

    Article links are deduplicated by article id (an article listed under two category paths
    counts once); listing links by URL.
    """
    if root is None:
        root = parse_html(html or b"")
    base = page_base(root, url)
    seen_ids: set[str] = set()
    seen_listings: set[str] = set()
    listing = Listing(url=url, category=urls.category(url), page=urls.page_number(url))
    for target, _ in iter_links(root, base):
        kind = urls.classify(target)
        if kind == "article":
            ident = urls.article_id(target)
            if ident and ident not in seen_ids:
                seen_ids.add(ident)
                listing.article_urls.append(target)
        elif kind == "listing":
            target = urls.canonical(target)
            if target not in seen_listings and target != urls.canonical(url):
                seen_listings.add(target)
                listing.listing_urls.append(target)
    return listing
