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
# A line this much link text is a link line: a teaser's title, a "Read more" line, a list item.
LINK_LINE_SHARE: Final = 0.6
# Tags whose content is page furniture, never the article (the ``<header>`` of the page, too).
_CHROME_TAGS: Final = sel.CHROME_TAGS | {"form", "script", "style"}
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
    """Return ``{element: characters of article-like text under it}`` for ``root``.

    The text units are paragraphs (``p``, ``blockquote``, ``pre``) and leaf blocks holding text
    directly (a ``div`` or ``td`` paragraph, common on Vietnamese CMSs). A unit counts when it
    is prose and not a teaser's summary (a short text right after a headline link: a card of
    a "Highlights" grid or a Recent news item). Never counted: units in ``excluded`` (the
    related blocks' elements), in chrome tags, hidden, or in a comment list. Two linear passes:
    top-down to find the units, bottom-up to add their sizes to every ancestor.
    """
    mass: dict[HtmlElement, int] = {}
    skipped: set[HtmlElement] = set()  # chrome, hidden, related, comments, or inside a unit
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    blocks_below: set[HtmlElement] = set()  # elements with a block-level descendant
    for el in reversed(order):
        parent = el.getparent()
        if parent is not None and (el.tag in sel.BLOCK_TAGS or el in blocks_below):
            blocks_below.add(parent)
    for el in order:
        parent = el.getparent()
        if (parent is not None and parent in skipped) or _never_text(el, excluded):
            skipped.add(el)
            continue
        leaf = el.tag in _LEAF_TAGS and el not in blocks_below and _has_own_text(el)
        if el.tag in _PARAGRAPH_TAGS or leaf:
            skipped.add(el)  # its descendants belong to it
            if is_prose(el) and not is_teaser_summary(el):
                mass[el] = len(el.text_content().strip())
    for el in reversed(order):  # children come after their parent in document order
        size = mass.get(el)
        parent = el.getparent()
        if size and parent is not None:
            mass[parent] = mass.get(parent, 0) + size
    return mass


# Leaf blocks that hold a paragraph's text directly when a CMS writes no <p>.
_LEAF_TAGS: Final = frozenset({"div", "td", "li", "dd", "section", "article", "span"})
# A teaser's summary is short and follows its headline link (within two siblings).
MAX_TEASER_SUMMARY: Final = 300
MAX_TEASER_HEADLINE: Final = 200
_TEASER_LOOKBACK: Final = 2  # the headline link, or a label or thumbnail and then the link
MAX_TEASER_LABEL: Final = 60  # a section label or a date between a teaser's title and summary
_HEADING_TAGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _never_text(el: HtmlElement, excluded: Collection[HtmlElement]) -> bool:
    """Return True for an element whose content never counts as article text."""
    return (
        el.tag in _CHROME_TAGS
        or el in excluded
        or sel.is_hidden(el)
        or bool(sel.class_parts(el) & sel.COMMENT_PARTS)
    )


def _has_own_text(el: HtmlElement) -> bool:
    """Return True if ``el`` holds text directly (not only inside its child elements)."""
    return bool((el.text or "").strip()) or any((child.tail or "").strip() for child in el)


def is_teaser_summary(el: HtmlElement) -> bool:
    """Return True for a short text that follows a headline link: a teaser's summary."""
    if len(el.text_content().strip()) > MAX_TEASER_SUMMARY:
        return False
    node = el
    for _ in range(_TEASER_LOOKBACK):
        node = node.getprevious()
        while node is not None and not isinstance(node.tag, str):
            node = node.getprevious()
        if node is None:
            return False
        text = len(node.text_content().strip())
        if 0 < text <= MAX_TEASER_HEADLINE and link_share(node) >= LINK_LINE_SHARE:
            return True
        if node.tag in _HEADING_TAGS or text > MAX_TEASER_LABEL:
            return False  # the article's own headline, or text: the link is not its title
    return False
