"""Datasette metadata for an archive: table and column descriptions, canned queries, FTS."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from scraper.archive.schema import FTS_EXACT_TABLE, FTS_TABLE
from scraper.archive.search import BM25_WEIGHTS

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "The current record of each article, one row per article id.",
        "fts_table": FTS_TABLE,
        "fts_pk": "rowid",
        "sort_desc": "published_at",
        # Section (slug), label as shown, author (one per name in the JSON list), month.
        "facets": [
            "category",
            "category_label",
            {"array": "authors"},
            {"month": "published_at"},
            "status",  # the ledger: live, edited, gone …
        ],
        "columns": {
            "article_id": "The 9-character id from the URL: the article's identity.",
            "url": "Canonical URL on en.baodienbienphu.com.vn.",
            "lead": "The sapo, without its ĐBP dateline.",
            "body": "Paragraphs and sub-headings, separated by a blank line.",
            "authors": "JSON list of names (see also article_authors).",
            "author_titles": "The titles line under a signed op-ed's byline.",
            "category": "Section slug from the URL path.",
            "category_label": "Section label as the page showed it.",
            "published_at": "ISO 8601, +07:00 (Asia/Ho_Chi_Minh); null if the page gave none.",
            "first_seen": "UTC time the archive first stored the article.",
            "last_seen": "UTC time of the latest fetch of the article.",
            "content_hash": "sha256 of the content fields; a change adds a version.",
            "provenance": "JSON: which extraction step produced each field.",
            "search_extra": "Words with đ folded to d, indexed so 'dien' finds 'Điện'.",
            "status": (
                "The ledger's status: live, edited, returned, missing (one 404, unconfirmed),"
                " gone (404/410 twice, a day or more apart), redirected, soft-404."
            ),
            "status_since": "UTC time of the ledger event that set the status.",
            "last_checked": "UTC time of the latest check (revisit or re-check) answered.",
            "missing_since": "UTC time of the first 404/410 of a missing or gone article.",
            "first_source": "Where the article was first seen: live, wayback or commoncrawl.",
        },
    },
    "article_events": {
        "description": (
            "The ledger of edits and removals: one row per change of an article's status"
            " seen by a revisit or re-check (edited, missing, gone, redirected, soft-404,"
            " returned, cleared). Nothing is deleted: a gone article keeps its versions."
        ),
        "sort_desc": "observed_at",
        "facets": ["event"],
        "columns": {
            "event": "edited, missing, gone, redirected, soft-404, returned or cleared.",
            "observed_at": "UTC time of the fetch that showed it.",
            "run_id": "The crawl run (crawl_runs.id).",
            "http_status": "HTTP status of the answer (after redirects).",
            "final_url": "The URL answered: a redirect's target.",
            "detail": "One line: what was seen, and what it follows.",
        },
    },
    "removals": {
        # A view (schema.m004_ledger), not a canned query: one name, one page.
        "description": (
            "Removals and returns, newest first: archived articles the re-checks found gone"
            " (HTTP 404/410 twice, a day or more apart), redirected away, showing no article"
            " (soft-404), or served again (returned); a view over article_events. Every"
            " version stays in article_versions."
        ),
        "facets": ["event"],
    },
    "article_versions": {
        "description": "Each distinct content of an article, with capture time and source "
        "(live, wayback, commoncrawl); numbered in capture-time order.",
    },
    "captures": {
        "description": "Each web-archive capture a backfill listed (CDX), and its outcome: "
        "new, current, version, earlier, unchanged, incomplete, no-article, listing, "
        "not-fetched, skipped, failed.",
    },
    "capture_listings": {"description": "Each complete CDX listing of a backfill."},
    "related_links": {"description": "Links of each article's related / Recent news block."},
    "images": {"description": "Images of each article's body, with caption and credit."},
    "sections": {"description": "Each (section slug, label) seen, with first/last seen."},
    "pages": {
        "description": "Raw response bodies (zlib), keyed by sha256; source: live, or the web "
        "archive a backfill read the capture from (source_url).",
    },
    "fetches": {"description": "One row per HTTP exchange, refusals and failures included."},
    "crawl_runs": {
        "description": "One row per crawl, re-extraction or backfill, with fill rates.",
    },
    "frontier": {"description": "Article URLs discovered but not archived yet."},
}

STATS_SQL: Final = """
SELECT
  (SELECT count(*) FROM articles) AS articles,
  (SELECT count(*) FROM article_versions) AS versions,
  (SELECT count(*) FROM pages) AS pages,
  (SELECT count(*) FROM fetches) AS fetches,
  (SELECT count(*) FROM crawl_runs) AS runs,
  (SELECT count(*) FROM frontier) AS pending,
  (SELECT min(published_at) FROM articles) AS published_from,
  (SELECT max(published_at) FROM articles) AS published_to,
  (SELECT count(*) FROM articles WHERE published_at IS NULL) AS no_date,
  (SELECT count(DISTINCT category) FROM articles) AS sections,
  (SELECT json_group_object(category, n) FROM
     (SELECT category, count(*) AS n FROM articles GROUP BY category ORDER BY n DESC))
     AS articles_per_section,
  (SELECT json_group_object(status, n) FROM
     (SELECT status, count(*) AS n FROM articles GROUP BY status ORDER BY n DESC))
     AS articles_per_status,
  (SELECT id FROM crawl_runs ORDER BY id DESC LIMIT 1) AS last_run,
  (SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1) AS last_run_status,
  (SELECT ended_at FROM crawl_runs ORDER BY id DESC LIMIT 1) AS last_run_ended_utc,
  (SELECT warnings FROM crawl_runs ORDER BY id DESC LIMIT 1) AS last_run_warnings
""".strip()

RUNS_SQL: Final = """
SELECT id, status, exit_code, mode,
  started_at AS started_utc, datetime(started_at, 'localtime') AS started_local,
  ended_at AS ended_utc, datetime(ended_at, 'localtime') AS ended_local,
  json_extract(summary, '$.duration_s') AS duration_s,
  json_extract(summary, '$.rechecks.requested') AS rechecks,
  requests, pages, new_articles, updated_articles, new_versions, errors, refused,
  fill_rates, warnings, summary, argv
FROM crawl_runs ORDER BY id DESC LIMIT 1000
""".strip()

SEARCH_ROWS: Final = 100

# The canned search: the query language of `dbp-archive search` through the plugin's SQL
# functions (scraper/archive/datasette_plugin.py). With no query (the page as first opened) or
# a malformed one it runs and returns no article: the form, never an SQL error; a malformed
# query returns one row whose title says what is wrong. Ranked as `dbp-archive search` ranks
# (exact-form matches first, bm25, newest archived); snippets only for the rows listed.
SEARCH_SQL: Final = f"""
WITH hits AS (
  SELECT {FTS_TABLE}.rowid AS id,
    {FTS_TABLE}.rowid IN (SELECT rowid FROM {FTS_EXACT_TABLE}
                          WHERE {FTS_EXACT_TABLE} MATCH dbp_match_exact(:q)) AS exact,
    bm25({FTS_TABLE}, {BM25_WEIGHTS}) AS score
  FROM {FTS_TABLE}
  WHERE :q != '' AND {FTS_TABLE} MATCH dbp_match(:q)
  ORDER BY exact DESC, score, id DESC
  LIMIT {SEARCH_ROWS}
)
SELECT article_id, title, published_at, section, label, snippet, url, exact, matches
FROM (
  SELECT 0 AS part, NULL AS article_id, 'Query problem: ' || dbp_query_problem(:q) AS title,
    NULL AS published_at, NULL AS section, NULL AS label, NULL AS snippet, NULL AS url,
    NULL AS exact, 0 AS matches, 0 AS score, 0 AS id
  WHERE dbp_query_problem(:q) IS NOT NULL
  UNION ALL
  SELECT 1, a.article_id, a.title, a.published_at, a.category, a.category_label,
    dbp_snippet(:q, a.title, a.lead, a.body), a.url, hits.exact,
    (SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH dbp_match(:q)),
    hits.score, hits.id
  FROM hits JOIN articles a ON a.rowid = hits.id
)
ORDER BY part, exact DESC, score, id DESC
""".strip()

QUERIES: dict[str, dict[str, Any]] = {
    "search": {
        "title": "Full-text search, the query language of `dbp-archive search`",
        "description_html": (
            '<p>Words (all must occur), <code>"exact phrase"</code>, <code>OR</code>,'
            " <code>NOT word</code> or <code>-word</code>, <code>prefix*</code>,"
            " <code>title:</code>/<code>lead:</code>/<code>body:</code> column filters."
            " Diacritics optional (<code>dien bien</code> = <code>Điện Biên</code>);"
            " a query typed with diacritics lists exact-form matches first"
            " (<code>exact</code> = 1). <code>matches</code>: how many articles match"
            f" (the first {SEARCH_ROWS} are listed).</p>"
        ),
        "sql": SEARCH_SQL,
        "params": ["q"],
    },
    "stats": {
        "title": "Archive figures (what `dbp-archive stats` prints)",
        "sql": STATS_SQL,
    },
    "runs": {
        "title": "Crawl and re-extraction runs, newest first (`dbp-archive runs`)",
        "description": (
            "Times in UTC as stored and in the server's local time; fill rates, warnings"
            " and summary as JSON."
        ),
        "sql": RUNS_SQL,
    },
    "articles_by_section_and_month": {
        "title": "Articles per section per month",
        "sql": "SELECT * FROM articles_per_month",
    },
    "article_versions": {
        "title": "Versions of one article",
        "sql": (
            "SELECT version, captured_at, content_hash, json_extract(record, '$.title') AS title,"
            " length(json_extract(record, '$.body')) AS body_chars FROM article_versions"
            " WHERE article_id = :article_id ORDER BY version"
        ),
    },
}


def metadata(db_path: Path) -> dict[str, Any]:
    """Return Datasette metadata for the archive at ``db_path`` (keyed by its file stem)."""
    return {
        "title": "Báo Điện Biên Phủ archive (English edition)",
        "description_html": (
            "Articles of en.baodienbienphu.com.vn archived by dbp-archive."
            ' <a href="/-/dbp/report">The report</a>: articles per week by section, top'
            " authors, section labels, edits, crawl health, most-linked articles"
            ' (<a href="/-/dbp/report?q=coffee&amp;q=border">with attention to queries</a>:'
            " add <code>?q=QUERY</code>)."
        ),
        "databases": {db_path.stem: {"tables": TABLES, "queries": QUERIES}},
    }
