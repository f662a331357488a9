"""Extraction rules on small hand-made pages, one rule each (the golden files cover layouts)."""

from __future__ import annotations

from datetime import UTC, datetime

from scraper.extract import extract_article

URL = "https://en.baodienbienphu.com.vn/xa-hoi/a-story-abcdefghR.html"
NOW = datetime(2026, 11, 23, tzinfo=UTC)
BODY = (
    "<p>First body paragraph with plenty of words so that it counts as real body text here.</p>"
    "<p>Second body paragraph with plenty of words so that it counts as real body text too.</p>"
)


def page(head: str = "", top: str = "", content: str = BODY, after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><div class='top'>{top}</div>"
        f"<h1>A story from Điện Biên</h1><div class='detail-content'>"
        f"<p>ĐBP - The lead of the story, long enough to be a lead paragraph.</p>{content}"
        f"</div>{after}</body></html>"
    )


def test_a_dated_signature_in_the_body_is_not_the_publication_date() -> None:
    html = page(content=BODY + "<p>Điện Biên, 02/09/2019</p>")
    assert extract_article(html, URL, NOW).article.published_at is None


def test_the_date_under_the_headline_beats_the_top_bar_date() -> None:
    html = page(top="<span>Thứ Hai, 23/11/2026</span>").replace(
        "</h1>", "</h1><span>Thứ Ba, 05/11/2024 - 08:30</span>"
    )
    assert extract_article(html, URL, NOW).article.published_at == "2024-11-05T08:30:00+07:00"


def test_a_future_date_is_dropped_with_a_warning() -> None:
    head = '<meta property="article:published_time" content="2027-01-01T00:00:00+07:00">'
    result = extract_article(page(head=head), URL, NOW)
    assert result.article.published_at is None
    assert any("in the future" in warning for warning in result.warnings)


def test_the_site_name_is_never_an_author() -> None:
    head = '<meta name="author" content="Báo Điện Biên Phủ">'
    assert extract_article(page(head=head), URL, NOW).article.authors == []


def test_the_visible_headline_beats_a_stale_og_title() -> None:
    head = '<meta property="og:title" content="An earlier headline - Báo Điện Biên Phủ">'
    result = extract_article(page(head=head), URL, NOW)
    assert result.article.title == "A story from Điện Biên"
    assert result.provenance["title"].startswith("site:<h1>")


def test_share_bars_and_read_also_lines_are_not_body() -> None:
    content = BODY + "<p>Read also: Another story</p><div>ShareFacebookZalo</div><p>Hà Linh</p>"
    article = extract_article(page(content=content), URL, NOW).article
    assert article.body is not None and "Read also" not in article.body
    assert "Share" not in article.body
    assert article.authors == ["Hà Linh"]
