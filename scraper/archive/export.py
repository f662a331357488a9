"""Export article records you can cite: JSON Lines, a JSON array, CSV or Parquet, streamed.

Every row is the article's record (``Article.to_dict()``: the keys of the expected JSON) plus
its citation columns (``CITATION_COLUMNS``): which stored page it came from (``page_sha256``,
``archived_url``, ``page_fetched_at``), which version (``version``, ``version_count``,
``captured_at``), when the archive first and last saw it, and the extractor that produced it.
``versions=True`` emits every stored version instead of the current records.

Rows are read from one cursor and written as they come (Parquet in row groups of
``PARQUET_BATCH`` rows): memory stays flat whatever the archive's size.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Final

from scraper.archive.search import Filters
from scraper.archive.store import Archive
from scraper.items import Article

FORMATS: Final = ("jsonl", "json", "csv", "parquet")
# The record's keys, in Article's order (the expected-JSON format).
RECORD_COLUMNS: Final = tuple(Article.__dataclass_fields__)
CITATION_COLUMNS: Final = (
    "source",
    "archived_url",
    "page_sha256",
    "page_fetched_at",
    "version",
    "version_count",
    "captured_at",
    "first_seen",
    "last_seen",
    "extractor_version",
)
LIST_COLUMNS: Final = ("authors", "related", "images")
CSV_COLUMNS: Final = RECORD_COLUMNS + CITATION_COLUMNS
PARQUET_BATCH: Final = 1_000


class ExportError(ValueError):
    """An export that cannot be written as asked (one-line message)."""


@dataclass(kw_only=True, slots=True)
class Selection:
    """Which rows to export: the search filters, a query, a limit, versions or current records.

    ``query`` uses the query language of ``dbp-archive search``; ``limit`` counts articles
    (with ``versions``, all versions of that many articles).
    """

    filters: Filters = field(default_factory=Filters)
    query: str | None = None
    limit: int | None = None
    versions: bool = False


@dataclass(kw_only=True, slots=True)
class Exported:
    """What an export wrote: rows, and the distinct articles they belong to."""

    rows: int = 0
    articles: int = 0
    _last: str | None = None

    def count(self, row: dict[str, Any]) -> None:
        """Count one written row (rows come grouped by article: no set of ids is kept)."""
        self.rows += 1
        if row["article_id"] != self._last:
            self._last = row["article_id"]
            self.articles += 1


def _query_clause(archive: Archive, selection: Selection) -> tuple[str, list[Any]]:
    """Return (condition on ``a`` = articles, parameters) for the articles matching the query.

    The search module reads the query (``matching_ids``), so an export holds exactly what
    ``dbp-archive search`` finds: every match, not just its first page. The ids travel as one
    JSON parameter (a few MB at 100,000 matches), read by ``json_each`` in the row query.
    """
    from scraper.archive.search import matching_ids

    assert selection.query is not None
    ids = matching_ids(archive, selection.query, selection.filters)
    return "a.article_id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]


def _articles_clause(archive: Archive, selection: Selection) -> tuple[str, list[Any]]:
    """Return (condition on ``a`` = articles, parameters) selecting the exported articles."""
    where, params = selection.filters.sql()
    if selection.query is not None:
        clause, extra = _query_clause(archive, selection)
        where, params = f"({where}) AND {clause}", [*params, *extra]
    if selection.limit is not None:
        # The first ``limit`` articles in export order (the versions of just those).
        where = (
            f"a.article_id IN (SELECT a.article_id FROM articles a WHERE {where}"
            f" ORDER BY a.published_at, a.article_id LIMIT {int(selection.limit)})"
        )
    return where, params


_CURRENT_SQL: Final = """
SELECT a.*, a.version_count AS version, v.captured_at AS captured_at, p.source AS source,
       coalesce(p.source_url, p.final_url) AS archived_url, p.fetched_at AS page_fetched_at
FROM articles a
LEFT JOIN pages p ON p.sha256 = a.page_sha256
LEFT JOIN article_versions v ON v.article_id = a.article_id AND v.version = a.version_count
WHERE {where}
ORDER BY a.published_at, a.article_id
"""

_VERSIONS_SQL: Final = """
SELECT v.article_id, v.version, v.captured_at, v.page_sha256, v.record, p.source AS source,
       a.first_seen, a.last_seen, a.version_count,
       CASE WHEN v.version = a.version_count THEN a.extractor_version END AS extractor_version,
       coalesce(p.source_url, p.final_url) AS archived_url, p.fetched_at AS page_fetched_at
FROM article_versions v
JOIN articles a ON a.article_id = v.article_id
LEFT JOIN pages p ON p.sha256 = v.page_sha256
WHERE {where}
ORDER BY a.published_at, a.article_id, v.version
"""


def iter_rows(archive: Archive, selection: Selection) -> Iterator[dict[str, Any]]:
    """Yield export rows (record keys, then citation columns), oldest publication first.

    Raises ``QueryError`` (from the search module) for a bad filter or query.
    """
    where, params = _articles_clause(archive, selection)
    if selection.versions:
        for row in archive.db.query(_VERSIONS_SQL.format(where=where), params):
            record = json.loads(row["record"])
            yield {
                **{key: record.get(key) for key in RECORD_COLUMNS},
                **{key: row[key] for key in CITATION_COLUMNS},
            }
        return
    for row in archive.db.query(_CURRENT_SQL.format(where=where), params):
        yield {**archive.record(row).to_dict(), **{key: row[key] for key in CITATION_COLUMNS}}


def record_json(row: dict[str, Any]) -> str:
    """Return one JSON line of an export row (sorted keys, UTF-8 text)."""
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def write_rows(rows: Iterator[dict[str, Any]], out: IO[str], fmt: str) -> Exported:
    """Write ``rows`` to the text stream ``out`` as ``jsonl``, ``json`` (one array) or ``csv``.

    CSV cells hold lists as JSON (``authors``, ``related``, ``images``).
    """
    done = Exported()
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
    elif fmt == "json":
        out.write("[")
    elif fmt != "jsonl":
        raise ExportError(f"cannot write {fmt} to a text stream")
    for row in rows:
        if writer is not None:
            writer.writerow(
                {
                    key: json.dumps(value, ensure_ascii=False) if key in LIST_COLUMNS else value
                    for key, value in row.items()
                }
            )
        elif fmt == "json":
            out.write(("\n" if not done.rows else ",\n") + record_json(row))
        else:
            out.write(record_json(row) + "\n")
        done.count(row)
    if fmt == "json":
        out.write("\n]\n" if done.rows else "]\n")
    return done


# --- Parquet -------------------------------------------------------------------------------


def _timestamp(value: str | None) -> datetime | None:
    """Return the aware datetime of an ISO 8601 time; None for None or a bare day."""
    if not value or len(value) == 10:
        return None
    return datetime.fromisoformat(value)


def _day(value: str | None) -> date | None:
    """Return the paper's calendar day of ``published_at``/``modified_at`` (in its +07:00)."""
    if not value:
        return None
    return date.fromisoformat(value[:10])


def parquet_schema() -> Any:
    """Return the pyarrow schema of a Parquet export (typed lists, timestamps and days).

    ``published_at``/``modified_at`` stay ISO strings (a bare day stays a day); beside each,
    ``*_ts`` is a timestamp in +07:00 (null for a day-only value) and ``*_day`` the day.
    Archive times (``first_seen``, ``captured_at`` …) are UTC timestamps.
    """
    import pyarrow as pa

    paper = pa.timestamp("us", tz="+07:00")
    utc = pa.timestamp("us", tz="UTC")
    text = pa.string()
    return pa.schema(
        [
            ("article_id", text),
            ("url", text),
            ("title", text),
            ("lead", text),
            ("body", text),
            ("authors", pa.list_(text)),
            ("author_titles", text),
            ("category", text),
            ("category_label", text),
            ("published_at", text),
            ("modified_at", text),
            ("related", pa.list_(pa.struct([("url", text), ("title", text)]))),
            (
                "images",
                pa.list_(pa.struct([("url", text), ("caption", text), ("credit", text)])),
            ),
            ("source", text),
            ("archived_url", text),
            ("page_sha256", text),
            ("page_fetched_at", utc),
            ("version", pa.int32()),
            ("version_count", pa.int32()),
            ("captured_at", utc),
            ("first_seen", utc),
            ("last_seen", utc),
            ("extractor_version", text),
            ("published_ts", paper),
            ("published_day", pa.date32()),
            ("modified_ts", paper),
            ("modified_day", pa.date32()),
        ]
    )


UTC_COLUMNS: Final = ("page_fetched_at", "captured_at", "first_seen", "last_seen")


def parquet_row(row: dict[str, Any]) -> dict[str, Any]:
    """Return an export row with typed values for ``parquet_schema()``."""
    typed = dict(row)
    for key in UTC_COLUMNS:
        typed[key] = _timestamp(row[key])
    for name in ("published", "modified"):
        typed[f"{name}_ts"] = _timestamp(row[f"{name}_at"])
        typed[f"{name}_day"] = _day(row[f"{name}_at"])
    return typed


def write_parquet(rows: Iterator[dict[str, Any]], path: Path) -> Exported:
    """Write ``rows`` to a Parquet file at ``path``, one row group per ``PARQUET_BATCH`` rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    done = Exported()
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for row in rows:
            batch.append(parquet_row(row))
            done.count(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch.clear()
        if batch or not done.rows:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return done
