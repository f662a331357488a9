"""The title: the headline as shown."""

from __future__ import annotations

from typing import Final

from scraper.extract.found import Found
from scraper.extract.metadata import jsonld_text
from scraper.extract.page import Page
from scraper.extract.text import clean_text, strip_site_name

MIN_SHARED_WORDS: Final = 1 / 3


def extract_title(page: Page) -> Found[str | None]:
    """Return the headline as shown, and how it was found.

    JSON-LD headline or og:title, unless the page's ``<h1>`` says otherwise: structured titles
    can lag behind an edited headline (like the slugs do), and the title is what readers saw.
    """
    h1 = page.heading_text()
    heading = page.heading_element()
    if heading is not None and heading.tag != "h1" and h1:
        # A title-named <h2> stands in for a missing <h1> only if it is about the same thing.
        h1 = h1 if _shares_words(h1, page.meta.meta.get("og:title") or "") else None
    structured = [
        (jsonld_text(page.meta.jsonld, "headline"), "structured:json-ld headline"),
        (
            page.meta.meta.get("og:title") or page.meta.meta.get("twitter:title"),
            "structured:og:title",
        ),
    ]
    for value, how in structured:
        if value:
            value = strip_site_name(value)
            # The headline plus a badge ("… results Featured") is still the structured title.
            if h1 and h1 != value and not h1.startswith(value):
                return Found(h1, f"site:<h1> (differs from {how.split(':', 1)[1]})")
            return Found(value or None, how)
    if h1:
        return Found(h1, "site:<h1>")
    title_el = page.root.find(".//title")
    if title_el is not None and clean_text(title_el.text_content()):
        return Found(strip_site_name(title_el.text_content()) or None, "site:<title>")
    return Found(None)


def _shares_words(a: str, b: str) -> bool:
    """Return True if two titles share at least a third of their words (a reworded headline)."""
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    return bool(wa and wb) and len(wa & wb) >= MIN_SHARED_WORDS * min(len(wa), len(wb))
