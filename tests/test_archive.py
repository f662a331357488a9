"""The archive: upserts and versions, diacritic-folding search, WARC, Datasette, views."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.archive import open_archive
from scraper.archive.datasette import metadata
from scraper.archive.warc import export_warc
from scraper.items import Article, ArticleExtraction, FetchedPage, Image, RelatedLink

SITE = "https://en.baodienbienphu.com.vn"


def make_article(ident: str, title: str, body: str, **extra: object) -> Article:
    fields: dict[str, object] = {
        "article_id": ident,
        "url": f"{SITE}/xa-hoi/x-{ident}.html",
        "title": title,
        "lead": "A lead.",
        "body": body,
        "authors": ["Hà Linh"],
        "category": "xa-hoi",
        "category_label": "SOCIAL AFFAIRS",
        "published_at": "2025-01-02T08:00:00+07:00",
        "related": [RelatedLink(url=f"{SITE}/kinh-te/y-abcdefghR.html", title="Y")],
        "images": [Image(url=f"{SITE}/i.jpg", caption="A caption.", credit="Photo: Trần Dũng")],
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


def save(archive, article: Article, when: str = "2026-01-01T00:00:00+00:00") -> str:  # type: ignore[no-untyped-def]
    page = FetchedPage(
        url=article.url,
        final_url=article.url,
        status=200,
        headers={"content-type": "text/html"},
        body=(article.body or "-").encode(),
        fetched_at=when,
        kind="article",
    )
    with archive.transaction():
        sha = archive.save_page(page, 1)
        return archive.save_article(
            ArticleExtraction(article=article), page_sha256=sha, captured_at=when, run_id=1
        )


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_archive(tmp_path / "archive.db") as opened:
        yield opened


def count(archive, table: str) -> int:  # type: ignore[no-untyped-def]
    return archive.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_upsert_adds_a_version_only_when_content_changes(archive) -> None:  # type: ignore[no-untyped-def]
    article = make_article("aaaaaaaaR", "Coffee in Điện Biên", "Body one.")
    assert save(archive, article) == "new"
    assert save(archive, article, "2026-01-02T00:00:00+00:00") == "unchanged"
    # Recent news changes on every visit: never a new version.
    relinked = replace(article, related=[RelatedLink(url=f"{SITE}/a/b-bbbbbbbbR.html", title="B")])
    assert save(archive, relinked) == "unchanged"
    assert archive.get_article("aaaaaaaaR").related == relinked.related
    assert save(archive, replace(article, body="Body one, edited.")) == "updated"
    assert count(archive, "articles") == 1
    assert count(archive, "article_versions") == 2
    stored = archive.get_article("aaaaaaaaR")
    assert stored is not None and stored.body == "Body one, edited."
    assert stored.related == article.related
    assert stored.images == article.images


def test_record_round_trip(archive) -> None:  # type: ignore[no-untyped-def]
    article = make_article("aaaaaaaaR", "T", "B", author_titles="Member of X", modified_at=None)
    save(archive, article)
    assert archive.get_article("aaaaaaaaR") == article


@pytest.fixture
def searchable(archive):  # type: ignore[no-untyped-def]
    save(archive, make_article("aaaaaaaaR", "Festival in Điện Biên", "Mường Thanh field."))
    save(archive, make_article("bbbbbbbbR", "Dien Bien coffee", "Written without diacritics."))
    save(
        archive,
        make_article(
            "ccccccccR",
            "Sơn La news",
            "Nothing about it.",
            category="kinh-te",
            authors=["Quang Long"],
        ),
    )
    return archive


# Search itself (query language, ranking, snippets, totals): tests/test_search.py.


def test_warc_reads_back_to_the_stored_bytes(archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save(archive, make_article("aaaaaaaaR", "T", "Body with Điện Biên."))
    out = tmp_path / "out.warc.gz"
    assert export_warc(archive, out).responses == 1
    with open(out, "rb") as stream:
        records = list(
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(stream)
        )
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    assert records[1] == (
        "response",
        f"{SITE}/xa-hoi/x-aaaaaaaaR.html",
        "Body with Điện Biên.".encode(),
    )


def test_views_and_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with open_archive(path) as first:
        save(first, make_article("aaaaaaaaR", "T", "B"))
    with open_archive(path) as again:
        assert count(again, "articles") == 1
        assert list(again.db.query("SELECT * FROM authors"))[0]["author"] == "Hà Linh"
        assert list(again.db.query("SELECT * FROM articles_per_month"))[0]["month"] == "2025-01"
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_datasette_serves_the_archive_with_search(searchable) -> None:  # type: ignore[no-untyped-def]
    from datasette.app import Datasette

    from scraper.archive.datasette_plugin import register

    register()  # as `dbp-archive serve` does: the canned search speaks the query language
    path = searchable.path
    searchable.close()

    async def fetch() -> tuple[dict, dict]:  # type: ignore[type-arg]
        ds = Datasette([str(path)], metadata=metadata(path))
        table = await ds.client.get(f"/{path.stem}/articles.json?_search=dien+bien&_shape=array")
        canned = await ds.client.get(f"/{path.stem}/search.json?q=%C4%90i%E1%BB%87n&_shape=array")
        return table.json(), canned.json()

    async def fetch_plain() -> list[dict]:  # type: ignore[type-arg]
        ds = Datasette([str(path)])  # `datasette archive.db`: FTS found with no metadata
        response = await ds.client.get(f"/{path.stem}/articles.json?_search=Điện&_shape=array")
        return response.json()

    table, canned = asyncio.run(fetch())
    assert {row["article_id"] for row in asyncio.run(fetch_plain())} == {"aaaaaaaaR"}
    assert {row["article_id"] for row in table} == {"aaaaaaaaR", "bbbbbbbbR"}
    # Diacritic-insensitive like `search`, the exact form (Điện) ranked first.
    assert [row["article_id"] for row in canned] == ["aaaaaaaaR", "bbbbbbbbR"]
    assert json.dumps(metadata(path))  # serialisable


def test_a_flaky_response_never_replaces_a_good_record(archive) -> None:  # type: ignore[no-untyped-def]
    good = make_article("aaaaaaaaR", "Coffee in Điện Biên", "A full body.")
    save(archive, good)
    truncated = replace(good, body=None, published_at=None)
    assert save(archive, truncated, "2026-01-05T00:00:00+00:00") == "unchanged"
    stored = archive.get_article("aaaaaaaaR")
    assert stored is not None and stored.body == "A full body."
    assert count(archive, "article_versions") == 1
