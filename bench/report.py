"""Benchmark `trends` and `report` on the synthetic archive of bench/archive.py.

    python bench/report.py [--articles 100000] [--db PATH]

Builds the archive (as bench/archive.py does, plus 1 % of the articles edited once and two
crawl runs), or reuses ``--db PATH`` when it exists (built there otherwise, and kept). Times
`trends` (3 queries: a rare, a mid and a common one; by month and by week) and `report`
(the same queries), the commands as a user runs them, in a subprocess. Prints figures; never
fails on a time. Budgets: trends < 2 s, report < 30 s.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.archive import bench_store, make_article, page_of, topic  # noqa: E402
from scraper.archive import open_archive  # noqa: E402
from scraper.items import ArticleExtraction  # noqa: E402

QUERIES = [topic(120), topic(5), "Điện Biên"]


def build(path: Path, n: int) -> None:
    """Write ``n`` synthetic articles, edit 1 % of them once, record two runs."""
    rng = random.Random(7)
    print(f"building {n} synthetic articles into {path} ...", flush=True)
    articles = [make_article(rng, k) for k in range(n)]
    seconds = bench_store(path, articles)
    print(f"  written in {seconds:.0f} s", flush=True)
    with open_archive(path) as archive:
        for k, article in enumerate(articles[::100]):
            edited = replace(article, body=article.body + " Corrected.")
            page = page_of(edited)
            when = f"2026-11-{1 + k % 28:02d}T03:00:00+00:00"
            sha = archive.save_page(replace(page, fetched_at=when), 2)
            archive.save_article(ArticleExtraction(article=edited), page_sha256=sha,
                                 captured_at=when, run_id=2)  # fmt: skip
        archive.commit()
        for run, (requests, refused) in enumerate([(n + 50, 3), (n // 100 + 20, 0)], 1):
            run_id = archive.begin_run(mode="full", argv="bench", started_at=f"2026-11-0{run}")
            archive.end_run(run_id, status="ok", requests=requests, refused=refused, errors=0,
                            fill_rates={"title": 1.0, "body": 1.0, "published_at": 1.0,
                                        "authors": 0.98, "lead": 0.99})  # fmt: skip


def timed(*args: str) -> float:
    """Run ``dbp-archive ARGS``; return its wall time in seconds (exit 0 checked)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"dbp-archive {' '.join(args)} failed: {result.stderr.strip()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Reuse (or build and keep) this archive.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build(db, args.articles)
        with open_archive(db, readonly=True) as archive:
            n = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"\ntrends and report over {n} articles (queries: {', '.join(QUERIES)}):")
        timed("trends", "--db", str(db), "coffee")  # warm the file cache
        for by in ("month", "week", "day"):
            times = [timed("trends", *QUERIES, "--by", by, "--format", "csv", "--db", str(db))
                     for _ in range(3)]  # fmt: skip
            print(f"  trends --by {by:5}  best {min(times):5.2f} s, worst {max(times):5.2f} s"
                  "  (budget < 2 s, process start included)")  # fmt: skip
        out = Path(tmp) / "report.html"
        queries = [arg for q in QUERIES for arg in ("--query", q)]
        seconds = timed("report", "--db", str(db), "--out", str(out), *queries)
        print(f"  report           {seconds:5.2f} s  (budget < 30 s), "
              f"{out.stat().st_size / 1e6:.1f} MB of HTML")  # fmt: skip
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import scraper.cli, matplotlib.figure"], check=True)
        print(f"  of which starting Python and importing: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
