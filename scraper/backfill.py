"""Backfill: the site's past from a web archive, merged into the archive's history.

One run: list the source's captures of the site (once a day at most: a listing is kept in
``capture_listings``), then fetch each capture not fetched yet, oldest first, articles before
listings, and store it:

* a capture whose archived status is not 200 (a redirect, an error) is recorded, not fetched;
* a capture with the content digest of one already fetched for the same URL is not fetched
  again: its stored page is read back;
* an article capture is extracted by the same cascade as a crawl (dates judged as of the
  capture time) and merged into the article's history (``scraper.archive.captures``); a
  capture with no article in it (an error page served with 200) adds nothing;
* a listing capture queues the articles it links to that the archive lacks (the crawl's
  frontier), so the next crawl fetches them from the live site if they are still there.

Each capture is its own transaction: a kill loses at most the capture in flight, and the
next run goes on where this one stopped. A source that keeps refusing (429, 5xx) stops the
run with exit 1 after what was done is committed.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import urlsplit

from scraper import utc_now
from scraper.archive import captures
from scraper.archive.captures import PendingCapture
from scraper.archive.store import Archive
from scraper.extract import ExtractionError, extract_article, extract_listing
from scraper.health import ExitCode
from scraper.items import ArticleExtraction
from scraper.site import SITE_HOST
from scraper.urls import article_id, canonical, classify
from scraper.webarchive import (
    CaptureError,
    Listed,
    Raw,
    SourceRefused,
    WebArchive,
)

logger = logging.getLogger(__name__)

RELIST_AFTER: Final = timedelta(days=1)  # a listing younger than this is reused
LIST_BATCH: Final = 500  # listed captures written per commit
HTML_TYPES: Final = ("text/html", "application/xhtml+xml")
MAX_ERRORS_SHOWN: Final = 20
REFUSED_CAPTURES_TO_STOP: Final = 2  # captures in a row the source kept refusing: stop
# A page ends with its document: a capture cut short is no evidence of an edit.
DOCUMENT_END: Final = re.compile(rb"</(?:html|body)\s*>", re.I)
DOCUMENT_END_WINDOW: Final = 64 * 1024  # bytes at the end where the closing tag is looked for
_CDX_FORMATS: Final = {4: "%Y", 6: "%Y%m", 8: "%Y%m%d"}  # --since / --until, as digits


@dataclass(kw_only=True)
class BackfillReport:
    """What one backfill run did. ``outcomes`` counts captures by outcome (``new``,
    ``current``, ``version``, ``earlier``, ``unchanged``, ``unplaced``, ``incomplete``,
    ``no-article``, ``listing``,
    ``not-fetched``, ``skipped``, ``failed``)."""

    run_id: int = 0
    listed: int | None = None  # lines of this run's listing (None: a recent listing reused)
    newly_listed: int = 0
    to_fetch: int = 0
    fetched: int = 0  # captures fetched from the source (not read back from a twin)
    from_twin: int = 0  # captures whose content was already stored (same digest)
    queued: int = 0  # article URLs queued for the live site by listing captures
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    stopped: str | None = None  # why the source was given up
    crashed: str | None = None  # an unexpected error (the run is recorded as failed)
    interrupted: bool = False

    @property
    def code(self) -> ExitCode:
        """The exit code: interrupted 5, a source that kept refusing 1, else 0."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.FAILED if self.stopped or self.crashed else ExitCode.OK

    @property
    def status(self) -> str:
        """The run's status as ``runs`` shows it."""
        if self.interrupted:
            return "interrupted"
        return "failed" if self.stopped or self.crashed else "ok"


def cdx_bound(value: str | None) -> str | None:
    """Return a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` bound as CDX digits (``20190301``)."""
    if not value:
        return None
    digits = value.replace("-", "")
    problem = ValueError(f"not a year or date (YYYY, YYYY-MM, YYYY-MM-DD): {value!r}")
    if len(digits) not in _CDX_FORMATS or not digits.isdigit():
        raise problem
    try:
        _period_start(digits)
    except ValueError:  # 2019-13, 2019-02-30
        raise problem from None
    return digits


def _period_start(digits: str) -> datetime:
    return datetime.strptime(digits, _CDX_FORMATS[len(digits)]).replace(tzinfo=UTC)


def _period_end(digits: str) -> datetime:
    """Return the start of the period after the year, month or day ``digits`` names."""
    start = _period_start(digits)
    if len(digits) == 8:
        return start + timedelta(days=1)
    if len(digits) == 6:
        return (start + timedelta(days=32)).replace(day=1)
    return start.replace(year=start.year + 1)


def iso_bounds(since: str | None, until: str | None) -> tuple[str, str]:
    """Return CDX bounds (``cdx_bound``'s digits) as ISO times: ``since`` inclusive, ``until``
    as the start of the next period, exclusive ("" for none)."""
    low = _period_start(since).isoformat() if since else ""
    high = _period_end(until).isoformat() if until else ""
    return low, high


def classify_listed(listed: Listed) -> tuple[Listed, str, str, str | None] | None:
    """Return ``(listed, kind, key, article_id)`` for an article or listing capture, else None."""
    if urlsplit(listed.url).query:
        return None  # a print view, a tracking or language variant: not the page itself
    kind = classify(listed.url)
    if kind == "article":
        ident = article_id(listed.url)
        return (listed, kind, ident or canonical(listed.url), ident)
    if kind == "listing":
        return (listed, kind, canonical(listed.url), None)
    return None


def _batches(items: Iterator[Listed], size: int) -> Iterator[list[Listed]]:
    batch: list[Listed] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Backfill:
    """One backfill run of ``source`` into ``archive`` (the caller holds the archive lock)."""

    def __init__(
        self,
        archive: Archive,
        source: WebArchive,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        progress: Callable[[BackfillReport, PendingCapture], None] | None = None,
        now: Callable[[], str] = utc_now,
    ) -> None:
        self.archive = archive
        self.source = source
        self.since = since
        self.until = until
        self.limit = limit
        self.progress = progress
        self.now = now
        self.report = BackfillReport()
        self.started = 0.0

    def run(self, argv: str = "backfill") -> BackfillReport:
        """List, fetch, merge; return the report (the run's row is closed in every case)."""
        self.started = time.monotonic()
        with self.source.routed():  # cdx_toolkit through our polite client, once for the run
            return self._run(argv)

    def _run(self, argv: str) -> BackfillReport:
        report = self.report
        archive = self.archive
        report.run_id = archive.begin_run(
            mode=f"backfill:{self.source.source}", argv=argv, started_at=self.now()
        )
        try:
            try:
                self._list()
            except SourceRefused:
                raise
            except (CaptureError, ValueError, RuntimeError) as exc:
                # An index answer cdx_toolkit cannot read (not CDX, too few crawls …).
                report.stopped = f"listing failed: {one_line(str(exc))}"
                return report
            low, high = iso_bounds(self.since, self.until)
            todo = captures.pending(archive, source=self.source.source, since=low, until=high)
            if self.limit is not None:
                todo = todo[: self.limit]
            report.to_fetch = len(todo)
            refused_in_a_row = 0
            for rowid in todo:
                capture = captures.load(archive, rowid)
                try:
                    with archive.item_writes():  # a capture's rows all, or none of them
                        self._one(capture)
                    refused_in_a_row = 0
                except SourceRefused as exc:
                    # This capture, or the source? One more try counted against the capture
                    # (one that always fails must not block the rest); the source is given up
                    # when the next capture is refused too.
                    refused_in_a_row += 1
                    self._mark(capture, "failed", "failed", str(exc))
                    if refused_in_a_row >= REFUSED_CAPTURES_TO_STOP:
                        report.stopped = str(exc)
                        break
                archive.commit()
                if self.progress:
                    self.progress(report, capture)
        except SourceRefused as exc:
            report.stopped = str(exc)
        except KeyboardInterrupt:
            report.interrupted = True  # the capture in flight was rolled back
        except Exception as exc:
            report.crashed = f"{type(exc).__name__}: {one_line(str(exc))}"
            raise
        finally:
            if archive.conn.in_transaction:
                archive.commit()  # the finished captures (each one whole)
            self._end()
        return report

    # --- listing ----------------------------------------------------------------------------

    def _list(self) -> None:
        """List the source's captures of the site, unless a listing younger than a day exists."""
        archive, report, name = self.archive, self.report, self.source.source
        last = captures.last_listing(archive, source=name, since=self.since, until=self.until)
        cutoff = (datetime.now(UTC) - RELIST_AFTER).isoformat()
        if last and last > cutoff:
            logger.info("%s: listed at %s; not listed again before a day", name, last)
            return
        report.listed = 0
        listing = self.source.list(f"{SITE_HOST}/", since=self.since, until=self.until)
        for batch in _batches(listing, LIST_BATCH):
            report.listed += len(batch)
            rows = [row for listed in batch if (row := classify_listed(listed)) is not None]
            with archive.transaction():
                report.newly_listed += captures.record_listed(
                    archive, rows, source=name, listed_at=self.now(), run_id=report.run_id
                )
        with archive.transaction():
            captures.record_listing(
                archive,
                source=name,
                since=self.since,
                until=self.until,
                listed_at=self.now(),
                captures=report.listed,
                run_id=report.run_id,
            )

    # --- one capture ------------------------------------------------------------------------

    def _one(self, capture: PendingCapture) -> None:
        """Fetch (or read back) one capture and store what it holds."""
        if capture.status != "200":
            self._mark(capture, "done", "not-fetched", f"archived with HTTP {capture.status}")
            return
        twin = captures.fetched_twin(self.archive, key=capture.key, digest=capture.digest)
        if twin is not None:
            stored = captures.stored_body(self.archive, twin[1])
            if stored is not None:
                self.report.from_twin += 1
                body, content_type = stored
                self._store(capture, twin[1], body, content_type, f"same digest as {twin[0]}")
                return
        try:
            raw = self.source.fetch(_as_listed(capture))
        except CaptureError as exc:
            self._mark(capture, "failed", "failed", str(exc))
            return
        self.report.fetched += 1
        problem = _unusable(raw)
        if problem is not None:
            state = "failed" if raw.status >= 500 else "done"
            self._mark(capture, state, "skipped" if state == "done" else "failed", problem)
            return
        sha = captures.save_capture_page(
            self.archive,
            raw,
            capture,
            site_url=canonical(capture.url),
            run_id=self.report.run_id,
        )
        self._store(capture, sha, raw.body, raw.headers.get("content-type"), None)

    def _store(
        self,
        capture: PendingCapture,
        sha: str,
        body: bytes,
        content_type: str | None,
        note: str | None,
    ) -> None:
        """Extract a capture's page and merge it (article) or queue its links (listing)."""
        url = canonical(capture.url)
        if capture.kind == "listing":
            links = extract_listing(body, url)
            new = [
                (ident, link)
                for link in links.article_urls
                if (ident := article_id(link)) and not self.archive.is_archived(ident)
            ]
            self.archive.add_frontier(new, run_id=self.report.run_id, now=self.now())
            self.report.queued += len(new)
            reason = f"{len(links.article_urls)} article links, {len(new)} not archived"
            self._mark(capture, "done", "listing", _join(reason, note), sha)
            return
        try:
            extraction = extract_article(
                body,
                url,
                datetime.fromisoformat(capture.captured_at),  # dates judged as of the capture
                content_type=content_type,
            )
        except ExtractionError as exc:
            self._mark(capture, "done", "no-article", _join(str(exc), note), sha)
            return
        problem = not_this_article(
            extraction, known=self.archive.is_archived(extraction.article.article_id)
        )
        if problem is None and not DOCUMENT_END.search(body[-DOCUMENT_END_WINDOW:]):
            self._mark(capture, "done", "incomplete", _join(TRUNCATED, note), sha)
            return
        if problem is not None:
            self._mark(capture, "done", "no-article", _join(problem, note), sha)
            return
        outcome = captures.merge_capture(
            self.archive,
            extraction,
            page_sha256=sha,
            captured_at=capture.captured_at,
            source=capture.source,
            run_id=self.report.run_id,
        )
        self._mark(capture, "done", outcome, note, sha)

    def _mark(
        self,
        capture: PendingCapture,
        state: str,
        outcome: str,
        reason: str | None,
        sha: str | None = None,
    ) -> None:
        self.report.outcomes[outcome] += 1
        if state == "failed" and len(self.report.errors) < MAX_ERRORS_SHOWN:
            self.report.errors.append(f"{capture.url} @{capture.timestamp}: {reason}")
        captures.mark(
            self.archive,
            capture,
            state=state,
            outcome=outcome,
            reason=reason,
            fetched_at=self.now(),
            run_id=self.report.run_id,
            page_sha256=sha,
        )

    def _end(self) -> None:
        report = self.report
        outcomes = report.outcomes
        self.archive.end_run(
            report.run_id,
            ended_at=self.now(),
            status=report.status,
            exit_code=int(report.code),
            requests=self.source.client.sent,
            pages=report.fetched,
            new_articles=outcomes["new"],
            updated_articles=outcomes["current"],
            new_versions=outcomes["new"] + outcomes["current"] + outcomes["version"],
            errors=outcomes["failed"],
            refused=1 if report.stopped else 0,
            warnings=[w for w in (report.stopped, report.crashed, *report.errors) if w],
            summary={
                "source": self.source.source,
                "listed": report.listed,
                "newly_listed": report.newly_listed,
                "to_fetch": report.to_fetch,
                "fetched": report.fetched,
                "from_twin": report.from_twin,
                "queued": report.queued,
                "outcomes": dict(outcomes),
                "skipped": outcomes["skipped"],
                "duration_s": round(time.monotonic() - self.started, 1),
                "finish_reason": report.stopped
                or report.crashed
                or ("interrupted" if report.interrupted else "finished"),
            },
        )


CDX_HTML: Final = "text/html"  # the listing's filter (webarchive.CDX_FILTERS)
TRUNCATED: Final = "the page ends before </body> or </html>: cut short"


def not_this_article(extraction: ArticleExtraction, *, known: bool) -> str | None:
    """Return why a captured page is not the article its URL names, or None.

    A web archive keeps whatever a URL answered: a removed article's URL serving the home page
    or a section with 200, an error page, another article. The page must not declare another
    address and must hold text; an article the archive does not know yet (nothing to compare
    it with) must show its date: without one, a page cannot be told from a listing or an error
    page served at the URL. (A known article's capture is compared with its record instead.)
    """
    article = extraction.article
    if extraction.declared_elsewhere:
        return f"the page declares another address: {extraction.declared_elsewhere}"
    if not (article.lead or article.body):
        return "no lead and no body text"
    if not known and not article.published_at:
        return f"no date, so not known to be an article (title: {article.title or 'none'})"
    return None


def _as_listed(capture: PendingCapture) -> Listed:
    """Return the CDX line of a capture the archive listed (only HTML is listed)."""
    return Listed(
        url=capture.url,
        timestamp=capture.timestamp,
        status=capture.status,
        mime=CDX_HTML,
        digest=capture.digest,
        filename=capture.warc_filename,
        offset=capture.warc_offset,
        warc_length=capture.warc_length,
    )


def _unusable(raw: Raw) -> str | None:
    """Return why an archived response cannot be a page of the site, or None."""
    if raw.status != 200:
        return f"the archive answered HTTP {raw.status}"
    content_type = raw.headers.get("content-type", "").lower()
    if content_type and not content_type.startswith(HTML_TYPES):
        return f"not HTML ({content_type})"
    if not raw.body:
        return "empty body"
    return None


def one_line(text: str) -> str:
    """Return ``text`` on one line (a library's message may hold several)."""
    return " ".join(text.split())[:300]


def _join(reason: str | None, note: str | None) -> str | None:
    return "; ".join(part for part in (reason, note) if part) or None


def summary_line(report: BackfillReport) -> str:
    """Return the one-paragraph summary the CLI prints at the end of a backfill."""
    o = report.outcomes
    listed = (
        "listing reused (less than a day old)"
        if report.listed is None
        else f"{report.listed} captures listed ({report.newly_listed} new)"
    )
    parts = [
        f"{listed}; {report.to_fetch} to fetch: {report.fetched} fetched,"
        f" {report.from_twin} read back (same digest)",
        f"articles: {o['new']} new, {o['current'] + o['version'] + o['earlier']} versions"
        f" ({o['current']} current, {o['version']} older, {o['earlier']} earlier evidence),"
        f" {o['unchanged']} unchanged, {o['unplaced']} unplaced (between the archive's own"
        f" sightings), {o['incomplete']} incomplete (cut short, or missing what the record"
        f" has), {o['no-article']} not the article",
        f"listings: {o['listing']} read, {report.queued} article URLs queued for the next crawl",
        f"not fetched: {o['not-fetched']} (archived non-200), {o['skipped']} skipped,"
        f" {o['failed']} failed",
    ]
    return "\n".join(parts)
