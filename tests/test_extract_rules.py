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


# --- evidence over names (real pages): each case once failed on a real site's markup ---------

PARAS = [
    f"Paragraph {n} of the story tells readers something new about the province and its people."
    for n in range(1, 7)
]


def generic_page(head: str = "", body_open: str = "<div>", paragraphs: list[str] = PARAS,
                 inside: str = "", after: str = "", top: str = "") -> str:  # fmt: skip
    """A page in no known template: headline, a wrapper of paragraphs, page chrome around."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs[:3]) + inside
    text += "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    return (
        f"<html><head>{head}</head><body><header>{top}<nav><a href='/'>Home</a></nav></header>"
        f"<main><h1>A story from Điện Biên</h1>{body_open}{text}</div>{after}</main>"
        f"<footer><p>Copyright 2026, all rights reserved by the newspaper of the province.</p>"
        f"</footer></body></html>"
    )


def test_a_body_wrapper_named_like_a_sidebar_or_hidden_is_still_read() -> None:
    for wrapper in ("<div class='l-sidebar-fixed'>", "<div class='field--label-hidden'>"):
        body = extract_article(generic_page(body_open=wrapper), URL, NOW).article.body or ""
        assert all(p in body for p in PARAS), wrapper


def test_a_quoted_tweet_is_text_but_a_twitter_share_bar_is_not() -> None:
    tweet = (
        "<blockquote class='twitter-tweet'><p>The air in the capital is a gas chamber this "
        "week, and we are handing out masks in every school.</p></blockquote>"
        "<div class='twitter-share'><a href='#'>Tweet</a> <a href='#'>Share on Twitter</a></div>"
    )
    body = extract_article(generic_page(inside=tweet), URL, NOW).article.body or ""
    assert "gas chamber" in body and "Share on Twitter" not in body


def test_a_summary_quoting_a_later_paragraph_is_not_the_lead() -> None:
    head = f'<meta name="description" content="{PARAS[4]}">'
    article = extract_article(generic_page(head=head), URL, NOW).article
    assert article.lead is None  # the opening text is not the summary: no lead, no guess
    assert article.body is not None and all(p in article.body for p in PARAS)


def test_the_opening_paragraph_matching_the_summary_is_the_lead() -> None:
    head = f'<meta property="og:description" content="{PARAS[0]}">'
    article = extract_article(generic_page(head=head), URL, NOW).article
    assert article.lead == PARAS[0]
    assert article.body is not None and PARAS[0] not in article.body and PARAS[1] in article.body


def test_a_summary_the_page_does_not_show_is_not_a_lead() -> None:
    head = '<meta name="description" content="A summary for search engines, never shown.">'
    assert extract_article(generic_page(head=head), URL, NOW).article.lead is None


def test_an_in_text_related_box_or_read_more_line_does_not_end_the_body() -> None:
    for box in (
        "<h3>Related news</h3><p><a href='/xa-hoi/other-story-zyxwvutsR.html'>Another story "
        "from the province</a></p>",
        "<p><a href='/xa-hoi/other-story-zyxwvutsR.html'>Read more</a></p>",
    ):
        paragraphs = [*PARAS, "Hà Linh"]
        article = extract_article(generic_page(inside=box, paragraphs=paragraphs), URL, NOW).article
        assert article.body is not None and PARAS[-1] in article.body, box
        assert "Another story" not in article.body
        assert article.authors == ["Hà Linh"], box


def test_a_list_of_teasers_after_the_text_is_not_body() -> None:
    teasers = "<h3>You may also like</h3>" + "".join(
        f"<p><a href='/xa-hoi/teaser-{n}-abcdefg{n}R.html'>Teaser headline number {n}</a></p>"
        f"<p>One line of teaser lead {n}.</p>"
        for n in range(4)
    )
    body = extract_article(generic_page(inside="", after=""), URL, NOW).article.body or ""
    with_teasers = generic_page().replace("</div></main>", teasers + "</div></main>")
    teased = extract_article(with_teasers, URL, NOW).article.body or ""
    assert teased == body and "Teaser headline" not in teased


def test_a_teaser_of_another_article_is_not_the_container() -> None:
    teaser = (
        "<div class='article-body'><p>A teaser of another story, one paragraph long and then a "
        "link to read the rest of it elsewhere.</p></div>"
    )
    result = extract_article(generic_page(after=teaser), URL, NOW)
    assert all(p in (result.article.body or "") for p in PARAS)
    assert "named container" not in result.provenance["body"]


def test_a_page_wrapper_named_like_a_body_is_not_the_container() -> None:
    html = generic_page(
        top="<p>Subscribe to our newsletter for the latest news every single morning.</p>"
    )
    html = html.replace("<body>", "<body id='article_body'>")
    body = extract_article(html, URL, NOW).article.body or ""
    assert all(p in body for p in PARAS) and "Subscribe" not in body and "Copyright" not in body


# --- dates: never from the chrome, a day without a time stays a day ---------------------------


def test_the_headers_today_is_never_the_publication_date() -> None:
    for today in ("Monday, 23/11/2026", "Thứ Hai, 23/11/2026 10:15", "20/11/2026"):
        html = generic_page(top=f"<span class='date'>{today}</span>")
        result = extract_article(html, URL, NOW)
        assert result.article.published_at is None, today
        assert result.provenance["published_at"].startswith("none: no trustworthy date")


def test_a_footer_date_is_never_the_publication_date() -> None:
    html = generic_page().replace("<footer>", "<footer><span>05/11/2024 08:30</span>")
    assert extract_article(html, URL, NOW).article.published_at is None


def test_a_date_without_a_time_is_stored_as_a_day() -> None:
    html = generic_page().replace("</h1>", "</h1><span class='date'>05/11/2024</span>")
    assert extract_article(html, URL, NOW).article.published_at == "2024-11-05"


def test_a_day_only_date_on_the_fetch_day_is_not_trusted() -> None:
    html = generic_page().replace("</h1>", "</h1><span class='date'>23/11/2026</span>")
    result = extract_article(html, URL, NOW)
    assert result.article.published_at is None
    assert any("fetch day" in warning for warning in result.warnings)


def test_a_date_with_a_time_on_the_fetch_day_is_kept() -> None:
    html = generic_page().replace("</h1>", "</h1><span class='date'>23/11/2026 06:40</span>")
    assert extract_article(html, URL, NOW).article.published_at == "2026-11-23T06:40:00+07:00"
