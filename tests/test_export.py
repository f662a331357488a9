"""Sections by any name they have had, and exports you can cite (JSON, CSV, Parquet, WARC)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.archive import Archive, open_archive
from scraper.archive.export import (
    CITATION_COLUMNS,
    RECORD_COLUMNS,
    Selection,
    iter_rows,
    write_parquet,
    write_rows,
)
from scraper.archive.search import Filters, QueryError
from scraper.archive.sections import SectionError, resolve_section, section_history
from scraper.archive.warc import export_warc
from scraper.health import ExitCode
from scraper.items import Article
from tests.conftest import run_cli
from tests.test_archive import make_article, save

SITE = "https://en.baodienbienphu.com.vn"
PAPER = timezone(timedelta(hours=7))
# kinh-te: BUSINESS in 2024-2025, ECONOMY later; one BUSINESS article relabelled on a revisit.
KINH_TE = {
    "kt1aaaaaR": ("BUSINESS", "2024-03-01T09:00:00+07:00"),
    "kt2aaaaaR": ("BUSINESS", "2024-11-25"),  # a date shown without a time: the day
    "kt3aaaaaR": ("BUSINESS", "2025-06-30T17:45:00+07:00"),
    "kt4aaaaaR": ("ECONOMY", "2025-12-04T08:00:00+07:00"),
    "kt5aaaaaR": ("ECONOMY", "2026-02-06T10:30:00+07:00"),
}


def economy(ident: str, label: str, published: str) -> Article:
    return make_article(
        ident,
        f"Coffee report {ident}",
        "Điện Biên coffee growers sell more speciality beans.",
        url=f"{SITE}/kinh-te/coffee-{ident}.html",
        category="kinh-te",
        category_label=label,
        published_at=published,
    )


@pytest.fixture
def relabelled(tmp_path: Path) -> Iterator[Archive]:
    """An archive whose kinh-te section was renamed BUSINESS -> ECONOMY, plus xa-hoi."""
    with open_archive(tmp_path / "archive.db") as archive:
        for ident, (label, published) in KINH_TE.items():
            save(archive, economy(ident, label, published), "2026-01-01T00:00:00+00:00")
        # Edited later: a second version, under the new label (the label is not content).
        edited = replace(economy("kt3aaaaaR", "ECONOMY", KINH_TE["kt3aaaaaR"][1]), body="Edited.")
        assert save(archive, edited, "2026-03-01T00:00:00+00:00") == "updated"
        save(archive, make_article("xh1aaaaaR", "Schools open", "Coffee at school."))
        yield archive


@pytest.mark.parametrize("value", ["kinh-te", "KINH-TE", "business", "ECONOMY", " Economy "])
def test_a_section_by_slug_or_any_label_is_the_whole_section(relabelled, value: str) -> None:  # type: ignore[no-untyped-def]
    slug = resolve_section(relabelled, value)
    assert slug == "kinh-te"
    rows = iter_rows(relabelled, Selection(filters=Filters(section=slug)))
    assert {row["article_id"] for row in rows} == set(KINH_TE)


def test_an_unknown_section_lists_the_valid_ones(relabelled) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SectionError) as caught:
        resolve_section(relabelled, "finance")
    message = str(caught.value)
    assert isinstance(caught.value, QueryError) and "\n" not in message
    assert "kinh-te (BUSINESS, ECONOMY)" in message and "xa-hoi (SOCIAL AFFAIRS)" in message


def test_section_history_reads_as_the_rename(relabelled) -> None:  # type: ignore[no-untyped-def]
    history = {s.slug: s for s in section_history(relabelled)}
    assert history["kinh-te"].articles == 5 and history["xa-hoi"].articles == 1
    business, econ = history["kinh-te"].labels
    # kt3 carried BUSINESS (its first version) and carries ECONOMY now: counted under both.
    assert (business.label, business.articles) == ("BUSINESS", 3)
    assert (business.first_published, business.last_published) == (
        "2024-03-01T09:00:00+07:00",
        "2025-06-30T17:45:00+07:00",
    )
    assert (econ.label, econ.articles) == ("ECONOMY", 3)
    assert econ.last_published == "2026-02-06T10:30:00+07:00"


def test_rows_carry_the_record_and_its_citation(relabelled) -> None:  # type: ignore[no-untyped-def]
    rows = {row["article_id"]: row for row in iter_rows(relabelled, Selection())}
    row = rows["kt3aaaaaR"]
    assert list(row) == [*RECORD_COLUMNS, *CITATION_COLUMNS]
    stored = relabelled.get_article("kt3aaaaaR")
    assert {key: row[key] for key in RECORD_COLUMNS} == stored.to_dict()
    page = relabelled.conn.execute(
        "SELECT sha256, final_url, fetched_at FROM pages WHERE sha256 = ?", [row["page_sha256"]]
    ).fetchone()
    assert page == (row["page_sha256"], row["archived_url"], "2026-03-01T00:00:00+00:00")
    assert (row["version"], row["version_count"]) == (2, 2)
    assert row["captured_at"] == row["last_seen"] == "2026-03-01T00:00:00+00:00"
    assert row["first_seen"] == "2026-01-01T00:00:00+00:00"
    assert row["extractor_version"]
    # Ordered by publication; --limit counts articles.
    limited = list(iter_rows(relabelled, Selection(limit=2)))
    assert [r["article_id"] for r in limited] == ["kt1aaaaaR", "kt2aaaaaR"]


def test_versions_export_every_version(relabelled) -> None:  # type: ignore[no-untyped-def]
    selection = Selection(filters=Filters(section="kinh-te"), versions=True)
    rows = [r for r in iter_rows(relabelled, selection) if r["article_id"] == "kt3aaaaaR"]
    assert [(r["version"], r["category_label"], r["body"]) for r in rows] == [
        (1, "BUSINESS", "Điện Biên coffee growers sell more speciality beans."),
        (2, "ECONOMY", "Edited."),
    ]
    assert [r["captured_at"] for r in rows] == [
        "2026-01-01T00:00:00+00:00",
        "2026-03-01T00:00:00+00:00",
    ]
    assert rows[0]["page_sha256"] != rows[1]["page_sha256"]
    # The extractor version is known for the current version only.
    assert rows[0]["extractor_version"] is None and rows[1]["extractor_version"]


def test_query_selects_what_search_finds(relabelled) -> None:  # type: ignore[no-untyped-def]
    rows = iter_rows(relabelled, Selection(query="school"))
    assert [r["article_id"] for r in rows] == ["xh1aaaaaR"]
    with pytest.raises(QueryError):
        list(iter_rows(relabelled, Selection(query="***")))


def test_json_and_csv_round_trip_with_citation_columns(relabelled) -> None:  # type: ignore[no-untyped-def]
    expected = list(iter_rows(relabelled, Selection()))
    array, table = io.StringIO(), io.StringIO()
    assert write_rows(iter(expected), array, "json").rows == len(expected)
    write_rows(iter(expected), table, "csv")
    assert json.loads(array.getvalue()) == expected
    rows = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert [r["article_id"] for r in rows] == [r["article_id"] for r in expected]
    for got, want in zip(rows, expected, strict=True):
        for key in CITATION_COLUMNS:
            assert got[key] == ("" if want[key] is None else str(want[key])), key
        assert json.loads(got["authors"]) == want["authors"]
        assert json.loads(got["images"]) == want["images"]
    empty = io.StringIO()
    write_rows(iter([]), empty, "json")
    assert json.loads(empty.getvalue()) == []


def test_parquet_reads_back_with_duckdb_to_the_same_rows_and_types(
    relabelled, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    duckdb = pytest.importorskip("duckdb")
    expected = list(iter_rows(relabelled, Selection()))
    path = tmp_path / "articles.parquet"
    done = write_parquet(iter(expected), path)
    assert (done.rows, done.articles) == (len(expected), len(expected))
    conn = duckdb.connect()
    conn.execute("SET TimeZone = 'UTC'")
    cursor = conn.execute(f"SELECT * FROM read_parquet('{path}') ORDER BY published_at")
    names = [d[0] for d in cursor.description]
    types = {name: str(d[1]) for name, d in zip(names, cursor.description, strict=True)}
    got = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    assert types["published_ts"] == "TIMESTAMP WITH TIME ZONE"
    assert types["first_seen"] == "TIMESTAMP WITH TIME ZONE"
    assert types["published_day"] == "DATE" and types["version_count"] == "INTEGER"
    for want in expected:
        row = got[want["article_id"]]
        for key in RECORD_COLUMNS + CITATION_COLUMNS:
            value = row[key]
            if isinstance(value, datetime):
                value = value.isoformat()
            if key in ("related", "images"):
                value = [dict(item) for item in value]
            if key in ("first_seen", "last_seen", "captured_at", "page_fetched_at"):
                assert datetime.fromisoformat(value) == datetime.fromisoformat(want[key]), key
            else:
                assert value == want[key], key
    # A time of day is a +07:00 timestamp; a day alone stays a day, with no timestamp.
    timed, day_only = got["kt1aaaaaR"], got["kt2aaaaaR"]
    assert timed["published_ts"] == datetime(2024, 3, 1, 9, 0, tzinfo=PAPER)
    assert timed["published_day"] == date(2024, 3, 1)
    assert day_only["published_ts"] is None and day_only["published_day"] == date(2024, 11, 25)
    assert day_only["published_at"] == "2024-11-25"


def test_parquet_keeps_the_paper_time_zone_for_pandas_users(relabelled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "a.parquet"
    write_parquet(iter_rows(relabelled, Selection()), path)
    schema = pq.read_schema(path)
    assert str(schema.field("published_ts").type) == "timestamp[us, tz=+07:00]"
    assert str(schema.field("first_seen").type) == "timestamp[us, tz=UTC]"
    assert pq.ParquetFile(path).metadata.num_rows == 6


def test_warc_has_warcinfo_requests_and_responses(relabelled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.warc.gz"
    counts = export_warc(relabelled, out)
    pages = relabelled.conn.execute("SELECT count(*) FROM pages").fetchone()[0]
    assert (counts.responses, counts.requests, counts.robots) == (pages, pages, 0)
    with open(out, "rb") as stream:
        records = [
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]
    kind, headers, _, block = records[0]
    assert kind == "warcinfo" and headers.protocol == "WARC/1.1"
    info = block.decode()
    assert f"isPartOf: {relabelled.path.name}" in info
    assert str(relabelled.path.resolve()) in info
    info_id = headers.get_header("WARC-Record-ID")
    responses = {h.get_header("WARC-Record-ID"): h for k, h, _, _ in records if k == "response"}
    requests = [(h, http) for k, h, http, _ in records if k == "request"]
    assert len(responses) == len(requests) == pages
    for header, http in requests:
        assert header.get_header("WARC-Concurrent-To") in responses
        assert header.get_header("WARC-Warcinfo-ID") == info_id
        assert http.protocol == "GET" and http.get_header("Host") == "en.baodienbienphu.com.vn"
    sha = relabelled.conn.execute(
        "SELECT page_sha256 FROM articles WHERE article_id = 'kt1aaaaaR'"
    ).fetchone()[0]
    assert any(h.get_header("DBP-Page-Sha256") == sha for h in responses.values())


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def relabelled_db(relabelled) -> Path:  # type: ignore[no-untyped-def]
    path: Path = relabelled.path
    relabelled.close()
    return path


def _ids_of_search(stdout: str) -> set[str]:
    data = json.loads(stdout)
    hits = data["results"] if isinstance(data, dict) else data
    return {hit["article_id"] for hit in hits}


def test_cli_section_by_any_name_in_export_and_search(relabelled_db: Path) -> None:
    db = str(relabelled_db)
    for value in ("kinh-te", "business", "ECONOMY"):
        exported = run_cli("export", "--db", db, "--section", value)
        assert exported.returncode == 0, exported.stderr
        ids = {json.loads(line)["article_id"] for line in exported.stdout.splitlines()}
        assert ids == set(KINH_TE), value
        found = run_cli("search", "coffee", "--db", db, "--section", value, "--format", "json")
        assert found.returncode == 0, found.stderr
        assert _ids_of_search(found.stdout) == set(KINH_TE), value
    for command in (("export",), ("search", "coffee")):
        bad = run_cli(*command, "--db", db, "--section", "finance")
        assert bad.returncode == ExitCode.USAGE and bad.stdout == ""
        assert bad.stderr.count("\n") == 1 and "kinh-te (BUSINESS, ECONOMY)" in bad.stderr


def test_cli_sections_shows_the_label_history(relabelled_db: Path) -> None:
    text = run_cli("sections", "--db", str(relabelled_db))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    at = lines.index("kinh-te  5 articles")
    assert "BUSINESS" in lines[at + 1] and "2024-03-01 … 2025-06-30" in lines[at + 1]
    assert "ECONOMY" in lines[at + 2] and "2025-06-30 … 2026-02-06" in lines[at + 2]
    data = json.loads(run_cli("sections", "--db", str(relabelled_db), "--json").stdout)
    kinh_te = next(s for s in data if s["slug"] == "kinh-te")
    assert [(lb["label"], lb["articles"]) for lb in kinh_te["labels"]] == [
        ("BUSINESS", 3),
        ("ECONOMY", 3),
    ]


def test_cli_export_formats_limit_and_versions(relabelled_db: Path, tmp_path: Path) -> None:
    db = str(relabelled_db)
    array = run_cli("export", "--db", db, "--format", "json", "--limit", "2", "-q", "coffee")
    assert array.returncode == 0, array.stderr
    rows = json.loads(array.stdout)
    assert [r["article_id"] for r in rows] == ["kt1aaaaaR", "kt2aaaaaR"]
    assert all(r["page_sha256"] and r["first_seen"] for r in rows)
    versions = run_cli("export", "--db", db, "--versions", "--section", "business")
    assert [json.loads(line)["version"] for line in versions.stdout.splitlines()] == [
        1,
        1,
        1,
        2,
        1,
        1,
    ]
    assert "6 versions of 5 articles exported" in versions.stderr
    parquet = tmp_path / "out.parquet"
    done = run_cli("export", "--db", db, "--format", "parquet", "-o", str(parquet))
    assert done.returncode == 0 and parquet.stat().st_size > 0, done.stderr
    csv_out = tmp_path / "out.csv"
    assert run_cli("export", "--db", db, "--format", "csv", "-o", str(csv_out)).returncode == 0
    assert len(list(csv.DictReader(io.StringIO(csv_out.read_text("utf-8"))))) == 6
    for args in (
        ("--format", "parquet"),
        ("--output", str(tmp_path / "missing" / "x.jsonl")),
        ("--query", "***"),
    ):
        bad = run_cli("export", "--db", db, *args)
        assert bad.returncode == ExitCode.USAGE, args
        assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr, args
