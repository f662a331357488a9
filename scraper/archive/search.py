"""Queries for analysts: full-text search that folds Vietnamese diacritics, with filters.

``Điện Biên``, ``Dien Bien`` and ``dien bien`` find the same articles; a query typed with
diacritics ranks the articles that contain that exact form first.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from scraper.archive.fold import fold
from scraper.archive.schema import FTS_EXACT_TABLE, FTS_TABLE
from scraper.archive.store import Archive

_TOKEN_RE: Final = re.compile(r"\w+\*?")
# bm25 weights per column of articles_fts: title, lead, body, search_extra.
BM25_WEIGHTS: Final = "10.0, 5.0, 1.0, 1.0"
SNIPPET_TOKENS: Final = 14
MAX_LIMIT: Final = 10_000
CANDIDATE_WINDOW: Final = 2_000
WINDOW_GROWTH: Final = 8


class QueryError(ValueError):
    """A search query or filter that cannot be run (one-line message)."""


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
            clauses.append("(a.category = ? OR a.category_label = ? COLLATE NOCASE)")
            params += [self.section, self.section]
        if self.author:
            clauses.append(
                "a.article_id IN (SELECT article_id FROM article_authors WHERE author LIKE ?)"
            )
            params.append(f"%{self.author}%")
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


def match_expressions(query: str) -> tuple[str, str | None]:
    """Return (folded FTS5 expression, exact expression or None) for a user query.

    Words are ANDed; a trailing ``*`` makes a prefix search. FTS5 operators typed by the
    user are treated as words, so no query can be malformed except one with no word at all.
    The exact expression exists only when the query has diacritics.
    """
    tokens = _TOKEN_RE.findall(query)
    if not tokens:
        raise QueryError(f"the query {query!r} has no word to search for")

    def term(token: str, text: str) -> str:
        star = "*" if token.endswith("*") else ""
        return f'"{text.rstrip("*")}"{star}'

    folded = " AND ".join(term(t, fold(t)) for t in tokens)
    exact = None
    if any(fold(t) != t.lower() for t in tokens):
        exact = " AND ".join(term(t, t.lower()) for t in tokens)
    return folded, exact


@dataclass(kw_only=True, slots=True)
class Hit:
    """One search result."""

    article_id: str
    title: str | None
    published_at: str | None
    category: str | None
    url: str
    snippet: str
    exact: bool


def _floor(conn: sqlite3.Connection, table: str, expression: str, window: int) -> int:
    """Return the rowid of the ``window``-th most recent match (0 when there are fewer)."""
    row = conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [expression, window - 1],
    ).fetchone()
    return int(row[0]) if row else 0


def search(
    archive: Archive, query: str, *, filters: Filters | None = None, limit: int = 20
) -> list[Hit]:
    """Return up to ``limit`` articles matching ``query``, exact-form matches first.

    Ranking is bm25 (title > lead > body) among the ``CANDIDATE_WINDOW`` most recently archived
    matches (all matches when there are fewer): ranking every one of 100,000 matches of a
    common word costs ~200 ms, and for such words recency matters more than a score.
    The window widens until the filters leave ``limit`` results or it covers every match.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}")
    folded, exact = match_expressions(query)
    where, params = (filters or Filters()).sql()
    conn = archive.conn
    window = max(CANDIDATE_WINDOW, limit)
    try:
        while True:
            floor = _floor(conn, FTS_TABLE, folded, window)
            exact_ids: list[int] = []
            if exact:
                exact_ids = [
                    row[0]
                    for row in conn.execute(
                        f"SELECT a.rowid FROM {FTS_EXACT_TABLE} f"
                        " JOIN articles a ON a.rowid = f.rowid"
                        f" WHERE {FTS_EXACT_TABLE} MATCH ? AND f.rowid >= ? AND {where}"
                        f" ORDER BY f.rank LIMIT ?",
                        [exact, floor, *params, limit],
                    )
                ]
            marks = ",".join("?" for _ in exact_ids) or "NULL"
            rows = conn.execute(
                f"SELECT a.article_id, a.title, a.published_at, a.category, a.url,"
                f" snippet({FTS_TABLE}, -1, '[', ']', '…', {SNIPPET_TOKENS}),"
                f" a.rowid IN ({marks}) AS exact"
                f" FROM {FTS_TABLE} f JOIN articles a ON a.rowid = f.rowid"
                f" WHERE {FTS_TABLE} MATCH ? AND f.rowid >= ? AND {where}"
                f" ORDER BY exact DESC, bm25({FTS_TABLE}, {BM25_WEIGHTS}) LIMIT ?",
                [*exact_ids, folded, floor, *params, limit],
            ).fetchall()
            if len(rows) >= limit or floor == 0:
                break
            window *= WINDOW_GROWTH
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}: {exc}") from exc
    return [
        Hit(
            article_id=r[0],
            title=r[1],
            published_at=r[2],
            category=r[3],
            url=r[4],
            snippet=r[5] or "",
            exact=bool(r[6]),
        )
        for r in rows
    ]


def stats(archive: Archive) -> dict[str, Any]:
    """Return the archive's headline figures: counts, date range, sections, last run."""
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
        "last_run": run,
    }


def filtered_ids(archive: Archive, filters: Filters) -> tuple[str, list[Any]]:
    """Return (condition on ``articles``, parameters) for exports with the search filters."""
    where, params = filters.sql()
    return f"article_id IN (SELECT a.article_id FROM articles a WHERE {where})", params
