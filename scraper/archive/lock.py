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

from scraper.archive.store import ReadOnlyArchiveError, check_writable


class LockedError(RuntimeError):
    """Another crawl holds the archive's lock."""


@contextmanager
def archive_lock(archive_path: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on ``ARCHIVE.lock`` for the block.

    Raises ``LockedError`` at once if another process holds it; ``BadArchiveError`` if the
    path is a folder or its folder does not exist, ``ReadOnlyArchiveError`` if the archive or
    its folder cannot be written — before the lock file is created, so a refused write leaves
    nothing behind. Only commands that write take the lock.
    """
    check_writable(archive_path)
    lock_path = archive_path.with_name(archive_path.name + ".lock")
    try:
        handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    except OSError as exc:  # a read-only mount or a lock file of another user
        raise ReadOnlyArchiveError(
            f"cannot write the lock file {lock_path}: {exc.strerror or exc}"
        ) from exc
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
