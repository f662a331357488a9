"""The article's URL: the canonical one the page declares, if it names the same article."""

from __future__ import annotations

from scraper import urls
from scraper.extract.found import Found
from scraper.extract.page import Page


def extract_url(page: Page) -> Found[str]:
    """Return the canonical article URL: ``rel=canonical`` if it names the same article (an
    edited headline changes the slug, not the id), else the fetched URL, canonicalised."""
    fetched = urls.canonical(page.url)
    declared = urls.resolve(page.meta.canonical, page.base) if page.meta.canonical else None
    if declared and urls.article_id(declared) == urls.article_id(page.url):
        canonical = urls.canonical(declared)
        return Found(canonical, "structured:rel=canonical" if canonical != fetched else "url")
    return Found(fetched, "url")


def declared_elsewhere(page: Page) -> str | None:
    """Return the address the page declares for itself when it names another page, else None.

    ``rel=canonical`` naming a different article or a page that is no article (the home page
    a removed article's URL now serves, a section), or ``og:url`` naming a different article
    (an ``og:url`` of the home page is a common CMS default, not evidence). A page that says
    it is elsewhere may not be this article: a soft 404, a moved page, another article served
    at this URL.
    """
    own = urls.article_id(page.url)
    canonical = urls.resolve(page.meta.canonical, page.base) if page.meta.canonical else None
    if canonical and urls.is_site_url(canonical) and urls.article_id(canonical) != own:
        return canonical
    og_url = page.meta.meta.get("og:url")
    declared = urls.resolve(og_url, page.base) if og_url else None
    if declared and urls.article_id(declared) not in (None, own):
        return declared
    return None
