"""The section label as the page shows it (``NEWS - POLITICS``), else the one known for its slug."""

from __future__ import annotations

from typing import Final

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract import selectors as sel
from scraper.extract.found import Found
from scraper.extract.metadata import jsonld_text
from scraper.extract.page import Page
from scraper.extract.text import clean_text
from scraper.site import SECTION_LABELS

MAX_LABEL_CHARS: Final = 60
MENU_MIN_SECTIONS: Final = 3
KNOWN_LABEL: Final = "site:known label of the slug"  # site.py's, not shown on the page


def extract_label(page: Page, category: str | None) -> Found[str | None]:
    """Return the section label and how it was found: JSON-LD articleSection,
    ``article:section``, the breadcrumb, a link to the section's listing, else the label known
    in ``site.py``."""
    shown = _shown_label(page, category)
    for value, how in (
        (jsonld_text(page.meta.jsonld, "articleSection"), "structured:json-ld articleSection"),
        (page.meta.meta.get("article:section"), "structured:meta article:section"),
    ):
        label = clean_label(value or "")
        if label:
            if (
                shown.value
                and shown.how != KNOWN_LABEL
                and shown.value != label
                and shown.value.casefold() == label.casefold()
            ):
                # The same label in the page's own casing (``NEWS - POLITICS``, not the
                # structured data's ``News - Politics``): stored as the page shows it.
                return Found(shown.value, f"{shown.how} (agrees with {how.split(':', 1)[1]})")
            return Found(label, how)
    return shown


def _shown_label(page: Page, category: str | None) -> Found[str | None]:
    """Return the label the page shows for ``category``: breadcrumb, a link to the section,
    a menu link, else the label known for the slug."""
    if category is None:
        return Found(None)
    in_crumbs: list[str] = []
    elsewhere: list[str] = []
    in_menus: list[str] = []
    slug_head = category.split(" ")[0]
    for link in page.root.iter("a"):
        if slug_head not in (link.get("href") or "") or page.in_related(link):
            continue
        target = urls.resolve(link.get("href"), page.base)
        if not target or urls.classify(target) != "listing" or urls.category(target) != category:
            continue
        label = clean_label(link.text_content())
        if not label:
            continue
        if any(sel.is_breadcrumb(a) for a in link.iterancestors()):
            in_crumbs.append(label)
        elif _in_menu(link, page.base):
            in_menus.append(label)
        else:
            elsewhere.append(label)
    if in_crumbs:
        return Found(in_crumbs[0], "site:breadcrumb link")
    if elsewhere:
        return Found(elsewhere[0], "site:link to the section")
    if in_menus:
        return Found(in_menus[0], "site:menu link to the section")
    known = SECTION_LABELS.get(category)
    return Found(known, KNOWN_LABEL) if known else Found(None)


def _in_menu(link: HtmlElement, base: str) -> bool:
    """Return True if ``link`` sits in a menu: a nav/header element, or among 3+ section links.

    A menu shows every section (``POLITICS | ECONOMY | …``), often in today's wording; the
    article's own section label (``BUSINESS`` on a 2024 page) sits alone.
    """
    for ancestor in link.iterancestors():
        if ancestor.tag in sel.MENU_TAGS or sel.class_parts(ancestor) & sel.MENU_PARTS:
            return True
    parent = link.getparent()
    if parent is not None and parent.tag == "li":
        parent = parent.getparent()
    if parent is None:
        return False
    sections = {
        urls.category(target)
        for a in parent.iter("a")
        if (target := urls.resolve(a.get("href"), base)) and urls.classify(target) == "listing"
    }
    return len(sections - {None}) >= MENU_MIN_SECTIONS


def clean_label(text: str) -> str | None:
    """Return a section label as shown (``NEWS - POLITICS``), without stray dashes."""
    text = clean_text(text).strip(" -–—|»›>/")
    return text if 0 < len(text) <= MAX_LABEL_CHARS else None
