"""Live checks against the real site: skipped by default (``pytest -m live`` runs them).

They reach beyond 127.0.0.1, so CI never runs them; a maintainer runs them by hand to see
whether the site's markup still gives every field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.request import Request, urlopen

import pytest

from scraper.extract import extract_article, extract_listing
from scraper.site import HOME_URL

pytestmark = pytest.mark.live
USER_AGENT = "dbp-archive/0.1 (live test)"


def fetch(url: str) -> bytes:
    with urlopen(Request(url, headers={"User-Agent": USER_AGENT}), timeout=30) as response:
        return response.read()


def test_live_home_links_articles_and_sections() -> None:
    listing = extract_listing(fetch(HOME_URL), HOME_URL)
    assert len(listing.article_urls) >= 10
    assert len(listing.listing_urls) >= 5


def test_live_article_fields() -> None:
    url = extract_listing(fetch(HOME_URL), HOME_URL).article_urls[0]
    record = extract_article(fetch(url), url, datetime.now(UTC)).article
    assert record.title and record.body and record.published_at and record.related
