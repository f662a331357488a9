"""The fake archives speak what cdx_toolkit sends and expects (tests/fakearchive.py).

Every test drives the fakes with cdx_toolkit itself where cdx_toolkit has a say (CDX iteration,
``CaptureObject.content``), and with plain ``requests`` for what the backfill may GET on its own.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import quote

import cdx_toolkit
import pytest
import requests
from warcio.archiveiterator import ArchiveIterator

from scraper.site import SITE_HOST, SITE_ROOT
from tests.fakearchive import (
    CRAWL_IDS,
    Capture,
    FakeCommonCrawl,
    FakeWayback,
    crawl_for_timestamp,
    edited,
    fast_cdx_toolkit,
    ia_digest,
    iter_captures,
    redirect,
    site_captures,
    surt,
)

SITE_DIR = Path(__file__).resolve().parent / "fixtures" / "site"
T1 = "20240301120000"  # CC-MAIN-2024-10
T2 = "20250615080000"
T3 = "20260110000000"
HOME = f"{SITE_ROOT}/"
ARTICLE = f"{SITE_ROOT}/kinh-te/dien-bien-coffee-growers-turn-to-speciality-beans-b2TxxDBfg.html"
OLD = f"{SITE_ROOT}/old-home"


@pytest.fixture(autouse=True)
def _fast_cdx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fast_cdx_toolkit(monkeypatch, tmp_path / "cdx-cache")


@cache
def _site() -> tuple[Capture, ...]:
    return tuple(site_captures(SITE_DIR, timestamp=T1))


def site() -> list[Capture]:
    return list(_site())


def by_url(captures: list[Capture], url: str) -> Capture:
    return next(c for c in captures if c.url == url)


def history() -> list[Capture]:
    """The site at T1, the article edited at T2 and T3, a 302 at T1, a page only seen at T3."""
    caps = site()
    article = by_url(caps, ARTICLE)
    at_t2 = edited(article, T2, replace=("coffee", "tea"))
    at_t3 = edited(at_t2, T3, replace=("tea", "cocoa"))
    late = Capture(f"{SITE_ROOT}/kinh-te/late-story-LateStoRy.html", T3, b"<html>late</html>")
    return [*caps, at_t2, at_t3, redirect(OLD, T1, HOME), late]


def expected(captures: list[Capture], low: str, high: str) -> list[tuple[str, str]]:
    rows = [c for c in captures if low <= c.timestamp <= high]
    return [(c.url, c.timestamp) for c in sorted(rows, key=lambda c: (c.urlkey, c.timestamp))]


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    with FakeWayback(history()) as wb:
        yield wb
    assert wb.errors == []


@pytest.fixture
def commoncrawl() -> Iterator[FakeCommonCrawl]:
    with FakeCommonCrawl(history()) as cc:
        yield cc
    assert cc.errors == []


def ia(wb: FakeWayback) -> cdx_toolkit.CDXFetcher:
    return cdx_toolkit.CDXFetcher(source=wb.cdx_url, wb=wb.wb_url)


def cc_fetcher(cc: FakeCommonCrawl) -> cdx_toolkit.CDXFetcher:
    return cdx_toolkit.CDXFetcher(
        source="cc", cc_mirror=cc.index_url, warc_download_prefix=cc.data_url
    )


# --- Builders -------------------------------------------------------------------------------


def test_site_captures_cover_home_sections_pagers_and_articles() -> None:
    caps = site()
    html_files = list(SITE_DIR.rglob("*.html"))
    assert len(caps) == len(html_files)
    urls = {c.url for c in caps}
    assert HOME in urls
    assert f"{SITE_ROOT}/recent-article" in urls
    assert f"{SITE_ROOT}/kinh-te.html" in urls
    assert f"{SITE_ROOT}/kinh-te/trang-2.html" in urls
    assert ARTICLE in urls
    assert any("%20" in u for u in urls)  # "van-hoa the-thao/..." as the site writes it
    assert all(c.timestamp == T1 and c.status == 200 and c.digest for c in caps)
    assert by_url(caps, HOME).body == (SITE_DIR / "index.html").read_bytes()


def test_edited_and_digests() -> None:
    article = by_url(site(), ARTICLE)
    later = edited(article, T2, replace=("coffee", "tea"))
    assert later.url == article.url and later.timestamp == T2
    assert b"coffee" not in later.body and b"tea" in later.body
    assert later.digest == ia_digest(later.body) != article.digest
    twin = Capture(article.url, T3, article.body)
    assert twin.digest == article.digest  # identical bodies share the digest
    with pytest.raises(ValueError):
        edited(article, T2, replace=("no such text anywhere", "x"))
    with pytest.raises(ValueError):
        Capture(article.url, "2024", b"")
    assert surt(ARTICLE) == surt(ARTICLE.replace("https://", "http://www."))
    assert surt(ARTICLE).startswith("vn,com,baodienbienphu,en)/kinh-te/")


def test_crawl_assignment_is_what_cdx_toolkit_selects() -> None:
    assert crawl_for_timestamp(T1) == "CC-MAIN-2024-10"
    assert len(CRAWL_IDS) >= 60
    for ts in ("20190101000000", "20221231235959", T2, T3, "20261201000000"):
        crawl = crawl_for_timestamp(ts)
        raw = sorted(f"http://x/{c}-index" for c in CRAWL_IDS)
        params = {"from_ts": ts, "to": ts}
        chosen = cdx_toolkit.filter_cc_endpoints(raw, "mixed", params=params)
        assert f"http://x/{crawl}-index" in chosen


# --- Wayback: CDX -----------------------------------------------------------------------------


def test_wayback_iter_prefix_from_to_with_digests(wayback: FakeWayback) -> None:
    caps = history()
    want = expected(caps, "20240101000000", "20251231235959")
    got = list(ia(wayback).iter(f"{SITE_HOST}/*", from_ts="2024", to="2025"))
    assert list(iter_captures(got)) == want
    digests = {(c.url, c.timestamp): c.digest for c in caps}
    assert all(o["digest"] == digests[(o["url"], o["timestamp"])] for o in got)
    assert all(
        o["length"] == str(len(by_url(caps, o["url"]).body)) for o in got if o["timestamp"] == T1
    )
    same = ia(wayback).iter(HOME, matchType="prefix", from_ts="2024", to="2025")
    assert list(iter_captures(same)) == want
    # the article, all times, exact match with or without scheme
    article = list(ia(wayback).iter(ARTICLE.removeprefix("https://")))
    assert [o["timestamp"] for o in article] == [T1, T2, T3]
    assert len({o["digest"] for o in article}) == 3


def test_wayback_from_to_are_padded_inclusive_prefixes(wayback: FakeWayback) -> None:
    def timestamps(**params: str) -> list[str]:
        r = requests.get(wayback.cdx_url, params={"url": ARTICLE, "output": "json", **params})
        assert r.status_code == 200
        rows = r.json()
        return [row[1] for row in rows[1:]]

    assert timestamps(**{"from": "202403", "to": "20240301"}) == [T1]
    assert timestamps(**{"from": "20240301120001"}) == [T2, T3]
    assert timestamps(to="2025") == [T1, T2]
    assert timestamps(**{"from": "2026", "to": "2026"}) == [T3]
    assert timestamps(**{"from": "2027"}) == []
    r = requests.get(wayback.cdx_url, params={"url": ARTICLE, "output": "json", "from": "2027"})
    assert r.text.strip() == "[]"


def test_wayback_json_shape_fl_limit_and_text(wayback: FakeWayback) -> None:
    r = requests.get(wayback.cdx_url, params={"url": ARTICLE, "output": "json"})
    rows = r.json()
    assert rows[0] == [
        "urlkey",
        "timestamp",
        "original",
        "mimetype",
        "statuscode",
        "digest",
        "length",
    ]
    assert rows[1] == [
        surt(ARTICLE),
        T1,
        ARTICLE,
        "text/html",
        "200",
        by_url(site(), ARTICLE).digest,
        str(len(by_url(site(), ARTICLE).body)),
    ]
    r = requests.get(
        wayback.cdx_url,
        params={"url": ARTICLE, "output": "json", "fl": "timestamp,digest", "limit": "2"},
    )
    assert [row[0] for row in r.json()] == ["timestamp", T1, T2]
    r = requests.get(wayback.cdx_url, params={"url": ARTICLE, "limit": "-1"})
    assert r.text.split() == [
        surt(ARTICLE),
        T3,
        ARTICLE,
        "text/html",
        "200",
        ia_digest(history()[-3].body),
        str(len(history()[-3].body)),
    ]


def test_wayback_collapse_digest_drops_adjacent_duplicates() -> None:
    url = f"{SITE_ROOT}/xa-hoi.html"
    bodies = [b"a", b"a", b"b", b"a", b"a"]
    caps = [Capture(url, f"2024010{i + 1}000000", body) for i, body in enumerate(bodies)]
    with FakeWayback(caps) as wb:
        got = list(ia(wb).iter(url, collapse="digest"))
        assert [o["timestamp"] for o in got] == [
            "20240101000000",
            "20240103000000",
            "20240104000000",
        ]
        got = list(ia(wb).iter(url, collapse="timestamp:6"))  # one a month
        assert [o["timestamp"] for o in got] == ["20240101000000"]


def test_wayback_filters(wayback: FakeWayback) -> None:
    def urls(*filters: str) -> set[str]:
        params = {"url": f"{SITE_HOST}/*", "from": "2024", "to": "2024", "output": "json"}
        r = requests.get(wayback.cdx_url, params={**params, "filter": list(filters)})
        assert r.status_code == 200
        return {row[2] for row in r.json()[1:]}

    everything = urls()
    assert OLD in everything
    assert urls("statuscode:200") == everything - {OLD}
    assert urls("!statuscode:200") == {OLD}
    assert urls("statuscode:3..") == {OLD}
    assert urls("original:.*/kinh-te/.*", "!original:.*trang-.*") == {
        u for u in everything if "/kinh-te/" in u and "trang-" not in u
    }
    assert urls("mimetype:text/html") == everything
    assert urls("~original:/kinh-te/", "~!original:trang-") == urls(
        "original:.*/kinh-te/.*", "!original:.*trang-.*"
    )
    assert urls("4:302") == {OLD}  # a field by its index
    bad = requests.get(wayback.cdx_url, params={"url": HOME, "filter": "statuscode:(("})
    assert bad.status_code == 400
    # IA field names only: like the real server, a pywb name matches nothing ...
    r = requests.get(wayback.cdx_url, params={"url": HOME, "filter": "status:200"})
    assert (r.status_code, r.text) == (200, "")
    # ... and cdx_toolkit, for a source= URL, rewrites IA names INTO pywb names (munge_filter)
    fetcher = ia(wayback)
    assert list(fetcher.iter(HOME, filter=["statuscode:200"])) == []
    assert "filter=status%3A200" in wayback.log[-1].path
    # the workaround: munge as for source="ia" (pywb names are turned into IA names)
    fetcher.source = "ia"
    assert len(list(fetcher.iter(HOME, filter=["status:200"]))) == 1
    assert len(list(fetcher.iter(HOME, filter=["statuscode:200"]))) == 1


def test_wayback_pagination_ends_on_an_empty_page(wayback: FakeWayback) -> None:
    query = {"url": f"{SITE_HOST}/*", "from": "2024", "to": "2024", "pageSize": "7"}
    n_rows = len(expected(history(), "20240101000000", "20241231235959"))
    r = requests.get(wayback.cdx_url, params={**query, "showNumPages": "true"})
    pages = r.json()
    assert isinstance(pages, int) and pages == -(-n_rows // 7)
    r = requests.get(wayback.cdx_url, params={**query, "output": "json", "page": str(pages - 1)})
    assert 1 <= len(r.json()) - 1 <= 7
    r = requests.get(wayback.cdx_url, params={**query, "output": "json", "page": str(pages)})
    assert r.status_code == 200 and r.text == ""
    wayback.clear_log()
    got = list(ia(wayback).iter(f"{SITE_HOST}/*", from_ts="2024", to="2024", pageSize=7))
    assert len(got) == n_rows
    assert wayback.requests_count("cdx") == pages + 1  # the last one is the empty page
    assert (
        cdx_toolkit.CDXFetcher(source=wayback.cdx_url).get_size_estimate(
            HOME, as_pages=True, matchType="prefix"
        )
        == 1
    )


def test_wayback_no_captures(wayback: FakeWayback) -> None:
    r = requests.get(wayback.cdx_url, params={"url": "example.com/*", "output": "json"})
    assert r.status_code == 200 and r.text.strip() == "[]"
    assert list(ia(wayback).iter("example.com/*")) == []


# --- Wayback: replay --------------------------------------------------------------------------


def test_wayback_content_via_cdx_toolkit(wayback: FakeWayback) -> None:
    caps = history()
    objs = list(ia(wayback).iter(ARTICLE))
    assert [o.content for o in objs] == [c.body for c in caps if c.url == ARTICLE]
    assert wayback.replays_completed(url=ARTICLE) == 3
    assert wayback.replays_completed(url=ARTICLE, timestamp=T2) == 1
    assert wayback.replays_completed(url=HOME) == 0
    assert wayback.requests_count("replay") == 3
    expected_path = f"/web/{T1}id_/{quote(ARTICLE)}"
    assert wayback.replays()[0].path == expected_path


def test_wayback_replay_forms_and_misses(wayback: FakeWayback) -> None:
    body = by_url(site(), HOME).body
    for url in (
        HOME,
        quote(HOME, safe=""),
        HOME.removeprefix("https://"),
        "http://www." + SITE_HOST + "/",
    ):
        r = requests.get(f"{wayback.wb_url}/{T1}id_/{url}", allow_redirects=False)
        assert (r.status_code, r.content) == (200, body), url
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert requests.get(f"{wayback.wb_url}/{T2}id_/{HOME}").status_code == 404  # no such time
    assert requests.get(f"{wayback.wb_url}/2024id_/{HOME}").status_code == 404
    assert requests.get(f"{wayback.wb_url}/{T1}id_/{SITE_ROOT}/nope").status_code == 404
    assert wayback.replays_completed() == 4
    assert wayback.requests_count("replay") == 7
    assert wayback.requests_count("replay", status=404) == 3


def test_wayback_redirect_capture_answers_its_302(wayback: FakeWayback) -> None:
    r = requests.get(f"{wayback.wb_url}/{T1}id_/{quote(OLD)}", allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["Location"] == HOME  # unrewritten
    assert r.content == b""
    [obj] = ia(wayback).iter(OLD)
    assert obj["status"] == "302"
    with pytest.raises(IndexError):  # cdx_toolkit expects IA's rewritten Location
        obj.fetch_warc_record()


def test_wayback_rewritten_redirect_works_with_cdx_toolkit() -> None:
    with FakeWayback([redirect(OLD, T1, HOME)], rewrite_location=True) as wb:
        r = requests.get(f"{wb.wb_url}/{T1}id_/{OLD}", allow_redirects=False)
        assert r.headers["Location"] == f"{wb.wb_url}/{T1}id_/{HOME}"
        [obj] = ia(wb).iter(OLD)
        record = obj.fetch_warc_record()
        assert record.http_headers.get_statuscode() == "302"
        assert record.http_headers.get_header("Location") == HOME


# --- Faults ---------------------------------------------------------------------------------


def test_refuse_answers_times_then_serves(wayback: FakeWayback) -> None:
    wayback.refuse(after=0, times=2, kind="cdx", retry_after="7")
    params = {"url": HOME, "output": "json"}
    for _ in range(2):
        r = requests.get(wayback.cdx_url, params=params)
        assert r.status_code == 429 and r.headers["Retry-After"] == "7"
    assert requests.get(wayback.cdx_url, params=params).status_code == 200
    assert [e.status for e in wayback.log] == [429, 429, 200]
    assert [e.refused for e in wayback.log] == [True, True, False]


def test_refuse_after_completed_replays_and_cdx_toolkit_retries(wayback: FakeWayback) -> None:
    objs = list(ia(wayback).iter(ARTICLE))
    wayback.refuse(after=1, times=2)  # replays only
    assert [o.content for o in objs] == [c.body for c in history() if c.url == ARTICLE]
    assert [e.status for e in wayback.replays()] == [200, 429, 429, 200, 200]
    assert [e.completed for e in wayback.replays()] == [True] * 5
    assert wayback.replays_completed() == 3
    assert wayback.requests_count("cdx", status=429) == 0


def test_persistent_refusal_and_retry_after_none(wayback: FakeWayback) -> None:
    wayback.refuse(after=0, status=503, retry_after=None, kind="any")
    url = f"{wayback.wb_url}/{T1}id_/{HOME}"
    for _ in range(5):
        r = requests.get(url)
        assert r.status_code == 503 and "Retry-After" not in r.headers
    assert requests.get(wayback.cdx_url, params={"url": HOME}).status_code == 503
    wayback.clear_faults()
    assert requests.get(url).status_code == 200
    assert wayback.replays_completed() == 1


def test_stall_holds_a_replay(wayback: FakeWayback) -> None:
    wayback.stall(T2, 0.4)
    start = time.monotonic()
    r = requests.get(f"{wayback.wb_url}/{T2}id_/{ARTICLE}")
    assert r.status_code == 200 and time.monotonic() - start >= 0.4
    start = time.monotonic()
    assert requests.get(f"{wayback.wb_url}/{T1}id_/{ARTICLE}").status_code == 200
    assert time.monotonic() - start < 0.4  # other captures are not held
    assert wayback.replays_completed(timestamp=T2) == 1


def test_stall_then_client_gone_is_not_completed(wayback: FakeWayback) -> None:
    wayback.stall(T2, 0.3)
    with socket.create_connection(("127.0.0.1", wayback.port)) as sock:
        path = f"/web/{T2}id_/{quote(ARTICLE)}"
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert wayback.wait_stalled(T2, timeout=5)
    assert wayback.wait_for(lambda log: len(log) == 1, timeout=5)
    [entry] = wayback.log
    assert entry.kind == "replay" and entry.status == 200 and not entry.completed
    assert wayback.replays_completed() == 0


def test_stall_then_sigkill_client_is_not_completed(wayback: FakeWayback) -> None:
    wayback.stall(T3, 0.5)
    url = f"{wayback.wb_url}/{T3}id_/{quote(ARTICLE)}"
    code = f"import urllib.request; urllib.request.urlopen({url!r}, timeout=30).read()"
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        assert wayback.wait_stalled(T3, timeout=10)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    assert wayback.wait_for(lambda log: len(log) == 1, timeout=5)
    assert not wayback.log[0].completed
    assert wayback.replays_completed(url=ARTICLE, timestamp=T3) == 0


# --- Common Crawl -------------------------------------------------------------------------------


def test_cc_collinfo(commoncrawl: FakeCommonCrawl) -> None:
    col = requests.get(f"{commoncrawl.base_url}/collinfo.json").json()
    assert len(col) >= 60
    assert [c["id"] for c in col] == list(CRAWL_IDS)[::-1]  # newest first
    assert col[0]["cdx-api"] == f"{commoncrawl.base_url}/{col[0]['id']}-index"
    assert {"id", "name", "cdx-api"} <= set(col[0])
    endpoints = cdx_toolkit.get_cc_endpoints(commoncrawl.index_url)
    assert len(endpoints) == len(CRAWL_IDS)


def test_cc_iter_and_content_via_range(commoncrawl: FakeCommonCrawl) -> None:
    caps = history()
    got = list(
        cc_fetcher(commoncrawl).iter(
            f"{SITE_HOST}/*", from_ts="2024", to="2025", filter=["status:200"]
        )
    )
    want = [(u, t) for u, t in expected(caps, "20240101000000", "20251231235959") if u != OLD]
    assert sorted(iter_captures(got)) == sorted(want)
    digests = {(c.url, c.timestamp): c.digest for c in caps}
    assert all(o["digest"] == digests[(o["url"], o["timestamp"])] for o in got)
    [obj] = [o for o in got if o["url"] == ARTICLE and o["timestamp"] == T2]
    assert obj["filename"].endswith(".warc.gz") and obj["status"] == "200"
    assert obj.content == by_url([c for c in caps if c.timestamp == T2], ARTICLE).body
    [rng] = commoncrawl.range_requests()
    offset, length = int(obj["offset"]), int(obj["length"])
    assert rng.range == f"bytes={offset}-{offset + length - 1}"
    assert (rng.status, rng.completed) == (206, True)
    assert rng.capture is not None and rng.capture.timestamp == T2
    assert commoncrawl.records_completed(url=ARTICLE, timestamp=T2) == 1
    record = obj.fetch_warc_record()
    assert record.rec_headers.get_header("WARC-Target-URI") == ARTICLE
    assert record.rec_headers.get_header("WARC-Date") == "2025-06-15T08:00:00Z"
    assert record.rec_headers.get_header("WARC-Payload-Digest") == f"sha1:{obj['digest']}"


def test_cc_redirect_capture(commoncrawl: FakeCommonCrawl) -> None:
    [obj] = cc_fetcher(commoncrawl).iter(OLD, from_ts="2024", to="2024")
    assert obj["status"] == "302" and obj["redirect"] == HOME
    record = obj.fetch_warc_record()
    assert record.http_headers.get_statuscode() == "302"
    assert record.http_headers.get_header("Location") == HOME
    assert obj.content == b""


def test_cc_index_endpoint_semantics(commoncrawl: FakeCommonCrawl) -> None:
    endpoint = commoncrawl.cdx_api("CC-MAIN-2024-10")

    def get(**params: str) -> requests.Response:
        return requests.get(endpoint, params={"output": "json", **params})

    lines = get(url=f"{SITE_HOST}/*").text.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == len(site()) + 1  # + the 302
    assert {
        "urlkey",
        "timestamp",
        "url",
        "mime",
        "status",
        "digest",
        "length",
        "offset",
        "filename",
    } <= set(rows[0])
    assert rows == sorted(rows, key=lambda r: (r["urlkey"], r["timestamp"]))
    assert [
        json.loads(x)["url"]
        for x in get(url=f"{SITE_HOST}/*", filter="=status:302").text.splitlines()
    ] == [OLD]
    assert len(get(url=f"{SITE_HOST}/*", filter="!status:200").text.splitlines()) == 1
    kinh_te = get(url=f"{SITE_HOST}/*", filter="~url:/kinh-te/").text.splitlines()
    assert kinh_te and all("/kinh-te/" in json.loads(x)["url"] for x in kinh_te)
    assert len(get(url=f"{SITE_HOST}/*", limit="3").text.splitlines()) == 3
    assert len(get(url=SITE_HOST, matchType="host").text.splitlines()) == len(rows)
    r = get(url="example.com/*")
    assert r.status_code == 404 and r.json() == {"message": "No Captures found for: example.com/*"}
    r = get(url=f"{SITE_HOST}/*", showNumPages="true", pageSize="10")
    assert r.json() == {"pages": -(-len(rows) // 10), "pageSize": 5, "blocks": -(-len(rows) // 10)}
    assert get(url=f"{SITE_HOST}/*", page="0").status_code == 200
    assert get(url=f"{SITE_HOST}/*", page="1").status_code == 400
    assert get(url="example.com/*", page="1").status_code == 400
    r = requests.get(endpoint, params={"url": HOME})  # cdxj without output=json
    assert r.text.startswith(f"{surt(HOME)} {T1} {{")
    # the crawl that does not hold the T1 captures
    assert (
        requests.get(commoncrawl.cdx_api("CC-MAIN-2024-18"), params={"url": HOME}).status_code
        == 404
    )


def test_cc_pagination_through_cdx_toolkit(commoncrawl: FakeCommonCrawl) -> None:
    got = list(
        cc_fetcher(commoncrawl).iter(f"{SITE_HOST}/*", from_ts="2024", to="2024", pageSize=10)
    )
    assert len(got) == len(site()) + 1


def test_cc_data_ranges(commoncrawl: FakeCommonCrawl) -> None:
    rec = commoncrawl.record_of(next(c for c in commoncrawl.captures if c.url == ARTICLE))
    url = f"{commoncrawl.data_url}/{rec.filename}"
    end = rec.offset + rec.length - 1
    r = requests.get(url, headers={"Range": f"bytes={rec.offset}-{end}"})
    assert r.status_code == 206 and len(r.content) == rec.length
    total = len(commoncrawl.files[rec.filename])
    assert r.headers["Content-Range"] == f"bytes {rec.offset}-{end}/{total}"
    assert b"WARC-Target-URI: " + ARTICLE.encode() in gzip.decompress(r.content)
    whole = requests.get(url)
    assert whole.status_code == 200 and whole.content == commoncrawl.files[rec.filename]
    records = list(ArchiveIterator(io.BytesIO(whole.content)))
    assert records[0].rec_type == "warcinfo"
    assert all(r.rec_type == "response" for r in records[1:])
    r = requests.get(url, headers={"Range": f"bytes={total + 5}-{total + 9}"})
    assert r.status_code == 416
    assert requests.get(f"{commoncrawl.data_url}/nope.warc.gz").status_code == 404
    assert [e.range for e in commoncrawl.range_requests()] == [
        f"bytes={rec.offset}-{end}",
        f"bytes={total + 5}-{total + 9}",
    ]
    assert commoncrawl.records_completed(url=ARTICLE) == 1
    for rec in commoncrawl.records:  # every (offset, length) is exactly its capture's record
        data = commoncrawl.files[rec.filename][rec.offset : rec.offset + rec.length]
        records = ArchiveIterator(io.BytesIO(data))
        record = next(records)
        assert record.rec_headers.get_header("WARC-Target-URI") == rec.capture.url
        assert record.content_stream().read() == rec.capture.body
        assert next(records, None) is None


def test_cc_stall_then_client_gone(commoncrawl: FakeCommonCrawl) -> None:
    capture = next(c for c in commoncrawl.captures if c.url == ARTICLE and c.timestamp == T2)
    rec = commoncrawl.record_of(capture)
    commoncrawl.stall(T2, 0.3, url=ARTICLE)
    with socket.create_connection(("127.0.0.1", commoncrawl.port)) as sock:
        end = rec.offset + rec.length - 1
        request = f"GET /data/{rec.filename} HTTP/1.1\r\nHost: x\r\n"
        sock.sendall(f"{request}Range: bytes={rec.offset}-{end}\r\n\r\n".encode())
        assert commoncrawl.wait_stalled(T2, timeout=5)
    assert commoncrawl.wait_for(lambda log: len(log) == 1, timeout=5)
    [entry] = commoncrawl.range_requests()
    assert (entry.status, entry.completed) == (206, False)
    assert commoncrawl.records_completed() == 0


def test_cc_refuse_data_then_cdx_toolkit_retries(commoncrawl: FakeCommonCrawl) -> None:
    [obj] = cc_fetcher(commoncrawl).iter(ARTICLE, from_ts="2024", to="2024")
    commoncrawl.refuse(after=0, status=503, times=2)
    assert obj.content == by_url(site(), ARTICLE).body
    assert [e.status for e in commoncrawl.range_requests()] == [503, 503, 206]
    assert commoncrawl.records_completed() == 1
