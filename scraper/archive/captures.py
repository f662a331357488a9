"""The backfill's part of archive.db: listed captures, their outcomes, and history merges.

A capture is listed once (``captures``, keyed by source, URL and timestamp) and then moves
from ``state`` ``listed`` to ``done`` (its ``outcome`` says what it added) or ``failed``
(``tries`` counts; a later run tries again up to ``MAX_CAPTURE_TRIES``). The caller commits
after each capture: a kill, SIGKILL included, loses at most the capture in flight.

Placing a captured record (``merge_capture``) in its article's history keeps the versions in
capture-time order, each the earliest evidence of one content, and never guesses:

* an article the archive lacks is added, first seen at the capture time (and stays queued for
  the live site if a crawl had queued it);
* a capture newer than anything the archive saw is what a crawl would be: the current record
  if its content differs (``current``), else ``unchanged``;
* a capture older than anything the archive saw becomes version 1 (``version``; versions are
  renumbered by capture time, the highest number stays the current record), or, with the
  content of version 1, moves that version's time back (``earlier``);
* a capture between the archive's own sightings is ``unchanged`` if it holds the content in
  force then, else ``unplaced``: unchanged revisits add no version, so where it belongs cannot
  be known; it is kept (``captures``, ``pages``), out of the history;
* a capture of a known article that lacks a title, body or date its record has (an error
  page, a truncated capture) is ``incomplete``: no evidence of an edit, it adds nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from scraper.archive.store import content_hash, decompress
from scraper.items import FetchedPage

if TYPE_CHECKING:
    from scraper.archive.store import Archive
    from scraper.items import ArticleExtraction
    from scraper.webarchive import Listed, Raw

MergeOutcome = Literal[
    "new", "current", "version", "earlier", "unchanged", "incomplete", "unplaced"
]
MAX_CAPTURE_TRIES: Final = 3  # a capture that failed this often is left alone


@dataclass(frozen=True, kw_only=True, slots=True)
class PendingCapture:
    """A listed capture still to fetch (a row of ``captures``)."""

    source: str
    url: str
    timestamp: str
    captured_at: str
    kind: str
    key: str
    digest: str
    status: str
    warc_filename: str | None
    warc_offset: int | None
    warc_length: int | None


def record_listed(
    archive: Archive,
    rows: Iterable[tuple[Listed, str, str, str | None]],
    *,
    source: str,
    listed_at: str,
    run_id: int,
) -> int:
    """Insert listed captures ``(listed, kind, key, article_id)`` not known yet; return how many.

    ``kind``: ``article`` or ``listing``; ``key``: the article id, or the listing's canonical
    URL (captures of one key with one digest are one content).
    """
    before = archive.conn.total_changes
    archive.conn.executemany(
        "INSERT OR IGNORE INTO captures (source, url, timestamp, captured_at, kind, key,"
        " article_id, status, mime, digest, length, warc_filename, warc_offset, warc_length,"
        " listed_at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                source,
                listed.url,
                listed.timestamp,
                listed.captured_at,
                kind,
                key,
                ident,
                listed.status,
                listed.mime,
                listed.digest,
                listed.length,
                listed.filename,
                listed.offset,
                listed.warc_length,
                listed_at,
                run_id,
            )
            for listed, kind, key, ident in rows
        ],
    )
    return archive.conn.total_changes - before


def record_listing(
    archive: Archive,
    *,
    source: str,
    since: str | None,
    until: str | None,
    listed_at: str,
    captures: int,
    run_id: int,
) -> None:
    """Note a complete CDX listing of ``source`` for the period (``since``..``until``)."""
    archive.conn.execute(
        "INSERT INTO capture_listings (source, since, until, listed_at, captures, run_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (source, since or "", until or "", listed_at, captures, run_id),
    )


def last_listing(archive: Archive, *, source: str, since: str | None, until: str | None) -> str:
    """Return when ``source`` was last listed completely for this period ("" if never)."""
    row = archive.conn.execute(
        "SELECT max(listed_at) FROM capture_listings WHERE source = ? AND since = ? AND until = ?",
        (source, since or "", until or ""),
    ).fetchone()
    return str(row[0] or "")


def pending(archive: Archive, *, source: str, since: str, until: str) -> list[int]:
    """Return the rowids of the captures of ``source`` still to fetch in the period, articles
    first, oldest first (ids only: a big backfill's queue stays small in memory; ``load``
    reads each). ``since`` (inclusive) / ``until`` (exclusive): ISO times, "" for none."""
    return [
        row[0]
        for row in archive.conn.execute(
            "SELECT rowid FROM captures WHERE source = ?"
            " AND (state = 'listed' OR (state = 'failed' AND tries < ?))"
            " AND captured_at >= ? AND (? = '' OR captured_at < ?)"
            " ORDER BY kind = 'listing', timestamp, url",
            (source, MAX_CAPTURE_TRIES, since, until, until),
        )
    ]


def load(archive: Archive, rowid: int) -> PendingCapture:
    """Return the capture at ``rowid`` (from ``pending``)."""
    cursor = archive.conn.execute(
        "SELECT source, url, timestamp, captured_at, kind, key, digest, status, warc_filename,"
        " warc_offset, warc_length FROM captures WHERE rowid = ?",
        (rowid,),
    )
    return PendingCapture(**_row(cursor, cursor.fetchone()))


def capture_counts(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Return ``{source: {"listed": n, "done": n, "to_fetch": n, "failed": n}}`` of the
    backfills (``failed``: given up after ``MAX_CAPTURE_TRIES``); ``{}`` without any."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "captures" not in tables:
        return {}
    return {
        source: {"listed": listed, "done": done, "to_fetch": to_fetch, "failed": failed}
        for source, listed, done, to_fetch, failed in conn.execute(
            "SELECT source, count(*), sum(state = 'done'),"
            " sum(state = 'listed' OR (state = 'failed' AND tries < ?)),"
            " sum(state = 'failed' AND tries >= ?) FROM captures GROUP BY source ORDER BY source",
            (MAX_CAPTURE_TRIES, MAX_CAPTURE_TRIES),
        )
    }


def _row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip((d[0] for d in cursor.description), row, strict=True))


def fetched_twin(archive: Archive, *, key: str, digest: str) -> tuple[str, str] | None:
    """Return (timestamp, page sha256) of a fetched capture of ``key`` with this ``digest``."""
    if not digest:
        return None
    row = archive.conn.execute(
        "SELECT timestamp, page_sha256 FROM captures WHERE key = ? AND digest = ?"
        " AND page_sha256 IS NOT NULL ORDER BY timestamp LIMIT 1",
        (key, digest),
    ).fetchone()
    return (row[0], row[1]) if row else None


def mark(
    archive: Archive,
    capture: PendingCapture,
    *,
    state: str,
    outcome: str,
    reason: str | None,
    fetched_at: str,
    run_id: int,
    page_sha256: str | None = None,
) -> None:
    """Record what became of a capture (``state`` ``done`` or ``failed``; one more try)."""
    archive.conn.execute(
        "UPDATE captures SET state = ?, outcome = ?, reason = ?, fetched_at = ?, run_id = ?,"
        " page_sha256 = coalesce(?, page_sha256), tries = tries + 1"
        " WHERE source = ? AND url = ? AND timestamp = ?",
        (
            state,
            outcome,
            reason,
            fetched_at,
            run_id,
            page_sha256,
            capture.source,
            capture.url,
            capture.timestamp,
        ),
    )


def save_capture_page(
    archive: Archive, raw: Raw, capture: PendingCapture, *, site_url: str, run_id: int
) -> str:
    """Store a capture's archived body as a page; return its sha256.

    Its ``fetched_at`` is the capture time (the archived response's time, as a WARC record's
    date), its ``source`` the web archive, ``source_url`` where the bytes were read.
    """
    page = FetchedPage(
        url=site_url,
        final_url=capture.url,
        status=raw.status,
        headers=raw.headers,
        body=raw.body,
        fetched_at=capture.captured_at,
        kind="article" if capture.kind == "article" else "listing",
    )
    return archive.save_page(page, run_id, source=capture.source, source_url=raw.source_url)


def stored_body(archive: Archive, sha256: str) -> tuple[bytes, str | None] | None:
    """Return (raw body, content type) of a stored page, or None."""
    row = archive.conn.execute(
        "SELECT body, content_type FROM pages WHERE sha256 = ?", (sha256,)
    ).fetchone()
    return (decompress(row[0]), row[1]) if row else None


def merge_capture(
    archive: Archive,
    extraction: ArticleExtraction,
    *,
    page_sha256: str,
    captured_at: str,
    source: str,
    run_id: int,
) -> MergeOutcome:
    """Place a captured record in its article's history (see the module docstring).

    Call inside a transaction. ``captured_at``: the capture time (ISO, UTC).
    """
    conn = archive.conn
    article = extraction.article
    ident = article.article_id
    save: dict[str, Any] = {
        "page_sha256": page_sha256,
        "captured_at": captured_at,
        "run_id": run_id,
    }
    row = conn.execute(
        "SELECT first_seen, last_seen FROM articles WHERE article_id = ?", (ident,)
    ).fetchone()
    if row is None:
        archive.save_article(extraction, **save, source=source, clear_frontier=False)
        return "new"
    if archive.loses_fields(article):
        return "incomplete"
    first_seen, last_seen = str(row[0] or ""), str(row[1] or "")
    if captured_at > last_seen:  # newer than anything seen: what a crawl would do
        saved = archive.save_article(extraction, **save, source=source, clear_frontier=False)
        return "current" if saved == "updated" else "unchanged"
    digest = content_hash(article.to_dict())
    versions = conn.execute(
        "SELECT rowid, content_hash, captured_at FROM article_versions WHERE article_id = ?"
        " ORDER BY version",
        (ident,),
    ).fetchall()
    if captured_at < first_seen:  # before anything seen: nothing can lie in between
        conn.execute(
            "UPDATE articles SET first_seen = ?, first_source = ? WHERE article_id = ?",
            (captured_at, source, ident),
        )
        if versions and versions[0][1] == digest:
            conn.execute(
                "UPDATE article_versions SET captured_at = ?, page_sha256 = ?, source = ?,"
                " run_id = ? WHERE rowid = ?",
                (captured_at, page_sha256, source, run_id, versions[0][0]),
            )
            return "earlier"
        record = article.to_dict()
        _insert_version(conn, ident, digest, record, captured_at, page_sha256, source, run_id)
        _renumber(conn, ident)
        return "version"
    in_force = [v for v in versions if v[2] <= captured_at]
    if in_force and in_force[-1][1] == digest:
        return "unchanged"
    # Between the archive's own sightings, different from the content in force: the archive
    # did not record every sighting (an unchanged revisit adds no version), so where this
    # content belongs cannot be known. It stays in `captures` and `pages`, out of the history.
    return "unplaced"


def _insert_version(
    conn: sqlite3.Connection,
    ident: str,
    digest: str,
    record: dict[str, Any],
    captured_at: str,
    page_sha256: str | None,
    source: str,
    run_id: int,
) -> None:
    """Append a version row (numbered last; ``_renumber`` puts it in time order)."""
    conn.execute(
        "INSERT INTO article_versions (article_id, version, content_hash, captured_at, run_id,"
        " page_sha256, record, source) VALUES (?, (SELECT coalesce(max(version), 0) + 1 FROM"
        " article_versions WHERE article_id = ?), ?, ?, ?, ?, ?, ?)",
        (
            ident,
            ident,
            digest,
            captured_at,
            run_id,
            page_sha256,
            json.dumps(record, ensure_ascii=False, sort_keys=True),
            source,
        ),
    )


def _renumber(conn: sqlite3.Connection, ident: str) -> None:
    """Number an article's versions 1..n by capture time; set its ``version_count``."""
    rowids = [
        r[0]
        for r in conn.execute(
            "SELECT rowid FROM article_versions WHERE article_id = ? ORDER BY captured_at, version",
            (ident,),
        )
    ]
    conn.execute("UPDATE article_versions SET version = -version WHERE article_id = ?", (ident,))
    conn.executemany(
        "UPDATE article_versions SET version = ? WHERE rowid = ?",
        [(number, rowid) for number, rowid in enumerate(rowids, 1)],
    )
    conn.execute("UPDATE articles SET version_count = ? WHERE article_id = ?", (len(rowids), ident))
