"""Run health: exit codes a cron job can act on, and the fill-rate alarm."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from scraper.items import ARTICLE_FIELDS


class ExitCode(IntEnum):
    """Exit codes of ``dbp-archive`` (documented in the README and docs/operations.md)."""

    OK = 0  # the run finished; every failure of a single page is recorded in `fetches`
    FAILED = 1  # the run could not do its job (site unreachable, archive unwritable, crash)
    USAGE = 2  # bad command line or input (missing file, URL that is not an article)
    DEGRADED = 3  # finished, but title/body/published_at fill rates fell below the threshold
    LOCKED = 4  # another crawl holds the archive's lock


def fill_rates(stats: Mapping[str, Any], extracted: int) -> dict[str, float]:
    """Return ``{field: share of the run's articles with that field filled}`` (0.0–1.0)."""
    if not extracted:
        return {}
    return {
        name: round(int(stats.get(f"dbp/filled/{name}", 0)) / extracted, 4)
        for name in ARTICLE_FIELDS
    }


def judge_fill_rates(
    rates: Mapping[str, float], extracted: int, *, fields: list[str], threshold: float,
    minimum: int,
) -> list[str]:  # fmt: skip
    """Return the watched fields whose fill rate is below ``threshold`` (none if too few pages)."""
    if extracted < minimum:
        return []
    return [name for name in fields if rates.get(name, 0.0) < threshold]
