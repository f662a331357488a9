"""The demo is the product's: its pages ship in the wheel, and an installed `dbp-archive demo` runs.

``scraper/demo_site`` is ``tests/fixtures/site`` without its JSON (expected records, provenance),
written by ``python -m tests.sitegen.build``; the first test keeps the two copies the same. The
slow test builds a wheel from a copy of the sources (no build isolation, no index: nothing is
fetched), installs it with ``pip install --target`` into a temporary folder, and runs its
``dbp-archive demo`` from another temporary folder, with the repository off ``sys.path``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.cli import DEMO_SITE
from tests.conftest import ROOT, SITE_DIR, expected_pages
from tests.sitegen.build import DEMO_SITE as SITEGEN_DEMO_SITE
from tests.sitegen.build import demo_files


def test_demo_site_is_the_fixture_mirror_without_its_json() -> None:
    assert SITEGEN_DEMO_SITE == DEMO_SITE
    demo, fixture = demo_files(DEMO_SITE), demo_files(SITE_DIR)
    assert sorted(demo) == sorted(fixture), "run: python -m tests.sitegen.build"
    changed = [path for path in fixture if demo[path] != fixture[path]]
    assert not changed, f"run: python -m tests.sitegen.build (differ: {changed[:5]})"
    assert not list(DEMO_SITE.rglob("*.json"))
    assert (DEMO_SITE / "index.html").is_file() and (DEMO_SITE / "robots.txt").is_file()


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.mark.slow
def test_installed_wheel_runs_demo_outside_the_repository(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "scraper", source / "scraper", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels, target, work = tmp_path / "wheels", tmp_path / "site-packages", tmp_path / "work"
    work.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    offline = ["--no-index", "--no-deps", "--quiet"]
    run(*pip, "wheel", source, "--no-build-isolation", *offline, "-w", wheels, cwd=work)
    (wheel,) = wheels.glob("dbp_archive-*.whl")
    run(*pip, "install", *offline, "--target", target, wheel, cwd=work)
    assert (target / "scraper" / "demo_site" / "index.html").is_file()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SCRAPY_"))}
    env["PYTHONPATH"] = str(target)  # the installed copy; the repository is nowhere on the path
    where = run(
        sys.executable,
        "-P",
        "-c",
        "import scraper, scraper.cli; print(scraper.__file__); print(scraper.cli.DEMO_SITE)",
        cwd=work,
        env=env,
    ).split()
    assert all(Path(line).is_relative_to(target) for line in where), where

    # The console script pip wrote (its #! line may be too long for the kernel: run it with -P).
    output = run(
        sys.executable,
        "-P",
        target / "bin" / "dbp-archive",
        "demo",
        "--db",
        "a.db",
        cwd=work,
        env=env,
    )
    assert f"serving {target / 'scraper' / 'demo_site'}" in output
    with sqlite3.connect(work / "a.db") as db:
        (count,) = db.execute("SELECT count(*) FROM articles").fetchone()
    assert count == len(expected_pages()) - 1 == 43  # one article is listed under two URLs
    assert (work / "report.html").is_file()
    assert not any(work.glob("*.egg-info")) and not (ROOT / "a.db").exists()
