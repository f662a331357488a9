"""The publication and update dates: structured data first, then the dates the page shows.

Cascade: JSON-LD -> ``article:*_time``/itemprop meta -> ``<time datetime>`` -> visible day-first
text of the article's own area (``visible_dates``). Never from Recent news or the body's own
text. Parsing (formats, time zone, plausibility) is ``dates.parse_date``'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from scraper.extract.dates import page_day, parse_date
from scraper.extract.found import Found
from scraper.extract.metadata import jsonld_text
from scraper.extract.page import Page
from scraper.extract.visible_dates import VISIBLE, DateLines


def extract_published(page: Page, shown: DateLines) -> Found[str | None]:
    """Return the publication date (ISO 8601) and how it was found, with what was not trusted."""
    meta, ld, props = page.meta.meta, page.meta.jsonld, page.meta.itemprops
    times = [el for el in page.root.iter("time") if el.get("datetime") and not page.in_related(el)]
    structured = [
        (jsonld_text(ld, "datePublished"), "structured:json-ld datePublished"),
        (meta.get("article:published_time"), "structured:meta article:published_time"),
        (props.get("datePublished"), "structured:itemprop datePublished"),
        (meta.get("pubdate") or meta.get("publishdate"), "structured:meta pubdate"),
        (meta.get("dc.date.issued") or meta.get("dc.date"), "structured:meta dc.date"),
        *((el.get("datetime"), "structured:<time datetime>") for el in times[:1]),
    ]
    return _first(page, chain(structured, shown.shown(updates=False)))


def extract_modified(page: Page, shown: DateLines, published: str | None) -> Found[str | None]:
    """Return the date of the last update (ISO 8601) and how it was found.

    Structured data, else an "Updated: …" line the page shows, if it is not the publication.
    """
    meta, ld, props = page.meta.meta, page.meta.jsonld, page.meta.itemprops
    found = _first(
        page,
        [
            (jsonld_text(ld, "dateModified"), "structured:json-ld dateModified"),
            (meta.get("article:modified_time"), "structured:meta article:modified_time"),
            (props.get("dateModified"), "structured:itemprop dateModified"),
            (meta.get("og:updated_time"), "structured:meta og:updated_time"),
        ],
    )
    if found.value is not None:
        return found
    seen = _first(page, shown.shown(updates=True))
    warnings = found.warnings + seen.warnings
    if seen.value != published:
        return Found(seen.value, seen.how, warnings)
    return Found(None, "", warnings)


def _first(page: Page, candidates: Iterable[tuple[str | None, str]]) -> Found[str | None]:
    """Return the first candidate that parses to a trustworthy date; warn about the others."""
    warnings: list[str] = []
    fetch_day = page_day(page.now)
    for value, how in candidates:
        iso, problem = parse_date(value, page.now)
        if iso and how.startswith(VISIBLE) and iso == fetch_day:
            # "Monday, 23/11/2026" on the day of the visit: a header's "today" looks the same.
            warnings.append(f"{how}: {iso} is the fetch day with no time: not trusted")
            continue
        if iso:
            return Found(iso, how, tuple(warnings))
        if problem and problem != "no date":
            warnings.append(f"{how}: {problem}")
    return Found(None, "", tuple(warnings))
