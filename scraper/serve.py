"""Datasette over an archive, served in this process by uvicorn until a signal stops it.

No child process (nothing left running when this one is killed) and no temporary file: the
metadata is passed to Datasette in memory.
"""

from __future__ import annotations

import ipaddress
import os
import re
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

# A DNS name as RFC 1123 allows it (labels of letters, digits and inner hyphens).
_HOSTNAME_RE: Final = re.compile(
    r"^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$"
)


class ServeError(RuntimeError):
    """The server could not start (address in use, host not found). One-line message."""


def host_problem(host: str) -> str | None:
    """Return why ``host`` is not an IP address or a host name, or None if it is one."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return None
    if _HOSTNAME_RE.match(host):
        return None
    return f"not an IP address or host name: {host!r}"


def listen(host: str, port: int) -> socket.socket:
    """Return a listening TCP socket on ``host``:``port``; raise ServeError with one line."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (OSError, UnicodeError) as exc:
        raise ServeError(f"cannot resolve host {host!r}: {exc}") from exc
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def datasette(db: Path, metadata: dict[str, Any]) -> Any:
    """Return a Datasette over ``db`` with ``metadata`` passed in memory and the archive's plugin
    (``scraper.archive.datasette_plugin``: the search language's SQL functions, safe snippets,
    the month facet) registered in this process.

    An archive that cannot be written (a read-only file or folder: a copy on a share, a
    snapshot) is opened immutable: SQLite's read-only mode still needs to create the WAL's
    ``-shm`` file beside it.
    """
    from datasette.app import Datasette

    from scraper.archive.datasette_plugin import register

    register()
    writable = os.access(db, os.W_OK) and os.access(db.parent.resolve(), os.W_OK)
    files = {"files": [str(db)]} if writable else {"immutables": [str(db)]}
    return Datasette(**files, metadata=metadata)


def datasette_app(db: Path, metadata: dict[str, Any]) -> Any:
    """Return the ASGI app of ``datasette(db, metadata)``."""
    return datasette(db, metadata).app()


def serve_app(app: Any, sock: socket.socket, *, ready: Callable[[], None] = lambda: None) -> None:
    """Serve ``app`` on ``sock`` until SIGTERM or SIGINT (Ctrl-C); return after a clean stop.

    uvicorn stops gracefully on either signal and then re-raises it; our handlers take it, so
    a stop by signal is an ordinary return (exit 0), not a KeyboardInterrupt. A signal that
    comes before uvicorn listens for them stops the server as soon as it has started. A
    second Ctrl-C makes uvicorn stop at once.
    """
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    server = uvicorn.Server(config)

    def stop(signum: int, frame: object) -> None:
        server.should_exit = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        ready()
        server.run(sockets=[sock])
    finally:
        sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
