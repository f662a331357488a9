"""Article extraction: a cascade per field, each step recorded in the provenance.

Steps, in order: ``structured`` (JSON-LD, OpenGraph, microdata, ``<meta>``, ``<time>``,
canonical) -> ``site`` (the rules of ``site.py``/``text.py`` over the page's blocks) ->
``generic`` (trafilatura, for the body only, when no content container is found: it *locates*
the element holding the text, and our block walk *reads* it, so captions, images and the
byline keep their markup; its own text output is the last resort). A field no step can fill is
None (or ``[]``), never a guess.

The body's container, in order: an element named like a body (``div.detail-content``,
``itemprop=articleBody``), the ``<article>`` with the most text, the parent of the lead
paragraph (dateline or page summary), the element holding trafilatura's paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from itertools import chain
from typing import Any, Final

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract import selectors as sel
from scraper.extract.blocks import Block, describe, walk
from scraper.extract.dates import is_date_line, page_day, parse_date
from scraper.extract.density import text_mass
from scraper.extract.generic import generic_blocks
from scraper.extract.html import ExtractionError, parse_html
from scraper.extract.metadata import Metadata, jsonld_people, jsonld_text, read_metadata
from scraper.extract.related import extract_related, related_containers
from scraper.extract.text import (
    Byline,
    clean_text,
    has_dateline,
    is_boilerplate_line,
    is_comment_marker,
    is_credit_only,
    is_end_heading,
    is_related_heading,
    is_site_name,
    parse_author_value,
    parse_byline,
    parse_byline_line,
    same_text,
    split_credit,
    strip_dateline,
    strip_label,
    strip_site_name,
)
from scraper.items import Article, ArticleExtraction, Image
from scraper.site import SECTION_LABELS

# A body shorter than this from a container means the container was wrong: try generic.
MIN_BODY_CHARS: Final = 150
# A container must hold this share of the page's article-like text (``density.text_mass``).
CONTAINER_SHARE: Final = 0.5
MAX_LEAD_PARAGRAPHS: Final = 2
NOT_ARTICLE_DATE_PARTS: Final = frozenset({"today", "clock", "current", "weather", "now"})
MIN_SHARED_WORDS: Final = 1 / 3
# Paragraphs a dateline-anchored container must hold to be trusted.
MIN_ANCHOR_PARAGRAPHS: Final = 3
MAX_LABEL_CHARS: Final = 60
MAX_CAPTION_CHARS: Final = 400
MAX_SUBHEADING_CHARS: Final = 150
MENU_MIN_SECTIONS: Final = 3
MAX_DATE_CHILDREN: Final = 6
MAX_DATE_RAW_CHARS: Final = 200
MIN_BODY_PARAGRAPH: Final = 40  # characters: a paragraph this long is body text (or lead)
_DIGITS_RE: Final = re.compile(r"\d{4}")  # every date form we read has a 4-digit year
# A visible date line announcing an update, not the publication.
_UPDATED_RE: Final = re.compile(r"^\s*(?:updated|last updated|cập nhật|sửa)", re.I)
# A summary this long identifies its paragraph by prefix (og:description is often cut short).
MIN_SUMMARY_CHARS: Final = 40
MAX_LEAD_CHILDREN: Final = 4  # a visible summary is a leaf-like element (a <p>, a few inlines)
# Locating trafilatura's text in the page: paragraphs this long identify their element, and
# the container is the deepest element holding this share of the matched paragraphs.
MIN_LOCATE_CHARS: Final = 60
MAX_LOCATE_CHILDREN: Final = 12
LOCATE_SHARE: Final = 0.8
# A block this much link text is a link line; one among the next few blocks after a related
# box's links makes the rest a list of teasers.
LINK_LINE_SHARE: Final = 0.6
LINK_LIST_WINDOW: Final = 3
# A list of teasers at the end: labels this short, leads this long, at least this many links.
MAX_TEASER_LABEL: Final = 80
MAX_TEASER_LEAD: Final = 300
MIN_TEASER_LINKS: Final = 2
# The dateline paragraph is the lead only near the top (a quoted "ĐBP -" later is body text).
MAX_BLOCKS_BEFORE_LEAD: Final = 4
_UNSET: Final = object()
VISIBLE: Final = "site:visible date"
CHROME_TAGS: Final = frozenset({"nav", "footer", "aside", "header"})
MAX_REGION_LEVELS: Final = 3  # how far above a body with no headline its dates may sit
MENU_PARTS: Final = frozenset({"menu", "nav", "navbar", "navigation", "topbar", "mainmenu"})


@dataclass(kw_only=True, slots=True)
class _Page:
    """Everything read once from a page, shared by the field extractors."""

    root: HtmlElement
    url: str
    base: str
    meta: Metadata
    now: datetime
    related_roots: list[HtmlElement] = field(default_factory=list)
    recent_roots: list[HtmlElement] = field(default_factory=list)
    related_set: set[HtmlElement] = field(default_factory=set)
    # Elements with a class, id or itemprop: the only ones named rules can match (read once).
    classed: list[HtmlElement] = field(default_factory=list)
    heading: Any = None  # the main <h1>, found once (``_UNSET`` until looked up)
    mass: dict[HtmlElement, int] | None = None  # see ``text_mass``

    def text_mass(self) -> dict[HtmlElement, int]:
        """Return the article-like text under each element (computed once, when needed)."""
        if self.mass is None:
            self.mass = text_mass(self.root, self.related_set)
        return self.mass

    def in_related(self, el: HtmlElement) -> bool:
        """Return True if ``el`` is inside a related / Recent news block."""
        return el in self.related_set


# --- container ------------------------------------------------------------------------------


def _paragraph_chars(el: HtmlElement) -> int:
    """Return the length of the text in ``el``'s ``<p>`` descendants (cheap density measure)."""
    return sum(len(p.text_content()) for p in el.iter("p"))


def find_container(page: _Page) -> tuple[HtmlElement | None, str]:
    """Return the element holding the article text and how it was found, or (None, "").

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
        and not _is_page_wrapper(el)
    ]
    if named:
        best = max(named, key=_paragraph_chars)
        size = _paragraph_chars(best)
        # The innermost candidate that still holds nearly all of the text.
        for el in named:
            if best in el.iterancestors() and _paragraph_chars(el) >= 0.8 * size:
                best = el
        if size and _holds_text(page, best):
            return best, "site:named container"
    articles = [el for el in root.iter("article") if not page.in_related(el)]
    if articles:
        best = max(articles, key=_paragraph_chars)
        if _paragraph_chars(best) >= MIN_BODY_CHARS and _holds_text(page, best):
            return best, "site:<article>"
    description = _description(page)
    for p in root.iter("p"):
        text = clean_text(p.text_content())
        anchored = has_dateline(text) or _is_description(text, description)
        if anchored and not page.in_related(p):
            parent = p.getparent()
            if (
                parent is not None
                and len(parent.findall("p")) >= MIN_ANCHOR_PARAGRAPHS
                and _holds_text(page, parent)
            ):
                return parent, "site:lead anchor"
    return None, ""


def _holds_text(page: _Page, el: HtmlElement) -> bool:
    """Return True if ``el`` holds most of the page's article-like text (or the page has none:
    a photo essay of captions gives no evidence either way)."""
    mass = page.text_mass()
    total = mass.get(page.root, 0)
    return total == 0 or mass.get(el, 0) >= CONTAINER_SHARE * total


def _is_page_wrapper(el: HtmlElement) -> bool:
    """Return True for an element that wraps the page rather than the article: ``<body>``,
    ``<html>``, or one holding the site's navigation."""
    return el.tag in ("body", "html") or el.find(".//nav") is not None


def _description(page: _Page) -> str | None:
    """Return the page's own summary: JSON-LD description, og:description, meta description."""
    return (
        jsonld_text(page.meta.jsonld, "description")
        or page.meta.meta.get("og:description")
        or page.meta.meta.get("description")
    )


def _is_description(text: str, description: str | None) -> bool:
    """Return True if ``text`` is the page's summary (which may be cut short with "…")."""
    if not description or not text:
        return False
    text, summary = strip_dateline(text)[0], strip_dateline(description)[0]
    summary = summary.rstrip(" .…").removesuffix("...")
    if len(summary) < MIN_SUMMARY_CHARS:
        return same_text(text, summary)
    return text.casefold().startswith(summary.casefold())


# --- blocks -> fields -----------------------------------------------------------------------


def _cut_at_end(blocks: list[Block]) -> list[Block]:
    """Return the blocks before the article's end, without in-text related boxes.

    The comment form and the site's own end-of-article block (``Recent news``) end it. After
    a related heading ("Related news", "Read more") the link lines under it are dropped; the
    heading ends the article only if nothing but teasers follows (more link lines within the
    next few blocks, or nothing at all). Otherwise it was a box inside the text and the text
    goes on: a byline after a one-link "Related" box stays the byline.
    """
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        texty = block.kind in ("text", "heading", "title")
        if block.kind == "stop" or (
            texty and (is_comment_marker(block.text) or is_end_heading(block.text))
        ):
            return kept
        if texty and is_related_heading(block.text):
            after = _after_link_lines(blocks, i + 1)
            if _teasers_from(blocks, after):
                return kept
            i = after
            continue
        kept.append(block)
        i += 1
    return kept


def _after_link_lines(blocks: list[Block], start: int) -> int:
    """Return the index of the first block from ``start`` that is not a link line."""
    i = start
    while i < len(blocks) and blocks[i].kind != "stop" and blocks[i].links >= LINK_LINE_SHARE:
        i += 1
    return i


def _teasers_from(blocks: list[Block], start: int) -> bool:
    """Return True if only teasers are left from ``start``: nothing, or link lines again
    within the next few text blocks (title link, lead, title link …)."""
    window = [b for b in blocks[start:] if b.text][:LINK_LIST_WINDOW]
    return not window or any(b.links >= LINK_LINE_SHARE for b in window)


def _drop_teaser_tail(blocks: list[Block]) -> list[Block]:
    """Return ``blocks`` without a trailing list of teasers ("You may also like", "Most
    popular": link lines, their short labels and one-line leads after the article's text).

    Read backwards from the end: link lines, short lines and a lead right after a link line
    belong to the tail; the first real paragraph ends it. The tail is dropped from its first
    link line (and a heading just above it) when it holds at least two link lines: one link
    after the text is a "Read more" line, handled by the boilerplate rules.
    """
    start = len(blocks)
    for j in range(len(blocks) - 1, -1, -1):
        block = blocks[j]
        follows_link = j > 0 and blocks[j - 1].links >= LINK_LINE_SHARE
        label_or_link = block.links >= LINK_LINE_SHARE or len(block.text) < MAX_TEASER_LABEL
        teaser_lead = follows_link and len(block.text) <= MAX_TEASER_LEAD
        if not (label_or_link or teaser_lead):
            break
        start = j
    tail = blocks[start:]
    links = [i for i, b in enumerate(tail) if b.links >= LINK_LINE_SHARE]
    if len(links) < MIN_TEASER_LINKS:
        return blocks
    cut = start + links[0]
    before = blocks[cut - 1] if cut > 0 else None
    if before is not None and (before.kind == "heading" or before.text.endswith((":", "...", "…"))):
        cut -= 1
    return blocks[:cut]


def _looks_like_caption(block: Block) -> bool:
    """Return True for a text block that reads as a caption when it follows an image."""
    if block.kind == "caption":
        return True
    if block.kind != "text" or len(block.text) > MAX_CAPTION_CHARS:
        return False
    caption, credit = split_credit(block.text)
    return block.italic or (credit is not None and (caption is None or len(caption) < 300))


def _pair_images(blocks: list[Block], base: str) -> tuple[list[Block], list[Image]]:
    """Return (blocks without images and captions, images with their captions and credits)."""
    kept: list[Block] = []
    images: list[Image] = []
    last_image: Image | None = None
    last_alt = ""
    for block in blocks:
        if block.kind == "image" and block.src:
            url = urls.resolve(block.src, base)
            if url:
                last_image, last_alt = Image(url=url), block.alt
                images.append(last_image)
            continue
        # A line repeating the image's alt text is its caption (CMSs copy one to the other).
        repeats_alt = bool(last_alt) and split_credit(block.text)[0] == last_alt
        if (
            block.kind in ("text", "caption")
            and (_looks_like_caption(block) or (repeats_alt and last_image is not None))
            and (last_image is not None or block.kind == "caption")
        ):
            if last_image is not None and last_image.caption is None and last_image.credit is None:
                last_image.caption, last_image.credit = split_credit(block.text)
            continue  # an orphan caption is still not body text
        if block.text:
            last_image = None
        kept.append(block)
    return kept, images


def _unique_images(images: list[Image]) -> list[Image]:
    """Return images deduplicated by URL, in order."""
    seen: set[str] = set()
    unique = []
    for image in images:
        if image.url not in seen:
            seen.add(image.url)
            unique.append(image)
    return unique


# --- field extractors -----------------------------------------------------------------------


def extract_title(page: _Page) -> tuple[str | None, str]:
    """Return (title, provenance): the headline as shown.

    JSON-LD headline or og:title, unless the page's ``<h1>`` says otherwise: structured titles
    can lag behind an edited headline (like the slugs do), and the title is what readers saw.
    """
    h1 = page_heading(page)
    heading = _heading_element(page)
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
                return h1, f"site:<h1> (differs from {how.split(':', 1)[1]})"
            return value, how
    if h1:
        return h1, "site:<h1>"
    title_el = page.root.find(".//title")
    if title_el is not None and clean_text(title_el.text_content()):
        return strip_site_name(title_el.text_content()), "site:<title>"
    return None, ""


def _shares_words(a: str, b: str) -> bool:
    """Return True if two titles share at least a third of their words (a reworded headline)."""
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    return bool(wa and wb) and len(wa & wb) >= MIN_SHARED_WORDS * min(len(wa), len(wb))


def page_heading(page: _Page) -> str | None:
    """Return the text of the page's main ``<h1>`` (not a logo, not in Recent news), or None."""
    element = _heading_element(page)
    return clean_text(element.text_content()) if element is not None else None


def _heading_element(page: _Page) -> HtmlElement | None:
    """Return the page's headline element (looked up once per page), or None.

    The first ``<h1>`` that is not the site's name; on a page with no ``<h1>`` (Joomla/K2 uses
    ``<h2 class="itemTitle">``), the first ``<h2>``/``<h3>`` named like a title.
    """
    if page.heading is _UNSET:

        def usable(el: HtmlElement) -> bool:
            text = clean_text(el.text_content())
            return bool(text) and not page.in_related(el) and not is_site_name(text)

        titled = (
            el
            for el in page.root.iter("h2", "h3")
            if any("title" in part or "headline" in part for part in sel.class_parts(el))
        )
        heading = next(filter(usable, page.root.iter("h1")), None)
        page.heading = heading if heading is not None else next(filter(usable, titled), None)
    return page.heading


def _lead_element(page: _Page) -> HtmlElement | None:
    """Return the page's sapo element (``div.sapo`` and the like), or None.

    A lead runs over two paragraphs at most: a lead-named element holding more (a CMS that
    puts the whole text in its "intro" field) is the body, not the sapo. It sits after the
    headline: a ``desc``-named element above it is the masthead's tagline or a logo's text.
    """
    named = (el for el in page.classed if sel.has_name(el, sel.LEAD_NAMES))
    return next((el for el in named if _may_be_lead(page, el)), None)


def _summary_element(page: _Page) -> HtmlElement | None:
    """Return the element after the headline whose text is the page's own summary, or None.

    A Drupal lead field (``itemprop=description``), a styled ``<h2>``: the summary as shown.
    """
    description = _description(page)
    if not description or len(description) < MIN_SUMMARY_CHARS:
        return None
    summaries = (
        el
        for el in page.root.iter("p", "div", "h2", "h3", "span", "section")
        if len(el) <= MAX_LEAD_CHILDREN
        and _is_description(clean_text(el.text_content()), description)
    )
    return next((el for el in summaries if _may_be_lead(page, el)), None)


def _may_be_lead(page: _Page, el: HtmlElement) -> bool:
    """Return True if ``el`` can be the lead: shown, short, after the headline, not related."""
    heading = _heading_element(page)
    return (
        el.tag != "meta"
        and not page.in_related(el)
        and bool(clean_text(el.text_content()))
        and len(_paragraphs_of(el)) <= MAX_LEAD_PARAGRAPHS
        and (
            heading is None
            or (heading not in el.iterdescendants() and not _before(page.root, el, heading))
        )
    )


def _before(root: HtmlElement, el: HtmlElement, other: HtmlElement | None) -> bool:
    """Return True if ``el`` comes before ``other`` in document order (False if no ``other``)."""
    if other is None or el is other:
        return False
    for node in root.iter():
        if node is el:
            return other not in el.iterdescendants()
        if node is other:
            return False
    return False


def _paragraphs_of(el: HtmlElement) -> list[str]:
    """Return the text paragraphs of an element (its ``<p>``s, or its own text)."""
    return [b.text for b in walk(el) if b.text] or [clean_text(el.text_content())]


def extract_lead(page: _Page, blocks: list[Block]) -> tuple[str | None, str, list[Block]]:
    """Return (lead without dateline, provenance, blocks without the lead).

    Cascade: a lead-named block of the body -> the sapo element after the headline -> the
    dateline paragraph near the top -> the opening paragraph when it is the page's summary
    (JSON-LD/og/meta description) -> the summary shown in an element outside the body. A
    summary the page does not show, or one quoting a later paragraph, is not a lead: None.
    """
    lead_blocks = [b for b in blocks if b.kind == "lead"]
    if lead_blocks:
        rest = [b for b in blocks if b.kind != "lead"]
        text = " ".join(strip_dateline(b.text)[0] for b in lead_blocks)
        return text, "site:lead element in body", rest
    element = _lead_element(page)
    if element is not None:
        paragraphs = [strip_dateline(p)[0] for p in _paragraphs_of(element)]
        rest = [b for b in blocks if not any(same_text(b.text, p) for p in paragraphs)]
        return " ".join(p for p in paragraphs if p), f"site:lead element {element.tag}", rest
    texts = [i for i, b in enumerate(blocks) if b.kind in ("text", "heading")]
    dated = next((i for i in texts[:MAX_BLOCKS_BEFORE_LEAD] if has_dateline(blocks[i].text)), None)
    if dated is not None:
        end = _lead_end(blocks, dated)
        text = " ".join(strip_dateline(b.text)[0] for b in blocks[dated : end + 1])
        return text, "site:dateline paragraph", _after(blocks, dated, end)
    description = _description(page)
    if description:
        # The opening paragraph only: a summary quoting a later paragraph does not make it the
        # lead, and the text before it stays body (a page whose summary quotes paragraph five).
        first = next((i for i in texts if _is_opening(blocks[i])), None)
        if first is not None and _is_description(blocks[first].text, description):
            end = _lead_end(blocks, first)
            text = " ".join(strip_dateline(b.text)[0] for b in blocks[first : end + 1])
            return (
                text,
                "site:opening paragraph matching the page summary",
                _after(blocks, first, end),
            )
        # Shown outside the body (a lead field above it), unless the body quotes it later on.
        element = _summary_element(page)
        if element is not None and not any(_is_description(b.text, description) for b in blocks):
            text = " ".join(strip_dateline(p)[0] for p in _paragraphs_of(element))
            return text, f"site:summary shown in {describe(element)}", blocks
    # A summary the page does not show is not its lead: the lead is left empty.
    return None, "", blocks


def _is_opening(block: Block) -> bool:
    """Return True for a block that can open an article's text: a sentence, not a date line,
    a kicker or a label (the headline is a ``title`` block, never passed here)."""
    return len(block.text) >= MIN_SUMMARY_CHARS and not is_date_line(block.text)


def _after(blocks: list[Block], lead: int, end: int) -> list[Block]:
    """Return the blocks after the lead ``blocks[lead..end]`` (images before it are kept)."""
    before = [b for b in blocks[:lead] if b.kind in ("image", "caption")]
    return before + blocks[end + 1 :]


def _lead_end(blocks: list[Block], first: int) -> int:
    """Return the index of the lead's last paragraph: a long lead runs over two paragraphs.

    The second paragraph continues the lead when it is styled like the first and unlike the
    body: both bold and long (``<p><strong>…``), or both of a CSS class the next paragraph
    does not share (``<p class="sapo-p">`` twice, then ``<p class="body-p">``).
    """
    lead, nxt = blocks[first], first + 1
    if nxt >= len(blocks) or blocks[nxt].kind != "text":
        return first
    second = blocks[nxt]
    after = blocks[nxt + 1] if nxt + 1 < len(blocks) else None
    both_bold = lead.bold and second.bold and len(second.text) > MAX_SUBHEADING_CHARS
    same_class = (
        "." in lead.where
        and second.where == lead.where
        and after is not None
        and after.kind == "text"
        and after.where != lead.where
    )
    if both_bold and after is not None and after.bold:
        return first  # a body written all in bold: no way to tell
    return nxt if both_bold or same_class else first


def extract_byline(page: _Page, blocks: list[Block]) -> tuple[Byline | None, str, list[Block]]:
    """Return (byline, provenance, blocks without it): a byline element, else the last lines."""
    named = [b for b in blocks if b.kind == "byline"]
    rest = [b for b in blocks if b.kind != "byline"]
    for block in named:
        byline = parse_byline_line(block.text)
        if byline:
            return byline, f"site:byline element {block.where}", rest
    texts = [b for b in rest if b.kind in ("text", "heading")]
    byline = parse_byline([b.text for b in texts[-2:]])
    if byline:
        drop = {id(b) for b in texts[-byline.lines :]}
        return byline, f"site:last line ({byline.form})", [b for b in rest if id(b) not in drop]
    # One paragraph broken by <br>: "Comrade X<br>Member of …" is the name and titles lines.
    last_lines = list(texts[-1].lines) if texts else []
    byline = parse_byline(last_lines) if 1 < len(last_lines) <= 2 else None
    if byline and byline.lines == len(last_lines):
        form = f"site:last paragraph, {byline.lines} lines ({byline.form})"
        return byline, form, [b for b in rest if b is not texts[-1]]
    return None, "", rest


def extract_authors(page: _Page, byline: Byline | None, byline_how: str) -> tuple[list[str], str]:
    """Return (author names, provenance): JSON-LD author, microdata, the byline, ``<meta>``.

    The byline the page shows outranks ``<meta name=author>``, which CMSs often fill with the
    account that posted the article (``Super User``, ``Administrator``).
    """
    people = jsonld_people(page.meta.jsonld)
    names = [name for value in people for name in parse_author_value(value)]
    if names:
        return names, "structured:json-ld author"
    names = [name for value in page.meta.microdata_authors for name in parse_author_value(value)]
    if names:
        return names, "structured:microdata author"
    if byline:
        return byline.authors, byline_how
    for key in ("author", "article:author", "dc.creator"):
        value = page.meta.meta.get(key, "")
        if value and not value.startswith("http"):
            names = parse_author_value(value)
            if names:
                return names, f"structured:meta {key}"
    return [], ""


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


def _article_region(page: _Page, container: HtmlElement | None) -> HtmlElement | None:
    """Return the element around the headline and the body (the article's own area), or None.

    The nearest ancestor of the headline that also holds the body; with only one of them, the
    parent of the other. None when that is the whole page (``<body>``, or an element holding
    the site's navigation): then only the stretch between the headline and the body counts.
    """
    heading = _heading_element(page)
    if heading is None and container is None:
        return None
    if heading is None and container is not None:
        # No headline element (a legacy table layout): the body's area, a few levels up,
        # without more article-like text than the body holds.
        mass = page.text_mass()
        region = container
        for level, ancestor in enumerate(container.iterancestors()):
            if level >= MAX_REGION_LEVELS or _is_page_wrapper(ancestor):
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
    return None if region is None or _is_page_wrapper(region) else region


def _holds_related(page: _Page, el: HtmlElement) -> bool:
    """Return True if ``el`` holds a related / Recent news block."""
    return any(el in block.iterancestors() for block in page.related_roots)


def _in_chrome(el: HtmlElement, region: HtmlElement | None) -> bool:
    """Return True if ``el`` sits in the page's furniture: a nav, footer or aside, or a
    ``<header>`` that is not the article's own (the page header with its "today")."""
    for ancestor in el.iterancestors():
        if ancestor is region:
            return False
        if ancestor.tag in CHROME_TAGS:
            return True
    return False


def _date_candidates(page: _Page, container: HtmlElement | None) -> Iterator[tuple[str, str]]:
    """Yield visible date lines of the article's own area, as (text, provenance).

    Never read: the page's chrome (a header's "today", a clock, a footer, anything outside the
    area around the headline and the body — or, when that area is the whole page, anything
    outside the stretch from the headline to the body text), Recent news, and the body text
    (the container from its first real paragraph on: a dated signature line there is not the
    publication). Only small elements (a few children) are read: a date line is short, and
    reading the text of every wrapper would cost O(page²).
    """
    # Ranked: after the headline before anything above it, date-named elements before plain.
    ranked: list[list[tuple[str, str]]] = [[], [], [], []]
    heading = _heading_element(page)
    region = _article_region(page, container)
    if region is None and (heading is None or container is None):
        return  # no headline and body to bound the article: no visible date is trustworthy
    after_heading = heading is None
    before_body = True
    body = _body_text_elements(container)
    for el in page.root.iter():
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
        if sel.class_parts(el) & NOT_ARTICLE_DATE_PARTS:
            continue  # a header's "today" or clock widget shows the visit, not the article
        if region is None:
            if not (after_heading and before_body):
                continue
        elif region not in el.iterancestors() or _in_chrome(el, region):
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


def extract_dates(
    page: _Page, container: HtmlElement | None
) -> tuple[str | None, str, str | None, str, list[str]]:
    """Return (published, provenance, modified, provenance, warnings).

    Cascade: JSON-LD -> ``article:*_time``/itemprop meta -> ``<time datetime>`` -> visible
    day-first text before the body. Never from Recent news or the body's own text.
    """
    warnings: list[str] = []
    meta, ld, props = page.meta.meta, page.meta.jsonld, page.meta.itemprops
    fetch_day = page_day(page.now)

    def first(candidates: Iterable[tuple[str | None, str]]) -> tuple[str | None, str]:
        for value, how in candidates:
            iso, problem = parse_date(value, page.now)
            if iso and how.startswith(VISIBLE) and iso == fetch_day:
                # "Monday, 23/11/2026" on the day of the visit: a header's "today" looks the same.
                warnings.append(f"{how}: {iso} is the fetch day with no time: not trusted")
                continue
            if iso:
                return iso, how
            if problem and problem != "no date":
                warnings.append(f"{how}: {problem}")
        return None, ""

    times = [el for el in page.root.iter("time") if el.get("datetime") and not page.in_related(el)]
    structured = [
        (jsonld_text(ld, "datePublished"), "structured:json-ld datePublished"),
        (meta.get("article:published_time"), "structured:meta article:published_time"),
        (props.get("datePublished"), "structured:itemprop datePublished"),
        (meta.get("pubdate") or meta.get("publishdate"), "structured:meta pubdate"),
        (meta.get("dc.date.issued") or meta.get("dc.date"), "structured:meta dc.date"),
        *((el.get("datetime"), "structured:<time datetime>") for el in times[:1]),
    ]

    @cache
    def candidates() -> list[tuple[str, str]]:  # the page is scanned only if needed
        return list(_date_candidates(page, container))

    def visible(updates: bool) -> Iterator[tuple[str, str]]:
        yield from ((t, how) for t, how in candidates() if bool(_UPDATED_RE.match(t)) == updates)

    published = first(chain(structured, visible(updates=False)))
    modified = first(
        [
            (jsonld_text(ld, "dateModified"), "structured:json-ld dateModified"),
            (meta.get("article:modified_time"), "structured:meta article:modified_time"),
            (props.get("dateModified"), "structured:itemprop dateModified"),
            (meta.get("og:updated_time"), "structured:meta og:updated_time"),
        ]
    )
    if modified[0] is None:  # "Updated: …" shown on the page, if it is not the publication
        shown = first(visible(updates=True))
        modified = shown if shown[0] != published[0] else (None, "")
    return published[0], published[1], modified[0], modified[1], warnings


def _in_menu(link: HtmlElement, base: str) -> bool:
    """Return True if ``link`` sits in a menu: a nav/header element, or among 3+ section links.

    A menu shows every section (``POLITICS | ECONOMY | …``), often in today's wording; the
    article's own section label (``BUSINESS`` on a 2024 page) sits alone.
    """
    for ancestor in link.iterancestors():
        if ancestor.tag in ("nav", "header") or sel.class_parts(ancestor) & MENU_PARTS:
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


def _clean_label(text: str) -> str | None:
    """Return a section label as shown (``NEWS - POLITICS``), without stray dashes."""
    text = clean_text(text).strip(" -–—|»›>/")
    return text if 0 < len(text) <= MAX_LABEL_CHARS else None


def extract_label(page: _Page, category: str | None) -> tuple[str | None, str]:
    """Return (section label, provenance): JSON-LD articleSection, ``article:section``,
    the breadcrumb, a link to the section's listing, else the label known in ``site.py``."""
    for value, how in (
        (jsonld_text(page.meta.jsonld, "articleSection"), "structured:json-ld articleSection"),
        (page.meta.meta.get("article:section"), "structured:meta article:section"),
    ):
        label = _clean_label(value or "")
        if label:
            return label, how
    if category is None:
        return None, ""
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
        label = _clean_label(link.text_content())
        if not label:
            continue
        if any(sel.is_breadcrumb(a) for a in link.iterancestors()):
            in_crumbs.append(label)
        elif _in_menu(link, page.base):
            in_menus.append(label)
        else:
            elsewhere.append(label)
    if in_crumbs:
        return in_crumbs[0], "site:breadcrumb link"
    if elsewhere:
        return elsewhere[0], "site:link to the section"
    if in_menus:
        return in_menus[0], "site:menu link to the section"
    known = SECTION_LABELS.get(category)
    return (known, "site:known label of the slug") if known else (None, "")


def _is_noise(block: Block, title: str | None, label: str | None) -> bool:
    """Return True for blocks that are not body text: title, date line, label, share words."""
    if block.kind in ("title", "date", "caption", "image", "lead", "byline"):
        return True
    text = block.text
    return (
        not text
        or same_text(text, title)
        or (label is not None and _clean_label(text) == label)
        or is_boilerplate_line(text)
        or is_date_line(text)
        or is_credit_only(text)
    )


# --- the record -----------------------------------------------------------------------------


def _canonical_url(page: _Page) -> str:
    """Return the canonical article URL: ``rel=canonical`` if it names the same article."""
    fetched = urls.canonical(page.url)
    declared = urls.resolve(page.meta.canonical, page.base) if page.meta.canonical else None
    if declared and urls.article_id(declared) == urls.article_id(page.url):
        return urls.canonical(declared)
    return fetched


@dataclass(kw_only=True, slots=True)
class _Body:
    """What the site rules read from one list of blocks."""

    how: str
    lead: str | None = None
    lead_how: str = ""
    byline: Byline | None = None
    byline_how: str = ""
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(len(b.text) for b in self.blocks)


def _read_body(
    page: _Page, blocks: list[Block], how: str, title: str | None, label: str | None
) -> _Body:
    """Apply the site rules to ``blocks``: end markers, lead, byline, images, noise."""
    blocks = _drop_teaser_tail(_cut_at_end(blocks))
    blocks = [b for b in blocks if not (b.text and is_boilerplate_line(b.text))]
    lead, lead_how, blocks = extract_lead(page, blocks)
    byline, byline_how, blocks = extract_byline(page, blocks)
    blocks, images = _pair_images(blocks, page.base)
    kept = [b for b in blocks if not _is_noise(b, title, label)]
    return _Body(
        how=how,
        lead=lead,
        lead_how=lead_how,
        byline=byline,
        byline_how=byline_how,
        blocks=kept,
        images=_unique_images(images),
    )


def locate_container(root: HtmlElement, paragraphs: list[str]) -> HtmlElement | None:
    """Return the deepest element holding most of ``paragraphs`` (texts found elsewhere).

    Lets a generic extractor *locate* the article while our block walk *reads* it: the walk
    keeps what generic output loses (images, captions, italics, the byline's place).
    """
    wanted = {text for text in paragraphs if len(text) >= MIN_LOCATE_CHARS}
    if not wanted:
        return None
    matched = [
        el
        for el in root.iter("p", "div", "li", "td", "span", "blockquote")
        if len(el) <= MAX_LOCATE_CHILDREN and clean_text(el.text_content()) in wanted
    ]
    if not matched:
        return None
    counts: dict[HtmlElement, int] = {}
    depth: dict[HtmlElement, int] = {}
    for el in matched:
        for level, ancestor in enumerate(reversed(list(el.iterancestors()))):
            counts[ancestor] = counts.get(ancestor, 0) + 1
            depth[ancestor] = level
    enough = [a for a, n in counts.items() if n >= LOCATE_SHARE * len(matched)]
    return max(enough, key=lambda a: depth[a]) if enough else None


def _body_cascade(
    page: _Page, title: str | None, label: str | None
) -> tuple[_Body, HtmlElement | None]:
    """Return the body read by the first step that yields one, and the container used.

    A named/anchored container (site rules) -> the container trafilatura's text sits in,
    read by our walk -> trafilatura's own output, read by the same rules.
    """
    container, how = find_container(page)
    best = _Body(how="")
    if container is not None:
        best = _read_body(page, walk(container), f"{how} ({describe(container)})", title, label)
        if best.chars >= MIN_BODY_CHARS:
            return best, container
    generic = generic_blocks(page.root, page.url)
    located = locate_container(page.root, [b.text for b in generic if b.kind == "text"])
    if located is not None and _holds_text(page, located):
        body = _read_body(
            page,
            walk(located),
            f"generic:trafilatura-located container ({describe(located)})",
            title,
            label,
        )
        if body.chars >= MIN_BODY_CHARS:
            return body, located
    if generic:
        body = _read_body(page, generic, "generic:trafilatura", title, label)
        if body.chars > best.chars:
            return body, container
    return best, container


def extract_article(
    html: str | bytes | None,
    url: str,
    now: datetime,
    *,
    root: HtmlElement | None = None,
    content_type: str | None = None,
) -> ArticleExtraction:
    """Return the article record of one page, with per-field provenance.

    ``url`` is the page's site URL (real host); ``now`` the time of the fetch (for date
    plausibility); ``root`` an already-parsed tree of the same page (the crawl parses once).
    Raises ``ExtractionError`` if ``url`` is not an article URL or the page cannot be parsed.
    """
    article_id = urls.article_id(url)
    if article_id is None:
        raise ExtractionError(f"not an article URL: {url}")
    if root is None:
        if html is None:
            raise ExtractionError("no page content")
        root = parse_html(html, content_type)
    meta = read_metadata(root)
    base = urls.resolve(meta.base, url) if meta.base else None
    page = _Page(root=root, url=url, base=base or url, meta=meta, now=now, heading=_UNSET)
    page.classed = root.xpath("//*[@class or @id or @itemprop]")
    recent, related_like = related_containers(root, page.classed)
    page.related_roots = related_like
    page.recent_roots = recent or related_like
    # Elements are kept alive in the set, so lxml hands back the same proxy objects.
    page.related_set = {el for container in related_like for el in container.iter()}
    provenance: dict[str, str] = {}
    canonical = _canonical_url(page)
    provenance["url"] = "structured:rel=canonical" if canonical != urls.canonical(url) else "url"
    category = urls.category(canonical)
    provenance["category"] = "url path"

    title, provenance["title"] = extract_title(page)
    label, provenance["category_label"] = extract_label(page, category)
    body, container = _body_cascade(page, title, label)
    byline, byline_how = body.byline, body.byline_how
    if byline is None:
        byline, byline_how = _byline_element(page)
    authors, provenance["authors"] = extract_authors(page, byline, byline_how)
    published, provenance["published_at"], modified, provenance["modified_at"], warnings = (
        extract_dates(page, container)
    )
    if published is None:  # an empty field says why
        warnings.append("published_at: no trustworthy date (structured data, the article's area)")
    related, provenance["related"] = extract_related(page.root, page.base, page.recent_roots)
    text = "\n\n".join(b.text for b in body.blocks) or None
    provenance["body"] = body.how if text else ""
    provenance["lead"] = body.lead_how if body.lead else ""
    provenance["images"] = body.how if body.images else ""
    provenance["author_titles"] = byline_how if byline and byline.titles else ""
    article = Article(
        article_id=article_id,
        url=canonical,
        title=title or None,
        lead=body.lead or None,
        body=text,
        authors=authors,
        author_titles=byline.titles if byline else None,
        category=category,
        category_label=label,
        published_at=published,
        modified_at=modified,
        related=related,
        images=body.images,
    )
    provenance = {k: v for k, v in provenance.items() if v}
    return ArticleExtraction(article=article, provenance=provenance, warnings=warnings)


def _byline_element(page: _Page) -> tuple[Byline | None, str]:
    """Return the byline of a byline-named element anywhere outside Recent news (``div.writer``
    after the body, ``Author: Ngọc Anh``), or (None, "")."""
    for el in page.classed:
        if sel.has_name(el, sel.BYLINE_NAMES) and not page.in_related(el):
            byline = parse_byline_line(strip_label(clean_text(el.text_content())))
            if byline:
                return byline, f"site:byline element {describe(el)}"
    return None, ""
