"""Run health: exit codes a cron job can act on, and the fill-rate alarm."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any, Final

from scraper.config import RunCounts
from scraper.items import ARTICLE_FIELDS


class ExitCode(IntEnum):
    """Exit codes of ``dbp-archive`` (documented in the README and docs/operations.md)."""

    OK = 0  # the run finished; every failure of a single page is recorded in `fetches`
    FAILED = 1  # the run could not do its job (site unreachable, archive unwritable, crash)
    USAGE = 2  # bad command line or input (missing file, URL that is not an article)
    DEGRADED = 3  # finished, but fill rates fell, listings showed no article, or values
    # cannot all be true (scraper.plausibility: one timestamp or lead for most new articles)
    LOCKED = 4  # another crawl holds the archive's lock
    INTERRUPTED = 5  # stopped by SIGTERM/SIGINT: what was fetched is kept, the next run resumes


# Checks of archived articles that found them removed (first sightings, ``missing``, and soft
# 404s): this many, and more than half of the checks answered, is the site changing (new URLs,
# a maintenance redirect, a new layout the extractor misses), not a wave of removals.
REMOVAL_ALARM_MIN: Final = 3
REMOVAL_ALARM_FOUND: Final = ("missing", "soft-404")


# (pattern in a fetch's reason, short name) for the run summary's breakdown of problems.
_REASON_KINDS: tuple[tuple[str, str], ...] = (
    ("robots.txt", "robots.txt"),
    ("off-site", "off-site"),
    ("redirect loop", "redirect loop"),
    ("max redirections", "redirect chain too long"),
    ("size limit", "size limit"),
    ("DOWNLOAD_MAXSIZE", "size limit"),
    ("Timeout", "timeout"),
    ("took longer", "timeout"),
    ("not HTML", "not HTML"),
    ("empty", "empty body"),
    ("HTTP 4", "HTTP 4xx"),
    ("HTTP 5", "HTTP 5xx"),
    ("Connection", "connection"),
    ("DNS", "DNS"),
)


def reason_kind(reason: str | None) -> str:
    """Return a short name for a fetch's failure reason (``size limit``, ``HTTP 5xx`` …)."""
    for pattern, name in _REASON_KINDS:
        if pattern.lower() in (reason or "").lower():
            return name
    return "other"


def problem_breakdown(rows: list[tuple[str, str | None]]) -> dict[str, dict[str, int]]:
    """Return ``{outcome: {reason kind: count}}`` for (outcome, reason) fetch rows."""
    breakdown: dict[str, dict[str, int]] = {}
    for outcome, reason in rows:
        kinds = breakdown.setdefault(outcome, {})
        kind = reason_kind(reason)
        kinds[kind] = kinds.get(kind, 0) + 1
    return breakdown


def judge_run(
    stats: Mapping[str, Any], *, low_fields: list[str], rates: Mapping[str, float],
    threshold: float, implausible: Sequence[str] = (), interrupted: bool = False,
    checks: Sequence[str] = (),
) -> tuple[str, ExitCode, list[str]]:  # fmt: skip
    """Return (status, exit code, warnings) of a finished run, from its crawl stats.

    interrupted: stopped by SIGTERM/SIGINT. Unless a fatal condition came first, the run is
    ``interrupted`` (exit 5), with the warnings a finished run of its articles would give
    (a run stopped before its listings were fetched is not called failed).

    failed: a fatal condition (robots.txt unreadable), or not one listing page fetched (the
    site is down or blocks us). degraded: listing pages fetched but not one article link on
    them, or the fill rates of the watched fields under ``threshold`` — both signs of a new
    layout that would otherwise leave a silently empty archive — or ``implausible`` findings
    (``scraper.plausibility``: fields filled with values that cannot all be true), each kept
    as a warning that starts with the field's name — or ``checks`` warnings
    (``judge_checks``: re-checked articles that mostly look removed). An archived
    article's removal (404, a redirect away, a soft 404) is the ledger's and never a
    warning on its own.
    """
    counts = RunCounts.from_stats(stats)
    fatal = counts.fatal
    requested = counts.listing_requested
    fetched = counts.listing_ok
    if fatal:
        return "failed", ExitCode.FAILED, [str(fatal)]
    if requested and not fetched and not interrupted:
        return (
            "failed",
            ExitCode.FAILED,
            [f"none of {requested} listing pages (home, sections) could be fetched"],
        )
    warnings = []
    if fetched and not counts.listing_article_links:
        warnings.append(f"no article link on {fetched} listing pages: the site's layout changed?")
    if low_fields:
        warnings.append(
            f"fill rate below {threshold:.0%}: "
            + ", ".join(f"{name} {rates.get(name, 0.0):.0%}" for name in low_fields)
        )
    warnings += [f"implausible {finding}" for finding in implausible]
    warnings += list(checks)
    if interrupted:
        return "interrupted", ExitCode.INTERRUPTED, warnings
    if warnings:
        return "degraded", ExitCode.DEGRADED, warnings
    return "ok", ExitCode.OK, []


def judge_checks(counts: RunCounts) -> list[str]:
    """Return a warning when most checks of archived articles (revisits and re-checks) found
    them removed: at least ``REMOVAL_ALARM_MIN`` new removal sightings (``missing``: a 404, a
    redirect away or a page with no article, seen for the first time or not yet confirmed;
    ``soft-404``) and more than half of the answered checks. Each is a ledger observation; so
    many at once are the site changing under the crawler, not articles removed."""
    found: dict[str, int] = {}
    for per_check in counts.checked.values():
        for key, n in per_check.items():
            found[key] = found.get(key, 0) + n
    removed = sum(found.get(key, 0) for key in REMOVAL_ALARM_FOUND)
    answered = sum(found.values())
    if removed >= REMOVAL_ALARM_MIN and removed * 2 > answered:
        detail = ", ".join(f"{k} {found[k]}" for k in REMOVAL_ALARM_FOUND if found.get(k))
        return [
            f"{removed} of {answered} checked archived articles look removed ({detail}):"
            " the site changed (new URLs, a redirect, a new layout)?"
        ]
    return []


def fill_rates(stats: Mapping[str, Any], extracted: int) -> dict[str, float]:
    """Return ``{field: share of the run's articles with that field filled}`` (0.0–1.0)."""
    if not extracted:
        return {}
    filled = RunCounts.from_stats(stats, ARTICLE_FIELDS).filled
    return {name: round(filled[name] / extracted, 4) for name in ARTICLE_FIELDS}


def judge_fill_rates(
    rates: Mapping[str, float],
    extracted: int,
    *,
    fields: list[str],
    threshold: float,
    minimum: int,
) -> list[str]:
    """Return the watched fields whose fill rate is below ``threshold`` (none if too few pages)."""
    if extracted < minimum:
        return []
    return [name for name in fields if rates.get(name, 0.0) < threshold]
