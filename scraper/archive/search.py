"""Queries for analysts: full-text search that folds Vietnamese diacritics, with filters.

``Điện Biên``, ``Dien Bien`` and ``dien bien`` find the same articles; a query typed with
diacritics ranks the articles that contain that exact form first. The query language (words,
``"phrases"``, ``OR``, ``NOT``/``-word``, ``prefix*``, ``title:``/``lead:``/``body:``) is read
by ``scraper.archive.query``; ``docs/search.md`` documents it.

Entry points others build on (names kept stable):

* ``search(archive, query, filters=, limit=, sort=)`` -> ``Results`` (total + ranked hits);
* ``matching_ids(archive, query, filters)`` -> every matching ``article_id`` (for exports);
* ``match_expressions(query)`` -> (folded FTS5 expression, exact expression or None);
* ``snippet_html(query, title, lead, body)`` -> a snippet of the visible text as safe HTML.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final, Literal

from scraper.archive.captures import capture_counts
from scraper.archive.fold import fold
from scraper.archive.ledger import status_counts
from scraper.archive.query import (
    MARK_END,
    MARK_START,
    Node,
    QueryError,
    marked_snippet,
    marked_to_html,
    match_expressions,
    parse_query,
    snippet_plain,
)
from scraper.archive.schema import FTS_EXACT_TABLE, FTS_TABLE
from scraper.archive.store import Archive

__all__ = [
    "MARK_END",
    "MARK_START",
    "Filters",
    "Hit",
    "QueryError",
    "Results",
    "match_expressions",
    "matching_ids",
    "parse_query",
    "search",
    "snippet_html",
    "snippet_plain",
]

# bm25 weights per column of articles_fts: title, lead, body, search_extra (never searched
# by our expressions: they name the visible columns).
BM25_WEIGHTS: Final = "10.0, 5.0, 1.0, 1.0"
MAX_LIMIT: Final = 10_000
SORTS: Final = ("relevance", "newest", "oldest")
Sort = Literal["relevance", "newest", "oldest"]

_ORDER: Final = {
    # Exact-form matches first, then bm25 (lower is better), then the newest archived.
    "relevance": "exact DESC, score, f.rowid DESC",
    # Undated articles last either way.
    "newest": "a.published_at IS NULL, a.published_at DESC, f.rowid DESC",
    "oldest": "a.published_at IS NULL, a.published_at, f.rowid",
}


@lru_cache(maxsize=1)
def _letter_classes() -> dict[str, str]:
    """Return, per folded letter, every letter that folds to it (``a`` -> ``aAàÀáÁ…``)."""
    classes: dict[str, list[str]] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)]:
        classes.setdefault(fold(chr(code)), []).append(chr(code))
    for code in range(0x1E00, 0x1F00):
        classes.setdefault(fold(chr(code)), []).append(chr(code))
    return {k: "".join(v) for k, v in classes.items() if len(k) == 1 and len(v) > 1}


def author_glob(name: str) -> str:
    """Return a GLOB pattern matching author names that hold ``name``, diacritics optional.

    ``ha linh`` -> ``*[hH…][aAàÀ…] [lL…][iIìÌ…][nN…][hH…]*``: it finds ``Hà Linh``, and
    ``Đ`` folds to ``D``. Pure SQL (no function to register), so it runs in any connection.
    """
    classes = _letter_classes()
    parts = ["*"]
    for char in " ".join(fold(name).split()):
        if char in classes:
            parts.append(f"[{classes[char]}]")
        elif char in "*?[]":
            parts.append(f"[{char}]")
        else:
            parts.append(char)
    parts.append("*")
    return "".join(parts)


@dataclass(kw_only=True, slots=True)
class Filters:
    """Search/export filters; dates are ``YYYY-MM-DD``, ``until`` inclusive."""

    section: str | None = None
    author: str | None = None
    since: str | None = None
    until: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """Return (SQL condition on ``a`` = articles, parameters)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.section:
            # A slug: the whole section. Callers resolve labels first (sections.resolve_section).
            clauses.append("a.category = ?")
            params.append(self.section)
        if self.author:
            # Folded like the search: 'ha linh' finds 'Hà Linh', 'dung' finds 'Dũng'.
            clauses.append(
                "a.article_id IN (SELECT article_id FROM article_authors WHERE author GLOB ?)"
            )
            params.append(author_glob(self.author))
        if self.since:
            clauses.append("a.published_at >= ?")
            params.append(_parse_day(self.since, "since").isoformat())
        if self.until:
            clauses.append("a.published_at < ?")
            params.append((_parse_day(self.until, "until") + timedelta(days=1)).isoformat())
        return (" AND ".join(clauses) or "1"), params


def _parse_day(value: str, name: str) -> date:
    """Return the date of a ``YYYY-MM-DD`` filter, or raise ``QueryError``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None


@dataclass(kw_only=True, slots=True)
class Hit:
    """One search result; ``snippet`` is marked (``MARK_START``/``MARK_END`` around matches):
    render it with ``snippet_plain``, ``marked_to_html`` or the terminal's styling."""

    article_id: str
    url: str
    title: str | None
    snippet: str
    published_at: str | None
    category: str | None
    exact: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the hit for JSON: plain snippet and its safe HTML (``<mark>``)."""
        return {
            "article_id": self.article_id,
            "url": self.url,
            "title": self.title,
            "snippet": snippet_plain(self.snippet),
            "snippet_html": marked_to_html(self.snippet),
            "published_at": self.published_at,
            "category": self.category,
            "exact": self.exact,
        }


@dataclass(kw_only=True, slots=True)
class Results:
    """The ``total`` number of matches (filters applied) and the first ``hits`` of them."""

    query: str
    sort: str
    total: int
    hits: list[Hit] = field(default_factory=list)


def _parse(query: str | Node) -> Node:
    return parse_query(query) if isinstance(query, str) else query


def _run(conn: sqlite3.Connection, sql: str, params: list[Any], query: str) -> list[Any]:
    """Run ``sql``; an FTS error (never expected: every term is quoted) becomes one line."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}: {exc}") from exc


def search(
    archive: Archive,
    query: str,
    *,
    filters: Filters | None = None,
    limit: int = 20,
    sort: str = "relevance",
) -> Results:
    """Return the number of articles matching ``query`` and the first ``limit`` of them.

    ``sort``: ``relevance`` ranks every match (no recency window): articles holding the
    query's exact form first (a query typed with diacritics), then bm25 with title > lead >
    body; ``newest``/``oldest`` by publication date, undated last. Ordering and the limit
    run in SQL; snippets are made for the returned hits only, from their visible text.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}")
    if sort not in SORTS:
        raise QueryError(f"--sort must be one of {', '.join(SORTS)}, got {sort!r}")
    node = parse_query(query)
    folded, exact = match_expressions(node)
    where, params = (filters or Filters()).sql()
    conn = archive.conn
    filtered = where != "1"
    join = " JOIN articles a ON a.rowid = f.rowid" if filtered or sort != "relevance" else ""
    total_sql = f"SELECT count(*) FROM {FTS_TABLE} f{join} WHERE {FTS_TABLE} MATCH ?"
    if filtered:
        total_sql += f" AND {where}"
    total = _run(conn, total_sql, [folded, *params], query)[0][0]
    if not total:
        return Results(query=query, sort=sort, total=0)
    if sort == "relevance":
        exact_sql = (
            f"f.rowid IN (SELECT rowid FROM {FTS_EXACT_TABLE} WHERE {FTS_EXACT_TABLE} MATCH ?)"
            if exact
            else "0"
        )
        score_sql = f"bm25({FTS_TABLE}, {BM25_WEIGHTS})"
    else:
        exact_sql, score_sql = "0", "0"
    rows = _run(
        conn,
        f"SELECT f.rowid, {exact_sql} AS exact, {score_sql} AS score"
        f" FROM {FTS_TABLE} f{join} WHERE {FTS_TABLE} MATCH ?"
        + (f" AND {where}" if filtered else "")
        + f" ORDER BY {_ORDER[sort]} LIMIT ?",
        [*([exact] if exact and sort == "relevance" else []), folded, *params, limit],
        query,
    )
    rowids = [row[0] for row in rows]
    exact_ids = {row[0] for row in rows if row[1]}
    if exact and sort != "relevance":
        exact_ids = _exact_among(conn, exact, rowids, query)
    return Results(query=query, sort=sort, total=total, hits=_hits(conn, node, rowids, exact_ids))


def _exact_among(conn: sqlite3.Connection, exact: str, rowids: list[int], query: str) -> set[int]:
    """Return which of ``rowids`` match the exact expression."""
    marks = ",".join("?" * len(rowids))
    sql = (
        f"SELECT rowid FROM {FTS_EXACT_TABLE} WHERE {FTS_EXACT_TABLE} MATCH ?"
        f" AND rowid IN ({marks})"
    )
    return {row[0] for row in _run(conn, sql, [exact, *rowids], query)}


def _hits(
    conn: sqlite3.Connection, node: Node, rowids: list[int], exact_ids: set[int]
) -> list[Hit]:
    """Return the hits of ``rowids`` in that order, each with a snippet of its visible text."""
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    rows = {
        row[0]: row
        for row in conn.execute(
            "SELECT rowid, article_id, url, title, lead, body, published_at, category"
            f" FROM articles WHERE rowid IN ({marks})",
            rowids,
        )
    }
    hits = []
    for rowid in rowids:
        _, article_id, url, title, lead, body, published_at, category = rows[rowid]
        hits.append(
            Hit(
                article_id=article_id,
                url=url,
                title=title,
                snippet=marked_snippet(node, {"title": title, "lead": lead, "body": body}),
                published_at=published_at,
                category=category,
                exact=rowid in exact_ids,
            )
        )
    return hits


def matching_ids(archive: Archive, query: str | Node, filters: Filters | None = None) -> list[str]:
    """Return the ``article_id`` of every article matching ``query`` and ``filters``.

    In archive order (rowid), unranked: for exports, which order rows themselves. Raises
    ``QueryError`` for a malformed query, as ``search`` does.
    """
    folded, _exact = match_expressions(_parse(query))
    where, params = (filters or Filters()).sql()
    sql = (
        f"SELECT a.article_id FROM {FTS_TABLE} f JOIN articles a ON a.rowid = f.rowid"
        f" WHERE {FTS_TABLE} MATCH ? AND {where} ORDER BY f.rowid"
    )
    return [row[0] for row in _run(archive.conn, sql, [folded, *params], str(query))]


def snippet_html(query: str | Node, title: str, lead: str, body: str) -> str:
    """Return a snippet of the visible text around ``query``'s words as safe HTML.

    The text is escaped, matches are wrapped in ``<mark>``; an empty or malformed query gives
    the lead's opening. The same passage ``dbp-archive search`` shows.
    """
    try:
        node = _parse(query)
    except QueryError:
        node = None
    fields = {"title": title, "lead": lead, "body": body}
    if node is None:
        return marked_to_html(" ".join((lead or body or title or "").split()[:24]))
    return marked_to_html(marked_snippet(node, fields))


def stats(archive: Archive) -> dict[str, Any]:
    """Return the archive's headline figures: counts, date range, sections, articles by
    ledger status (``{"live": 40, "gone": 1, …}``, zeros left out), the backfills' captures
    by source (``captures.capture_counts``), last run."""
    one = archive.conn.execute
    articles, first, last = one(
        "SELECT count(*), min(published_at), max(published_at) FROM articles"
    ).fetchone()
    sections = dict(
        one("SELECT category, count(*) FROM articles GROUP BY category ORDER BY 2 DESC")
    )
    run = next(iter(archive.runs(limit=1)), None)
    return {
        "articles": articles,
        "versions": one("SELECT count(*) FROM article_versions").fetchone()[0],
        "pages": one("SELECT count(*) FROM pages").fetchone()[0],
        "fetches": one("SELECT count(*) FROM fetches").fetchone()[0],
        "runs": one("SELECT count(*) FROM crawl_runs").fetchone()[0],
        "pending": one("SELECT count(*) FROM frontier").fetchone()[0],
        "published_from": first,
        "published_to": last,
        "no_date": one("SELECT count(*) FROM articles WHERE published_at IS NULL").fetchone()[0],
        "sections": sections,
        "statuses": status_counts(archive.conn),  # the ledger: live, edited, gone …
        "captures": capture_counts(archive.conn),  # backfills: {source: {listed, done …}}
        "last_run": run,
    }
