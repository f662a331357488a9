"""Is a file HTML at all? Decided by what its bytes show, before any extraction."""

from __future__ import annotations

import re
from typing import Final

# Control bytes that no text format uses (tab, newline, form feed and carriage return aside).
_CONTROL: Final = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# A start tag, end tag, comment or doctype as HTML writes them: `<p>`, `<div class="x">`,
# `</td>`, `<!DOCTYPE html>`, `<!-- … -->`. Plain text ("a < b > c") has none.
_TAG_RE: Final = re.compile(rb"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--|!doctype\s)", re.I)
SNIFF_BYTES: Final = 65536


def html_problem(data: bytes) -> str | None:
    """Return why ``data`` is not an HTML page (one line), or None when it may be one.

    Judged on the first 64 KB, by evidence rather than a file name: empty; a NUL byte or more
    than 1 % control bytes (an image, a PDF, random bytes; UTF-16 is read as text only after
    its byte-order mark); no tag at all (plain text, JSON).
    """
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    if not head.strip():
        return "empty file"
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls * 100 > len(head):
        return f"binary data ({controls} control bytes in the first {len(head)})"
    if not _TAG_RE.search(head):
        return "no HTML tag"
    return None
