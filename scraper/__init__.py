"""dbp-archive: scraper and archive of Báo Điện Biên Phủ (English edition)."""

from datetime import UTC, datetime

__version__ = "0.1.0"
# Bumped whenever extraction output can change: stored with each record, so re-extraction
# knows which records an older extractor produced.
EXTRACTOR_VERSION = "1"


def utc_now() -> str:
    """Return the current UTC time as the archive writes it: ``2026-11-23T12:00:00+00:00``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def user_agent(contact: str) -> str:
    """Return the crawl's User-Agent: who we are, and how a site operator reaches us."""
    return f"dbp-archive/{__version__} (research archive of Báo Điện Biên Phủ; +{contact})"
