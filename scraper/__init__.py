"""dbp-archive: scraper and archive of Báo Điện Biên Phủ (English edition)."""

__version__ = "0.1.0"
# Bumped whenever extraction output can change: stored with each record, so re-extraction
# knows which records an older extractor produced.
EXTRACTOR_VERSION = "1"
