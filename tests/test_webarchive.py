"""The web archive client's hard cases: broken answers, Retry-After, unreadable records, routing.

Loopback servers only: a scripted HTTP server (a status, headers and body per request, or raw
bytes written as they are and the connection closed) and tests/fakearchive.py's FakeWayback.
The client's clock is tests/test_backfill_units.py's fake one: waits are recorded, never spent.
"""

from __future__ import annotations

import io
from collections.abc import Generator, Iterator
from typing import Any
from urllib.parse import urlsplit

import cdx_toolkit
import cdx_toolkit.commoncrawl
import cdx_toolkit.warc
import pytest
from warcio.recordloader import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.site import SITE_ROOT
from scraper.webarchive import (
    CaptureError,
    Listed,
    PoliteClient,
    SourceRefused,
    WebArchive,
    _routed,
)
from tests.fakearchive import Capture, FakeWayback
from tests.test_backfill_units import _client, _FakeTime

MODULES = (cdx_toolkit, cdx_toolkit.warc, cdx_toolkit.commoncrawl)
ORIGINAL_GET = cdx_toolkit.myrequests.myrequests_get
URL = f"{SITE_ROOT}/kinh-te/an-article-Ab0cd1234.html"
TS = "20240305102030"
PAGE = b"<html><head><title>An article</title></head><body><p>Text.</p></body></html>"


def _fast() -> tuple[_FakeTime, PoliteClient]:
    fake = _FakeTime()
    return fake, _client(fake, per_minute=6000.0)


# --- 1. any error of a request or of its body is a refusal -----------------------------------

CLOSE = b"HTTP/1.1 200 OK\r\nConnection: close\r\n"
CUT_SHORT = CLOSE + b"Content-Length: 1000\r\n\r\nonly part of the body"
NOT_GZIP = CLOSE + b"Content-Encoding: gzip\r\nContent-Length: 15\r\n\r\nnot gzip at all"
BAD_CHUNK = CLOSE + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n"


@pytest.mark.parametrize("broken", [CUT_SHORT, NOT_GZIP, BAD_CHUNK], ids=["cut", "gzip", "chunk"])
def test_client_retries_an_answer_whose_body_breaks(scripted: Any, broken: bytes) -> None:
    scripted.script = [broken, (200, {}, b"fine")]
    fake, client = _fast()
    assert client.get(scripted.url + "/x").content == b"fine"
    assert fake.waits == [1.0]  # the back-off, once
    assert len(scripted.seen) == 2 and client.refusals_waited == 1


def test_client_gives_up_when_bodies_keep_breaking(scripted: Any) -> None:
    scripted.script = [NOT_GZIP] * 10
    _, client = _fast()
    with pytest.raises(SourceRefused, match=r"refused 5 times in a row \(ContentDecodingError\)"):
        client.get(scripted.url + "/x")
    assert len(scripted.seen) == 5


@pytest.mark.parametrize("url", ["http://", "example.org/no-scheme", "ftp://example.org/x"])
def test_client_says_in_one_line_that_a_url_cannot_be_asked(url: str) -> None:
    fake, client = _fast()
    with pytest.raises(CaptureError, match="cannot ask") as caught:
        client.get(url)
    assert "\n" not in str(caught.value)
    assert fake.waits == []  # bad input: no back-off, no retry


# --- 2. a Retry-After over the cap stops at once ---------------------------------------------


@pytest.mark.parametrize(
    ("retry_after", "said"),
    [("3600", "3600"), ("Fri, 01 Jan 2100 00:00:00 GMT", r"\d+")],
    ids=["seconds", "date"],
)
def test_client_stops_when_asked_to_wait_longer_than_the_cap(
    scripted: Any, retry_after: str, said: str
) -> None:
    scripted.script = [(429, {"Retry-After": retry_after}, b"")]
    fake = _FakeTime()
    client = _client(fake, per_minute=6000.0, retry_after_cap=60.0)
    with pytest.raises(SourceRefused) as caught:
        client.get(scripted.url + "/x")
    assert caught.match(
        rf"^127\.0\.0\.1 asked to wait {said} s \(Retry-After\); stopped, run again later$"
    )
    assert len(scripted.seen) == 1 and fake.waits == []  # not retried, nothing waited


def test_client_waits_a_retry_after_within_the_cap(scripted: Any) -> None:
    scripted.script = [(503, {"Retry-After": "60"}, b""), (200, {}, b"fine")]
    fake = _FakeTime()
    client = _client(fake, per_minute=6000.0, retry_after_cap=60.0)
    assert client.get(scripted.url + "/x").content == b"fine"
    assert 60.0 in fake.waits


# --- 3. Common Crawl: an unreadable record is a CaptureError ---------------------------------


def _warc(
    url: str = URL, *, body: bytes = PAGE, warc_headers: dict[str, str] | None = None
) -> bytes:
    """One gzipped WARC/1.0 response record of ``url``, as a Common Crawl range holds it."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.0")
    http_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": "2024-03-05T10:20:30Z", **(warc_headers or {})},
    )
    writer.write_record(record)
    return buf.getvalue()


def _cc(scripted: Any) -> WebArchive:
    return WebArchive(source="commoncrawl", client=_fast()[1], cc_data_url=scripted.url + "/data")


def _cc_listed(length: int) -> Listed:
    return Listed(
        url=URL,
        timestamp=TS,
        status="200",
        mime="text/html",
        digest="SHA1",
        filename="crawl-data/CC-MAIN-2024-10/x.warc.gz",
        offset=4096,
        warc_length=length,
    )


def _range(body: bytes, status: int = 206) -> tuple[int, dict[str, str], bytes]:
    return (status, {"Content-Range": f"bytes 4096-{4096 + len(body) - 1}/99999"}, body)


def test_a_common_crawl_record_is_read_by_its_byte_range(scripted: Any) -> None:
    record = _warc()
    scripted.script = [_range(record)]
    raw = _cc(scripted).fetch(_cc_listed(len(record)))
    assert (raw.status, raw.body, raw.headers["content-type"]) == (
        200,
        PAGE,
        "text/html; charset=utf-8",
    )
    assert raw.source_url.endswith("/data/crawl-data/CC-MAIN-2024-10/x.warc.gz#4096")
    assert scripted.seen[0][1]["Range"] == f"bytes=4096-{4096 + len(record) - 1}"


def _capture_error(scripted: Any, answer: Any, length: int) -> str:
    scripted.script = [answer]
    with pytest.raises(CaptureError) as caught:
        _cc(scripted).fetch(_cc_listed(length))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_data_server_that_ignores_the_range_is_a_capture_error(scripted: Any) -> None:
    record = _warc()
    whole = b"WARC/1.0 warcinfo ... " + record  # the whole file, from its start
    message = _capture_error(scripted, (200, {}, whole), len(record))
    assert message == "the data server ignored the byte range (HTTP 200)"


@pytest.mark.parametrize("status", [403, 404, 416])
def test_a_data_server_refusing_the_range_is_a_capture_error(scripted: Any, status: int) -> None:
    answer = (status, {"Content-Type": "application/xml"}, b"<Error>NoSuchKey</Error>")
    message = _capture_error(scripted, answer, 1000)
    assert message == f"the data server answered HTTP {status} for the byte range"


def test_a_range_of_another_length_is_a_capture_error(scripted: Any) -> None:
    record = _warc()
    message = _capture_error(scripted, _range(record[:-10]), len(record))
    assert message == f"the data server sent {len(record) - 10} bytes for a record of {len(record)}"


def test_bytes_that_are_no_warc_record_are_a_capture_error(scripted: Any) -> None:
    junk = b"<html><body>Service temporarily unavailable</body></html>\n" * 3
    scripted.script = [_range(junk)]
    with pytest.raises(CaptureError, match="^unreadable WARC record: ArchiveLoadFailed") as caught:
        _cc(scripted).fetch(_cc_listed(len(junk)))
    assert isinstance(caught.value.__cause__, ArchiveLoadFailed)
    assert "\n" not in str(caught.value)


def test_a_record_of_another_url_is_a_capture_error(scripted: Any) -> None:
    record = _warc(f"{SITE_ROOT}/another-page.html")
    message = _capture_error(scripted, _range(record), len(record))
    assert message.startswith("the archived record is of ") and "another-page" in message


def test_a_truncated_record_is_a_capture_error(scripted: Any) -> None:
    record = _warc(warc_headers={"WARC-Truncated": "length"})
    message = _capture_error(scripted, _range(record), len(record))
    assert message == "the archived record is truncated (length)"


# --- 3 and 5. Wayback: a 4xx replay of a 200 capture; temporary files ------------------------


def _wayback(base: str) -> WebArchive:
    return WebArchive(source="wayback", client=_fast()[1], base_url=base)


def _wb_listed(status: str = "200", url: str = URL) -> Listed:
    return Listed(url=url, timestamp=TS, status=status, mime="text/html", digest="SHA1")


class _Spools:
    """Records every temporary file cdx_toolkit's Wayback records spool their payload to."""

    def __init__(self) -> None:
        self.files: list[Any] = []
        spools = self

        class Writer(WARCWriter):
            def _create_temp_file(self) -> Any:  # type: ignore[override]
                spooled = super()._create_temp_file()
                spools.files.append(spooled)
                return spooled

        self.writer = Writer


@pytest.fixture
def spools(monkeypatch: pytest.MonkeyPatch) -> _Spools:
    recorder = _Spools()
    monkeypatch.setattr(cdx_toolkit.warc, "WARCWriter", recorder.writer)
    return recorder


@pytest.mark.parametrize("status", [403, 404, 410])
def test_a_wayback_replay_answering_4xx_for_a_200_capture_is_a_capture_error(
    scripted: Any, spools: _Spools, status: int
) -> None:
    scripted.script = [(status, {"Content-Type": "text/html"}, b"<html>Not in archive</html>")]
    with pytest.raises(CaptureError) as caught:
        _wayback(scripted.url).fetch(_wb_listed())
    assert str(caught.value) == f"the archive answered HTTP {status} for this capture"
    assert scripted.seen[0][0] == f"/web/{TS}id_/{URL.replace('://', '%3A//')}"
    assert spools.files and all(f.closed for f in spools.files)


def test_a_wayback_capture_is_read_and_its_temporary_file_closed(
    scripted: Any, spools: _Spools
) -> None:
    scripted.script = [(200, {"Content-Type": "text/html; charset=utf-8"}, PAGE)]
    raw = _wayback(scripted.url).fetch(_wb_listed())
    assert (raw.status, raw.body, raw.headers["content-type"]) == (
        200,
        PAGE,
        "text/html; charset=utf-8",
    )
    assert spools.files and all(f.closed for f in spools.files)


def test_a_wayback_redirect_capture_keeps_its_status(spools: _Spools) -> None:
    capture = Capture(URL, TS, b"", status=302, headers={"Location": f"{SITE_ROOT}/"})
    with FakeWayback([capture], rewrite_location=True) as fake:
        raw = _wayback(fake.base_url).fetch(_wb_listed("302"))
    assert raw.status == 302 and raw.headers["location"] == f"{SITE_ROOT}/"
    assert spools.files and all(f.closed for f in spools.files)


def test_an_unreadable_wayback_replay_is_a_capture_error_and_closes_nothing_open(
    scripted: Any, spools: _Spools
) -> None:
    # A redirect whose Location is not a replay URL: cdx_toolkit cannot rewrite it (IndexError).
    scripted.script = [(302, {"Location": "https://elsewhere.example/"}, b"")]
    with pytest.raises(CaptureError, match="^unreadable capture: IndexError") as caught:
        _wayback(scripted.url).fetch(_wb_listed("302"))
    assert "\n" not in str(caught.value)
    assert all(f.closed for f in spools.files)


# --- 4. cdx_toolkit is routed only while it runs ---------------------------------------------


def _routes() -> list[Any]:
    return [module.myrequests_get for module in MODULES]  # type: ignore[attr-defined]


@pytest.fixture
def history() -> Iterator[FakeWayback]:
    captures = [
        Capture(f"{SITE_ROOT}/kinh-te/page-{n:02d}.html", TS, f"<html>{n}</html>".encode())
        for n in range(12)
    ]
    with FakeWayback(captures) as fake:
        yield fake


def _prefix() -> str:
    return f"{urlsplit(SITE_ROOT).hostname}/"


def test_listing_holds_the_patch_only_while_cdx_toolkit_fetches(history: FakeWayback) -> None:
    client = _fast()[1]
    source = WebArchive(source="wayback", client=client, base_url=history.base_url)
    assert _routes() == [ORIGINAL_GET] * 3
    listing = source.list(_prefix(), since=None, until=None)
    urls = []
    for listed in listing:
        urls.append(listed.url)
        assert _routes() == [ORIGINAL_GET] * 3, f"patched while suspended at {len(urls)}"
    assert len(urls) == 12 and client.sent == history.requests_count("cdx") == 4  # 3 pages + end
    assert _routes() == [ORIGINAL_GET] * 3


def test_an_abandoned_listing_leaves_cdx_toolkit_unpatched(history: FakeWayback) -> None:
    source = WebArchive(source="wayback", client=_fast()[1], base_url=history.base_url)
    listing = source.list(_prefix(), since=None, until=None)
    first = next(listing)
    assert first.url.endswith("page-00.html")
    assert _routes() == [ORIGINAL_GET] * 3
    assert history.requests_count("cdx") == 1  # one page, fetched when asked for
    assert isinstance(listing, Generator)
    listing.close()
    assert _routes() == [ORIGINAL_GET] * 3


def test_routed_patches_once_for_a_whole_run(history: FakeWayback) -> None:
    client = _fast()[1]
    source = WebArchive(source="wayback", client=client, base_url=history.base_url)
    with source.routed():
        assert _routes() == [client.get] * 3
        listed = list(source.list(_prefix(), since=None, until=None))
        assert _routes() == [client.get] * 3  # the listing's own routing was a no-op
        raw = source.fetch(listed[0])
        assert _routes() == [client.get] * 3
    assert raw.body == b"<html>0</html>" and len(listed) == 12
    assert _routes() == [ORIGINAL_GET] * 3


def test_routing_is_reentrant_and_restores_at_the_outermost_exit() -> None:
    client, other = _fast()[1], _fast()[1]
    with _routed(client):
        with _routed(client):
            assert _routes() == [client.get] * 3
        assert _routes() == [client.get] * 3  # the inner exit restored nothing
        with _routed(other):
            assert _routes() == [other.get] * 3
        assert _routes() == [client.get] * 3
    assert _routes() == [ORIGINAL_GET] * 3
    with pytest.raises(KeyError), _routed(client), _routed(client):
        raise KeyError("boom")
    assert _routes() == [ORIGINAL_GET] * 3
