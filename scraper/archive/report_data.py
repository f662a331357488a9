"""The report's queries: what ``scraper.report`` charts, read from an open archive.

Each function takes the archive's connection and returns plain rows; the drawing and the
page are ``scraper.report``'s.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any, Final

from scraper.archive.trends import DAY_SQL, periods_between

TOP_AUTHORS: Final = 5  # per year
TOP_EDITED: Final = 20
TOP_LINKED: Final = 20


def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def weekly_sections(conn: sqlite3.Connection) -> tuple[list[str], list[str], dict[str, list[int]]]:
    """Return (weeks, sections, articles per week per section), every week from the first
    to the last dated article; counted per +07:00 day and section in SQL."""
    per_day = conn.execute(
        f"SELECT {DAY_SQL} AS day, coalesce(a.category, '(none)'), count(*) FROM articles a"
        " WHERE a.published_at IS NOT NULL GROUP BY day, 2"
    ).fetchall()
    per_day = [row for row in per_day if row[0]]
    if not per_day:
        return [], [], {}
    days = [_iso_day(row[0]) for row in per_day]
    weeks = periods_between(min(days), max(days), "week")
    index = {week: i for i, week in enumerate(weeks)}
    sections = sorted({row[1] for row in per_day})
    counts = {section: [0] * len(weeks) for section in sections}
    for (_, section, n), day in zip(per_day, days, strict=True):
        year, week, _ = day.isocalendar()
        counts[section][index[f"{year}-W{week:02d}"]] += n
    return weeks, sections, counts


def top_authors(conn: sqlite3.Connection) -> dict[str, list[tuple[str, int]]]:
    """Return per year (+07:00) the authors with the most articles, most first."""
    rows = conn.execute(
        f"SELECT substr({DAY_SQL}, 1, 4) AS year, au.author, count(*) AS n"
        " FROM article_authors au JOIN articles a ON a.article_id = au.article_id"
        " WHERE a.published_at IS NOT NULL GROUP BY year, au.author"
        " ORDER BY year, n DESC, au.author"
    ).fetchall()
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for year, author, n in rows:
        if year and len(out[year]) < TOP_AUTHORS:
            out[year].append((author, n))
    return dict(out)


def edits_per_week(conn: sqlite3.Connection) -> tuple[list[str], list[int]]:
    """Return (weeks, new versions of already archived articles captured in each)."""
    rows = conn.execute(
        "SELECT date(captured_at, '+7 hours') AS day, count(*) FROM article_versions"
        " WHERE version > 1 GROUP BY day"
    ).fetchall()
    rows = [row for row in rows if row[0]]
    if not rows:
        return [], []
    days = {_iso_day(day): n for day, n in rows}
    weeks = periods_between(min(days), max(days), "week")
    index = {week: i for i, week in enumerate(weeks)}
    counts = [0] * len(weeks)
    for day, n in days.items():
        year, week, _ = day.isocalendar()
        counts[index[f"{year}-W{week:02d}"]] += n
    return weeks, counts


def most_edited(conn: sqlite3.Connection) -> list[tuple[str, str, str, int, str]]:
    """Return (article_id, title, url, versions, last seen) of the most-edited articles."""
    return conn.execute(
        "SELECT article_id, coalesce(title, ''), url, version_count, last_seen FROM articles"
        " WHERE version_count > 1 ORDER BY version_count DESC, last_seen DESC LIMIT ?",
        (TOP_EDITED,),
    ).fetchall()


def runs_health(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Return the crawl runs, oldest first: id, start, status, requests, refusals, errors,
    fill rates (a dict)."""
    out = []
    for run_id, started, status, requests, refused, errors, rates in conn.execute(
        "SELECT id, started_at, status, requests, refused, errors, fill_rates FROM crawl_runs"
        " ORDER BY id"
    ):
        try:
            fill = json.loads(rates) if rates else {}
        except ValueError:
            fill = {}
        out.append(
            {
                "run": run_id,
                "started_at": started,
                "status": status,
                "requests": requests or 0,
                "refused": refused or 0,
                "errors": errors or 0,
                "fill_rates": fill if isinstance(fill, dict) else {},
            }
        )
    return out


def most_linked(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, int]]:
    """Return (article_id, title, url or None, linking articles) of the most-linked articles:
    the in-degree of the related-news links, archived or not."""
    return conn.execute(
        "SELECT r.to_id, coalesce(t.title, max(r.title), r.to_id), coalesce(t.url, max(r.to_url)),"
        " count(DISTINCT r.from_id) AS n FROM related_links r"
        " LEFT JOIN articles t ON t.article_id = r.to_id"
        " WHERE r.to_id IS NOT NULL GROUP BY r.to_id ORDER BY n DESC, r.to_id LIMIT ?",
        (TOP_LINKED,),
    ).fetchall()


def article_span(conn: sqlite3.Connection) -> tuple[int, str | None, str | None]:
    """Return (articles, first publication date, last publication date) of the archive."""
    count, first, last = conn.execute(
        "SELECT count(*), min(published_at), max(published_at) FROM articles"
    ).fetchone()
    return int(count), first, last


def is_empty(conn: sqlite3.Connection) -> bool:
    """Return True if the archive holds no article."""
    return not conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]
