"""`dbp-archive report`: one self-contained HTML file (no request to any host: only the archived
articles' URLs, as links), every section's chart with ``data-marks`` matching its marks, an
empty archive too; the Datasette route ``/-/dbp/report`` answers the same charts."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from scraper.archive import Archive, open_archive
from scraper.archive.datasette import metadata
from scraper.items import RelatedLink
from scraper.serve import datasette
from tests.conftest import run_cli
from tests.test_archive import make_article, save
from tests.test_trends import PLANTED

SITE = "https://en.baodienbienphu.com.vn"
CHARTS = {
    # chart id -> marks expected from the data below
    "articles-per-week": None,  # checked against its table instead
    "attention": 2,  # one line per query
    "top-authors": 3,  # 2024: Hà Linh, Quang Long; 2025: Hà Linh
    "section-labels": 2,  # xa-hoi: SOCIAL AFFAIRS; kinh-te: BUSINESS
    "edits-per-week": 1,  # both edits in one week
    "fill-rates": 3,  # title, body, published_at
    "requests": 4,  # run 1: requests, refused; run 2: requests, errors
    "most-linked": 2,  # y-abcdefghR from every article, the edited one from two
}


@pytest.fixture
def full(tmp_path: Path) -> Iterator[Archive]:
    """The planted trends archive, plus edits, runs, two authors, two sections, links."""
    with open_archive(tmp_path / "archive.db") as archive:
        for n, (ident, published, body) in enumerate(PLANTED):
            extra: dict[str, Any] = {"published_at": published}
            if ident.startswith("nov") and n % 2:
                extra["authors"] = ["Quang Long"]
            if ident.startswith("feb"):
                extra.update(category="kinh-te", category_label="BUSINESS",
                             url=f"{SITE}/kinh-te/x-{ident}.html")  # fmt: skip
            if ident in ("jan1aaaaR", "jan2aaaaR"):
                extra["related"] = [
                    RelatedLink(url=f"{SITE}/kinh-te/y-abcdefghR.html", title="Y"),
                    RelatedLink(url=f"{SITE}/xa-hoi/x-oct1aaaaR.html", title="Oct 1"),
                ]
            save(archive, make_article(ident, f"Report {ident}", body, **extra))
        first = make_article("oct1aaaaR", "Report oct1aaaaR", PLANTED[0][2],
                             published_at=PLANTED[0][1])  # fmt: skip
        save(archive, replace(first, body="The coffee harvest starts early."), "2026-01-05T01:00Z")
        save(archive, replace(first, body="The coffee harvest started."), "2026-01-06T01:00Z")
        one = archive.begin_run(mode="full", argv="crawl", started_at="2026-01-01T00:00:00Z")
        archive.end_run(one, status="ok", requests=40, refused=2, errors=0,
                        fill_rates={"title": 1.0, "body": 0.95, "published_at": 0.9})  # fmt: skip
        two = archive.begin_run(mode="incr", argv="crawl", started_at="2026-01-05T00:00:00Z")
        archive.end_run(two, status="ok", requests=12, refused=0, errors=1,
                        fill_rates={"title": 1.0, "body": 1.0, "published_at": 1.0})  # fmt: skip
        yield archive


@pytest.fixture
def full_db(full: Archive) -> Path:
    path: Path = full.path
    full.close()
    return path


class Page(HTMLParser):
    """Collects every tag with its attributes, the charts and their marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.charts: dict[str, int] = {}
        self.marks: dict[str, int] = {}
        self._chart: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "svg" and attributes.get("data-marks"):
            self._chart = attributes["id"] or ""
            self.charts[self._chart] = int(attributes["data-marks"] or 0)
            self.marks[self._chart] = 0
        if self._chart and tag == "svg":
            self._depth += 1
        if self._chart and "mark" in (attributes.get("class") or "").split():
            self.marks[self._chart] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._chart and tag == "svg":
            self._depth -= 1
            if not self._depth:
                self._chart = None


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def check_self_contained(text: str, page: Page) -> None:
    """No resource from anywhere; the only http(s) URLs are archived articles' links."""
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
        for name, value in attrs.items():
            if value and re.match(r"\s*(https?:)?//", value):
                assert tag == "a" and name == "href", (tag, name, value)
                assert value.startswith(SITE + "/"), value
    for url in re.findall(r"(?:https?:)?//[^\s\"'<>)]+", text):
        assert url.startswith(SITE + "/"), url
    assert "@import" not in text and "url(http" not in text


def test_report_is_one_self_contained_file_with_every_chart(full_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "r.html"
    out.parent.mkdir()
    result = run_cli("report", "--db", str(full_db), "--out", str(out), "-q", "coffee",
                     "-q", "border")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out.resolve())
    assert sorted(p.name for p in out.parent.iterdir()) == ["r.html"]
    text = out.read_text("utf-8")
    page = parse(text)
    check_self_contained(text, page)
    assert set(page.charts) == set(CHARTS)
    for chart, marks in page.charts.items():
        assert page.marks[chart] == marks > 0, chart
        if CHARTS[chart] is not None:
            assert marks == CHARTS[chart], chart
    # every chart has its data beside it
    assert text.count("<details>") >= len(CHARTS)
    assert text.count('href="data:text/csv') >= len(CHARTS)
    # the week chart: one bar per (week, section) with articles
    weeks = re.search(r"Data: articles per ISO week.*?<tbody>(.*?)</tbody>", text, re.S)
    assert weeks
    cells = re.findall(r"<tr><td>\d{4}-W\d\d</td>((?:<td[^>]*>[\d,]+</td>)+)</tr>", weeks[1])
    bars = sum(
        1 for row in cells for n in re.findall(r">([\d,]+)<", row)[:-1] if int(n.replace(",", ""))
    )
    assert page.charts["articles-per-week"] == bars
    # the most-edited article's diff
    assert "oct1aaaaR" in text and "<ins>" in text


def test_report_default_path_beside_the_archive(full_db: Path) -> None:
    result = run_cli("report", "--db", str(full_db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(full_db.parent.resolve() / "report.html")
    page = parse((full_db.parent / "report.html").read_text("utf-8"))
    assert "attention" not in page.charts  # no --query: the section says how to ask
    assert "articles-per-week" in page.charts


def test_report_of_an_empty_archive_is_written_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_archive(db).close()
    result = run_cli("report", "--db", str(db), "-q", "coffee")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "no article yet" in result.stderr
    text = (tmp_path / "report.html").read_text("utf-8")
    assert parse(text).charts == {}
    check_self_contained(text, parse(text))


def test_report_bad_query_and_missing_archive(full_db: Path, tmp_path: Path) -> None:
    bad = run_cli("report", "--db", str(full_db), "-q", "coffee OR")
    assert bad.returncode == 2 and "dangling OR" in bad.stderr
    missing = run_cli("report", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_datasette_route_serves_the_same_charts(full_db: Path, tmp_path: Path) -> None:
    ds = datasette(full_db, metadata(full_db))

    async def fetch(path: str) -> Any:
        return await ds.client.get(path)

    served = asyncio.run(fetch("/-/dbp/report?q=coffee&q=border"))
    assert served.status_code == 200
    out = tmp_path / "file.html"
    assert run_cli("report", "--db", str(full_db), "-o", str(out), "-q", "coffee",
                   "-q", "border").returncode == 0  # fmt: skip
    page, written = parse(served.text), parse(out.read_text("utf-8"))
    assert page.charts == written.charts and len(page.charts) == len(CHARTS)
    assert page.marks == page.charts
    check_self_contained(served.text, page)
    bad = asyncio.run(fetch("/-/dbp/report?q=coffee+OR"))
    assert bad.status_code == 400 and "dangling OR" in bad.text
    index = asyncio.run(fetch("/"))
    assert index.status_code == 200 and 'href="/-/dbp/report"' in index.text
