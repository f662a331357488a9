"""Article extraction: one unit per field, each returning a ``Found`` (a value and how it was
found); ``extract_article`` composes the record and its provenance from them.

Every unit is a cascade tried in order, and ``how`` names the step that filled the field:
``structured`` (JSON-LD, OpenGraph, microdata, ``<meta>``, ``<time>``, canonical) -> ``site``
(the rules of ``site.py``/``text.py`` over the page's blocks) -> ``generic`` (trafilatura, for
the body only, when no content container is found). A field no step can fill is None (or
``[]``), never a guess.

The units, in the order the record needs them: ``canonical`` (url), ``title``, ``label``
(category_label), ``body`` (text and images, and the ``lead`` and ``byline`` taken from its
blocks; its container comes from ``container``), ``byline`` (authors, author_titles),
``published`` (published_at, modified_at, read around the body's container by
``visible_dates``), ``related``. What they share is read once per page in ``page``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from lxml.html import HtmlElement

from scraper import urls
from scraper.extract.body import extract_body
from scraper.extract.byline import (
    extract_author_titles,
    extract_authors,
    extract_byline_element,
)
from scraper.extract.canonical import declared_elsewhere, extract_url
from scraper.extract.found import Found
from scraper.extract.html import ExtractionError
from scraper.extract.label import extract_label
from scraper.extract.page import read_page
from scraper.extract.published import extract_modified, extract_published
from scraper.extract.related import extract_related
from scraper.extract.title import extract_title
from scraper.extract.visible_dates import DateLines
from scraper.items import Article, ArticleExtraction


def extract_article(
    html: str | bytes | None,
    url: str,
    now: datetime,
    *,
    root: HtmlElement | None = None,
    content_type: str | None = None,
) -> ArticleExtraction:
    """Return the article record of one page, with per-field provenance.

    ``url`` is the page's site URL (real host); ``now`` the time of the fetch (for date
    plausibility); ``root`` an already-parsed tree of the same page (the crawl parses once).
    Raises ``ExtractionError`` if ``url`` is not an article URL or the page cannot be parsed.
    """
    article_id = urls.article_id(url)
    if article_id is None:
        raise ExtractionError(f"not an article URL: {url}")
    page = read_page(html, url, now, root=root, content_type=content_type)
    canonical = extract_url(page)
    category = Found(urls.category(canonical.value), "url path")
    title = extract_title(page)
    label = extract_label(page, category.value)
    body = extract_body(page, title.value, label.value)
    byline = body.byline if body.byline.value is not None else extract_byline_element(page)
    shown = DateLines(page, body.container)
    published = extract_published(page, shown)
    modified = extract_modified(page, shown, published.value)
    authors = extract_authors(page, byline)
    related = extract_related(page.root, page.base, page.recent_roots, own_id=article_id)
    titles = extract_author_titles(byline)
    article = Article(
        article_id=article_id,
        url=canonical.value,
        title=title.value,
        lead=body.lead.value,
        body=body.text.value,
        authors=authors.value,
        author_titles=titles.value,
        category=category.value,
        category_label=label.value,
        published_at=published.value,
        modified_at=modified.value,
        related=related.value,
        images=body.images.value,
    )
    found: dict[str, Found[Any]] = {  # in the order the provenance has always been written
        "url": canonical,
        "category": category,
        "title": title,
        "category_label": label,
        "authors": authors,
        "published_at": published,
        "modified_at": modified,
        "related": related,
        "body": body.text,
        "lead": body.lead,
        "images": body.images,
        "author_titles": titles,
    }
    provenance = {name: f.how for name, f in found.items() if f.how}
    for name, reason in EMPTY_REASONS.items():  # an empty field says why, in the archive too
        if not found[name].value:
            provenance[name] = f"none: {reason}"
    warnings = [*published.warnings, *modified.warnings]
    elsewhere = declared_elsewhere(page)
    if elsewhere:
        warnings.append(f"the page declares another address: {elsewhere}")
    return ArticleExtraction(
        article=article, provenance=provenance, warnings=warnings, declared_elsewhere=elsewhere
    )


# Why a watched field is empty, stored as its provenance (``none: …``): an empty field with a
# reason, never a plausible guess.
EMPTY_REASONS: Final = {
    "title": "no headline, og:title or <title>",
    "lead": "no lead shown (a summary the page does not show, or one quoting a later "
    "paragraph, is not a lead)",
    "body": "no text container and no generic text",
    "published_at": "no trustworthy date (structured data, or a date line in the article's "
    "own area; the page's chrome and a fetch-day date without a time are not trusted)",
}
