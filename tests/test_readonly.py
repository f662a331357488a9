"""Read-only archives (a copy on a share, a snapshot): every read command works on one, every
write command refuses it with one line and exit 1, and no command damages it.

A read-only folder or file stops an ordinary user; root writes through permission bits. So
when the tests run as root (the CI machine does), the commands under test run as ``nobody``
through util-linux's ``setpriv`` (uid and gid 65534, no supplementary groups, no capabilities
once started): the archive is then as read-only as it is for an analyst handed a copy, and the
checks are the real ones, not a simulation. Where that user cannot run the repository's
Python, or ``setpriv`` is missing, the tests are skipped and say why.

Also here: a read command never creates anything (no lock file, no empty archive) beside an
archive that does not exist, and every command gives the same code for the same bad ``--db``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scraper.health import ExitCode
from scraper.mirror import serve
from tests.conftest import ROOT, SITE_DIR, run_cli

pytestmark = pytest.mark.slow

AS_ROOT = os.geteuid() == 0
NOBODY = 65534  # the conventional unprivileged uid/gid


def reader_prefix() -> list[str]:
    """Return the command prefix that runs a command as a user without write access."""
    if not AS_ROOT:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and util-linux's setpriv is missing: cannot drop to nobody")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def run_reader(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``dbp-archive ARGS`` as the reader (``nobody`` when the tests run as root)."""
    return subprocess.run(
        [*reader_prefix(), sys.executable, "-m", "scraper.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "HOME": tempfile.gettempdir()},
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """Return the single stderr line of a failed command; fail if there are more, or a traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and lines[0].startswith("dbp-archive: error: ")
    return lines[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Return {name: sha256} of the files in ``folder``: what "nothing changed" compares."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@dataclass(kw_only=True, slots=True)
class Copies:
    """Read-only copies of a crawled archive: in a read-only folder, and a read-only file."""

    base: Path
    ro_folder: Path  # folder 0o555, archive 0o444: a snapshot, a share mounted read-only
    ro_file: Path  # folder writable, archive 0o444: a file kept from writes


@pytest.fixture(scope="module")
def copies() -> Iterator[Copies]:
    # Not under pytest's tmp_path: its root is private to the user running the tests.
    base = Path(tempfile.mkdtemp(prefix="dbp-readonly-"))
    base.chmod(0o755)
    try:
        built = run_cli("demo", "--db", str(base / "archive.db"))
        assert built.returncode == 0, built.stderr[-2000:]
        probe = run_reader("--version")
        if probe.returncode != 0:
            pytest.skip(f"cannot run the CLI as uid {NOBODY}: {probe.stderr.strip()[-300:]}")
        ro_folder, ro_file = base / "ro-folder", base / "ro-file"
        for folder in (ro_folder, ro_file):
            folder.mkdir()
            shutil.copy2(base / "archive.db", folder / "archive.db")
            (folder / "archive.db").chmod(0o444)
        ro_folder.chmod(0o555)
        ro_file.chmod(0o777)  # writable for the reader too, whoever that is
        yield Copies(base=base, ro_folder=ro_folder / "archive.db", ro_file=ro_file / "archive.db")
    finally:
        for path in base.rglob("*"):
            if path.is_dir():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(base)


READ_COMMANDS = [
    pytest.param(["stats"], "articles 43", id="stats"),
    pytest.param(["stats", "--json"], '"articles": 43', id="stats-json"),
    pytest.param(["runs", "--limit", "1"], "run 1: ok", id="runs"),
    pytest.param(["search", "dien bien", "--format", "json"], '"article_id"', id="search"),
    pytest.param(["search", "Mường Thanh"], "Mường Thanh", id="search-table"),
    pytest.param(["export", "--format", "jsonl"], '"article_id"', id="export-jsonl"),
    pytest.param(["export", "--format", "csv", "--section", "kinh-te"], "kinh-te", id="export-csv"),
    pytest.param(["export-warc", "{out}/dbp.warc.gz"], "response records written", id="warc"),
    pytest.param(["changes"], "edits", id="changes"),
    pytest.param(["graph", "--format", "csv"], "source,target,position", id="graph"),
]
WHERES = [
    pytest.param("ro_folder", id="read-only-folder"),
    pytest.param("ro_file", id="read-only-file"),
]


@pytest.mark.parametrize("where", WHERES)
@pytest.mark.parametrize(("args", "expected"), READ_COMMANDS)
def test_read_commands_work_on_a_read_only_archive(
    copies: Copies, where: str, args: list[str], expected: str
) -> None:
    db: Path = getattr(copies, where)
    before = snapshot(db.parent)
    with tempfile.TemporaryDirectory() as out:
        Path(out).chmod(0o777)  # the reader writes the WARC here
        result = run_reader(*[arg.format(out=out) for arg in args], "--db", str(db))
    assert result.returncode == ExitCode.OK, result.stderr[-2000:]
    assert expected in result.stdout
    assert "Traceback" not in result.stderr and "error" not in result.stderr
    after = snapshot(db.parent)
    # A read-only open never writes the archive. In a writable folder SQLite may leave its
    # empty WAL companions (-wal, -shm) behind; never a lock file.
    assert after["archive.db"] == before["archive.db"]
    assert set(after) - {"archive.db-wal", "archive.db-shm"} == {"archive.db"}


@pytest.mark.parametrize(
    ("where", "immutable"), [("ro_folder", True), ("ro_file", False), ("writable", False)]
)
def test_read_only_opening_is_immutable_only_where_the_folder_is_read_only(
    copies: Copies, where: str, immutable: bool, tmp_path: Path
) -> None:
    """``mode=ro`` where SQLite can keep its ``-shm`` beside the archive; ``immutable`` where not.

    The writable case runs as the test's own user on a copy in a folder that user owns.
    """
    if where == "writable":
        db = tmp_path / "archive.db"
        shutil.copy2(copies.base / "archive.db", db)
        prefix: list[str] = []
    else:
        db = getattr(copies, where)
        prefix = reader_prefix()
    code = (
        "import sys; from scraper.archive import open_archive\n"
        "with open_archive(sys.argv[1], readonly=True) as a:\n"
        "    n = a.conn.execute('SELECT count(*) FROM articles').fetchone()[0]\n"
        "    print(a.readonly, a.immutable, n)\n"
    )
    result = subprocess.run(
        [*prefix, sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", str(immutable), "43"]


WRITE_COMMANDS = [
    pytest.param(["reextract"], id="reextract"),
    pytest.param(["crawl", "--mirror", "{mirror}", "--delay", "0"], id="crawl"),
    pytest.param(["demo"], id="demo"),
]


@pytest.mark.parametrize("where", WHERES)
@pytest.mark.parametrize("args", WRITE_COMMANDS)
def test_write_commands_refuse_a_read_only_archive_in_one_line(
    copies: Copies, where: str, args: list[str]
) -> None:
    db: Path = getattr(copies, where)
    before = snapshot(db.parent)
    with serve(SITE_DIR) as mirror:
        result = run_reader(*[arg.format(mirror=mirror.url) for arg in args], "--db", str(db))
        requests = list(mirror.log)
    assert result.returncode == ExitCode.FAILED, result.stderr[-2000:]
    assert "read-only" in one_line_error(result)
    assert requests == []  # refused before the first request
    assert snapshot(db.parent) == before  # nothing written, no lock file


MISSING_DB_COMMANDS = [
    pytest.param(["stats"], id="stats"),
    pytest.param(["runs"], id="runs"),
    pytest.param(["search", "x"], id="search"),
    pytest.param(["export"], id="export"),
    pytest.param(["export-warc", "{out}/x.warc"], id="export-warc"),
    pytest.param(["reextract"], id="reextract"),
    pytest.param(["diff", "aaaaaaaaR"], id="diff"),
    pytest.param(["changes"], id="changes"),
    pytest.param(["graph"], id="graph"),
]


@pytest.mark.parametrize("args", MISSING_DB_COMMANDS)
def test_a_missing_archive_is_bad_input_and_nothing_is_created(
    args: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    result = run_cli(*[arg.format(out=tmp_path) for arg in args], "--db", str(folder / "a.db"))
    assert result.returncode == ExitCode.USAGE
    assert "no archive at" in one_line_error(result)
    assert list(folder.iterdir()) == []  # no lock file, no empty archive


ALL_DB_COMMANDS = [
    *MISSING_DB_COMMANDS,
    pytest.param(["crawl", "--mirror", "http://127.0.0.1:9"], id="crawl"),
    pytest.param(["demo"], id="demo"),
]


@pytest.mark.parametrize("args", ALL_DB_COMMANDS)
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        pytest.param("missing-folder", "folder does not exist", id="db-in-missing-folder"),
        pytest.param("not-sqlite", "not an archive (not a SQLite database)", id="not-sqlite"),
        pytest.param("other-sqlite", "not a dbp-archive archive", id="other-sqlite"),
    ],
)
def test_a_db_that_is_no_archive_is_bad_input_for_every_command(
    args: list[str], case: str, expected: str, tmp_path: Path
) -> None:
    if case == "missing-folder":
        db = tmp_path / "no-such-folder" / "a.db"
    elif case == "not-sqlite":
        db = tmp_path / "notes.db"
        db.write_bytes(b"these are notes, not a database\n" * 100)
    else:
        import sqlite3

        db = tmp_path / "other.db"
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE birds (name TEXT)")
        conn.commit()
        conn.close()
    before = snapshot(tmp_path)
    result = run_cli(*[arg.format(out=tmp_path) for arg in args], "--db", str(db))
    assert result.returncode == ExitCode.USAGE, result.stderr[-2000:]
    assert expected in one_line_error(result)
    assert snapshot(tmp_path) == before  # the file is left as it was, nothing beside it
