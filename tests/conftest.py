"""Shared fixtures: the offline mirror, its expected records, and running the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.mirror import Mirror, serve

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "tests" / "fixtures" / "site"
UNSEEN_DIR = ROOT / "tests" / "fixtures" / "unseen"
PLATFORM_DIR = ROOT / "tests" / "fixtures" / "platform"  # the probable real CMS templates
SITE = "https://en.baodienbienphu.com.vn"


def expected_pages(root: Path = SITE_DIR) -> list[tuple[Path, str, dict]]:  # type: ignore[type-arg]
    """Return (html path, site URL, expected record) of every article page under ``root``."""
    pages = []
    for json_path in sorted(root.rglob("*.json")):
        html_path = json_path.with_suffix(".html")
        if not html_path.exists():
            continue
        relative = html_path.relative_to(root).as_posix().replace(" ", "%20")
        pages.append((html_path, f"{SITE}/{relative}", json.loads(json_path.read_text("utf-8"))))
    return pages


def run_cli(
    *args: str,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``dbp-archive ARGS`` in a subprocess (a crawl owns its Twisted reactor)."""
    return subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    with serve(SITE_DIR) as running:
        yield running
