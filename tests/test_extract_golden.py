"""Extraction against the mirror's saved pages: one test per (page, field), plus no extras."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.extract import extract_article
from scraper.items import Article
from tests.conftest import PLATFORM_DIR, UNSEEN_DIR, expected_pages

NOW = datetime(2026, 11, 23, tzinfo=UTC)
# The mirror's three families, two families written later by someone who had not seen the
# extractor (tests/fixtures/unseen/README.md), and the probable real CMS templates, written the
# same way (tests/fixtures/platform/README.md).
PAGES = expected_pages() + expected_pages(UNSEEN_DIR) + expected_pages(PLATFORM_DIR)
FIELDS = sorted(Article(article_id="x", url="x").to_dict())
_cache: dict[Path, dict] = {}  # type: ignore[type-arg]


def extracted(path: Path, url: str) -> dict:  # type: ignore[type-arg]
    if path not in _cache:
        _cache[path] = extract_article(path.read_bytes(), url, NOW).article.to_dict()
    return _cache[path]


def test_the_mirror_has_enough_pages() -> None:
    assert len(expected_pages()) >= 40
    assert len(expected_pages(UNSEEN_DIR)) >= 8
    assert len(expected_pages(PLATFORM_DIR)) >= 12


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(
    ("path", "url", "expected"), PAGES, ids=[p[0].stem[-9:] + "@" + p[0].parent.name for p in PAGES]
)
def test_field(path: Path, url: str, expected: dict, field: str) -> None:  # type: ignore[type-arg]
    assert extracted(path, url)[field] == expected[field]


@pytest.mark.parametrize(
    ("path", "url", "expected"), PAGES, ids=[p[0].stem[-9:] + "@" + p[0].parent.name for p in PAGES]
)
def test_no_extra_fields(path: Path, url: str, expected: dict) -> None:  # type: ignore[type-arg]
    assert sorted(extracted(path, url)) == sorted(expected)
