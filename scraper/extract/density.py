"""Evidence about where a page's article text is: text mass and link density.

Boilerplate is judged by what the page shows, not by what its class names say (a real body
sits in ``div.l-sidebar-fixed`` or ``field--label-hidden``): a paragraph is *article-like* when
it is a sentence-length run of text that is mostly not link text, outside navigation, asides,
footers, forms and the related / Recent news blocks. The *mass* of an element is the length of
the article-like paragraphs under it. The element holding most of a page's mass holds its text.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from lxml.html import HtmlElement

from scraper.extract import selectors as sel

# A paragraph this long is a sentence, not a label or a menu item (characters).
MIN_PARAGRAPH_CHARS: Final = 40
# A block whose text is more than this share of link text is navigation, not prose.
MAX_LINK_SHARE: Final = 0.5
# Tags whose content is page furniture, never the article (the ``<header>`` of the page, too).
_CHROME_TAGS: Final = frozenset({"nav", "aside", "footer", "header", "form", "script", "style"})
_PARAGRAPH_TAGS: Final = ("p", "blockquote", "pre")


def link_share(el: HtmlElement) -> float:
    """Return the share (0.0–1.0) of ``el``'s text that sits inside links."""
    text = len(el.text_content().strip())
    if not text:
        return 0.0
    linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return min(1.0, linked / text)


def is_prose(el: HtmlElement) -> bool:
    """Return True if ``el`` holds sentence-length text that is mostly not links."""
    return (
        len(el.text_content().strip()) >= MIN_PARAGRAPH_CHARS and link_share(el) <= MAX_LINK_SHARE
    )


def has_prose(el: HtmlElement) -> bool:
    """Return True if ``el`` or a paragraph inside it is prose (an embedded quote, a tweet)."""
    paragraphs = [p for p in el.iter(*_PARAGRAPH_TAGS) if p is not el]
    return any(is_prose(p) for p in paragraphs) or (not paragraphs and is_prose(el))


def text_mass(root: HtmlElement, excluded: Collection[HtmlElement] = ()) -> dict[HtmlElement, int]:
    """Return ``{element: characters of article-like paragraphs under it}`` for ``root``.

    ``excluded``: elements whose paragraphs never count (the related blocks' elements).
    Paragraphs inside chrome tags or hidden elements do not count either.
    """
    mass: dict[HtmlElement, int] = {}
    for p in root.iter(*_PARAGRAPH_TAGS):
        if p in excluded or not is_prose(p):
            continue
        ancestors = list(p.iterancestors())
        if any(a.tag in _CHROME_TAGS or sel.is_hidden(a) for a in ancestors):
            continue
        if any(a.tag in _PARAGRAPH_TAGS for a in ancestors):
            continue  # counted once, by its outermost paragraph-like element
        size = len(p.text_content().strip())
        mass[p] = mass.get(p, 0) + size
        for ancestor in ancestors:
            mass[ancestor] = mass.get(ancestor, 0) + size
    return mass
