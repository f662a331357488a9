"""The archive: schema, writes, and queries of archive.db."""

from scraper.archive.store import Archive, ArchiveError, open_archive

__all__ = ["Archive", "ArchiveError", "open_archive"]
