"""Pure extraction: (html, url, now) -> records. No Scrapy, no I/O."""

from scraper.extract.article import extract_article
from scraper.extract.html import ExtractionError, parse_html
from scraper.extract.listing import extract_listing

__all__ = ["ExtractionError", "extract_article", "extract_listing", "parse_html"]
