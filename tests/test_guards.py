"""Size and redirect guards, the site-only rule and mirror rerouting, on Scrapy's own objects.

No crawl: each middleware is built from plain values (or ``get_crawler``) and handed a
``Request`` and a ``Response``.
"""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from twisted.python.failure import Failure

import scraper.settings
from scraper.health import reason_kind
from scraper.middlewares import MirrorMiddleware, RedirectGuardMiddleware, SiteOnlyMiddleware
from scraper.spiders.dbp import describe_failure

SITE = "https://en.baodienbienphu.com.vn"
MIRROR = "http://127.0.0.1:8123"
HOSTS = {"en.baodienbienphu.com.vn", "127.0.0.1"}


def _redirect(status: int, location: str | None, url: str, chain: list[str]) -> tuple[Any, Any]:
    request = Request(url, meta={"redirect_urls": chain} if chain else {})
    headers = {"Location": location} if location is not None else {}
    return request, Response(url, status=status, headers=headers, request=request)


# (name, status, Location, request URL, earlier URLs of the chain, refusal or None)
REDIRECTS: list[tuple[str, int, str | None, str, list[str], str | None]] = [
    ("not a redirect", 200, None, f"{SITE}/a", [], None),
    ("304 with a Location is not a redirect", 304, f"{SITE}/b", f"{SITE}/a", [], None),
    ("a redirect with no Location", 301, None, f"{SITE}/a", [], None),
    ("on-site, absolute", 301, f"{SITE}/b", f"{SITE}/a", [], None),
    ("on-site, relative", 302, "/b", f"{SITE}/a", [], None),
    ("on-site, to the mirror", 307, f"{MIRROR}/b", f"{MIRROR}/a", [], None),
    ("same path, new query", 302, f"{SITE}/a?page=2", f"{SITE}/a", [], None),
    ("off-site", 301, "https://evil.example/a", f"{SITE}/a", [],
     "off-site redirect to evil.example refused"),
    ("off-site, protocol-relative", 302, "//evil.example/x", f"{SITE}/a", [],
     "off-site redirect to evil.example refused"),
    ("off-site, 308", 308, "https://www.baodienbienphu.com.vn/", f"{SITE}/a", [],
     "off-site redirect to www.baodienbienphu.com.vn refused"),
    ("to itself", 301, f"{SITE}/a", f"{SITE}/a", [], "redirect loop refused after 1 hops"),
    ("back to the first URL", 302, f"{SITE}/a", f"{SITE}/c", [f"{SITE}/a", f"{SITE}/b"],
     "redirect loop refused after 3 hops"),
    ("a loop across site and mirror", 303, f"{MIRROR}/a", f"{MIRROR}/b", [f"{SITE}/a"],
     "redirect loop refused after 2 hops"),
    ("a long chain with no loop", 302, f"{SITE}/e", f"{SITE}/d",
     [f"{SITE}/a", f"{SITE}/b", f"{SITE}/c"], None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("status", "location", "url", "chain", "refusal"),
    [row[1:] for row in REDIRECTS],
    ids=[row[0] for row in REDIRECTS],
)
def test_redirect_guard(
    status: int, location: str | None, url: str, chain: list[str], refusal: str | None
) -> None:
    guard = RedirectGuardMiddleware(HOSTS)
    request, response = _redirect(status, location, url, chain)
    if refusal is None:
        assert guard.process_response(request, response) is response
    else:
        with pytest.raises(IgnoreRequest) as refused:
            guard.process_response(request, response)
        assert str(refused.value) == refusal
        assert describe_failure(Failure(refused.value)) == ("refused", refusal)
        assert reason_kind(refusal) in ("off-site", "redirect loop")


@pytest.mark.parametrize(
    ("url", "meta", "refusal"),
    [
        (f"{SITE}/kinh-te", {}, None),
        (f"{MIRROR}/kinh-te", {}, None),
        ("https://evil.example/", {}, "off-site request to evil.example refused"),
        ("https://evil.example/", {"dont_filter": True},
         "off-site request to evil.example refused"),
        ("https://evil.example/", {"redirect_urls": [f"{SITE}/a"]},
         "off-site redirect to evil.example refused"),
        ("http://127.0.0.2/", {}, "off-site request to 127.0.0.2 refused"),
        ("https://baodienbienphu.com.vn/", {}, "off-site request to baodienbienphu.com.vn refused"),
    ],
)  # fmt: skip
def test_site_only(url: str, meta: dict[str, Any], refusal: str | None) -> None:
    guard = SiteOnlyMiddleware(HOSTS)
    request = Request(url, meta=meta, dont_filter=bool(meta.get("dont_filter")))
    if refusal is None:
        assert guard.process_request(request) is None
    else:
        with pytest.raises(IgnoreRequest, match=f"^{refusal}$"):
            guard.process_request(request)


def test_the_size_guard_is_scrapys_and_reads_as_refused() -> None:
    """Scrapy cancels a body over DOWNLOAD_MAXSIZE; the fetch is refused, kind ``size limit``."""
    settings = Settings()
    settings.setmodule(scraper.settings)
    assert settings.getint("DOWNLOAD_MAXSIZE") == 10 * 1024 * 1024
    assert settings.getint("DOWNLOAD_WARNSIZE") < settings.getint("DOWNLOAD_MAXSIZE")
    assert settings.getint("REDIRECT_MAX_TIMES") == 5
    message = "Cancelling download of https://x: expected response size (11000000) larger than"
    outcome, reason = describe_failure(Failure(DownloadCancelledError(message)))
    assert outcome == "refused" and reason_kind(reason) == "size limit"


def test_the_guards_sit_where_they_must_in_the_chains() -> None:
    """Site-only first; the redirect guard before Scrapy's redirects; Retry-After before retry."""
    settings = Settings()
    settings.setmodule(scraper.settings)
    order = settings.getdict("DOWNLOADER_MIDDLEWARES")
    base = settings.getdict("DOWNLOADER_MIDDLEWARES_BASE")
    redirect = base["scrapy.downloadermiddlewares.redirect.RedirectMiddleware"]
    retry = base["scrapy.downloadermiddlewares.retry.RetryMiddleware"]
    assert order["scraper.middlewares.SiteOnlyMiddleware"] < min(
        v for k, v in {**base, **order}.items() if v is not None and "SiteOnly" not in k
    )
    # Responses go through the chain from high to low priority.
    assert order["scraper.middlewares.RedirectGuardMiddleware"] > redirect
    assert retry < order["scraper.middlewares.RetryAfterMiddleware"] < redirect
    assert order["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] is None


@pytest.mark.parametrize(
    ("mirror", "site_url", "mirror_url"),
    [
        (MIRROR, f"{SITE}/kinh-te/trang-2.html", f"{MIRROR}/kinh-te/trang-2.html"),
        (MIRROR, f"{SITE}/search?q=a%20b", f"{MIRROR}/search?q=a%20b"),
        (MIRROR, f"{SITE}/van-hoa%20the-thao/x.html", f"{MIRROR}/van-hoa%20the-thao/x.html"),
        (f"{MIRROR}/site/", f"{SITE}/kinh-te", f"{MIRROR}/site/kinh-te"),
        (f"{MIRROR}/site", f"{SITE}/", f"{MIRROR}/site/"),
    ],
)
def test_mirror_rerouting_round_trips(mirror: str, site_url: str, mirror_url: str) -> None:
    middleware = MirrorMiddleware(mirror)
    assert middleware.to_mirror(site_url) == mirror_url
    assert middleware.to_site(mirror_url) == site_url
    rerouted = middleware.process_request(Request(site_url, meta={"walk": "k"}))
    assert rerouted is not None and rerouted.url == mirror_url
    assert rerouted.meta["walk"] == "k" and rerouted.meta["dbp_site_url"] == site_url
    back = middleware.process_response(rerouted, Response(mirror_url, request=rerouted))
    assert back.url == site_url


def test_the_mirror_leaves_other_hosts_alone() -> None:
    middleware = MirrorMiddleware(MIRROR)
    assert middleware.process_request(Request("https://evil.example/a")) is None
    response = Response("https://evil.example/a")
    assert middleware.process_response(Request(response.url), response) is response
    assert middleware.to_site("https://evil.example/a") == "https://evil.example/a"


@pytest.mark.parametrize("mirror", ["127.0.0.1:8123", "ftp://127.0.0.1/", "http://", "/x"])
def test_a_mirror_must_be_an_http_base_url(mirror: str) -> None:
    with pytest.raises(ValueError, match="mirror must be an http"):
        MirrorMiddleware(mirror)
