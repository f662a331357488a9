"""One writer per archive: an exclusive lock on ``ARCHIVE.lock`` beside the archive file.

``flock`` locks are released by the OS when the process ends, SIGKILL included, so a killed
crawl never leaves a stale lock behind. The file holds the owner's pid, for the message.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scraper.archive.store import ArchiveError


class LockedError(RuntimeError):
    """Another crawl holds the archive's lock."""


@contextmanager
def archive_lock(archive_path: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on ``ARCHIVE.lock`` for the block.

    Raises ``LockedError`` at once if another process holds it, ``ArchiveError`` if the
    archive's folder does not exist.
    """
    if not archive_path.parent.is_dir():
        raise ArchiveError(f"folder does not exist: {archive_path.parent}")
    lock_path = archive_path.with_name(archive_path.name + ".lock")
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            raise LockedError(f"another crawl is running on {archive_path} (pid {owner})") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
