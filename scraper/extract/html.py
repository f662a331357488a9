"""Parse a page once: bytes -> text -> lxml tree, the same way for the crawl and re-extraction."""

from __future__ import annotations

import re
from typing import Final

import lxml.etree
import lxml.html
from w3lib.encoding import html_to_unicode

# C0 controls but tab/newline/CR: lxml rejects some, and no stored field may hold them.
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PARSER: Final = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, recover=True, huge_tree=True
)


class ExtractionError(ValueError):
    """A page that cannot be read as an HTML document (empty, not HTML). One-line message."""


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Return the text of an HTML body, decoded as Scrapy would (BOM, header, <meta>, sniffing).

    Invalid bytes become U+FFFD; control characters (tab and newline aside) are removed.
    """
    _, text = html_to_unicode(content_type, body)
    return _CONTROL_RE.sub("", text)


def parse_html(html: str | bytes, content_type: str | None = None) -> lxml.html.HtmlElement:
    """Return the lxml root of a page (``bytes`` are decoded with ``decode_html`` first).

    Raises ``ExtractionError`` for an empty or unparseable document.
    """
    text = decode_html(html, content_type) if isinstance(html, bytes) else _CONTROL_RE.sub("", html)
    if not text.strip():
        raise ExtractionError("empty page")
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise ExtractionError("unparseable HTML")
    return root
