"""Benchmark the crawl: ours (extraction + archive writes) vs a bare Scrapy spider, same mirror.

    python bench/crawl.py [--articles 3000] [--rounds 2]

Both crawl the same generated mirror (served on 127.0.0.1) with politeness off (no delay,
16 concurrent requests, no AutoThrottle); the bare spider runs two XPaths and stores nothing.
Prints pages/s of each, their ratio (budget: ours >= 70 % of bare), peak RSS of each crawl
process, and re-extraction speed of the stored pages on one core (budget >= 100 pages/s).
Times are wall-clock of the whole process (start-up included for both); best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script: put the repository root first *instead of* bench/, whose incremental.py
# would shadow the "incremental" package that Twisted imports.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.common import ROOT, crawl_command, fresh_db, mirror_dir  # noqa: E402
from scraper.archive import open_archive  # noqa: E402
from scraper.mirror import serve  # noqa: E402
from scraper.reextract import reextract  # noqa: E402

# The bare spider's settings: the same politeness-off figures, none of our components.
BARE = ["-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=16",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False"]  # fmt: skip


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float, None]:
    """Run ``command``; return (wall seconds, peak RSS in MB, None) — output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"{command[2:4]} failed:\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, None


def bare(url: str) -> tuple[float, float, int]:
    """Crawl with the bare spider; return (seconds, peak RSS MB, pages)."""
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "items.jsonl"
        # Run outside the project (no scrapy.cfg): plain Scrapy settings, none of ours.
        spider = str(ROOT / "bench" / "bare_spider.py")
        command = [sys.executable, "-m", "scrapy", "runspider", spider, "-a", f"start={url}/",
                   "-o", str(feed), *BARE]  # fmt: skip
        seconds, rss, _ = timed(command, cwd=Path(tmp))
        pages = sum(1 for _ in feed.open())
    return seconds, rss, pages


def ours(url: str) -> tuple[float, float, int]:
    """Crawl with dbp-archive (full mode); return (seconds, peak RSS MB, pages fetched)."""
    db = fresh_db("crawl-bench.db")
    seconds, rss, _ = timed(crawl_command(db, url, "--full"))
    conn = sqlite3.connect(db)
    pages = conn.execute("SELECT count(*) FROM fetches WHERE outcome = 'ok'").fetchone()[0]
    conn.close()
    return seconds, rss, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    site = mirror_dir(args.articles)
    results: dict[str, list[tuple[float, float, int]]] = {"bare": [], "ours": []}
    with serve(site) as mirror:
        for round_ in range(args.rounds):
            results["bare"].append(bare(mirror.url))
            results["ours"].append(ours(mirror.url))
            print(
                f"round {round_ + 1}: bare {results['bare'][-1][0]:.1f} s, "
                f"ours {results['ours'][-1][0]:.1f} s",
                flush=True,
            )
    rate = {
        name: max(pages / seconds for seconds, _, pages in runs) for name, runs in results.items()
    }
    rss = {name: max(r for _, r, _ in runs) for name, runs in results.items()}
    pages = {name: runs[-1][2] for name, runs in results.items()}
    print(f"\ncrawl of a generated mirror of {args.articles} articles, politeness off:")
    for name in ("bare", "ours"):
        print(
            f"  {name:5} {pages[name]:6d} pages  {rate[name]:7.1f} pages/s  peak RSS "
            f"{rss[name]:6.0f} MB"
        )
    print(f"  ratio ours/bare: {rate['ours'] / rate['bare']:.0%} (budget >= 70 %)")
    with open_archive(ROOT / "bench" / "out" / "crawl-bench.db") as archive:
        start = time.process_time()
        report = reextract(archive)
        cpu = time.process_time() - start
    print(
        f"re-extraction of {report.pages} stored pages: {report.pages / cpu:.0f} pages/s of "
        f"CPU on one core (budget >= 100); {report.updated} records changed"
    )


if __name__ == "__main__":
    main()
