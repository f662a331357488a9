"""The code that writes archive.db: pages, fetches, articles (+ versions), runs, frontier.

(The backfill's own tables, and its placing of captures in an article's history, are
``scraper.archive.captures``'s; the ledger's are ``scraper.archive.ledger``'s; both write
through an ``Archive``'s connection, in its transactions.)

A crawl's writes go in one ordered stream, committed every second or every 100 items (the
archive pipeline decides): a kill, SIGKILL included, loses at most that last uncommitted
stretch, which is a suffix of the run — the archive is then exactly as if the run had been
killed a second earlier, and the next run redoes the lost pages. One commit per page cost
~0.8 ms a page, the largest single write cost of a crawl. The hot path uses
prepared SQL through sqlite-utils' connection: ``Table.insert`` introspects the table on every
call, which cost more than the insert itself here.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import urllib.parse
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from sqlite_utils import Database

from scraper import EXTRACTOR_VERSION
from scraper.archive import schema
from scraper.archive.fold import search_extra
from scraper.archive.memory import CrawlMemory, no_recheck, read_memory
from scraper.items import (
    CONTENT_FIELDS,
    Article,
    ArticleExtraction,
    FetchedPage,
    Image,
    RelatedLink,
)
from scraper.urls import article_id as id_of

SaveOutcome = Literal["new", "updated", "unchanged"]
BUSY_TIMEOUT_MS: Final = 5_000
ZLIB_LEVEL: Final = 6
SQLITE_HEADER: Final = b"SQLite format 3\x00"
KEPT_HEADERS: Final = ("content-type", "etag", "last-modified", "date", "server", "location")
LIVE: Final = "live"  # the source of what the crawl fetched itself (schema.SOURCE_DEFAULT)


class ArchiveError(RuntimeError):
    """The archive cannot be opened or written (one-line message)."""


class BadArchiveError(ArchiveError):
    """The path names no archive: a folder, a file that is not SQLite, or a missing folder.

    Bad input (exit 2), unlike an archive that exists and fails (exit 1).
    """


class ReadOnlyArchiveError(ArchiveError):
    """A write was asked of an archive this process cannot write (file or folder read-only)."""


def is_writable(path: Path) -> bool:
    """Return True if this process can write the archive at ``path`` and create files beside it.

    A crawl needs both: the file, and its folder for the lock, ``-wal`` and ``-shm`` files.
    ``os.access`` sees permissions, a read-only mount and ``chattr +i``; it cannot see root's
    way around permission bits, which is right: root *can* write then.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def check_writable(path: Path) -> None:
    """Raise ``BadArchiveError`` or ``ReadOnlyArchiveError`` unless a crawl can write ``path``.

    Checked before anything is created beside the archive (its lock file included).
    """
    if path.is_dir():
        raise BadArchiveError(f"archive path is a folder: {path}")
    if not path.parent.is_dir():
        raise BadArchiveError(f"folder does not exist: {path.parent}")
    if not looks_like_sqlite(path):
        raise BadArchiveError(f"not an archive (not a SQLite database): {path}")
    if _is_foreign(path):
        raise BadArchiveError(
            f"not a dbp-archive archive (a SQLite database of other tables): {path}"
        )
    if not is_writable(path):
        what = "file" if path.exists() and os.access(path.parent, os.W_OK) else "folder"
        raise ReadOnlyArchiveError(
            f"archive is read-only ({what} not writable): {path}; "
            "read commands (stats, search, export, runs, export-warc, serve) still work"
        )


def looks_like_sqlite(path: Path) -> bool:
    """Return False if ``path`` is a file that cannot be a SQLite database (wrong header).

    A missing, unreadable or empty file passes: SQLite makes an empty file a new database,
    and an unreadable one fails later with its own message.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return True
    return not header or header == SQLITE_HEADER


def _is_foreign(path: Path) -> bool:
    """Return True if ``path`` is a SQLite database that holds tables, none of them ours.

    Read ``immutable``: no lock, nothing created beside the file. A read that fails (a crawl
    rewriting the schema this instant) counts as ours; the real open decides then.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(_readonly_uri(path, immutable=True), uri=True)
        try:
            _check_is_archive(conn, path)
        finally:
            conn.close()
    except BadArchiveError:
        return True
    except sqlite3.DatabaseError:
        return False
    return False


def _readonly_uri(path: Path, *, immutable: bool) -> str:
    """Return the SQLite URI that opens ``path`` read-only (``immutable``: no locks, no -shm)."""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def content_hash(record: dict[str, Any]) -> str:
    """Return the sha256 of a record's content fields (``CONTENT_FIELDS``), hex."""
    content = {key: record[key] for key in CONTENT_FIELDS}
    data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def compress(body: bytes) -> bytes:
    """Return ``body`` zlib-compressed (level 6): what ``pages.body`` holds."""
    return zlib.compress(body, ZLIB_LEVEL)


def decompress(blob: bytes) -> bytes:
    """Return the raw bytes of a ``pages.body`` value."""
    return zlib.decompress(blob)


@dataclass(kw_only=True, slots=True)
class StoredPage:
    """A raw page read back from the archive."""

    sha256: str
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: str
    body: bytes


class Archive:
    """An open archive.db. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.immutable = False
        if self.path.is_dir():
            raise BadArchiveError(f"archive path is a folder: {self.path}")
        if not self.path.parent.is_dir():
            raise BadArchiveError(f"folder does not exist: {self.path.parent}")
        if readonly:
            self.conn = self._connect_readonly()
        else:
            check_writable(self.path)
            self.conn = self._connect_writable()
        self.db = Database(self.conn)

    def _connect_writable(self) -> sqlite3.Connection:
        """Open (creating or migrating) the archive for writing."""
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never torn
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys=OFF")
            _check_is_archive(conn, self.path)
            schema.apply(Database(conn))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _open_error(self.path, exc) from exc
        except ArchiveError:
            conn.close()
            raise
        return conn

    def _connect_readonly(self, *, upgraded: bool = False) -> sqlite3.Connection:
        """Open an existing archive read-only; nothing is created, migrated or locked.

        ``mode=ro`` first: it sees a running crawl's latest commits. In WAL mode it needs the
        ``-shm`` file, which it cannot create in a read-only folder (a share, a snapshot); then
        the archive is opened ``immutable`` (no locking, no ``-shm``), which is safe there
        because no process can be writing it either.
        """
        if not self.path.is_file():
            raise BadArchiveError(f"no archive at {self.path}")
        try:
            conn = self._try_readonly(immutable=False)
        except sqlite3.OperationalError as exc:
            folder = self.path.parent
            if os.access(folder, os.W_OK) and os.access(self.path, os.R_OK):
                raise _open_error(self.path, exc) from exc
            try:
                conn = self._try_readonly(immutable=True)
            except sqlite3.DatabaseError as exc2:
                raise _open_error(self.path, exc2) from exc2
            self.immutable = True
        except sqlite3.DatabaseError as exc:
            raise _open_error(self.path, exc) from exc
        try:
            pending = schema.MIGRATIONS.pending(Database(conn))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _open_error(self.path, exc) from exc
        if not pending:
            return conn
        # A new, empty archive or one written by an older version: create or upgrade its
        # schema if we may write it, as every open did before; after that, read-only again.
        conn.close()
        if upgraded or not is_writable(self.path):
            raise ReadOnlyArchiveError(
                f"archive {self.path} needs its schema created or upgraded "
                f"({len(pending)} migrations), but it is read-only: open a writable copy once"
            )
        Archive(self.path).close()
        return self._connect_readonly(upgraded=True)

    def _try_readonly(self, *, immutable: bool) -> sqlite3.Connection:
        """Connect with a read-only URI and read the schema (where a bad file shows)."""
        conn = sqlite3.connect(
            _readonly_uri(self.path, immutable=immutable),
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        try:
            _check_is_archive(conn, self.path)
        except BaseException:
            conn.close()
            raise
        return conn

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (WAL is checkpointed by SQLite on the last close)."""
        self.conn.close()

    def transaction(self) -> sqlite3.Connection:
        """Return the connection as a context manager: one atomic transaction."""
        return self.conn

    @contextmanager
    def item_writes(self) -> Iterator[None]:
        """Make the writes inside the block all-or-nothing, within the open batch.

        A SAVEPOINT inside the batch's transaction: an error rolls back this item only.
        """
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
        self.conn.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO item")
            self.conn.execute("RELEASE item")
            raise
        self.conn.execute("RELEASE item")

    def commit(self) -> None:
        """Commit the writes made so far (they become durable and visible together)."""
        self.conn.commit()

    # --- runs -------------------------------------------------------------------------------

    def begin_run(self, *, mode: str, argv: str, started_at: str) -> int:
        """Insert a ``crawl_runs`` row with status ``running``; return its id.

        A run still ``running`` from before was killed (the caller holds the crawl lock, so no
        other run is alive): it is marked ``interrupted``.
        """
        with self.conn:
            self.conn.execute(
                "UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'"
            )
            cur = self.conn.execute(
                "INSERT INTO crawl_runs (started_at, status, mode, argv) VALUES (?, ?, ?, ?)",
                (started_at, "running", mode, argv),
            )
        return int(cur.lastrowid or 0)

    def end_run(self, run_id: int, **fields: Any) -> None:
        """Update a run's row: ``ended_at``, ``status``, ``exit_code``, counts, fill rates."""
        for key in ("fill_rates", "warnings", "summary"):
            if key in fields and not isinstance(fields[key], str):
                fields[key] = json.dumps(fields[key], ensure_ascii=False, sort_keys=True)
        columns = ", ".join(f"{key} = ?" for key in fields)
        with self.conn:
            self.conn.execute(
                f"UPDATE crawl_runs SET {columns} WHERE id = ?", (*fields.values(), run_id)
            )

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """Return the latest runs, newest first."""
        return list(self.db.query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?", [limit]))

    def run(self, run_id: int) -> dict[str, Any] | None:
        """Return the ``crawl_runs`` row of run ``run_id``, or None."""
        return next(iter(self.db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id])), None)

    def crawl_memory(
        self,
        *,
        revisit_since: str,
        max_revisits: int,
        recheck_slice: Callable[[int], int] = no_recheck,
    ) -> CrawlMemory:
        """Return what a crawl starting now knows from this archive (``memory.read_memory``)."""
        return read_memory(
            self.conn,
            revisit_since=revisit_since,
            max_revisits=max_revisits,
            recheck_slice=recheck_slice,
        )

    # --- pages and fetches ------------------------------------------------------------------

    def save_page(
        self,
        page: FetchedPage,
        run_id: int,
        *,
        source: str = LIVE,
        source_url: str | None = None,
    ) -> str:
        """Store a raw page (deduplicated by sha256 of its body); return the sha256.

        ``source``: ``live`` (our own fetch) or the web archive a backfill read a capture from
        (``source_url``: where; ``page.fetched_at`` is then the capture time). The same bytes
        fetched live after a capture stored them make the row a live fetch: our own request is
        the better citation (the capture stays in ``captures``).
        """
        sha = hashlib.sha256(page.body).hexdigest()
        row = self.conn.execute("SELECT source FROM pages WHERE sha256 = ?", (sha,)).fetchone()
        if row is not None and (row[0] == LIVE or source != LIVE):
            return sha  # stored already: no need to compress it again
        headers = {k: v for k, v in page.headers.items() if k in KEPT_HEADERS}
        values = (
            page.url,
            page.final_url,
            page.status,
            page.headers.get("content-type"),
            json.dumps(headers, sort_keys=True),
            page.fetched_at,
            run_id,
            source,
            source_url,
        )
        if row is not None:  # a capture's bytes, now fetched live
            self.conn.execute(
                "UPDATE pages SET url = ?, final_url = ?, status = ?, content_type = ?,"
                " headers = ?, fetched_at = ?, run_id = ?, source = ?, source_url = ?"
                " WHERE sha256 = ?",
                (*values, sha),
            )
            return sha
        self.conn.execute(
            "INSERT INTO pages (url, final_url, status, content_type, headers, fetched_at,"
            " run_id, source, source_url, sha256, size, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, sha, len(page.body), compress(page.body)),
        )
        return sha

    def save_fetch(
        self,
        *,
        run_id: int,
        url: str,
        status: int | None,
        outcome: str,
        fetched_at: str,
        reason: str | None = None,
        content_type: str | None = None,
        nbytes: int = 0,
        page_sha256: str | None = None,
    ) -> None:
        """Record one HTTP exchange (``outcome``: ok, not_modified, skipped, refused, failed)."""
        self.conn.execute(
            "INSERT INTO fetches (run_id, url, status, outcome, reason, content_type, bytes,"
            " page_sha256, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, url, status, outcome, reason, content_type, nbytes, page_sha256, fetched_at),
        )

    def fetch_problems(self, run_id: int) -> list[tuple[str, str | None]]:
        """Return (outcome, reason) of the run's fetches that were not ``ok``/``not_modified``
        (nor ``removed``: an archived article's removal is the ledger's, not a problem)."""
        return list(
            self.conn.execute(
                "SELECT outcome, reason FROM fetches WHERE run_id = ?"
                " AND outcome NOT IN ('ok', 'not_modified', 'removed')",
                (run_id,),
            )
        )

    def iter_article_pages(self) -> Iterator[StoredPage]:
        """Yield the raw page each article's current record came from (one per article)."""
        cursor = self.conn.execute(
            "SELECT p.* FROM articles a JOIN pages p ON p.sha256 = a.page_sha256"
            " ORDER BY a.article_id"
        )
        names = [d[0] for d in cursor.description]
        for row in cursor:
            data = dict(zip(names, row, strict=True))
            yield StoredPage(
                sha256=data["sha256"],
                url=data["url"],
                final_url=data["final_url"],
                status=data["status"],
                headers=json.loads(data["headers"] or "{}"),
                fetched_at=data["fetched_at"],
                body=decompress(data["body"]),
            )

    # --- articles ---------------------------------------------------------------------------

    def save_article(
        self,
        extraction: ArticleExtraction,
        *,
        page_sha256: str | None,
        captured_at: str,
        run_id: int,
        source: str = LIVE,
        clear_frontier: bool = True,
    ) -> SaveOutcome:
        """Upsert an article; add a version if its content is new. Call inside a transaction.

        Returns ``new`` (first time seen), ``updated`` (content changed: one more version) or
        ``unchanged`` (only ``last_seen``, label and related links refreshed). ``source``: where
        the page came from (a new version and a new article record it); ``clear_frontier``:
        False keeps the article queued for the live site (a backfill's capture).
        """
        article = extraction.article
        record = article.to_dict()
        digest = content_hash(record)
        row = self.conn.execute(
            "SELECT content_hash, version_count FROM articles WHERE article_id = ?",
            (article.article_id,),
        ).fetchone()
        values: dict[str, Any] = {
            "article_id": article.article_id,
            "url": article.url,
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "authors": json.dumps(article.authors, ensure_ascii=False),
            "author_titles": article.author_titles,
            "category": article.category,
            "category_label": article.category_label,
            "published_at": article.published_at,
            "modified_at": article.modified_at,
            "last_seen": captured_at,
            "content_hash": digest,
            "page_sha256": page_sha256,
            "provenance": json.dumps(extraction.provenance, ensure_ascii=False, sort_keys=True),
            "extractor_version": EXTRACTOR_VERSION,
            "search_extra": search_extra(article.title, article.lead, article.body),
        }
        if row is None:
            outcome: SaveOutcome = "new"
            values |= {"first_seen": captured_at, "version_count": 1, "first_source": source}
            self._insert("articles", values)
        elif row[0] != digest and self.loses_fields(article):
            # A flaky response (truncated, an error page) must not replace a good record.
            outcome = "unchanged"
            self._update_article({"article_id": article.article_id, "last_seen": captured_at})
            return outcome
        elif row[0] != digest:
            outcome = "updated"
            values["version_count"] = row[1] + 1
            self._update_article(values)
        else:
            self._update_article(
                {
                    k: values[k]
                    for k in (
                        "article_id",
                        "url",
                        "category",
                        "category_label",
                        "last_seen",
                        "page_sha256",
                        "provenance",
                        "extractor_version",
                    )
                }
            )
            outcome = "unchanged"
        if outcome != "unchanged":
            version = values["version_count"]
            self._insert(
                "article_versions",
                {
                    "article_id": article.article_id,
                    "version": version,
                    "content_hash": digest,
                    "captured_at": captured_at,
                    "run_id": run_id,
                    "page_sha256": page_sha256,
                    "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
                    "source": source,
                },
            )
            self._replace_list(
                "article_authors",
                article.article_id,
                [{"author": name} for name in article.authors],
            )
            self._replace_list(
                "images",
                article.article_id,
                [{"url": i.url, "caption": i.caption, "credit": i.credit} for i in article.images],
            )
        self._replace_related(article)
        if article.category and article.category_label:
            self.record_label(article.category, article.category_label, captured_at)
        if clear_frontier:
            self.conn.execute("DELETE FROM frontier WHERE article_id = ?", (article.article_id,))
        return outcome

    def is_archived(self, article_id: str) -> bool:
        """Return True if ``article_id`` is in ``articles``."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,))
        return row.fetchone() is not None

    def loses_fields(self, article: Article) -> bool:
        """Return True if ``article`` lacks a title, body or date its stored record has."""
        row = self.conn.execute(
            "SELECT title IS NOT NULL, body IS NOT NULL, published_at IS NOT NULL"
            " FROM articles WHERE article_id = ?",
            (article.article_id,),
        ).fetchone()
        now = (
            article.title is not None,
            article.body is not None,
            article.published_at is not None,
        )
        return any(stored and not new for stored, new in zip(row, now, strict=True))

    def _insert(self, table: str, values: dict[str, Any]) -> None:
        """INSERT one row (column names are ours, never user input)."""
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))

    def _update_article(self, values: dict[str, Any]) -> None:
        """UPDATE the ``articles`` row named by ``values['article_id']``."""
        # last_seen never moves back (re-extraction passes the older capture time).
        sets = ", ".join(
            "last_seen = max(coalesce(last_seen, ''), ?)" if k == "last_seen" else f"{k} = ?"
            for k in values
            if k != "article_id"
        )
        params = [v for k, v in values.items() if k != "article_id"] + [values["article_id"]]
        self.conn.execute(f"UPDATE articles SET {sets} WHERE article_id = ?", params)

    def _replace_list(self, table: str, article_id: str, rows: list[dict[str, Any]]) -> None:
        """Replace an article's rows in a (article_id, position) table."""
        self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        for position, row in enumerate(rows):
            self._insert(table, {"article_id": article_id, "position": position, **row})

    def _replace_related(self, article: Article) -> None:
        """Replace an article's related links (they change on every visit; never a version)."""
        self.conn.execute("DELETE FROM related_links WHERE from_id = ?", (article.article_id,))
        self.conn.executemany(
            "INSERT INTO related_links (from_id, position, to_url, to_id, title)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (article.article_id, i, link.url, id_of(link.url), link.title)
                for i, link in enumerate(article.related)
            ],
        )

    def record_label(self, slug: str, label: str, seen_at: str) -> None:
        """Note that section ``slug`` showed ``label`` at ``seen_at`` (first/last seen kept)."""
        self.conn.execute(
            "INSERT INTO sections (slug, label, first_seen, last_seen, times_seen)"
            " VALUES (?, ?, ?, ?, 1) ON CONFLICT(slug, label) DO UPDATE SET"
            " last_seen = max(last_seen, excluded.last_seen),"
            " first_seen = min(first_seen, excluded.first_seen), times_seen = times_seen + 1",
            (slug, label, seen_at, seen_at),
        )

    def get_article(self, article_id: str) -> Article | None:
        """Return the current record of an article, or None."""
        row = next(
            iter(self.db.query("SELECT * FROM articles WHERE article_id = ?", [article_id])), None
        )
        return self.record(row) if row is not None else None

    def records(self, *, limit: int | None = None) -> Iterator[Article]:
        """Yield the current record of every article, by publication date (at most ``limit``).

        Filtered selections are ``scraper.archive.export``'s and ``search``'s.
        """
        sql = "SELECT * FROM articles ORDER BY published_at"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.db.query(sql):
            yield self.record(row)

    def record(self, row: dict[str, Any]) -> Article:
        """Return the ``Article`` of an ``articles`` row (its lists from their tables)."""
        ident = row["article_id"]
        images = [
            Image(url=r["url"], caption=r["caption"], credit=r["credit"])
            for r in self.db.query(
                "SELECT * FROM images WHERE article_id = ? ORDER BY position", [ident]
            )
        ]
        related = [
            RelatedLink(url=r["to_url"], title=r["title"])
            for r in self.db.query(
                "SELECT * FROM related_links WHERE from_id = ? ORDER BY position", [ident]
            )
        ]
        return Article(
            article_id=ident,
            url=row["url"],
            title=row["title"],
            lead=row["lead"],
            body=row["body"],
            authors=json.loads(row["authors"] or "[]"),
            author_titles=row["author_titles"],
            category=row["category"],
            category_label=row["category_label"],
            published_at=row["published_at"],
            modified_at=row["modified_at"],
            related=related,
            images=images,
        )

    # --- frontier and listing state ---------------------------------------------------------

    def add_frontier(self, items: Iterable[tuple[str, str]], *, run_id: int, now: str) -> None:
        """Remember discovered article URLs ``(article_id, url)`` until they are archived."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO frontier (article_id, url, discovered_at, run_id, tries)"
            " VALUES (?, ?, ?, ?, 0)",
            [(ident, url, now, run_id) for ident, url in items],
        )

    def frontier_failed(self, article_id: str) -> None:
        """Count one more failed try of a pending article."""
        self.conn.execute(
            "UPDATE frontier SET tries = tries + 1 WHERE article_id = ?", (article_id,)
        )

    def set_listing_state(self, section: str, *, complete: bool, run_id: int, page: int) -> None:
        """Record how far the walk of ``section``'s pager went in this run."""
        # Written in the caller's transaction, in order with the pages found before it.
        self.conn.execute(
            "INSERT INTO listing_state (section, walk_complete, last_walk_run, deepest_page)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(section) DO UPDATE SET"
            " walk_complete = excluded.walk_complete, last_walk_run = excluded.last_walk_run,"
            " deepest_page = excluded.deepest_page",
            (section, int(complete), run_id, page),
        )


def _check_is_archive(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ``BadArchiveError`` if ``conn``'s database holds tables but none of ours.

    An empty database is a new archive; someone else's database is not one to add ours to.
    Reading the schema is also where SQLite finds a file that is not a database at all.
    """
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if tables and "_sqlite_migrations" not in tables and "articles" not in tables:
        raise BadArchiveError(
            f"not a dbp-archive archive (a SQLite database of other tables): {path}"
        )


def _open_error(path: Path, exc: sqlite3.DatabaseError) -> ArchiveError:
    """Return the one-line error of a failed open: bad input, read-only, or failed."""
    message = str(exc)
    if "not a database" in message:
        return BadArchiveError(f"not an archive (not a SQLite database): {path}")
    if "readonly" in message or "read-only" in message:
        return ReadOnlyArchiveError(f"archive is read-only: {path} ({message})")
    return ArchiveError(f"cannot open archive {path}: {message}")


def open_archive(path: str | Path, *, readonly: bool = False) -> Archive:
    """Open the archive at ``path``: for writing (creating or migrating it), or ``readonly``.

    Read-only opens an existing archive with a ``mode=ro`` URI (``immutable`` in a read-only
    folder) and writes nothing beside it, no lock file either.
    Raises ``BadArchiveError`` (not an archive, missing folder or, read-only, missing file),
    ``ReadOnlyArchiveError`` (a write open of an archive that cannot be written) or
    ``ArchiveError``.
    """
    return Archive(os.fspath(path), readonly=readonly)
