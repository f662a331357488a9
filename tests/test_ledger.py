"""The ledger of edits and removals: the status rules, the re-check slice, and a mirror whose
articles are edited, deleted, redirected, emptied and brought back between crawls."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from scraper.archive import ledger, open_archive
from scraper.archive.ledger import (
    CONFIRM_AFTER,
    State,
    Transition,
    seen_of,
    transition,
)
from scraper.archive.memory import read_memory
from scraper.config import MAX_RECHECKS, CrawlConfig, recheck_slice
from scraper.mirror import Route, serve
from scraper.spiders.dbp import redirected_away
from tests.conftest import SITE, SITE_DIR, expected_pages, run_cli

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
EARLIER = (NOW - timedelta(hours=2)).isoformat()
DAYS_AGO = (NOW - timedelta(days=2)).isoformat()


# --- the status rules (pure) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "seen", "after", "event"),
    [
        (State("live"), "served", State("live"), None),
        (State("live"), "edited", State("edited"), "edited"),
        (State("edited"), "served", State("edited"), None),
        (State("edited"), "edited", State("edited"), "edited"),
        (State("live"), "not_found", State("missing", NOW.isoformat()), "missing"),
        (State("missing", EARLIER), "not_found", State("missing", EARLIER), None),
        (State("missing", DAYS_AGO), "not_found", State("gone", DAYS_AGO), "gone"),
        (State("gone", DAYS_AGO), "not_found", State("gone", DAYS_AGO), None),
        (State("missing", EARLIER), "served", State("live"), "cleared"),
        (State("missing", EARLIER), "edited", State("edited"), "edited"),
        (State("gone", DAYS_AGO), "served", State("returned"), "returned"),
        (State("gone", DAYS_AGO), "edited", State("returned"), "returned"),
        # A redirect away or a page with no article: unconfirmed first, like a 404.
        (State("live"), "redirected", State("missing", NOW.isoformat()), "missing"),
        (State("missing", EARLIER), "redirected", State("missing", EARLIER), None),
        (State("missing", DAYS_AGO), "redirected", State("redirected", DAYS_AGO), "redirected"),
        (State("redirected", DAYS_AGO), "redirected", State("redirected", DAYS_AGO), None),
        (State("redirected"), "served", State("returned"), "returned"),
        (State("live"), "no_article", State("missing", NOW.isoformat()), "missing"),
        (State("missing", DAYS_AGO), "no_article", State("soft-404", DAYS_AGO), "soft-404"),
        (State("soft-404"), "no_article", State("soft-404"), None),
        (State("soft-404"), "edited", State("returned"), "returned"),
        (State("gone", DAYS_AGO), "no_article", State("soft-404", DAYS_AGO), "soft-404"),
        (State("returned"), "not_found", State("missing", NOW.isoformat()), "missing"),
    ],
)
def test_transition(before: State, seen: str, after: State, event: str | None) -> None:
    assert transition(before, seen, NOW) == Transition(after, event)  # type: ignore[arg-type]


def test_a_404_is_gone_only_a_full_day_after_the_first() -> None:
    first = NOW.isoformat()
    missing = State("missing", first)
    just_before = NOW + CONFIRM_AFTER - timedelta(seconds=1)
    assert transition(missing, "not_found", just_before).event is None
    assert transition(missing, "not_found", NOW + CONFIRM_AFTER).state == State("gone", first)


@pytest.mark.parametrize(
    ("status", "redirected_to", "extracted", "saved", "seen"),
    [
        (304, None, False, None, "served"),
        (200, None, True, "unchanged", "served"),
        (200, None, True, "new", "served"),
        (200, None, True, "updated", "edited"),
        (200, None, False, None, "no_article"),
        (404, None, False, None, "not_found"),
        (410, None, False, None, "not_found"),
        (200, f"{SITE}/", False, None, "redirected"),
        (404, f"{SITE}/", False, None, "redirected"),
        (451, None, False, None, "not_found"),
        (500, None, False, None, None),
        (403, None, False, None, None),
    ],
)
def test_seen_of(
    status: int, redirected_to: str | None, extracted: bool, saved: str | None, seen: str | None
) -> None:
    assert (
        seen_of(status=status, redirected_to=redirected_to, extracted=extracted, saved=saved)
        == seen
    )


def test_our_extractor_crashing_says_nothing_of_the_article() -> None:
    assert (
        seen_of(status=200, redirected_to=None, extracted=False, saved=None, crashed=True) is None
    )


def test_transition_found_counts_a_removal_seen_again() -> None:
    assert transition(State("gone", DAYS_AGO), "not_found", NOW).found == "gone"
    assert transition(State("missing", EARLIER), "not_found", NOW).found == "missing"
    assert transition(State("live"), "served", NOW).found == "unchanged"
    assert transition(State("gone", DAYS_AGO), "served", NOW).found == "returned"


def test_redirected_away() -> None:
    article = f"{SITE}/xa-hoi/a-story-ABCdef12g.html"
    moved = f"{SITE}/van-hoa/a-story-ABCdef12g.html"
    assert redirected_away("ABCdef12g", f"{SITE}/", [article])
    assert redirected_away("ABCdef12g", f"{SITE}/xa-hoi/other-XYZdef12g.html", [article])
    assert not redirected_away("ABCdef12g", moved, [article])  # same article, new section
    assert not redirected_away("ABCdef12g", article, None)  # no redirect at all


# --- the re-check slice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "archived", "expected"),
    [
        ("auto", 0, 0),
        ("auto", 43, 1),
        ("auto", 2_000, 17),
        ("auto", 12_000, 100),
        ("auto", 1_000_000, MAX_RECHECKS),
        ("AUTO", 240, 2),
        ("0", 2_000, 0),
        ("500", 2_000, 500),
        ("500", 43, 43),
    ],
)
def test_recheck_slice(setting: str, archived: int, expected: int) -> None:
    assert recheck_slice(setting, archived, cycle_runs=120, cap=MAX_RECHECKS) == expected
    assert CrawlConfig(recheck=setting).recheck_slice(archived) == expected


@pytest.mark.parametrize("setting", ["-1", "some", "1.5", ""])
def test_recheck_slice_refuses_other_values(setting: str) -> None:
    with pytest.raises(ValueError, match="recheck must be"):
        recheck_slice(setting, 10, cycle_runs=120, cap=MAX_RECHECKS)


def test_recheck_setting_reaches_the_config() -> None:
    from scrapy.settings import Settings

    assert CrawlConfig.setting("recheck") == "DBP_RECHECK"
    assert CrawlConfig.from_settings(Settings({"DBP_RECHECK": "7"})).recheck_slice(100) == 7
    assert CrawlConfig().recheck == "auto"


def test_the_slice_takes_never_checked_articles_first_then_the_oldest_check(
    tmp_path: Path,
) -> None:
    db = tmp_path / "archive.db"
    with open_archive(db) as archive:
        conn = archive.conn
        rows = [
            ("checked3g", "2026-11-20T00:00:00+00:00", "2026-01-03T00:00:00+00:00"),
            ("checked1g", "2026-11-25T00:00:00+00:00", "2026-01-01T00:00:00+00:00"),
            ("neverold1", None, "2025-01-01T00:00:00+00:00"),
            ("nevernew1", None, "2026-11-28T00:00:00+00:00"),
            ("revisit01", None, "2026-11-29T00:00:00+00:00"),
            ("checked2g", "2026-11-27T00:00:00+00:00", "2026-01-02T00:00:00+00:00"),
            ("missold1g", "2026-11-27T00:00:00+00:00", "2026-01-02T00:00:00+00:00"),
            ("missnew1g", "2026-11-29T11:00:00+00:00", "2026-01-02T00:00:00+00:00"),
            # First seen missing by yesterday's run, a little later in it than this run's start.
            ("missnear1", "2026-11-28T12:20:00+00:00", "2026-01-02T00:00:00+00:00"),
        ]
        for ident, checked, first in rows:
            conn.execute(
                "INSERT INTO articles (article_id, url, first_seen, last_seen, last_checked)"
                " VALUES (?, ?, ?, ?, ?)",
                (ident, f"{SITE}/xa-hoi/s-{ident}.html", first, first, checked),
            )
        # Unconfirmed 404s: one seen 2 days before NOW (its confirmation is due), one 23 h 40
        # before (due too: yesterday's run), one an hour before (not yet: it waits its turn).
        conn.execute(
            "UPDATE articles SET status = 'missing', missing_since = last_checked"
            " WHERE article_id LIKE 'miss%'"
        )
        conn.commit()
        memory = read_memory(
            conn,
            revisit_since="2026-11-28T12:00:00+00:00",
            max_revisits=50,
            recheck_slice=lambda archived: 4,
            now=NOW,
        )
    assert list(memory.revisit) == ["revisit01"]
    assert list(memory.recheck) == ["missold1g", "missnear1", "neverold1", "nevernew1"]


def test_a_check_that_got_no_answer_waits_its_turn_again(tmp_path: Path) -> None:
    """Articles that always time out (or answer 403) must not take every run's slice."""
    with open_archive(tmp_path / "archive.db") as archive:
        conn = archive.conn
        for n in range(6):
            conn.execute(
                "INSERT INTO articles (article_id, url, first_seen, last_seen, last_checked)"
                " VALUES (?, ?, ?, ?, ?)",
                (f"art{n}xxxx", f"{SITE}/xa-hoi/s-art{n}xxxx.html", "2026-01-01", "2026-01-01",
                 f"2026-11-0{n + 1}T00:00:00+00:00"),
            )  # fmt: skip
        # The two checked longest ago were tried this morning, with no answer.
        for ident in ("art0xxxx", "art1xxxx"):
            ledger.attempted(conn, article_id=ident, at="2026-11-29T06:00:00+00:00")
        conn.commit()
        memory = read_memory(
            conn, revisit_since="2026-11-29", max_revisits=0, recheck_slice=lambda n: 2, now=NOW
        )
    assert list(memory.recheck) == ["art2xxxx", "art3xxxx"]


def test_no_validators_from_a_capture_or_for_a_removed_article(tmp_path: Path) -> None:
    """A web archive's ETag is the one the site gave the archive; a 304 for a removed article
    would say nothing of its return."""
    headers = json.dumps({"etag": '"e9"', "last-modified": "Tue, 01 Jan 2019 00:00:00 GMT"})
    with open_archive(tmp_path / "archive.db") as archive:
        conn = archive.conn
        for ident, source, status in (
            ("livepage1", "live", "live"),
            ("capture01", "wayback", "live"),
            ("goneaway1", "live", "gone"),
        ):
            conn.execute(
                "INSERT INTO pages (sha256, url, final_url, status, headers, fetched_at, source)"
                " VALUES (?, '', '', 200, ?, '2026-01-01', ?)",
                (ident, headers, source),
            )
            conn.execute(
                "INSERT INTO articles (article_id, url, first_seen, last_seen, page_sha256,"
                " status) VALUES (?, ?, '2026-01-01', '2026-01-01', ?, ?)",
                (ident, f"{SITE}/xa-hoi/s-{ident}.html", ident, status),
            )
        conn.commit()
        memory = read_memory(
            conn, revisit_since="2026-11-29", max_revisits=0, recheck_slice=lambda n: 3, now=NOW
        )
    assert memory.recheck["livepage1"][1:] == ('"e9"', "Tue, 01 Jan 2019 00:00:00 GMT")
    assert memory.recheck["capture01"][1:] == (None, None)
    assert memory.recheck["goneaway1"][1:] == (None, None)


# --- end to end: a mirror that changes between runs -----------------------------------------


def moved_home(handler: BaseHTTPRequestHandler) -> bool:
    """Answer with a permanent redirect to the home page (a soft removal)."""
    handler.send_response(301)
    handler.send_header("Location", "/")
    handler.send_header("Content-Length", "0")
    handler.end_headers()
    return True


EMPTY_PAGE = (
    "<html><head><title>Báo Điện Biên Phủ</title></head>"
    "<body><div class='content'></div></body></html>"
)


def crawl(db: Path, url: str, *extra: str) -> tuple[int, str, str]:
    result = run_cli(
        "crawl", "--db", str(db), "--mirror", url, "--delay", "0", "--no-autothrottle",
        "--quiet", "--revisit-days", "0", *extra,
    )  # fmt: skip
    return result.returncode, result.stdout, result.stderr


def a_day_passes(db: Path) -> None:
    """Move the first sightings of the missing articles two days back (no sleeping)."""
    conn = sqlite3.connect(db)
    with conn:
        for ident, since in conn.execute(
            "SELECT article_id, missing_since FROM articles WHERE status = 'missing'"
        ).fetchall():
            earlier = (datetime.fromisoformat(since) - timedelta(days=2)).isoformat()
            conn.execute(
                "UPDATE articles SET missing_since = ? WHERE article_id = ?", (earlier, ident)
            )
            conn.execute(
                "UPDATE article_events SET observed_at = ? WHERE article_id = ?"
                " AND event = 'missing' AND observed_at = ?",
                (earlier, ident, since),
            )
    conn.close()


@pytest.mark.slow
def test_the_ledger_records_edits_removals_and_returns(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    db = tmp_path / "archive.db"
    pages = {record["article_id"]: (path, url, record) for path, url, record in expected_pages()}
    edited, deleted, moved, emptied, back = list(pages)[:5]

    def local(ident: str) -> Path:
        return site / pages[ident][0].relative_to(SITE_DIR)

    routes: dict[str, Route] = {}
    with serve(site, routes=routes) as mirror:
        code, _, err = crawl(db, mirror.url)
        assert code == 0, err[-2000:]
        total = len(pages)
        # Between runs: one article edited, two deleted, one redirected home, one emptied.
        path = local(edited)
        first_words = pages[edited][2]["body"].split("\n")[0][:40]
        html = path.read_text("utf-8")
        assert first_words in html
        path.write_text(html.replace(first_words, "Corrected: " + first_words), "utf-8")
        kept = local(back).read_bytes()
        local(deleted).unlink()
        local(back).unlink()
        routes["/" + pages[moved][0].relative_to(SITE_DIR).as_posix()] = moved_home
        local(emptied).write_text(EMPTY_PAGE, "utf-8")

        code, out, err = crawl(db, mirror.url, "--recheck", str(total))
        assert code == 0, err[-2000:]
        assert err == ""  # nothing for cron to mail: removals are not problems
        # Every removal is unconfirmed at first: two 404s, a redirect home, a page emptied.
        assert f"rechecks {total}: unchanged {total - 5}, edited 1, missing 4" in out, out
        assert "removed 4" in out  # fetches: two 404s, a redirect, a page with no article

        code, out, err = crawl(db, mirror.url, "--recheck", str(total))
        assert code == 0 and err == "", err[-2000:]
        assert "missing 4" in out  # seen again the same day: still unconfirmed

        a_day_passes(db)
        code, out, err = crawl(db, mirror.url, "--recheck", str(total))
        assert code == 0 and err == "", err[-2000:]
        assert "gone 2, redirected 1, soft-404 1" in out, out

        local(back).write_bytes(kept)
        code, out, err = crawl(db, mirror.url, "--recheck", str(total))
        assert code == 0 and err == "", err[-2000:]
        assert "returned 1" in out

    conn = sqlite3.connect(db)
    status = dict(conn.execute("SELECT article_id, status FROM articles"))
    assert {i: status[i] for i in (edited, deleted, moved, emptied, back)} == {
        edited: "edited",
        deleted: "gone",
        moved: "redirected",
        emptied: "soft-404",
        back: "returned",
    }
    assert set(status.values()) == {"live", "edited", "gone", "redirected", "soft-404", "returned"}
    events = conn.execute(
        "SELECT article_id, event, run_id, http_status, final_url FROM article_events ORDER BY id"
    ).fetchall()
    assert [(i, e, r) for i, e, r, _, _ in events if i == back] == [
        (back, "missing", 2),
        (back, "gone", 4),
        (back, "returned", 5),
    ]
    assert (moved, "missing", 2, 200, f"{SITE}/") in events
    assert (moved, "redirected", 4, 200, f"{SITE}/") in events
    assert (deleted, "gone", 4, 404, pages[deleted][1]) in events
    # Dated: each status since its event; a gone article keeps its first sighting.
    since, missing = conn.execute(
        "SELECT status_since, missing_since FROM articles WHERE article_id = ?", (deleted,)
    ).fetchone()
    assert missing < since
    for ident in (edited, deleted, moved, emptied, back):  # each status dated by its event
        assert (
            conn.execute(
                "SELECT status_since FROM articles WHERE article_id = ?", (ident,)
            ).fetchone()
            == conn.execute(
                "SELECT observed_at FROM article_events WHERE article_id = ? ORDER BY id DESC",
                (ident,),
            ).fetchone()
        )
    # Nothing archived is lost: every article, its record and versions stay.
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == total
    assert conn.execute(
        "SELECT version_count, title FROM articles WHERE article_id = ?", (deleted,)
    ).fetchone() == (1, pages[deleted][2]["title"])
    assert conn.execute(
        "SELECT count(*) FROM article_versions WHERE article_id = ?", (edited,)
    ).fetchone() == (2,)
    assert conn.execute("SELECT title FROM articles WHERE article_id = ?", (moved,)).fetchone() == (
        pages[moved][2]["title"],
    )
    # The redirect's target (the home page) and the empty page were never taken as records.
    assert conn.execute(
        "SELECT count(*) FROM article_versions WHERE article_id IN (?, ?)", (moved, emptied)
    ).fetchone() == (2,)
    # The removals view (Datasette's /archive/removals) lists them and the return, newest first.
    removals = conn.execute("SELECT * FROM removals").fetchall()
    assert [(r[1], r[2]) for r in removals][0] == ("returned", back)
    assert sorted(r[1] for r in removals) == [
        "gone",
        "gone",
        "redirected",
        "returned",
        "soft-404",
    ]
    # The run rows: every run ok, the re-checks counted.
    runs = conn.execute("SELECT status, exit_code, summary FROM crawl_runs ORDER BY id").fetchall()
    assert [(s, c) for s, c, _ in runs] == [("ok", 0)] * 5
    assert json.loads(runs[1][2])["rechecks"]["requested"] == total
    conn.close()

    table = run_cli("changes", "--db", str(db))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert any(edited in line and "v1->v2" in line for line in lines)
    for ident, kind in ((deleted, "gone"), (moved, "redirected"), (emptied, "soft-404")):
        assert any(f"  {ident}  {kind}  " in line for line in lines), (kind, lines)
    assert lines[-1] == "1 edits; gone 2, redirected 1, soft-404 1, returned 1"
    assert not any("missing" in line.split("  ")[2] for line in lines[:-1])
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    later = run_cli("changes", "--since", tomorrow, "--db", str(db))
    assert later.stdout.splitlines() == ["0 edits"]
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    # Every listed event was observed by this test's runs (the moved-back first sightings,
    # "missing", are not listed): --since yesterday lists them all, even across midnight.
    today = run_cli("changes", "--since", yesterday, "--db", str(db)).stdout.splitlines()
    assert today[-1] == "1 edits; gone 2, redirected 1, soft-404 1, returned 1"
    listed = json.loads(run_cli("changes", "--format", "json", "--db", str(db)).stdout)
    kinds = [(row["kind"], row["article_id"]) for row in listed]
    assert kinds.index(("gone", back)) < kinds.index(("returned", back))
    assert ("edited", edited) in kinds
    rows = list(csv.DictReader(io.StringIO(run_cli("changes", "--format", "csv", "--db",
                                                   str(db)).stdout)))  # fmt: skip
    redirect = next(r for r in rows if r["kind"] == "redirected")
    assert (redirect["article_id"], redirect["final_url"]) == (moved, f"{SITE}/")

    figures = json.loads(run_cli("stats", "--json", "--db", str(db)).stdout)
    assert figures["statuses"] == {
        "live": total - 5,
        "edited": 1,
        "returned": 1,
        "gone": 1,
        "redirected": 1,
        "soft-404": 1,
    }
    text = run_cli("stats", "--db", str(db)).stdout
    assert f"status: live {total - 5}, edited 1, returned 1, gone 1" in text


@pytest.mark.slow
def test_a_never_checked_article_is_rechecked_first_and_found_gone(tmp_path: Path) -> None:
    """A backfilled article (no last_checked) deleted from the site is checked first."""
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    db = tmp_path / "archive.db"
    path, _, record = expected_pages()[-1]
    with serve(site) as mirror:
        code, _, err = crawl(db, mirror.url)
        assert code == 0, err[-2000:]
        conn = sqlite3.connect(db)
        with conn:  # as a backfill leaves it: never checked
            conn.execute(
                "UPDATE articles SET last_checked = NULL, last_attempt = NULL WHERE article_id = ?",
                (record["article_id"],),
            )
        conn.close()
        (site / path.relative_to(SITE_DIR)).unlink()
        code, out, err = crawl(db, mirror.url, "--recheck", "1")
        assert code == 0 and err == "", err[-2000:]
        assert "rechecks 1: missing 1" in out
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT status FROM articles WHERE article_id = ?", (record["article_id"],)
    ).fetchone() == ("missing",)
    conn.close()


def test_a_404_of_a_url_never_archived_stays_a_failed_fetch(tmp_path: Path) -> None:
    from scraper.archive import ledger

    db = tmp_path / "archive.db"
    with open_archive(db) as archive:
        found = ledger.observe(
            archive.conn,
            article_id="NEVERseen",
            seen="not_found",
            observed_at=NOW.isoformat(),
            run_id=1,
            http_status=404,
        )
        assert found is None
        assert archive.conn.execute("SELECT count(*) FROM article_events").fetchone() == (0,)


# --- the run's verdict and summary -----------------------------------------------------------


def test_removals_never_degrade_a_run_but_a_wave_of_soft_404s_does() -> None:
    from scraper.config import RunCounts
    from scraper.health import judge_checks

    def counts(**found: int) -> RunCounts:
        return RunCounts(checked={"recheck": {k.replace("_", "-"): n for k, n in found.items()}})

    assert judge_checks(counts(unchanged=10, gone=5, redirected=5, missing=3)) == []
    assert judge_checks(counts(unchanged=10, soft_404=2)) == []
    assert judge_checks(counts(unchanged=4, soft_404=4)) == []  # half: not more than half
    (warning,) = judge_checks(counts(unchanged=2, soft_404=3))
    assert warning.startswith("3 of 5 checked archived articles look removed (soft-404 3)")
    # Every archived article redirected home, or 404 under new URLs: first sightings.
    (warning,) = judge_checks(counts(unchanged=1, missing=40))
    assert warning.startswith("40 of 41 checked archived articles look removed (missing 40)")


def test_the_summary_counts_the_checks() -> None:
    from scraper.reports import check_lines

    summary = {
        "rechecks": {"requested": 17, "gone": 1, "unchanged": 14, "edited": 1},
        "revisits": {"unchanged": 3},
    }
    assert check_lines(summary) == [
        "  rechecks 17: unchanged 14, edited 1, gone 1, no answer 1",
        "  revisits 3: unchanged 3",
    ]
    assert check_lines({"rechecks": {"requested": 0}, "revisits": {}}) == []
    assert check_lines({}) == []


def test_an_article_url_serving_the_home_page_is_a_soft_404_not_an_edit(tmp_path: Path) -> None:
    """The home page served with 200 at a removed article's URL holds text (and would pass for
    an edited article); it declares the home page's address, so it is no article."""
    site = tmp_path / "site"
    shutil.copytree(SITE_DIR, site)
    db = tmp_path / "archive.db"
    path, _, record = expected_pages()[0]
    with serve(site) as mirror:
        code, _, err = crawl(db, mirror.url)
        assert code == 0, err[-2000:]
        (site / path.relative_to(SITE_DIR)).write_bytes((site / "index.html").read_bytes())
        code, out, err = crawl(db, mirror.url, "--recheck", "100")
        assert code == 0 and err == "", err[-2000:]
        a_day_passes(db)  # confirmed by a second sighting a day later
        code, out, err = crawl(db, mirror.url, "--recheck", "100")
        assert code == 0 and err == "", err[-2000:]
    conn = sqlite3.connect(db)
    status, versions = conn.execute(
        "SELECT status, version_count FROM articles WHERE article_id = ?",
        (record["article_id"],),
    ).fetchone()
    reason = conn.execute(
        "SELECT reason FROM fetches WHERE url LIKE ? ORDER BY id DESC LIMIT 1",
        (f"%{record['article_id']}%",),
    ).fetchone()
    conn.close()
    assert (status, versions) == ("soft-404", 1)
    assert reason is not None and "declares another address" in (reason[0] or "")
