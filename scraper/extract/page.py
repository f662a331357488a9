"""The page as the field units see it: parsed, its metadata and related blocks read once.

Every unit takes a ``Page``; what several of them need (the headline element, the text mass,
the page's own summary) is looked up here once per page, not once per unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract import selectors as sel
from scraper.extract.density import text_mass
from scraper.extract.html import ExtractionError, parse_html
from scraper.extract.metadata import Metadata, jsonld_text, read_metadata
from scraper.extract.related import related_containers
from scraper.extract.text import clean_text, is_site_name, same_text, strip_dateline

# A summary this long identifies its paragraph by prefix (og:description is often cut short).
MIN_SUMMARY_CHARS: Final = 40
_UNSET: Final = object()


@dataclass(kw_only=True, slots=True)
class Page:
    """Everything read once from a page, shared by the field extractors."""

    root: HtmlElement
    url: str
    base: str
    meta: Metadata
    now: datetime
    related_roots: list[HtmlElement] = field(default_factory=list)
    recent_roots: list[HtmlElement] = field(default_factory=list)
    related_set: set[HtmlElement] = field(default_factory=set)
    # Elements with a class, id or itemprop: the only ones named rules can match (read once).
    classed: list[HtmlElement] = field(default_factory=list)
    heading: Any = _UNSET  # the main <h1>, found once (``_UNSET`` until looked up)
    mass: dict[HtmlElement, int] | None = None  # see ``text_mass``
    order: dict[HtmlElement, int] | None = None  # see ``position``
    hosts: set[str] | None = None  # see ``is_on_site``

    def position(self, el: HtmlElement) -> int:
        """Return ``el``'s index in document order (the index is built once, when needed)."""
        if self.order is None:
            self.order = {node: i for i, node in enumerate(self.root.iter())}
        return self.order.get(el, -1)

    def end_position(self, el: HtmlElement) -> int:
        """Return the document-order index of ``el``'s last descendant (``el``'s own if none)."""
        last = el
        while len(last):
            last = last[-1]
        return self.position(last)

    def is_on_site(self, href: str) -> bool:
        """Return True if a link points into the page's own site: relative, or to the host of
        the page, its ``<base>``, its canonical URL or its ``og:url`` (a saved page's own host
        may differ from the URL it was fetched under)."""
        host = urlsplit(href.strip()).netloc.lower()
        if not host:
            return not href.strip().lower().startswith(("mailto:", "tel:", "javascript:"))
        if self.hosts is None:
            declared = (self.url, self.base, self.meta.canonical, self.meta.meta.get("og:url"))
            self.hosts = {urlsplit(u).netloc.lower().removeprefix("www.") for u in declared if u}
        return host.removeprefix("www.") in self.hosts

    def in_chrome(self, el: HtmlElement) -> bool:
        """Return True if ``el`` sits in the page's furniture: a nav, aside or footer, or a
        ``<header>`` that does not hold the headline (the page's header, not the article's)."""
        heading = self.heading_element()
        for ancestor in el.iterancestors():
            if ancestor.tag == "header":
                if heading is None or heading not in ancestor.iter():
                    return True
            elif ancestor.tag in sel.CHROME_TAGS:
                return True
        return False

    def text_mass(self) -> dict[HtmlElement, int]:
        """Return the article-like text under each element (computed once, when needed)."""
        if self.mass is None:
            self.mass = text_mass(self.root, self.related_set)
        return self.mass

    def in_related(self, el: HtmlElement) -> bool:
        """Return True if ``el`` is inside a related / Recent news block."""
        return el in self.related_set

    def heading_element(self) -> HtmlElement | None:
        """Return the page's headline element (looked up once per page), or None.

        The first ``<h1>`` that is not the site's name; on a page with no ``<h1>`` (Joomla/K2
        uses ``<h2 class="itemTitle">``), the first ``<h2>``/``<h3>`` named like a title.
        """
        if self.heading is _UNSET:

            def usable(el: HtmlElement) -> bool:
                text = clean_text(el.text_content())
                return bool(text) and not self.in_related(el) and not is_site_name(text)

            titled = (
                el for el in self.root.iter(*sel.TITLE_HEADING_TAGS) if sel.is_title_named(el)
            )
            heading = next(filter(usable, self.root.iter("h1")), None)
            self.heading = heading if heading is not None else next(filter(usable, titled), None)
        return self.heading

    def heading_text(self) -> str | None:
        """Return the text of the page's main ``<h1>`` (not a logo, not in Recent news)."""
        element = self.heading_element()
        return clean_text(element.text_content()) if element is not None else None

    def description(self) -> str | None:
        """Return the page's own summary: JSON-LD description, og:description, meta
        description."""
        return (
            jsonld_text(self.meta.jsonld, "description")
            or self.meta.meta.get("og:description")
            or self.meta.meta.get("description")
        )


def read_page(
    html: str | bytes | None,
    url: str,
    now: datetime,
    *,
    root: HtmlElement | None = None,
    content_type: str | None = None,
) -> Page:
    """Return the page context of ``html`` (or of ``root``, an already-parsed tree of it).

    Raises ``ExtractionError`` if there is no content or it cannot be parsed.
    """
    if root is None:
        if html is None:
            raise ExtractionError("no page content")
        root = parse_html(html, content_type)
    meta = read_metadata(root)
    base = urls.resolve(meta.base, url) if meta.base else None
    page = Page(root=root, url=url, base=base or url, meta=meta, now=now)
    page.classed = root.xpath("//*[@class or @id or @itemprop]")
    recent, related_like = related_containers(root, page.classed)
    page.related_roots = related_like
    page.recent_roots = recent or related_like
    # Elements are kept alive in the set, so lxml hands back the same proxy objects.
    page.related_set = {el for container in related_like for el in container.iter()}
    return page


def is_description(text: str, description: str | None) -> bool:
    """Return True if ``text`` is the page's summary (which may be cut short with "…")."""
    if not description or not text:
        return False
    text, summary = strip_dateline(text)[0], strip_dateline(description)[0]
    summary = summary.rstrip(" .…").removesuffix("...")
    if len(summary) < MIN_SUMMARY_CHARS:
        return same_text(text, summary)
    return text.casefold().startswith(summary.casefold())


def is_page_wrapper(el: HtmlElement) -> bool:
    """Return True for an element that wraps the page rather than the article: ``<body>``,
    ``<html>``, or one holding the site's navigation."""
    return el.tag in ("body", "html") or el.find(".//nav") is not None
