"""Write the extractor's provenance beside each golden page, so a change of method shows up in
review: ``{stem}.provenance.json`` beside ``{stem}.html`` + ``{stem}.json``.

    python -m tests.golden_provenance           # (re)write them, remove those of pages gone
    python -m tests.golden_provenance --check   # list what differs, exit 1 if anything does

The expected record (``{stem}.json``) says what a careful reader finds on the page; the
provenance file says which step of the extractor found each field (``structured:json-ld
headline``, ``site:<h1>``, ``generic:trafilatura``). Rewrite it when a method change is
intended, and review the diff: a field that moved from ``structured`` to ``generic`` is news
even when its value stayed right.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from scraper.extract import extract_article
from tests.conftest import PLATFORM_DIR, ROOT, SITE_DIR, UNSEEN_DIR, expected_pages

NOW = datetime(2026, 11, 23, tzinfo=UTC)  # the fetch time of every golden page
HELDOUT_DIR = ROOT / "tests" / "fixtures" / "heldout"
FAMILIES = (SITE_DIR, UNSEEN_DIR, PLATFORM_DIR, HELDOUT_DIR)
SUFFIX = ".provenance.json"


def provenance_file(html_path: Path) -> Path:
    """Return the provenance file of a golden page (``X.html`` -> ``X.provenance.json``)."""
    return html_path.with_name(html_path.stem + SUFFIX)


def render(provenance: dict[str, str]) -> str:
    """Return a provenance dict as stored: sorted keys, UTF-8 as is, indented, final newline."""
    return json.dumps(provenance, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def golden_pages() -> Iterator[tuple[Path, str]]:
    """Yield (html path, site URL) of every page with an expected record, in every family."""
    for family in FAMILIES:
        for html_path, url, _ in expected_pages(family):
            yield html_path, url


def expected_files() -> dict[Path, str]:
    """Return every provenance file as the extractor writes it today."""
    return {
        provenance_file(path): render(extract_article(path.read_bytes(), url, NOW).provenance)
        for path, url in golden_pages()
    }


def orphans(wanted: dict[Path, str]) -> list[Path]:
    """Return the provenance files on disk that belong to no golden page."""
    found = (path for family in FAMILIES for path in family.rglob(f"*{SUFFIX}"))
    return sorted(path for path in found if path not in wanted)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.golden_provenance", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="only list what differs")
    args = parser.parse_args(argv)
    wanted = expected_files()
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
    extra = orphans(wanted)
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)}: {'differs' if path.exists() else 'missing'}")
        for path in extra:
            print(f"{path.relative_to(ROOT)}: no golden page beside it")
        return 1 if stale or extra else 0
    for path in stale:
        path.write_text(wanted[path], "utf-8")
    for path in extra:
        path.unlink()
    print(f"{len(wanted)} provenance files, {len(stale)} written, {len(extra)} removed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
