"""Values that cannot all be true: a run whose new articles are filled, but filled wrongly.

Fill rates catch a layout change that leaves fields empty. They miss the opposite failure: an
extractor step that fills a field from the page chrome, so every article gets the same value —
the header's "today" date as ``published_at``, the site's slogan as the lead, a footer block as
the body, the editor-in-chief as the author. Each run reduces its new and changed articles to a
few counters (``RunTally``, memory of a few dozen bytes per article) and ``judge_tally`` says
which fields hold values that cannot all be true. Such a run ends ``degraded`` (exit 3).

The checks, in the order of the findings:

* ``published_at``: one timestamp shared by more than half (``SHARE``) of at least
  ``MIN_TIMESTAMPS`` (8) dated articles (a desk may schedule a few translations for 08:00);
  or, for dates shown without a time (stored as the day, ``2024-11-25``), one day shared by
  more than ``DAY_SHARE`` (80 %) of at least ``MIN_DAYS`` (10) of them: an incremental run's
  few new articles are often all of one day, a run of ten or more rarely.
* ``lead``, ``body``: one text shared by more than half of the run's articles that have one.
* ``authors``: one author list on at least ``AUTHOR_SHARE`` (95 %) of at least
  ``AUTHOR_MIN_ARTICLES`` (20) bylined articles. A provincial paper's English desk may well
  have one reporter sign every article of a day or of a small run, so small runs and ordinary
  majorities are plausible; over 20 or more bylined articles (days of publishing, or a full
  crawl) the site shows other bylines too (translations of the parent paper's reporters,
  contributors, photo essays), and a name on every page is the chrome pattern.
* ``published_at`` dated the crawl day for articles the listings show as older: see
  ``DEEP_PAGE``.

Empty values are never "shared values": a missing field is the fill-rate alarm's business. No
check judges fewer than ``MIN_ARTICLES`` values.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from scraper.extract.dates import PAPER_TZ, is_day_only

MIN_ARTICLES: Final = 5  # below this many values a shared value is judged plausible
SHARE: Final = 0.5  # "most": strictly more than this share of the values
MIN_TIMESTAMPS: Final = 8
MIN_DAYS: Final = 10
DAY_SHARE: Final = 0.8
AUTHOR_MIN_ARTICLES: Final = 20
AUTHOR_SHARE: Final = 0.95
# Listings run newest first, so an article that listings showed only on pager page 2 or later
# of its section (never on page 1 of a section, the home page or /recent-article) is older than
# a page of articles. A few of those may still be dated the crawl day (a busy morning pushes
# today's articles to page 2), so the finding needs more than half of them, and at least
# MIN_ARTICLES, dated the crawl day (the day of their fetch, in +07:00).
DEEP_PAGE: Final = 2
EXCERPT_CHARS: Final = 60
DIGEST_BYTES: Final = 8


@dataclass(kw_only=True, slots=True)
class Observed:
    """One new or changed article of a run, reduced to what the checks read.

    published_at: ISO 8601 (``2024-11-25T10:30:00+07:00``) or a date (``2024-11-25``) or None.
    authors: the names; ``[]`` when there is no byline.
    listed_page: the lowest pager page on which this run's listings showed the article (1 for
        the home page, ``/recent-article`` and a section's first page), None when the article
        came from elsewhere (an article page's links, the frontier, a revisit).
    fetched_at: ISO 8601 time of the article's fetch (any offset): the crawl day is its
        calendar day in +07:00.
    """

    article_id: str
    published_at: str | None = None
    lead: str | None = None
    body: str | None = None
    authors: Sequence[str] = ()
    listed_page: int | None = None
    fetched_at: str | None = None


@dataclass(kw_only=True, slots=True)
class _Values:
    """How often each value of one field occurred (by short digest), with an excerpt of repeats."""

    counts: Counter[bytes] = field(default_factory=Counter)
    excerpts: dict[bytes, str] = field(default_factory=dict)

    def add(self, value: str, shown: str | None = None) -> None:
        """Count ``value``; ``shown`` is how a finding quotes it (default: ``value``)."""
        key = hashlib.blake2b(value.encode(), digest_size=DIGEST_BYTES).digest()
        self.counts[key] += 1
        if self.counts[key] == 2:  # keep text only for values that repeat
            self.excerpts[key] = _excerpt(value if shown is None else shown)

    def top(self) -> tuple[int, int, str]:
        """Return (count of the commonest value, count of all values, its excerpt)."""
        if not self.counts:
            return 0, 0, ""
        key, count = self.counts.most_common(1)[0]
        return count, self.counts.total(), self.excerpts.get(key, "")


@dataclass(kw_only=True, slots=True)
class RunTally:
    """The counters a run keeps of its new and changed articles (``add`` each one)."""

    articles: int = 0
    published_at: _Values = field(default_factory=_Values)
    published_day: _Values = field(default_factory=_Values)  # dates shown without a time
    lead: _Values = field(default_factory=_Values)
    body: _Values = field(default_factory=_Values)
    authors: _Values = field(default_factory=_Values)
    deep_dated: int = 0  # listed only on page DEEP_PAGE+ and dated
    deep_crawl_day: Counter[str] = field(default_factory=Counter)  # ... and dated its fetch day

    def add(self, record: Observed) -> None:
        """Count one new or changed article."""
        self.articles += 1
        published = record.published_at
        if published:
            (self.published_day if is_day_only(published) else self.published_at).add(published)
        if record.lead:
            self.lead.add(record.lead)
        if record.body:
            self.body.add(record.body)
        if record.authors:
            names = list(record.authors)
            self.authors.add(json.dumps(names, ensure_ascii=False), ", ".join(names))
        if published and record.listed_page is not None and record.listed_page >= DEEP_PAGE:
            day = _site_day(published)
            crawl_day = _site_day(record.fetched_at) if record.fetched_at else None
            if day is not None:
                self.deep_dated += 1
                if crawl_day is not None and day == crawl_day:
                    self.deep_crawl_day[crawl_day.isoformat()] += 1


def judge_tally(tally: RunTally) -> list[str]:
    """Return one line per field whose values cannot all be true, naming the field first.

    E.g. ``published_at: 28 of 30 timestamps of the run's new or changed articles are the
    same, 2026-11-29T08:00:00+07:00``. ``[]`` when everything is plausible.
    """
    findings = []
    for name in ("published_at", "lead", "body"):
        count, total, excerpt = getattr(tally, name).top()
        least = MIN_TIMESTAMPS if name == "published_at" else MIN_ARTICLES
        if count >= least and count > SHARE * total:
            what, shown = (
                ("timestamps", excerpt)
                if name == "published_at"
                else (f"{name} texts", json.dumps(excerpt, ensure_ascii=False))
            )
            findings.append(
                f"{name}: {count} of {total} {what} of the run's new or changed articles are "
                f"the same, {shown}"
            )
    count, total, excerpt = tally.published_day.top()
    if total >= MIN_DAYS and count > DAY_SHARE * total:
        findings.append(
            f"published_at: {count} of {total} dates shown without a time of the run's new or "
            f"changed articles are the same day, {excerpt}"
        )
    count, total, excerpt = tally.authors.top()
    if total >= AUTHOR_MIN_ARTICLES and count >= AUTHOR_SHARE * total:
        findings.append(
            f"authors: {count} of {total} bylines of the run's new or changed articles are "
            f"the same, {excerpt}"
        )
    today = sum(tally.deep_crawl_day.values())
    if today >= MIN_ARTICLES and today > SHARE * tally.deep_dated:
        days = ", ".join(sorted(tally.deep_crawl_day))
        findings.append(
            f"published_at: {today} of {tally.deep_dated} articles listed only on page "
            f"{DEEP_PAGE}+ of their section are dated the crawl day ({days})"
        )
    return findings


def check_articles(records: Iterable[Observed]) -> list[str]:
    """Return the findings of ``judge_tally`` for a run's new and changed articles."""
    tally = RunTally()
    for record in records:
        tally.add(record)
    return judge_tally(tally)


def _excerpt(value: str) -> str:
    """Return a value on one line, cut to ``EXCERPT_CHARS`` (a timestamp stays whole)."""
    text = " ".join(value.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _site_day(value: str) -> date | None:
    """Return the calendar day of an ISO date or timestamp in +07:00 (naive: taken as +07:00)."""
    try:
        if len(value) <= 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PAPER_TZ)
    return moment.astimezone(PAPER_TZ).date()
