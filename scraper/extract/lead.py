"""The lead (sapo): the summary paragraph the page shows above its text, without the dateline."""

from __future__ import annotations

from typing import Final

from lxml.html import HtmlElement

from scraper.extract import selectors as sel
from scraper.extract.blocks import Block, describe, walk
from scraper.extract.dates import is_date_line
from scraper.extract.density import is_teaser_summary
from scraper.extract.found import Found
from scraper.extract.page import MIN_SUMMARY_CHARS, Page, is_description
from scraper.extract.text import clean_text, has_dateline, same_text, strip_dateline
from scraper.site import DATELINE_WORD

MAX_LEAD_PARAGRAPHS: Final = 2
MAX_LEAD_CHILDREN: Final = 4  # a visible summary is a leaf-like element (a <p>, a few inlines)
MAX_SUBHEADING_CHARS: Final = 150
MAX_SUMMARY_SLACK: Final = 200  # characters of markup-free text a shown summary may add
# Paragraph-like elements whose text starts with the dateline's letters (``has_dateline`` decides).
_DATELINE_XPATH: Final = "|".join(
    f"//{tag}[count(*) <= $children and starts-with(normalize-space(.), '{DATELINE_WORD}')]"
    for tag in ("p", "div", "h2", "h3", "span")
)
_SMALL_XPATH: Final = "|".join(
    f"//{tag}[count(*) <= $children and string-length(.) <= $limit]" for tag in sel.SUMMARY_TAGS
)
# The dateline paragraph is the lead only near the top (a quoted "ĐBP -" later is body text).
MAX_BLOCKS_BEFORE_LEAD: Final = 4


def extract_lead(
    page: Page, blocks: list[Block], container: HtmlElement | None = None
) -> tuple[Found[str | None], list[Block]]:
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
    element = _lead_element(page, container)
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
    element = _dateline_element(page, container)
    if element is not None and not any(
        has_dateline(b.text) for b in blocks[:MAX_BLOCKS_BEFORE_LEAD]
    ):
        text = " ".join(strip_dateline(p)[0] for p in _paragraphs_of(element))
        return _lead(text, f"site:dateline paragraph above the body ({describe(element)})"), blocks
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
        element = _summary_element(page, container)
        if element is not None and not any(is_description(b.text, description) for b in blocks):
            text = " ".join(strip_dateline(p)[0] for p in _paragraphs_of(element))
            return _lead(text, f"site:summary shown in {describe(element)}"), blocks
    # A summary the page does not show is not its lead: the lead is left empty.
    return Found(None), blocks


def _lead(text: str, how: str) -> Found[str | None]:
    """Return the lead found by ``how`` (an empty text is no lead, and says nothing)."""
    return Found(text, how) if text else Found(None)


def _lead_element(page: Page, container: HtmlElement | None) -> HtmlElement | None:
    """Return the page's sapo element (``div.sapo`` and the like), or None.

    A lead runs over two paragraphs at most: a lead-named element holding more (a CMS that
    puts the whole text in its "intro" field) is the body, not the sapo. It sits after the
    headline: a ``desc``-named element above it is the masthead's tagline or a logo's text.
    """
    named = (el for el in page.classed if sel.has_name(el, sel.LEAD_NAMES))
    return next((el for el in named if _may_be_lead(page, el, container)), None)


def _dateline_element(page: Page, container: HtmlElement | None) -> HtmlElement | None:
    """Return the paragraph opening with the site's dateline (``ĐBP -``) shown between the
    headline and the body, outside the body's container (a CMS's excerpt field), or None."""
    found = page.root.xpath(_DATELINE_XPATH, children=MAX_LEAD_CHILDREN)
    return next(
        (
            el
            for el in found
            if has_dateline(clean_text(el.text_content()))
            and (container is None or container not in el.iterancestors())
            and _may_be_lead(page, el, container)
        ),
        None,
    )


def _summary_element(page: Page, container: HtmlElement | None) -> HtmlElement | None:
    """Return the element after the headline whose text is the page's own summary, or None.

    A Drupal lead field (``itemprop=description``), a styled ``<h2>``: the summary as shown.
    """
    description = page.description()
    if not description or len(description) < MIN_SUMMARY_CHARS:
        return None
    # XPath (C speed) keeps small elements no longer than the summary could be shown: reading
    # the text of every wrapper in Python would cost O(page x depth) on deeply nested pages.
    limit = 2 * len(description) + MAX_SUMMARY_SLACK
    small = page.root.xpath(_SMALL_XPATH, limit=limit, children=MAX_LEAD_CHILDREN)
    summaries = (el for el in small if is_description(clean_text(el.text_content()), description))
    return next((el for el in summaries if _may_be_lead(page, el, container)), None)


def _may_be_lead(page: Page, el: HtmlElement, container: HtmlElement | None = None) -> bool:
    """Return True if ``el`` can be the lead: shown, short, between the headline and the end
    of the body, not in the page's chrome (an aside's "Most viewed", a footer's tagline), not
    related and not a teaser's summary."""
    heading = page.heading_element()
    if el.tag == "meta" or page.in_related(el) or page.in_chrome(el) or is_teaser_summary(el):
        return False
    if heading is not None and (
        heading in el.iterdescendants() or page.position(el) < page.position(heading)
    ):
        return False
    if container is not None and page.position(el) > page.end_position(container):
        return False
    return bool(clean_text(el.text_content())) and len(_paragraphs_of(el)) <= MAX_LEAD_PARAGRAPHS


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
