"""The backfill's parts, one at a time: bounds, Retry-After, the polite client, the history merge.

The whole backfill against fake web archives is in tests/test_backfill.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from scraper import retry_after_seconds
from scraper.archive import open_archive
from scraper.archive.captures import merge_capture
from scraper.archive.store import Archive
from scraper.backfill import Backfill, cdx_bound, iso_bounds
from scraper.extract import extract_article
from scraper.health import ExitCode
from scraper.items import ArticleExtraction
from scraper.webarchive import (
    CaptureError,
    Pace,
    PoliteClient,
    SourceRefused,
    WebArchive,
    timestamp_to_iso,
)
from tests.conftest import expected_pages

# --- bounds and times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits"),
    [("2019", "2019"), ("2019-03", "201903"), ("2019-03-05", "20190305"), (None, None)],
)
def test_cdx_bound_reads_years_months_and_days(value: str | None, digits: str | None) -> None:
    assert cdx_bound(value) == digits


@pytest.mark.parametrize("value", ["19", "2019-13", "2019-02-30", "last year", "2019/03"])
def test_cdx_bound_refuses_what_is_no_date(value: str) -> None:
    with pytest.raises(ValueError, match="YYYY"):
        cdx_bound(value)


def test_iso_bounds_include_the_whole_until_period() -> None:
    assert iso_bounds("2019", "2020") == ("2019-01-01T00:00:00+00:00", "2021-01-01T00:00:00+00:00")
    assert iso_bounds("201912", "201912")[1] == "2020-01-01T00:00:00+00:00"
    assert iso_bounds(None, "20200229")[1] == "2020-03-01T00:00:00+00:00"
    assert iso_bounds(None, None) == ("", "")


def test_timestamp_to_iso() -> None:
    assert timestamp_to_iso("20240305102030") == "2024-03-05T10:20:30+00:00"
    assert timestamp_to_iso("2024") == "2024-01-01T00:00:00+00:00"


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


# --- the polite client -----------------------------------------------------------------------


class _FakeTime:
    """A clock that only moves when slept on: waits are recorded, never spent."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 3))
        self.now += seconds


def _client(fake: _FakeTime, **pace: Any) -> PoliteClient:
    return PoliteClient(
        pace=Pace(**{"per_minute": 60.0, "backoff": 1.0, **pace}),
        user_agent="dbp-archive/test (+mailto:test@example.org)",
        sleep=fake.sleep,
        clock=fake.clock,
    )


def test_client_paces_requests_to_one_host(scripted: Any) -> None:
    fake = _FakeTime()
    client = _client(fake, per_minute=24.0)
    for _ in range(3):
        assert client.get(scripted.url + "/x").status_code == 200
    assert fake.waits == [2.5, 2.5]  # 24 a minute: one every 2.5 s
    assert client.sent == 3
    assert all(headers["User-Agent"].startswith("dbp-archive/") for _, headers in scripted.seen)


def test_client_honours_retry_after_then_goes_on(scripted: Any) -> None:
    scripted.script = [(429, {"Retry-After": "7"}, b""), (503, {}, b""), (200, {}, b"fine")]
    fake = _FakeTime()
    client = _client(fake, per_minute=6000.0)
    response = client.get(scripted.url + "/x", params={"from_ts": "2019"})
    assert response.content == b"fine"
    assert 7.0 in fake.waits  # Retry-After, as asked
    assert 2.0 in fake.waits  # no Retry-After on the 503: the back-off (second refusal: 2 s)
    assert scripted.seen[0][0] == "/x?from=2019"  # cdx_toolkit's from_ts is the API's from


def test_client_stops_when_asked_to_wait_longer_than_the_cap(scripted: Any) -> None:
    scripted.script = [(429, {"Retry-After": "86400"}, b"")]
    fake = _FakeTime()
    with pytest.raises(SourceRefused, match="asked to wait 86400 s"):
        _client(fake, per_minute=6000.0, retry_after_cap=60.0).get(scripted.url)
    assert fake.waits == []  # not the cap, then again: what the server asked is respected


def test_client_gives_up_a_source_that_keeps_refusing(scripted: Any) -> None:
    scripted.script = [(429, {"Retry-After": "1"}, b"")] * 10
    fake = _FakeTime()
    with pytest.raises(SourceRefused, match=r"refused 5 times in a row \(HTTP 429\)"):
        _client(fake, per_minute=6000.0).get(scripted.url)
    assert len(scripted.seen) == 5


def test_client_answers_404_and_400_for_cdx_toolkit_to_read(scripted: Any) -> None:
    scripted.script = [(404, {}, b'{"message": "No Captures found"}'), (400, {}, b"")]
    client = _client(_FakeTime(), per_minute=6000.0)
    assert client.get(scripted.url).status_code == 404
    assert client.get(scripted.url).status_code == 400


def test_client_refuses_a_response_over_the_size_limit(scripted: Any) -> None:
    scripted.script = [(200, {}, b"x" * 5000)]
    with pytest.raises(CaptureError, match="size limit"):
        _client(_FakeTime(), per_minute=6000.0, max_size=4096).get(scripted.url)


# --- the history merge -----------------------------------------------------------------------

PAGE, URL, EXPECTED = expected_pages()[0]
BODY_START = EXPECTED["body"][:30].encode()  # as the page writes it (plain ASCII here)
T1, T2, T3, T4 = (f"202{n}-01-01T00:00:00+00:00" for n in range(1, 5))


def _extraction(change: str | None = None) -> ArticleExtraction:
    html = PAGE.read_bytes()
    if change:
        assert BODY_START in html
        html = html.replace(BODY_START, f"{change} ".encode() + BODY_START, 1)
    return extract_article(html, URL, datetime.fromisoformat(T1))


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with open_archive(tmp_path / "archive.db") as opened:
        yield opened


def _merge(
    archive: Archive, extraction: ArticleExtraction, at: str, source: str = "wayback"
) -> str:
    with archive.transaction():
        return merge_capture(
            archive,
            extraction,
            page_sha256="sha-" + at[:4],
            captured_at=at,
            source=source,
            run_id=1,
        )


def _versions(archive: Archive, ident: str) -> list[tuple[int, str, str, str]]:
    rows = archive.conn.execute(
        "SELECT version, captured_at, source, record FROM article_versions"
        " WHERE article_id = ? ORDER BY version",
        (ident,),
    )
    return [tuple(r) for r in rows]


def _live(archive: Archive, extraction: ArticleExtraction, at: str) -> str:
    with archive.transaction():
        return archive.save_article(
            extraction, page_sha256="live-" + at[:4], captured_at=at, run_id=2
        )


def test_a_capture_of_an_unknown_article_adds_it_first_seen_at_the_capture(
    archive: Archive,
) -> None:
    extraction = _extraction()
    assert _merge(archive, extraction, T1) == "new"
    row = archive.conn.execute("SELECT first_seen, first_source, version_count FROM articles")
    assert tuple(row.fetchone()) == (T1, "wayback", 1)
    assert _versions(archive, extraction.article.article_id)[0][:3] == (1, T1, "wayback")


def test_an_older_capture_becomes_a_version_in_time_order_and_leaves_the_record(
    archive: Archive,
) -> None:
    live = _extraction()
    ident = live.article.article_id
    _live(archive, live, T3)
    old = _extraction("(first draft)")
    assert _merge(archive, old, T1) == "version"
    versions = _versions(archive, ident)
    assert [(v[0], v[1], v[2]) for v in versions] == [(1, T1, "wayback"), (2, T3, "live")]
    assert "(first draft)" in versions[0][3] and "(first draft)" not in versions[1][3]
    record = archive.get_article(ident)
    assert record == live.article  # never overwritten
    assert archive.conn.execute("SELECT first_seen, first_source FROM articles").fetchone() == (
        T1,
        "wayback",
    )


def test_identical_content_adds_no_version(archive: Archive) -> None:
    extraction = _extraction()
    _merge(archive, extraction, T1)
    assert _merge(archive, _extraction(), T2) == "unchanged"
    assert len(_versions(archive, extraction.article.article_id)) == 1


def test_the_same_content_seen_earlier_moves_its_version_back(archive: Archive) -> None:
    live = _extraction()
    _live(archive, live, T3)
    assert _merge(archive, _extraction(), T1) == "earlier"
    assert [v[:3] for v in _versions(archive, live.article.article_id)] == [(1, T1, "wayback")]


def test_a_capture_newer_than_anything_seen_becomes_the_current_record(archive: Archive) -> None:
    live = _extraction()
    _live(archive, live, T1)
    newer = _extraction("(corrected)")
    assert _merge(archive, newer, T4) == "current"
    record = archive.get_article(live.article.article_id)
    assert record == newer.article
    assert [v[:3] for v in _versions(archive, live.article.article_id)] == [
        (1, T1, "live"),
        (2, T4, "wayback"),
    ]


def test_a_capture_between_the_archives_sightings_is_kept_out_of_the_history(
    archive: Archive,
) -> None:
    live = _extraction()
    ident = live.article.article_id
    _live(archive, live, T1)
    _live(archive, live, T3)  # seen again, unchanged: no version records that sighting
    # Edited at T2 and back by T3, or edited at T2 after a sighting nobody recorded? Unknown.
    assert _merge(archive, _extraction("(briefly edited)"), T2) == "unplaced"
    assert [v[:3] for v in _versions(archive, ident)] == [(1, T1, "live")]
    assert _merge(archive, _extraction(), T2) == "unchanged"  # the content in force then


def test_a_capture_at_the_time_of_a_sighting_never_invents_a_revert(archive: Archive) -> None:
    live = _extraction()
    _live(archive, live, T2)
    assert _merge(archive, _extraction("(other source)"), T2) == "unplaced"
    assert len(_versions(archive, live.article.article_id)) == 1


def test_history_does_not_depend_on_the_order_captures_arrive(tmp_path: Path) -> None:
    """Captures A@T1, B@T2, A@T3 of one article, merged in every order."""
    from itertools import permutations

    timeline = [(T1, None), (T2, "(edit)"), (T3, None)]
    results = set()
    for n, order in enumerate(permutations(timeline)):
        with open_archive(tmp_path / f"a{n}.db") as archive:
            for at, change in order:
                _merge(archive, _extraction(change), at)
            ident = _extraction().article.article_id
            versions = [(v[1], "(edit)" in v[3]) for v in _versions(archive, ident)]
            record = archive.get_article(ident)
            results.add((tuple(versions), record == _extraction().article if record else None))
    # In time order the revert is seen; otherwise what cannot be placed is left out: no order
    # ever produces a wrong history (a version where none was, or a wrong current record).
    complete = ((T1, False), (T2, True), (T3, False))
    for versions, current_is_a in results:
        assert current_is_a
        assert set(versions) <= set(complete)
        assert versions == tuple(v for v in complete if v in versions)
    assert (complete, True) in results


def test_a_capture_is_kept_queued_for_the_live_site(archive: Archive) -> None:
    extraction = _extraction()
    ident = extraction.article.article_id
    with archive.transaction():
        archive.add_frontier([(ident, extraction.article.url)], run_id=1, now=T1)
    _merge(archive, extraction, T1)
    assert archive.conn.execute("SELECT article_id FROM frontier").fetchall() == [(ident,)]


# --- a source that is not what it claims ----------------------------------------------------


def test_an_index_that_answers_no_cdx_stops_with_one_line(scripted: Any, tmp_path: Path) -> None:
    scripted.script = [(200, {"Content-Type": "text/html"}, b"<html>Welcome to nginx</html>")]
    client = PoliteClient(pace=Pace(per_minute=6000.0), user_agent="dbp-archive/test")
    source = WebArchive(source="wayback", client=client, base_url=scripted.url)
    with open_archive(tmp_path / "archive.db") as archive:
        report = Backfill(archive, source).run()
        status = archive.runs(1)[0]["status"]
    assert report.code == ExitCode.FAILED and status == "failed"
    assert report.stopped is not None and report.stopped.startswith("listing failed: ")
    assert "\n" not in report.stopped
