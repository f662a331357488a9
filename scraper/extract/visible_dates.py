"""Dates the page shows in the article's own area (never its chrome, Recent news or the body).

A header's "today", a clock or a footer shows the visit, not the article; a dated signature in
the text is not the publication. What is left is the stretch around the headline and above the
body text, read once per page and only if the structured data gave no date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from lxml.html import HtmlElement

from scraper.extract import selectors as sel
from scraper.extract.dates import is_date_line
from scraper.extract.page import Page, is_page_wrapper
from scraper.extract.text import clean_text
from scraper.site import UPDATED_RE

VISIBLE: Final = "site:visible date"  # the provenance of every date read here
MAX_DATE_CHILDREN: Final = 6
MAX_DATE_RAW_CHARS: Final = 200
MIN_BODY_PARAGRAPH: Final = 40  # characters: a paragraph this long is body text (or lead)
_DIGITS_RE: Final = re.compile(r"\d{4}")  # every date form we read has a 4-digit year
MAX_REGION_LEVELS: Final = 3  # how far above a body with no headline its dates may sit


class DateLines:
    """The visible date lines of one page's article area, read on first use only."""

    __slots__ = ("_container", "_lines", "_page")

    def __init__(self, page: Page, container: HtmlElement | None) -> None:
        self._page = page
        self._container = container
        self._lines: list[tuple[str, str]] | None = None

    def shown(self, *, updates: bool) -> Iterator[tuple[str, str]]:
        """Yield (text, provenance) of the date lines announcing an update (``Updated: …``)
        or, with ``updates=False``, of the others; the page is scanned only if needed."""
        if self._lines is None:
            self._lines = list(_date_candidates(self._page, self._container))
        yield from ((t, how) for t, how in self._lines if bool(UPDATED_RE.match(t)) == updates)


def _date_candidates(page: Page, container: HtmlElement | None) -> Iterator[tuple[str, str]]:
    """Yield visible date lines of the article's own area, as (text, provenance).

    Never read: the page's chrome (a header's "today", a clock, a footer, anything outside the
    area around the headline and the body — or, when that area is the whole page, anything
    outside the stretch from the headline to the body text), anything below the body (a list
    of teasers with their own dates), Recent news, and the body text
    (the container from its first real paragraph on: a dated signature line there is not the
    publication). Only small elements (a few children) are read: a date line is short, and
    reading the text of every wrapper would cost O(page²).
    """
    # Ranked: after the headline before anything above it, date-named elements before plain.
    ranked: list[list[tuple[str, str]]] = [[], [], [], []]
    heading = page.heading_element()
    region = _article_region(page, container)
    if region is None and (heading is None or container is None):
        return  # no headline and body to bound the article: no visible date is trustworthy
    after_heading = heading is None
    before_body = True
    body = _body_text_elements(container)
    last = _last_descendant(container) if container is not None else None
    past_body = False
    for el in page.root.iter():
        if past_body:
            break  # below the body: teaser lists and "In this section" dates, never the article's
        past_body = el is last
        if el is heading:
            after_heading = True
        if el in body:
            before_body = False
            continue
        if not isinstance(el.tag, str) or el.tag in sel.SKIP_TAGS or len(el) > MAX_DATE_CHILDREN:
            continue
        if page.in_related(el) or not (el.text or any(c.tail for c in el)):
            continue
        raw = el.text_content()
        if len(raw) > MAX_DATE_RAW_CHARS or not _DIGITS_RE.search(raw):
            continue
        text = clean_text(raw)
        if not text or not is_date_line(text):  # a date and nothing else: never a body sentence
            continue
        if sel.class_parts(el) & sel.NOT_ARTICLE_DATE_PARTS:
            continue  # a header's "today" or clock widget shows the visit, not the article
        if region is None:
            if not (after_heading and before_body):
                continue
        elif region not in el.iterancestors() or page.in_chrome(el):
            continue
        hint = sel.has_name(el, sel.DATE_NAMES) or el.tag == "time"
        ranked[(0 if after_heading else 2) + (0 if hint else 1)].append(
            (text, f"{VISIBLE} in {el.tag}")
        )
    # Above the headline, the nearest date to it first.
    ranked[2].reverse()
    ranked[3].reverse()
    for group in ranked:
        yield from group


def _article_region(page: Page, container: HtmlElement | None) -> HtmlElement | None:
    """Return the element around the headline and the body (the article's own area), or None.

    The nearest ancestor of the headline that also holds the body; with only one of them, the
    parent of the other. None when that is the whole page (``<body>``, or an element holding
    the site's navigation): then only the stretch between the headline and the body counts.
    """
    heading = page.heading_element()
    if heading is None and container is None:
        return None
    if heading is None and container is not None:
        # No headline element (a legacy table layout): the body's area, a few levels up,
        # without more article-like text than the body holds.
        mass = page.text_mass()
        region = container
        for level, ancestor in enumerate(container.iterancestors()):
            if level >= MAX_REGION_LEVELS or is_page_wrapper(ancestor):
                break
            if mass.get(ancestor, 0) > mass.get(container, 0) or _holds_related(page, ancestor):
                break
            region = ancestor
        return region
    assert heading is not None  # both None returned above; no heading handled above
    if container is None:
        region = heading.getparent()
    else:
        ancestors = set(container.iterancestors()) | {container}
        region = next((a for a in heading.iterancestors() if a in ancestors), None)
    return None if region is None or is_page_wrapper(region) else region


def _last_descendant(el: HtmlElement) -> HtmlElement:
    """Return the last element of ``el``'s subtree in document order (``el`` if it has none)."""
    while len(el):
        el = el[-1]
    return el


def _body_text_elements(container: HtmlElement | None) -> set[HtmlElement]:
    """Return the elements of ``container`` from its first real paragraph on (the body text)."""
    if container is None:
        return set()
    found: set[HtmlElement] = set()
    started = False
    for el in container.iter():
        if not started and el.tag == "p" and len(el.text_content()) >= MIN_BODY_PARAGRAPH:
            started = True
        if started:
            found.add(el)
    return found


def _holds_related(page: Page, el: HtmlElement) -> bool:
    """Return True if ``el`` holds a related / Recent news block."""
    return any(el in block.iterancestors() for block in page.related_roots)
