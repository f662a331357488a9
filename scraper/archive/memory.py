"""What the archive knows at the start of a crawl: the crawl's memory across runs and kills.

Read once, before the first request, and handed to the spider as a plain ``CrawlMemory``.
Scrapy's ``JOBDIR`` is not used: it lost most of a queue after one SIGKILL here, while the
archive survives any kill.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from scraper.archive.ledger import CONFIRM_AFTER

MAX_FRONTIER_TRIES: Final = 3  # a URL that failed this often waits for a full crawl
# A removal first seen during yesterday's run at this hour is taken for confirmation by today's
# run at this hour, though a few minutes short of a full day when the run starts (the check
# itself, later in the run, confirms only after a full day): not one run later, 30 hours on.
CONFIRM_SLACK: Final = timedelta(hours=1)
# The stored headers whose ETag / Last-Modified make a check conditional: only those the live
# site gave our own fetch (a web archive's capture keeps the headers the site sent the
# archive, years ago), and none for an article seen removed: a 304 is then no evidence that
# it is back, the page itself is.
VALIDATORS: Final = (
    "CASE WHEN p.source = 'live' AND a.status NOT IN"
    " ('missing', 'gone', 'redirected', 'soft-404') THEN p.headers END"
)


@dataclass(kw_only=True, slots=True)
class CrawlMemory:
    """first_seen: ``{article_id: ISO time}`` of every archived article; published: their
    publication dates; pending: ``[(article_id, url)]`` found but not archived (an interrupted
    run's work); revisit: ``{article_id: (url, ETag, Last-Modified)}`` of articles first seen
    since the revisit cut-off; recheck: the same for this run's slice of the back catalogue
    (never-checked articles first, then the longest unchecked; none of the revisits);
    complete_sections: sections whose pager was walked to its end."""

    first_seen: dict[str, str] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[str, str]] = field(default_factory=list)
    revisit: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    recheck: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    complete_sections: set[str] = field(default_factory=set)


def revisit_since(days: float, now: datetime | None = None) -> str:
    """Return the ISO time since which archived articles are revisited (``days`` back)."""
    return ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat()


def no_recheck(archived: int) -> int:
    """The re-check slice of a crawl that re-checks nothing."""
    return 0


def read_memory(
    conn: sqlite3.Connection,
    *,
    revisit_since: str,
    max_revisits: int,
    recheck_slice: Callable[[int], int] = no_recheck,
    now: datetime | None = None,
) -> CrawlMemory:
    """Return the ``CrawlMemory`` read through ``conn`` (empty for an archive without tables).

    Revisits: articles first seen since ``revisit_since``, newest publication first, at most
    ``max_revisits``: right after a backfill every archived article is "first seen" today,
    and re-requesting thousands of old articles every run for days would not be polite.
    Re-checks: ``recheck_slice(archived articles)`` articles that are not revisits: first the
    ``missing`` articles whose first 404 is a day old or more at ``now`` (their confirmation
    is due: ``ledger.CONFIRM_AFTER``), then the oldest check first (``last_checked`` null
    first, then ascending; ties by ``last_seen``).
    Raises ``sqlite3.DatabaseError`` for an unreadable archive.
    """
    memory = CrawlMemory()
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "articles" not in tables:
        return memory
    for ident, first, published in conn.execute(
        "SELECT article_id, first_seen, published_at FROM articles"
    ):
        memory.first_seen[ident] = first
        if published:
            memory.published[ident] = published
    memory.pending = list(
        conn.execute(
            "SELECT article_id, url FROM frontier WHERE tries < ? ORDER BY discovered_at",
            (MAX_FRONTIER_TRIES,),
        )
    )
    memory.complete_sections = {
        row[0] for row in conn.execute("SELECT section FROM listing_state WHERE walk_complete")
    }
    for ident, url, headers in conn.execute(
        f"SELECT a.article_id, a.url, {VALIDATORS} FROM articles a"
        " LEFT JOIN pages p ON p.sha256 = a.page_sha256 WHERE a.first_seen >= ?"
        " ORDER BY a.published_at IS NULL, a.published_at DESC LIMIT ?",
        (revisit_since, max_revisits),
    ):
        data = json.loads(headers or "{}")
        memory.revisit[ident] = (url, data.get("etag"), data.get("last-modified"))
    size = recheck_slice(len(memory.first_seen))
    if size > 0:
        due = ((now or datetime.now(UTC)) - CONFIRM_AFTER + CONFIRM_SLACK).isoformat()
        memory.recheck = _recheck_slice(conn, size, due=due, exclude=memory.revisit)
    return memory


def _recheck_slice(
    conn: sqlite3.Connection,
    size: int,
    *,
    due: str,
    exclude: dict[str, tuple[str, str | None, str | None]],
) -> dict[str, tuple[str, str | None, str | None]]:
    """Return ``{article_id: (url, ETag, Last-Modified)}`` of ``size`` archived articles:
    the ``missing`` ones first seen missing by ``due``, then those checked or tried longest
    ago (never tried first: a check that got no answer waits its turn again, so a few
    articles that always time out cannot take every run's slice), leaving out ``exclude``."""
    chosen: dict[str, tuple[str, str | None, str | None]] = {}
    for ident, url, headers in conn.execute(
        f"SELECT a.article_id, a.url, {VALIDATORS} FROM articles a"
        " LEFT JOIN pages p ON p.sha256 = a.page_sha256"
        " ORDER BY a.status = 'missing' AND a.missing_since <= ? DESC,"
        " coalesce(a.last_attempt, a.last_checked) IS NOT NULL,"
        " coalesce(a.last_attempt, a.last_checked), a.last_seen, a.article_id LIMIT ?",
        (due, size + len(exclude)),
    ):
        if ident in exclude:
            continue
        data = json.loads(headers or "{}")
        chosen[ident] = (url, data.get("etag"), data.get("last-modified"))
        if len(chosen) >= size:
            break
    return chosen


def read_crawl_memory(
    path: str,
    *,
    revisit_since: str,
    max_revisits: int,
    recheck_slice: Callable[[int], int] = no_recheck,
) -> CrawlMemory:
    """Return the ``CrawlMemory`` of the archive at ``path`` (empty if there is none yet).

    Through a read-only connection of its own: for ``scrapy crawl dbp``, whose spider is
    built before the archive pipeline opens the archive. ``dbp-archive crawl`` reads it with
    ``Archive.crawl_memory`` before Scrapy starts and hands it to the spider.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return CrawlMemory()
    try:
        return read_memory(
            conn,
            revisit_since=revisit_since,
            max_revisits=max_revisits,
            recheck_slice=recheck_slice,
        )
    except sqlite3.DatabaseError:
        return CrawlMemory()  # unreadable: crawl as if new (every write is an upsert)
    finally:
        conn.close()
