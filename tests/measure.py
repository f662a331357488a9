"""Measure a command's own peak memory.

A process forked from a big one (pytest after two thousand tests, a benchmark holding a mirror
or captures in memory) counts its parent's memory in its ``ru_maxrss``: Linux keeps the
pre-exec high-water mark across exec (a child of a 400 MB parent reports 393 MB). Forked from
the small launcher below, the figure is the command's own.
"""

from __future__ import annotations

from typing import Final

# ``python -c PEAK_RSS_LAUNCHER PEAK_FILE COMMAND...``: runs COMMAND, writes its peak RSS (KB)
# to PEAK_FILE and exits with its code.
PEAK_RSS_LAUNCHER: Final = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""
