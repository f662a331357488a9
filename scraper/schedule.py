"""Scheduled crawls: a crontab line and a systemd timer/service pair, and installing the former."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Final

_EVERY_RE: Final = re.compile(r"^(?P<n>\d{1,3})(?P<unit>[mhd])$")
CRON_MARKER: Final = "# dbp-archive crawl"


def parse_every(every: str) -> tuple[int, str]:
    """Return (n, unit) of ``30m``, ``6h``, ``1d``; raise ValueError for anything else."""
    match = _EVERY_RE.match(every.strip())
    if not match or int(match.group("n")) == 0:
        raise ValueError(f"--every must look like 30m, 6h or 1d, got {every!r}")
    n, unit = int(match.group("n")), match.group("unit")
    limits = {"m": 59, "h": 23, "d": 31}
    if n > limits[unit]:
        raise ValueError(f"--every {every}: at most {limits[unit]}{unit}")
    return n, unit


def cron_schedule(every: str) -> str:
    """Return the five cron time fields for ``every`` (minute 17: off the top of the hour)."""
    n, unit = parse_every(every)
    if unit == "m":
        return f"*/{n} * * * *"
    if unit == "h":
        return f"17 */{n} * * *"
    return f"17 3 */{n} * *"


def crawl_command(program: list[str], db: Path, log_file: Path) -> str:
    """Return the shell command a scheduler runs: the crawl with its lock and rotating log.

    ``program`` is ``["/path/dbp-archive"]`` or ``["/path/python", "-m", "scraper.cli"]``.
    """
    parts = [*program, "crawl", "--db", str(db), "--log-file", str(log_file), "--quiet"]
    return " ".join(shlex.quote(part) for part in parts)


def crontab_line(every: str, command: str) -> str:
    """Return one crontab line running ``command`` every ``every``."""
    return f"{cron_schedule(every)} {command} {CRON_MARKER}"


def systemd_units(every: str, command: str, workdir: Path) -> tuple[str, str]:
    """Return (service unit, timer unit) text running ``command`` every ``every``."""
    n, unit = parse_every(every)
    span = {"m": "min", "h": "h", "d": "d"}[unit]
    service = (
        "[Unit]\nDescription=dbp-archive crawl of Báo Điện Biên Phủ\n"
        "After=network-online.target\nWants=network-online.target\n\n"
        f"[Service]\nType=oneshot\nWorkingDirectory={workdir}\nExecStart={command}\n"
        "# exit 3 = degraded (fill-rate alarm), 4 = locked: see docs/operations.md\n"
        "SuccessExitStatus=0 4\nNice=10\n"
    )
    timer = (
        "[Unit]\nDescription=Run dbp-archive crawl periodically\n\n"
        f"[Timer]\nOnBootSec=10min\nOnUnitActiveSec={n}{span}\nRandomizedDelaySec=5min\n"
        "Persistent=true\n\n[Install]\nWantedBy=timers.target\n"
    )
    return service, timer


class ScheduleError(RuntimeError):
    """The crontab could not be read or written (one-line message)."""


def install_crontab(line: str) -> str:
    """Add ``line`` to the current user's crontab, replacing an earlier dbp-archive line."""
    try:
        current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
        kept = [row for row in current.stdout.splitlines() if CRON_MARKER not in row]
        new = "\n".join([*kept, line]) + "\n"
        subprocess.run(["crontab", "-"], input=new, text=True, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ScheduleError(str(exc)) from exc
    return new
