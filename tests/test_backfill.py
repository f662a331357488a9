"""Backfill against fake web archives on 127.0.0.1 (tests/fakearchive.py).

The fake Internet Archive holds the offline mirror captured on 2023-01-05, then: one article
edited (2024-03-01) and captured again unchanged (2024-06-01, same digest); an article the live
site no longer has; an error page served with 200 under an article URL; a redirect capture;
and one article that no capture shows, only a listing links to it. The fake Common Crawl holds
the same history in WARC files read by range.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scraper.archive import open_archive
from scraper.backfill import Backfill, BackfillReport
from scraper.health import ExitCode
from scraper.site import SITE_ROOT
from scraper.urls import article_id, classify
from scraper.webarchive import Pace, PoliteClient, WebArchive
from tests.conftest import ROOT, SITE_DIR, run_cli
from tests.fakearchive import (
    CRAWL_IDS,
    Capture,
    FakeCommonCrawl,
    FakeWayback,
    edited,
    fast_cdx_toolkit,
    redirect,
    site_captures,
)

# After every fixture's publication date: a capture's dates are judged as of its time.
T1, T2, T3 = "20260305120000", "20260501080000", "20260601080000"
ISO = {t: f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:]}+00:00" for t in (T1, T2, T3)}
EDIT = ("The patrol checked border markers", "The joint patrol checked 47 border markers")


def _history() -> dict[str, Any]:
    """Return the captures of the fake archives and the URLs each test looks at."""
    base = site_captures(SITE_DIR, timestamp=T1)
    articles = [c for c in base if classify(c.url) == "article"]
    edited_one = next(c for c in articles if EDIT[0].encode() in c.body)
    listed_only = next(
        c
        for c in articles
        if c is not edited_one and c.url.endswith(".html") and "/kinh-te/" in c.url
    )
    error_page = next(c for c in articles if c not in (edited_one, listed_only))
    redirected = next(c for c in articles if c not in (edited_one, listed_only, error_page))
    assert redirected is not error_page
    gone_url = edited_one.url.replace(article_id(edited_one.url) or "", "Gx0ne0000")
    gone = Capture(
        gone_url,
        T1,
        edited_one.body.replace(b"border", b"frontier"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    second = edited(edited_one, T2, replace=EDIT)
    # Pages that are not the article their URL names, and a capture cut short.
    home = next(c for c in base if c.url == f"{SITE_ROOT}/")
    taken = (edited_one, listed_only, error_page, redirected)
    with_canonical = next(c for c in articles if b'rel="canonical"' in c.body and c not in taken)
    other_host = next(c for c in articles if c not in (*taken, with_canonical))
    soft404_url = edited_one.url.replace(article_id(edited_one.url) or "", "S0ft40400")
    not_found = (
        b"<html><head><title>Not found</title></head><body><h1>404</h1>"
        b"<p>The page you asked for does not exist.</p></body></html>"
    )
    error_url = edited_one.url.replace(article_id(edited_one.url) or "", "N0tf0und0")
    wrong_pages = [
        Capture(soft404_url, T2, home.body, headers=home.headers),  # the home page, 200
        Capture(error_url, T2, not_found, headers={"Content-Type": "text/html"}),
        Capture(other_host.url, T2, with_canonical.body, headers=with_canonical.headers),
    ]
    cut = Capture(
        with_canonical.url,
        T2,
        with_canonical.body[: len(with_canonical.body) * 7 // 10],
        headers=with_canonical.headers,
    )
    captures = [c for c in base if c is not listed_only]
    captures += [
        gone,
        second,
        Capture(edited_one.url, T3, second.body, headers=second.headers),  # same digest as T2
        Capture(error_page.url, T2, not_found, headers={"Content-Type": "text/html"}),
        redirect(redirected.url, T3, f"{SITE_ROOT}/"),
        *wrong_pages,
        cut,
    ]
    return {
        "captures": captures,
        "edited": edited_one.url,
        "gone": gone_url,
        "listed_only": listed_only.url,
        "error_page": error_page.url,
        "redirected": redirected.url,
        "soft404": soft404_url,
        "not_found": error_url,
        "other_host": other_host.url,
        "cut": with_canonical.url,
        # Distinct articles (one is reachable under two section paths), one only listed,
        # one gone from the live site.
        "articles": len({article_id(c.url) for c in articles}),
    }


HISTORY = _history()


@pytest.fixture
def wayback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeWayback]:
    fast_cdx_toolkit(monkeypatch, tmp_path / "cdx-cache")
    with FakeWayback(HISTORY["captures"]) as fake:
        yield fake


def _source(fake: FakeWayback | FakeCommonCrawl, **pace: Any) -> WebArchive:
    client = PoliteClient(
        pace=Pace(**{"per_minute": 60_000.0, "backoff": 0.01, "retry_after_cap": 0.05, **pace}),
        user_agent="dbp-archive/test",
    )
    if isinstance(fake, FakeWayback):
        return WebArchive(source="wayback", client=client, base_url=fake.base_url)
    return WebArchive(
        source="commoncrawl", client=client, cc_index_url=fake.index_url, cc_data_url=fake.data_url
    )


def _backfill(db: Path, source: WebArchive, **options: Any) -> BackfillReport:
    with open_archive(db) as archive:
        return Backfill(archive, source, **options).run()


def _versions(db: Path, url: str) -> list[tuple[int, str, str]]:
    with open_archive(db, readonly=True) as archive:
        return [
            tuple(row)
            for row in archive.conn.execute(
                "SELECT version, captured_at, source FROM article_versions WHERE article_id = ?"
                " ORDER BY version",
                (article_id(url),),
            )
        ]


def _fetched_twice(fake: FakeWayback) -> list[tuple[str, str]]:
    seen = Counter(
        (r.capture.url, r.capture.timestamp)
        for r in fake.replays()
        if r.completed and r.capture is not None
    )
    return [key for key, count in seen.items() if count > 1]


def test_backfill_builds_the_history_from_the_wayback_machine(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    report = _backfill(db, _source(wayback))
    assert report.code == ExitCode.OK, report
    with open_archive(db, readonly=True) as archive:
        ids = {row[0] for row in archive.conn.execute("SELECT article_id FROM articles")}
        # Every captured article (not the one only a listing shows), and the deleted one.
        assert article_id(HISTORY["gone"]) in ids
        assert article_id(HISTORY["listed_only"]) not in ids
        assert len(ids) == HISTORY["articles"]  # all but listed_only, plus the gone one
        gone = archive.conn.execute(
            "SELECT first_seen, first_source FROM articles WHERE article_id = ?",
            (article_id(HISTORY["gone"]),),
        ).fetchone()
        assert tuple(gone) == (ISO[T1], "wayback")
        # The edited article: versions in capture order; the same digest later adds nothing.
        record = archive.get_article(article_id(HISTORY["edited"]) or "")
        assert record is not None and EDIT[1] in (record.lead or "") + (record.body or "")
        # A listing capture queues what it links to and the archive lacks, for the live site.
        frontier = {row[0] for row in archive.conn.execute("SELECT article_id FROM frontier")}
        assert article_id(HISTORY["listed_only"]) in frontier
        outcomes = dict(
            archive.conn.execute(
                "SELECT url || '@' || timestamp, outcome FROM captures WHERE url IN (?, ?)",
                (HISTORY["error_page"], HISTORY["redirected"]),
            ).fetchall()
        )
        summary = json.loads(archive.runs(1)[0]["summary"])
    assert _versions(db, HISTORY["edited"]) == [(1, ISO[T1], "wayback"), (2, ISO[T2], "wayback")]
    assert outcomes[f"{HISTORY['error_page']}@{T2}"] == "incomplete"  # no date, no lead
    assert _versions(db, HISTORY["error_page"]) == [(1, ISO[T1], "wayback")]  # not replaced
    assert outcomes[f"{HISTORY['redirected']}@{T3}"] == "not-fetched"
    # Never silently wrong: what is not the article, or is cut short, adds nothing.
    with open_archive(db, readonly=True) as archive:
        wrong = dict(
            archive.conn.execute(
                "SELECT url, outcome || ': ' || coalesce(reason, '') FROM captures"
                " WHERE timestamp = ? AND url IN (?, ?, ?, ?)",
                (T2, *(HISTORY[k] for k in ("soft404", "not_found", "other_host", "cut"))),
            ).fetchall()
        )
        for key in ("soft404", "not_found"):
            assert archive.get_article(article_id(HISTORY[key]) or "") is None
    home = f"no-article: the page declares another address: {SITE_ROOT}/"
    assert wrong[HISTORY["soft404"]] == home
    assert wrong[HISTORY["not_found"]].startswith("no-article: no date, so not known")
    assert wrong[HISTORY["other_host"]].startswith("no-article: the page declares another")
    assert wrong[HISTORY["cut"]].startswith("incomplete: the page ends before")
    for url in (HISTORY["other_host"], HISTORY["cut"]):
        assert _versions(db, url) == [(1, ISO[T1], "wayback")]
    # Each digest fetched once: the T3 capture (T2's digest) is read back, never fetched.
    assert wayback.replays_completed(url=HISTORY["edited"], timestamp=T3) == 0
    assert wayback.replays_completed(url=HISTORY["redirected"], timestamp=T3) == 0
    assert _fetched_twice(wayback) == []
    # Read back, not fetched: the T3 capture, and the article the mirror shows under two
    # section paths with the same bytes.
    assert summary["from_twin"] == 2 and summary["source"] == "wayback"


def test_a_second_run_fetches_nothing_and_reuses_the_listing(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    _backfill(db, _source(wayback))
    wayback.clear_log()
    again = _backfill(db, _source(wayback))
    assert (again.listed, again.to_fetch, again.fetched) == (None, 0, 0)
    assert wayback.log == []
    from scraper.archive.search import stats

    with open_archive(db, readonly=True) as archive:
        counts = stats(archive)["captures"]["wayback"]
        listed = archive.conn.execute("SELECT count(*) FROM captures").fetchone()[0]
    assert counts == {"listed": listed, "done": listed, "to_fetch": 0, "failed": 0}


def test_limit_fetches_a_slice_and_the_next_run_the_rest(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    first = _backfill(db, _source(wayback), limit=5)
    assert first.to_fetch == 5
    rest = _backfill(db, _source(wayback))
    assert rest.to_fetch > 0
    assert _fetched_twice(wayback) == []
    assert len(_versions(db, HISTORY["edited"])) == 2


def test_since_until_select_captures_by_time(wayback: FakeWayback, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    report = _backfill(db, _source(wayback), since="202604", until="202605")
    assert report.code == ExitCode.OK
    assert {r.capture.timestamp for r in wayback.replays() if r.capture} == {T2}
    assert [v[1] for v in _versions(db, HISTORY["edited"])] == [ISO[T2]]


def test_a_few_refusals_are_waited_out(wayback: FakeWayback, tmp_path: Path) -> None:
    wayback.refuse(after=3, status=429, times=2, retry_after="0")
    report = _backfill(tmp_path / "archive.db", _source(wayback))
    assert report.code == ExitCode.OK
    assert wayback.requests_count(kind="replay", status=429) == 2
    assert report.outcomes["failed"] == 0


def test_a_persistent_refusal_stops_the_run_and_the_next_run_resumes(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    wayback.refuse(after=6, status=429, times=None, retry_after="0")
    stopped = _backfill(db, _source(wayback))
    assert stopped.code == ExitCode.FAILED
    assert stopped.stopped and "429" in stopped.stopped
    done = stopped.outcomes.total() - stopped.outcomes["failed"]
    assert done == 6  # what was fetched before the refusals is kept
    assert stopped.outcomes["failed"] == 2  # two captures refused in a row: the source, then
    wayback.clear_faults()
    resumed = _backfill(db, _source(wayback))
    assert resumed.code == ExitCode.OK
    assert resumed.to_fetch == stopped.to_fetch - done  # the refused two are tried again
    assert _fetched_twice(wayback) == []
    with open_archive(db, readonly=True) as archive:
        statuses = [row[0] for row in archive.conn.execute("SELECT status FROM crawl_runs")]
    assert statuses == ["failed", "ok"]


def test_common_crawl_records_are_read_by_byte_range(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fast_cdx_toolkit(monkeypatch, tmp_path / "cdx-cache")
    with FakeCommonCrawl(HISTORY["captures"]) as fake:
        db = tmp_path / "archive.db"
        report = _backfill(db, _source(fake), since="2026")
        ranges = fake.range_requests()
        index_requests = fake.requests_count(kind="cdx")
        whole_files = [r for r in fake.log if r.kind == "data" and r.range is None]
    assert report.code == ExitCode.OK, report
    assert ranges and not whole_files  # records only, never a whole WARC file
    # --since 2026: the crawls of 2026 (and the one before, which may hold its first days)
    # are asked, not every crawl's index (two requests each: a page, then the end).
    assert index_requests <= 2 * sum(1 for c in CRAWL_IDS if c >= "CC-MAIN-2025-50")
    assert all(r.status == 206 and r.capture is not None for r in ranges)
    assert len(ranges) == report.fetched
    assert _versions(db, HISTORY["edited"]) == [
        (1, ISO[T1], "commoncrawl"),
        (2, ISO[T2], "commoncrawl"),
    ]
    with open_archive(db, readonly=True) as archive:
        assert archive.get_article(article_id(HISTORY["gone"]) or "") is not None


def test_exports_and_warc_say_where_each_version_came_from(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    _backfill(db, _source(wayback))
    result = run_cli("export", "--db", str(db), "--versions", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    edits = [r for r in rows if r["article_id"] == article_id(HISTORY["edited"])]
    assert [(r["version"], r["source"]) for r in edits] == [(1, "wayback"), (2, "wayback")]
    assert edits[1]["archived_url"] == f"{wayback.base_url}/web/{T2}id_/{HISTORY['edited']}"
    assert edits[1]["captured_at"] == ISO[T2]
    warc = tmp_path / "out.warc.gz"
    assert run_cli("export-warc", "--db", str(db), str(warc)).returncode == 0
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as stream:
        records = [r for r in ArchiveIterator(stream) if r.rec_type in ("response", "request")]
    assert records and all(r.rec_type == "response" for r in records)  # no invented requests
    dates = {r.rec_headers.get_header("WARC-Date")[:10] for r in records}
    assert dates <= {"2026-03-05", "2026-05-01"}


# --- the command line ------------------------------------------------------------------------


def _cli_args(wayback: FakeWayback, db: Path) -> list[str]:
    """The backfill command line against the fake, pace off."""
    return ["backfill", "--source", "wayback", "--wayback-url", wayback.base_url,
            "--per-minute", "60000", "--db", str(db)]  # fmt: skip


def _cli_env(tmp_path: Path) -> dict[str, str]:
    return {"CDXT_CACHE_DIR": str(tmp_path / "cdx-cache") + "/"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2019-13"], "--since/--until"),
        (["--since", "2024", "--until", "2023"], "after --until"),
        (["--since", "2024-03", "--until", "2024-02-29"], "after --until"),
        (["--wayback-url", "ftp://x"], "http(s) URL"),
        (["--limit", "0"], "--limit"),
    ],
)
def test_bad_options_exit_2_with_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    result = run_cli("backfill", "--source", "wayback", "--db", str(tmp_path / "a.db"), *args)
    assert result.returncode == ExitCode.USAGE
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "a.db").exists()


def test_cli_persistent_refusal_is_one_line_and_exit_1(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    wayback.refuse(after=2, status=503, times=None, retry_after="0")
    db = tmp_path / "archive.db"
    result = run_cli(*_cli_args(wayback, db), env=_cli_env(tmp_path))
    assert result.returncode == ExitCode.FAILED, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("dbp-archive: error")]
    assert len(errors) == 1 and "refused 5 times in a row (HTTP 503)" in errors[0]
    assert "2 to fetch" not in result.stdout and "fetched" in result.stdout


def test_sigkill_mid_fetch_loses_nothing_and_fetches_nothing_twice(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    victim = HISTORY["edited"]
    wayback.stall(T1, seconds=60, url=victim)
    args = _cli_args(wayback, db)
    process = subprocess.Popen(
        [sys.executable, "-m", "scraper.cli", *args],
        cwd=ROOT,
        env={**os.environ, **_cli_env(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wayback.wait_stalled(T1, timeout=60), "the backfill never reached the stall"
        time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    wayback.clear_faults()
    with open_archive(db, readonly=True) as archive:
        before = archive.conn.execute("SELECT count(*) FROM captures WHERE state = 'done'")
        done_before = before.fetchone()[0]
    assert done_before > 0  # the captures fetched before the kill were committed
    result = run_cli(*args, env=_cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert _fetched_twice(wayback) == []
    assert wayback.replays_completed(url=victim, timestamp=T1) == 1
    with open_archive(db, readonly=True) as archive:
        left = archive.conn.execute("SELECT count(*) FROM captures WHERE state != 'done'")
        assert left.fetchone()[0] == 0
        assert (
            archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            == (HISTORY["articles"])
        )
        modes = [r["status"] for r in archive.runs(5)][::-1]
    assert modes == ["interrupted", "ok"]  # the killed run is marked so by the next one
    assert _versions(db, victim) == [(1, ISO[T1], "wayback"), (2, ISO[T2], "wayback")]


def test_after_a_backfill_the_crawl_fetches_what_listings_queued_and_finds_the_removals(
    wayback: FakeWayback, tmp_path: Path
) -> None:
    """Backfill, then the live mirror: queued articles are fetched, a backfilled article the
    site no longer has goes missing then gone (re-checks take never-checked articles first),
    and a reverted edit becomes a live version; every version is kept."""
    from scraper.mirror import serve
    from tests.test_ledger import a_day_passes, crawl

    db = tmp_path / "archive.db"
    assert _backfill(db, _source(wayback)).code == ExitCode.OK
    gone, queued, edited_url = HISTORY["gone"], HISTORY["listed_only"], HISTORY["edited"]
    with serve(SITE_DIR) as mirror:
        code, out, err = crawl(db, mirror.url, "--recheck", "200")
        assert code == 0, err[-2000:]
        a_day_passes(db)
        code, out, err = crawl(db, mirror.url, "--recheck", "200")
        assert code == 0, err[-2000:]
    with open_archive(db, readonly=True) as archive:
        status = dict(archive.conn.execute("SELECT article_id, status FROM articles").fetchall())
        queued_row = archive.conn.execute(
            "SELECT first_source FROM articles WHERE article_id = ?", (article_id(queued),)
        ).fetchone()
    assert status[article_id(gone)] == "gone"
    assert queued_row == ("live",)  # queued by a listing capture, fetched from the live site
    assert _versions(db, gone) == [(1, ISO[T1], "wayback")]  # a gone article keeps its versions
    history = _versions(db, edited_url)
    assert [(v[0], v[2]) for v in history] == [(1, "wayback"), (2, "wayback"), (3, "live")]
    assert status[article_id(edited_url)] == "edited"  # the live site reverted the edit
    changes = run_cli("changes", "--db", str(db), "--format", "json")
    kinds = {(c["article_id"], c["kind"]) for c in json.loads(changes.stdout)}
    assert (article_id(gone), "gone") in kinds
