"""Shared by the benchmarks: the generated mirrors and the crawl command with politeness off."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.measure import PEAK_RSS_LAUNCHER  # noqa: E402
from tests.sitegen.build import build_synthetic  # noqa: E402

# Politeness off, for measuring: no delay, 16 requests in flight, no AutoThrottle.
FAST = ["--delay", "0", "--concurrency", "16", "--no-autothrottle", "--quiet"]


def crawl_command(db: Path, mirror_url: str, *extra: str) -> list[str]:
    """Return the ``dbp-archive crawl`` command line for a benchmark crawl of the mirror."""
    return [sys.executable, "-m", "scraper.cli", "crawl", "--db", str(db), "--mirror",
            mirror_url, *FAST, *extra]  # fmt: skip


def fresh_db(name: str) -> Path:
    """Return the path of benchmark archive ``name`` in bench/out, with any old copy removed."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / name
    for stale in OUT.glob(name + "*"):
        stale.unlink()
    return db


def mirror_dir(articles: int, *, extra_new: int = 0) -> Path:
    """Return a generated mirror of ``articles`` articles (+ ``extra_new`` newer ones), built
    once and cached in bench/out."""
    path = OUT / (f"mirror-{articles}" + (f"-plus{extra_new}" if extra_new else ""))
    if not (path / "index.html").exists():
        print(f"generating a mirror of {articles}+{extra_new} articles in {path} ...", flush=True)
        shutil.rmtree(path, ignore_errors=True)
        build_synthetic(path, articles, extra_new=extra_new)
    return path


def run_measured(command: list[str]) -> tuple[int, float, float, str]:
    """Run ``command`` from the repository root; return (exit code, wall seconds, its own peak
    RSS in MB, its stdout). Through ``tests.measure.PEAK_RSS_LAUNCHER``: see there why."""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak-rss-kb"
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PEAK_RSS_LAUNCHER, str(peak_file), *command],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak_mb = int(peak_file.read_text() or 0) / 1024
    return done.returncode, elapsed, peak_mb, done.stdout
