"""The byline and the authors: who wrote the article, and the titles line of a signed one."""

from __future__ import annotations

from scraper.extract import selectors as sel
from scraper.extract.blocks import Block, describe
from scraper.extract.found import Found
from scraper.extract.metadata import jsonld_people
from scraper.extract.page import Page
from scraper.extract.text import (
    Byline,
    clean_text,
    parse_author_value,
    parse_byline,
    parse_byline_line,
    strip_label,
)


def extract_byline(page: Page, blocks: list[Block]) -> tuple[Found[Byline | None], list[Block]]:
    """Return the byline and how it was found, and the blocks without it: a byline element of
    the body, else its last lines."""
    named = [b for b in blocks if b.kind == "byline"]
    rest = [b for b in blocks if b.kind != "byline"]
    for block in named:
        byline = parse_byline_line(block.text)
        if byline:
            return Found(byline, f"site:byline element {block.where}"), rest
    texts = [b for b in rest if b.kind in ("text", "heading")]
    byline = parse_byline([b.text for b in texts[-2:]])
    if byline:
        drop = {id(b) for b in texts[-byline.lines :]}
        kept = [b for b in rest if id(b) not in drop]
        return Found(byline, f"site:last line ({byline.form})"), kept
    # One paragraph broken by <br>: "Comrade X<br>Member of …" is the name and titles lines.
    last_lines = list(texts[-1].lines) if texts else []
    byline = parse_byline(last_lines) if 1 < len(last_lines) <= 2 else None
    if byline and byline.lines == len(last_lines):
        form = f"site:last paragraph, {byline.lines} lines ({byline.form})"
        return Found(byline, form), [b for b in rest if b is not texts[-1]]
    return Found(None), rest


def extract_byline_element(page: Page) -> Found[Byline | None]:
    """Return the byline of a byline-named element anywhere outside Recent news (``div.writer``
    after the body, ``Author: Ngọc Anh``), and how it was found."""
    for el in page.classed:
        if sel.has_name(el, sel.BYLINE_NAMES) and not page.in_related(el):
            byline = parse_byline_line(strip_label(clean_text(el.text_content())))
            if byline:
                return Found(byline, f"site:byline element {describe(el)}")
    return Found(None)


def extract_authors(page: Page, byline: Found[Byline | None]) -> Found[list[str]]:
    """Return the author names and how they were found: JSON-LD author, microdata, the byline,
    ``<meta>``.

    The byline the page shows outranks ``<meta name=author>``, which CMSs often fill with the
    account that posted the article (``Super User``, ``Administrator``), and structured data
    naming only some of the byline's names.
    """
    shown = byline.value.authors if byline.value else []
    people = jsonld_people(page.meta.jsonld)
    for names, how in (
        ([n for value in people for n in parse_author_value(value)], "structured:json-ld author"),
        (
            [n for value in page.meta.microdata_authors for n in parse_author_value(value)],
            "structured:microdata author",
        ),
    ):
        if names and set(names) < set(shown):
            # The byline shows them and more (``Photos: Trần Dũng - An Chi`` where the CMS
            # knows its first user only): the page's fuller list.
            return Found(shown, f"{byline.how} (more than the {how.split(':', 1)[1]})")
        if names:
            return Found(names, how)
    if byline.value:
        return Found(byline.value.authors, byline.how)
    for key in ("author", "article:author", "dc.creator"):
        value = page.meta.meta.get(key, "")
        if value and not value.startswith("http"):
            names = parse_author_value(value)
            if names:
                return Found(names, f"structured:meta {key}")
    return Found([])


def extract_author_titles(byline: Found[Byline | None]) -> Found[str | None]:
    """Return the byline's titles line (``Member of the Provincial Party Committee``), if any."""
    titles = byline.value.titles if byline.value else None
    return Found(titles, byline.how if titles else "")
