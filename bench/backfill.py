"""Benchmark a backfill against a fake Internet Archive on 127.0.0.1: captures a second and
peak memory, at two sizes, pace off.

    python bench/backfill.py [--sizes 500 2000] [--edited 0.1]

For each size N, the generated mirror of N articles is captured once (every page: articles,
listings, pagers) and a share of its articles again with an edit; `dbp-archive backfill
--source wayback --per-minute 600000` runs on a fresh archive, forked from a small launcher so
that its peak RSS is its own. Printed per size: captures, wall time, captures a second, peak
RSS, the outcomes; then the ratio of the peak RSS between the sizes (flat memory: close to 1,
however many captures). The fake's CDX pages hold 5 rows (the real index's 5 blocks hold about
15,000), so the listing makes more requests here than it would. Never fails on a time.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as bench/hostile.py

from bench.common import fresh_db, mirror_dir, run_measured  # noqa: E402
from scraper.urls import classify  # noqa: E402
from tests.fakearchive import Capture, FakeWayback, site_captures  # noqa: E402

FIRST, SECOND = "20260305120000", "20260501080000"
EDIT = b"</p>"  # the first paragraph's end: an edit adds a sentence before it


def captures_of(site: Path, edited_share: float) -> list[Capture]:
    """Return the mirror captured at FIRST, and ``edited_share`` of its articles at SECOND."""
    base = site_captures(site, timestamp=FIRST)
    articles = [c for c in base if classify(c.url) == "article"]
    step = max(1, round(1 / edited_share)) if edited_share else 0
    edited = [
        Capture(c.url, SECOND, c.body.replace(EDIT, b" Corrected later.</p>", 1), headers=c.headers)
        for c in (articles[::step] if step else [])
    ]
    return base + edited


def run(size: int, edited_share: float) -> dict[str, float]:
    captures = captures_of(mirror_dir(size), edited_share)
    db = fresh_db(f"backfill-bench-{size}.db")
    with FakeWayback(captures) as fake:
        command = [sys.executable, "-m", "scraper.cli", "backfill", "--source", "wayback",
                   "--wayback-url", fake.base_url, "--per-minute", "600000", "--quiet",
                   "--db", str(db)]  # fmt: skip
        code, seconds, peak_mb, _ = run_measured(command)
        requests = len(fake.log)
    conn = sqlite3.connect(db)
    summary = json.loads(conn.execute("SELECT summary FROM crawl_runs").fetchone()[0])
    versions = conn.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    conn.close()
    outcomes = summary["outcomes"]
    print(
        f"  {size:6d} articles: {len(captures):6d} captures, {requests:6d} requests, exit {code},"
        f" {seconds:6.1f} s, {len(captures) / seconds:6.1f} captures/s, peak RSS"
        f" {peak_mb:5.0f} MB; {versions} versions; outcomes {dict(sorted(outcomes.items()))}"
    )
    return {"peak_mb": peak_mb, "captures": len(captures)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--edited", type=float, default=0.1)
    args = parser.parse_args()
    print("backfill from a fake Internet Archive on 127.0.0.1, pace off:")
    results = [run(size, args.edited) for size in args.sizes]
    small, large = results[0], results[-1]
    print(
        f"  peak RSS ratio {large['peak_mb'] / small['peak_mb']:.2f} for"
        f" {large['captures'] / small['captures']:.1f}x the captures (flat: close to 1; budget"
        " 300 MB)"
    )


if __name__ == "__main__":
    main()
