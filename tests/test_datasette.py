"""Datasette over the demo archive, through its test client: the canned search works on first
open and speaks the query language of `dbp-archive search`, snippets are safe HTML, the
articles table has its facets, stats and runs are canned queries; `stats --json` and
`runs --json` are plain nested JSON with the runs' times."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from scraper.archive import open_archive
from scraper.archive.datasette import metadata
from scraper.archive.search import search
from scraper.serve import datasette
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("datasette") / "archive.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr[-2000:]
    return db


@pytest.fixture(scope="module")
def ds(demo_db: Path) -> Any:
    return datasette(demo_db, metadata(demo_db))


def get(ds: Any, path: str) -> Any:
    """GET ``path`` from Datasette's in-process test client (no socket)."""

    async def fetch() -> Any:
        return await ds.client.get(path)

    return asyncio.run(fetch())


def canned(ds: Any, query: str) -> list[dict[str, Any]]:
    """Return the canned search's rows for ``query`` (JSON), checking its HTML page too."""
    q = urllib.parse.quote(query)
    page = get(ds, f"/archive/search?q={q}")
    assert page.status_code == 200, (query, page.text[-500:])
    answer = get(ds, f"/archive/search.json?q={q}&_shape=array")
    assert answer.status_code == 200, (query, answer.text[-500:])
    return list(answer.json())


def ids(ds: Any, query: str) -> set[str]:
    rows = canned(ds, query)
    assert all(row["article_id"] for row in rows), rows[:1]  # no "Query problem" row
    return {row["article_id"] for row in rows}


def test_the_canned_search_opens_as_a_form_with_no_query(ds: Any) -> None:
    page = get(ds, "/archive/search")
    assert page.status_code == 200
    assert re.search(r'<input[^>]*name="q"[^>]*value=""', page.text)
    assert "syntax error" not in page.text and "fts5" not in page.text
    assert get(ds, "/archive/search.json?_shape=array").json() == []
    assert get(ds, "/archive/search.json?q=&_shape=array").json() == []


def test_words_match_with_or_without_diacritics_exact_form_first(ds: Any) -> None:
    plain = canned(ds, "muong thanh")
    accented = canned(ds, "Mường Thanh")
    assert plain and {r["article_id"] for r in plain} == {r["article_id"] for r in accented}
    assert {r["matches"] for r in plain} == {len(plain)}
    flags = [r["exact"] for r in accented]
    assert flags == sorted(flags, reverse=True) and flags[0] == 1
    assert ids(ds, "dien bien") == ids(ds, "Điện Biên") == ids(ds, "ĐIỆN BIÊN")


def test_or_not_prefix_and_column_filters(ds: Any) -> None:
    coffee, tea = ids(ds, "coffee"), ids(ds, "tea")
    assert coffee and tea and coffee != tea
    assert ids(ds, "coffee OR tea") == coffee | tea
    assert ids(ds, "coffee NOT tea") == ids(ds, "coffee -tea") == coffee - tea
    assert ids(ds, "festival") and ids(ds, "festival") <= ids(ds, "fest*")
    titled = canned(ds, "title:coffee")
    assert titled and {r["article_id"] for r in titled} <= coffee
    assert all("coffee" in r["title"].lower() for r in titled)


def test_a_phrase_needs_its_words_together(ds: Any) -> None:
    phrase = canned(ds, '"Điện Biên"')
    assert phrase and {r["article_id"] for r in phrase} <= ids(ds, "Điện Biên")
    assert {r["article_id"] for r in phrase} == ids(ds, '"dien bien"')


QUERY_FORMS = [
    "muong thanh",  # diacritic-free
    "Mường Thanh",  # exact form first
    "dien bien",
    '"Điện Biên"',  # phrase
    '"dien bien"',
    "coffee OR tea",
    "coffee NOT tea",
    "coffee -tea",
    "fest*",  # prefix
    "title:coffee",  # column filter
    "lead:(coffee OR tea)",
]


@pytest.mark.parametrize("query", QUERY_FORMS)
def test_the_canned_search_lists_what_dbp_archive_search_lists(
    ds: Any, demo_db: Path, query: str
) -> None:
    with open_archive(demo_db, readonly=True) as archive:
        results = search(archive, query, limit=100)
    rows = canned(ds, query)
    assert results.total and [r["article_id"] for r in rows] == [h.article_id for h in results.hits]
    assert {r["matches"] for r in rows} == {results.total}
    assert [bool(r["exact"]) for r in rows] == [h.exact for h in results.hits]
    assert [r["snippet"] for r in rows] == [h.to_dict()["snippet_html"] for h in results.hits]


def test_a_malformed_query_is_one_row_saying_why_not_an_sql_error(ds: Any) -> None:
    for query in ("***", "NOT", '"unclosed'):
        rows = canned(ds, query)  # 200 for each, HTML and JSON
        if query == "***" or (rows and rows[0]["article_id"] is None):
            (row,) = rows
            assert row["title"].startswith("Query problem: ") and "\n" not in row["title"]
            assert "fts5" not in row["title"] and "syntax error" not in row["title"]


def test_snippets_are_the_visible_text_as_safe_html(ds: Any) -> None:
    rows = canned(ds, "dien bien")
    for row in rows:
        bare = row["snippet"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in bare and "[" not in row["snippet"]
    assert sum("<mark>" in r["snippet"] for r in rows) >= len(rows) * 0.9
    page = get(ds, "/archive/search?q=dien+bien").text
    assert "<mark>" in page and "&lt;mark&gt;" not in page and "&lt;b&gt;" not in page


def test_only_mark_tags_are_rendered_any_other_markup_is_escaped(ds: Any) -> None:
    sql = urllib.parse.quote("select '<script>x</script><mark>y</mark>' as snippet")
    page = get(ds, f"/archive?sql={sql}").text
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_articles_facets_section_label_author_month(ds: Any, demo_db: Path) -> None:
    answer = get(ds, "/archive/articles.json?_size=1").json()
    facets = answer["facet_results"]
    assert {"category", "category_label", "authors", "published_at"} <= set(facets)
    total = answer["filtered_table_rows_count"]
    assert sum(v["count"] for v in facets["category"]["results"]) == total
    assert facets["authors"]["type"] == "array" and facets["authors"]["results"]
    months = facets["published_at"]
    assert months["type"] == "month"
    assert all(re.fullmatch(r"\d{4}-\d{2}", v["value"]) for v in months["results"])
    first = months["results"][0]
    chosen = get(ds, f"/archive/articles.json?_size=1&published_at__startswith={first['value']}")
    assert chosen.json()["filtered_table_rows_count"] == first["count"]
    assert "published_at__startswith" in first["toggle_url"]
    assert get(ds, "/archive/articles").status_code == 200


def test_stats_and_runs_are_canned_queries(ds: Any) -> None:
    stats = get(ds, "/archive/stats.json?_shape=array")
    assert stats.status_code == 200
    (figures,) = stats.json()
    assert figures["articles"] == 43 and figures["last_run_status"] == "ok"
    assert json.loads(figures["articles_per_section"])["kinh-te"] == 7
    runs = get(ds, "/archive/runs.json?_shape=array")
    assert runs.status_code == 200
    (run,) = runs.json()
    assert run["started_utc"].endswith("+00:00") and run["ended_local"]
    for page in ("/archive/stats", "/archive/runs", "/archive"):
        assert get(ds, page).status_code == 200


def json_in_strings(value: Any) -> list[str]:
    """Return the string values in ``value`` that are themselves a JSON object or array."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_in_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_in_strings(v)]
    if isinstance(value, str) and value[:1] in "[{":
        try:
            json.loads(value)
        except ValueError:
            return []
        return [value]
    return []


def test_stats_json_is_plain_nested_json(demo_db: Path) -> None:
    result = run_cli("stats", "--db", str(demo_db), "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert json_in_strings(stats) == []
    run = stats["last_run"]
    assert run["fill_rates"]["title"] == 1.0 and run["warnings"] == []
    assert isinstance(run["summary"], dict) and run["ended_at_local"]


def test_runs_show_start_and_end_local_and_utc(demo_db: Path) -> None:
    tokyo = {"TZ": "Asia/Tokyo"}
    result = run_cli("runs", "--db", str(demo_db), "--json", env=tokyo)
    assert result.returncode == 0, result.stderr
    (run,) = json.loads(result.stdout)
    assert json_in_strings(run) == []
    assert run["started_at"].endswith("+00:00") and run["ended_at"].endswith("+00:00")
    assert run["started_at_local"].endswith("+09:00") and run["ended_at_local"].endswith("+09:00")
    text = run_cli("runs", "--db", str(demo_db), env=tokyo).stdout
    assert re.search(r"started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+09:00 \(.*UTC\), ended ", text)


def test_the_ledger_is_browsable(ds: Any) -> None:
    """The removals and returns (a view) and every status change (article_events), described."""
    for path, words in (
        ("/archive/removals", "Removals and returns"),
        ("/archive/article_events", "The ledger of edits and removals"),
    ):
        page = get(ds, path)
        assert page.status_code == 200, page.text[-500:]
        assert words in page.text
        answer = get(ds, f"{path}.json?_shape=array")
        assert answer.status_code == 200 and answer.json() == []  # the demo: nothing removed
    assert "status" in get(ds, "/archive/articles.json?_facet=status").json()["facet_results"]
