"""Turn a content container into a flat list of reading-order blocks.

A block is one paragraph, heading, image, caption, lead, byline, date line, or a ``stop`` (the
start of the comment form or of the related/Recent news block, where the article ends).
The walk is generic: it knows block vs inline tags and the named hints of ``selectors``, never a
particular template.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Final, Literal

from lxml.html import HtmlElement

from scraper.extract import selectors as sel
from scraper.extract.density import MAX_LINK_SHARE, has_prose, link_share
from scraper.extract.text import clean_text

BlockKind = Literal[
    "text", "heading", "title", "image", "caption", "lead", "byline", "date", "stop"
]
MAX_CAPTION_TABLE_TEXT: Final = 400
MAX_WIDGET_TEXT: Final = 400
_PARAGRAPH_BREAK_RE: Final = re.compile(r"\n\s*\n")
_SOURCE_SPACE_RE: Final = re.compile(r"[ \t\r\n\f]+")


@dataclass(kw_only=True, slots=True)
class Block:
    """One reading-order unit: ``kind``, clean ``text`` (or ``src`` for images), and whether all
    its text is italic (``<em>``) or bold (``<strong>``): hints for captions and sub-headings."""

    kind: BlockKind
    text: str = ""
    src: str | None = None
    italic: bool = False
    bold: bool = False
    where: str = ""
    alt: str = ""  # an image's alt text: many CMSs repeat the caption there
    lines: tuple[str, ...] = ()  # the text's lines where single <br>s broke it
    links: float = 0.0  # the share of the text inside links (a "Read more" link line is 1.0)
    hrefs: tuple[str, ...] = ()  # the targets of those links


def _tag(el: HtmlElement) -> str:
    """Return the lower-case tag name, or "" for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def describe(el: HtmlElement) -> str:
    """Return a short CSS-like name of ``el`` for provenance (``div.detail-content``)."""
    classes = (el.get("class") or "").split()
    ident = el.get("id")
    return _tag(el) + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in classes[:2])


def image_src(el: HtmlElement) -> str | None:
    """Return the image URL of an ``<img>`` (lazy-loading attributes too), or None for icons."""
    if el.get("width") in ("1", "0"):  # a tracking pixel
        return None
    # Lazy loading: ``src`` is often a placeholder (blank.gif) and the photo in ``data-src``.
    for attr in sel.IMG_SRC_ATTRS:
        value = (el.get(attr) or "").strip().split(" ")[0]
        if value and not value.startswith("data:") and not sel.ICON_SRC_RE.search(value):
            return value
    return None


def _flat(text: str | None) -> str:
    """Return source text with its whitespace (newlines too) as single spaces.

    Only ``<br>`` breaks a line: a newline in the HTML source is just a space.
    """
    return _SOURCE_SPACE_RE.sub(" ", text) if text else ""


def _text_with_breaks(el: HtmlElement) -> str:
    """Return ``el``'s text with ``<br>`` as ``\\n``, skipping scripts, styles and images."""
    parts: list[str] = []

    def visit(node: HtmlElement) -> None:
        tag = _tag(node)
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in sel.SKIP_TAGS and not sel.is_hidden(node):
            parts.append(_flat(node.text))
            for child in node:
                visit(child)
                parts.append(_flat(child.tail))

    visit(el)
    return "".join(parts)


def _styled_share(el: HtmlElement, tags: frozenset[str], style_re: re.Pattern[str]) -> bool:
    """Return True if at least 90 % of ``el``'s text sits inside ``tags`` (or a matching style)."""
    counts = [0, 0]  # total, styled

    def visit(node: HtmlElement, inside: bool) -> None:
        tag = _tag(node)
        if tag in sel.SKIP_TAGS:
            return
        inside = inside or tag in tags or bool(style_re.search(node.get("style") or ""))
        size = len((node.text or "").strip())
        counts[0] += size
        counts[1] += size if inside else 0
        for child in node:
            visit(child, inside)
            tail = len((child.tail or "").strip())
            counts[0] += tail
            counts[1] += tail if inside else 0

    visit(el, False)
    return counts[0] > 0 and counts[1] >= 0.9 * counts[0]


_ITALIC_STYLE_RE: Final = re.compile(r"font-style\s*:\s*italic", re.I)
_BOLD_STYLE_RE: Final = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)


def _text_blocks(el: HtmlElement, kind: BlockKind = "text") -> Iterator[Block]:
    """Yield the text blocks of a leaf element (paragraphs split at blank ``<br><br>`` lines)."""
    raw = _text_with_breaks(el)
    pieces = [piece for piece in _PARAGRAPH_BREAK_RE.split(raw) if clean_text(piece)]
    if not pieces:
        return
    italic = _styled_share(el, sel.ITALIC_TAGS, _ITALIC_STYLE_RE)
    bold = _styled_share(el, sel.BOLD_TAGS, _BOLD_STYLE_RE)
    anchors = list(el.iter("a"))
    links = link_share(el) if anchors else 0.0
    hrefs = tuple(href for a in anchors if (href := a.get("href")))
    for piece in pieces:
        lines = tuple(line for line in map(clean_text, piece.split("\n")) if line)
        yield Block(kind=kind, text=clean_text(piece), italic=italic, bold=bold,
                    where=describe(el), lines=lines, links=links, hrefs=hrefs)  # fmt: skip


def _has_block_child(el: HtmlElement) -> bool:
    """Return True if any descendant of ``el`` is a block-level element or an image."""
    return any(_tag(node) in sel.BLOCK_TAGS or _tag(node) == "img" for node in el.iterdescendants())


def _named_kind(el: HtmlElement) -> BlockKind | None:
    """Return the block kind that ``el``'s class/id names (caption, lead, byline, date, stop).

    A comment box ends the article (``stop``). A related box does not: CMSs put "Related
    articles" boxes in the middle of the text, so it is skipped and the text goes on.
    """
    parts = sel.class_parts(el)
    if parts & sel.COMMENT_PARTS:
        return "stop"
    if sel.has_name(el, sel.CAPTION_NAMES) or _tag(el) == "figcaption":
        return "caption"
    if sel.has_name(el, sel.LEAD_NAMES):
        return "lead"
    if sel.has_name(el, sel.BYLINE_NAMES):
        return "byline"
    if sel.has_name(el, sel.DATE_NAMES) or _tag(el) == "time":
        return "date"
    return None


def _image_table(el: HtmlElement) -> list[Block] | None:
    """Return [image, caption] for a small table holding one image and a caption, else None."""
    images = [img for img in el.iter("img")]
    if len(images) != 1:
        return None
    text = clean_text(el.text_content())
    if len(text) > MAX_CAPTION_TABLE_TEXT:
        return None
    src = image_src(images[0])
    alt = clean_text(images[0].get("alt"))
    blocks = [Block(kind="image", src=src, alt=alt, where=describe(el))] if src else []
    if text:
        blocks.append(Block(kind="caption", text=text, where=describe(el)))
    return blocks


def _is_widget(el: HtmlElement) -> bool:
    """Return True for a small box holding a form or a button inside the text (newsletter,
    search, poll, a read-aloud player with its voice choice).

    Articles hold no forms; the comment form is caught before this by its name or its lines.
    """
    if el.tag not in ("div", "section", "aside", "p", "span"):
        return False
    if next(el.iter("form", "input", "button"), None) is None:
        return False
    return len(" ".join(el.text_content().split())) <= MAX_WIDGET_TEXT


def walk(container: HtmlElement, skip: Collection[HtmlElement] = ()) -> list[Block]:
    """Return the blocks of ``container`` in reading order.

    Elements named like boilerplate (``share``, ``sidebar``, ``related`` …) are skipped only
    when the page agrees: a named element that holds a major share of the container's text is
    read (``div.l-sidebar-fixed`` wrapping a whole body), and so is a paragraph or quotation
    holding prose (``p.font-bold``, ``blockquote.twitter-tweet`` quoted in the text).
    """
    walker = _Walker(major=int(MAJOR_SHARE * len(container.text_content())), skip=skip)
    walker.children(container)
    return walker.out


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of loose inline text, and the link it sits in (``href``), if any."""

    text: str
    href: str | None = None


def _loose_blocks(paragraph: list[list[_Piece]], where: str) -> list[Block]:
    """Return the text blocks of one paragraph of loose inline text (lines of pieces)."""

    def block(lines: list[list[_Piece]]) -> Block | None:
        pieces = [p for line in lines for p in line]
        text = clean_text("\n".join("".join(p.text for p in line) for line in lines))
        if not text:
            return None
        linked = sum(len(p.text.strip()) for p in pieces if p.href is not None)
        total = sum(len(p.text.strip()) for p in pieces) or 1
        hrefs = tuple(p.href for p in pieces if p.href)
        return Block(kind="text", text=text, where=where, links=min(1.0, linked / total),
                     hrefs=hrefs)  # fmt: skip

    whole = block(paragraph)
    if whole is None:
        return []
    if len(paragraph) > 1 and whole.links >= MAX_LINK_SHARE:
        return [b for line in paragraph if (b := block([line])) is not None]
    return [whole]


# A named element holding this share of the container's text is never skipped by its name.
MAJOR_SHARE: Final = 0.5
_TEXT_TAGS: Final = frozenset({"p", "blockquote", "q", "figure"})


@dataclass(slots=True)
class _Walker:
    """One walk: its output and the size above which a named element is read anyway."""

    major: int
    skip: Collection[HtmlElement] = ()  # elements never read (the page's related blocks)
    out: list[Block] = field(default_factory=list)

    def flush(self, run: list[_Piece], where: str) -> None:
        """Turn a run of loose inline text into text blocks.

        Paragraphs are split at blank lines. A paragraph that is mostly links and broken by
        ``<br>`` (``<b>Related news:</b><br><a>…</a><br><a>…</a>``) becomes one block per line,
        so a heading and its link lines are told apart as in any other markup.
        """
        lines: list[list[_Piece]] = [[]]
        for piece in run:
            for i, part in enumerate(piece.text.split("\n")):
                if i:
                    lines.append([])
                lines[-1].append(_Piece(part, piece.href))
        run.clear()
        paragraph: list[list[_Piece]] = []
        for line in [*lines, []]:
            if clean_text("".join(p.text for p in line)):
                paragraph.append(line)
                continue
            if paragraph:  # a blank line (or the end) closes the paragraph
                self.out.extend(_loose_blocks(paragraph, where))
                paragraph = []

    def children(self, el: HtmlElement) -> None:
        """Append the blocks of ``el``'s children (and its loose text)."""
        run: list[_Piece] = [_Piece(_flat(el.text))]
        where = describe(el)
        for child in el:
            tag = _tag(child)
            if not tag:
                run.append(_Piece(_flat(child.tail)))
                continue
            if tag in sel.BLOCK_TAGS or tag == "img" or _named_kind(child):
                self.flush(run, where)
                self.element(child)
            elif tag == "br":
                run.append(_Piece("\n"))
            elif tag not in sel.SKIP_TAGS and not sel.is_hidden(child):
                if _has_block_child(child):  # a <span> or <a> wrapping blocks
                    self.flush(run, where)
                    self.element(child)
                else:
                    href = child.get("href") if tag == "a" else None
                    run.append(_Piece(_text_with_breaks(child), href))
            run.append(_Piece(_flat(child.tail)))
        self.flush(run, where)

    def named_noise(self, el: HtmlElement, parts: frozenset[str]) -> bool:
        """Return True if ``el``'s names call it boilerplate and its content agrees."""
        if not parts & (sel.RELATED_PARTS | sel.BOILERPLATE_PARTS):
            return False
        if self.major and len(el.text_content()) >= self.major:
            return False  # the element holding most of the text is never noise
        # A paragraph or a quotation holding prose is text, whatever its class says
        # (``p.font-bold`` is a bold lead, ``blockquote.twitter-tweet`` a quoted tweet).
        return not (_tag(el) in _TEXT_TAGS and has_prose(el))

    def element(self, el: HtmlElement) -> None:
        """Append the blocks of one element."""
        tag = _tag(el)
        if el in self.skip:
            return
        if tag in sel.SKIP_TAGS or sel.is_hidden(el):
            # A comment form ends the article; a newsletter or search form inside it does not.
            parts = sel.class_parts(el)
            if tag == "form" and parts & sel.COMMENT_PARTS:
                self.out.append(Block(kind="stop", where=describe(el)))
            return
        if tag == "img":
            src = image_src(el)
            if src:
                self.out.append(
                    Block(kind="image", src=src, alt=clean_text(el.get("alt")), where=describe(el))
                )
            return
        named = _named_kind(el)
        if named == "stop":
            self.out.append(Block(kind="stop", where=describe(el)))
            return
        parts = sel.class_parts(el)
        if (named is None or parts & sel.RELATED_PARTS) and self.named_noise(el, parts):
            return  # a related box or share bar inside the text: skipped, the text goes on
        if _is_widget(el):
            return
        if tag == "table":
            image_blocks = _image_table(el)
            if image_blocks is not None:
                self.out.extend(image_blocks)
                return
        if named in ("caption", "lead", "byline", "date") and not any(True for _ in el.iter("img")):
            self.out.extend(_text_blocks(el, named))
            return
        if tag in sel.HEADING_TAGS and not _has_block_child(el):
            self.out.extend(_text_blocks(el, "title" if tag == "h1" else "heading"))
            return
        if _has_block_child(el):
            self.children(el)
        else:
            self.out.extend(_text_blocks(el, named or "text"))
