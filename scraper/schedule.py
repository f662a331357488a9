"""Scheduled crawls: a crontab line and a systemd timer/service pair, and installing the former.

A schedule must mean what it says. Cron matches clock fields, so ``*/7`` in the hour field runs
at 0:17, 7:17, 14:17, 21:17 and again at 0:17 three hours later; ``*/2`` in the day field runs
on the 31st and the 1st. So a crontab line is written only for intervals cron keeps exactly
(minutes dividing 60, hours dividing 24, one day, one week); any other interval gets a systemd
timer only, counted from the crawl's last start.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Final

_EVERY_RE: Final = re.compile(r"^(?P<n>\d{1,3})(?P<unit>[mhd])$")
CRON_MARKER: Final = "# dbp-archive crawl"
# Minute past the hour of hourly and daily runs, and hour of daily runs: off the top of the
# hour, when many jobs (and other crawlers) start.
MINUTE: Final = 17
HOUR: Final = 3
LINGER_NOTE: Final = (
    "# a user timer runs only while you are logged in, unless systemd keeps your user\n"
    "# manager running from boot: loginctl enable-linger $USER"
)


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


def cron_problem(every: str) -> str | None:
    """Return why cron cannot run a crawl exactly every ``every`` (one line), or None if it can."""
    n, unit = parse_every(every)
    if unit == "m" and 60 % n:
        last = 60 - 60 % n
        return (
            f"cron cannot run every {n}m: {n} does not divide 60, so */{n} in the minute field"
            f" runs at :{last:02d} and again at :00, {60 - last} min later"
        )
    if unit == "h" and 24 % n:
        last = 24 - 24 % n
        return (
            f"cron cannot run every {n}h: {n} does not divide 24, so */{n} in the hour field"
            f" runs at {last}:{MINUTE} and again at 0:{MINUTE}, {24 - last} h later"
        )
    if unit == "d" and n not in (1, 7):
        last = 1 + (30 // n) * n
        return (
            f"cron cannot run every {n}d: its day-of-month field restarts each month"
            f" (*/{n} runs on day {last} and again on the 1st)"
        )
    return None


def cron_schedule(every: str) -> str:
    """Return the five cron time fields for ``every``; raise ValueError if cron cannot keep it."""
    problem = cron_problem(every)
    if problem:
        raise ValueError(problem)
    n, unit = parse_every(every)
    if unit == "m":
        return "* * * * *" if n == 1 else f"*/{n} * * * *"
    if unit == "h":
        return f"{MINUTE} * * * *" if n == 1 else f"{MINUTE} */{n} * * *"
    return f"{MINUTE} {HOUR} * * *" if n == 1 else f"{MINUTE} {HOUR} * * 1"  # 7d: Mondays


def calendar_spec(every: str) -> str | None:
    """Return the systemd ``OnCalendar=`` expression of the crontab line, or None without one."""
    if cron_problem(every):
        return None
    n, unit = parse_every(every)
    if unit == "m":
        return "*-*-* *:*:00" if n == 1 else f"*-*-* *:00/{n}:00"
    if unit == "h":
        return f"*-*-* *:{MINUTE}:00" if n == 1 else f"*-*-* 00/{n}:{MINUTE}:00"
    return f"*-*-* {HOUR:02d}:{MINUTE}:00" if n == 1 else f"Mon *-*-* {HOUR:02d}:{MINUTE}:00"


def crawl_command(program: list[str], db: Path, log_file: Path) -> str:
    """Return the shell command a scheduler runs: the crawl with its lock and rotating log.

    ``program`` is ``["/path/dbp-archive"]`` or ``["/path/python", "-m", "scraper.cli"]``.
    """
    parts = [*program, "crawl", "--db", str(db), "--log-file", str(log_file), "--quiet"]
    return " ".join(shlex.quote(part) for part in parts)


def crontab_line(every: str, command: str) -> str:
    """Return one crontab line running ``command`` every ``every`` (ValueError if cron cannot)."""
    escaped = command.replace("%", "\\%")  # an unescaped % in a crontab command is a newline
    return f"{cron_schedule(every)} {escaped} {CRON_MARKER}"


def systemd_units(every: str, command: str, workdir: Path) -> tuple[str, str]:
    """Return (service unit, timer unit) text running ``command`` every ``every``.

    An interval cron keeps is an ``OnCalendar=`` expression at the crontab line's times, with
    ``Persistent=true`` (a run missed while the machine was off starts at the next boot). Any
    other is ``OnUnitActiveSec=`` (counted from the crawl's last start) after ``OnBootSec=``;
    ``Persistent=`` has no effect on those, so it is left out.
    """
    n, unit = parse_every(every)
    span = {"m": "min", "h": "h", "d": "d"}[unit]
    service = (
        "[Unit]\nDescription=dbp-archive crawl of Báo Điện Biên Phủ\n"
        "After=network-online.target\nWants=network-online.target\n\n"
        f"[Service]\nType=oneshot\nWorkingDirectory={workdir}\n"
        f"ExecStart={command.replace('%', '%%')}\n"  # % starts a systemd specifier
        "# exit 1 failed, 3 degraded, 5 interrupted show as failed in systemctl --user status;\n"
        "# 4 = locked (another crawl is running) is not a failure: see docs/operations.md\n"
        "SuccessExitStatus=4\nNice=10\n"
    )
    spec = calendar_spec(every)
    if spec:
        when = f"OnCalendar={spec}\nPersistent=true\n"
    else:
        when = (
            f"# every {n}{unit} from the crawl's last start; the first run 10 min after boot\n"
            f"OnBootSec=10min\nOnUnitActiveSec={n}{span}\n"
        )
    timer = (
        f"[Unit]\nDescription=Run dbp-archive crawl every {n}{unit}\n\n"
        f"[Timer]\n{when}\n[Install]\nWantedBy=timers.target\n"
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
