"""Benchmark the archive: writes through our store vs raw executemany, search latency, size.

    python bench/archive.py [--articles 100000]

Prints figures and ratios; never fails on a time. Synthetic articles are deterministic
(seeded) Vietnamese-English text with diacritics, ~3 KB of body each, like the real paper's.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a script: put the repository root first *instead of* bench/, whose incremental.py
# would shadow the "incremental" package that Twisted imports.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from scraper.archive import open_archive  # noqa: E402
from scraper.archive.search import search  # noqa: E402
from scraper.items import Article, ArticleExtraction, FetchedPage, Image, RelatedLink  # noqa: E402
from scraper.pipelines import COMMIT_EVERY_ITEMS  # noqa: E402

WORDS = [
    "Điện",
    "Biên",
    "province",
    "coffee",
    "harvest",
    "farmers",
    "Mường",
    "Thanh",
    "field",
    "border",
    "guards",
    "Laos",
    "cooperation",
    "tourism",
    "festival",
    "ethnic",
    "Thái",
    "Mông",
    "people",
    "Party",
    "Congress",
    "resolution",
    "economy",
    "investment",
    "road",
    "school",
    "health",
    "care",
    "rice",
    "terraces",
    "Tuần",
    "Giáo",
    "Nậm",
    "Pồ",
    "Mường",
    "Lay",
    "Điện",
    "Biên",
    "Đông",
    "hydropower",
    "forest",
    "protection",
    "digital",
    "transformation",
    "culture",
    "tradition",
    "football",
    "youth",
    "union",
    "women",
    "poverty",
    "reduction",
    "households",
    "program",
    "target",
    "national",
    "defence",
    "soldiers",
    "exercise",
    "training",
]
SECTIONS = ["thoi-su-chinh-tri", "kinh-te", "xa-hoi", "doi-ngoai", "van-hoa", "travel", "the-thao"]
QUERIES = [
    "Điện Biên",
    "dien bien",
    "coffee harvest",
    "Mường Thanh",
    "muong thanh",
    "border guards",
    "Laos cooperation",
    "tourism festival",
    "Party Congress",
    "hydropower",
    "Nậm Pồ",
    "nam po",
    "digital transformation",
    "rice terraces",
    "football youth",
    "poverty reduction",
    "national defence",
    "Tuần Giáo",
    "forest protection",
    "investment road",
]
SITE = "https://en.baodienbienphu.com.vn"


def make_article(rng: random.Random, n: int) -> Article:
    """Return a deterministic synthetic article number ``n``."""
    ident = f"{n:08d}R"
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(40, 70))) + "." for _ in range(7)]
    section = SECTIONS[n % len(SECTIONS)]
    day = 1 + n % 28
    return Article(
        article_id=ident,
        url=f"{SITE}/{section}/synthetic-{ident}.html",
        title=" ".join(rng.choices(WORDS, k=9)).capitalize(),
        lead=" ".join(rng.choices(WORDS, k=35)) + ".",
        body="\n\n".join(paragraphs),
        authors=[rng.choice(["Hà Linh", "Quang Long", "Trần Dũng", "An Chi"])],
        category=section,
        category_label=section.upper(),
        published_at=f"20{24 + n % 3}-{1 + n % 12:02d}-{day:02d}T08:00:00+07:00",
        related=[
            RelatedLink(url=f"{SITE}/xa-hoi/r-{(n + k) % 99999:08d}g.html", title="Related")
            for k in range(12)
        ],
        images=[
            Image(url=f"{SITE}/images/{ident}.jpg", caption="A caption.", credit="Photo: C.T.V")
        ],
    )


def page_of(article: Article) -> FetchedPage:
    """Return a raw page for ``article`` (~its text wrapped in 40 KB of template)."""
    html = (
        f"<html><head><title>{article.title}</title></head><body>{'<div>menu</div>' * 2000}"
        f"<h1>{article.title}</h1><p>{article.lead}</p><p>{article.body}</p></body></html>"
    )
    return FetchedPage(
        url=article.url,
        final_url=article.url,
        status=200,
        headers={"content-type": "text/html"},
        body=html.encode(),
        fetched_at="2026-11-23T00:00:00+00:00",
        kind="article",
    )


def bench_store(path: Path, articles: list[Article]) -> float:
    """Write every article as a crawl does (page + fetch + record + version + FTS, committed
    every ``COMMIT_EVERY_ITEMS`` like the archive pipeline); return seconds."""
    start = time.perf_counter()
    with open_archive(path) as archive:
        for n, article in enumerate(articles, 1):
            page = page_of(article)
            sha = archive.save_page(page, 1)
            archive.save_fetch(run_id=1, url=page.url, status=200, outcome="ok",
                               fetched_at=page.fetched_at, page_sha256=sha)  # fmt: skip
            archive.save_article(ArticleExtraction(article=article), page_sha256=sha,
                                 captured_at=page.fetched_at, run_id=1)  # fmt: skip
            if n % COMMIT_EVERY_ITEMS == 0:
                archive.commit()
        archive.commit()
    return time.perf_counter() - start


def bench_raw(path: Path, articles: list[Article]) -> float:
    """Write the same article rows with one sqlite3 executemany (no page, no FTS); seconds."""
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE articles (article_id TEXT PRIMARY KEY, url, title, lead, body,"
        " authors, category, category_label, published_at, record)"
    )
    with conn:
        conn.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.article_id,
                    a.url,
                    a.title,
                    a.lead,
                    a.body,
                    json.dumps(a.authors),
                    a.category,
                    a.category_label,
                    a.published_at,
                    json.dumps(a.to_dict()),
                )
                for a in articles
            ],
        )
    conn.close()
    return time.perf_counter() - start


def bench_search(path: Path) -> list[float]:
    """Return the latency (ms) of each query of ``QUERIES``, after one warm-up pass."""
    with open_archive(path) as archive:
        for query in QUERIES:
            search(archive, query, limit=20)
        times = []
        for query in QUERIES:
            start = time.perf_counter()
            search(archive, query, limit=20)
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"generating {args.articles} synthetic articles ...", flush=True)
    articles = [make_article(rng, n) for n in range(args.articles)]
    with tempfile.TemporaryDirectory() as tmp:
        ours_path, raw_path = Path(tmp) / "ours.db", Path(tmp) / "raw.db"
        ours = bench_store(ours_path, articles)
        raw = bench_raw(raw_path, articles)
        times = sorted(bench_search(ours_path))
        size = ours_path.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("ours.db-*"))
    n = args.articles
    p50 = statistics.median(times)
    p95 = times[int(round(0.95 * (len(times) - 1)))]
    print(f"\nwrites, {n} articles (page + fetch + record + version + 2 FTS indexes, "
          f"committed every {COMMIT_EVERY_ITEMS} as in a crawl):")  # fmt: skip
    print(f"  our store        {ours:8.1f} s   {n / ours:8.0f} articles/s")
    print(f"  raw executemany  {raw:8.1f} s   {n / raw:8.0f} articles/s (one transaction, no FTS)")
    print(f"  ratio            ours takes {ours / raw:.1f}x the raw insert time")
    print(
        f"search over {n} articles, {len(times)} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms (budget p95 < 100 ms)"
    )
    print(
        f"archive size: {size / 1e6:.1f} MB, {size / n:.0f} bytes per article "
        "(raw page compressed + record + indexes)"
    )


if __name__ == "__main__":
    main()
