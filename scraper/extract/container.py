"""The body's container: the element holding the article text, and how it was found.

In order: an element named like a body (``div.detail-content``, ``itemprop=articleBody``), the
``<article>`` with the most text, the parent of the lead paragraph (dateline or page summary);
failing those, the body unit asks trafilatura and ``locate_container`` finds the element its
paragraphs sit in.
"""

from __future__ import annotations

from typing import Final

from lxml.html import HtmlElement

from scraper.extract import selectors as sel
from scraper.extract.found import Found
from scraper.extract.page import Page, is_description, is_page_wrapper
from scraper.extract.text import clean_text, has_dateline

# A body shorter than this from a container means the container was wrong: try generic.
MIN_BODY_CHARS: Final = 150
# A container must hold this share of the page's article-like text (``density.text_mass``).
CONTAINER_SHARE: Final = 0.5
# Paragraphs a dateline-anchored container must hold to be trusted.
MIN_ANCHOR_PARAGRAPHS: Final = 3
# Locating trafilatura's text in the page: paragraphs this long identify their element, and
# the container is the deepest element holding this share of the matched paragraphs.
MIN_LOCATE_CHARS: Final = 60
MAX_LOCATE_CHILDREN: Final = 12
LOCATE_SHARE: Final = 0.8
MAX_LOCATE_SLACK: Final = 200
_SMALL_XPATH: Final = "|".join(
    f"//{tag}[count(*) <= $children and string-length(.) <= $limit]" for tag in sel.TEXT_HOLDER_TAGS
)


def find_container(page: Page) -> Found[HtmlElement | None]:
    """Return the element holding the article text and how it was found.

    Candidates, in order: an element named like a body, the ``<article>`` with the most text,
    the parent of the lead paragraph (dateline or page summary). Names are guesses: each
    candidate must also hold most of the page's article-like text (``density.text_mass``), so
    a teaser of another article or a small box named ``article-body`` is not taken; a page
    wrapper (``<body id="article_body">``, anything holding the site's navigation) neither.
    """
    root = page.root
    named = [
        el
        for el in page.classed
        if (el.get("itemprop") == "articleBody" or sel.has_name(el, sel.BODY_NAMES))
        and not page.in_related(el)
        and not is_page_wrapper(el)
    ]
    if named:
        best = max(named, key=lambda el: _size(page, el))
        size = _size(page, best)
        # The innermost candidate that still holds nearly all of the text.
        for el in named:
            mass, chars = _size(page, el)
            if best in el.iterancestors() and mass >= 0.8 * size[0] and chars >= 0.8 * size[1]:
                best = el
        if any(size) and holds_text(page, best):
            return Found(best, "site:named container")
    articles = [el for el in root.iter("article") if not page.in_related(el)]
    if articles:
        best = max(articles, key=lambda el: _size(page, el))
        if max(_size(page, best)) >= MIN_BODY_CHARS and holds_text(page, best):
            return Found(best, "site:<article>")
    description = page.description()
    for p in root.iter("p"):
        text = clean_text(p.text_content())
        anchored = has_dateline(text) or is_description(text, description)
        if anchored and not page.in_related(p):
            parent = p.getparent()
            if (
                parent is not None
                and len(parent.findall("p")) >= MIN_ANCHOR_PARAGRAPHS
                and holds_text(page, parent)
            ):
                return Found(parent, "site:lead anchor")
    return Found(None)


def _size(page: Page, el: HtmlElement) -> tuple[int, int]:
    """Return how much text ``el`` holds: its article-like text (``density.text_mass``: ``<p>``
    and ``<div>`` paragraphs), then its ``<p>`` text (captions of a photo essay count there)."""
    return page.text_mass().get(el, 0), _paragraph_chars(el)


def _paragraph_chars(el: HtmlElement) -> int:
    """Return the length of the text in ``el``'s ``<p>`` descendants (cheap density measure)."""
    return sum(len(p.text_content()) for p in el.iter("p"))


def holds_text(page: Page, el: HtmlElement) -> bool:
    """Return True if ``el`` holds most of the page's article-like text (or the page has none:
    a photo essay of captions gives no evidence either way)."""
    mass = page.text_mass()
    total = mass.get(page.root, 0)
    return total == 0 or mass.get(el, 0) >= CONTAINER_SHARE * total


def locate_container(root: HtmlElement, paragraphs: list[str]) -> HtmlElement | None:
    """Return the deepest element holding most of ``paragraphs`` (texts found elsewhere).

    Lets a generic extractor *locate* the article while our block walk *reads* it: the walk
    keeps what generic output loses (images, captions, italics, the byline's place).
    """
    wanted = {text for text in paragraphs if len(text) >= MIN_LOCATE_CHARS}
    if not wanted:
        return None
    # XPath (C speed) keeps the small elements first: reading the text of every wrapper in
    # Python costs O(page x depth) on deeply nested pages.
    limit = 2 * max(map(len, wanted)) + MAX_LOCATE_SLACK
    small = root.xpath(_SMALL_XPATH, limit=limit, children=MAX_LOCATE_CHILDREN)
    matched = [el for el in small if clean_text(el.text_content()) in wanted]
    if not matched:
        return None
    # Linear passes (a page can be 1,000 levels deep): how many matched elements lie strictly
    # inside each element, bottom-up; then the deepest element holding enough of them.
    found = set(matched)
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    inside: dict[HtmlElement, int] = {}
    for el in reversed(order):
        parent = el.getparent()
        below = inside.get(el, 0) + (el in found)
        if parent is not None and below:
            inside[parent] = inside.get(parent, 0) + below
    depth: dict[HtmlElement, int] = {}
    for el in order:
        parent = el.getparent()
        depth[el] = depth.get(parent, -1) + 1 if parent is not None else 0
    enough = [a for a, n in inside.items() if n >= LOCATE_SHARE * len(matched)]
    return max(enough, key=lambda a: depth[a]) if enough else None
