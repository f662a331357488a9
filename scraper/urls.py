"""Pure URL rules: classify a URL, read its article id, make it canonical.

All functions take absolute URLs (``https://en.baodienbienphu.com.vn/kinh-te/x-wZVLwJQNR.html``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from scraper.items import PageKind
from scraper.site import (
    ARTICLE_PATH_RE,
    NON_SECTION_SEGMENTS,
    PAGER_PATH_RE,
    SECTION_PATH_RE,
    SITE_HOST,
    SITE_HOSTS,
)

MAX_URL_LENGTH: Final = 2000
# Schemes that are never fetched (checked before anything else is parsed).
_DROPPED_PREFIXES: Final = ("javascript:", "mailto:", "tel:", "sms:", "data:", "about:", "#")
# Characters left as they are when a path is re-encoded (a space becomes %20).
_PATH_SAFE: Final = "/:@!$&'()*+,;=-._~"
_FILE_SUFFIXES: Final = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".css", ".js")


@lru_cache(maxsize=8192)
def resolve(href: str | None, base_url: str) -> str | None:
    """Return ``href`` made absolute against ``base_url``, or None when it must never be fetched.

    Drops ``javascript:``, ``mailto:``, ``tel:``, bare fragments, empty and absurdly long URLs
    (over 2,000 characters) and non-HTTP schemes. The fragment is removed.
    """
    if not href:
        return None
    href = href.strip()
    if not href or len(href) > MAX_URL_LENGTH or href.lower().startswith(_DROPPED_PREFIXES):
        return None
    try:
        absolute = urljoin(base_url, href)
        parts = urlsplit(absolute)
    except ValueError:  # e.g. an invalid IPv6 literal in the netloc
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


@lru_cache(maxsize=16384)
def is_site_url(url: str) -> bool:
    """Return True if ``url`` is on the site's host (``en.baodienbienphu.com.vn``, www. too)."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    return host in SITE_HOSTS


def _path(url: str) -> str:
    """Return the percent-decoded path of ``url`` (``/van-hoa the-thao/x-WELlnbQHg.html``)."""
    return unquote(urlsplit(url).path)


@lru_cache(maxsize=16384)
def article_id(url: str) -> str | None:
    """Return the 9-character article id of an article URL, else None."""
    if not is_site_url(url):
        return None
    match = ARTICLE_PATH_RE.match(_path(url))
    return match.group("id") if match else None


@lru_cache(maxsize=16384)
def category(url: str) -> str | None:
    """Return the section slug of an article or listing URL, percent-decoded, else None."""
    path = _path(url)
    for pattern in (ARTICLE_PATH_RE, PAGER_PATH_RE, SECTION_PATH_RE):
        match = pattern.match(path)
        if match and match.group("cat").lower() not in NON_SECTION_SEGMENTS:
            return match.group("cat")
    return None


@lru_cache(maxsize=16384)
def page_number(url: str) -> int:
    """Return the pager number of a listing URL: N for ``trang-N.html``, else 1."""
    match = PAGER_PATH_RE.match(_path(url))
    return int(match.group("page")) if match else 1


@lru_cache(maxsize=16384)
def classify(url: str) -> PageKind:
    """Return ``article``, ``listing`` or ``other`` for a URL, by its path alone.

    Listings: the home page, ``/recent-article``, section pages (``/{cat}``, ``/{cat}/``,
    ``/{cat}.html``) and pagers (``/{cat}/trang-N.html``). Off-site URLs are ``other``.
    """
    if not is_site_url(url):
        return "other"
    path = _path(url)
    if path.lower().endswith(_FILE_SUFFIXES):
        return "other"
    if ARTICLE_PATH_RE.match(path):
        return "article"
    if path in ("", "/") or path.rstrip("/") == "/recent-article" or PAGER_PATH_RE.match(path):
        return "listing"
    match = SECTION_PATH_RE.match(path)
    if match and match.group("cat").lower() not in NON_SECTION_SEGMENTS:
        return "listing"
    return "other"


@lru_cache(maxsize=16384)
def canonical(url: str) -> str:
    """Return the URL on ``https://en.baodienbienphu.com.vn`` with no query or fragment.

    The path keeps its percent-encoding as the site writes it (``/van-hoa%20the-thao/...``).
    """
    parts = urlsplit(url)
    host = SITE_HOST if parts.hostname in SITE_HOSTS else parts.netloc
    path = quote(unquote(parts.path or "/"), safe=_PATH_SAFE)
    return urlunsplit(("https", host, path, "", ""))
