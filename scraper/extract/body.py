"""The body: the article's text read from its container, and what its blocks also give.

Cascade: a named/anchored container (site rules, ``container.find_container``) -> the element
trafilatura's text sits in, read by our block walk (``container.locate_container``: trafilatura
*locates* the text, our walk *reads* it, so captions, images and the byline keep their markup)
-> trafilatura's own output, read by the same rules. Each candidate's blocks are cut at the
article's end (comment form, Recent news, a list of teasers), then the lead and the byline are
taken from them (``lead``, ``byline``), images paired with their captions, and what is left that
is not noise is the body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract.blocks import Block, describe, image_src, walk
from scraper.extract.byline import extract_byline
from scraper.extract.container import MIN_BODY_CHARS, find_container, holds_text, locate_container
from scraper.extract.dates import is_date_line
from scraper.extract.density import LINK_LINE_SHARE, is_prose
from scraper.extract.found import Found
from scraper.extract.generic import generic_blocks
from scraper.extract.label import clean_label
from scraper.extract.lead import extract_lead
from scraper.extract.page import Page, is_description
from scraper.extract.text import (
    Byline,
    clean_text,
    has_dateline,
    is_boilerplate_line,
    is_comment_marker,
    is_credit_only,
    is_end_heading,
    is_related_heading,
    same_text,
    split_credit,
)
from scraper.items import Image

MAX_CAPTION_CHARS: Final = 400
_IMAGE_FILE_RE: Final = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.I)
# A link line (``density.LINK_LINE_SHARE``) among this many blocks after a related box's links
# makes the rest a list of teasers.
LINK_LIST_WINDOW: Final = 3
# A list of teasers at the end: labels this short, leads this long, at least this many links.
MAX_TEASER_LABEL: Final = 80
MAX_TEASER_LEAD: Final = 300
MIN_TEASER_LINKS: Final = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class Body:
    """What the body unit read: the text, its images, the lead and the byline taken from its
    blocks, and the container found (the article's dates are looked for around it)."""

    text: Found[str | None]
    images: Found[list[Image]]
    lead: Found[str | None]
    byline: Found[Byline | None]
    container: HtmlElement | None


def extract_body(page: Page, title: str | None, label: str | None) -> Body:
    """Return the body read by the first step of the cascade that yields one.

    ``title`` and ``label`` are dropped where the text repeats them.
    """
    reading, container = _body_cascade(page, title, label)
    text = "\n\n".join(b.text for b in reading.blocks) or None
    images, images_how = reading.images, reading.how if reading.images else ""
    featured = _featured_image(page, container)
    if featured is not None and all(featured.url != image.url for image in images):
        images = [featured, *images]
        images_how = f"site:image between headline and body + {images_how or 'none in the body'}"
    return Body(
        text=Found(text, reading.how if text else ""),
        images=Found(images, images_how),
        lead=reading.lead,
        byline=reading.byline,
        container=container,
    )


def _featured_image(page: Page, container: HtmlElement | None) -> Image | None:
    """Return the article's own photo shown between the headline and the body, or None.

    A CMS often places the lead photo (K2's item image, WordPress's featured image, Ghost's
    feature image) above the text, outside its container. Evidence that it is the article's:
    it sits after the headline and before the body's first paragraph (the lead may come
    first), outside the chrome and the related blocks,
    and not in a link to another page. Its caption is the little text around it (a box of
    at most ``MAX_CAPTION_CHARS``), its credit split off as in the body.
    """
    heading = page.heading_element()
    if heading is None or container is None:
        return None
    start = page.position(heading)
    description = page.description()

    def body_text(p: HtmlElement) -> bool:  # a paragraph of the text, not the lead above it
        text = clean_text(p.text_content())
        return (
            page.position(p) > start
            and is_prose(p)
            and not has_dateline(text)
            and not is_description(text, description)
        )

    first_text = next(filter(body_text, container.iter("p")), None)
    if first_text is None:
        return None
    end = page.position(first_text)
    for img in page.root.iter("img"):
        where = page.position(img)
        if where <= start:
            continue
        if where >= end:
            return None
        src = image_src(img)
        if src is None or page.in_related(img) or page.in_chrome(img) or _in_link(img):
            continue
        url = urls.resolve(src, page.base)
        if url is None:
            continue
        caption, credit = split_credit(_box_text(img, heading, container))
        return Image(url=url, caption=caption, credit=credit)
    return None


def _in_link(img: HtmlElement) -> bool:
    """Return True if the image sits in a link to a page (a teaser), not to a larger copy."""
    link = next((a for a in img.iterancestors() if a.tag == "a"), None)
    href = (link.get("href") or "") if link is not None else ""
    return bool(href) and not _IMAGE_FILE_RE.search(href)


def _box_text(img: HtmlElement, heading: HtmlElement, container: HtmlElement) -> str:
    """Return the text of the largest box around ``img`` that holds only it and a caption."""
    box_text = ""
    for ancestor in img.iterancestors():
        if heading in ancestor.iter() or container in ancestor.iter():
            break
        if len(list(ancestor.iter("img"))) > 1:
            break
        text = clean_text(" ".join(b.text for b in walk(ancestor) if b.text))
        if len(text) > MAX_CAPTION_CHARS:
            break
        box_text = text
    return box_text


@dataclass(kw_only=True, slots=True)
class _Reading:
    """What the site rules read from one list of blocks."""

    how: str
    lead: Found[str | None] = Found(None)
    byline: Found[Byline | None] = Found(None)
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(len(b.text) for b in self.blocks)


def _body_cascade(
    page: Page, title: str | None, label: str | None
) -> tuple[_Reading, HtmlElement | None]:
    """Return the body read by the first step that yields one, and the container used.

    A named/anchored container (site rules) -> the container trafilatura's text sits in,
    read by our walk -> trafilatura's own output, read by the same rules.
    """
    found = find_container(page)
    container, how = found.value, found.how
    best = _Reading(how="")
    if container is not None:
        how = f"{how} ({describe(container)})"
        best = _read_body(page, _walk(page, container), how, title, label, container)
        if best.chars >= MIN_BODY_CHARS:
            return best, container
    generic = generic_blocks(page.root, page.url)
    located = locate_container(page.root, [b.text for b in generic if b.kind == "text"])
    if located is not None and holds_text(page, located):
        how = f"generic:trafilatura-located container ({describe(located)})"
        body = _read_body(page, _walk(page, located), how, title, label, located)
        if body.chars >= MIN_BODY_CHARS:
            return body, located
    if generic:
        body = _read_body(page, generic, "generic:trafilatura", title, label)
        if body.chars > best.chars:
            return body, container
    return best, container


def _walk(page: Page, container: HtmlElement) -> list[Block]:
    """Return the blocks of ``container``, without the related blocks found in it (one
    detection, ``related.related_containers``, decides for the walk and the related links)."""
    skip = () if page.in_related(container) else page.related_set
    return walk(container, skip=skip)


def _read_body(
    page: Page,
    blocks: list[Block],
    how: str,
    title: str | None,
    label: str | None,
    container: HtmlElement | None = None,
) -> _Reading:
    """Apply the site rules to ``blocks``: end markers, lead, byline, images, noise."""
    blocks = _drop_teaser_tail(page, _cut_at_end(blocks))
    blocks = [b for b in blocks if not (b.text and is_boilerplate_line(b.text))]
    lead, blocks = extract_lead(page, blocks, container)
    byline, blocks = extract_byline(page, blocks)
    blocks, images = _pair_images(blocks, page.base)
    kept = [b for b in blocks if not _is_noise(b, title, label)]
    return _Reading(how=how, lead=lead, byline=byline, blocks=kept, images=_unique_images(images))


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


def _drop_teaser_tail(page: Page, blocks: list[Block]) -> list[Block]:
    """Return ``blocks`` without a trailing list of teasers ("You may also like", "Most
    popular": link lines, their short labels and one-line leads after the article's text).

    Read backwards from the end: link lines, short lines and a lead right after a link line
    belong to the tail; the first real paragraph ends it. The tail is dropped from its first
    teaser link (a link line into the site itself) and a heading just above it, when it holds
    at least two: one link after the text is a "Read more" line, handled by the boilerplate
    rules, and links to other sites ("Programme: dienbien.gov.vn") are information, not teasers.
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
    links = [i for i, b in enumerate(tail) if _is_teaser_link(page, b)]
    if len(links) < MIN_TEASER_LINKS:
        return blocks
    cut = start + links[0]
    before = blocks[cut - 1] if cut > 0 else None
    if before is not None and (before.kind == "heading" or before.text.endswith((":", "...", "…"))):
        cut -= 1
    return blocks[:cut]


def _is_teaser_link(page: Page, block: Block) -> bool:
    """Return True for a line that is a link into the site (a teaser's title)."""
    return block.links >= LINK_LINE_SHARE and any(page.is_on_site(h) for h in block.hrefs)


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


def _is_noise(block: Block, title: str | None, label: str | None) -> bool:
    """Return True for blocks that are not body text: title, date line, label, share words."""
    if block.kind in ("title", "date", "caption", "image", "lead", "byline"):
        return True
    text = block.text
    return (
        not text
        or same_text(text, title)
        or (label is not None and clean_label(text) == label)
        or is_boilerplate_line(text)
        or is_date_line(text)
        or is_credit_only(text)
    )
