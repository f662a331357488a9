"""Attention over time: per period, how many articles match each query, of how many.

The Media Cloud / GDELT shape: one row per period with the number of all articles
(``total``), and per query the number of matching ones (``count``) and their share
(``ratio`` = count / total, 0 when the period has no article). A time series has no holes:
every period between the first and the last appears, with zeros.

Periods are calendar periods of the paper's time zone, ``+07:00``: ``published_at`` is ISO
8601 with ``+07:00`` or a bare day (``2024-11-25``, a date shown without a time); a
timestamp with another offset is converted to ``+07:00`` first. Labels: day ``2024-11-25``,
week ``2024-W48`` (ISO 8601 week, Monday first; the week-year may differ from the calendar
year around New Year: 2024-12-30 is in ``2025-W01``), month ``2024-11``, year ``2024``.
Articles without a date belong to no period: they are left out and counted apart
(``Trends.undated``, ``Trends.undated_counts``).

The counting happens in SQL, per ``+07:00`` day (one row per day that has articles, a few
thousand at most); the days are then summed into weeks, months or years by the small pure
functions below. Matching uses the full-text index with the query language of ``search``
(diacritics optional), so a query counts exactly the articles ``search`` reports as its total.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final, Literal

from scraper.archive.query import QueryError, match_expressions, parse_query
from scraper.archive.schema import FTS_TABLE
from scraper.archive.search import Filters
from scraper.archive.store import Archive

Period = Literal["day", "week", "month", "year"]
PERIODS: Final = ("day", "week", "month", "year")

# The +07:00 calendar day of ``a.published_at``, as YYYY-MM-DD. A bare day and a +07:00
# timestamp (what the extractor stores) are cut; a timestamp with another offset (or Z) is
# converted by SQLite's date() (which reads the offset, giving UTC) plus 7 hours; a timestamp
# without an offset is taken as the paper's local time. Anything that is no date gives NULL.
DAY_SQL: Final = """(CASE
  WHEN a.published_at GLOB '*[Zz]' OR (a.published_at GLOB '*[T ]*[+-][0-9][0-9]:[0-9][0-9]'
                                      AND a.published_at NOT GLOB '*+07:00')
    THEN date(a.published_at, '+7 hours')
  ELSE date(substr(a.published_at, 1, 10))
END)"""


# --- pure period arithmetic -------------------------------------------------------------


def period_of(day: date, by: Period) -> str:
    """Return the label of the period of ``by`` that holds ``day``.

    ``2024-11-25`` -> day ``2024-11-25``, week ``2024-W48``, month ``2024-11``, year ``2024``.
    """
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period {by!r}")


def period_start(day: date, by: Period) -> date:
    """Return the first day of the period of ``by`` that holds ``day`` (a Monday for weeks)."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {by!r}")


def next_period(start: date, by: Period) -> date:
    """Return the first day of the period after the one starting on ``start``."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if by == "year":
        return date(start.year + 1, 1, 1)
    raise ValueError(f"unknown period {by!r}")


def periods_between(first: date, last: date, by: Period) -> list[str]:
    """Return every period label from the one holding ``first`` to the one holding ``last``."""
    labels = []
    start = period_start(first, by)
    while start <= last:
        labels.append(period_of(start, by))
        start = next_period(start, by)
    return labels


def ratio(count: int, total: int) -> float:
    """Return ``count / total`` rounded to 6 places; 0.0 for an empty period."""
    return round(count / total, 6) if total else 0.0


def format_ratio(value: float) -> str:
    """Return a ratio as CSV/table text: ``0.25``, ``0``, ``1``, ``0.333333`` (no exponent)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


# --- counting -----------------------------------------------------------------------------


@dataclass(kw_only=True, slots=True)
class Row:
    """One period: all articles, and per query (in the order given) the matching ones."""

    period: str
    total: int
    counts: dict[str, int]

    def ratios(self) -> dict[str, float]:
        """Return each query's share of the period's articles."""
        return {query: ratio(n, self.total) for query, n in self.counts.items()}

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"period", "total", "counts", "ratios"}`` (the JSON format's item)."""
        return {
            "period": self.period,
            "total": self.total,
            "counts": dict(self.counts),
            "ratios": self.ratios(),
        }


@dataclass(kw_only=True, slots=True)
class Trends:
    """The series of ``queries`` by ``by``; ``undated``: articles left out (no date), of
    which ``undated_counts[query]`` match each query."""

    queries: list[str]
    by: Period
    rows: list[Row] = field(default_factory=list)
    undated: int = 0
    undated_counts: dict[str, int] = field(default_factory=dict)


def _per_day(archive: Archive, sql: str, params: list[Any], query: str) -> dict[date, int]:
    """Run a ``SELECT day, count`` query; return its counts by day (NULL days dropped)."""
    try:
        rows = archive.conn.execute(sql, params).fetchall()
    except Exception as exc:  # sqlite3.OperationalError: never expected, every term is quoted
        raise QueryError(f"cannot count {query!r}: {exc}") from exc
    return {date.fromisoformat(day): n for day, n in rows if day}


def day_counts(
    archive: Archive, query: str | None, filters: Filters | None = None
) -> tuple[dict[date, int], int]:
    """Return (articles per +07:00 day, articles without a date) among those matching
    ``query`` (all articles when None) and ``filters``; counted in SQL."""
    where, params = (filters or Filters()).sql()
    if query is None:
        source, match, first = "articles a", "", []
    else:
        folded, _exact = match_expressions(parse_query(query))
        source = f"{FTS_TABLE} f JOIN articles a ON a.rowid = f.rowid"
        match, first = f"{FTS_TABLE} MATCH ? AND ", [folded]
    label = query or "all articles"
    days = _per_day(
        archive,
        f"SELECT {DAY_SQL} AS day, count(*) FROM {source}"
        f" WHERE {match}a.published_at IS NOT NULL AND {where} GROUP BY day",
        [*first, *params],
        label,
    )
    # Undated: no published_at, or one that is no date at all (DAY_SQL gives NULL). The
    # since/until filters compare published_at, so they already leave undated articles out.
    undated_sql = (
        f"SELECT count(*) FROM {source} WHERE {match}{where}"
        f" AND (a.published_at IS NULL OR {DAY_SQL} IS NULL)"
    )
    try:
        undated = archive.conn.execute(undated_sql, [*first, *params]).fetchone()[0]
    except Exception as exc:
        raise QueryError(f"cannot count {label!r}: {exc}") from exc
    return days, undated


def _parse_bound(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None


def sum_by_period(days: dict[date, int], by: Period) -> dict[str, int]:
    """Return the counts of ``days`` summed per period label."""
    out: dict[str, int] = {}
    for day, n in days.items():
        label = period_of(day, by)
        out[label] = out.get(label, 0) + n
    return out


def trends(
    archive: Archive,
    queries: list[str],
    *,
    by: Period = "month",
    filters: Filters | None = None,
) -> Trends:
    """Return, per period of ``by``, all articles and the matches of each query.

    The series runs from ``filters.since`` (else the first dated article) to
    ``filters.until`` (else the last), every period included. Raises ``QueryError`` for a
    malformed query or date, before anything is counted.
    """
    if by not in PERIODS:
        raise QueryError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    filters = filters or Filters()
    since = _parse_bound(filters.since, "since")
    until = _parse_bound(filters.until, "until")
    if since and until and since > until:
        raise QueryError(f"--since {filters.since} is after --until {filters.until}")
    for query in queries:
        parse_query(query)  # a malformed query fails before any counting
    unique = list(dict.fromkeys(queries))
    all_days, undated = day_counts(archive, None, filters)
    matched = {query: day_counts(archive, query, filters) for query in unique}
    result = Trends(
        queries=unique,
        by=by,
        undated=undated,
        undated_counts={query: matched[query][1] for query in unique},
    )
    first = since or (min(all_days) if all_days else None)
    last = until or (max(all_days) if all_days else None)
    if first is None or last is None:
        return result
    totals = sum_by_period(all_days, by)
    per_query = {query: sum_by_period(matched[query][0], by) for query in unique}
    for label in periods_between(first, last, by):
        result.rows.append(
            Row(
                period=label,
                total=totals.get(label, 0),
                counts={query: per_query[query].get(label, 0) for query in unique},
            )
        )
    return result


# --- output -----------------------------------------------------------------------------


def csv_header(queries: list[str]) -> list[str]:
    """Return the CSV columns: ``period``, ``total``, then ``count:Q`` and ``ratio:Q`` per query."""
    columns = ["period", "total"]
    for query in queries:
        columns += [f"count:{query}", f"ratio:{query}"]
    return columns


def _csv_rows(result: Trends) -> Iterator[list[str]]:
    yield csv_header(result.queries)
    for row in result.rows:
        cells = [row.period, str(row.total)]
        for n in row.counts.values():
            cells += [str(n), format_ratio(ratio(n, row.total))]
        yield cells


def to_csv(result: Trends) -> str:
    """Return the series as CSV (``\\r\\n`` line ends, as the csv module and RFC 4180 write)."""
    out = io.StringIO()
    csv.writer(out).writerows(_csv_rows(result))
    return out.getvalue()


def to_json(result: Trends) -> str:
    """Return the series as a JSON list of ``{"period", "total", "counts", "ratios"}``."""
    return json.dumps([row.to_dict() for row in result.rows], ensure_ascii=False, indent=2)


def to_table(result: Trends) -> str:
    """Return the series as an aligned text table: per query ``count`` and ``%``."""
    if not result.rows:
        return "no dated article in the archive (with these filters)"
    header = ["period", "total"]
    for query in result.queries:
        header += [query, "%"]
    lines: list[list[str]] = [header]
    for row in result.rows:
        cells = [row.period, f"{row.total:,}"]
        for n in row.counts.values():
            cells += [f"{n:,}", f"{100 * ratio(n, row.total):.1f}"]
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(line)
        ).rstrip()
        for line in lines
    )


def undated_note(result: Trends) -> str | None:
    """Return the line saying how many undated articles were left out, or None if none were."""
    if not result.undated:
        return None
    matching = ", ".join(
        f"{n:,} matching {query!r}" for query, n in result.undated_counts.items() if n
    )
    return f"{result.undated:,} articles without a publication date left out" + (
        f" ({matching})" if matching else ""
    )
