"""Benchmark incremental crawling: requests and wall time of a full crawl, an unchanged
re-run, and a re-run after 10 new articles appear, on a generated mirror.

    python bench/incremental.py [--articles 2000]

Goal: an unchanged re-run costs at most (sections + 2) requests, revisits and re-checks
aside (the revisit window is set to 0 for that figure, the default 3-day window is shown
too; the re-check slice of the back catalogue is printed apart, ``rechecks``).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

# Run as a script: put the repository root first *instead of* bench/, whose incremental.py
# would shadow the "incremental" package that Twisted imports.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.common import ROOT, crawl_command, fresh_db, mirror_dir  # noqa: E402
from scraper.mirror import serve  # noqa: E402


def crawl(db: Path, url: str, *extra: str) -> tuple[float, dict[str, object]]:
    """Run one crawl; return (wall seconds, its crawl_runs row)."""
    start = time.perf_counter()
    command = crawl_command(db, url, *extra)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 3):
        raise SystemExit(result.stderr[-2000:])
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone())
    conn.close()
    return seconds, row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    before, after = mirror_dir(args.articles), mirror_dir(args.articles, extra_new=10)
    db = fresh_db("incremental-bench.db")
    rows = []
    with serve(before) as mirror:
        rows.append(("first crawl (empty archive)", *crawl(db, mirror.url)))
        rows.append(
            ("unchanged re-run, no revisits", *crawl(db, mirror.url, "--revisit-days", "0"))
        )
        rows.append(("unchanged re-run, 3-day revisits", *crawl(db, mirror.url)))
    with serve(after) as mirror:
        rows.append(("after 10 new articles", *crawl(db, mirror.url, "--revisit-days", "0")))
    conn = sqlite3.connect(db)
    sections = conn.execute("SELECT count(*) FROM listing_state").fetchone()[0]
    conn.close()
    print(f"\nincremental crawls of a generated mirror of {args.articles} articles:")
    print(f"  {'run':34} {'requests':>8} {'rechecks':>8} {'new':>6} {'304':>6} {'seconds':>8}")
    for name, seconds, row in rows:
        summary = eval_summary(row)
        rechecks = int(summary.get("rechecks", {}).get("requested", 0))
        print(
            f"  {name:34} {row['requests']:8d} {rechecks:8d} {row['new_articles']:6d} "
            f"{summary.get('not_modified', 0):6d} {seconds:8.1f}"
        )
    print(
        f"  sections walked: {sections}; goal for an unchanged re-run: <= {sections + 2} "
        "requests + its re-checks (robots.txt included in the requests above; the re-check "
        "slice, default auto = ceil(articles / 120), counted apart: bench/recheck.py)"
    )


def eval_summary(row: dict[str, object]) -> dict[str, int]:
    import json

    return json.loads(str(row.get("summary") or "{}"))


if __name__ == "__main__":
    main()
