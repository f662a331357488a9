"""``dbp-archive probe``: against the offline mirror on 127.0.0.1, and its pure judging rules.

Extracted values are never written here: the extractor changes; saved records are compared
with the extractor's own output, and the summary is checked for its shape.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scraper import user_agent
from scraper.extract import extract_article
from scraper.health import ExitCode
from scraper.items import Article, ArticleExtraction
from scraper.mirror import Mirror, serve
from scraper.probe import (
    PROBE_FIELDS,
    Fetcher,
    FetchError,
    ProbeError,
    ProbeOptions,
    ProbeReport,
    check_body,
    check_fetch_day,
    check_fill,
    check_same_value,
    check_title,
    field_reports,
    is_filled,
    judge,
    render_report,
    run_probe,
    section_listings,
    spread_articles,
)
from scraper.site import HOME_URL
from tests.conftest import SITE, SITE_DIR, expected_pages, run_cli

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # 12:00 in Điện Biên (+07:00)
FILL_LINE = re.compile(r"^(?P<name>\S+)\s+(?P<filled>\d+)/(?P<total>\d+) (?P<rate>\d+)%")


def probe(mirror: Mirror, **options: object) -> ProbeReport:
    return run_probe(ProbeOptions(mirror=mirror.url, delay=0, **options))  # type: ignore[arg-type]


def fill_table(text: str) -> dict[str, tuple[int, int]]:
    rows = {}
    for line in text.splitlines():
        match = FILL_LINE.match(line)
        if match:
            rows[match["name"]] = (int(match["filled"]), int(match["total"]))
    return rows


@pytest.fixture(scope="module")
def site_report() -> Iterator[tuple[ProbeReport, list[str]]]:
    """One probe of the whole mirror (5 articles), and the paths the mirror was asked for."""
    with serve(SITE_DIR) as running:
        report = run_probe(ProbeOptions(mirror=running.url, delay=0))
        yield report, [entry.path for entry in running.log]


def copy_site(tmp_path: Path, robots: str) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE_DIR, root)
    (root / "robots.txt").write_text(robots, encoding="utf-8")
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- Against the mirror ------------------------------------------------------------------------


def test_summary_lists_every_field_with_fill_rates(
    site_report: tuple[ProbeReport, list[str]],
) -> None:
    report, _ = site_report
    text = render_report(report)
    table = fill_table(text)
    assert set(table) == set(PROBE_FIELDS)
    assert all(total == len(report.articles) == 5 for _, total in table.values())
    assert table["category"] == (5, 5)  # from the URL path: always filled
    assert "produced by" in text


def test_probe_fetches_home_one_listing_per_section_and_articles_spread(
    site_report: tuple[ProbeReport, list[str]],
) -> None:
    report, paths = site_report
    assert paths[:2] == ["/robots.txt", "/"]
    listing_paths = [p for p in paths[2:] if p.count("/") == 1]
    assert len(listing_paths) == len(report.sections) == report.listings >= 5
    article_paths = paths[2 + len(listing_paths) :]
    assert len(article_paths) == 5 == len(report.articles)
    assert len({unquote(p).split("/")[1] for p in article_paths}) == 5  # five sections
    assert len(paths) == len(set(paths)) == report.requests


def test_steps_are_the_extractors_provenance(site_report: tuple[ProbeReport, list[str]]) -> None:
    report, _ = site_report
    pairs = [(a.url, a.extraction) for a in report.articles if a.extraction]
    by_field = {r.name: r for r in field_reports(pairs, NOW)}
    for name in PROBE_FIELDS:
        expected = sorted(
            ex.provenance.get(name, "(no provenance)")
            for _, ex in pairs
            if is_filled(getattr(ex.article, name))
        )
        got = sorted(step for step, count in by_field[name].steps for _ in range(count))
        assert got == expected, name


def test_save_writes_page_record_and_provenance(tmp_path: Path) -> None:
    with serve(SITE_DIR) as running:
        report = probe(running, pages=3, save=tmp_path / "out")
    out = tmp_path / "out"
    saved = expected_pages(out)
    assert len(saved) == len(report.articles) == 3
    assert sorted(url for _, url, _ in saved) == sorted(a.url for a in report.articles)
    by_url = {a.url: a for a in report.articles}
    for html_path, url, record in saved:
        article = by_url[url]
        relative = unquote(urlsplit(url).path).lstrip("/")
        assert html_path.read_bytes() == (SITE_DIR / relative).read_bytes() == article.body
        again = extract_article(html_path.read_bytes(), url, article.fetched_at)
        assert record == again.article.to_dict()
        assert article.extraction is not None
        assert record == article.extraction.article.to_dict()
        text = html_path.with_suffix(".json").read_text("utf-8")
        assert text == json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        provenance = html_path.with_name(html_path.stem + ".provenance.json")
        assert json.loads(provenance.read_text("utf-8")) == again.provenance
    readme = (out / "README.md").read_text("utf-8")
    assert "CANDIDATES" in readme and "review" in readme


def test_save_maps_a_space_in_the_path_like_the_fixtures(tmp_path: Path) -> None:
    """An article under ``/van-hoa%20the-thao/`` lands in a folder named with a space."""
    root = tmp_path / "site"
    page = next((SITE_DIR / "van-hoa the-thao").glob("*.html"))
    (root / "van-hoa the-thao").mkdir(parents=True)
    shutil.copy(page, root / "van-hoa the-thao" / page.name)
    href = f"/van-hoa%20the-thao/{page.name}"
    (root / "index.html").write_text(
        f'<html><body><a href="{href}">Xòe</a></body></html>', encoding="utf-8"
    )
    with serve(root) as running:
        report = probe(running, pages=1, save=tmp_path / "out")
    assert [a.url for a in report.articles] == [SITE + href]
    ((html_path, url, record),) = expected_pages(tmp_path / "out")
    assert html_path == tmp_path / "out" / "van-hoa the-thao" / page.name
    assert url == SITE + href
    assert record == extract_article(page.read_bytes(), url, NOW).article.to_dict()


def test_robots_disallow_is_obeyed(tmp_path: Path) -> None:
    root = copy_site(tmp_path, "User-agent: *\nDisallow: /kinh-te\n")
    with serve(root) as running:
        report = probe(running, pages=5)
    paths = [unquote(entry.path) for entry in running.log]
    assert not [p for p in paths if p.startswith("/kinh-te")]
    refused = [urlsplit(url).path for url, reason in report.refused if "robots.txt" in reason]
    assert "/kinh-te.html" in refused
    assert len(report.articles) == 5
    assert "refused /kinh-te.html: disallowed by robots.txt" in render_report(report)


def test_robots_disallowing_the_home_page_stops_the_probe(tmp_path: Path) -> None:
    root = copy_site(tmp_path, "User-agent: *\nDisallow: /\n")
    with serve(root) as running, pytest.raises(ProbeError, match="disallows the home page"):
        probe(running)
    assert [entry.path for entry in running.log] == ["/robots.txt"]


def test_user_agent_is_the_crawls_with_the_contact() -> None:
    seen: list[str] = []

    def record(handler: BaseHTTPRequestHandler) -> bool:
        seen.append(handler.headers["User-Agent"].encode("latin-1").decode("utf-8"))
        return False  # then serve the file as usual

    with serve(SITE_DIR, routes={"/robots.txt": record}) as running:
        probe(running, pages=1, contact="probe-test@example.org")
    assert seen == [user_agent("probe-test@example.org")]


def test_delay_between_requests_and_size_cap() -> None:
    waits: list[float] = []
    with serve(SITE_DIR) as running:
        fetcher = Fetcher(
            agent="t",
            delay=2.5,
            timeout=5,
            max_size=1000,
            mirror=running.url,
            sleep=waits.append,
            clock=lambda: 100.0,
        )
        fetcher.read_robots()
        with pytest.raises(FetchError, match="size limit"):
            fetcher.get(HOME_URL)
    assert waits == [2.5]


def redirect_to(location: str):  # type: ignore[no-untyped-def]
    def answer(handler: BaseHTTPRequestHandler) -> bool:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return True

    return answer


def test_redirects_stay_on_the_mirror_and_off_site_ones_are_refused() -> None:
    routes = {
        "/moved": redirect_to(f"{SITE}/kinh-te.html"),  # the real host: served by the mirror
        "/away": redirect_to("http://127.0.0.2:9/elsewhere"),
    }
    with serve(SITE_DIR, routes=routes) as running:
        fetcher = Fetcher(agent="t", delay=0, timeout=5, max_size=10**7, mirror=running.url)
        fetcher.read_robots()
        page = fetcher.get(f"{SITE}/moved")
        with pytest.raises(FetchError, match="off-site redirect to 127.0.0.2 refused"):
            fetcher.get(f"{SITE}/away")
    assert page.body == (SITE_DIR / "kinh-te.html").read_bytes()
    assert [entry.path for entry in running.log] == [
        "/robots.txt",
        "/moved",
        "/kinh-te.html",
        "/away",
    ]


def test_cli_probe_of_the_mirror() -> None:
    with serve(SITE_DIR) as running:
        result = run_cli("probe", "--mirror", running.url, "--delay", "0", "--pages", "2")
    assert result.returncode in (ExitCode.OK, ExitCode.DEGRADED), result.stderr
    assert set(fill_table(result.stdout)) == set(PROBE_FIELDS)


def test_cli_unreachable_mirror_exits_1_with_one_line() -> None:
    mirror = f"http://127.0.0.1:{free_port()}"
    result = run_cli("probe", "--mirror", mirror, "--delay", "0", timeout=60)
    assert result.returncode == ExitCode.FAILED
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("dbp-archive: error: site unreachable")


@pytest.mark.parametrize(
    "args",
    [
        ["--mirror", "ftp://127.0.0.1:1"],
        ["--pages", "0"],
        ["--delay", "-1"],
        ["--save", "README.md"],
    ],
)
def test_cli_bad_input_exits_2(args: list[str]) -> None:
    result = run_cli("probe", *args, timeout=60)
    assert result.returncode == ExitCode.USAGE
    assert "Traceback" not in result.stderr


# --- Pure rules --------------------------------------------------------------------------------

A = "https://en.baodienbienphu.com.vn/kinh-te/a-aaaaaaaaR.html"
B = "https://en.baodienbienphu.com.vn/kinh-te/b-bbbbbbbbR.html"
C = "https://en.baodienbienphu.com.vn/xa-hoi/c-ccccccccg.html"
D = "https://www.en.baodienbienphu.com.vn/travel/d-ddddddddg.html"


@pytest.mark.parametrize(
    ("values", "flagged"),
    [
        (["2024-11-25T10:30:00+07:00"] * 3, True),
        (["2024-11-25T10:30:00+07:00"] * 2, False),  # two prove nothing
        (["x", "x", "y"], False),
        (["x", "x", None, "x"], True),  # empty values are not counted
        ([["Hà Linh"]] * 4, True),
        ([["Hà Linh"], ["Hà Linh"], []], False),
        ([None, None, None], False),
        (["", "  ", ""], False),
    ],
)
def test_check_same_value(values: list[object], flagged: bool) -> None:
    finding = check_same_value("lead", values)
    assert (finding is not None) == flagged
    if finding:
        assert finding.field == "lead" and "same value" in finding.message


@pytest.mark.parametrize(
    ("published", "flagged"),
    [
        (["2026-11-23T08:00:00+07:00", "2026-11-23T11:00:00+07:00"], True),
        (["2026-11-23T08:00:00+07:00", "2026-11-20T11:00:00+07:00"], False),  # one is normal
        (["2026-11-22T23:00:00+07:00", "2026-11-22T08:00:00+07:00"], False),
        # 23:30 UTC on the 22nd is the 23rd in Điện Biên, where a "today" widget counts.
        (["2026-11-23T06:30:00+07:00", "2026-11-22T23:30:00+00:00"], True),
        (["2026-11-23", "not a date", None, "2026-11-23T01:00:00+07:00"], True),  # naive: local
        (["2026-11-24", "not a date", None, "2026-11-23T01:00:00+07:00"], False),
        ([], False),
    ],
)
def test_check_fetch_day(published: list[str | None], flagged: bool) -> None:
    assert (check_fetch_day(published, NOW) is not None) == flagged


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("Điện Biên coffee growers turn to speciality beans", False),
        ("Báo Điện Biên Phủ", True),
        ("Dien Bien Phu Online", True),
        ("baodienbienphu.com.vn", True),
        ("en.baodienbienphu.com.vn", True),
        ("Điện Biên Phủ victory remembered", False),
        ("", True),
        (None, True),
    ],
)
def test_check_title(title: str | None, flagged: bool) -> None:
    assert (check_title(title) is not None) == flagged


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (None, "empty"),
        ("", "empty"),
        ("   \n\n ", "empty"),
        ("A short caption taken for a body.", "characters"),
        ("x" * 299, "characters"),
        ("x" * 300, None),
        ("Paragraph one.\n\n" + "y" * 400, None),
    ],
)
def test_check_body(body: str | None, problem: str | None) -> None:
    message = check_body(body)
    assert (message is None) == (problem is None)
    if problem:
        assert problem in (message or "")


@pytest.mark.parametrize(
    ("name", "filled", "total", "flagged"),
    [
        ("title", 5, 5, False),
        ("title", 4, 5, True),  # 80 % < 90 %
        ("body", 9, 10, False),
        ("published_at", 0, 5, True),
        ("author_titles", 0, 5, False),  # often empty on real articles: not watched
        ("modified_at", 1, 5, False),
        ("title", 0, 0, False),
    ],
)
def test_check_fill(name: str, filled: int, total: int, flagged: bool) -> None:
    assert (check_fill(name, filled, total) is not None) == flagged


@pytest.mark.parametrize(
    ("value", "filled"),
    [(None, False), ("", False), (" ", False), ([], False), ("x", True), (["a"], True)],
)
def test_is_filled(value: object, filled: bool) -> None:
    assert is_filled(value) == filled


def test_section_listings_one_first_page_per_section() -> None:
    links = [
        f"{SITE}/",
        f"{SITE}/recent-article",
        f"{SITE}/kinh-te.html",
        f"{SITE}/kinh-te/trang-2.html",
        f"{SITE}/kinh-te/",
        f"{SITE}/xa-hoi",
        f"{SITE}/search",
        f"{SITE}/van-hoa%20the-thao/",
        "https://example.org/kinh-te.html",
    ]
    assert section_listings(links) == [
        f"{SITE}/kinh-te.html",
        f"{SITE}/xa-hoi",
        f"{SITE}/van-hoa%20the-thao/",
    ]


def test_spread_articles_takes_sections_in_turn_and_dedupes_by_id() -> None:
    duplicate = A.replace("/kinh-te/", "/xa-hoi/")  # same id under another section
    spread = spread_articles([[A, B, duplicate], [C, A], [D]])
    assert spread == [A, C, D.replace("www.", ""), B]


def extraction(url: str, **fields: object) -> ArticleExtraction:
    article = Article(article_id=url[-14:-5], url=url, **fields)  # type: ignore[arg-type]
    provenance = {name: f"site:{name} rule" for name, value in fields.items() if value}
    return ArticleExtraction(article=article, provenance=provenance)


def test_field_reports_count_steps_and_flag_chrome() -> None:
    body = "Body text. " * 40
    same = {"published_at": "2026-11-23T07:00:00+07:00", "lead": "The site's slogan.", "body": body}
    pairs = [
        (A, extraction(A, title="One", **same)),
        (B, extraction(B, title="Báo Điện Biên Phủ", **same)),
        (C, extraction(C, **same)),
    ]
    pairs[0][1].provenance["title"] = "structured:json-ld headline"
    reports = {r.name: r for r in field_reports(pairs, NOW)}
    assert list(reports) == list(PROBE_FIELDS)
    assert reports["title"].filled == 2 and reports["title"].total == 3
    assert reports["title"].steps == [("structured:json-ld headline", 1), ("site:title rule", 1)]
    title_problems = [f.message for f in reports["title"].findings]
    assert any("site's name" in m for m in title_problems)
    assert any("no title" in m for m in title_problems)
    assert any("filled on 2 of 3" in m for m in title_problems)
    for name in ("published_at", "lead", "body"):
        assert any("same value" in f.message for f in reports[name].findings), name
    assert any("fetch day" in f.message for f in reports["published_at"].findings)
    assert reports["authors"].filled == 0 and reports["authors"].steps == []
    assert not reports["authors"].findings  # not watched, and nothing filled to compare


def test_judge_exit_codes() -> None:
    def report(**kwargs: object) -> ProbeReport:
        base = ProbeReport(
            site=SITE, mirror=None, user_agent="t", fetched_at=NOW, robots="r", delay=0
        )
        for key, value in kwargs.items():
            setattr(base, key, value)
        return base

    assert judge(report(article_links=3, failed=[(A, "HTTP 503")])) == ExitCode.FAILED
    assert judge(report(listings=3, article_links=0)) == ExitCode.DEGRADED


# --- Live --------------------------------------------------------------------------------------


@pytest.mark.live
def test_live_probe(tmp_path: Path) -> None:
    """Probe the real site (2 articles, 1 s apart): every field reported, pages saved."""
    report = run_probe(ProbeOptions(pages=2, delay=1.0, save=tmp_path))
    print(render_report(report))  # a maintainer reads it with -s
    assert report.sections and len(report.articles) == 2
    assert set(fill_table(render_report(report))) == set(PROBE_FIELDS)
    assert len(expected_pages(tmp_path)) == 2
