# ruff: noqa: E501 - HTML templates are kept one element a line, as the CMS writes them.
"""HTML of every page kind, in the probable real CMS templates (docs/site-notes.md, "The platform").

Article text sits in ``div.fulltext``: the sapo is its first ``p.font-bold``, the read-aloud
player ``div.audio-article`` (voice choice in ``div.select-accent-wrap``) follows it, and the
editor content is in ``div#editor-detail`` (absent on some pages: then the body paragraphs sit
directly in ``div.fulltext``). The closing author line is a right-aligned ``p.text-end``. Bootstrap
utility classes throughout, as a 2020s Vietnamese CMS renders them.
"""

from __future__ import annotations

import json
from datetime import UTC, date
from html import escape
from urllib.parse import quote

from .content import SECTIONS, SITE, Article, Img

UPLOAD = "/upload/en/images/"
THUMBS = "/upload/en/thumbs/240x160/"
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
VI_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
RECENT_OPEN = '<section class="box-recent-news mt-4">'
RECENT_CLOSE = "</section><!-- /box-recent-news -->"


def t(text: str) -> str:
    """Escape a text node."""
    return escape(text, quote=False)


def a(text: str) -> str:
    """Escape an attribute value."""
    return escape(text, quote=True)


def image_url(file: str) -> str:
    return f"{SITE}{UPLOAD}{file}"


def section_url(cat: str, page: int = 1) -> str:
    return f"/{cat}.html" if page == 1 else f"/{cat}/trang-{page}.html"


def visible_date(art: Article) -> str:
    d = art.published
    if art.date_style == "thu":
        return f"{VI_WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y %H:%M}"
    if art.date_style == "pipe":
        return f"{d:%d/%m/%Y} | {d:%H:%M}"
    if art.date_style == "en":
        return f"{EN_WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y}, {d:%H:%M} (GMT+7)"
    if art.date_style == "dateonly":
        return f"{d:%d/%m/%Y}"
    raise ValueError(art.date_style)


def today_line(today: date) -> str:
    return f"{EN_WEEKDAYS[today.weekday()]}, {today:%d/%m/%Y}"


# --------------------------------------------------------------------------- page furniture


def head(title: str, description: str, canonical: str, image: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
    <title>{t(title)}</title>
    <meta name="description" content="{a(description)}">
    <meta name="robots" content="index, follow">
    <link rel="canonical" href="{a(canonical)}">
    <link rel="shortcut icon" href="/favicon.ico" type="image/x-icon">
    <meta property="og:site_name" content="Điện Biên Phủ Newspaper">
    <meta property="og:locale" content="en_US">
    <meta property="og:title" content="{a(title)}">
    <meta property="og:description" content="{a(description)}">
    <meta property="og:url" content="{a(canonical)}">
    <meta property="og:image" content="{a(image)}">
{extra}    <link rel="stylesheet" href="/assets/libs/bootstrap/css/bootstrap.min.css?v=5.3.2">
    <link rel="stylesheet" href="/assets/libs/fontawesome/css/all.min.css?v=6.4.0">
    <link rel="stylesheet" href="/assets/css/style.css?v=20260105">
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-7DBPEN2Q4X"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){{dataLayer.push(arguments);}}
        gtag('js', new Date());
        gtag('config', 'G-7DBPEN2Q4X');
    </script>
</head>
"""


def header(today: date, active: str | None) -> str:
    items = []
    for cat, label in SECTIONS:
        cls = "nav-item active" if cat == active else "nav-item"
        items.append(
            f'                    <li class="{cls}"><a class="nav-link text-white font-bold" '
            f'href="{section_url(cat)}" title="{a(label)}">{t(label)}</a></li>'
        )
    menu = "\n".join(items)
    return f"""<body>
<div class="wrapper">
    <header class="header">
        <div class="header-top border-bottom bg-light">
            <div class="container d-flex justify-content-between align-items-center py-1">
                <div class="header-date small text-muted"><i class="far fa-calendar-alt me-1"></i><span class="current-date">{t(today_line(today))}</span></div>
                <div class="header-lang d-flex align-items-center small">
                    <a class="text-muted" href="https://baodienbienphu.vn" target="_blank" rel="noopener">Tiếng Việt</a>
                    <span class="mx-2 text-muted">|</span>
                    <a class="text-main font-bold" href="/">English</a>
                </div>
            </div>
        </div>
        <div class="header-main">
            <div class="container d-flex align-items-center justify-content-between py-3">
                <a class="logo d-block" href="/" title="Điện Biên Phủ Newspaper"><img src="/assets/images/logo-en.png" alt="Điện Biên Phủ Newspaper" width="360" height="72"></a>
                <form class="header-search d-none d-md-flex" action="/tim-kiem.html" method="get">
                    <input class="form-control form-control-sm" type="text" name="q" placeholder="Search..." aria-label="Search">
                    <button class="btn btn-sm btn-main ms-1" type="submit"><i class="fa fa-search"></i></button>
                </form>
            </div>
        </div>
        <nav class="main-nav bg-main">
            <div class="container">
                <ul class="nav d-flex flex-wrap">
                    <li class="nav-item"><a class="nav-link text-white" href="/" title="Home"><i class="fa fa-home"></i></a></li>
{menu}
                </ul>
            </div>
        </nav>
    </header>
"""


def footer(today: date) -> str:
    menu = "\n".join(
        f'                <li class="nav-item"><a class="nav-link px-2 text-white-50" '
        f'href="{section_url(cat)}">{t(label)}</a></li>'
        for cat, label in SECTIONS
    )
    return f"""    <footer class="footer bg-dark text-white-50 mt-4">
        <div class="container py-4">
            <ul class="footer-menu nav mb-3 border-bottom border-secondary pb-2">
{menu}
            </ul>
            <div class="row">
                <div class="col-md-8 mb-3">
                    <p class="font-bold text-white mb-1">ĐIỆN BIÊN PHỦ NEWSPAPER - ENGLISH EDITION</p>
                    <p class="mb-1">Agency of the Điện Biên Provincial Party Committee</p>
                    <p class="mb-1">Licence No. 412/GP-BTTTT issued by the Ministry of Information and Communications</p>
                    <p class="mb-1">Address: No. 5, Võ Nguyên Giáp Street, Mường Thanh Ward, Điện Biên Province</p>
                    <p class="mb-0">Tel: (0215) 3825 123 - Email: toasoan@baodienbienphu.com.vn</p>
                </div>
                <div class="col-md-4 text-md-end small">
                    <p class="mb-1">© Copyright {today.year} Điện Biên Phủ Newspaper. All rights reserved.</p>
                    <p class="mb-0">Reproduction is permitted only when the source “Điện Biên Phủ Newspaper” is cited.</p>
                </div>
            </div>
        </div>
    </footer>
    <a href="#" class="back-to-top" title="Back to top"><i class="fa fa-angle-up"></i></a>
</div>
<script src="/assets/libs/jquery/jquery-3.7.1.min.js"></script>
<script src="/assets/libs/bootstrap/js/bootstrap.bundle.min.js?v=5.3.2"></script>
<script src="/assets/js/main.js?v=20260105"></script>
</body>
</html>
"""


def sidebar() -> str:
    return """            <div class="col-md-4 col-12">
                <aside class="sidebar">
                    <div class="banner mb-3"><a href="https://dangcongsan.vn" target="_blank" rel="noopener"><img class="img-fluid" src="/upload/en/banners/dang-cong-san.jpg" alt="Communist Party of Viet Nam Online Newspaper"></a></div>
                    <div class="banner mb-3"><a href="https://dienbien.gov.vn" target="_blank" rel="noopener"><img class="img-fluid" src="/upload/en/banners/cong-thong-tin-dien-bien.jpg" alt="Điện Biên Province Portal"></a></div>
                    <div class="banner mb-3"><a href="https://baodienbienphu.vn" target="_blank" rel="noopener"><img class="img-fluid" src="/upload/en/banners/bao-tieng-viet.jpg" alt="Báo Điện Biên Phủ điện tử"></a></div>
                </aside>
            </div>
"""


def news_item(art: Article, indent: str = "            ") -> str:
    """An item as in Recent news and /recent-article: thumb, title, label, lead."""
    return f"""{indent}<div class="item-news d-flex mb-3 pb-3 border-bottom">
{indent}    <a class="cms-link thumb flex-shrink-0 me-3" href="{art.url}" title="{a(art.title)}"><img src="{THUMBS}{art.thumb}" alt="'{a(art.title)}" width="240" height="160" loading="lazy"></a>
{indent}    <div class="info">
{indent}        <h3 class="title font-bold mb-1"><a class="cms-link" href="{art.url}" title="{a(art.title)}">{t(art.title)}</a></h3>
{indent}        <div class="cate small mb-1"><a class="text-main" href="{section_url(art.cat)}">{t(art.label)}</a> -</div>
{indent}        <p class="sapo mb-0">{t(art.lead[0])}</p>
{indent}    </div>
{indent}</div>"""


# --------------------------------------------------------------------------- article page


def _image(img: Img, src_kind: str) -> str:
    url = image_url(img.file)
    if src_kind == "root":
        src = f'src="{UPLOAD}{img.file}"'
    elif src_kind == "lazy":
        src = f'class="lazyload" src="{PIXEL}" data-src="{url}"'
    else:
        src = f'src="{url}"'
    alt = a(img.caption or "")
    words = [w for w in (img.caption, img.credit) if w]
    if img.style == "figure":
        cap = f"<figcaption>{t(' '.join(words))}</figcaption>" if words else ""
        out = (
            f'<figure class="image"><img {src} alt="{alt}" width="800" height="533">{cap}</figure>'
        )
    else:
        out = f'<p style="text-align: center;"><img {src} alt="{alt}" width="800" height="533"></p>'
        if words:
            out += f'\n<p style="text-align: center;"><em>{t(" ".join(words))}</em></p>'
    if img.nbsp_after:
        out += "\n<p>&nbsp;</p>"
    return out


def _body(art: Article, by_id: dict[str, Article]) -> list[str]:
    out = []
    for block in art.body:
        kind = block[0]
        if kind == "p":
            out.append(f"<p>{t(block[1])}</p>")
        elif kind == "sub":
            out.append(f"<p><strong>{t(block[1])}</strong></p>")
        elif kind == "quote":
            out.append(f'<blockquote class="quote">\n<p>{t(block[1])}</p>\n</blockquote>')
        elif kind == "img":
            out.append(_image(block[1], art.img_src))
        elif kind == "readmore":
            target = by_id[block[1]]
            out.append(
                f'<p><strong><em>Read more:</em></strong> <a href="{target.url}">'
                f"{t(target.title)}</a></p>"
            )
        elif kind == "relbox":
            links = "\n".join(
                f'<li class="mb-1"><a class="cms-link" href="{by_id[i].url}" '
                f'title="{a(by_id[i].title)}">{t(by_id[i].title)}</a></li>'
                for i in block[2]
            )
            out.append(
                '<div class="box-related-inline border-start border-3 ps-3 my-3">\n'
                f'<div class="title-related font-bold mb-1">{t(block[1])}</div>\n'
                f'<ul class="list-unstyled mb-0">\n{links}\n</ul>\n</div>'
            )
        else:
            raise ValueError(kind)
    return out


def _byline(art: Article) -> list[str]:
    if not art.byline:
        return []
    if art.byline_markup == "style":
        return [f'<p style="text-align: right;"><strong>{t(x)}</strong></p>' for x in art.byline]
    lines = [f'<p class="text-end"><strong>{t(art.byline[0])}</strong></p>']
    lines += [f'<p class="text-end"><em>{t(x)}</em></p>' for x in art.byline[1:]]
    return lines


def _jsonld(art: Article, dateless: bool) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": art.url},
        "headline": art.title,
        "description": art.lead[0],
        "image": [image_url(art.thumb)],
    }
    if not dateless:
        if art.machine == "jsonld-utc":
            data["datePublished"] = art.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            data["datePublished"] = art.published.isoformat()
        if art.modified:
            data["dateModified"] = art.modified.isoformat()
    if art.authors:
        data["author"] = [{"@type": "Person", "name": n} for n in art.authors]
    data["publisher"] = {
        "@type": "Organization",
        "name": "Điện Biên Phủ Newspaper",
        "logo": {"@type": "ImageObject", "url": f"{SITE}/assets/images/logo-en.png"},
    }
    text = json.dumps(data, ensure_ascii=False, indent=4)
    return f'    <script type="application/ld+json">\n{text}\n    </script>\n'


def _breadcrumb_jsonld(art: Article) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{SITE}/"},
            {
                "@type": "ListItem",
                "position": 2,
                "name": art.label,
                "item": f"{SITE}{section_url(art.cat)}",
            },
        ],
    }
    return (
        f'    <script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'
    )


def _share(art: Article) -> str:
    q = quote(art.url, safe="")
    return f"""<div class="share-social d-flex align-items-center">
                                <span class="small text-muted me-2">Share</span>
                                <a class="btn-share fb" href="https://www.facebook.com/sharer/sharer.php?u={q}" target="_blank" rel="nofollow noopener" title="Share on Facebook"><i class="fab fa-facebook-f"></i></a>
                                <a class="btn-share zalo" href="https://sp.zalo.me/share_inline?url={q}" target="_blank" rel="nofollow noopener" title="Share on Zalo"><i class="icon-zalo"></i></a>
                                <a class="btn-share tw" href="https://twitter.com/intent/tweet?url={q}" target="_blank" rel="nofollow noopener" title="Share on X"><i class="fab fa-x-twitter"></i></a>
                                <a class="btn-share copy" href="javascript:void(0)" data-url="{art.url}" title="Copy link"><i class="fa fa-link"></i></a>
                                <a class="btn-share print" href="javascript:window.print()" title="Print"><i class="fa fa-print"></i></a>
                            </div>"""


def _audio(art: Article) -> str:
    return f"""<div class="audio-article d-flex align-items-center border rounded px-2 py-1 my-3" data-src="/upload/en/audio/{art.aid}-north-female.mp3">
                                <button type="button" class="btn btn-sm btn-main btn-audio-play me-2"><i class="fa fa-play"></i> Listen</button>
                                <div class="audio-progress flex-grow-1 me-2"><div class="audio-bar" style="width: 0%"></div></div>
                                <span class="audio-time small text-muted me-2">00:00 / {art.audio}</span>
                                <div class="select-accent-wrap position-relative">
                                    <div class="select-accent-current small">Giọng nữ miền Bắc</div>
                                    <ul class="select-accent-list list-unstyled d-none">
                                        <li data-voice="north-female" class="active">Giọng nữ miền Bắc</li>
                                        <li data-voice="north-male">Giọng nam miền Bắc</li>
                                        <li data-voice="south-female">Giọng nữ miền Nam</li>
                                        <li data-voice="south-male">Giọng nam miền Nam</li>
                                    </ul>
                                </div>
                            </div>"""


def _comment(art: Article) -> str:
    heading = (
        ""
        if art.cat == "travel"
        else '\n                            <h3 class="title-box font-bold fs-5 mb-2">Comment</h3>'
    )
    return f"""<div class="comment-box mt-4" id="comment">{heading}
                            <form class="form-comment" data-id="{art.aid}" method="post" action="/comment/send">
                                <textarea class="form-control" name="content" rows="4" maxlength="500" placeholder="Your comment..."></textarea>
                                <div class="small text-muted mt-1">You have <span class="char-left">500/500</span> characters left</div>
                                <div class="invalid-feedback comment-error">Please enter 5 or more characters!!!</div>
                                <div class="row g-2 mt-1">
                                    <div class="col-md-6"><input class="form-control" type="text" name="fullname" placeholder="Full name"></div>
                                    <div class="col-md-6"><input class="form-control" type="email" name="email" placeholder="Email"></div>
                                </div>
                                <button type="submit" class="btn btn-main mt-2">Send</button>
                            </form>
                        </div>"""


def article_page(
    art: Article,
    recent: list[Article],
    by_id: dict[str, Article],
    *,
    today: date,
    dateless: bool,
) -> str:
    extra = '    <meta property="og:type" content="article">\n'
    extra += f'    <meta property="article:section" content="{a(art.label)}">\n'
    if art.machine == "meta" and not dateless:
        extra += (
            f'    <meta property="article:published_time" content="{art.published.isoformat()}">\n'
        )
        if art.modified:
            extra += f'    <meta property="article:modified_time" content="{art.modified.isoformat()}">\n'
    if art.machine in ("jsonld", "jsonld-utc"):
        extra += _jsonld(art, dateless)
    extra += _breadcrumb_jsonld(art)
    page = head(
        f"{art.title} - Điện Biên Phủ Newspaper",
        art.lead[0],
        art.url,
        image_url(art.thumb),
        extra,
    )
    page += header(today, art.cat)

    crumb = f"""<ol class="breadcrumb mb-0 small">
                                <li class="breadcrumb-item"><a href="/"><i class="fa fa-home"></i> Home</a></li>
                                <li class="breadcrumb-item active"><a class="cms-link" href="{section_url(art.cat)}" title="{a(art.label)}">{t(art.label)}</a></li>
                            </ol>"""
    date_html = (
        ""
        if dateless
        else f'<div class="detail-time small text-muted"><i class="far fa-clock me-1"></i>{t(visible_date(art))}</div>'
    )
    if art.date_pos == "crumb-row":
        top = f"""                        <div class="d-flex justify-content-between align-items-center flex-wrap mb-2">
                            {crumb}
                            {date_html}
                        </div>
                        <h1 class="detail-title font-bold fs-3 mb-3">{t(art.title)}</h1>
                        <div class="detail-info d-flex justify-content-end align-items-center mb-2">
                            {_share(art)}
                        </div>
"""
    else:
        top = f"""                        <div class="mb-2">
                            {crumb}
                        </div>
                        <h1 class="detail-title font-bold fs-3 mb-2">{t(art.title)}</h1>
                        <div class="detail-info d-flex justify-content-between align-items-center mb-2">
                            {date_html}
                            {_share(art)}
                        </div>
"""
    if art.modified_visible and art.modified and not dateless:
        top += (
            '                        <div class="detail-updated small text-muted mb-2">'
            f"Last updated: {art.modified:%d/%m/%Y %H:%M}</div>\n"
        )

    sapo = "\n".join(f'<p class="font-bold">{t(p)}</p>' for p in art.lead)
    content = _body(art, by_id) + _byline(art)
    pad = "                            "
    inner = "\n".join(pad + "    " + line.replace("\n", "\n" + pad + "    ") for line in content)
    if art.editor_detail:
        fulltext = f"""{pad}{sapo.replace(chr(10), chr(10) + pad)}
{pad}{_audio(art)}
{pad}<div id="editor-detail" class="editor-detail">
{inner}
{pad}</div>"""
    else:
        flat = "\n".join(pad + line.replace("\n", "\n" + pad) for line in content)
        fulltext = f"""{pad}{sapo.replace(chr(10), chr(10) + pad)}
{pad}{_audio(art)}
{flat}"""

    recent_items = "\n".join(news_item(r, "                        ") for r in recent)
    page += f"""    <main class="main-content py-3">
        <div class="container">
            <div class="row">
            <div class="col-md-8 col-12">
                <div class="detail-wrap">
                    <article class="detail" data-id="{art.aid}">
{top}                        <div class="fulltext">
{fulltext}
                        </div>
                        <div class="detail-share-bottom d-flex justify-content-between align-items-center border-top pt-2 mt-3">
                            <a class="cms-link small" href="{section_url(art.cat)}"><i class="fa fa-angle-left"></i> Back to {t(art.label)}</a>
                            {_share(art)}
                        </div>
                        {_comment(art)}
                    </article>
                </div>
                {RECENT_OPEN}
                    <h2 class="title-box font-bold fs-5 border-bottom pb-2 mb-3"><span>Recent news</span></h2>
                    <div class="list-news">
{recent_items}
                    </div>
                {RECENT_CLOSE}
            </div>
{sidebar()}            </div>
        </div>
    </main>
"""
    page += footer(today)
    return page


# --------------------------------------------------------------------------- listings


def _listing_page(title: str, canonical: str, main: str, today: date, active: str | None) -> str:
    page = head(
        title,
        "Điện Biên Phủ Newspaper - English edition: news of Điện Biên province.",
        canonical,
        f"{SITE}/assets/images/logo-en.png",
        '    <meta property="og:type" content="website">\n',
    )
    page += header(today, active)
    page += f"""    <main class="main-content py-3">
        <div class="container">
            <div class="row">
            <div class="col-md-8 col-12">
{main}
            </div>
{sidebar()}            </div>
        </div>
    </main>
"""
    return page + footer(today)


def home_page(arts: list[Article], today: date) -> str:
    top, rest = arts[0], arts[1:5]
    side = "\n".join(
        f'                        <li class="py-2 border-bottom"><a class="cms-link font-bold" href="{r.url}" title="{a(r.title)}">{t(r.title)}</a></li>'
        for r in rest
    )
    blocks = []
    for cat, label in SECTIONS:
        items = [x for x in arts if x.cat == cat][:4]
        if not items:
            continue
        rows = "\n".join(
            f"""                    <div class="col-md-6 mb-3">
                        <h3 class="title font-bold fs-6 mb-1"><a class="cms-link" href="{x.url}" title="{a(x.title)}">{t(x.title)}</a></h3>
                        <p class="sapo small mb-0">{t(x.lead[0])}</p>
                    </div>"""
            for x in items
        )
        blocks.append(f"""                <section class="home-cate mb-4">
                    <h2 class="title-box font-bold fs-5 border-bottom pb-2 mb-3"><a href="{section_url(cat)}">{t(label)}</a></h2>
                    <div class="row">
{rows}
                    </div>
                </section>""")
    main = f"""                <section class="home-headline mb-4">
                    <div class="row">
                    <div class="col-md-7">
                        <a class="cms-link thumb d-block mb-2" href="{top.url}" title="{a(top.title)}"><img class="img-fluid" src="{UPLOAD}{top.thumb}" alt="{a(top.title)}"></a>
                        <h2 class="title font-bold fs-4"><a class="cms-link" href="{top.url}" title="{a(top.title)}">{t(top.title)}</a></h2>
                        <p class="sapo">{t(top.lead[0])}</p>
                    </div>
                    <div class="col-md-5">
                        <ul class="list-unstyled mb-0">
{side}
                        </ul>
                    </div>
                    </div>
                </section>
{chr(10).join(blocks)}
                <div class="text-center"><a class="btn btn-outline-secondary btn-sm" href="/recent-article">More news</a></div>"""
    return _listing_page("Điện Biên Phủ Newspaper - English edition", f"{SITE}/", main, today, None)


def recent_page(arts: list[Article], today: date) -> str:
    items = "\n".join(news_item(x, "                    ") for x in arts)
    main = f"""                <h1 class="title-box font-bold fs-4 border-bottom pb-2 mb-3">Recent news</h1>
                <div class="list-news">
{items}
                </div>"""
    return _listing_page(
        "Recent news - Điện Biên Phủ Newspaper", f"{SITE}/recent-article", main, today, None
    )


def _pager(cat: str, page: int, pages: int) -> str:
    if pages == 1:
        return ""
    items = []
    prev_cls = "page-item disabled" if page == 1 else "page-item"
    items.append(
        f'<li class="{prev_cls}"><a class="page-link" href="{section_url(cat, max(page - 1, 1))}" aria-label="Previous">«</a></li>'
    )
    for n in range(1, pages + 1):
        cls = "page-item active" if n == page else "page-item"
        items.append(
            f'<li class="{cls}"><a class="page-link" href="{section_url(cat, n)}">{n}</a></li>'
        )
    next_cls = "page-item disabled" if page == pages else "page-item"
    items.append(
        f'<li class="{next_cls}"><a class="page-link" href="{section_url(cat, min(page + 1, pages))}" aria-label="Next">»</a></li>'
    )
    lis = "\n".join("                    " + x for x in items)
    return f"""
                <nav aria-label="Page navigation">
                <ul class="pagination justify-content-center mt-3">
{lis}
                </ul>
                </nav>"""


def section_page(
    cat: str, label: str, items: list[Article], page: int, pages: int, today: date
) -> str:
    rows = "\n".join(
        f"""                    <div class="item d-flex mb-3 pb-3 border-bottom">
                        <a class="cms-link thumb flex-shrink-0 me-3" href="{x.url}" title="{a(x.title)}"><img src="{THUMBS}{x.thumb}" alt="{a(x.title)}" width="240" height="160" loading="lazy"></a>
                        <div class="info">
                            <h3 class="title font-bold fs-6 mb-1"><a class="cms-link" href="{x.url}" title="{a(x.title)}">{t(x.title)}</a></h3>
                            <div class="cate small text-muted mb-1">- {t(label)}</div>
                            <p class="sapo small mb-0">{t(x.lead[0])}</p>
                        </div>
                    </div>"""
        for x in items
    )
    main = f"""                <ol class="breadcrumb small">
                    <li class="breadcrumb-item"><a href="/"><i class="fa fa-home"></i> Home</a></li>
                    <li class="breadcrumb-item active">{t(label)}</li>
                </ol>
                <h1 class="title-box font-bold fs-4 border-bottom pb-2 mb-3">{t(label)}</h1>
                <div class="list-news">
{rows}
                </div>{_pager(cat, page, pages)}"""
    title = f"{label} - Điện Biên Phủ Newspaper"
    if page > 1:
        title = f"{label} - Page {page} - Điện Biên Phủ Newspaper"
    return _listing_page(title, f"{SITE}{section_url(cat, page)}", main, today, cat)


ROBOTS = "User-agent: *\nAllow: /\n"
