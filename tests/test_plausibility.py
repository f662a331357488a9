"""Plausibility checks of a run's new articles: values that cannot all be true."""

from __future__ import annotations

from typing import Any

import pytest

from scraper.health import ExitCode, judge_run
from scraper.plausibility import Observed, RunTally, check_articles, judge_tally

CRAWLED = "2026-11-29T03:00:00+00:00"  # 10:00 in +07:00: the crawl day is 2026-11-29
STAMP = "2026-11-23T08:00:00+07:00"


def articles(n: int, **fields: Any) -> list[Observed]:
    """Return ``n`` distinct, plausible articles; ``fields`` (a value or a function of i)."""
    made = []
    for i in range(n):
        values: dict[str, Any] = {
            "published_at": f"2026-10-{i % 28 + 1:02d}T{i % 24:02d}:15:00+07:00",
            "lead": f"ĐBP - Lead number {i}.",
            "body": f"Body of article {i}.\n\nSecond paragraph {i}.",
            "authors": [f"Reporter {i}"],
            "listed_page": 1,
            "fetched_at": CRAWLED,
        }
        for name, value in fields.items():
            values[name] = value(i) if callable(value) else value
        made.append(Observed(article_id=f"id{i:07d}", **values))
    return made


def same_for(k: int, value: Any, default: Any = None):  # type: ignore[no-untyped-def]
    """Return a function of i: ``value`` for the first ``k`` articles, else ``default(i)``."""
    return lambda i: value if i < k else (default(i) if callable(default) else default)


def lead_of(i: int) -> str:
    return f"ĐBP - Lead number {i}."


def stamp_of(i: int) -> str:
    return f"2026-10-{i % 28 + 1:02d}T{i % 24:02d}:15:00+07:00"


CASES = [
    # (name, records, expected findings as (field, words every line must hold))
    ("plausible run", articles(30), []),
    (
        "shared timestamp",
        articles(30, published_at=same_for(28, STAMP, stamp_of)),
        [
            (
                "published_at",
                f"28 of 30 timestamps of the run's new or changed articles are the same, {STAMP}",
            )
        ],
    ),
    (
        "shared timestamp, UTC form",
        articles(8, published_at="2026-11-23T01:00:00Z"),
        [("published_at", "8 of 8 timestamps")],
    ),
    ("half is not most", articles(10, published_at=same_for(5, STAMP, stamp_of)), []),
    (
        "shared lead",
        articles(
            30, lead="ĐBP - Welcome to Điện Biên Phủ Online, the provincial newspaper of Điện Biên"
        ),
        [
            (
                "lead",
                "30 of 30 lead texts of the run's new or changed articles are the same, "
                '"ĐBP - Welcome to Điện Biên Phủ Online, the provincial newsp…"',
            )
        ],
    ),
    (
        "shared body",
        articles(
            12,
            body=same_for(7, "© Điện Biên Phủ Online.\n\nAll rights reserved.", lambda i: f"b{i}"),
        ),
        [
            (
                "body",
                "7 of 12 body texts of the run's new or changed articles are the same, \"© Điện",
            )
        ],
    ),
    ("too few articles", articles(4, lead="same", body="same", published_at=STAMP), []),
    (
        "empty values are not shared values",
        articles(30, lead=same_for(26, None, lead_of), body=same_for(26, "", lambda i: f"b{i}")),
        [],
    ),
    (
        "empty values leave the shared ones counted among the filled",
        articles(30, lead=same_for(20, None, "the same lead")),
        [("lead", "10 of 10 lead texts")],
    ),
    (
        "a few dates shown without a time, one day: one day's articles",
        articles(9, published_at="2026-11-23", listed_page=1),
        [],
    ),
    (
        "most of ten or more dates shown without a time on one day: a header's date",
        articles(12, published_at=same_for(11, "2026-11-23", lambda i: f"2026-10-{i:02d}")),
        [("published_at", "11 of 12 dates shown without a time")],
    ),
    (
        "a desk's translations scheduled for one time: plausible below eight",
        articles(7, published_at=same_for(5, "2026-11-23T08:00:00+07:00", stamp_of)),
        [],
    ),
    (
        "a shared midnight is a timestamp like any other (a day alone is stored as the day)",
        articles(12, published_at="2026-11-23T00:00:00+07:00"),
        [("published_at", "12 of 12 timestamps")],
    ),
    (
        "a single author of a small run is plausible",
        articles(19, authors=["Hà Linh"]),
        [],
    ),
    (
        "a single author of most of a large run is plausible",
        articles(40, authors=same_for(37, ["Hà Linh"], lambda i: [f"R{i}"])),
        [],
    ),
    (
        "one byline on every article of a large run",
        articles(40, authors=["Nguyễn Văn A", "Lò Văn B"]),
        [
            (
                "authors",
                "40 of 40 bylines of the run's new or changed articles are the same, "
                "Nguyễn Văn A, Lò Văn B",
            )
        ],
    ),
    (
        "crawl-day dates on page 2+ articles",
        articles(12, published_at=lambda i: f"2026-11-29T{i:02d}:10:00+07:00", listed_page=2),
        [
            (
                "published_at",
                "12 of 12 articles listed only on page 2+ of their section are dated the crawl day "
                "(2026-11-29)",
            )
        ],
    ),
    (
        "crawl-day dates, date-only values, day taken in +07:00",
        # 2026-11-29T20:00Z is 2026-11-30 03:00 in +07:00: the crawl day is the 30th.
        articles(6, published_at="2026-11-30", listed_page=3, fetched_at="2026-11-29T20:00:00Z"),
        [("published_at", "dated the crawl day (2026-11-30)")],
    ),
    (
        "a UTC timestamp on the crawl day in +07:00",
        articles(6, published_at=lambda i: f"2026-11-28T{18 + i}:00:00+00:00", listed_page=2),
        [("published_at", "6 of 6 articles listed only on page 2+")],
    ),
    (
        "crawl-day dates on page 1 are today's news",
        articles(12, published_at=lambda i: f"2026-11-29T{i:02d}:10:00+07:00", listed_page=1),
        [],
    ),
    (
        "crawl-day dates of articles not from a listing are not judged",
        articles(12, published_at=lambda i: f"2026-11-29T{i:02d}:10:00+07:00", listed_page=None),
        [],
    ),
    (
        "a few of today's articles pushed to page 2 by a busy morning",
        articles(
            12,
            published_at=lambda i: f"2026-11-29T0{i}:10:00+07:00" if i < 5 else stamp_of(i),
            listed_page=2,
        ),
        [],
    ),
    (
        "page 2 articles dated the day before the crawl",
        articles(12, published_at=lambda i: f"2026-11-28T{i:02d}:10:00+07:00", listed_page=2),
        [],
    ),
]


@pytest.mark.parametrize(("records", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_findings(records: list[Observed], expected: list[tuple[str, str]]) -> None:
    findings = check_articles(records)
    assert len(findings) == len(expected), findings
    for finding, (name, words) in zip(findings, expected, strict=True):
        assert finding.startswith(f"{name}: "), finding
        assert words in finding, finding


def test_both_published_at_checks_can_fire() -> None:
    records = articles(10, published_at="2026-11-29T08:00:00+07:00", listed_page=2)
    findings = check_articles(records)
    assert [f.split(":")[0] for f in findings] == ["published_at", "published_at"]
    assert "timestamps" in findings[0] and "crawl day" in findings[1]


def test_tally_keeps_no_text_of_values_that_do_not_repeat() -> None:
    tally = RunTally()
    for record in articles(50):
        tally.add(record)
    assert tally.articles == 50
    assert not tally.lead.excerpts and not tally.body.excerpts
    assert all(len(key) == 8 for key in tally.body.counts)
    assert judge_tally(tally) == []


def test_judge_run_degrades_on_findings_and_names_the_field() -> None:
    stats = {"dbp/listing_requested": 3, "dbp/listing_ok": 3, "dbp/listing_article_links": 40}
    ok = judge_run(stats, low_fields=[], rates={}, threshold=0.9)
    assert ok == ("ok", ExitCode.OK, [])
    finding = f"published_at: 28 of 30 timestamps of the run's new or changed articles … {STAMP}"
    status, code, warnings = judge_run(
        stats, low_fields=[], rates={}, threshold=0.9, implausible=[finding]
    )
    assert (status, code) == ("degraded", ExitCode.DEGRADED)
    assert warnings == [f"implausible {finding}"]


def test_spider_records_the_lowest_listing_page_that_showed_an_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from scrapy import Request
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from scraper.items import FetchedPage
    from scraper.spiders.dbp import SiteSpider

    site = "https://en.baodienbienphu.com.vn"
    deep, both, related = "deepAAAAA", "bothBBBBB", "relatCCCC"

    def listing(path: str, ids: list[str]) -> HtmlResponse:
        links = "".join(f'<a href="/kinh-te/story-{i}.html">Story {i}</a>' for i in ids)
        body = f"<html><body>{links}</body></html>".encode()
        request = Request(site + path, meta={"walk": None, "dbp_url": site + path})
        headers = {"Content-Type": "text/html"}
        return HtmlResponse(url=site + path, body=body, headers=headers, request=request)

    crawler = get_crawler(SiteSpider, {"DBP_ARCHIVE": str(tmp_path / "none.db")})
    spider = SiteSpider.from_crawler(crawler)
    crawler.spider = spider
    list(spider.parse_listing(listing("/kinh-te/trang-2.html", [deep, both])))
    list(spider.parse_listing(listing("/the-thao", [both])))  # page 1 of another section

    def fetched(ident: str) -> FetchedPage:
        url = f"{site}/kinh-te/story-{ident}.html"
        request = Request(url, meta={"article_id": ident, "dbp_url": url})
        body = b"<html><body><h1>T</h1><p>text</p></body></html>"
        response = HtmlResponse(url=url, body=body, request=request)
        return next(i for i in spider.parse_article(response) if isinstance(i, FetchedPage))

    assert fetched(deep).listed_page == 2
    assert fetched(both).listed_page == 1
    assert fetched(related).listed_page is None  # not requested from a listing
    assert spider.listed_on == {}
