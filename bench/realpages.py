"""Benchmark the generic path on real news pages: ours vs trafilatura, side by side.

Runs ``../shared/realpages/score.py`` (88 real article pages from many news sites with their
true article text, the dev half of Zyte's article-extraction benchmark) twice in one run: on
``dbp-archive extract`` (lead + body, the whole command per page) and on trafilatura alone,
then prints both figure lines and the ratios. Skipped with a note when the pages are absent
(they sit beside the repository, not in it). Never fails on a figure.

    python bench/realpages.py [--pages ../shared/realpages] [--worst 5]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ROOT.parent / "shared" / "realpages"
OURS = f"{sys.executable} -m scraper.cli extract {{path}} --url {{url}}"
_FIGURES_RE = re.compile(r"precision (?P<p>[\d.]+)\s+recall (?P<r>[\d.]+)\s+F1 (?P<f>[\d.]+)")
_UNDER_RE = re.compile(r"under 0\.5: (?P<n>\d+).*mean page F1 (?P<mean>[\d.]+)")


def score(pages: Path, *args: str) -> tuple[str, dict[str, float]]:
    """Run the scorer with ``args``; return its output and the parsed figures."""
    result = subprocess.run(
        [sys.executable, str(pages / "score.py"), "--pages", str(pages), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    out = result.stdout + result.stderr
    figures: dict[str, float] = {}
    if match := _FIGURES_RE.search(out):
        figures |= {key: float(value) for key, value in match.groupdict().items()}
    if match := _UNDER_RE.search(out):
        figures |= {"under": float(match["n"]), "mean": float(match["mean"])}
    return out, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--worst", type=int, default=5)
    args = parser.parse_args()
    if not (args.pages / "score.py").exists():
        print(f"realpages: skipped, no scorer at {args.pages}")
        return
    ours_out, ours = score(args.pages, "--cmd", OURS, "--worst", str(args.worst))
    theirs_out, theirs = score(args.pages, "--baseline", "trafilatura", "--worst", "0")
    print("real news pages (lead + body vs the true text), same run:")
    print(ours_out.rstrip())
    print(f"{'':14}{'F1':>7}{'P':>7}{'R':>7}{'mean':>7}{'<0.5':>6}")
    for name, figures in (("ours", ours), ("trafilatura", theirs)):
        if not figures:
            print(f"{name:14}(no figures: the scorer failed)")
            continue
        print(
            f"{name:14}{figures['f']:7.3f}{figures['p']:7.3f}{figures['r']:7.3f}"
            f"{figures['mean']:7.3f}{int(figures['under']):6d}"
        )
    if ours and theirs:
        print(
            f"ratio ours/trafilatura: F1 {ours['f'] / theirs['f']:.3f}; pages under 0.5: "
            f"{int(ours['under'])} vs {int(theirs['under'])} (budget: F1 >= trafilatura's, "
            f"no more pages under 0.5)"
        )


if __name__ == "__main__":
    main()
