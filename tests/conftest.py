"""Shared fixtures: the offline mirror, its expected records, and running the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scraper.mirror import Mirror, serve

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "tests" / "fixtures" / "site"
UNSEEN_DIR = ROOT / "tests" / "fixtures" / "unseen"
PLATFORM_DIR = ROOT / "tests" / "fixtures" / "platform"  # the probable real CMS templates
SITE = "https://en.baodienbienphu.com.vn"


def expected_pages(root: Path = SITE_DIR) -> list[tuple[Path, str, dict]]:  # type: ignore[type-arg]
    """Return (html path, site URL, expected record) of every article page under ``root``."""
    pages = []
    for json_path in sorted(root.rglob("*.json")):
        html_path = json_path.with_suffix(".html")
        if not html_path.exists():
            continue
        relative = html_path.relative_to(root).as_posix().replace(" ", "%20")
        pages.append((html_path, f"{SITE}/{relative}", json.loads(json_path.read_text("utf-8"))))
    return pages


def run_cli(
    *args: str,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``dbp-archive ARGS`` in a subprocess (a crawl owns its Twisted reactor)."""
    return subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    with serve(SITE_DIR) as running:
        yield running


# --- a scripted loopback server (tests of the backfill's HTTP client) -----------------------


class _Script(BaseHTTPRequestHandler):
    """Answers each GET with the next entry of the server's script.

    An entry is (status, headers, body), sent with its Content-Length, or raw bytes, written
    as they are before the connection is closed (a broken answer).
    """

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        server: Any = self.server
        server.seen.append((self.path, dict(self.headers)))
        entry = server.script.pop(0) if server.script else (200, {}, b"ok")
        if isinstance(entry, bytes):
            self.wfile.write(entry)
            self.wfile.flush()
            self.close_connection = True
            return
        status, headers, body = entry
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[Any]:
    server: Any = ThreadingHTTPServer(("127.0.0.1", 0), _Script)
    server.daemon_threads = True
    server.script = []
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()
