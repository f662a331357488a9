"""The reviewer's trap pages (tests/fixtures/traps/README.md): each once gave a plausible wrong
value. One row per page: what a careful reader takes from it, checked field by field."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from scraper.extract import extract_article

TRAPS = Path(__file__).parent / "fixtures" / "traps"
URL = "https://en.baodienbienphu.com.vn/xa-hoi/test-abcdefghR.html"
NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
SCHOOL_LEAD = "The provincial People's Committee on Monday opened a new ethnic boarding school"
LAST_SCHOOL_PARAGRAPH = "stay at school during the week instead of walking for hours."


def read(name: str) -> Any:
    return extract_article((TRAPS / f"{name}.html").read_bytes(), URL, NOW)


# (page, field, check, why)
CASES = [
    ("p1_fontdiv", "body", lambda v: "Editor's note: Mường Nhé" in v, "a font-italic note is text"),
    ("p1_fontdiv", "authors", lambda v: v == ["Thu Hà"], "a p.font-bold signature"),
    ("p2_sidebar_sapo", "lead", lambda v: v.startswith(SCHOOL_LEAD), "not the sidebar's sapo"),
    ("p2b_aside", "lead", lambda v: v.startswith(SCHOOL_LEAD), "not an aside's sapo"),
    ("p3_footer_desc", "lead", lambda v: v is None, "the footer's tagline is no lead"),
    ("p4_inline_related", "body", lambda v: "Sín Thầu moved" not in v, "a teaser's summary"),
    ("p4_inline_related", "authors", lambda v: v == ["Thu Hà"], "the body goes on"),
    ("p4b_inline_related", "body", lambda v: v.endswith(LAST_SCHOOL_PARAGRAPH), "not cut"),
    ("p4b_inline_related", "authors", lambda v: v == ["Thu Hà"], "the byline after the box"),
    ("p5_date_rank", "published_at", lambda v: v == "2025-03-10T09:15:00+07:00", "above h1"),
    ("p5b_nodate", "published_at", lambda v: v is None, "a teaser's date below the body"),
    ("p6_comments", "images", lambda v: len(v) == 1, "the named container, not generic"),
    ("p6_comments", "body", lambda v: "great job" not in v.lower(), "no comments"),
    (
        "p7_onelink",
        "related",
        lambda v: all("earlier-report" not in r.url for r in v),
        "links inside sentences are not related links",
    ),  # fmt: skip
    ("p7_onelink", "body", lambda v: v.count("Paragraph") == 6, "the whole text"),
    (
        "p8_tail",
        "body",
        lambda v: v.endswith("Entry is free for children under 12."),
        "a list of external links is information",
    ),  # fmt: skip
    ("p8_tail", "authors", lambda v: v == ["Thu Hà"], "the byline after the list"),
    (
        "p9_br_related",
        "body",
        lambda v: "Related news" not in v and "Ban flowers colour" not in v,
        "a <br>-separated related box",
    ),  # fmt: skip
    ("p9_br_related", "authors", lambda v: v == ["Thu Hà"], "the byline after the box"),
    (
        "p10_unclosed",
        "body",
        lambda v: "Paragraph 299:" in v and "Paragraph 0:" in v,
        "300 unclosed divs: every paragraph",
    ),  # fmt: skip
    (
        "p11_divparas",
        "body",
        lambda v: "Farmers in Mường Ảng" not in v and "Paragraph 7:" in v,
        "div paragraphs, not the Most read box",
    ),  # fmt: skip
    ("p11_divparas", "authors", lambda v: v == ["Thu Hà"], "the byline"),
    ("p12_grid", "lead", lambda v: v.startswith("Health workers have walked"), "not a teaser"),
    ("p12_grid", "body", lambda v: "Headline of featured" not in v, "no teaser grid"),
    ("p12_grid", "authors", lambda v: v == ["Thu Hà"], "the byline"),
]


@pytest.mark.parametrize(
    ("page", "field", "check", "why"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_trap(page: str, field: str, check: Any, why: str) -> None:
    value = getattr(read(page).article, field)
    assert value is not None or field in ("lead", "published_at"), why
    assert check(value), f"{why}: got {value!r}"
