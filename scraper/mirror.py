"""Serve a saved copy of the site (a folder of pages at their URL paths) over HTTP on loopback.

URL path -> file: ``/`` -> ``index.html``; a path naming a folder (or ending in ``/``) -> that
folder's ``index.html``; otherwise the file at the percent-decoded path. Anything else is 404.
Responses carry ETag and Last-Modified and answer conditional requests with 304, like a CMS
behind a cache would.

The project's one mirror server: ``dbp-archive demo`` serves the pages installed with the package
(``scraper/demo_site``) with it, the tests serve ``tests/fixtures/site`` with it
(``tests/conftest.py``), and ``tests/mirror.py`` adds its hostile routes through ``routes``.
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".pdf": "application/pdf",
}


@dataclass(kw_only=True, slots=True)
class LoggedRequest:
    """One request the mirror answered: ``method``, raw ``path``, ``status``, ``host`` header.

    ``user_agent`` is the header as a server reads it: its bytes as Latin-1 (``http.server``
    decodes headers so, like most servers' logs), so an agent sent in UTF-8 shows as mojibake.
    """

    method: str
    path: str
    status: int
    host: str = ""
    user_agent: str = ""


def resolve_path(root: Path, url_path: str) -> Path | None:
    """Return the file serving ``url_path`` under ``root``, or None (404, traversal)."""
    relative = unquote(urlsplit(url_path).path).lstrip("/")
    candidate = (root / relative).resolve()
    root = root.resolve()
    if candidate != root and root not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@dataclass(kw_only=True)
class Mirror:
    """A running mirror: ``url`` (``http://127.0.0.1:PORT``), ``log`` of requests, ``stop()``."""

    server: ThreadingHTTPServer
    thread: threading.Thread
    log: list[LoggedRequest] = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


Route = Callable[[BaseHTTPRequestHandler], bool]


def make_handler(
    root: Path, log: list[LoggedRequest], routes: dict[str, Route] | None = None
) -> type[BaseHTTPRequestHandler]:
    """Return a request handler class serving ``root`` (``routes``: path -> custom answer)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "dbp-mirror/1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            return  # the request log is ``Mirror.log``; stderr stays quiet

        def send_response(self, code: int, message: str | None = None) -> None:
            log.append(
                LoggedRequest(
                    method=self.command,
                    path=self.path,
                    status=code,
                    host=str(self.headers.get("Host", "")),
                    user_agent=str(self.headers.get("User-Agent", "")),
                )
            )
            super().send_response(code, message)

        def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
            self._serve(head=True)

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            self._serve(head=False)

        def _serve(self, *, head: bool) -> None:
            route = (routes or {}).get(urlsplit(self.path).path)
            if route is not None and route(self):
                return
            path = resolve_path(root, self.path)
            if path is None:
                self._send(404, b"not found", "text/plain; charset=utf-8", head=head)
                return
            body = path.read_bytes()
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
            if self.headers.get("If-None-Match") == etag or (
                not self.headers.get("If-None-Match")
                and self.headers.get("If-Modified-Since") == modified
            ):
                self._send(304, b"", None, head=True, extra={"ETag": etag})
                return
            content_type = CONTENT_TYPES.get(path.suffix) or (
                mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            self._send(
                200, body, content_type, head=head, extra={"ETag": etag, "Last-Modified": modified}
            )

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str | None,
            *,
            head: bool,
            extra: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head and body:
                self.wfile.write(body)

    return Handler


def serve(
    root: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    routes: dict[str, Route] | None = None,
) -> Mirror:
    """Start serving ``root`` on ``host:port`` (0: any free port) in a thread; return the Mirror."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"mirror folder not found: {root}")
    log: list[LoggedRequest] = []
    server = ThreadingHTTPServer((host, port), make_handler(root, log, routes))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="mirror", daemon=True)
    thread.start()
    return Mirror(server=server, thread=thread, log=log)
