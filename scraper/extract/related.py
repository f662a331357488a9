"""The related / Recent news block: find it, read its article links.

Recent news lists the site's newest articles at visit time, not articles related to this one:
its links are kept as the page's related links, and the block is kept out of the body and the
date search.
"""

from __future__ import annotations

from typing import Final

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract import selectors as sel
from scraper.extract.density import LINK_LINE_SHARE, is_prose, link_share
from scraper.extract.found import Found
from scraper.extract.text import clean_text, is_related_heading
from scraper.items import RelatedLink

MIN_RELATED_LINKS: Final = 2
# A teaser list has a lead or two per link; an article's text has many paragraphs per link.
MAX_PROSE_PER_LINK: Final = 2
MAX_HEADING_CHARS: Final = 40


def _article_links(el: HtmlElement) -> int:
    """Return how many links under ``el`` look like article links (by href shape)."""
    return sum(1 for a in el.iter("a") if ".html" in (a.get("href") or ""))


def _link_lines(el: HtmlElement) -> int:
    """Return how many article links under ``el`` are titles (in a list, a heading, a line of
    their own), not links inside a sentence: a paragraph around them is mostly link text."""
    count = 0
    for a in el.iter("a"):
        if ".html" not in (a.get("href") or ""):
            continue
        paragraph = next((p for p in a.iterancestors() if p.tag == "p"), None)
        if paragraph is None or link_share(paragraph) >= LINK_LINE_SHARE:
            count += 1
    return count


_TITLE_TAGS: Final = ("h1", "h2", "h3", "h4", "h5", "h6")


def _prose_paragraphs(el: HtmlElement) -> int:
    """Return how many paragraphs under ``el`` are prose (sentences, mostly not links)."""
    return sum(1 for p in el.iter("p") if is_prose(p))


# Text nodes that may be a related-block heading: short, holding one of the headings' words.
# XPath (C speed) does the first cut; ``is_related_heading`` decides.
_HEADING_TEXT_XPATH: Final = (
    "//text()[string-length(normalize-space(.)) > 0 and string-length(normalize-space(.)) < 40"
    " and (contains(translate(., 'NEWSRADTICLMO', 'newsradticlmo'), 'news')"
    " or contains(translate(., 'NEWSRADTICLMO', 'newsradticlmo'), 'read more')"
    " or contains(translate(., 'NEWSRADTICLMO', 'newsradticlmo'), 'articles')"
    " or contains(translate(., 'TIN', 'tin'), 'tin '))]"
)
_CLASSED_XPATH: Final = "//*[@class or @id]"
# Related blocks are often <aside>, <footer> or <nav>; other skipped tags never are.
_NOT_RELATED_TAGS: Final = sel.SKIP_TAGS - {"aside", "footer", "nav"}


def related_containers(
    root: HtmlElement, classed: list[HtmlElement] | None = None
) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """Return (the Recent news blocks, every related-like block) of a page.

    Recent news blocks are found by their heading (``Recent news`` or a variant): the nearest
    ancestor that holds at least two article links. Related-like blocks add those named
    ``related``/``recent`` by class or id ("Related items", "Most read" …). The first list
    gives the record's related links (all related-like blocks when no heading is found);
    the second is kept out of the body, the dates and the labels.
    ``classed``: the page's elements with a class or id, if the caller already has them.
    """
    headed: list[HtmlElement] = []
    for node in root.xpath(_HEADING_TEXT_XPATH):
        el = node.getparent()
        if node.is_tail or el is None or el.tag in ("script", "style", "title"):
            continue
        text = clean_text(el.text_content())
        if len(text) > MAX_HEADING_CHARS or not is_related_heading(text):
            continue
        for ancestor in el.iterancestors():
            if ancestor.tag in ("body", "html") or ancestor.find(".//h1") is not None:
                break  # the page or the article itself (its headline) is never a related block
            if not _article_links(ancestor):
                continue
            # The nearest block holding a link, unless it holds the article's text: a box in
            # the text with one link ("Related news" and one title) is still a related box,
            # and the article around it is not (its links inside sentences are no titles).
            if _prose_paragraphs(ancestor) <= MAX_PROSE_PER_LINK * _link_lines(ancestor):
                headed.append(ancestor)
            break
    named = [
        el
        for el in (root.xpath(_CLASSED_XPATH) if classed is None else classed)
        if el.tag not in _NOT_RELATED_TAGS
        and sel.class_parts(el) & sel.RELATED_PARTS
        and _article_links(el) >= MIN_RELATED_LINKS
    ]
    return _outermost(headed), _outermost(headed + named)


def _outermost(found: list[HtmlElement]) -> list[HtmlElement]:
    """Return the elements of ``found`` not inside another one (a heading inside a named block
    finds both), in document order of discovery."""
    return [el for el in found if not any(o is not el and o in el.iterancestors() for o in found)]


def extract_related(
    root: HtmlElement, base: str, containers: list[HtmlElement], own_id: str | None = None
) -> Found[list[RelatedLink]]:
    """Return the related links in page order, deduplicated by article id, and how they were
    found. A link to the page's own article (``own_id``) is never a related link."""
    links: dict[str, RelatedLink] = {}
    # How good each id's title is: 3 a heading inside the link (a card wrapping a section label,
    # the title and a summary), 2 a link's own text, 1 an image's alt or a title attribute
    # ("Continue reading …"), 0 none. A better source replaces a worse one.
    quality: dict[str, int] = {}
    for container in containers:
        for a in container.iter("a"):
            target = urls.resolve(a.get("href"), base)
            ident = urls.article_id(target) if target else None
            if target is None or ident is None or ident == own_id:
                continue
            link = links.setdefault(ident, RelatedLink(url=urls.canonical(target)))
            img = next(a.iter("img"), None)
            heading = next(a.iter(*_TITLE_TAGS), None)
            for rank, title in (
                (3, clean_text(heading.text_content()) if heading is not None else ""),
                (2, clean_text(a.text_content())),
                (1, clean_text(img.get("alt")) if img is not None else ""),
                (1, clean_text(a.get("title"))),
            ):
                if title and rank > quality.get(ident, 0):
                    link.title, quality[ident] = title, rank
                    break
    return Found(list(links.values()), "site:related block" if links else "")
