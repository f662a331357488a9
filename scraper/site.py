"""What we know of the site, in one place: hosts, URL patterns, sections, labels, text markers.

Nobody on the team has seen the site's HTML (see ``docs/site-notes.md``). Everything here comes
from stored *text* copies of its pages, so these are facts about URLs and wording, not markup.
Selectors that guess at markup live in ``scraper.extract.selectors`` and are deliberately generic.
"""

from __future__ import annotations

import re
from typing import Final

SITE_HOST: Final = "en.baodienbienphu.com.vn"
SITE_ROOT: Final = f"https://{SITE_HOST}"
HOME_URL: Final = f"{SITE_ROOT}/"
RECENT_URL: Final = f"{SITE_ROOT}/recent-article"
# Hosts that serve the same site (www-less/www, http): links to them are on-site.
SITE_HOSTS: Final = frozenset({SITE_HOST, f"www.{SITE_HOST}"})

# Article URL: /{category}/{slug}-{id}.html, the id is 9 characters [A-Za-z0-9].
# Every id seen ends in R or g, but we do not rely on it: a tenth id may not.
ARTICLE_PATH_RE: Final = re.compile(
    r"^/(?P<cat>[^/]+)/(?P<slug>[^/]*?)-(?P<id>[A-Za-z0-9]{9})\.html$"
)
# Listing page N >= 2: /{category}/trang-{N}.html ("trang" = page).
PAGER_PATH_RE: Final = re.compile(r"^/(?P<cat>[^/]+)/trang-(?P<page>\d{1,6})\.html$")
# Listing page 1: unknown form; any of /{cat}, /{cat}/, /{cat}.html.
SECTION_PATH_RE: Final = re.compile(r"^/(?P<cat>[a-z0-9][a-z0-9%\- ]{1,60}?)(?:/|\.html)?$")

# Single-segment paths that are not section listings (so never counted as sections).
NON_SECTION_SEGMENTS: Final = frozenset(
    {
        "recent-article",
        "search",
        "tim-kiem",
        "lien-he",
        "contact",
        "about",
        "gioi-thieu",
        "rss",
        "sitemap",
        "index",  # /index.html: the home page again
        "home",
        "trang-chu",
        "login",
        "dang-nhap",
    }
)

# Section slug -> label as last seen on the site. Used only when a page shows no label.
# Labels change over time (BUSINESS until about late 2025, ECONOMY since): the page wins.
SECTION_LABELS: Final[dict[str, str]] = {
    "thoi-su-chinh-tri": "NEWS - POLITICS",
    "kinh-te": "ECONOMY",
    "xa-hoi": "SOCIAL AFFAIRS",
    "doi-ngoai": "FOREIGN AFFAIRS",
    "van-hoa": "CULTURE - TOURISM",
    "van-hoa the-thao": "CULTURE - TOURISM",
    "travel": "TRAVEL",
    "the-thao": "SPORTS",
}

# --- Text markers (from the saved page texts) -------------------------------------------------

# Dateline opening a lead: "ĐBP - ", "ĐBP – ", "ĐBP — ", "ĐBP- ", "ĐBP  -  ".
DATELINE_WORD: Final = "ĐBP"
DATELINE_RE: Final = re.compile(rf"^\s*{DATELINE_WORD}\s*[-–—‑]\s*")
# A visible date line announcing an update, not the publication ("Updated: 24/11/2024 09:00").
UPDATED_RE: Final = re.compile(r"^\s*(?:updated|last updated|cập nhật|sửa)", re.I)
# Headings that open the "Recent news" block (and its likely variants on a redesign).
RELATED_HEADINGS: Final = frozenset(
    {
        "recent news",
        "related news",
        "related articles",
        "other news",
        "more news",
        "read more",
        "latest news",
        "tin liên quan",
        "tin khác",
        "tin mới",
        "tin cùng chuyên mục",
    }
)
# Headings of the block that ends every article page (the newest articles, not related ones).
END_HEADINGS: Final = frozenset({"recent news", "tin mới", "tin mới nhất"})
# Lines of the comment form; the body ends before the first of them.
COMMENT_MARKERS: Final = (
    re.compile(r"^comments?$", re.I),
    re.compile(r"^bình luận$", re.I),
    re.compile(r"^you have \d+/\d+ characters left", re.I),
    re.compile(r"^please enter \d+ or more characters", re.I),
    re.compile(r"^(send|submit)( comment)?$", re.I),
)
# Share/print/tool-bar words that are never article text.
BOILERPLATE_LINES: Final = frozenset(
    {
        "share",
        "print",
        "tweet",
        "facebook",
        "twitter",
        "zalo",
        "email",
        "copy link",
        "font size",
        "a a a",
        "messenger",
        "linkedin",
        "telegram",
        "save",
        "bookmark",
        "back to top",
        "advertisement",
        "quảng cáo",
    }
)
# Site-name suffixes seen or likely in <title>/og:title, stripped from titles.
SITE_NAME_RE: Final = re.compile(
    r"\s*[-–—|:]\s*(?:Báo\s+)?(?:Điện Biên Phủ|Dien Bien Phu|ĐBP|baodienbienphu(?:\.com\.vn)?)"
    r"(?:\s+(?:Online|newspaper|English|Newspaper))*\s*$",
    re.I,
)
