"""THE schema of archive.db: sqlite-utils Migrations, applied on open, idempotent.

Tables (column docs for analysts are in ``docs/schema.md`` and ``archive/metadata.json``):

* ``articles``: the current record per ``article_id`` (upserted), with ``first_seen``,
  ``last_seen``, ``content_hash`` and the page it came from.
* ``article_versions``: each distinct content of an article, with its capture time.
* ``related_links``, ``images``: the record's lists, one row per item.
* ``sections``: each (slug, label) seen, with first/last seen: labels change over time.
* ``pages``: raw response bodies (zlib), keyed by sha256; ``fetches``: one row per HTTP
  exchange (refusals and failures too); ``crawl_runs``: one row per run, with fill rates.
* ``frontier``: article URLs discovered but not yet archived: the crawl's memory across kills.
* ``listing_state``: per section, whether its last full walk of the pager completed.
* ``captures``: each capture of a site URL listed from a web archive's CDX index (source,
  URL, timestamp, digest …) and what its backfill did (``state``, ``outcome``);
  ``capture_listings``: each complete CDX listing (a backfill lists again after a day).
  Pages and versions say where they came from (``source``: ``live``, ``wayback``,
  ``commoncrawl``), articles where they were first seen (``first_source``).
* ``articles_fts``: FTS5 over title, lead, body (+ ``search_extra``: the đ-words folded to d,
  which ``remove_diacritics 2`` cannot fold); ``articles_fts_exact``: the same text with
  diacritics kept, to rank exact matches first. Both are external-content tables kept in step
  with ``articles`` by triggers.
* ``article_events``: the ledger of edits and removals (``scraper/archive/ledger.py``), with
  each article's current status in ``articles.status`` (``status_since``, ``last_checked``,
  ``missing_since``).
"""

from __future__ import annotations

from typing import Final

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS: Final = Migrations("dbp-archive")
FTS_TABLE: Final = "articles_fts"
FTS_EXACT_TABLE: Final = "articles_fts_exact"
FTS_COLUMNS: Final = ("title", "lead", "body", "search_extra")
EXACT_COLUMNS: Final = ("title", "lead", "body")


@MIGRATIONS()
def m001_core(db: Database) -> None:
    """Create the archive's tables and indexes."""
    db.table("crawl_runs").create(
        {
            "id": int,
            "started_at": str,
            "ended_at": str,
            "status": str,
            "exit_code": int,
            "mode": str,
            "argv": str,
            "requests": int,
            "pages": int,
            "new_articles": int,
            "updated_articles": int,
            "new_versions": int,
            "errors": int,
            "refused": int,
            "fill_rates": str,
            "warnings": str,
            "summary": str,
        },
        pk="id",
    )
    db.table("pages").create(
        {
            "sha256": str,
            "url": str,
            "final_url": str,
            "status": int,
            "content_type": str,
            "headers": str,
            "fetched_at": str,
            "run_id": int,
            "size": int,
            "body": bytes,
        },
        pk="sha256",
    )
    db.table("pages").create_index(["url"])
    db.table("fetches").create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "status": int,
            "outcome": str,
            "reason": str,
            "content_type": str,
            "bytes": int,
            "page_sha256": str,
            "fetched_at": str,
        },
        pk="id",
    )
    db.table("fetches").create_index(["run_id"])
    db.table("fetches").create_index(["url"])
    db.table("articles").create(
        {
            "article_id": str,
            "url": str,
            "title": str,
            "lead": str,
            "body": str,
            "authors": str,
            "author_titles": str,
            "category": str,
            "category_label": str,
            "published_at": str,
            "modified_at": str,
            "first_seen": str,
            "last_seen": str,
            "content_hash": str,
            "version_count": int,
            "page_sha256": str,
            "provenance": str,
            "extractor_version": str,
            "search_extra": str,
        },
        pk="article_id",
    )
    db.table("articles").create_index(["published_at"])
    db.table("articles").create_index(["category", "published_at"])
    db.table("articles").create_index(["first_seen"])
    db.table("article_versions").create(
        {
            "article_id": str,
            "version": int,
            "content_hash": str,
            "captured_at": str,
            "run_id": int,
            "page_sha256": str,
            "record": str,
        },
        pk=("article_id", "version"),
    )
    db.table("article_versions").create_index(["content_hash"])
    db.table("article_authors").create(
        {"article_id": str, "position": int, "author": str}, pk=("article_id", "position")
    )
    db.table("article_authors").create_index(["author"])
    db.table("related_links").create(
        {"from_id": str, "position": int, "to_url": str, "to_id": str, "title": str},
        pk=("from_id", "position"),
    )
    db.table("related_links").create_index(["to_id"])
    db.table("images").create(
        {"article_id": str, "position": int, "url": str, "caption": str, "credit": str},
        pk=("article_id", "position"),
    )
    db.table("sections").create(
        {"slug": str, "label": str, "first_seen": str, "last_seen": str, "times_seen": int},
        pk=("slug", "label"),
    )
    db.table("frontier").create(
        {"url": str, "article_id": str, "discovered_at": str, "run_id": int, "tries": int},
        pk="article_id",
    )
    db.table("listing_state").create(
        {"section": str, "walk_complete": int, "last_walk_run": int, "deepest_page": int},
        pk="section",
    )


def _fts_triggers(table: str, columns: tuple[str, ...]) -> str:
    """Return the SQL of the triggers that keep an external-content FTS5 table in step."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return f"""
    CREATE TRIGGER {table}_ai AFTER INSERT ON articles BEGIN
      INSERT INTO {table}(rowid, {cols}) VALUES (new.rowid, {new});
    END;
    CREATE TRIGGER {table}_ad AFTER DELETE ON articles BEGIN
      INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.rowid, {old});
    END;
    CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON articles BEGIN
      INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.rowid, {old});
      INSERT INTO {table}(rowid, {cols}) VALUES (new.rowid, {new});
    END;
    """


@MIGRATIONS()
def m002_full_text(db: Database) -> None:
    """Create the two FTS5 indexes over articles and their triggers.

    ``content="articles"`` in double quotes: the form Datasette looks for when it detects a
    table's full-text index, so plain ``datasette archive.db`` searches it too.
    """
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
          {", ".join(FTS_COLUMNS)}, content="articles", content_rowid='rowid',
          tokenize='unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE {FTS_EXACT_TABLE} USING fts5(
          {", ".join(EXACT_COLUMNS)}, content="articles", content_rowid='rowid',
          tokenize='unicode61 remove_diacritics 0');
        {_fts_triggers(FTS_TABLE, FTS_COLUMNS)}
        {_fts_triggers(FTS_EXACT_TABLE, EXACT_COLUMNS)}
        INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild');
        INSERT INTO {FTS_EXACT_TABLE}({FTS_EXACT_TABLE}) VALUES ('rebuild');
        """
    )


@MIGRATIONS()
def m003_views(db: Database) -> None:
    """Create the analysts' views."""
    db.executescript(
        """
        CREATE VIEW articles_per_month AS
          SELECT substr(published_at, 1, 7) AS month, category, count(*) AS articles
          FROM articles GROUP BY month, category ORDER BY month, category;
        CREATE VIEW authors AS
          SELECT author, count(*) AS articles, min(a.published_at) AS first_article,
                 max(a.published_at) AS last_article
          FROM article_authors JOIN articles a USING (article_id)
          GROUP BY author ORDER BY articles DESC, author;
        CREATE VIEW related_graph AS
          SELECT r.from_id, f.title AS from_title, r.to_id, coalesce(t.title, r.title) AS to_title,
                 r.position, t.article_id IS NOT NULL AS archived
          FROM related_links r JOIN articles f ON f.article_id = r.from_id
          LEFT JOIN articles t ON t.article_id = r.to_id;
        """
    )


@MIGRATIONS()
def m004_ledger(db: Database) -> None:
    """Add the ledger of edits and removals: ``article_events`` and the status columns.

    Existing articles start ``live`` since their ``first_seen``, never checked (the re-check
    takes never-checked articles first). ``removals`` lists the confirmed removals and returns.
    """
    articles = db.table("articles")
    articles.add_column("status", str, not_null_default="live")
    articles.add_column("status_since", str)
    articles.add_column("last_checked", str)
    articles.add_column("missing_since", str)
    articles.add_column("last_attempt", str)
    db.execute("UPDATE articles SET status_since = first_seen")
    articles.create_index(["last_checked"])
    articles.create_index(["status"])
    events = db.table("article_events")
    events.create(
        {
            "id": int,
            "article_id": str,
            "event": str,
            "observed_at": str,
            "run_id": int,
            "http_status": int,
            "final_url": str,
            "detail": str,
        },
        pk="id",
    )
    events.create_index(["article_id"])
    events.create_index(["observed_at"])
    db.execute(
        """
        CREATE VIEW removals AS
          SELECT e.observed_at, e.event, e.article_id, a.title, a.url, e.http_status,
                 e.final_url, e.detail, a.status AS status_now, e.run_id
          FROM article_events e JOIN articles a USING (article_id)
          WHERE e.event IN ('gone', 'redirected', 'soft-404', 'returned')
          ORDER BY e.observed_at DESC, e.id DESC
        """
    )


SOURCE_DEFAULT: Final = "live"  # the source of every row written before backfill existed


@MIGRATIONS()
def m005_captures(db: Database) -> None:
    """Create the backfill's tables and the ``source`` columns of pages, versions, articles."""
    db.table("captures").create(
        {
            "source": str,
            "url": str,
            "timestamp": str,
            "captured_at": str,
            "kind": str,
            "key": str,
            "article_id": str,
            "status": str,
            "mime": str,
            "digest": str,
            "length": int,
            "warc_filename": str,
            "warc_offset": int,
            "warc_length": int,
            "listed_at": str,
            "state": str,
            "tries": int,
            "outcome": str,
            "reason": str,
            "fetched_at": str,
            "run_id": int,
            "page_sha256": str,
        },
        pk=("source", "url", "timestamp"),
        not_null={"state", "tries"},
        defaults={"state": "listed", "tries": 0},
    )
    db.table("captures").create_index(["state", "kind", "timestamp"])
    db.table("captures").create_index(["key", "digest"])
    db.table("capture_listings").create(
        {
            "id": int,
            "source": str,
            "since": str,
            "until": str,
            "listed_at": str,
            "captures": int,
            "run_id": int,
        },
        pk="id",
    )
    db.table("pages").add_column("source", str, not_null_default=SOURCE_DEFAULT)
    db.table("pages").add_column("source_url", str)
    db.table("article_versions").add_column("source", str, not_null_default=SOURCE_DEFAULT)
    db.table("articles").add_column("first_source", str, not_null_default=SOURCE_DEFAULT)


def apply(db: Database) -> None:
    """Apply pending migrations (a no-op on an up-to-date archive)."""
    MIGRATIONS.apply(db)
