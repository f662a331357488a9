"""Extraction against the mirror's saved pages: one test per (page, field), plus no extras, and
the provenance of every page as reviewed (``{stem}.provenance.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.extract import extract_article
from scraper.items import Article, ArticleExtraction
from tests.conftest import PLATFORM_DIR, UNSEEN_DIR, expected_pages
from tests.golden_provenance import NOW, golden_pages, provenance_file

# The mirror's three families, two families written later by someone who had not seen the
# extractor (tests/fixtures/unseen/README.md), and the probable real CMS templates, written the
# same way (tests/fixtures/platform/README.md).
PAGES = expected_pages() + expected_pages(UNSEEN_DIR) + expected_pages(PLATFORM_DIR)
FIELDS = sorted(Article(article_id="x", url="x").to_dict())
# Every family, the held-out pages too: their provenance is reviewed, not their records.
PROVENANCE_PAGES = list(golden_pages())
_cache: dict[Path, tuple[ArticleExtraction, dict]] = {}  # type: ignore[type-arg]


def extraction(path: Path, url: str) -> ArticleExtraction:
    if path not in _cache:
        result = extract_article(path.read_bytes(), url, NOW)
        _cache[path] = result, result.article.to_dict()
    return _cache[path][0]


def extracted(path: Path, url: str) -> dict:  # type: ignore[type-arg]
    extraction(path, url)
    return _cache[path][1]


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


@pytest.mark.parametrize(
    ("path", "url"),
    PROVENANCE_PAGES,
    ids=[p[0].stem[-9:] + "@" + p[0].parent.name for p in PROVENANCE_PAGES],
)
def test_provenance_as_reviewed(path: Path, url: str) -> None:
    stored = provenance_file(path)
    rerun = "run `python -m tests.golden_provenance` and review the diff"
    assert stored.exists(), f"{stored.name} is missing: {rerun}"
    assert json.loads(stored.read_text("utf-8")) == extraction(path, url).provenance, (
        f"{stored.name}: the extractor now finds fields of this page another way;"
        f" if the change of method is intended, {rerun}"
    )
