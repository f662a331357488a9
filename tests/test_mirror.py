"""The test mirror itself: ordinary and hostile routes, the other listener, bounded answers.

Requests go through ``http.client`` (what ``urllib`` uses underneath) so that redirects are seen
rather than followed, with short timeouts; big and slow bodies are read a few KB at most.
"""

from __future__ import annotations

import http.client
import math
import re
import struct
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import scraper.mirror
from scraper import urls
from scraper.site import ARTICLE_PATH_RE, SITE_ROOT
from tests import mirror as tm
from tests.mirror import HOSTILE_ROUTES, HostileMirror, hostile_home_links, serve_hostile

TIMEOUT = 5.0
FIXTURE_HOME = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Home</title></head>\n'
    '<body>\n<h1>Fixture home</h1>\n<a href="/kinh-te/ordinary-news-abcdefghR.html">News</a>\n'
    "</body>\n</html>\n"
)
ORDINARY = "/kinh-te/ordinary-news-abcdefghR.html"


@dataclass
class Fetched:
    """A response: ``status``, ``headers`` (lower-case names), the ``body`` bytes read."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def fetch(base: str, path: str, *, method: str = "GET", limit: int | None = None) -> Fetched:
    """Request ``path`` of ``base`` once (no redirect followed); read at most ``limit`` bytes."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        try:
            body = response.read() if limit is None else response.read(limit)
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Fetched(response.status, headers, body)
        finally:
            response.close()
    finally:
        conn.close()


def make_site(root: Path, *, robots: str | None = None, home: bool = True) -> Path:
    """Write a tiny saved site into ``root``: a home page, one article, maybe a robots.txt."""
    root.mkdir(parents=True, exist_ok=True)
    if home:
        (root / "index.html").write_text(FIXTURE_HOME, "utf-8")
    article = root / ORDINARY.lstrip("/")
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_bytes(tm.plain_article("Ordinary news", "ordinary things"))
    if robots is not None:
        (root / "robots.txt").write_text(robots, "utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileMirror]:
    with serve_hostile(make_site(tmp_path_factory.mktemp("site"))) as running:
        yield running


def links(page: str) -> list[str]:
    """Return the ``href`` values of a page, in order."""
    return re.findall(r'<a href="([^"]+)"', page)


def assert_small_article(page: str) -> None:
    """Assert ``page`` is a small valid article: h1, ``ĐBP - `` lead, 3+ paragraphs, date."""
    assert re.search(r"<h1>[^<]+</h1>", page)
    assert re.search(r'<p class="sapo">ĐBP - ', page)
    assert page.count("<p>") >= 3
    assert '<meta property="article:published_time" content="2025-05-01T08:00:00+07:00">' in page


# --- The ordinary mirror and the route table ----------------------------------------------------


def test_serve_is_the_scraper_mirror() -> None:
    assert tm.serve is scraper.mirror.serve


def test_ordinary_files_are_still_served(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, ORDINARY)
    assert response.status == 200
    assert response.headers["etag"]
    assert_small_article(response.text)
    assert fetch(hostile.url, "/kinh-te/missing-zzzzzzzzR.html").status == 404


def test_route_table_matches_the_running_mirror(hostile: HostileMirror) -> None:
    assert hostile.routes == {name: path for name, (path, _) in HOSTILE_ROUTES.items()}
    assert all(path and what for path, what in HOSTILE_ROUTES.values())


@pytest.mark.parametrize(("name", "path"), [(n, p) for n, (p, _) in HOSTILE_ROUTES.items()])
def test_routes_look_like_site_paths(name: str, path: str) -> None:
    """The crawler must reach every case from home-page links: listings or articles only."""
    expected = "listing" if name.endswith("_pager") else "article"
    assert urls.classify(SITE_ROOT + path) == expected


def test_home_page_is_the_fixture_with_every_hostile_link(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, "/")
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Fixture home</h1>" in response.text
    assert response.text.index(hostile_home_links()) < response.text.rindex("</body>")
    assert set(hostile.routes.values()) <= set(links(response.text))
    assert ORDINARY in links(response.text)


def test_home_page_without_index_html(tmp_path: Path) -> None:
    with serve_hostile(make_site(tmp_path, home=False)) as running:
        response = fetch(running.url, "/")
    assert response.status == 200
    assert set(running.routes.values()) <= set(links(response.text))


# --- Pagers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "page"),
    [("/vo-tan.html", 1), ("/vo-tan/trang-2.html", 2), ("/vo-tan/trang-987654.html", 987654)],
)
def test_endless_pager_lists_two_new_articles_and_a_next_page(
    hostile: HostileMirror, path: str, page: int
) -> None:
    response = fetch(hostile.url, path)
    assert response.status == 200
    hrefs = links(response.text)
    articles = [href for href in hrefs if ARTICLE_PATH_RE.match(href)]
    assert articles == tm.endless_article_paths(page)
    assert hrefs[-1] == f"/vo-tan/trang-{page + 1}.html"


def test_endless_article_ids_are_deterministic_and_unique() -> None:
    ids = [tm.endless_article_id(page, index) for page in range(1, 5001) for index in (0, 1)]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9]{8}R", ident) for ident in ids)
    assert tm.endless_article_id(3, 1) == tm.endless_article_id(3, 1)
    assert math.gcd(tm._ID_SCRAMBLE, tm._ID_SPACE) == 1  # so ids never repeat, on any page


def test_endless_articles_exist_only_on_the_mirror(hostile: HostileMirror) -> None:
    for path in tm.endless_article_paths(41):
        response = fetch(hostile.url, path)
        assert response.status == 200
        assert_small_article(response.text)


def test_repeating_pager_lists_the_same_articles_on_every_page(hostile: HostileMirror) -> None:
    pages = [
        fetch(hostile.url, path).text
        for path in ("/lap-lai.html", "/lap-lai/trang-2.html", "/lap-lai/trang-3.html")
    ]
    listed = [[href for href in links(page) if ARTICLE_PATH_RE.match(href)] for page in pages]
    assert listed[0] == listed[1] == listed[2] == list(tm.REPEAT_ARTICLES)
    assert links(pages[1])[-1] == "/lap-lai/trang-3.html"
    for path in tm.REPEAT_ARTICLES:
        assert_small_article(fetch(hostile.url, path).text)


# --- Redirects and the other listener -----------------------------------------------------------


def test_redirect_loop(hostile: HostileMirror) -> None:
    """Absolute site URLs, as a CMS writes them: the crawler's mirror rerouting applies."""
    first = fetch(hostile.url, tm.LOOP_A)
    second = fetch(hostile.url, urlsplit(first.headers["location"]).path)
    assert (first.status, second.status) == (302, 302)
    assert first.headers["location"] == SITE_ROOT + tm.LOOP_B
    assert second.headers["location"] == SITE_ROOT + tm.LOOP_A


def test_offsite_redirect_points_at_the_other_listener(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, hostile.routes["offsite_redirect"])
    assert response.status == 302
    assert response.headers["location"] == f"{hostile.other_url}/stolen.html"
    assert hostile.other_url != hostile.url
    assert hostile.other_log == []


def test_other_listener_records_every_request(tmp_path: Path) -> None:
    with serve_hostile(make_site(tmp_path)) as running:
        assert urlsplit(running.other_url).hostname in ("127.0.0.2", "127.0.0.1")
        assert fetch(running.other_url, "/stolen.html").status == 200
        assert fetch(running.other_url, "/x?y=1", method="HEAD").status == 200
        assert [(e.method, e.path) for e in running.other_log] == [
            ("GET", "/stolen.html"),
            ("HEAD", "/x?y=1"),
        ]
        assert running.other_log[0].host == urlsplit(running.other_url).netloc
        assert running.log == []


# --- Big, slow and failing answers ---------------------------------------------------------------


def test_gzip_bomb_is_served_compressed(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, tm.GZIP_BOMB, limit=4096)
    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert int(response.headers["content-length"]) == len(tm.gzip_bomb())
    inflated = zlib.decompressobj(31).decompress(response.body, 1024)
    assert inflated.startswith(b"<!DOCTYPE html>")


def test_gzip_bomb_inflates_to_a_gibibyte() -> None:
    """Check the bomb's shape without inflating it all: size field, ratio of its first part."""
    bomb = tm.gzip_bomb()
    assert 500_000 < len(bomb) < 2_000_000
    assert bomb[:3] == b"\x1f\x8b\x08"
    assert struct.unpack("<I", bomb[-4:])[0] == tm.BOMB_INFLATED_SIZE % 2**32
    assert tm.BOMB_INFLATED_SIZE >= 2**30
    inflate, inflated, data = zlib.decompressobj(31), 0, bomb[:16384]
    while data:
        inflated += len(inflate.decompress(data, 1 << 20))
        data = inflate.unconsumed_tail
    assert inflated > 500 * 16384  # deflate's best is ~1000:1


def test_huge_page_is_sixty_megabytes(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, tm.HUGE_PAGE, limit=4096)
    assert response.status == 200
    assert int(response.headers["content-length"]) == 60 * 1024 * 1024
    assert response.body.startswith(b"<!DOCTYPE html>")
    head = fetch(hostile.url, tm.HUGE_PAGE, method="HEAD")
    assert head.body == b""
    assert head.headers["content-length"] == response.headers["content-length"]


def test_unsized_huge_page_is_chunked(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, tm.HUGE_UNSIZED, limit=4096)
    assert response.status == 200
    assert response.headers["transfer-encoding"] == "chunked"
    assert "content-length" not in response.headers
    assert response.body.startswith(b"<!DOCTYPE html>")


def test_huge_page_chunks_add_up() -> None:
    sizes = [len(chunk) for chunk in tm.huge_page_chunks()]
    assert sum(sizes) == tm.HUGE_SIZE
    assert max(sizes) <= tm.HUGE_CHUNK + 100


def test_trickle_sends_headers_then_a_byte_a_second(hostile: HostileMirror) -> None:
    parts = urlsplit(hostile.url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
    try:
        started = time.monotonic()
        conn.request("GET", tm.TRICKLE)
        response = conn.getresponse()
        try:
            assert response.status == 200
            assert response.getheader("Content-Length") == str(tm.TRICKLE_SECONDS)
            assert time.monotonic() - started < 1.0
            assert fetch(hostile.url, "/").status == 200  # other requests are not held up
            assert response.read(1) == b"<"
            assert 0.5 < time.monotonic() - started < 3.0
        finally:
            response.close()
    finally:
        conn.close()


def test_stop_ends_a_trickle_in_progress(tmp_path: Path) -> None:
    parts: tuple[str, int | None]
    with serve_hostile(make_site(tmp_path)) as running:
        split = urlsplit(running.url)
        parts = (split.hostname or "", split.port)
        conn = http.client.HTTPConnection(*parts, timeout=TIMEOUT)
        try:
            conn.request("GET", tm.TRICKLE)
            response = conn.getresponse()
            try:
                started = time.monotonic()
                running.stop()
                assert time.monotonic() - started < 3.0
                assert running.state.busy == set()
            finally:
                response.close()
        finally:
            conn.close()


def test_always_500(hostile: HostileMirror) -> None:
    assert [fetch(hostile.url, tm.ALWAYS_500).status for _ in range(3)] == [500, 500, 500]


def test_retry_after_then_the_article(hostile: HostileMirror) -> None:
    answers = [fetch(hostile.url, tm.RETRY_AFTER) for _ in range(3)]
    assert [a.status for a in answers] == [503, 503, 200]
    assert [a.headers.get("retry-after") for a in answers] == ["2", "2", None]
    assert_small_article(answers[2].text)
    assert len(hostile.arrivals(tm.RETRY_AFTER)) == 3


# --- Odd content ---------------------------------------------------------------------------------


def test_pdf_under_an_article_url(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, tm.PDF)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body
    assert body.startswith(b"%PDF-1.4\n") and body.endswith(b"%%EOF\n")
    xref = int(re.findall(rb"startxref\n(\d+)", body)[-1])
    assert body[xref:].startswith(b"xref\n")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n ", body)]
    for number, offset in enumerate(offsets, 1):
        assert body[offset:].startswith(b"%d 0 obj" % number)


def test_invalid_bytes_page(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, tm.INVALID_BYTES)
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert b'<meta charset="utf-8">' in response.body
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    title = response.body.split(b"<title>")[1].split(b"</title>")[0]
    with pytest.raises(UnicodeDecodeError):
        title.decode("utf-8")
    assert '<p class="sapo">ĐBP - ' in response.text
    assert response.text.count("<p>") == 4


def test_control_characters_page(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, tm.CONTROL_CHARS)
    assert response.status == 200
    title = response.text.split("<title>")[1].split("</title>")[0]
    body = response.text.split("<article>")[1]
    assert "\x00" in title and "\x1b" in title
    assert "\x00" in body and "\x0b" in body
    assert_small_article(response.text)


def test_markup_in_title_page(hostile: HostileMirror) -> None:
    page = fetch(hostile.url, tm.MARKUP_TITLE).text
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onload=" in page
    assert_small_article(page)


# --- robots.txt -----------------------------------------------------------------------------------


def test_robots_txt_disallows_admin(hostile: HostileMirror) -> None:
    response = fetch(hostile.url, "/robots.txt")
    assert response.status == 200
    assert "Disallow: /admin/" in response.text.splitlines()
    assert hostile.routes["robots_disallowed"].startswith("/admin/")
    assert_small_article(fetch(hostile.url, hostile.routes["robots_disallowed"]).text)


def test_fixture_robots_txt_is_kept_when_it_disallows_admin(tmp_path: Path) -> None:
    own = "# fixture\nUser-agent: *\nDisallow: /admin/\n"
    with serve_hostile(make_site(tmp_path, robots=own)) as running:
        assert fetch(running.url, "/robots.txt").text == own


def test_fixture_robots_txt_is_replaced_when_it_allows_admin(tmp_path: Path) -> None:
    with serve_hostile(make_site(tmp_path, robots="User-agent: *\nDisallow:\n")) as running:
        assert fetch(running.url, "/robots.txt").text == tm.ROBOTS_TXT


def test_other_listener_falls_back_to_127_0_0_1(monkeypatch: pytest.MonkeyPatch) -> None:
    real = tm.ThreadingHTTPServer
    tried: list[str] = []

    def only_127_0_0_1(address: tuple[str, int], handler: type) -> tm.ThreadingHTTPServer:
        tried.append(address[0])
        if address[0] != "127.0.0.1":
            raise OSError(99, "Cannot assign requested address")
        return real(address, handler)

    monkeypatch.setattr(tm, "ThreadingHTTPServer", only_127_0_0_1)
    elsewhere = tm.listen_elsewhere("127.0.0.2")
    try:
        assert tried == ["127.0.0.2", "127.0.0.1"]
        assert urlsplit(elsewhere.url).hostname == "127.0.0.1"
        assert fetch(elsewhere.url, "/stolen.html").status == 200
        assert [entry.path for entry in elsewhere.log] == ["/stolen.html"]
    finally:
        elsewhere.stop()
