"""URL rules: classification, ids, categories, canonical form, link resolution."""

from __future__ import annotations

import pytest

from scraper import urls

SITE = "https://en.baodienbienphu.com.vn"


@pytest.mark.parametrize(
    ("url", "kind", "ident", "category"),
    [
        (
            f"{SITE}/thoi-su-chinh-tri/building-the-party-wZVLwJQNR.html",
            "article",
            "wZVLwJQNR",
            "thoi-su-chinh-tri",
        ),
        (
            f"{SITE}/van-hoa%20the-thao/a-festival-WELlnbQHg.html",
            "article",
            "WELlnbQHg",
            "van-hoa the-thao",
        ),
        (f"{SITE}/kinh-te/trang-7.html", "listing", None, "kinh-te"),
        (f"{SITE}/kinh-te", "listing", None, "kinh-te"),
        (f"{SITE}/kinh-te/", "listing", None, "kinh-te"),
        (f"{SITE}/kinh-te.html", "listing", None, "kinh-te"),
        (f"{SITE}/", "listing", None, None),
        (f"{SITE}/recent-article", "listing", None, None),
        (f"{SITE}/images/photo.jpg", "other", None, None),
        (f"{SITE}/admin/login", "other", None, None),
        ("https://www.facebook.com/baodienbienphu", "other", None, None),
        ("https://evil.example/kinh-te/x-wZVLwJQNR.html", "other", None, "kinh-te"),
        (f"{SITE}/kinh-te/too-short-id-abc.html", "other", None, None),
    ],
)
def test_classify(url: str, kind: str, ident: str | None, category: str | None) -> None:
    assert urls.classify(url) == kind
    assert urls.article_id(url) == ident
    if kind != "other":
        assert urls.category(url) == category


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/kinh-te/a-wZVLwJQNR.html", f"{SITE}/kinh-te/a-wZVLwJQNR.html"),
        ("../xa-hoi/b-wZVLwJQNg.html", f"{SITE}/xa-hoi/b-wZVLwJQNg.html"),
        ("trang-3.html", f"{SITE}/kinh-te/trang-3.html"),
        ("https://en.baodienbienphu.com.vn/x.html#top", f"{SITE}/x.html"),
        ("javascript:void(0)", None),
        ("mailto:toasoan@example.vn", None),
        ("tel:+842153", None),
        ("#comments", None),
        ("", None),
        ("ftp://example.com/file", None),
        ("/" + "a" * 2100, None),
        ("http://[::1", None),
    ],
)
def test_resolve(href: str, expected: str | None) -> None:
    assert urls.resolve(href, f"{SITE}/kinh-te/trang-2.html") == expected


def test_canonical_keeps_one_encoding_of_the_alias_path() -> None:
    spaced = urls.canonical(f"{SITE}/van-hoa the-thao/a-WELlnbQHg.html?utm=1")
    encoded = urls.canonical("http://en.baodienbienphu.com.vn/van-hoa%20the-thao/a-WELlnbQHg.html")
    assert spaced == encoded == f"{SITE}/van-hoa%20the-thao/a-WELlnbQHg.html"


def test_page_number() -> None:
    assert urls.page_number(f"{SITE}/kinh-te/trang-12.html") == 12
    assert urls.page_number(f"{SITE}/kinh-te.html") == 1
