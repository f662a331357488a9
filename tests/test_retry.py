"""Retry delays: ``Retry-After`` (seconds or HTTP date), capped, else an exponential backoff."""

from __future__ import annotations

import email.utils
import time

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from scraper import retry_after_seconds
from scraper.middlewares import RetryAfterMiddleware

NOW = 1_800_000_000.0  # 2027-01-15T08:00:00Z
HTTP_DATE = email.utils.formatdate(NOW + 90, usegmt=True)


@pytest.mark.parametrize(
    ("value", "delay"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        ("30", 30.0),
        (" 7 ", 7.0),
        ("3600", 3600.0),  # uncapped here: the middleware caps
        ("-5", None),  # not a delay-seconds (RFC 9110: 1*DIGIT)
        ("1.5", None),
        ("soon", None),
        (HTTP_DATE, 90.0),
        (email.utils.formatdate(NOW - 60, usegmt=True), 0.0),  # a date past: no wait
        ("Fri, 15 Jan 2027 08:00:30 +0000", 30.0),
        ("Friday, 99 Foo 2027", None),
    ],
)
def test_retry_after_seconds(value: str | None, delay: float | None) -> None:
    assert retry_after_seconds(value, NOW) == delay


CODES = {429, 500, 503}


# (status, retries used, Retry-After, delay) with cap 60 s, backoff base 1 s, 3 retries
@pytest.mark.parametrize(
    ("status", "retries", "header", "delay"),
    [
        (503, 0, None, 1.0),  # backoff: base * 2**retries
        (503, 1, None, 2.0),
        (503, 2, None, 4.0),
        (503, 3, None, 0.0),  # retries used up: the response goes on at once
        (503, 5, "10", 0.0),
        (429, 0, "10", 10.0),  # Retry-After wins over the backoff
        (429, 2, "0", 0.0),  # asked for none
        (429, 0, "600", 60.0),  # capped
        (429, 1, "garbage", 2.0),  # unreadable: backoff
        (500, 0, "5", 5.0),
        (200, 0, "10", 0.0),  # not a retried status
        (404, 0, "10", 0.0),
        (502, 0, "10", 0.0),  # retried by Scrapy only if listed in RETRY_HTTP_CODES
    ],
)
def test_delay_for(status: int, retries: int, header: str | None, delay: float) -> None:
    middleware = RetryAfterMiddleware(CODES, max_retries=3, cap=60.0, base=1.0)
    request = Request("https://en.baodienbienphu.com.vn/", meta={"retry_times": retries})
    headers = {"Retry-After": header} if header is not None else {}
    response = Response(request.url, status=status, headers=headers, request=request)
    assert middleware.delay_for(request, response) == delay


def test_an_http_date_is_read_against_the_clock() -> None:
    middleware = RetryAfterMiddleware(CODES, max_retries=3, cap=60.0, base=1.0)
    request = Request("https://en.baodienbienphu.com.vn/")
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    response = Response(request.url, status=503, headers={"Retry-After": when}, request=request)
    assert 28.0 <= middleware.delay_for(request, response) <= 30.0


def test_the_backoff_never_exceeds_the_cap() -> None:
    middleware = RetryAfterMiddleware({503}, max_retries=20, cap=60.0, base=1.0)
    request = Request("https://en.baodienbienphu.com.vn/", meta={"retry_times": 10})
    response = Response(request.url, status=503, request=request)
    assert middleware.delay_for(request, response) == 60.0


def test_from_crawler_reads_scrapys_retry_settings() -> None:
    crawler = get_crawler(settings_dict={"RETRY_HTTP_CODES": [503, "429"], "RETRY_TIMES": 2})
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    assert (middleware.codes, middleware.max_retries) == ({503, 429}, 2)
    assert (middleware.cap, middleware.base) == (60.0, 1.0)  # the defaults


def test_no_wait_hands_the_response_straight_back() -> None:
    middleware = RetryAfterMiddleware(CODES, max_retries=3, cap=60.0, base=1.0)
    request = Request("https://en.baodienbienphu.com.vn/")
    response = Response(request.url, status=200, request=request)
    coroutine = middleware.process_response(request, response)
    with pytest.raises(StopIteration) as done:
        coroutine.send(None)  # no wait: finishes without yielding to the reactor
    assert done.value.value is response
