"""robots.txt handling per RFC 9309 §2.3.1, through Scrapy's own entry point, no crawl.

The middleware is built from ``get_crawler``; a stand-in engine answers the robots.txt
download (``download_async``, as Scrapy's engine does) and records a close. Each case then
asks ``process_request`` for site URLs, as the downloader would.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, DNSLookupError

from scraper.health import ExitCode, judge_run
from scraper.items import FetchedPage
from scraper.middlewares import ROBOTS_FETCHED, RobotsTxtRFC9309Middleware, robots_rule

SITE = "https://en.baodienbienphu.com.vn"
RULES = b"User-agent: *\nDisallow: /admin\n"


class Engine:
    """Answer robots.txt with ``answer`` (a response, or an exception to raise); record closes."""

    def __init__(self, answer: Response | Exception) -> None:
        self.answer = answer
        self.downloads: list[str] = []
        self.closed: list[str] = []

    async def download_async(self, request: Request) -> Response:
        self.downloads.append(request.url)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    async def close_spider_async(self, *, reason: str = "cancelled") -> None:
        self.closed.append(reason)


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine that never waits (every answer here is ready) and return its value."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    raise AssertionError("the coroutine waited")


def robots(status: int, body: bytes = RULES) -> Response:
    return TextResponse(
        f"{SITE}/robots.txt",
        status=status,
        body=body,
        headers={"Content-Type": "text/plain"},
        encoding="utf-8",
    )


def middleware(answer: Response | Exception) -> tuple[Any, Engine, list[FetchedPage]]:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "USER_AGENT": "dbp-archive"})
    engine = Engine(answer)
    crawler.engine = engine  # type: ignore[assignment]
    stored: list[FetchedPage] = []

    def robots_fetched(page: FetchedPage) -> None:
        stored.append(page)

    crawler.signals.connect(robots_fetched, signal=ROBOTS_FETCHED, weak=False)
    return RobotsTxtRFC9309Middleware.from_crawler(crawler), engine, stored


def allowed(mw: Any, path: str) -> bool:
    try:
        run(mw.process_request(Request(f"{SITE}{path}")))
    except IgnoreRequest as refused:
        assert str(refused) == "Forbidden by robots.txt"
        return False
    return True


@pytest.mark.parametrize(
    ("status", "rule"),
    [(200, "obey"), (204, "obey"), (304, "obey"), (399, "obey"), (400, "allow all"),
     (401, "allow all"), (403, "allow all"), (404, "allow all"), (410, "allow all"),
     (429, "allow all"), (499, "allow all"), (500, "disallow all"), (503, "disallow all"),
     (599, "disallow all")],
)  # fmt: skip
def test_robots_rule(status: int, rule: str) -> None:
    assert robots_rule(status) == rule


# (status, body, is /kinh-te allowed, is /admin/x allowed, does the crawl stop)
ANSWERS = [
    (200, RULES, True, False, False),
    (200, b"", True, True, False),  # an empty robots.txt: no rules
    (200, b"User-agent: *\nDisallow: /\n", False, False, False),
    (404, RULES, True, True, False),  # 4xx: no rules at all, whatever the body says
    (403, RULES, True, True, False),
    (401, b"", True, True, False),
    (500, RULES, False, False, True),  # 5xx: disallow all, and stop
    (503, b"", False, False, True),
]


@pytest.mark.parametrize(("status", "body", "section", "admin", "stops"), ANSWERS)
def test_robots_answers(status: int, body: bytes, section: bool, admin: bool, stops: bool) -> None:
    mw, engine, stored = middleware(robots(status, body))
    assert (allowed(mw, "/kinh-te"), allowed(mw, "/admin/x")) == (section, admin)
    assert allowed(mw, "/kinh-te/trang-2.html") is section
    assert engine.downloads == [f"{SITE}/robots.txt"], "robots.txt is fetched once per host"
    # Every answer is handed to the archive, the rules a crawl obeyed being evidence too.
    assert [(p.url, p.status, p.body, p.kind) for p in stored] == [
        (f"{SITE}/robots.txt", status, body, "other")
    ]
    stats = mw.crawler.stats.get_stats()
    assert stats[f"robotstxt/response_status_count/{status}"] == 1
    verdict = judge_run(stats, low_fields=[], rates={}, threshold=0.9)
    if stops:
        assert engine.closed == ["robots.txt unreachable"]
        reason = f"robots.txt answered HTTP {status}; crawl stopped (RFC 9309)"
        assert verdict == ("failed", ExitCode.FAILED, [reason])
    else:
        assert engine.closed == []
        assert verdict[0] != "failed"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ConnectionRefusedError(), "ConnectionRefusedError: Connection was refused by other side."),
        (DNSLookupError("no such host"), "DNSLookupError: DNS lookup failed: no such host."),
        (TimeoutError("slow"), "TimeoutError: slow"),
    ],
)
def test_an_unreachable_robots_txt_stops_the_crawl(error: Exception, reason: str) -> None:
    mw, engine, stored = middleware(error)
    assert not allowed(mw, "/kinh-te")
    assert not allowed(mw, "/")
    assert engine.downloads == [f"{SITE}/robots.txt"] and engine.closed == [
        "robots.txt unreachable"
    ]
    assert stored == []  # nothing answered: nothing to archive
    verdict = judge_run(mw.crawler.stats.get_stats(), low_fields=[], rates={}, threshold=0.9)
    assert verdict == (
        "failed",
        ExitCode.FAILED,
        [f"robots.txt unreachable: {reason}; crawl stopped (RFC 9309)"],
    )


def test_a_request_that_does_not_obey_robots_is_not_checked() -> None:
    mw, engine, _ = middleware(robots(503))
    request = Request(f"{SITE}/robots.txt", meta={"dont_obey_robotstxt": True})
    assert run(mw.process_request(request)) is None
    assert engine.downloads == [] and engine.closed == []
