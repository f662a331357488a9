"""Re-run the current extractor over the stored raw pages: no network.

A record whose content changed gets a new version; unchanged ones only refresh derived fields.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from scraper import utc_now
from scraper.archive.store import Archive
from scraper.extract import ExtractionError, extract_article

logger = logging.getLogger(__name__)


@dataclass(kw_only=True, slots=True)
class ReextractReport:
    """Counts of a re-extraction: pages read, records new/updated/unchanged, errors."""

    pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def reextract(
    archive: Archive, *, progress: Callable[[int], None] | None = None
) -> ReextractReport:
    """Re-extract every archived article from the page it came from; return the counts.

    Each page is its own transaction (an interrupted re-extraction loses nothing).
    """
    report = ReextractReport()
    run_id = archive.begin_run(mode="reextract", argv="reextract", started_at=utc_now())
    for page in archive.iter_article_pages():
        report.pages += 1
        try:
            extraction = extract_article(
                page.body,
                page.url,
                datetime.fromisoformat(page.fetched_at),  # dates judged as of the fetch
                content_type=page.headers.get("content-type"),
            )
        except ExtractionError as exc:
            report.errors.append(f"{page.url}: {exc}")
            continue
        with archive.transaction():
            outcome = archive.save_article(
                extraction, page_sha256=page.sha256, captured_at=page.fetched_at, run_id=run_id
            )
        setattr(report, outcome, getattr(report, outcome) + 1)
        if progress:
            progress(report.pages)
    archive.end_run(
        run_id,
        ended_at=utc_now(),
        status="ok",
        exit_code=0,
        pages=report.pages,
        new_articles=report.new,
        updated_articles=report.updated,
        new_versions=report.new + report.updated,
        errors=len(report.errors),
        requests=0,
        refused=0,
        warnings=report.errors[:20],
        summary={"unchanged": report.unchanged},
    )
    return report
