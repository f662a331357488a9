# ruff: noqa: E501 - HTML templates: one line of markup per line of the page.
"""HTML of the mirror: three article families, two listing families, home, recent, robots.txt.

The markup is invented (nobody has seen the site's HTML); the families differ on purpose so that
an extractor passing on all of them does not depend on one layout:

- **a**, CMS style: ``div`` soup with class names, OpenGraph and ``article:*`` meta, a visible
  Vietnamese date, images in ``table.image``, byline in right-aligned paragraphs, absolute links;
- **b**, semantic HTML5: ``<article>``, ``<time>``, JSON-LD ``NewsArticle``, ``<figure>``,
  ``<aside class="related">``, root-relative links;
- **c**, legacy tables: nested ``<table>`` layout, only ``og:title``/``og:description``, the date
  as visible text in a cell, ``<b>``/``<em>`` markup, relative links.

Listings: **L1** (``div.list-news`` blocks, ``ul.pagination``) in the CMS chrome, **L2** (table
rows, a ``1 2 3 »`` pager) in the legacy chrome. Text is escaped with ``html.escape``.
"""

from __future__ import annotations

import html
import json
import posixpath
import textwrap
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote

from . import assets
from .content import SECTIONS, Article, Block, Section, inline_parts

SITE = "https://en.baodienbienphu.com.vn"
SITE_NAME = "Báo Điện Biên Phủ"
VIETNAMESE_SITE = "https://baodienbienphu.com.vn/"
FACEBOOK = "https://www.facebook.com/baodienbienphu.english"
YOUTUBE = "https://www.youtube.com/@baodienbienphu"
LOGO = "/assets/images/logo-en.png"
NO_IMAGE = "/assets/images/no-image.jpg"

VI_DAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def esc(text: str) -> str:
    """Escape text for an element's content (quotes stay as typed)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for an attribute value."""
    return html.escape(text, quote=True)


def variant(key: str, n: int) -> int:
    """Return a stable choice in ``range(n)`` for ``key`` (pages vary, builds do not)."""
    return zlib.crc32(key.encode()) % n


# --- Links and shared data ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Linker:
    """Writes the hrefs of one page (URL path ``page``) in one form: abs, root or rel."""

    page: str
    style: str

    def __call__(self, target: str) -> str:
        """Return the href of the site path ``target`` (percent-encoded, starting with /)."""
        if self.style == "abs":
            return SITE + target
        if self.style == "root":
            return target
        relative = posixpath.relpath(target, posixpath.dirname(self.page))
        return relative + "/" if target.endswith("/") else relative


@dataclass(frozen=True, slots=True)
class Teaser:
    """An article as listings show it: where the link goes, title, label, lead, thumbnail."""

    path: str
    title: str
    label: str
    lead: str
    image: str


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page's furniture shows: the Most read list and the date in the top bar."""

    most_read: tuple[Teaser, ...]
    today: date


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article page: the article, its Recent news, article paths for inline links."""

    article: Article
    recent: tuple[Teaser, ...]
    paths: dict[str, str]
    chrome: Chrome


@dataclass(frozen=True, slots=True)
class ListingView:
    """Page ``page`` of ``pages`` of a section listing, with its items."""

    section: Section
    page: int
    pages: int
    items: tuple[Teaser, ...]
    chrome: Chrome

    @property
    def path(self) -> str:
        """This page's URL path."""
        return listing_path(self.section.slug, self.page)


def listing_path(category: str, page: int) -> str:
    """Return the URL path of a section listing page (page 1 is ``/{cat}.html``)."""
    return f"/{category}.html" if page == 1 else f"/{category}/trang-{page}.html"


def shown_lead(article: Article) -> str:
    """Return the first lead paragraph as listings show it, dateline included."""
    return article.dateline + article.lead[0]


# --- Dates ---------------------------------------------------------------------------------------


def vi_day(day: date) -> str:
    """``Thứ Hai, 25/11/2024``."""
    return f"{VI_DAYS[day.weekday()]}, {day:%d/%m/%Y}"


def vi_date(moment: datetime) -> str:
    """``Thứ Hai, 25/11/2024 10:30``."""
    return f"{vi_day(moment)} {moment:%H:%M}"


def legacy_date(moment: datetime, form: str) -> str:
    """The visible date of a family c page in ``form`` (pipe, gmt, thu, month)."""
    if form == "pipe":
        return f"{moment:%d/%m/%Y | %H:%M}"
    if form == "gmt":
        return f"{EN_DAYS[moment.weekday()]}, {moment:%d/%m/%Y - %H:%M} (GMT+7)"
    if form == "thu":
        return vi_date(moment)
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def utc_z(moment: datetime) -> str:
    """``2024-11-25T10:40:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Inline text ---------------------------------------------------------------------------------


def inline(
    text: str, link: Linker, paths: dict[str, str], bold: str = "strong", italic: str = "em"
) -> str:
    """Render paragraph text with its ``[[b:…]]``, ``[[i:…]]``, ``[[a:…|…]]`` markup."""
    out = []
    for kind, target, words in inline_parts(text):
        if kind == "a" and target is not None:
            href = target if "/" in target else link(paths[target])
            out.append(f'<a href="{attr(href)}">{esc(words)}</a>')
        elif kind in ("b", "i"):
            tag = bold if kind == "b" else italic
            out.append(f"<{tag}>{esc(words)}</{tag}>")
        else:
            out.append(esc(words))
    return "".join(out)


def caption_text(block: Block) -> str:
    """The caption line as printed: caption, then its credit after one space."""
    return " ".join(part for part in block[2:4] if part)


# --- Family a: CMS style -------------------------------------------------------------------------


def _cms_head(title: str, group: str, metas: Sequence[str]) -> str:
    meta = "\n".join(metas)
    return f"""<!DOCTYPE html>
<html lang="en" prefix="og: https://ogp.me/ns#">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>{esc(title)}</title>
{meta}
<meta name="copyright" content="{SITE_NAME}">
<meta name="format-detection" content="telephone=no">
<meta property="fb:app_id" content="1409561029341587">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:locale" content="en_US">
<link rel="shortcut icon" href="{SITE}/favicon.ico" type="image/x-icon">
<link rel="apple-touch-icon" href="{SITE}/assets/images/apple-touch-icon.png">
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Merriweather:wght@700&amp;family=Roboto:wght@400;500;700&amp;display=swap">
<link rel="stylesheet" href="{SITE}/assets/css/main.min.css?v=3.8.2">
<style>{assets.critical_css()}</style>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-8KQ2DBP4EN"></script>
<script>{assets.gtag_script(group)}</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>{assets.ads_script(group)}</script>
</head>"""


def _cms_top(link: Linker, chrome: Chrome, active: str | None) -> str:
    items = "".join(
        f'<li class="{"menu-item active" if section.slug == active else "menu-item"}">'
        f'<a href="{link(listing_path(section.slug, 1))}" title="{attr(section.menu)}">{esc(section.menu)}</a></li>'
        for section in SECTIONS
    )
    return f"""<body class="{"detail-page" if active else "home-page"}">
{assets.icon_sprite()}
<div id="top"></div>
<div class="top-bar"><div class="container clearfix">
<span class="today">{vi_day(chrome.today)}</span>
<a href="tel:+842153830181">Hotline: 0215 3830 181</a>
<a href="mailto:english@baodienbienphu.com.vn">english@baodienbienphu.com.vn</a>
<a href="{VIETNAMESE_SITE}" target="_blank" rel="noopener">Tiếng Việt</a>
<a href="{link("/admin/login")}" rel="nofollow">Login</a>
</div></div>
<header class="header"><div class="container clearfix">
<a class="logo" href="{link("/")}" title="{SITE_NAME}"><img src="{SITE}{LOGO}" alt="{SITE_NAME} - English edition" width="320" height="72"></a>
<div class="banner-top" id="div-gpt-ad-1690000000001-0"><a href="https://dienbientourism.vn/" target="_blank" rel="sponsored noopener"><img src="{SITE}/uploads/banners/visit-dien-bien-728x90.jpg" alt="Visit Điện Biên" width="728" height="90"></a></div>
</div></header>
<nav class="main-menu"><div class="container"><ul>
<li><a href="{link("/")}" title="Home"><svg class="icon"><use xlink:href="#icon-home"></use></svg></a></li>
{items}
<li><a href="{link("/recent-article")}">Latest</a></li>
<li class="has-sub"><a href="javascript:void(0)">Multimedia</a><ul class="sub-menu">
<li><a href="{YOUTUBE}" target="_blank" rel="noopener">Video</a></li>
<li><a href="{FACEBOOK}/photos" target="_blank" rel="noopener">Photo</a></li>
<li><a href="https://emagazine.baodienbienphu.com.vn/" target="_blank" rel="noopener">E-magazine</a></li>
</ul></li>
<li class="search"><form action="{link("/search")}" method="get"><input type="text" name="keyword" placeholder="Search..." aria-label="Search"><button type="submit"><svg class="icon"><use xlink:href="#icon-search"></use></svg></button></form></li>
</ul></div></nav>
<div class="container hot-topics"><strong>Topics:</strong>
<a href="{link("/search")}?keyword=T%E1%BA%BFt">Tết 2026</a>
<a href="{link("/search")}?keyword=border">Border sovereignty</a>
<a href="{link("/search")}?keyword=coffee">Điện Biên coffee</a>
<a href="#" onclick="return false;">Party Congress</a>
</div>"""


def _cms_sidebar(link: Linker, chrome: Chrome) -> str:
    most_read = "".join(
        f'<li><a class="cms-link" href="{link(teaser.path)}">{esc(teaser.title)}</a></li>'
        for teaser in chrome.most_read
    )
    return f"""<aside class="sidebar">
<div class="widget widget-ads" id="div-gpt-ad-1690000000002-0"><a href="https://dienbientourism.vn/" target="_blank" rel="sponsored noopener"><img src="{SITE}/uploads/banners/sidebar-tourism-300x600.jpg" alt="" width="300" height="600"></a></div>
<div class="widget most-read"><h3 class="title-box"><span>Most read</span></h3><ol>{most_read}</ol></div>
<div class="widget fanpage"><h3 class="title-box"><span>Follow us</span></h3>
<iframe src="https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fbaodienbienphu.english&amp;tabs&amp;width=300&amp;height=130" width="300" height="130" style="border:none;overflow:hidden" loading="lazy" title="Facebook"></iframe>
<p><a href="{FACEBOOK}" target="_blank" rel="noopener">Facebook</a> · <a href="{YOUTUBE}" target="_blank" rel="noopener">YouTube</a></p></div>
<div class="widget widget-ads" id="div-gpt-ad-1690000000003-0"><a href="https://www.vietnamairlines.com/" target="_blank" rel="sponsored noopener"><img src="{SITE}/uploads/banners/fly-to-dien-bien-300x250.jpg" alt="" width="300" height="250"></a></div>
</aside>"""


def _cms_footer(link: Linker, group: str) -> str:
    menu = " ".join(
        f'<a href="{link(listing_path(s.slug, 1))}">{esc(s.menu)}</a>' for s in SECTIONS
    )
    config = json.dumps(
        {
            "site": SITE,
            "group": group,
            "commentMax": 500,
            "commentMin": 5,
            "lang": "en",
            "menu": [{"slug": s.slug, "name": s.menu} for s in SECTIONS],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"""<footer class="footer"><div class="container">
<div class="footer-menu"><a href="{link("/")}">Home</a> {menu}</div>
<div class="footer-info">
<p><strong>{SITE_NAME} - Voice of the Party Committee, Government and People of Điện Biên Province</strong></p>
<p>Licence No. 123/GP-BTTTT issued by the Ministry of Information and Communications. Editor-in-Chief: responsible for content.</p>
<p>Address: No. 6, Võ Nguyên Giáp Street, Điện Biên Phủ, Điện Biên, Việt Nam. Tel: <a href="tel:+842153830181">0215 3830 181</a> - Fax: 0215 3825 087 - Email: <a href="mailto:toasoan@baodienbienphu.com.vn">toasoan@baodienbienphu.com.vn</a></p>
<p>Quoting or reproducing content must cite “{SITE_NAME}” and link to the original article.</p>
</div>
<div class="copyright">© {SITE_NAME}. All rights reserved. <a href="{VIETNAMESE_SITE}">Phiên bản tiếng Việt</a> · <a href="#top">Back to top</a></div>
</div></footer>
<a href="#top" class="back-to-top" title="Back to top"><svg class="icon"><use xlink:href="#icon-arrow-up"></use></svg></a>
<script>window.__CMS_CONFIG__ = {config};</script>
<script>{assets.SITE_SCRIPT}</script>
</body>
</html>
"""


def _share_links(url: str, title: str) -> str:
    quoted = quote(url, safe="")
    icons = (
        ("facebook", f"https://www.facebook.com/sharer/sharer.php?u={quoted}"),
        ("twitter", f"https://twitter.com/intent/tweet?url={quoted}"),
        ("zalo", f"https://sp.zalo.me/share_inline?url={quoted}"),
        ("mail", f"mailto:?subject={quote(title)}&amp;body={quoted}"),
        ("print", "javascript:window.print()"),
    )
    return "".join(
        f'<a href="{href}" title="{name.capitalize()}" rel="nofollow" target="_blank">'
        f'<svg class="icon"><use xlink:href="#icon-{name}"></use></svg></a>'
        for name, href in icons
    )


def _comment_form_a() -> str:
    return """<div class="comment-box" id="comment">
<h3>Comment</h3>
<form class="form-comment" action="javascript:void(0)" method="post">
<textarea name="content" maxlength="500" placeholder="Your comment..."></textarea>
<div class="note"><span class="char-count">You have 500/500 characters left</span></div>
<input type="text" name="fullname" placeholder="Full name"> <input type="email" name="email" placeholder="Email">
<div class="error">Please enter 5 or more characters!!!</div>
<button type="submit" class="btn-send">Send</button>
</form>
</div>"""


def _teaser_a(link: Linker, teaser: Teaser, heading: str = "h4") -> str:
    href = link(teaser.path)
    return f"""<div class="item">
<a class="thumb" href="{href}" title="{attr(teaser.title)}"><img src="{link(teaser.image)}" alt="{attr(teaser.title)}" width="220" height="147" loading="lazy"></a>
<div class="info"><{heading}><a class="cms-link" href="{href}">{esc(teaser.title)}</a></{heading}>
<span class="cat">{esc(teaser.label)} -</span>
<p class="sapo">{esc(teaser.lead)}</p></div>
</div>"""


def _image_a(block: Block, article: Article, index: int) -> str:
    desc = caption_text(block)
    row = f'<tr><td class="image-desc">{esc(desc)}</td></tr>' if desc else ""
    spacer = "\n<p>&nbsp;</p>" if desc and variant(f"{article.id}{index}", 2) == 0 else ""
    return (
        f'<table class="image center" align="center"><tbody><tr><td>'
        f'<img src="{SITE}{attr(block[1])}" alt="{attr(block[2] or article.title)}" width="700" height="467">'
        f"</td></tr>{row}</tbody></table>{spacer}"
    )


_AD_INREAD = """<div class="ads-inread"><span class="ads-label">Advertisement</span>
<div id="div-gpt-ad-1690000000004-0" style="min-height:250px"><script>googletag.cmd.push(function() { googletag.display('div-gpt-ad-1690000000004-0'); });</script></div></div>"""


def _body_a(view: ArticleView, link: Linker) -> str:
    article = view.article
    out = []
    paragraphs = 0
    for index, block in enumerate(article.blocks):
        if block[0] == "img":
            out.append(_image_a(block, article, index))
        elif block[0] == "h":
            out.append(f"<p><strong>{esc(block[1])}</strong></p>")
        else:
            out.append(f'<p style="text-align: justify;">{inline(block[1], link, view.paths)}</p>')
            paragraphs += 1
            if paragraphs == 2 and len(article.blocks) > 4 and variant(article.id, 2) == 0:
                out.append(_AD_INREAD)
    if article.byline:
        out.append(f'<p style="text-align: right;"><strong>{esc(article.byline[0])}</strong></p>')
        out.extend(
            f'<p style="text-align: right;"><em>{esc(line)}</em></p>' for line in article.byline[1:]
        )
    return "\n".join(out)


def _sapo_a(article: Article) -> str:
    if len(article.lead) == 1:
        return f'<div class="sapo">{esc(article.dateline + article.lead[0])}</div>'
    first, second = article.lead
    return f'<div class="sapo"><p>{esc(article.dateline + first)}</p><p>{esc(second)}</p></div>'


def article_a(view: ArticleView) -> str:
    """A family a (CMS style) article page."""
    article = view.article
    canonical = SITE + article.path
    link = Linker(article.path, "abs")
    image = SITE + (article.images()[0][1] if article.images() else LOGO)
    description = attr(article.dateline + " ".join(article.lead))
    metas = [
        f'<meta name="description" content="{description}">',
        f'<meta name="keywords" content="Điện Biên, {attr(article.label.title())}, {attr(article.title)}">',
        '<meta name="robots" content="index, follow, max-image-preview:large">',
        f'<meta name="author" content="{SITE_NAME}">',
        f'<link rel="canonical" href="{canonical}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(article.title)}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:url" content="{canonical}">',
        f'<meta property="og:image" content="{attr(image)}">',
        '<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">',
        f'<meta property="article:published_time" content="{article.published.isoformat()}">',
    ]
    if article.modified:
        metas.append(
            f'<meta property="article:modified_time" content="{article.modified.isoformat()}">'
        )
    metas += [
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{attr(article.title)}">',
        f'<meta name="twitter:image" content="{attr(image)}">',
    ]
    recent = "\n".join(_teaser_a(link, teaser) for teaser in view.recent)
    main = f"""<div class="container clearfix"><div class="main-col">
<div class="breadcrumb"><a href="{link("/")}">Home</a><span class="sep">/</span><a href="{link(listing_path(article.category, 1))}" class="active">{esc(article.label)}</a></div>
<h1 class="title-detail">{esc(article.title)}</h1>
<div class="box-date-share"><span class="date-time"><svg class="icon"><use xlink:href="#icon-clock"></use></svg> {vi_date(article.published)}</span>
<div class="social-share"><span class="label">Share:</span>{_share_links(canonical, article.title)}
<a href="javascript:void(0)" data-font-size="15">A-</a><a href="javascript:void(0)" data-font-size="19">A+</a></div></div>
{_sapo_a(article)}
<div class="detail-content" id="content-detail">
{_body_a(view, link)}
</div>
<div class="social-share bottom"><span class="label">Share:</span>{_share_links(canonical, article.title)}</div>
{_comment_form_a()}
<div class="box-recent"><h3 class="title-box"><span>Recent news</span></h3>
{recent}
</div>
</div>
{_cms_sidebar(link, view.chrome)}
</div>"""
    return "\n".join(
        (
            _cms_head(f"{article.title} | {SITE_NAME}", article.category, metas),
            _cms_top(link, view.chrome, article.category),
            main,
            _cms_footer(link, article.category),
        )
    )


# --- Family b: semantic HTML5 --------------------------------------------------------------------


def _json_ld(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _b_date(moment: datetime, utc: bool) -> str:
    return utc_z(moment) if utc else moment.isoformat()


def _news_article_ld(article: Article, canonical: str) -> dict[str, object]:
    utc = article.date_form == "time-utc"
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article.title,
        "description": " ".join(article.lead),
        "image": [SITE + block[1] for block in article.images()] or [SITE + LOGO],
        "datePublished": _b_date(article.published, utc),
        "dateModified": _b_date(article.modified or article.published, utc),
        "articleSection": article.label,
        "inLanguage": "en",
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": SITE + LOGO},
        },
    }
    if not article.modified:
        del data["dateModified"]
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    return data


def _breadcrumb_ld(article: Article) -> dict[str, object]:
    crumbs = [("Home", SITE + "/"), (article.label, SITE + listing_path(article.category, 1))]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def _semantic_nav(link: Linker, active: str) -> str:
    items = "\n".join(
        f'<li class="site-nav__item{" is-active" if s.slug == active else ""}">'
        f'<a href="{link(listing_path(s.slug, 1))}">{esc(s.menu)}</a></li>'
        for s in SECTIONS
    )
    return f"""<header class="site-header" role="banner">
<a class="skip-link" href="#main">Skip to content</a>
<div class="site-header__bar">
<a class="site-header__logo" href="{link("/")}" rel="home"><img src="{link(LOGO)}" alt="{SITE_NAME}" width="280" height="64"></a>
<form class="site-search" role="search" action="{link("/search")}"><label for="q" class="sr-only">Search</label><input id="q" name="q" type="search"><button>Search</button></form>
<ul class="site-header__links">
<li><a href="{VIETNAMESE_SITE}" hreflang="vi" lang="vi">Tiếng Việt</a></li>
<li><a href="{FACEBOOK}" rel="noopener" target="_blank">Facebook</a></li>
<li><a href="mailto:english@baodienbienphu.com.vn">Contact</a></li>
<li><a href="{link("/admin/login")}" rel="nofollow">Sign in</a></li>
</ul>
</div>
<nav class="site-nav" aria-label="Sections"><button class="site-nav__toggle" aria-expanded="false" onclick="javascript:void(0)">Menu</button><ul class="site-nav__list">
<li class="site-nav__item"><a href="{link("/")}">Home</a></li>
{items}
<li class="site-nav__item"><a href="{link("/recent-article")}">Latest news</a></li>
</ul></nav>
</header>
<div class="ad ad--leaderboard" id="div-gpt-ad-1690000000001-0" data-ad-slot="top_leaderboard" aria-hidden="true"></div>"""


def _figure_b(block: Block, article: Article) -> str:
    caption = ""
    if block[2] or block[3]:
        credit = f' <span class="figure__credit">{esc(block[3])}</span>' if block[3] else ""
        caption = f"<figcaption>{esc(block[2] or '')}{credit}</figcaption>"
    return (
        f'<figure class="article__figure"><img src="{attr(block[1])}" alt="{attr(block[2] or article.title)}" '
        f'width="800" height="533" loading="lazy" decoding="async">{caption}</figure>'
    )


def _body_b(view: ArticleView, link: Linker) -> str:
    out = []
    for block in view.article.blocks:
        if block[0] == "img":
            out.append(_figure_b(block, view.article))
        elif block[0] == "h":
            out.append(f"<h2>{esc(block[1])}</h2>")
        else:
            out.append(f"<p>{inline(block[1], link, view.paths)}</p>")
    out.extend(f'<p class="article__author">{esc(line)}</p>' for line in view.article.byline)
    return "\n".join(out)


def _lead_b(article: Article) -> str:
    if len(article.lead) == 1:
        return f'<p class="article__lead">{esc(article.dateline + article.lead[0])}</p>'
    first, second = article.lead
    return f'<div class="article__sapo">\n<p>{esc(article.dateline + first)}</p>\n<p>{esc(second)}</p>\n</div>'


def _dates_b(article: Article) -> str:
    utc = article.date_form == "time-utc"
    shown = f'<time class="article__date" datetime="{_b_date(article.published, utc)}">{article.published:%d/%m/%Y %H:%M} (GMT+7)</time>'
    if article.modified:
        shown += (
            f' <span class="article__updated">Updated <time datetime="{_b_date(article.modified, utc)}">'
            f"{article.modified:%d/%m/%Y %H:%M}</time></span>"
        )
    return shown


def _teaser_b(link: Linker, teaser: Teaser) -> str:
    href = link(teaser.path)
    return f"""<article class="story">
<a class="story__thumb" href="{href}" tabindex="-1" aria-hidden="true"><img src="{link(teaser.image)}" alt="" width="160" height="107" loading="lazy"></a>
<h3 class="story__title"><a href="{href}">{esc(teaser.title)}</a></h3>
<p class="story__meta">{esc(teaser.label)} -</p>
<p class="story__lead">{esc(teaser.lead)}</p>
</article>"""


def _comments_b(article: Article) -> str:
    heading = "" if variant(article.id, 3) == 0 else '<h2 class="comments__title">Comment</h2>\n'
    return f"""<section class="comments" id="comments">
{heading}<form class="form-comment" method="post" action="javascript:void(0)">
<textarea name="content" rows="4" maxlength="500" aria-label="Your comment"></textarea>
<p class="comments__hint"><span class="char-count">You have 500/500 characters left</span></p>
<p class="error" hidden>Please enter 5 or more characters!!!</p>
<button type="submit">Send comment</button>
</form>
</section>"""


def _app_state(view: ArticleView) -> str:
    """The front end's state blob: page, menu and teaser data, as a JS app would embed it."""

    def card(teaser: Teaser) -> dict[str, str]:
        return {
            "href": teaser.path,
            "title": teaser.title,
            "section": teaser.label,
            "summary": teaser.lead,
            "thumb": teaser.image,
        }

    state = {
        "page": {"type": "article", "id": view.article.id, "section": view.article.category},
        "menu": [{"href": listing_path(s.slug, 1), "label": s.menu} for s in SECTIONS],
        "widgets": {
            "recent": [card(t) for t in view.recent],
            "mostRead": [card(t) for t in view.chrome.most_read],
        },
        "ads": {"network": "/21812345678/dbp_en", "slots": ["top_leaderboard", "sidebar_1"]},
    }
    return json.dumps(state, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def article_b(view: ArticleView) -> str:
    """A family b (semantic HTML5) article page."""
    article = view.article
    canonical = SITE + article.path
    link = Linker(article.path, "root")
    image = SITE + (article.images()[0][1] if article.images() else LOGO)
    lead = attr(article.dateline + " ".join(article.lead))
    recent = "\n".join(_teaser_b(link, teaser) for teaser in view.recent)
    most_read = "\n".join(
        f'<li><a href="{link(t.path)}">{esc(t.title)}</a></li>' for t in view.chrome.most_read
    )
    sections = "".join(
        f'<li><a href="{link(listing_path(s.slug, 1))}">{esc(s.label)}</a></li>' for s in SECTIONS
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} – {SITE_NAME} English</title>
<meta name="description" content="{lead}">
<link rel="canonical" href="{canonical}">
<link rel="alternate" hreflang="en" href="{canonical}">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(article.title)}">
<meta property="og:description" content="{lead}">
<meta property="og:url" content="{canonical}">
<meta property="og:image" content="{attr(image)}">
<meta property="article:section" content="{attr(article.label)}">
<meta name="twitter:card" content="summary_large_image">
<link rel="preload" href="/assets/fonts/source-serif-4.woff2" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="/assets/css/site.css?v=20250301">
<link rel="icon" href="/favicon.ico" sizes="any">
<style>{assets.semantic_css()}</style>
{_json_ld(_news_article_ld(article, canonical))}
{_json_ld(_breadcrumb_ld(article))}
<script>{assets.gtag_script(article.category)}</script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-8KQ2DBP4EN"></script>
</head>
<body class="page page--article" id="top">
{assets.icon_sprite()}
{_semantic_nav(link, article.category)}
<main id="main" class="layout">
<article class="article">
<header class="article__header">
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
<li><a href="{link("/")}">Home</a></li>
<li><a href="{link(listing_path(article.category, 1))}">{esc(article.label)}</a></li>
</ol></nav>
<h1 class="article__title">{esc(article.title)}</h1>
<div class="article__meta">{_dates_b(article)}</div>
<ul class="share" aria-label="Share">
<li><a href="https://www.facebook.com/sharer/sharer.php?u={quote(canonical, safe="")}" rel="noopener" target="_blank">Facebook</a></li>
<li><a href="https://twitter.com/intent/tweet?url={quote(canonical, safe="")}" rel="noopener" target="_blank">X</a></li>
<li><a href="mailto:?subject={quote(article.title)}">Email</a></li>
<li><a href="javascript:window.print()">Print</a></li>
</ul>
</header>
{_lead_b(article)}
<div class="article__body">
{_body_b(view, link)}
</div>
<footer class="article__footer"><a href="#top">Back to top</a></footer>
</article>
{_comments_b(article)}
<aside class="related" aria-labelledby="related-title">
<h2 id="related-title">Recent news</h2>
{recent}
</aside>
<aside class="sidebar" aria-label="Advertisements">
<div class="ad ad--rectangle" id="div-gpt-ad-1690000000002-0" data-ad-slot="sidebar_1"></div>
<section class="most-read"><h2>Most read</h2><ol>
{most_read}
</ol></section>
<section class="follow"><h2>Follow us</h2><a href="{FACEBOOK}">Facebook</a> <a href="{YOUTUBE}">YouTube</a> <a href="tel:+842153830181">0215 3830 181</a></section>
</aside>
</main>
<footer class="site-footer" role="contentinfo">
<ul class="site-footer__sections">{sections}</ul>
<p>{SITE_NAME} – the voice of the Party Committee, Government and People of Điện Biên Province.</p>
<p>No. 6, Võ Nguyên Giáp Street, Điện Biên Phủ · <a href="mailto:toasoan@baodienbienphu.com.vn">toasoan@baodienbienphu.com.vn</a> · <a href="{VIETNAMESE_SITE}">Tiếng Việt</a></p>
<p><small>© {SITE_NAME}</small></p>
</footer>
<script id="__APP_STATE__" type="application/json">{_app_state(view)}</script>
<script>{assets.ads_script(article.category)}</script>
<script>{assets.SITE_SCRIPT}</script>
</body>
</html>
"""


# --- Family c: legacy tables ---------------------------------------------------------------------


def _legacy_head(title: str, link: Linker, metas: Sequence[str]) -> str:
    """The head and the page-wide WebForms form of a legacy page (closed by ``_legacy_frame``)."""
    meta = "\n".join(metas)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)}</title>
{meta}
<link href="{link("/css/style.css")}" rel="stylesheet" type="text/css">
<style type="text/css">{assets.LEGACY_CSS}</style>
<script type="text/javascript" src="{link("/js/jquery-1.4.2.min.js")}"></script>
<script type="text/javascript">{assets.LEGACY_SCRIPT}{assets.MENU_SCRIPT}</script>
</head>
<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0" onload="MM_preloadImages('{link("/images/menu_over.gif")}')">
<a name="top"></a>
<form name="aspnetForm" method="post" action="{posixpath.basename(link.page)}" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{assets.view_state(link.page, 15000)}"></div>
<div><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{assets.view_state(link.page[::-1], 600)}"></div>"""


def _legacy_frame(link: Linker, active: str | None, main: str, chrome: Chrome) -> str:
    menu = " | ".join(
        f'<a href="{link(listing_path(s.slug, 1))}">{esc(s.menu.upper())}</a>' for s in SECTIONS
    )
    left = "\n".join(
        f'<a href="{link(listing_path(s.slug, 1))}" class="{"current" if s.slug == active else "item"}">'
        f"{esc(s.menu)}</a>"
        for s in SECTIONS
    )
    most_read = "".join(
        f'<tr><td><a href="{link(t.path)}">{esc(t.title)}</a></td></tr>' for t in chrome.most_read
    )
    return f"""<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" bgcolor="#FFFFFF">
<tr><td class="banner"><a href="{link("/")}"><img src="{link("/images/banner_en.jpg")}" width="1000" height="120" border="0" alt="{SITE_NAME}"></a></td></tr>
<tr><td class="menu" bgcolor="#00428A" height="28"><a href="{link("/")}">HOME</a> | {menu} | <a href="{link("/recent-article")}">LATEST</a> | <a href="{VIETNAMESE_SITE}">TIẾNG VIỆT</a></td></tr>
<tr><td>
<table width="100%" border="0" cellspacing="0" cellpadding="6"><tr>
<td width="190" valign="top" class="left-col">
{left}
<a href="{link("/admin/login")}">Admin</a>
<p align="center"><a href="https://dienbientourism.vn/" target="_blank"><img src="{link("/images/qc/tourism_180x300.gif")}" width="180" height="300" border="0" alt=""></a></p>
<p align="center"><a href="{FACEBOOK}" target="_blank"><img src="{link("/images/facebook.gif")}" border="0" alt="Facebook"></a></p>
<table width="100%" border="0" cellspacing="0" cellpadding="3" class="box"><tr><td class="hdr"><b>Most read</b></td></tr>{most_read}</table>
{assets.legacy_boxes()}
</td>
<td valign="top" class="main-col">
{main}
</td>
</tr></table>
</td></tr>
<tr><td class="footer" align="center">
{SITE_NAME} - English edition<br>
No. 6, Võ Nguyên Giáp Street, Điện Biên Phủ, Điện Biên - Tel: <a href="tel:+842153830181">0215 3830 181</a> - Email: <a href="mailto:toasoan@baodienbienphu.com.vn">toasoan@baodienbienphu.com.vn</a><br>
<a href="#top">Top</a> | <a href="javascript:void(0)" onclick="window.external.AddFavorite(location.href, document.title)">Bookmark</a>
</td></tr>
</table>
</form>
</body>
</html>
"""


def _wrap(html_text: str) -> str:
    """Hard-wrap a paragraph's source the way old editors saved it."""
    return textwrap.fill(html_text, width=96, break_long_words=False, break_on_hyphens=False)


def _body_c(view: ArticleView, link: Linker) -> str:
    article = view.article
    out = [f"<p><b>{esc(article.dateline + article.lead[0])}</b></p>"]
    for block in article.blocks:
        if block[0] == "img":
            out.append(
                f'<p align="center"><img src="{attr(link(block[1]))}" width="500" border="0"></p>'
            )
            if block[2] or block[3]:
                out.append(
                    f'<p align="center"><em>{esc(caption_text(block))}</em></p>\n<p>&nbsp;</p>'
                )
        elif block[0] == "h":
            out.append(f"<p><b>{esc(block[1])}</b></p>")
        else:
            out.append(f"<p>{_wrap(inline(block[1], link, view.paths, 'b', 'i'))}</p>")
    out.extend(f"<p>{esc(line)}</p>" for line in article.byline)
    return "\n".join(out)


def _recent_c(link: Linker, recent: Sequence[Teaser]) -> str:
    rows = "\n".join(
        f'<tr><td valign="top"><a href="{link(t.path)}"><img src="{link(t.image)}" width="100" border="0" align="left" hspace="6"></a>'
        f'<a href="{link(t.path)}" class="title-other">{esc(t.title)}</a><br>'
        f'<font color="#CC0000">{esc(t.label)} -</font><br>{esc(t.lead)}</td></tr>'
        for t in recent
    )
    return f"""<table width="100%" border="0" cellspacing="0" cellpadding="4" class="other-news">
<tr><td class="hdr"><b>Recent news</b></td></tr>
{rows}
</table>"""


_COMMENT_C = """<table width="100%" border="0" cellspacing="0" cellpadding="4" class="comment">
<tr><td class="hdr"><b>Comment</b></td></tr>
<tr><td><textarea id="txtComment" name="txtComment" cols="70" rows="5" onkeyup="countChar(this)"></textarea><br>
<span id="charleft">You have 500/500 characters left</span></td></tr>
<tr><td><span class="err" style="display:none">Please enter 5 or more characters!!!</span>
<input type="button" value="Send" onclick="return checkComment();"></td></tr>
</table>"""


def article_c(view: ArticleView) -> str:
    """A family c (legacy tables) article page, in its legacy encoding."""
    article = view.article
    link = Linker(article.path, "rel")
    metas = [
        f'<meta property="og:title" content="{attr(article.title)} - {SITE_NAME}">',
        f'<meta property="og:description" content="{attr(" ".join(article.lead))}">',
        f'<meta name="keywords" content="{attr(article.title)}">',
    ]
    main = f"""<table width="100%" border="0" cellspacing="0" cellpadding="0" class="detail">
<tr><td class="cat"><a href="{link(listing_path(article.category, 1))}">{esc(article.label)}</a></td></tr>
<tr><td class="title"><b>{esc(article.title)}</b></td></tr>
<tr><td class="date">{legacy_date(article.published, article.date_form)}</td></tr>
<tr><td class="content">
{_body_c(view, link)}
</td></tr>
<tr><td align="right"><a href="javascript:window.print()">Print</a> | <a href="mailto:?subject={quote(article.title)}">Email</a> | <a href="#top">Top</a></td></tr>
</table>
{_COMMENT_C}
{_recent_c(link, view.recent)}"""
    page = (
        _legacy_head(f"{SITE_NAME} - {article.title}", link, metas)
        + "\n"
        + _legacy_frame(link, article.category, main, view.chrome)
    )
    if article.encoding == "entities":
        return page.encode("ascii", "xmlcharrefreplace").decode("ascii")
    if article.encoding == "nfd":
        return unicodedata.normalize("NFD", page)
    return page


ARTICLE_FAMILIES: dict[str, Callable[[ArticleView], str]] = {
    "a": article_a,
    "b": article_b,
    "c": article_c,
}


def article_page(view: ArticleView) -> str:
    """The article page of ``view.article`` in its family's markup."""
    return ARTICLE_FAMILIES[view.article.family](view)


# --- Listings ------------------------------------------------------------------------------------


def _pager_l1(view: ListingView, link: Linker) -> str:
    def item(page: int, text: str, css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        return f'<li{cls}><a href="{link(listing_path(view.section.slug, page))}">{text}</a></li>'

    out = []
    if view.page > 1:
        out += [item(1, "First", "first"), item(view.page - 1, "Previous", "prev")]
    for page in range(max(1, view.page - 2), min(view.pages, view.page + 2) + 1):
        out.append(
            f'<li class="active"><span>{page}</span></li>'
            if page == view.page
            else item(page, str(page))
        )
    if view.page < view.pages:
        out += [item(view.page + 1, "Next", "next"), item(view.pages, "Last", "last")]
    return '<ul class="pagination">\n' + "\n".join(out) + "\n</ul>"


def _listing_l1(view: ListingView) -> str:
    link = Linker(view.path, "root")
    pager_link = Linker(view.path, "rel")
    items = "\n".join(
        f"""<div class="item">
<a class="thumb cms-link" href="{link(t.path)}"><img src="{link(t.image)}" alt="{attr(t.title)}" width="220" height="147" loading="lazy"></a>
<h3><a class="cms-link" href="{link(t.path)}">{esc(t.title)}</a></h3>
<span class="cat-label">- {esc(t.label)}</span>
<p class="sapo">{esc(t.lead)}</p>
</div>"""
        for t in view.items
    )
    title = view.section.label if view.page == 1 else f"{view.section.label} - Page {view.page}"
    main = f"""<div class="container clearfix"><div class="main-col">
<div class="breadcrumb"><a href="{link("/")}">Home</a><span class="sep">/</span><h1 class="cat-title"><a href="{link(listing_path(view.section.slug, 1))}">{esc(view.section.label)}</a></h1></div>
<div class="list-news">
{items}
</div>
{_pager_l1(view, pager_link)}
</div>
{_cms_sidebar(link, view.chrome)}
</div>"""
    metas = [
        f'<meta name="description" content="{attr(view.section.label)} news from {SITE_NAME}">',
        f'<link rel="canonical" href="{SITE}{view.path}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:title" content="{attr(title)}">',
    ]
    return "\n".join(
        (
            _cms_head(f"{title} | {SITE_NAME}", view.section.slug, metas),
            _cms_top(link, view.chrome, view.section.slug),
            main,
            _cms_footer(link, view.section.slug),
        )
    )


def _pager_l2(view: ListingView, link: Linker) -> str:
    parts = []
    if view.page > 1:
        parts.append(f'<a href="{link(listing_path(view.section.slug, view.page - 1))}">«</a>')
    for page in range(1, view.pages + 1):
        parts.append(
            f"<b>{page}</b>"
            if page == view.page
            else f'<a href="{link(listing_path(view.section.slug, page))}">{page}</a>'
        )
    if view.page < view.pages:
        parts.append(f'<a href="{link(listing_path(view.section.slug, view.page + 1))}">»</a>')
    return '<div class="paging" align="center">' + " ".join(parts) + "</div>"


def _listing_l2(view: ListingView) -> str:
    link = Linker(view.path, "rel")
    rows = "\n".join(
        f"""<tr>
<td width="130" valign="top"><a href="{link(t.path)}"><img src="{link(t.image)}" width="120" border="0"></a></td>
<td valign="top"><a href="{link(t.path)}" class="title-list"><b>{esc(t.title)}</b></a><br>
<font color="#CC0000">- {esc(t.label)}</font><br>
{esc(t.lead)}</td>
</tr>"""
        for t in view.items
    )
    main = f"""<table width="100%" border="0" cellspacing="0" cellpadding="5" class="list">
<tr><td colspan="2" class="hdr"><a href="{link(listing_path(view.section.slug, 1))}"><b>{esc(view.section.label)}</b></a></td></tr>
{rows}
</table>
{_pager_l2(view, link)}"""
    metas = [f'<meta property="og:title" content="{attr(view.section.label)} - {SITE_NAME}">']
    return (
        _legacy_head(f"{SITE_NAME} - {view.section.label}", link, metas)
        + "\n"
        + _legacy_frame(link, view.section.slug, main, view.chrome)
    )


def listing_page(view: ListingView) -> str:
    """A section listing page in its section's listing family."""
    return _listing_l1(view) if view.section.listing == "L1" else _listing_l2(view)


# --- Home, recent-article, robots.txt ------------------------------------------------------------


def home_page(
    headlines: Sequence[Teaser], blocks: Sequence[tuple[Section, Sequence[Teaser]]], chrome: Chrome
) -> str:
    """The home page: headline strip, one block per section, a link to the latest news."""
    absolute = Linker("/", "abs")
    link = Linker("/", "root")
    first, *others = headlines
    strip = f"""<div class="headline-strip">
<div class="main-story"><a href="{absolute(first.path)}"><img src="{absolute(first.image)}" alt="{attr(first.title)}" width="760" height="507"></a>
<h2><a class="cms-link" href="{absolute(first.path)}">{esc(first.title)}</a></h2><p class="sapo">{esc(first.lead)}</p></div>
<ul class="side-stories">{"".join(f'<li><a class="cms-link" href="{absolute(t.path)}">{esc(t.title)}</a></li>' for t in others)}</ul>
</div>"""
    boxes = []
    for section, teasers in blocks:
        lead, *rest = teasers
        boxes.append(f"""<div class="box-cat">
<h2 class="title-box"><a href="{link(listing_path(section.slug, 1))}">{esc(section.label)}</a></h2>
<div class="first"><a href="{link(lead.path)}"><img src="{link(lead.image)}" alt="{attr(lead.title)}" width="300" height="200" loading="lazy"></a>
<div><h3><a class="cms-link" href="{link(lead.path)}">{esc(lead.title)}</a></h3><p class="sapo">{esc(lead.lead)}</p></div></div>
<ul>{"".join(f'<li><a class="cms-link" href="{link(t.path)}">{esc(t.title)}</a></li>' for t in rest)}</ul>
</div>""")
    main = f"""<div class="container clearfix">
{strip}
<div class="main-col">
{chr(10).join(boxes)}
<p class="more"><a href="{link("/recent-article")}">More recent news »</a></p>
</div>
{_cms_sidebar(link, chrome)}
</div>"""
    metas = [
        f'<meta name="description" content="{SITE_NAME} English edition: news of Điện Biên province, Việt Nam.">',
        f'<link rel="canonical" href="{SITE}/">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:title" content="{SITE_NAME} - English edition">',
    ]
    return "\n".join(
        (
            _cms_head(f"{SITE_NAME} - English edition", "home", metas),
            _cms_top(link, chrome, None),
            main,
            _cms_footer(link, "home"),
        )
    )


def recent_page(items: Sequence[Teaser], chrome: Chrome) -> str:
    """``/recent-article``: the newest articles, laid out like Recent news."""
    link = Linker("/recent-article", "root")
    main = f"""<div class="container clearfix"><div class="main-col">
<div class="breadcrumb"><a href="{link("/")}">Home</a><span class="sep">/</span><h1 class="cat-title">Recent news</h1></div>
<div class="box-recent">
{chr(10).join(_teaser_a(link, teaser, "h3") for teaser in items)}
</div>
</div>
{_cms_sidebar(link, chrome)}
</div>"""
    metas = [
        f'<link rel="canonical" href="{SITE}/recent-article">',
        '<meta property="og:type" content="website">',
    ]
    return "\n".join(
        (
            _cms_head(f"Recent news | {SITE_NAME}", "recent", metas),
            _cms_top(link, chrome, None),
            main,
            _cms_footer(link, "recent"),
        )
    )


def robots_txt() -> str:
    """The mirror's robots.txt."""
    return "User-agent: *\nDisallow: /admin/\nDisallow: /search\n"
