"""The command line as a user meets it: demo, search, export, stats, runs, reextract,
export-warc, schedule; one-line errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from scraper.health import ExitCode
from tests.conftest import expected_pages, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "archive.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "run 1: ok" in result.stdout and "dbp-archive search" in result.stdout
    return db


def test_demo_archives_every_fixture_article_once(demo_db: Path) -> None:
    ids = {record["article_id"] for _, _, record in expected_pages()}
    conn = sqlite3.connect(demo_db)
    stored = [row[0] for row in conn.execute("SELECT article_id FROM articles")]
    conn.close()
    assert sorted(stored) == sorted(ids)


def test_search_finds_vietnamese_text_with_or_without_diacritics(demo_db: Path) -> None:
    results = {}
    for query in ("Mường Thanh", "muong thanh", "MUONG THANH"):
        out = run_cli("search", query, "--db", str(demo_db), "--format", "json", "--limit", "100")
        assert out.returncode == 0, out.stderr
        results[query] = {hit["article_id"] for hit in json.loads(out.stdout)["results"]}
    assert results["Mường Thanh"] and len(set(map(frozenset, results.values()))) == 1
    table = run_cli("search", "Điện Biên", "--db", str(demo_db), "--section", "kinh-te")
    assert table.returncode == 0 and "kinh-te" in table.stdout


def test_search_and_export_errors_are_one_line(demo_db: Path, tmp_path: Path) -> None:
    for args in (
        ("search", "***", "--db", str(demo_db)),
        ("search", "x", "--since", "last week", "--db", str(demo_db)),
        ("export", "--db", str(tmp_path / "missing.db")),
        ("crawl", "--since", "2025-13-01", "--db", str(tmp_path / "a.db")),
        ("crawl", "--mirror", "ftp://x", "--db", str(tmp_path / "a.db")),
    ):
        result = run_cli(*args)
        assert result.returncode == ExitCode.USAGE, args
        assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_export_jsonl_and_csv_with_filters(demo_db: Path) -> None:
    jsonl = run_cli("export", "--db", str(demo_db))
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(records) == len({r["article_id"] for _, _, r in expected_pages()})
    expected = {r["article_id"]: r for _, _, r in expected_pages()}
    # Each row is the record, exactly, plus its citation columns (docs/schema.md).
    citation = (
        "source", "archived_url", "page_sha256", "page_fetched_at", "version", "version_count",
        "captured_at", "first_seen", "last_seen", "extractor_version",
    )  # fmt: skip
    for record in records:
        want = expected[record["article_id"]]
        assert set(record) == set(want) | set(citation)
        assert {key: record[key] for key in want} == want
    conn = sqlite3.connect(demo_db)
    pages = dict(conn.execute("SELECT sha256, final_url FROM pages"))
    conn.close()
    for record in records:
        assert pages[record["page_sha256"]] == record["archived_url"]
        assert record["version"] == record["version_count"] == 1
        assert record["source"] == "live"
        assert record["first_seen"] <= record["captured_at"] <= record["last_seen"]
        assert record["extractor_version"] and record["page_fetched_at"]
    # A date shown without a time is exported as the day, never as a midnight.
    day_only = {r["article_id"] for r in records if len(r["published_at"] or "") == 10}
    assert day_only == {k for k, r in expected.items() if "T" not in (r["published_at"] or "T")}
    assert day_only and not any("T00:00:00" in (r["published_at"] or "") for r in records)
    economy = run_cli(
        "export",
        "--db",
        str(demo_db),
        "--format",
        "csv",
        "--section",
        "kinh-te",
        "--since",
        "2025-01-01",
    )
    rows = list(csv.DictReader(io.StringIO(economy.stdout)))
    assert rows and all(r["category"] == "kinh-te" and r["published_at"] >= "2025" for r in rows)
    assert len(rows) == sum(
        1 for r in expected.values() if r["category"] == "kinh-te" and r["published_at"] >= "2025"
    )


def test_stats_and_runs(demo_db: Path) -> None:
    stats = json.loads(run_cli("stats", "--db", str(demo_db), "--json").stdout)
    assert stats["articles"] == len({r["article_id"] for _, _, r in expected_pages()})
    assert stats["last_run"]["status"] == "ok"
    runs = run_cli("runs", "--db", str(demo_db))
    assert runs.returncode == 0 and "title 100%" in runs.stdout


def test_reextract_adds_a_version_only_where_content_changed(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    # An older extractor had produced a different title for one article.
    dst.execute(
        "UPDATE articles SET title = 'Stale title', content_hash = 'stale'"
        " WHERE article_id = (SELECT min(article_id) FROM articles)"
    )
    dst.commit()
    versions = dst.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    dst.close()
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "1 updated" in result.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM article_versions").fetchone()[0] == versions + 1
    assert (
        conn.execute("SELECT count(*) FROM articles WHERE title = 'Stale title'").fetchone()[0] == 0
    )
    conn.close()
    again = run_cli("reextract", "--db", str(db))
    assert "0 updated" in again.stdout


def test_export_warc(demo_db: Path, tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    out = tmp_path / "dbp.warc.gz"
    result = run_cli("export-warc", str(out), "--db", str(demo_db))
    assert result.returncode == 0 and out.stat().st_size > 0
    assert "response records written" in result.stdout and "robots.txt" in result.stdout
    with out.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]
    info = records[0][3].decode()
    assert records[0][0] == "warcinfo" and str(demo_db.resolve()) in info
    assert "http-header-user-agent: dbp-archive" in info
    kinds = [kind for kind, *_ in records]
    assert kinds.count("request") == kinds.count("response") > 40
    robots = [
        body
        for kind, headers, _, body in records
        if kind == "response" and headers.get_header("WARC-Target-URI").endswith("/robots.txt")
    ]
    assert robots and b"User-agent" in robots[0]
    agents = {http.get_header("User-Agent") for kind, _, http, _ in records if kind == "request"}
    assert len(agents) == 1 and next(iter(agents)).startswith("dbp-archive")


def test_schedule_prints_cron_and_systemd(tmp_path: Path) -> None:
    result = run_cli("schedule", "--every", "6h", "--db", str(tmp_path / "a.db"))
    assert result.returncode == 0
    assert "17 */6 * * *" in result.stdout and "crawl --db" in result.stdout
    assert "OnCalendar=*-*-* 00/6:17:00" in result.stdout and "[Timer]" in result.stdout
    bad = run_cli("schedule", "--every", "often")
    assert bad.returncode == ExitCode.USAGE and "--every" in bad.stderr


def test_help_has_examples() -> None:
    for command in ("crawl", "search", "export", "extract", "schedule"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "Example" in result.stdout, command


def test_scrapy_crawl_from_the_repository_root(tmp_path: Path) -> None:
    import subprocess
    import sys

    from scraper.mirror import serve
    from tests.conftest import ROOT, SITE_DIR

    db = tmp_path / "archive.db"
    with serve(SITE_DIR) as mirror:
        settings = {"DBP_MIRROR": mirror.url, "DBP_ARCHIVE": str(db), "DOWNLOAD_DELAY": "0",
                    "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}  # fmt: skip
        args = [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]
        result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "dbp", *args],
                                cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    articles = len({record["article_id"] for _, _, record in expected_pages()})
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == articles
    assert conn.execute("SELECT status FROM crawl_runs").fetchone()[0] == "ok"
    conn.close()
    # The same run summary as ``dbp-archive crawl`` prints (on stderr: stdout is Scrapy's).
    assert "run 1: ok (exit 0)" in result.stderr
    assert f"articles: new {articles}, updated 0, unchanged 0" in result.stderr


def test_crawl_logs_to_a_rotating_file_and_stays_quiet(tmp_path: Path) -> None:
    from scraper.mirror import serve
    from tests.conftest import SITE_DIR

    log = tmp_path / "logs" / "crawl.log"
    with serve(SITE_DIR) as mirror:
        result = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--mirror", mirror.url,
                         "--delay", "0", "--log-file", str(log))  # fmt: skip
    assert result.returncode == 0
    assert result.stderr == ""  # cron mails stderr: nothing to mail on a good run
    assert "run 1: ok" in result.stdout
    assert "Spider closed (finished)" in log.read_text()
