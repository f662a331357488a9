"""Text rules: whitespace/NFC, dateline, captions and credits, bylines, markers."""

from __future__ import annotations

import unicodedata

import pytest

from scraper.extract import text


@pytest.mark.parametrize(
    "lead",
    [
        "ĐBP - Điện Biên",
        "ĐBP – Điện Biên",
        "ĐBP — Điện Biên",
        "ĐBP- Điện Biên",
        "ĐBP  -  Điện Biên",
        "ĐBP -Điện Biên",
    ],
)
def test_strip_dateline_every_form(lead: str) -> None:
    assert text.strip_dateline(lead) == ("Điện Biên", True)


def test_lead_without_dateline_is_kept() -> None:
    assert text.strip_dateline("Điện Biên is a province.") == ("Điện Biên is a province.", False)


def test_clean_text_nfc_spaces_controls() -> None:
    decomposed = unicodedata.normalize("NFD", "Điện  Biên\u00a0Phủ\x00\x07 non‑breaking “quotes”")
    assert text.clean_text(decomposed) == "Điện Biên Phủ non‑breaking “quotes”"


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Comrade Trần Quốc Cường chairs a meeting. File photo",
            ("Comrade Trần Quốc Cường chairs a meeting.", "File photo"),
        ),
        (
            "Farmers harvest coffee. Photo: Trần Dũng",
            ("Farmers harvest coffee.", "Photo: Trần Dũng"),
        ),
        (
            "Delegates at the event. Photo: Mai Giáp - Trần Dũng",
            ("Delegates at the event.", "Photo: Mai Giáp - Trần Dũng"),
        ),
        ("Students in class (Photo: C.T.V)", ("Students in class", "Photo: C.T.V")),
        ("Photo: C.T.V", (None, "Photo: C.T.V")),
        ("A unit receives the flag.", ("A unit receives the flag.", None)),
    ],
)
def test_split_credit(caption: str, expected: tuple[str | None, str | None]) -> None:
    assert text.split_credit(caption) == expected


@pytest.mark.parametrize(
    ("lines", "authors", "titles", "used"),
    [
        (["Body.", "Hà Linh"], ["Hà Linh"], None, 1),
        (["Body.", "By Quang Long"], ["Quang Long"], None, 1),
        (["Body.", "Photos: Trần Dũng - An Chi"], ["Trần Dũng", "An Chi"], None, 1),
        (
            [
                "Comrade Trần Quốc Cường",
                "Member of the Party Central Committee, Secretary of the provincial Party Committee",  # noqa: E501
            ],
            ["Trần Quốc Cường"],
            "Member of the Party Central Committee, Secretary of the provincial Party Committee",
            2,
        ),
        (["Body.", "The province will continue these efforts in 2026."], None, None, 0),
        (["Body.", "Outstanding results include:"], None, None, 0),
    ],
)
def test_parse_byline(
    lines: list[str], authors: list[str] | None, titles: str | None, used: int
) -> None:
    byline = text.parse_byline(lines)
    if authors is None:
        assert byline is None
    else:
        assert byline is not None
        assert (byline.authors, byline.titles, byline.lines) == (authors, titles, used)


@pytest.mark.parametrize(
    ("line", "comment", "related"),
    [
        ("Comment", True, False),
        ("You have 500/500 characters left", True, False),
        ("Please enter 5 or more characters!!!", True, False),
        ("Recent news", False, True),
        ("RELATED NEWS", False, True),
        ("Comments on the plan were positive.", False, False),
    ],
)
def test_markers(line: str, comment: bool, related: bool) -> None:
    assert text.is_comment_marker(line) is comment
    assert text.is_related_heading(line) is related


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Điện Biên charts a green path - Báo Điện Biên Phủ", "Điện Biên charts a green path"),
        (
            "Spring comes to Điện Biên - Faith from the Congress",
            "Spring comes to Điện Biên - Faith from the Congress",
        ),
        ("Coffee prices rise | Dien Bien Phu Online", "Coffee prices rise"),
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    assert text.strip_site_name(title) == expected
