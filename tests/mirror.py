"""The test mirror: the ordinary loopback mirror (``serve``) and a hostile one (``serve_hostile``).

``serve(root)`` is :func:`scraper.mirror.serve`, re-exported so tests import mirrors from one place.

``serve_hostile(root)`` serves the same folder on 127.0.0.1 with hostile routes on top, all at
paths shaped like the site's own (sections, pagers, articles), and injects links to every one of
them into the home page (``/`` is the folder's ``index.html`` with :func:`hostile_home_links`
added just before ``</body>``), so a crawl that starts at the home page meets them all:
pagers that never end or that repeat, a redirect loop (between absolute site URLs, as a CMS
writes them), a redirect to another listener, a gzip bomb, a 60 MB page (with a Content-Length,
and again chunked without one), a server that trickles one byte a second, a page that always
fails, a PDF under an article URL, invalid UTF-8, control characters, markup in a title, a page
robots.txt forbids, and a 503 with ``Retry-After``. ``HOSTILE_ROUTES`` says what a crawl must do
with each; ``HostileMirror.arrivals(path)`` gives request times for timing checks.

A second listener (``other_url``, on 127.0.0.2; 127.0.0.1 on another port where 127.0.0.2 cannot
be bound, e.g. macOS) stands for "somewhere else": a crawl must never reach it; it answers every
request and records it in ``other_log``.

Every response is bounded: the endless pager is endless only across requests, the trickle gives
up after 120 s (or when the client leaves, or the mirror stops), big bodies are streamed in
64 KiB chunks, and the gzip bomb is built once per process in about half a second.

Pattern routes (``/vo-tan/trang-N.html`` ...) ride on ``serve``'s exact-path ``routes`` dict: a
dict subclass, :class:`PatternRoutes`, answers ``routes.get(path)`` for them too.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import select
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.mirror import LoggedRequest, Mirror, Route, serve
from scraper.site import SITE_ROOT

__all__ = [
    "HOSTILE_ROUTES",
    "HostileMirror",
    "article_html",
    "endless_article_id",
    "gzip_bomb",
    "hostile_home_links",
    "huge_page_chunks",
    "serve",
    "serve_hostile",
    "small_pdf",
]

PUBLISHED = "2025-05-01T08:00:00+07:00"
HTML = "text/html; charset=utf-8"
ROBOTS_TXT = "User-agent: *\nDisallow: /admin/\nDisallow: /search\n"

# --- Paths ----------------------------------------------------------------------------------

ENDLESS = "vo-tan"  # a fake section whose pager never ends ("vô tận" = endless)
REPEAT = "lap-lai"  # a fake section whose every page lists the same articles ("lặp lại" = repeat)
ENDLESS_HOME = f"/{ENDLESS}.html"
REPEAT_HOME = f"/{REPEAT}.html"
REPEAT_ARTICLES = (
    f"/{REPEAT}/repeated-story-one-laplai01R.html",
    f"/{REPEAT}/repeated-story-two-laplai02R.html",
)
LOOP_A = "/thoi-su-chinh-tri/loop-a-aaaaaaaaR.html"
LOOP_B = "/thoi-su-chinh-tri/loop-b-bbbbbbbbR.html"
OFFSITE_REDIRECT = "/thoi-su-chinh-tri/offsite-redirect-ccccccccR.html"
STOLEN = "/stolen.html"  # where the offsite redirect points, on the other listener
GZIP_BOMB = "/kinh-te/gzip-bomb-gzbomb01R.html"
HUGE_PAGE = "/xa-hoi/huge-page-hugepg60R.html"
HUGE_UNSIZED = "/xa-hoi/huge-page-unsized-hugepg61R.html"
TRICKLE = "/doi-ngoai/trickle-trickle1R.html"
ALWAYS_500 = "/the-thao/always-500-error500R.html"
PDF = "/travel/annual-report-pdfreprtR.html"
INVALID_BYTES = "/van-hoa/invalid-bytes-badbytesR.html"
CONTROL_CHARS = "/xa-hoi/control-chars-ctrlcharR.html"
MARKUP_TITLE = "/xa-hoi/markup-title-xsstitleR.html"
DISALLOWED = "/admin/secret-ddddddddR.html"
RETRY_AFTER = "/kinh-te/retry-after-retryaftR.html"

ENDLESS_PAGER_RE = re.compile(rf"^/{ENDLESS}/trang-(?P<page>[1-9]\d{{0,8}})\.html$")
ENDLESS_ARTICLE_RE = re.compile(rf"^/{ENDLESS}/(?P<slug>[^/]*?)-(?P<id>[A-Za-z0-9]{{9}})\.html$")
REPEAT_PAGER_RE = re.compile(rf"^/{REPEAT}/trang-(?P<page>[1-9]\d{{0,8}})\.html$")

# name -> (path linked from the home page, what a crawl must do with it)
HOSTILE_ROUTES: dict[str, tuple[str, str]] = {
    "endless_pager": (
        ENDLESS_HOME,
        "end the walk of section vo-tan at the page cap (--page-cap); "
        "each page lists 2 new articles and a next page, forever",
    ),
    "repeating_pager": (
        REPEAT_HOME,
        "end the walk of section lap-lai at page 2, which lists "
        "the same 2 articles as page 1 (only its next link differs)",
    ),
    "redirect_loop": (
        LOOP_A,
        "give up after REDIRECT_MAX_TIMES redirects (a <-> b, absolute "
        "site URLs), record a failure, archive nothing",
    ),
    "offsite_redirect": (
        OFFSITE_REDIRECT,
        "never follow the 302 to other_url: other_log stays empty; archive nothing",
    ),
    "gzip_bomb": (
        GZIP_BOMB,
        "stop inflating at DOWNLOAD_MAXSIZE (1 MB of gzip -> 1 GiB), "
        "record a failure, stay small in memory",
    ),
    "huge_page": (
        HUGE_PAGE,
        "refuse the 60 MB body (its Content-Length is over DOWNLOAD_MAXSIZE), record a failure",
    ),
    "huge_page_unsized": (
        HUGE_UNSIZED,
        "abort the same 60 MB body, sent chunked with no "
        "Content-Length, at DOWNLOAD_MAXSIZE while receiving; record a failure",
    ),
    "trickle": (
        TRICKLE,
        "give up at DOWNLOAD_TIMEOUT (the body takes 120 s at 1 byte/s), "
        "record a failure, keep crawling other pages meanwhile",
    ),
    "always_500": (ALWAYS_500, "retry at most RETRY_TIMES, then record a failure"),
    "pdf": (PDF, "skip it as not HTML (application/pdf); archive nothing"),
    "invalid_bytes": (
        INVALID_BYTES,
        "archive it: title, lead and 4 paragraphs, invalid UTF-8 replaced (U+FFFD), never a crash",
    ),
    "control_chars": (
        CONTROL_CHARS,
        "archive it with NUL and control characters removed from title and body",
    ),
    "markup_title": (
        MARKUP_TITLE,
        "archive the title as plain text (the literal characters "
        "'<script>alert(1)</script>'); keep no script or onload",
    ),
    "robots_disallowed": (DISALLOWED, "never request it: robots.txt disallows /admin/"),
    "retry_after": (
        RETRY_AFTER,
        "wait Retry-After (2 s) after each 503, then archive the "
        "article (200 on the third request)",
    ),
}

# --- Pages ----------------------------------------------------------------------------------


def article_html(
    title: str,
    lead: str,
    paragraphs: Iterable[str],
    *,
    head_extra: str = "",
    body_attrs: str = "",
    body_extra: str = "",
) -> str:
    """Return a small article page; ``title``, ``lead`` and ``paragraphs`` are HTML fragments."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} - Báo Điện Biên Phủ</title>\n"
        f'<meta property="og:title" content="{title}">\n'
        f'<meta property="article:published_time" content="{PUBLISHED}">\n{head_extra}'
        f"</head>\n<body{body_attrs}>\n<article>\n<h1>{title}</h1>\n"
        f'<p class="sapo">{lead}</p>\n{body}\n{body_extra}</article>\n</body>\n</html>\n'
    )


def plain_article(title: str, topic: str) -> bytes:
    """Return an ordinary small article about ``topic`` (lead with ``ĐBP - ``, 3 paragraphs)."""
    return article_html(
        title,
        f"ĐBP - Officials in Điện Biên reported progress on {topic} this week.",
        [
            f"Work on {topic} began in the spring and is due to finish by the end of the year.",
            "Local residents said the changes had already made daily life easier.",
            "The provincial People's Committee will review the results in December.",
        ],
    ).encode("utf-8")


def listing_html(label: str, article_paths: Iterable[str], next_path: str) -> bytes:
    """Return a section page: an ``<h1>`` label, article links, and a "next page" link."""
    items = "\n".join(
        f'<li><a href="{path}">{_title_from_path(path)}</a></li>' for path in article_paths
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{label} - Báo Điện Biên Phủ</title>\n</head>\n<body>\n<h1>{label}</h1>\n"
        f'<ul class="news">\n{items}\n</ul>\n'
        f'<div class="pager"><a href="{next_path}">Next</a></div>\n</body>\n</html>\n'
    ).encode()


def _title_from_path(path: str) -> str:
    """Return a headline made of an article path's slug (``/x/a-b-ID.html`` -> ``A b``)."""
    slug = path.rsplit("/", 1)[-1].rsplit("-", 1)[0]
    return slug.replace("-", " ").capitalize()


def hostile_home_links() -> str:
    """Return an HTML fragment linking to every hostile route (injected into the home page)."""
    items = "\n".join(
        f'<li><a href="{path}">{name.replace("_", " ").capitalize()}</a></li>'
        for name, (path, _) in HOSTILE_ROUTES.items()
    )
    return f'<div class="hostile-routes">\n<ul>\n{items}\n</ul>\n</div>\n'


def inject_before_body_end(page: bytes, fragment: str) -> bytes:
    """Return ``page`` with ``fragment`` inserted just before its last ``</body>``, or appended."""
    piece = fragment.encode("utf-8")
    at = page.lower().rfind(b"</body>")
    return page + piece if at < 0 else page[:at] + piece + page[at:]


# --- Deterministic article ids of the endless pager ------------------------------------------

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ID_SPACE = 62**8
_ID_SCRAMBLE = 134_941_606_358_707  # ~0.618 * 62**8, coprime with it: a bijection of the ids


def endless_article_id(page: int, index: int) -> str:
    """Return the id of article ``index`` (0 or 1) on endless page ``page`` (1, 2, ...).

    9 characters [A-Za-z0-9] ending in ``R``, unique per (page, index), the same on every run.
    """
    number = ((2 * (page - 1) + index + 1) * _ID_SCRAMBLE) % _ID_SPACE
    digits = []
    for _ in range(8):
        number, digit = divmod(number, 62)
        digits.append(_BASE62[digit])
    return "".join(reversed(digits)) + "R"


def endless_article_paths(page: int) -> list[str]:
    """Return the 2 article paths listed on endless page ``page``."""
    return [
        f"/{ENDLESS}/endless-story-{page}-{index + 1}-{endless_article_id(page, index)}.html"
        for index in range(2)
    ]


# --- Big bodies: gzip bomb, 60 MB page, PDF ---------------------------------------------------

BOMB_BLOCK_SIZE = 1 << 20  # 1 MiB of "<p>" and spaces, compressed once and repeated
BOMB_BLOCKS = 1024  # -> 1 GiB inflated
BOMB_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>A very long report - Báo Điện Biên Phủ</title>\n"
    f'<meta property="article:published_time" content="{PUBLISHED}">\n</head>\n<body>\n'
    "<article>\n<h1>A very long report</h1>\n<p>ĐBP - The report goes on.</p>\n"
).encode()
BOMB_INFLATED_SIZE = len(BOMB_HEAD) + BOMB_BLOCKS * BOMB_BLOCK_SIZE
_bomb: bytes | None = None
_bomb_lock = threading.Lock()


def gzip_bomb() -> bytes:
    """Return ~1.1 MB of gzip inflating to ``BOMB_INFLATED_SIZE`` (1 GiB + a page head).

    Built on first use and cached for the process. Nothing of 1 GiB is ever held: the 1 MiB block
    is deflated with a full flush, which makes every later copy compress to the same bytes, so
    the compressed block is repeated instead of recompressed. That is checked, not assumed: with
    a zlib whose output differs, every block is compressed (correct, a few seconds slower).
    """
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            _bomb = _build_gzip_bomb()
        return _bomb


def _bomb_block() -> bytes:
    """Return the 1 MiB block of the bomb: a ``<p>`` every 64 KiB, spaces between."""
    return (b"<p>" + b" " * (65536 - 3)) * (BOMB_BLOCK_SIZE // 65536)


def _build_gzip_bomb() -> bytes:
    """Return the gzip bomb (see :func:`gzip_bomb`): header, raw deflate, CRC32 and size."""
    block = _bomb_block()
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    parts = [deflate.compress(BOMB_HEAD)]
    previous = b""
    for done in range(BOMB_BLOCKS):
        compressed = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
        parts.append(compressed)
        if compressed == previous:  # steady state: every later block compresses the same
            parts.extend([compressed] * (BOMB_BLOCKS - done - 1))
            break
        previous = compressed
    parts.append(deflate.flush())
    crc = zlib.crc32(BOMB_HEAD)
    for _ in range(BOMB_BLOCKS):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no name, mtime 0
    trailer = struct.pack("<II", crc, BOMB_INFLATED_SIZE & 0xFFFFFFFF)
    return b"".join([header, *parts, trailer])


HUGE_SIZE = 60 * 1024 * 1024
HUGE_CHUNK = 64 * 1024


def huge_page_chunks() -> Iterator[bytes]:
    """Yield an article page of exactly ``HUGE_SIZE`` bytes in chunks of about 64 KiB.

    A real article (title, lead, 3 paragraphs, date) followed by ~60 MB of ASCII paragraphs.
    """
    page = plain_article("A report of sixty megabytes", "the longest report ever")
    head, tail = page.split(b"</article>")
    tail = b"</article>" + tail
    sentence = b"<p>Rice terraces of Muong Phang glow gold in the afternoon sun.</p>\n"
    chunk = (sentence * (HUGE_CHUNK // len(sentence) + 1))[:HUGE_CHUNK]
    count, rest = divmod(HUGE_SIZE - len(head) - len(tail), HUGE_CHUNK)
    yield head
    for _ in range(count):
        yield chunk
    yield b" " * rest + tail


def small_pdf(text: str = "Dien Bien Phu annual report") -> bytes:
    """Return a valid one-page PDF showing ``text`` (ASCII, no parentheses or backslashes)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- Broken text ------------------------------------------------------------------------------

# Marker -> invalid UTF-8: bad continuation, stray byte, surrogate, truncated, overlong, cp1252.
_BAD_BYTES = {
    b"@@1@@": b"\xc3\x28",
    b"@@2@@": b"\xff",
    b"@@3@@": b"\xed\xa0\x80",
    b"@@4@@": b"\xe1\xba",
    b"@@5@@": b"\xc0\xaf",
    b"@@6@@": b"\x93quoted\x94",
}


def invalid_bytes_page() -> bytes:
    """Return an article declaring UTF-8 with invalid byte sequences in title, lead and body."""
    page = article_html(
        "Mường Nhé@@1@@ farmers plant@@2@@ new tea",
        "ĐBP - Farmers in Mường Nhé@@3@@ district have planted 200 hectares of tea.",
        [
            "The seedlings@@4@@ came from a nursery in Tủa Chùa.",
            "Each household received@@5@@ support for the first three years.",
            "Officials called the project @@6@@ a model for the region.",
            "The first harvest is expected in 2027.",
        ],
    ).encode("utf-8")
    for marker, bad in _BAD_BYTES.items():
        page = page.replace(marker, bad)
    return page


def control_chars_page() -> bytes:
    """Return an article with NUL and other control characters in its title and body."""
    return article_html(
        "Điện Biên\x00 opens\x01 new\x1b[31m bridge\x7f",
        "ĐBP - A new bridge\x00 over the Nậm Rốm river\x0b opened on Thursday.",
        [
            "The bridge\x08 is 120 metres long\x0c and took two years to build.",
            "It links\x00\x00 two communes\x1f that were cut off in the rainy season.",
            "Traffic\x07 began flowing\x1b[0m the same afternoon.",
        ],
    ).encode("utf-8")


def markup_title_page() -> bytes:
    """Return an article whose title holds escaped markup, with ``onload`` and a script."""
    return article_html(
        "&lt;script&gt;alert(1)&lt;/script&gt; Điện Biên celebrates victory day",
        "ĐBP - Thousands gathered in Điện Biên Phủ city to mark the anniversary.",
        [
            'The ceremony <img src="/img/flag.jpg" alt="" onload="alert(3)"> began at dawn.',
            "Veterans laid flowers at the A1 Hill memorial.",
            "Cultural performances continued late into the evening.",
        ],
        body_attrs=' onload="alert(2)"',
        body_extra="<script>alert(4)</script>\n",
    ).encode("utf-8")


# --- Routes -----------------------------------------------------------------------------------

Handler = BaseHTTPRequestHandler
PatternRoute = Callable[[Handler, re.Match[str]], bool]
Pattern = tuple[re.Pattern[str], PatternRoute]  # a path regex and its route
TRICKLE_SECONDS = 120
TRICKLE_INTERVAL = 1.0
RETRY_AFTER_FAILURES = 2


@dataclass
class _State:
    """What the hostile routes of one mirror share: ``other_url``, counters, stop signal.

    ``arrivals``: URL path -> ``time.monotonic()`` of each request a hostile route answered.
    """

    other_url: str
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    hits: Counter[str] = field(default_factory=Counter)
    arrivals: dict[str, list[float]] = field(default_factory=dict)
    busy: set[threading.Thread] = field(default_factory=set)

    def arrived(self, request: Handler) -> None:
        """Note the time a request reached a hostile route."""
        with self.lock:
            self.arrivals.setdefault(urlsplit(request.path).path, []).append(time.monotonic())

    def count(self, path: str) -> int:
        """Count one more request for ``path``; return how many there were, this one included."""
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]


class PatternRoutes(dict[str, Route]):
    """Exact routes (the dict ``scraper.mirror.serve`` takes) plus regular-expression routes.

    The mirror looks a path up with ``routes.get(path)``; a path with no exact route is matched
    against ``patterns`` (regex, handler(request, match)) in order.
    """

    def __init__(self, exact: dict[str, Route], patterns: list[Pattern]) -> None:
        super().__init__(exact)
        self.patterns = patterns

    def get(self, path: str, default: Any = None) -> Any:
        route = super().get(path)
        if route is not None:
            return route
        for pattern, handler in self.patterns:
            match = pattern.match(path)
            if match:
                return _bind(handler, match)
        return default

    def __missing__(self, path: str) -> Route:
        route: Route | None = self.get(path)
        if route is None:
            raise KeyError(path)
        return route

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.get(path) is not None


def _bind(handler: PatternRoute, match: re.Match[str]) -> Route:
    """Return the route answering a path that ``match``-ed a pattern of ``handler``."""
    return lambda request: handler(request, match)


def answer(
    request: Handler,
    status: int,
    body: bytes = b"",
    content_type: str | None = HTML,
    headers: dict[str, str] | None = None,
    *,
    length: int | None = None,
) -> bool:
    """Send status and headers, then ``body`` unless HEAD; return True (the request is answered)."""
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.send_header("Content-Length", str(len(body) if length is None else length))
    request.end_headers()
    if body and request.command != "HEAD":
        request.wfile.write(body)
    return True


def _guarded(state: _State, route: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap a route: note its arrival time; a client hanging up mid-answer ends it quietly."""

    def guarded(request: Handler, *args: Any, **kwargs: Any) -> bool:
        state.arrived(request)
        try:
            return route(request, *args, **kwargs)
        except (ConnectionError, TimeoutError):
            request.close_connection = True
            return True

    return guarded


def _client_gone(request: Handler) -> bool:
    """Return True if the client closed its end of the connection (without blocking)."""
    sock = request.connection
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _stream(state: _State, request: Handler, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` (not for HEAD), stopping when the client leaves or the mirror stops."""
    request.close_connection = True
    if request.command == "HEAD":
        return
    with state.lock:
        state.busy.add(threading.current_thread())
    try:
        for chunk in chunks:
            if state.stopping.is_set() or _client_gone(request):
                return
            request.wfile.write(chunk)
    finally:
        with state.lock:
            state.busy.discard(threading.current_thread())


def _trickle_bytes(state: _State, body: bytes) -> Iterator[bytes]:
    """Yield ``body`` one byte at a time, one a second (ending early when the mirror stops)."""
    for index in range(len(body)):
        if state.stopping.wait(TRICKLE_INTERVAL):
            return
        yield body[index : index + 1]


def trickle_body() -> bytes:
    """Return the trickled page: ``TRICKLE_SECONDS`` bytes of HTML (so 120 s at 1 byte/s)."""
    head = b"<!DOCTYPE html><html><head><title>Slow news</title></head><body><h1>Slow news</h1>"
    tail = b"</body></html>"
    return head + b" " * (TRICKLE_SECONDS - len(head) - len(tail)) + tail


def _routes(root: Path, state: _State) -> PatternRoutes:
    """Return the hostile routes of a mirror of ``root`` (see ``HOSTILE_ROUTES``)."""
    exact: dict[str, Route] = {
        "/": lambda r: _home(r, root),
        ENDLESS_HOME: lambda r: answer(r, 200, _endless_page(1)),
        REPEAT_HOME: lambda r: answer(r, 200, _repeat_page(1)),
        LOOP_A: lambda r: answer(r, 302, headers={"Location": SITE_ROOT + LOOP_B}),
        LOOP_B: lambda r: answer(r, 302, headers={"Location": SITE_ROOT + LOOP_A}),
        OFFSITE_REDIRECT: lambda r: answer(r, 302, headers={"Location": state.other_url + STOLEN}),
        GZIP_BOMB: lambda r: _gzip_bomb(r, state),
        HUGE_PAGE: lambda r: _huge(r, state),
        HUGE_UNSIZED: lambda r: _huge_chunked(r, state),
        TRICKLE: lambda r: _trickle(r, state),
        ALWAYS_500: lambda r: answer(
            r, 500, b"<html><body><h1>Internal Server Error</h1></body></html>"
        ),
        PDF: lambda r: answer(r, 200, small_pdf(), "application/pdf"),
        INVALID_BYTES: lambda r: answer(r, 200, invalid_bytes_page()),
        CONTROL_CHARS: lambda r: answer(r, 200, control_chars_page()),
        MARKUP_TITLE: lambda r: answer(r, 200, markup_title_page()),
        DISALLOWED: lambda r: answer(r, 200, plain_article("Secret page", "a secret")),
        RETRY_AFTER: lambda r: _retry_after(r, state),
    }
    for index, path in enumerate(REPEAT_ARTICLES, 1):
        exact[path] = functools.partial(
            answer, status=200, body=plain_article(f"Repeated story {index}", "repeated news")
        )
    robots = _robots_route(root)
    if robots is not None:
        exact["/robots.txt"] = robots
    patterns: list[Pattern] = [
        (ENDLESS_PAGER_RE, lambda r, match: answer(r, 200, _endless_page(int(match["page"])))),
        (
            ENDLESS_ARTICLE_RE,
            lambda r, match: answer(
                r,
                200,
                plain_article(f"Endless story {match['id']}", "a story that exists nowhere else"),
            ),
        ),
        (REPEAT_PAGER_RE, lambda r, match: answer(r, 200, _repeat_page(int(match["page"])))),
    ]
    guarded = {path: _guarded(state, route) for path, route in exact.items()}
    return PatternRoutes(guarded, [(pattern, _guarded(state, h)) for pattern, h in patterns])


def _home(request: Handler, root: Path) -> bool:
    """Answer ``/``: the folder's ``index.html`` (or a bare page) with the hostile links added."""
    index = root / "index.html"
    page = (
        index.read_bytes()
        if index.is_file()
        else (
            b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Home</title>'
            b"</head>\n<body>\n<h1>Home</h1>\n</body>\n</html>\n"
        )
    )
    return answer(request, 200, inject_before_body_end(page, hostile_home_links()))


def _robots_route(root: Path) -> Route | None:
    """Return a ``/robots.txt`` route, or None when the folder's own robots.txt bans /admin/."""
    path = root / "robots.txt"
    text = path.read_text("utf-8", "replace") if path.is_file() else ""
    if re.search(r"(?im)^\s*disallow:\s*/admin/", text):
        return None
    body = ROBOTS_TXT.encode("ascii")
    return lambda r: answer(r, 200, body, "text/plain; charset=utf-8")


def _endless_page(page: int) -> bytes:
    """Return page ``page`` of the endless section: 2 new articles and a next link."""
    return listing_html("VÔ TẬN", endless_article_paths(page), f"/{ENDLESS}/trang-{page + 1}.html")


def _repeat_page(page: int) -> bytes:
    """Return page ``page`` of the repeating section: always the same 2 articles, a next link."""
    return listing_html("LẶP LẠI", REPEAT_ARTICLES, f"/{REPEAT}/trang-{page + 1}.html")


def _gzip_bomb(request: Handler, state: _State) -> bool:
    """Answer the gzip bomb (``Content-Encoding: gzip``), streamed in 64 KiB chunks."""
    bomb = gzip_bomb()
    answer(request, 200, headers={"Content-Encoding": "gzip"}, length=len(bomb))
    _stream(state, request, (bomb[i : i + HUGE_CHUNK] for i in range(0, len(bomb), HUGE_CHUNK)))
    return True


def _huge(request: Handler, state: _State) -> bool:
    """Answer the 60 MB page, streamed in 64 KiB chunks."""
    answer(request, 200, length=HUGE_SIZE)
    _stream(state, request, huge_page_chunks())
    return True


def _huge_chunked(request: Handler, state: _State) -> bool:
    """Answer the 60 MB page with ``Transfer-Encoding: chunked`` and no Content-Length."""
    request.send_response(200)
    request.send_header("Content-Type", HTML)
    request.send_header("Transfer-Encoding", "chunked")
    request.end_headers()
    framed = (b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in huge_page_chunks())
    _stream(state, request, itertools.chain(framed, [b"0\r\n\r\n"]))
    return True


def _trickle(request: Handler, state: _State) -> bool:
    """Answer headers at once, then the body at one byte a second (120 s in all)."""
    body = trickle_body()
    answer(request, 200, length=len(body))
    _stream(state, request, _trickle_bytes(state, body))
    return True


def _retry_after(request: Handler, state: _State) -> bool:
    """Answer 503 with ``Retry-After: 2`` to the first 2 GETs, then the article."""
    if request.command == "GET" and state.count(RETRY_AFTER) <= RETRY_AFTER_FAILURES:
        return answer(
            request,
            503,
            b"<html><body><h1>Service Unavailable</h1></body></html>",
            headers={"Retry-After": "2"},
        )
    return answer(request, 200, plain_article("Patience pays off", "a retried page"))


# --- The other listener -----------------------------------------------------------------------


def _elsewhere_handler(log: list[LoggedRequest]) -> type[BaseHTTPRequestHandler]:
    """Return a handler that records every request and answers it with a small page."""

    class Elsewhere(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "elsewhere/1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            return

        def parse_request(self) -> bool:
            ok = super().parse_request()
            log.append(
                LoggedRequest(
                    method=getattr(self, "command", "") or "",
                    path=getattr(self, "path", "") or "",
                    status=200 if ok else 400,
                    host=self.headers.get("Host", "") if getattr(self, "headers", None) else "",
                )
            )
            return ok

        def _answer(self) -> None:
            answer(self, 200, b"<html><body><h1>You should not be here</h1></body></html>")

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _answer

    return Elsewhere


def listen_elsewhere(host: str = "127.0.0.2") -> Mirror:
    """Start the listener that must never be reached, on ``host`` port 0 (any free port).

    If ``host`` cannot be bound (macOS only routes 127.0.0.1 on loopback by default), falls back
    to 127.0.0.1 on another port: then it differs from the mirror by port only, and a check
    that compares host names alone will not tell them apart.
    """
    log: list[LoggedRequest] = []
    handler = _elsewhere_handler(log)
    try:
        server = ThreadingHTTPServer((host, 0), handler)
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="elsewhere", daemon=True)
    thread.start()
    return Mirror(server=server, thread=thread, log=log)


# --- The hostile mirror -------------------------------------------------------------------------


@dataclass(kw_only=True)
class HostileMirror:
    """A running hostile mirror and its other listener.

    ``url``/``log``: the mirror (127.0.0.1) and its requests; ``other_url``/``other_log``: the
    listener that must never be reached; ``routes``: hostile route name -> URL path;
    ``arrivals(path)``: when each request for a hostile route came.
    """

    main: Mirror
    other: Mirror
    routes: dict[str, str]
    state: _State

    @property
    def url(self) -> str:
        return self.main.url

    @property
    def other_url(self) -> str:
        return self.other.url

    @property
    def log(self) -> list[LoggedRequest]:
        return self.main.log

    @property
    def other_log(self) -> list[LoggedRequest]:
        return self.other.log

    def arrivals(self, path: str) -> list[float]:
        """Return when (``time.monotonic()``) each request for hostile route ``path`` arrived.

        For timing checks the request log cannot make, e.g. the waits after ``Retry-After``.
        """
        with self.state.lock:
            return list(self.state.arrivals.get(path, []))

    def stop(self) -> None:
        """Stop both listeners and end slow answers (trickle, big bodies) within a second.

        The listeners stop side by side (each takes up to its 0.5 s poll interval). Idempotent.
        """
        if self.state.stopping.is_set():
            return
        self.state.stopping.set()
        other = threading.Thread(target=self.other.stop, name="elsewhere-stop", daemon=True)
        other.start()
        self.main.stop()
        other.join(timeout=5)
        with self.state.lock:
            busy = list(self.state.busy)
        for thread in busy:
            thread.join(timeout=5)


@contextlib.contextmanager
def serve_hostile(root: str | Path, *, other_host: str = "127.0.0.2") -> Iterator[HostileMirror]:
    """Serve ``root`` on 127.0.0.1 with the hostile routes; yield a :class:`HostileMirror`.

    The other listener binds ``other_host`` (127.0.0.2); where that address cannot be bound it
    falls back to 127.0.0.1 on another port (see :func:`listen_elsewhere`). ``/robots.txt`` is
    the folder's own when it disallows ``/admin/``, else ``ROBOTS_TXT``. Both stop on exit.
    """
    root = Path(root)
    other = listen_elsewhere(other_host)
    try:
        state = _State(other_url=other.url)
        main = serve(root, routes=_routes(root, state))
    except BaseException:
        other.stop()
        raise
    routes = {name: path for name, (path, _) in HOSTILE_ROUTES.items()}
    mirror = HostileMirror(main=main, other=other, state=state, routes=routes)
    try:
        yield mirror
    finally:
        mirror.stop()


def main(argv: list[str] | None = None) -> int:
    """Serve a mirror folder on 127.0.0.1 until interrupted; print its URL first.

    ``python -m tests.mirror [ROOT] [--hostile] [--port N]`` (ROOT: tests/fixtures/site).
    """
    import argparse
    import time

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("root", nargs="?", default=str(Path(__file__).parent / "fixtures" / "site"))
    parser.add_argument("--hostile", action="store_true", help="add the hostile routes")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    context = (
        serve_hostile(args.root)
        if args.hostile
        else contextlib.nullcontext(serve(args.root, port=args.port))
    )
    with context as mirror:
        print(mirror.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            if not args.hostile:
                mirror.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
