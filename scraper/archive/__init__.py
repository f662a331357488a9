"""The archive: schema, writes, and queries of archive.db."""

from scraper.archive.store import (
    Archive,
    ArchiveError,
    BadArchiveError,
    ReadOnlyArchiveError,
    is_writable,
    open_archive,
)

__all__ = [
    "Archive",
    "ArchiveError",
    "BadArchiveError",
    "ReadOnlyArchiveError",
    "is_writable",
    "open_archive",
]
