"""The run verdict (``judge_run``), fill rates and the failure breakdown, on plain mappings."""

from __future__ import annotations

from typing import Any

import pytest

from scraper.config import Stat
from scraper.health import (
    ExitCode,
    fill_rates,
    judge_fill_rates,
    judge_run,
    problem_breakdown,
    reason_kind,
)
from scraper.items import ARTICLE_FIELDS


def stats(
    *, fatal: str | None = None, requested: int = 3, ok: int = 3, links: int = 30
) -> dict[str, Any]:
    """Return crawl stats as the spider and middlewares leave them (the keys in one place)."""
    values: dict[str, Any] = {
        Stat.LISTING_REQUESTED: requested,
        Stat.LISTING_OK: ok,
        Stat.LISTING_ARTICLE_LINKS: links,
    }
    if fatal:
        values[Stat.FATAL] = fatal
    return values


LOW = {"low_fields": ["published_at"], "rates": {"published_at": 0.25}, "threshold": 0.9}
FILL_WARNING = "fill rate below 90%: published_at 25%"
NO_LINKS = "no article link on 3 listing pages: the site's layout changed?"
NOTHING = "none of 3 listing pages (home, sections) could be fetched"
ROBOTS = "robots.txt answered HTTP 503; crawl stopped (RFC 9309)"

# (name, stats, judge_run's keywords beyond the defaults, status, exit code, warnings)
VERDICTS: list[tuple[str, dict[str, Any], dict[str, Any], str, ExitCode, list[str]]] = [
    ("a clean run", stats(), {}, "ok", ExitCode.OK, []),
    ("nothing asked, nothing fetched", stats(requested=0, ok=0, links=0), {}, "ok",
     ExitCode.OK, []),
    ("fatal: robots.txt", stats(fatal=ROBOTS), {}, "failed", ExitCode.FAILED, [ROBOTS]),
    ("fatal wins over low fill rates", stats(fatal=ROBOTS), LOW, "failed", ExitCode.FAILED,
     [ROBOTS]),
    ("fatal wins over an interruption", stats(fatal=ROBOTS), {"interrupted": True}, "failed",
     ExitCode.FAILED, [ROBOTS]),
    ("no listing page fetched", stats(ok=0, links=0), {}, "failed", ExitCode.FAILED, [NOTHING]),
    ("no listing page fetched, interrupted", stats(ok=0, links=0), {"interrupted": True},
     "interrupted", ExitCode.INTERRUPTED, []),
    ("listings list nothing", stats(links=0), {}, "degraded", ExitCode.DEGRADED, [NO_LINKS]),
    ("fill rate below the threshold", stats(), LOW, "degraded", ExitCode.DEGRADED,
     [FILL_WARNING]),
    ("implausible values", stats(), {"implausible": ["published_at: one time for all"]},
     "degraded", ExitCode.DEGRADED, ["implausible published_at: one time for all"]),
    ("every warning, in order", stats(links=0), {**LOW, "implausible": ["lead: same"]},
     "degraded", ExitCode.DEGRADED, [NO_LINKS, FILL_WARNING, "implausible lead: same"]),
    ("interrupted, clean", stats(), {"interrupted": True}, "interrupted",
     ExitCode.INTERRUPTED, []),
    ("interrupted keeps its warnings", stats(), {**LOW, "interrupted": True}, "interrupted",
     ExitCode.INTERRUPTED, [FILL_WARNING]),
    ("a rate missing from rates counts as 0%", stats(),
     {"low_fields": ["title"], "rates": {}, "threshold": 0.5}, "degraded", ExitCode.DEGRADED,
     ["fill rate below 50%: title 0%"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "keywords", "status", "code", "warnings"),
    [row[1:] for row in VERDICTS],
    ids=[row[0] for row in VERDICTS],
)
def test_judge_run(
    given: dict[str, Any],
    keywords: dict[str, Any],
    status: str,
    code: ExitCode,
    warnings: list[str],
) -> None:
    arguments: dict[str, Any] = {"low_fields": [], "rates": {}, "threshold": 0.9} | keywords
    assert judge_run(given, **arguments) == (status, code, warnings)


def test_fill_rates() -> None:
    counts = {Stat.filled(name): 3 for name in ARTICLE_FIELDS} | {Stat.filled("lead"): 1}
    rates = fill_rates(counts, 3)
    assert set(rates) == set(ARTICLE_FIELDS)
    assert rates["lead"] == 0.3333 and rates["title"] == 1.0
    assert fill_rates({}, 4) == dict.fromkeys(ARTICLE_FIELDS, 0.0)
    assert fill_rates(counts, 0) == {}  # no article extracted: no rate at all


@pytest.mark.parametrize(
    ("rates", "extracted", "low"),
    [
        ({"title": 1.0, "body": 0.95}, 10, []),
        ({"title": 1.0, "body": 0.5}, 10, ["body"]),
        ({"title": 0.89, "body": 0.9}, 10, ["title"]),  # the threshold itself is fine
        ({"title": 1.0}, 10, ["body"]),  # a watched field never filled
        ({"title": 0.0, "body": 0.0}, 2, []),  # under the minimum: too few pages to judge
        ({"title": 0.0, "body": 0.0}, 3, ["title", "body"]),
    ],
)
def test_judge_fill_rates(rates: dict[str, float], extracted: int, low: list[str]) -> None:
    assert (
        judge_fill_rates(rates, extracted, fields=["title", "body"], threshold=0.9, minimum=3)
        == low
    )


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("Forbidden by robots.txt", "robots.txt"),
        ("off-site redirect to evil.example refused", "off-site"),
        ("redirect loop refused after 2 hops", "redirect loop"),
        ("max redirections reached", "redirect chain too long"),
        ("response over the size limit (DOWNLOAD_MAXSIZE): Cancelling", "size limit"),
        ("TimeoutError: User timeout caused connection failure", "timeout"),
        ("Getting https://x took longer than 30 seconds", "timeout"),
        ("not HTML (application/pdf)", "not HTML"),
        ("empty body", "empty body"),
        ("HTTP 404", "HTTP 4xx"),
        ("HTTP 503", "HTTP 5xx"),
        ("ConnectionRefusedError: Connection was refused", "connection"),
        ("DNSLookupError: DNS lookup failed", "DNS"),
        ("unusable record: no lead and no body text", "other"),
        (None, "other"),
    ],
)
def test_reason_kind(reason: str | None, kind: str) -> None:
    assert reason_kind(reason) == kind


def test_problem_breakdown() -> None:
    rows = [("failed", "HTTP 503"), ("failed", "HTTP 502"), ("refused", "Forbidden by robots.txt")]
    assert problem_breakdown(rows) == {"failed": {"HTTP 5xx": 2}, "refused": {"robots.txt": 1}}
