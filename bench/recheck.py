"""Benchmark the re-check of the back catalogue: requests per run with the default slice, and
how many runs cover the whole catalogue, on a generated mirror.

    python bench/recheck.py [--articles 2000] [--runs 3]

A first crawl archives the mirror; then ``--runs`` unchanged incremental re-runs with the
default ``--recheck auto`` and no revisits (``--revisit-days 0``), so each run's extra requests
are its re-check slice alone. Printed per run: requests, the re-check requests (counted apart),
their answers (304s), and the budget ``sections + 2 + rechecks``; then the arithmetic: the
slice ``ceil(articles / 120)`` (at most 250), runs to cover the catalogue, days at 4 runs a
day, and the slice's time at the crawl's polite 1 request/s.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as bench/incremental.py

from bench.common import fresh_db, mirror_dir  # noqa: E402
from bench.incremental import crawl  # noqa: E402
from scraper.config import MAX_RECHECKS, RECHECK_CYCLE_RUNS, CrawlConfig  # noqa: E402
from scraper.mirror import serve  # noqa: E402

RUNS_A_DAY = 4  # `dbp-archive schedule --every 6h`
POLITE_RATE = 1.0  # requests/s: DOWNLOAD_DELAY 1 s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = fresh_db("recheck-bench.db")
    rows = []
    with serve(mirror_dir(args.articles)) as mirror:
        crawl(db, mirror.url)
        for _ in range(args.runs):
            rows.append(crawl(db, mirror.url, "--revisit-days", "0"))
    conn = sqlite3.connect(db)
    archived = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    sections = conn.execute("SELECT count(*) FROM listing_state").fetchone()[0]
    # Distinct articles re-checked since the first crawl: the slices do not overlap.
    checked = conn.execute(
        "SELECT count(*) FROM articles"
        " WHERE last_checked > (SELECT ended_at FROM crawl_runs ORDER BY id LIMIT 1)"
    ).fetchone()[0]
    conn.close()
    slice_size = CrawlConfig().recheck_slice(archived)
    print(f"\nre-check of the back catalogue, generated mirror of {archived} articles:")
    print(f"  {'run':8} {'requests':>8} {'rechecks':>8} {'304':>6} {'budget':>7} {'seconds':>8}")
    for number, (seconds, row) in enumerate(rows, 2):
        summary = json.loads(str(row.get("summary") or "{}"))
        rechecks = summary.get("rechecks", {})
        requested = int(rechecks.get("requested", 0))
        budget = sections + 2 + requested
        print(
            f"  run {number:<4} {row['requests']:8d} {requested:8d} "
            f"{rechecks.get('unchanged', 0):6d} {budget:7d} {seconds:8.1f}"
        )
    runs = math.ceil(archived / slice_size) if slice_size else 0
    print(
        f"  default slice: ceil({archived} / {RECHECK_CYCLE_RUNS}) = {slice_size} a run"
        f" (cap {MAX_RECHECKS}); {runs} runs cover the catalogue = {runs / RUNS_A_DAY:.0f} days"
        f" at {RUNS_A_DAY} runs a day; {slice_size / POLITE_RATE:.0f} s of requests a run at"
        f" {POLITE_RATE:g} request/s"
    )
    print(f"  distinct articles re-checked in those {len(rows)} runs: {checked}")


if __name__ == "__main__":
    main()
