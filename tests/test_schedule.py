"""Schedules that mean what they say: cron lines whose runs are exactly the interval apart,
systemd timers for the rest, and the documented cron wrapper mailing the right exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from croniter import croniter

from scraper import schedule as sched
from tests.conftest import ROOT, run_cli

COMMAND = "/opt/dbp/bin/dbp-archive crawl --db /data/a.db --log-file /data/crawl.log --quiet"
START = datetime(2025, 1, 30, 22, 41)  # near a month's end, a year's first month: Feb is short


@pytest.mark.parametrize(
    ("every", "interval"),
    [
        ("1m", timedelta(minutes=1)),
        ("15m", timedelta(minutes=15)),
        ("30m", timedelta(minutes=30)),
        ("1h", timedelta(hours=1)),
        ("2h", timedelta(hours=2)),
        ("6h", timedelta(hours=6)),
        ("12h", timedelta(hours=12)),
        ("1d", timedelta(days=1)),
        ("7d", timedelta(days=7)),
    ],
)
def test_crontab_line_runs_exactly_every_interval(every: str, interval: timedelta) -> None:
    line = sched.crontab_line(every, COMMAND)
    fields = line.split()[:5]
    assert line == f"{' '.join(fields)} {COMMAND} {sched.CRON_MARKER}"
    runs = croniter(" ".join(fields), START)
    # Long enough to cross a day, a month (Jan 31 -> Feb 1) and, for 7d, several weeks.
    times = [runs.get_next(datetime) for _ in range(60)]
    assert {later - earlier for earlier, later in zip(times, times[1:], strict=False)} == {interval}
    assert times[0] - START <= interval


@pytest.mark.parametrize("every", ["7h", "5h", "9h", "45m", "7m", "2d", "3d", "10d"])
def test_intervals_cron_cannot_keep_get_no_crontab_line(every: str) -> None:
    problem = sched.cron_problem(every)
    assert problem and "\n" not in problem and f"every {every}" in problem
    with pytest.raises(ValueError, match="cron cannot"):
        sched.crontab_line(every, COMMAND)
    _, timer = sched.systemd_units(every, COMMAND, Path("/data"))
    n, unit = sched.parse_every(every)
    span = {"m": "min", "h": "h", "d": "d"}[unit]
    assert f"OnUnitActiveSec={n}{span}\n" in timer and "OnBootSec=" in timer
    assert "Persistent" not in timer and "OnCalendar" not in timer  # Persistent needs OnCalendar


def test_why_a_7h_cron_line_would_lie() -> None:
    """What the issue saw: */7 runs at 21:17 and then at 0:17, 3 h later."""
    runs = croniter("17 */7 * * *", datetime(2025, 1, 1, 20, 0))
    first, second = runs.get_next(datetime), runs.get_next(datetime)
    assert (first.hour, second.hour, second - first) == (21, 0, timedelta(hours=3))
    assert "21:17 and again at 0:17, 3 h later" in (sched.cron_problem("7h") or "")


@pytest.mark.parametrize("every", ["15m", "30m", "1h", "2h", "6h", "1d", "7d"])
def test_timer_runs_at_the_crontab_lines_times(every: str) -> None:
    _, timer = sched.systemd_units(every, COMMAND, Path("/data"))
    spec = sched.calendar_spec(every)
    assert spec and f"OnCalendar={spec}\nPersistent=true\n" in timer
    assert "OnUnitActiveSec" not in timer
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed")
    result = subprocess.run(
        [analyze, "calendar", "--iterations=6", spec],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TZ": "UTC", "SYSTEMD_COLORS": "0"},
    )
    assert result.returncode == 0, result.stderr
    stamps = re.findall(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", result.stdout)
    systemd_times = [datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S") for stamp in stamps]
    assert len(systemd_times) == 6
    cron_fields = " ".join(sched.crontab_line(every, COMMAND).split()[:5])
    runs = croniter(cron_fields, systemd_times[0] - timedelta(seconds=1))
    assert [runs.get_next(datetime) for _ in range(6)] == systemd_times


def test_schedule_command_output(tmp_path: Path) -> None:
    odd = run_cli("schedule", "--every", "7h", "--db", str(tmp_path / "a.db"))
    assert odd.returncode == 0, odd.stderr
    assert "# no crontab line: cron cannot run every 7h" in odd.stdout
    assert "*/7" in odd.stdout and "17 */7 * * *" not in odd.stdout
    assert "OnUnitActiveSec=7h" in odd.stdout and "Persistent" not in odd.stdout
    assert "loginctl enable-linger $USER" in odd.stdout
    even = run_cli("schedule", "--every", "6h", "--db", str(tmp_path / "a.db"))
    assert "17 */6 * * *" in even.stdout and "OnCalendar=*-*-* 00/6:17:00" in even.stdout
    assert "loginctl enable-linger $USER" in even.stdout
    refused = run_cli("schedule", "--every", "2d", "--install", "--db", str(tmp_path / "a.db"))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "cron cannot run every 2d" in refused.stderr


def test_a_percent_sign_is_escaped_for_cron_and_systemd() -> None:
    command = "/opt/dbp%1/dbp-archive crawl"
    assert "/opt/dbp\\%1/" in sched.crontab_line("6h", command)
    service, _ = sched.systemd_units("6h", command, Path("/data"))
    assert "ExecStart=/opt/dbp%%1/dbp-archive crawl\n" in service


def documented_wrapper() -> str:
    """Return the command part of the cron wrapper line in docs/operations.md."""
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if "case $code in" in row)
    return line.split(maxsplit=5)[5]  # after the five time fields


@pytest.mark.parametrize(
    ("code", "mailed"), [(0, False), (1, True), (2, False), (3, True), (4, False), (5, True)]
)
def test_documented_cron_wrapper_mails_the_crawls_exit_code(
    tmp_path: Path, code: int, mailed: bool
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dbp-archive").write_text(f"#!/bin/sh\nexit {code}\n")
    (bin_dir / "mail").write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/mailed\ncat > /dev/null\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    log = tmp_path / "crawl.log"
    log.write_text("a log line\n")
    command = documented_wrapper().replace("/data/dbp/crawl.log", str(log))
    assert "%" not in command  # cron would cut the line there
    result = subprocess.run(
        ["/bin/sh", "-c", command],
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    mail = tmp_path / "mailed"
    assert mail.exists() == mailed
    if mailed:
        assert f"dbp-archive exit {code}" in mail.read_text()
