"""Generic content extraction (trafilatura) for pages whose text container we cannot find.

trafilatura returns its own XML (``<p>``, ``<head>``, ``<hi rend="#i">``, ``<graphic>``,
``<list>/<item>``, ``<row>/<cell>``); we rename it to HTML and read it with the same block walk
as every other page, so the same site rules (dateline, captions, byline, Recent news) apply.
"""

from __future__ import annotations

import copy
import logging
from typing import Final

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from scraper.extract.blocks import Block, walk

logger = logging.getLogger(__name__)

_RENAME: Final = {
    "head": "h2",
    "graphic": "img",
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "row": "tr",
    "cell": "td",
    "lb": "br",
    "ref": "a",
    "code": "pre",
    "del": "s",
}
_HI: Final = {"#i": "em", "#b": "strong", "#u": "u", "#t": "code"}


def _to_html(body: lxml.etree._Element) -> HtmlElement:
    """Return trafilatura's XML body as an HTML tree, its tags renamed to HTML ones."""
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "hi":
            el.tag = _HI.get(el.get("rend", ""), "span")
        elif el.tag in _RENAME:
            if el.tag == "ref" and el.get("target"):
                el.set("href", el.get("target", ""))  # trafilatura keeps a link's URL there
            el.tag = _RENAME[el.tag]
    body.tag = "div"
    # trafilatura's tree is plain lxml.etree; the block walk wants lxml.html elements.
    return lxml.html.fragment_fromstring(lxml.etree.tostring(body, encoding="unicode"))


def generic_blocks(root: HtmlElement, url: str) -> list[Block]:
    """Return the blocks of the main content as trafilatura finds it, or [] if it finds none."""
    import trafilatura  # imported lazily: ~0.3 s at start-up, needed only on unknown layouts

    try:
        document = trafilatura.bare_extraction(
            copy.deepcopy(root),  # trafilatura prunes the tree it is given
            url=url,
            include_images=True,
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            fast=True,
        )
    except Exception as exc:  # noqa: BLE001 - a third-party extractor must not stop a crawl
        logger.warning("trafilatura failed on %s: %s", url, exc)
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    return walk(_to_html(body))
