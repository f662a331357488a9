"""Every guess about markup, named and in one place.

Nobody here has seen the site's HTML, so these are the class/id names that news CMSs commonly
use (Vietnamese CMSs included), matched as whole class tokens after removing ``-`` and ``_``
(``detail-content`` == ``detail_content`` == ``detailcontent``). A layout that uses none of them
still works: the extractor then anchors on the dateline, then falls back to trafilatura.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from lxml.html import HtmlElement


def _norm(names: set[str]) -> frozenset[str]:
    """Return names without ``-``/``_``, lower-cased, as matched against class tokens."""
    return frozenset(name.replace("-", "").replace("_", "").lower() for name in names)


# The element that holds the article text.
BODY_NAMES: Final = _norm(
    {
        "articleBody",
        "article-body",
        "article-content",
        "article__body",
        "article__content",
        "detail-content",
        "content-detail",
        "detail-body",
        "detail__content",
        "news-content",
        "entry-content",
        "post-content",
        "post-body",
        "story-body",
        "story-content",
        "cms-body",
        "body-content",
        "content-body",
        "fck_detail",
        "noidung",
        "noi-dung",
        "main-text",
        "text-content",
        "the-article-body",
        "article-text",
        "detail-text",
        "news-detail-content",
        "td-post-content",
    }
)
# The lead / sapo.
LEAD_NAMES: Final = _norm(
    {
        "sapo",
        "introtext",
        "intro-text",
        "itemIntroText",
        "article-intro",
        "field-lead",
        "article-sapo",
        "article__sapo",
        "detail-sapo",
        "sapo-detail",
        "lead",
        "article-lead",
        "article__lead",
        "lead-text",
        "summary",
        "article-summary",
        "description",
        "desc-detail",
        "excerpt",
        "intro",
        "chapeau",
        "standfirst",
        "subtitle-detail",
        "news-sapo",
        "teaser",
    }
)
# Byline elements.
BYLINE_NAMES: Final = _norm(
    {
        "author",
        "authors",
        "byline",
        "article-author",
        "article__author",
        "author-name",
        "tac-gia",
        "tacgia",
        "signature",
        "writer",
        "news-author",
        "detail-author",
        "post-author",
    }
)
# Image captions.
CAPTION_NAMES: Final = _norm(
    {
        "caption",
        "image-desc",
        "image_desc",
        "imagedesc",
        "img-caption",
        "image-caption",
        "photo-caption",
        "fig-caption",
        "figcaption",
        "desc-img",
        "expnoedit",
        "pic-caption",
        "wp-caption-text",
        "image-description",
        "note-image",
        "img-note",
        "image-note",
        "photo-note",
        "field--name-field-caption",
        "media-caption",
    }
)
# Date lines (visible text).
DATE_NAMES: Final = _norm(
    {
        "date",
        "time",
        "datetime",
        "date-time",
        "publish-date",
        "published",
        "pubdate",
        "post-date",
        "posted",
        "ngay",
        "ngay-dang",
        "detail-time",
        "article-date",
        "article__date",
        "news-date",
        "meta-date",
        "date-detail",
        "time-detail",
        "entry-date",
        "timestamp",
        "dateline",
    }
)
BREADCRUMB_PARTS: Final = frozenset({"breadcrumb", "breadcrumbs", "crumbs", "crumb", "path"})


def is_breadcrumb(el: HtmlElement) -> bool:
    """Return True for a breadcrumb trail: by class/id, ``aria-label`` or schema.org itemtype."""
    return bool(
        class_parts(el) & BREADCRUMB_PARTS
        or "breadcrumb" in (el.get("aria-label") or "").lower()
        or "BreadcrumbList" in (el.get("itemtype") or "")
    )


# Class-token parts of blocks that are never article text; RELATED/COMMENT ones end the body.
RELATED_PARTS: Final = frozenset(
    {
        "related",
        "recent",
        "relate",
        "othernews",
        "tinlienquan",
        "tinkhac",
        "morenews",
        "readmore",
        "samecategory",
        "lienquan",
    }
)
COMMENT_PARTS: Final = frozenset({"comment", "comments", "binhluan", "disqus", "fbcomments"})
BOILERPLATE_PARTS: Final = frozenset(
    {
        "share",
        "social",
        "sharing",
        "banner",
        "adv",
        "ads",
        "advert",
        "advertisement",
        "quangcao",
        "qc",
        "tags",
        "tag",
        "keyword",
        "keywords",
        "print",
        "toolbar",
        "tools",
        "rating",
        "subscribe",
        "newsletter",
        "popup",
        "modal",
        "sidebar",
        "widget",
        "menu",
        "nav",
        "navbar",
        "footer",
        "breadcrumb",
        "breadcrumbs",
        "hidden",
        "sr-only",
        "fontsize",
        "zalo",
        "facebook",
        "fb",
        "twitter",
        "follow",
        "pager",
        "pagination",
        "header",
        "topbar",
    }
)
SKIP_TAGS: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "svg",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "nav",
        "aside",
        "footer",
        "header",
        "map",
        "link",
        "meta",
        "head",
        "title",
    }
)
HEADING_TAGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS: Final = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "blockquote",
        "pre",
        "center",
        "address",
        "hr",
        "caption",
        *HEADING_TAGS,
        "header",
        "footer",
        "aside",
        "nav",
        "form",
    }
)
ITALIC_TAGS: Final = frozenset({"em", "i", "cite"})
BOLD_TAGS: Final = frozenset({"strong", "b"})
# The headline when a page has no ``<h1>``: a heading named like a title (Joomla/K2's
# ``<h2 class="itemTitle">``); a class part *containing* one of the words counts.
TITLE_HEADING_TAGS: Final = ("h2", "h3")
TITLE_WORDS: Final = ("title", "headline")
# Class-token parts of widgets whose date is the visit's, not the article's (a header's
# "today", a clock, the weather).
NOT_ARTICLE_DATE_PARTS: Final = frozenset({"today", "clock", "current", "weather", "now"})
# The page's furniture: a date inside one of these (unless it is the article's own
# ``<header>``) is never the article's.
CHROME_TAGS: Final = frozenset({"nav", "footer", "aside", "header"})
# Menus: a section link inside one of these is the menu's, not the article's label.
MENU_TAGS: Final = frozenset({"nav", "header"})
MENU_PARTS: Final = frozenset({"menu", "nav", "navbar", "navigation", "topbar", "mainmenu"})
# Elements that can hold one paragraph of text (where a generic extractor's text is looked
# up) and the page's summary as shown (a Drupal lead field, a styled ``<h2>``).
TEXT_HOLDER_TAGS: Final = ("p", "div", "li", "td", "span", "blockquote")
SUMMARY_TAGS: Final = ("p", "div", "h2", "h3", "span", "section")
# Images that are never article photos.
ICON_SRC_RE: Final = re.compile(
    r"logo|icon|avatar|emoji|spacer|blank\.gif|pixel|sprite|banner|/ads?/|/qc/|quang-?cao|"
    r"qrcode|loading\.gif|placeholder|facebook|twitter|zalo|youtube|share",
    re.I,
)
IMG_SRC_ATTRS: Final = ("src", "data-src", "data-original", "data-lazy-src", "data-srcset")
_PART_SPLIT_RE: Final = re.compile(r"[-_\s]+")
_HIDDEN_STYLE_RE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


_EMPTY: Final[frozenset[str]] = frozenset()


def class_tokens(el: HtmlElement) -> frozenset[str]:
    """Return an element's class and id tokens, lower-cased, without ``-``/``_``."""
    cls, ident = el.get("class"), el.get("id")
    return _tokens(cls, ident) if cls or ident else _EMPTY


def class_parts(el: HtmlElement) -> frozenset[str]:
    """Return the ``-``/``_``-separated parts of an element's class and id tokens, plus the
    joined tokens (``box-recent`` -> {box, recent, boxrecent})."""
    cls, ident = el.get("class"), el.get("id")
    return _parts(cls, ident) if cls or ident else _EMPTY


# Cached by attribute text: a site's templates repeat the same few class strings.
@lru_cache(maxsize=4096)
def _tokens(cls: str | None, ident: str | None) -> frozenset[str]:
    attrs = f"{cls or ''} {ident or ''}".lower()
    return frozenset(tok.replace("-", "").replace("_", "") for tok in attrs.split())


@lru_cache(maxsize=4096)
def _parts(cls: str | None, ident: str | None) -> frozenset[str]:
    attrs = f"{cls or ''} {ident or ''}".lower()
    return (frozenset(_PART_SPLIT_RE.split(attrs)) | _tokens(cls, ident)) - {""}


def has_name(el: HtmlElement, names: frozenset[str]) -> bool:
    """Return True if one of ``el``'s class/id tokens is in ``names`` (normalised)."""
    return bool(class_tokens(el) & names)


def is_hidden(el: HtmlElement) -> bool:
    """Return True for elements hidden by ``style``/``hidden``/``aria-hidden``."""
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE_RE.search(el.get("style") or ""))
    )


def is_title_named(el: HtmlElement) -> bool:
    """Return True for an element whose class/id names it a title (``itemTitle``,
    ``article-headline``)."""
    return any(word in part for part in class_parts(el) for word in TITLE_WORDS)
