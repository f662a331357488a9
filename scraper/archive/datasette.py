"""Datasette metadata for an archive: table and column descriptions, canned queries, FTS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scraper.archive.schema import FTS_TABLE

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "The current record of each article, one row per article id.",
        "fts_table": FTS_TABLE,
        "fts_pk": "rowid",
        "sort_desc": "published_at",
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
        },
    },
    "article_versions": {"description": "Each distinct content of an article, with capture time."},
    "related_links": {"description": "Links of each article's related / Recent news block."},
    "images": {"description": "Images of each article's body, with caption and credit."},
    "sections": {"description": "Each (section slug, label) seen, with first/last seen."},
    "pages": {"description": "Raw response bodies (zlib), keyed by sha256."},
    "fetches": {"description": "One row per HTTP exchange, refusals and failures included."},
    "crawl_runs": {"description": "One row per crawl or re-extraction, with fill rates."},
    "frontier": {"description": "Article URLs discovered but not archived yet."},
}

QUERIES: dict[str, dict[str, Any]] = {
    "search": {
        "title": "Full-text search (diacritics optional: dien bien = Điện Biên)",
        "sql": (
            f"SELECT a.article_id, a.title, a.published_at, a.category,"
            f" snippet({FTS_TABLE}, -1, '<b>', '</b>', '…', 14) AS snippet, a.url"
            f" FROM {FTS_TABLE} JOIN articles a ON a.rowid = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH :q"
            f" ORDER BY bm25({FTS_TABLE}, 10.0, 5.0, 1.0, 1.0) LIMIT 100"
        ),
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
        "description": "Articles of en.baodienbienphu.com.vn archived by dbp-archive.",
        "databases": {db_path.stem: {"tables": TABLES, "queries": QUERIES}},
    }
