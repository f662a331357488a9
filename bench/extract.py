"""Benchmark extraction: ours vs trafilatura's ``bare_extraction``, side by side, per family.

Families: a, b, c (the mirror), unseen next/drupal (written later by an outsider, then used to
fix general weaknesses), platform (the probable real CMS templates, by an outsider), held-out
(written by a third outsider; measured untouched first — the figures are in the README — then
used the same way).

    python bench/extract.py [--repeat 5]

On every article page of the offline mirror (and tests/fixtures/unseen, if present) with its
expected JSON, prints per markup family: body token-level F1 for both extractors; metadata
accuracy (title, lead, published date, authors) for both; our accuracy on every other field;
and the time per page of each with their ratio. Never fails on a time.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # the repository root instead of bench/ (see bench/crawl.py)

import trafilatura  # noqa: E402

from scraper.extract import extract_article  # noqa: E402
from scraper.extract.text import clean_text  # noqa: E402
from tests.conftest import PLATFORM_DIR, SITE_DIR, UNSEEN_DIR, expected_pages  # noqa: E402

NOW = datetime(2026, 11, 23, tzinfo=UTC)
_WORD_RE = re.compile(r"\w+")
META_FIELDS = ("title", "lead", "published_day", "authors")


def tokens(text: str | None) -> Counter[str]:
    """Return the multiset of lower-cased word tokens of ``text``."""
    return Counter(_WORD_RE.findall((text or "").lower()))


def f1(got: str | None, expected: str | None) -> float:
    """Return token-level F1 of ``got`` against ``expected`` (1.0 when both are empty)."""
    a, b = tokens(got), tokens(expected)
    if not a and not b:
        return 1.0
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def families() -> dict[str, str]:
    """Return ``{article_id: family}`` from the mirror's source data (unseen pages: 'unseen')."""
    from tests.sitegen.content import ARTICLES

    family = {article.id: f"family {article.family}" for article in ARTICLES}
    if HELDOUT_DIR.exists():
        for _, _, record in expected_pages(HELDOUT_DIR):
            family[record["article_id"]] = "held-out"
    if HELDOUT2_DIR.exists():
        for _, _, record in expected_pages(HELDOUT2_DIR):
            family[record["article_id"]] = "held-out 2"
    for _, _, record in expected_pages(PLATFORM_DIR):
        family[record["article_id"]] = "platform"
    for path, _, record in expected_pages(UNSEEN_DIR):  # README: Next.js (A) and Drupal (B)
        family[record["article_id"]] = "unseen " + (
            "next" if "__NEXT_DATA__" in path.read_text() else "drupal"
        )
    return family


HELDOUT_DIR = ROOT / "tests" / "fixtures" / "heldout"
HELDOUT2_DIR = ROOT / "tests" / "fixtures" / "heldout2"


def pages() -> list[tuple[Path, str, dict[str, Any]]]:
    """Return (path, url, expected record) of the mirror's, the unseen and the held-out pages."""
    heldout = [p for d in (HELDOUT_DIR, HELDOUT2_DIR) if d.exists() for p in expected_pages(d)]
    return expected_pages() + expected_pages(UNSEEN_DIR) + expected_pages(PLATFORM_DIR) + heldout


def ours(html: bytes, url: str) -> dict[str, Any]:
    record = extract_article(html, url, NOW).article.to_dict()
    record["published_day"] = (record["published_at"] or "")[:10] or None
    return record


def theirs(html: bytes, url: str) -> dict[str, Any]:
    document = trafilatura.bare_extraction(
        html.decode("utf-8", "replace"), url=url, with_metadata=True
    )
    if document is None:
        return {"title": None, "lead": None, "body": None, "published_day": None, "authors": []}
    authors = [clean_text(a) for a in re.split(r";|,", document.author or "") if a.strip()]
    return {
        "title": clean_text(document.title) or None,
        "lead": clean_text(document.description) or None,
        "body": document.text,
        "published_day": document.date,
        "authors": authors,
    }


def timed(
    func: Callable[[bytes, str], dict[str, Any]], html: bytes, url: str, repeat: int
) -> tuple[dict[str, Any], float]:
    """Return (result, median seconds) of ``repeat`` calls."""
    times = []
    result: dict[str, Any] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(html, url)
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    family_of = families()
    stats: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path, url, expected in pages():
        family = family_of.get(expected["article_id"], "unseen")
        expected = {**expected, "published_day": (expected["published_at"] or "")[:10] or None}
        html = path.read_bytes()
        mine, my_time = timed(ours, html, url, args.repeat)
        other, other_time = timed(theirs, html, url, args.repeat)
        row = stats[family]
        row["ours_f1"].append(f1(mine["body"], expected["body"]))
        row["traf_f1"].append(f1(other["body"], expected["body"]))
        row["ours_ms"].append(my_time * 1000)
        row["traf_ms"].append(other_time * 1000)
        for name in META_FIELDS:
            row[f"ours_{name}"].append(float(mine[name] == expected[name]))
            row[f"traf_{name}"].append(float(other[name] == expected[name]))
        for name in expected:
            if name != "published_day":
                row[f"all_{name}"].append(float(mine[name] == expected[name]))
    mean = statistics.fmean
    print(
        f"extraction on {sum(len(r['ours_f1']) for r in stats.values())} pages "
        f"(mirror: {SITE_DIR.relative_to(ROOT)}, unseen: {UNSEEN_DIR.relative_to(ROOT)})\n"
    )
    print(
        f"{'family':12} {'pages':>5}  {'body F1 ours':>12} {'trafilatura':>11}  "
        f"{'ms/page ours':>12} {'trafilatura':>11} {'ratio':>6}"
    )
    for family, row in sorted(stats.items()):
        print(
            f"{family:12} {len(row['ours_f1']):5d}  {mean(row['ours_f1']):12.3f} "
            f"{mean(row['traf_f1']):11.3f}  {mean(row['ours_ms']):12.1f} "
            f"{mean(row['traf_ms']):11.1f} {mean(row['ours_ms']) / mean(row['traf_ms']):6.2f}"
        )
    print("\nmetadata accuracy (share of pages exactly right), ours / trafilatura:")
    for family, row in sorted(stats.items()):
        cells = "  ".join(
            f"{name} {mean(row['ours_' + name]):.2f}/{mean(row['traf_' + name]):.2f}"
            for name in META_FIELDS
        )
        print(f"  {family:12} {cells}")
    print("\nour accuracy on every record field (share of pages exactly equal):")
    for family, row in sorted(stats.items()):
        wrong = {k[4:]: mean(v) for k, v in row.items() if k.startswith("all_") and mean(v) < 1}
        print(
            f"  {family:12} "
            + (", ".join(f"{k} {v:.2f}" for k, v in sorted(wrong.items())) or "all fields 1.00")
        )


if __name__ == "__main__":
    main()
