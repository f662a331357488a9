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
