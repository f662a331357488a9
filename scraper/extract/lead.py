"""The lead (sapo): the summary paragraph the page shows above its text, without the dateline."""

from __future__ import annotations

from typing import Final

from lxml.html import HtmlElement

from scraper.extract import selectors as sel
from scraper.extract.blocks import Block, describe, walk
from scraper.extract.dates import is_date_line
from scraper.extract.found import Found
from scraper.extract.page import MIN_SUMMARY_CHARS, Page, is_description
from scraper.extract.text import clean_text, has_dateline, same_text, strip_dateline

MAX_LEAD_PARAGRAPHS: Final = 2
MAX_LEAD_CHILDREN: Final = 4  # a visible summary is a leaf-like element (a <p>, a few inlines)
MAX_SUBHEADING_CHARS: Final = 150
# The dateline paragraph is the lead only near the top (a quoted "ĐBP -" later is body text).
MAX_BLOCKS_BEFORE_LEAD: Final = 4


def extract_lead(page: Page, blocks: list[Block]) -> tuple[Found[str | None], list[Block]]:
    """Return the lead without its dateline and how it was found, and the blocks without it.

    Cascade: a lead-named block of the body -> the sapo element after the headline -> the
    dateline paragraph near the top -> the opening paragraph when it is the page's summary
    (JSON-LD/og/meta description) -> the summary shown in an element outside the body. A
    summary the page does not show, or one quoting a later paragraph, is not a lead: None.
    """
    lead_blocks = [b for b in blocks if b.kind == "lead"]
    if lead_blocks:
        rest = [b for b in blocks if b.kind != "lead"]
        text = " ".join(strip_dateline(b.text)[0] for b in lead_blocks)
        return _lead(text, "site:lead element in body"), rest
    element = _lead_element(page)
    if element is not None:
        paragraphs = [strip_dateline(p)[0] for p in _paragraphs_of(element)]
        rest = [b for b in blocks if not any(same_text(b.text, p) for p in paragraphs)]
        text = " ".join(p for p in paragraphs if p)
        return _lead(text, f"site:lead element {element.tag}"), rest
    texts = [i for i, b in enumerate(blocks) if b.kind in ("text", "heading")]
    dated = next((i for i in texts[:MAX_BLOCKS_BEFORE_LEAD] if has_dateline(blocks[i].text)), None)
    if dated is not None:
        end = _lead_end(blocks, dated)
        text = " ".join(strip_dateline(b.text)[0] for b in blocks[dated : end + 1])
        return _lead(text, "site:dateline paragraph"), _after(blocks, dated, end)
    description = page.description()
    if description:
        # The opening paragraph only: a summary quoting a later paragraph does not make it the
        # lead, and the text before it stays body (a page whose summary quotes paragraph five).
        first = next((i for i in texts if _is_opening(blocks[i])), None)
        if first is not None and is_description(blocks[first].text, description):
            end = _lead_end(blocks, first)
            text = " ".join(strip_dateline(b.text)[0] for b in blocks[first : end + 1])
            return (
                _lead(text, "site:opening paragraph matching the page summary"),
                _after(blocks, first, end),
            )
        # Shown outside the body (a lead field above it), unless the body quotes it later on.
        element = _summary_element(page)
        if element is not None and not any(is_description(b.text, description) for b in blocks):
            text = " ".join(strip_dateline(p)[0] for p in _paragraphs_of(element))
            return _lead(text, f"site:summary shown in {describe(element)}"), blocks
    # A summary the page does not show is not its lead: the lead is left empty.
    return Found(None), blocks


def _lead(text: str, how: str) -> Found[str | None]:
    """Return the lead found by ``how`` (an empty text is no lead, and says nothing)."""
    return Found(text, how) if text else Found(None)


def _lead_element(page: Page) -> HtmlElement | None:
    """Return the page's sapo element (``div.sapo`` and the like), or None.

    A lead runs over two paragraphs at most: a lead-named element holding more (a CMS that
    puts the whole text in its "intro" field) is the body, not the sapo. It sits after the
    headline: a ``desc``-named element above it is the masthead's tagline or a logo's text.
    """
    named = (el for el in page.classed if sel.has_name(el, sel.LEAD_NAMES))
    return next((el for el in named if _may_be_lead(page, el)), None)


def _summary_element(page: Page) -> HtmlElement | None:
    """Return the element after the headline whose text is the page's own summary, or None.

    A Drupal lead field (``itemprop=description``), a styled ``<h2>``: the summary as shown.
    """
    description = page.description()
    if not description or len(description) < MIN_SUMMARY_CHARS:
        return None
    summaries = (
        el
        for el in page.root.iter(*sel.SUMMARY_TAGS)
        if len(el) <= MAX_LEAD_CHILDREN
        and is_description(clean_text(el.text_content()), description)
    )
    return next((el for el in summaries if _may_be_lead(page, el)), None)


def _may_be_lead(page: Page, el: HtmlElement) -> bool:
    """Return True if ``el`` can be the lead: shown, short, after the headline, not related."""
    heading = page.heading_element()
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
