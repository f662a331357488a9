"""Benchmark the hostile web at scale: a generated mirror of 3,000 articles with every hostile
route of tests/mirror.py linked from its home page, crawled with default limits.

    python bench/hostile.py [--articles 3000] [--timeout 30] [--page-cap 500]

Prints the exit code, wall time, peak RSS of the crawl process, its own (``run_measured``;
budget: 300 MB), the requests
each hostile route drew, and the run summary. Never fails on a time.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

# Run as a script: put the repository root first *instead of* bench/, whose incremental.py
# would shadow the "incremental" package that Twisted imports.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.common import crawl_command, fresh_db, mirror_dir, run_measured  # noqa: E402
from tests import mirror as hostile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--timeout", default="30")
    parser.add_argument("--page-cap", default="500")
    args = parser.parse_args()
    site = mirror_dir(args.articles)
    db = fresh_db("hostile-bench.db")
    with hostile.serve_hostile(site) as mirror:
        command = crawl_command(db, mirror.url, "--timeout", args.timeout,
                                "--page-cap", args.page_cap)  # fmt: skip
        code, elapsed, peak_mb, summary = run_measured(command)
        log, other = list(mirror.log), list(mirror.other_log)
    per_route = Counter()
    for entry in log:
        for name, (path, _) in hostile.HOSTILE_ROUTES.items():
            prefix = path.removesuffix(".html") if name.endswith("pager") else path
            if entry.path.startswith(prefix) or (
                name == "redirect_loop" and entry.path == hostile.LOOP_B
            ):
                per_route[name] += 1
    print(
        f"hostile crawl of {args.articles} articles + every hostile route "
        f"(timeout {args.timeout} s, page cap {args.page_cap}):"
    )
    print(
        f"  exit code {code}, wall {elapsed:.1f} s, "
        f"peak RSS {peak_mb:.0f} MB (budget 300 MB), {len(log)} requests, "
        f"{len(other)} to the other listener"
    )
    for name in hostile.HOSTILE_ROUTES:
        print(f"  {name:20} {per_route[name]:5d} requests")
    print(summary)


if __name__ == "__main__":
    main()
