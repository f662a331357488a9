"""Page outcomes: what a response or a failure becomes in ``fetches``, without a crawl.

The spider decides skipped (not HTML, empty) and describes failures; the validate pipeline
sets aside records with no text; the archive pipeline names each page's outcome and reason.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
from twisted.python.failure import Failure

from scraper.health import fill_rates
from scraper.items import ARTICLE_FIELDS, FetchedPage, FetchFailure
from scraper.pipelines import ExtractPipeline, ValidatePipeline, page_outcome, robots_outcome
from scraper.spiders.dbp import SiteSpider, describe_failure

SITE = "https://en.baodienbienphu.com.vn"
ARTICLE = f"{SITE}/kinh-te/a-story-wZVLwJQNR.html"


@pytest.mark.parametrize(
    ("status", "error", "outcome", "reason"),
    [
        (200, None, "ok", None),
        (200, "", "ok", None),
        (200, "unusable record: no lead and no body text", "failed",
         "unusable record: no lead and no body text"),
        (200, "not HTML", "failed", "not HTML"),
        (304, None, "not_modified", None),
        (304, "odd", "not_modified", "odd"),  # the error is kept as the reason
        (404, None, "failed", "HTTP 404"),
        (410, None, "failed", "HTTP 410"),
        (429, None, "failed", "HTTP 429"),
        (503, None, "failed", "HTTP 503"),
        (503, "boom", "failed", "boom"),
        (204, None, "failed", "HTTP 204"),
    ],
)  # fmt: skip
def test_page_outcome(status: int, error: str | None, outcome: str, reason: str | None) -> None:
    assert page_outcome(status, error) == (outcome, reason)


@pytest.mark.parametrize(
    ("status", "outcome", "reason"),
    [
        (200, "ok", None),
        (304, "ok", None),
        (399, "ok", None),
        (401, "skipped", "robots.txt: HTTP 401"),
        (404, "skipped", "robots.txt: HTTP 404"),
        (499, "skipped", "robots.txt: HTTP 499"),
        (500, "failed", "robots.txt: HTTP 500"),
        (503, "failed", "robots.txt: HTTP 503"),
    ],
)
def test_robots_outcome(status: int, outcome: str, reason: str | None) -> None:
    assert robots_outcome(status) == (outcome, reason)


def _response(
    status: int = 200, body: bytes = b"<html><body><p>x</p></body></html>", **headers: str
) -> Response:
    request = Request(ARTICLE, meta={"dbp_url": ARTICLE, "article_id": "wZVLwJQNR"})
    cls = TextResponse if "Content_Type" in headers else HtmlResponse
    return cls(
        ARTICLE,
        status=status,
        body=body,
        headers={k.replace("_", "-"): v for k, v in headers.items()},
        request=request,
        encoding="utf-8",
    )


# (name, response, what _take returns: "page" / "skipped", the skip reason, links parsed)
TAKES: list[tuple[str, Response, str, str | None, bool]] = [
    ("HTML 200", _response(Content_Type="text/html; charset=utf-8"), "page", None, True),
    ("XHTML 200", _response(Content_Type="application/xhtml+xml"), "page", None, True),
    ("no content type", _response(), "page", None, True),
    ("a PDF", _response(Content_Type="application/pdf"), "skipped",
     "not HTML (application/pdf)", False),
    ("JSON", _response(Content_Type="application/json", body=b"{}"), "skipped",
     "not HTML (application/json)", False),
    ("empty body", _response(body=b"", Content_Type="text/html"), "skipped", "empty body", False),
    ("404 page: recorded, not parsed", _response(404), "page", None, False),
    ("304: recorded, not parsed", _response(304, body=b""), "page", None, False),
    ("503 PDF: a failure, not a skip", _response(503, Content_Type="application/pdf"), "page",
     None, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("response", "kind", "reason", "parsed"),
    [row[1:] for row in TAKES],
    ids=[row[0] for row in TAKES],
)
def test_what_the_spider_takes_from_a_response(
    response: Response, kind: str, reason: str | None, parsed: bool
) -> None:
    item, links = SiteSpider()._take(response, "article")
    assert (links is not None) is parsed
    if kind == "skipped":
        assert isinstance(item, FetchFailure)
        assert (item.outcome, item.reason, item.status) == ("skipped", reason, response.status)
        assert item.url == ARTICLE and item.nbytes == len(response.body)
    else:
        assert isinstance(item, FetchedPage)
        assert (item.url, item.status, item.kind) == (ARTICLE, response.status, "article")
        assert item.body == response.body
        assert page_outcome(item.status, item.error)[0] == (
            "ok" if response.status == 200 else "not_modified" if response.status == 304
            else "failed"
        )  # fmt: skip


@pytest.mark.parametrize(
    ("error", "outcome", "reason"),
    [
        (IgnoreRequest("Forbidden by robots.txt"), "refused", "Forbidden by robots.txt"),
        (IgnoreRequest("off-site redirect to evil.example refused"), "refused",
         "off-site redirect to evil.example refused"),
        (IgnoreRequest(), "refused", "ignored"),
        (DownloadCancelledError("Cancelling download of x: 11000000 > 10485760"), "refused",
         "response over the size limit (DOWNLOAD_MAXSIZE): "
         "Cancelling download of x: 11000000 > 10485760"),
        (DownloadCancelledError(), "refused", "response over the size limit (DOWNLOAD_MAXSIZE):"),
        (TimeoutError("took longer than 30 s"), "failed",
         "TimeoutError: User timeout caused connection failure: took longer than 30 s."),
        (DNSLookupError("no such host"), "failed",
         "DNSLookupError: DNS lookup failed: no such host."),
        (ConnectionRefusedError(), "failed",
         "ConnectionRefusedError: Connection was refused by other side."),
        (ValueError("first line\nsecond line"), "failed", "ValueError: first line"),
        (ValueError(), "failed", "ValueError"),
    ],
)  # fmt: skip
def test_describe_failure(error: Exception, outcome: str, reason: str) -> None:
    assert describe_failure(Failure(error)) == (outcome, reason)


def test_an_errback_records_the_site_url_and_forgets_the_listing_page() -> None:
    spider = SiteSpider()
    spider.listed_on["wZVLwJQNR"] = 2
    failure = Failure(IgnoreRequest("Forbidden by robots.txt"))
    failure.request = Request(  # type: ignore[attr-defined]
        "http://127.0.0.1:8123/kinh-te/a-story-wZVLwJQNR.html",
        meta={"dbp_url": ARTICLE, "article_id": "wZVLwJQNR"},
    )
    (item,) = spider.on_error(failure)
    assert (item.url, item.outcome, item.reason) == (ARTICLE, "refused", "Forbidden by robots.txt")
    assert spider.listed_on == {}


def _page(**fields: Any) -> FetchedPage:
    article = SimpleNamespace(**(dict.fromkeys(ARTICLE_FIELDS) | fields))
    page = FetchedPage(
        url=ARTICLE,
        final_url=ARTICLE,
        status=200,
        headers={},
        body=b"<html></html>",
        fetched_at="2026-11-23T12:00:00+00:00",
        kind="article",
    )
    page.extraction = SimpleNamespace(article=article, warnings=[], declared_elsewhere=None)  # type: ignore[assignment]
    return page


@pytest.mark.parametrize(
    ("fields", "kept"),
    [
        ({"title": "T", "lead": "L", "body": "B"}, True),
        ({"title": "T", "body": "B"}, True),
        ({"title": "T", "lead": "L"}, True),
        ({"title": "T"}, False),  # a soft error page: no text
        ({"title": "T", "lead": "", "body": ""}, False),
    ],
)
def test_the_validate_pipeline_sets_aside_records_without_text(
    fields: dict[str, Any], kept: bool
) -> None:
    crawler = get_crawler()
    page = ValidatePipeline.from_crawler(crawler).process_item(_page(**fields))
    assert (page.extraction is not None) is kept
    assert page.error == (None if kept else "unusable record: no lead and no body text")
    assert page_outcome(page.status, page.error)[0] == ("ok" if kept else "failed")
    # Fill rates count every extracted record, kept or not.
    rates = fill_rates(crawler.stats.get_stats(), 1)
    assert {name for name, rate in rates.items() if rate} == {k for k, v in fields.items() if v}


@pytest.mark.parametrize(
    ("kind", "status"), [("listing", 200), ("other", 200), ("article", 404), ("article", 304)]
)
def test_the_extract_pipeline_leaves_other_pages_alone(kind: str, status: int) -> None:
    page = FetchedPage(
        url=ARTICLE, final_url=ARTICLE, status=status, headers={}, body=b"<p>x</p>",
        fetched_at="2026-11-23T12:00:00+00:00", kind=kind,  # type: ignore[arg-type]
    )  # fmt: skip
    assert ExtractPipeline().process_item(page) is page
    assert page.extraction is None and page.error is None
