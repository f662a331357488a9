"""`dbp-archive serve`: Datasette in the process itself, stopped cleanly by SIGTERM or Ctrl-C,
leaving no child process and no file behind."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "archive.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr[-2000:]
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def children(pid: int) -> list[int]:
    """Return the ids of the processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def processes_with(text: str) -> list[int]:
    """Return the ids of the processes whose command line holds ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmdline:
                found.append(int(entry.name))
    return found


def fetch(url: str, wait: float) -> tuple[int, bytes]:
    """GET ``url`` (never through a proxy), retrying for ``wait`` seconds until it answers."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + wait
    while True:
        try:
            with opener.open(url, timeout=5) as response:
                return response.status, response.read()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_answers_and_stops_on_a_signal(
    demo_db: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    port = free_port()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    before = set(os.listdir(demo_db.parent))
    with subprocess.Popen(
        [sys.executable, "-m", "scraper.cli", "serve", "--db", str(demo_db), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            base = f"http://127.0.0.1:{port}"
            status, body = fetch(f"{base}/{demo_db.stem}/articles.json?_shape=array", 60)
            assert status == 200 and len(json.loads(body)) > 0
            status, body = fetch(f"{base}/-/metadata.json", 10)  # passed in memory
            assert "Báo Điện Biên Phủ" in json.loads(body)["title"]
            assert children(proc.pid) == []  # Datasette runs in this process
            proc.send_signal(stop)
            code = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        stdout, stderr = proc.communicate()
    assert code == 0, stderr
    assert "Traceback" not in stderr and f"at http://127.0.0.1:{port}/" in stderr
    assert processes_with(f"--port {port}") == []
    assert list(tmp.iterdir()) == []  # no temporary metadata file
    assert set(os.listdir(demo_db.parent)) <= before | {"archive.db-wal", "archive.db-shm"}
    with pytest.raises(OSError):
        fetch(f"http://127.0.0.1:{port}/", 0)


def test_serve_on_a_port_in_use_is_one_line_and_exit_1(demo_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--db", str(demo_db), "--port", str(port), timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot listen on 127.0.0.1" in result.stderr
