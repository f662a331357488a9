"""Search: the query language (parser, table-driven), ranking over every match, totals,
snippets of the visible text, folded author filter, and the `search` command's outputs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.archive import open_archive
from scraper.archive.query import parse_query, to_fts
from scraper.archive.search import (
    Filters,
    QueryError,
    match_expressions,
    matching_ids,
    search,
    snippet_html,
    snippet_plain,
)
from scraper.cli import main
from tests.test_archive import make_article, save

# --- the parser: pure, table-driven -------------------------------------------------------

EXPRESSIONS = {
    # query: (folded expression, exact expression or None)
    "coffee": ('{title lead body} : "coffee"', None),
    "coffee harvest": ('({title lead body} : "coffee" AND {title lead body} : "harvest")', None),
    "coffee AND harvest": (
        '({title lead body} : "coffee" AND {title lead body} : "harvest")',
        None,
    ),
    '"coffee harvest"': ('{title lead body} : "coffee harvest"', None),
    "coffee OR tea": ('({title lead body} : "coffee" OR {title lead body} : "tea")', None),
    "coffee -tea": ('({title lead body} : "coffee") NOT {title lead body} : "tea"', None),
    "coffee NOT tea": ('({title lead body} : "coffee") NOT {title lead body} : "tea"', None),
    "harv*": ('{title lead body} : "harv"*', None),
    "title:coffee": ('title : "coffee"', None),
    "Body:coffee": ('body : "coffee"', None),
    'lead:"coffee harvest"': ('lead : "coffee harvest"', None),
    "title:(coffee OR tea)": ('(title : "coffee" OR title : "tea")', None),
    # Folding: every diacritic, Đ included; a d-word is searched as d and đ (the index
    # keeps đ), and a query with diacritics gets an exact expression for exact-first ranking.
    "Điện": ('{title lead body} : ("dien" OR "đien")', '"điện"'),
    "dien": ('{title lead body} : ("dien" OR "đien")', None),
    "MƯỜNG thanh": (
        '({title lead body} : "muong" AND {title lead body} : "thanh")',
        '("mường" AND "thanh")',
    ),
    'title:"Điện Biên"': ('title : ("dien bien" OR "đien bien")', 'title : "điện biên"'),
    # FTS5 syntax typed inside a phrase or as a word is searched as words, never run.
    '"NEAR(a b)"': ('{title lead body} : "near a b"', None),
    "a^b": ('{title lead body} : "a b"', None),
    "COVID-19": ('{title lead body} : "covid 19"', None),
    "Điện Biên - Laos": (
        '({title lead body} : ("dien" OR "đien") AND {title lead body} : "bien"'
        ' AND {title lead body} : "laos")',
        '("điện" AND "biên" AND "laos")',
    ),
    "(coffee OR tea) -milk": (
        '(({title lead body} : "coffee" OR {title lead body} : "tea")) NOT'
        ' {title lead body} : "milk"',
        None,
    ),
}


@pytest.mark.parametrize("query", list(EXPRESSIONS))
def test_query_becomes_a_quoted_fts_expression(query: str) -> None:
    assert match_expressions(query) == EXPRESSIONS[query]


MALFORMED = {
    '"coffee harvest': "unbalanced quote",
    "coffee OR": "dangling OR",
    "OR coffee": "dangling OR",
    "coffee OR OR tea": "dangling OR",
    "coffee AND": "dangling AND",
    "NOT coffee": "NOT alone",
    "-coffee": "NOT alone",
    "coffee NOT": "NOT needs a word",
    "coffee (NOT tea)": "NOT alone",
    "title:": "empty column filter",
    'title:""': "empty column filter",
    "author:Linh": "unknown column 'author:'",
    "coffee)": "unbalanced parenthesis",
    "(coffee": "unbalanced parenthesis",
    "***": "no word to search for",
    '""': "no word to search for",
    "title:(body:coffee)": "cannot nest",
}


@pytest.mark.parametrize("query", list(MALFORMED))
def test_malformed_query_is_one_line_naming_the_problem(query: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    message = str(caught.value)
    assert MALFORMED[query] in message and "\n" not in message
    assert "fts5" not in message.lower() and "sql" not in message.lower()


def test_exact_expression_renders_the_typed_forms() -> None:
    node = parse_query('"Mường Thanh" -Đông')
    assert to_fts(node, folded=False) == '("mường thanh") NOT "đông"'


# --- search on an archive -----------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_archive(tmp_path / "archive.db") as opened:
        save(
            opened,
            make_article(
                "aaaaaaaaR",
                "Festival in Điện Biên",
                "Mường Thanh field. The coffee harvest begins.",
                published_at="2025-03-01T08:00:00+07:00",
            ),
        )
        save(
            opened,
            make_article(
                "bbbbbbbbR",
                "Dien Bien coffee",
                "Written without diacritics. Tea and coffee.",
                published_at="2024-05-01",
            ),
        )
        save(
            opened,
            make_article(
                "ccccccccR",
                "Sơn La news",
                "Nothing about it. Tea growers.",
                category="kinh-te",
                authors=["Quang Long"],
                published_at="2025-06-01T08:00:00+07:00",
            ),
        )
        save(
            opened,
            make_article(
                "ddddddddR",
                "Harvest report",
                "Farmers harvested coffee early; the <b>beans</b> & cherries sold well.",
                lead="The coffee harvest in Tuần Giáo.",
                authors=["Đỗ Dũng"],
                published_at=None,
            ),
        )
        yield opened


def ids(archive, query: str, **kwargs: object) -> set[str]:  # type: ignore[no-untyped-def]
    return {hit.article_id for hit in search(archive, query, **kwargs).hits}  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["Dien Bien", "dien bien", "Điện Biên", "ĐIỆN BIÊN"])
def test_search_folds_diacritics_including_d_stroke(archive, query: str) -> None:  # type: ignore[no-untyped-def]
    assert ids(archive, query) == {"aaaaaaaaR", "bbbbbbbbR"}


def test_exact_form_ranks_first(archive) -> None:  # type: ignore[no-untyped-def]
    hits = search(archive, "Điện Biên").hits
    assert [h.article_id for h in hits] == ["aaaaaaaaR", "bbbbbbbbR"]
    assert hits[0].exact and not hits[1].exact
    # Typed without diacritics: no exact form, plain bm25 (the title "Dien Bien" wins).
    assert not any(h.exact for h in search(archive, "dien bien").hits)


QUERIES = {
    '"coffee harvest"': {"aaaaaaaaR", "ddddddddR"},  # phrase: B has both words apart
    "coffee harvest": {"aaaaaaaaR", "ddddddddR"},
    "festival OR son": {"aaaaaaaaR", "ccccccccR"},
    "coffee -tea": {"aaaaaaaaR", "ddddddddR"},
    "coffee NOT tea": {"aaaaaaaaR", "ddddddddR"},
    "harv*": {"aaaaaaaaR", "ddddddddR"},
    "title:coffee": {"bbbbbbbbR"},
    "lead:coffee": {"ddddddddR"},
    "body:coffee": {"aaaaaaaaR", "bbbbbbbbR", "ddddddddR"},
    "title:dien": {"aaaaaaaaR", "bbbbbbbbR"},  # column filter + folding of Đ
    "lead:tuan": {"ddddddddR"},
    "(tea OR festival) -growers": {"aaaaaaaaR", "bbbbbbbbR"},
    "muong": {"aaaaaaaaR"},
}


@pytest.mark.parametrize("query", list(QUERIES))
def test_each_query_form_finds_what_it_says(archive, query: str) -> None:  # type: ignore[no-untyped-def]
    assert ids(archive, query) == QUERIES[query]
    assert set(matching_ids(archive, query)) == QUERIES[query]


def test_total_counts_every_match_beyond_the_limit(archive) -> None:  # type: ignore[no-untyped-def]
    results = search(archive, "coffee", limit=1)
    assert results.total == 3 and len(results.hits) == 1
    assert search(archive, "nowhere").total == 0


def test_sort_by_date(archive) -> None:  # type: ignore[no-untyped-def]
    newest = [h.article_id for h in search(archive, "coffee OR tea", sort="newest").hits]
    oldest = [h.article_id for h in search(archive, "coffee OR tea", sort="oldest").hits]
    assert newest == ["ccccccccR", "aaaaaaaaR", "bbbbbbbbR", "ddddddddR"]  # undated last
    assert oldest == ["bbbbbbbbR", "aaaaaaaaR", "ccccccccR", "ddddddddR"]
    with pytest.raises(QueryError):
        search(archive, "coffee", sort="random")


def test_ranking_covers_every_match_not_the_recent_ones(tmp_path: Path) -> None:
    with open_archive(tmp_path / "big.db") as big:
        # Archived first, so oldest by rowid: the best match by far (title).
        save(big, make_article("00000000R", "Hydropower hydropower plan", "Hydropower."))
        for n in range(1, 60):
            save(big, make_article(f"{n:08d}R", f"Report {n}", "Other words, then hydropower."))
        results = search(big, "hydropower", limit=5)
        assert results.total == 60
        assert results.hits[0].article_id == "00000000R"


def test_filters_and_folded_author(archive) -> None:  # type: ignore[no-untyped-def]
    assert ids(archive, "news OR tea", filters=Filters(section="kinh-te")) == {"ccccccccR"}
    assert ids(archive, "coffee", filters=Filters(author="ha linh")) == {"aaaaaaaaR", "bbbbbbbbR"}
    assert ids(archive, "coffee", filters=Filters(author="HÀ LINH")) == {"aaaaaaaaR", "bbbbbbbbR"}
    assert ids(archive, "coffee", filters=Filters(author="do dung")) == {"ddddddddR"}
    assert ids(archive, "coffee", filters=Filters(author="Đỗ")) == {"ddddddddR"}
    assert ids(archive, "coffee", filters=Filters(author="quang")) == set()
    assert ids(archive, "coffee", filters=Filters(author="*")) == set()  # GLOB chars literal
    assert ids(archive, "festival", filters=Filters(since="2026-01-01")) == set()
    assert ids(archive, "festival", filters=Filters(until="2025-03-01")) == {"aaaaaaaaR"}
    with pytest.raises(QueryError):
        search(archive, "x", filters=Filters(since="yesterday"))


def _visible(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("query", ["dien", "coffee", "lead:coffee", "title:coffee", "tuan giao"])
def test_snippet_is_visible_text_with_the_match_marked(archive, query: str) -> None:  # type: ignore[no-untyped-def]
    for hit in search(archive, query).hits:
        article = archive.get_article(hit.article_id)
        plain = snippet_plain(hit.snippet).strip("…")
        fields = [_visible(article.title), _visible(article.lead), _visible(article.body)]
        assert any(plain in field for field in fields), (hit.snippet, fields)
        assert "\x02" in hit.snippet and "\x03" in hit.snippet
    if query == "dien":
        first = search(archive, "dien").hits[0]
        assert re.search("\x02(Điện|Dien)\x03", first.snippet)
        assert "[dien]" not in first.snippet


def test_snippet_html_is_escaped_with_marks(archive) -> None:  # type: ignore[no-untyped-def]
    article = archive.get_article("ddddddddR")
    html = snippet_html("beans", article.title, article.lead, article.body)
    assert "&lt;b&gt;<mark>beans</mark>&lt;/b&gt; &amp; cherries" in html
    assert "<b>" not in html
    # An empty or malformed query still gives text, never an error.
    assert snippet_html('"unclosed', "T", "The lead.", "B") == "The lead."
    hit = search(archive, "beans").hits[0]
    assert hit.to_dict()["snippet_html"].count("<mark>") == 1


# --- the command --------------------------------------------------------------------------


def cli(archive, *args: str):  # type: ignore[no-untyped-def]
    path = str(archive.path)
    return CliRunner().invoke(main, ["search", "--db", path, *args], catch_exceptions=False)


def test_table_has_a_header_and_says_how_many_of_how_many(archive) -> None:  # type: ignore[no-untyped-def]
    result = cli(archive, "coffee", "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "section", "title"]
    assert lines[-1].startswith("2 of 3 matches")
    assert cli(archive, "nowhere").stdout.strip() == "no match (0 matches)"


def test_json_is_one_object_with_the_total(archive) -> None:  # type: ignore[no-untyped-def]
    result = cli(archive, "coffee", "--limit", "2", "--format", "json", "--sort", "oldest")
    data = json.loads(result.stdout)
    assert data["total"] == 3 and len(data["results"]) == 2
    first = data["results"][0]
    assert first["article_id"] == "bbbbbbbbR"
    assert {"article_id", "url", "title", "snippet", "published_at", "category"} <= set(first)
    assert "\x02" not in first["snippet"] and "<mark>" in first["snippet_html"]
    assert json.loads(cli(archive, "nowhere", "--format", "json").stdout) == {
        "total": 0,
        "query": "nowhere",
        "sort": "relevance",
        "results": [],
    }


def test_csv_carries_the_total_on_every_row(archive) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(cli(archive, "coffee", "--format", "csv").stdout)))
    assert len(rows) == 3 and {row["total"] for row in rows} == {"3"}
    assert all(row["snippet"] and "\x02" not in row["snippet"] for row in rows)
    empty = cli(archive, "nowhere", "--format", "csv").stdout
    assert empty.splitlines() == ["total,article_id,published_at,category,title,url,snippet,exact"]


def test_sort_option_orders_the_table(archive) -> None:  # type: ignore[no-untyped-def]
    out = cli(archive, "coffee OR tea", "--sort", "newest", "--format", "json").stdout
    assert [r["article_id"] for r in json.loads(out)["results"]][0] == "ccccccccR"


@pytest.mark.parametrize("query", list(MALFORMED))
def test_malformed_query_exits_2_with_one_line(archive, query: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(archive, "--", query)  # `--`: a query may start with '-'
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert MALFORMED[query] in result.stderr and "Traceback" not in result.stderr


def test_author_option_folds(archive) -> None:  # type: ignore[no-untyped-def]
    out = cli(archive, "coffee", "--author", "ha linh", "--format", "json").stdout
    assert json.loads(out)["total"] == 2
