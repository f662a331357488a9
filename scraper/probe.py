"""First contact with the live site: fetch a few pages politely, extract them, judge each field.

``dbp-archive probe`` is a thin wrapper over ``run_probe`` (network, sequential, standard
library only) and the pure functions below (``field_reports``, the ``check_*`` rules,
``render_report``, ``judge``), which tests drive with made-up records.

What it fetches, one request at a time and ``delay`` seconds apart, each allowed by robots.txt:
robots.txt, the home page, one listing page per section linked from the home page, and ``pages``
article pages linked from those listings, taken in turn from each section.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from scraper import settings, urls, user_agent
from scraper.config import CrawlConfig, contact_from_env
from scraper.extract import ExtractionError, extract_article, extract_listing
from scraper.extract.dates import PAPER_TZ
from scraper.health import ExitCode
from scraper.items import Article, ArticleExtraction
from scraper.site import HOME_URL, SITE_HOSTS, SITE_NAME_RE, SITE_ROOT

DEFAULT_PAGES: Final = 5
DEFAULT_DELAY: Final = 1.0
DEFAULT_TIMEOUT: Final = float(settings.DOWNLOAD_TIMEOUT)
DEFAULT_MAX_SIZE: Final = settings.DOWNLOAD_MAXSIZE
MAX_REDIRECTS: Final = settings.REDIRECT_MAX_TIMES
# Every field of the record but the two that come from the URL alone.
PROBE_FIELDS: Final = tuple(f.name for f in fields(Article) if f.name not in ("article_id", "url"))
# The crawl's alarm: these fields filled for fewer than this share of articles is degraded.
WATCHED_FIELDS: Final = CrawlConfig().fill_fields
FILL_THRESHOLD: Final = CrawlConfig().fill_threshold
# The probe's checks list things for a person to look at on a handful of pages, so they are
# more sensitive than the crawl's alarm (``scraper.plausibility``, which ends a cron run
# degraded and must not fire on ordinary days).
# One value on every article of these fields is chrome read as content (a header date, a
# site description taken for a lead, a CMS account taken for an author).
SAME_VALUE_FIELDS: Final = ("title", "published_at", "lead", "authors", "body")
# Fewer filled values than this prove nothing: two articles by one reporter are ordinary.
SAME_VALUE_MINIMUM: Final = 3
# A real article body is longer: a shorter one is usually a lead or a caption taken for it.
SHORT_BODY_CHARS: Final = 300
# The site publishes about one English article a day: two or more "published today" in a
# handful spread over sections points at a "today" widget read as the date.
FETCH_DAY_MINIMUM: Final = 2
READ_CHUNK: Final = 64 * 1024


class ProbeError(Exception):
    """The probe cannot do its job (robots.txt or the home page unreachable, or disallowed)."""


class FetchError(Exception):
    """One request produced no usable page: ``reason`` is one line, ``status`` the HTTP one."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(kw_only=True, slots=True)
class ProbeOptions:
    """What ``dbp-archive probe`` was asked to do."""

    pages: int = DEFAULT_PAGES
    save: Path | None = None
    mirror: str | None = None
    delay: float = DEFAULT_DELAY
    contact: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_size: int = DEFAULT_MAX_SIZE


@dataclass(kw_only=True, slots=True)
class Response:
    """One 200 answer: the site ``url`` asked for, ``body`` bytes, ``content_type`` header."""

    url: str
    body: bytes
    content_type: str | None


@dataclass(kw_only=True, slots=True)
class ProbedArticle:
    """An article page fetched by the probe: its raw ``body`` and the extractor's result."""

    url: str
    body: bytes
    fetched_at: datetime
    extraction: ArticleExtraction | None = None
    error: str | None = None


@dataclass(kw_only=True, slots=True)
class ProbeReport:
    """Everything ``render_report`` prints: what was fetched, refused or failed, and why."""

    site: str
    mirror: str | None
    user_agent: str
    fetched_at: datetime
    robots: str
    delay: float
    sections: list[str] = field(default_factory=list)
    listings: int = 0
    article_links: int = 0
    articles: list[ProbedArticle] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0


# --- Fetching ----------------------------------------------------------------------------------


class _GuardedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most ``MAX_REDIRECTS`` redirects, each checked by ``guard`` (host, robots)."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, guard: Callable[[str], str]) -> None:
        self.guard = guard

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ):
        return super().redirect_request(req, fp, code, msg, headers, self.guard(newurl))


class Fetcher:
    """Sequential, polite GETs of site URLs: robots.txt, delay, timeout, size cap, mirror.

    URLs given and returned are the real site's; with ``mirror`` each request goes to the same
    path on the mirror (``MirrorMiddleware.to_mirror``, as ``crawl --mirror`` does).
    """

    def __init__(
        self,
        *,
        agent: str,
        delay: float,
        timeout: float,
        max_size: int,
        mirror: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.agent = agent
        self.delay = delay
        self.timeout = timeout
        self.max_size = max_size
        self.sleep = sleep
        self.clock = clock
        self.requests = 0
        self._last: float | None = None
        self._robots: Any = None  # protego.Protego once read; None: allow all (4xx)
        self._mirror: Any = None
        self.hosts = set(SITE_HOSTS)
        if mirror:
            from scraper.middlewares import MirrorMiddleware

            self._mirror = MirrorMiddleware(mirror)
            self.hosts.add(urlsplit(mirror).hostname or "")
        self._opener = urllib.request.build_opener(_GuardedRedirects(self._guard))

    def to_wire(self, url: str) -> str:
        """Return the URL actually requested for site URL ``url`` (the mirror's, if any)."""
        if self._mirror and urlsplit(url).hostname in SITE_HOSTS:
            return str(self._mirror.to_mirror(url))
        return url

    def to_site(self, url: str) -> str:
        return str(self._mirror.to_site(url)) if self._mirror else url

    def allowed(self, url: str) -> bool:
        """Return True if robots.txt lets our User-Agent fetch site URL ``url``."""
        return self._robots is None or bool(self._robots.can_fetch(url, self.agent))

    def _guard(self, target: str) -> str:
        """Return the URL a redirect to ``target`` goes to, or raise FetchError.

        Off-site hosts are refused, and so are paths robots.txt disallows; with a mirror, a
        redirect to the real site's host goes to the mirror (never to the network).
        """
        host = urlsplit(target).hostname
        if host not in self.hosts:
            raise FetchError(f"off-site redirect to {host} refused")
        site_url = self.to_site(target)
        if not self.allowed(site_url):
            raise FetchError("redirect to a path disallowed by robots.txt refused")
        return self.to_wire(site_url)

    def read_robots(self) -> str:
        """Read robots.txt and return one line about it; raise ProbeError if it says stop.

        RFC 9309, as the crawl does: 4xx means no rules; 5xx or no answer means stop. A
        ``Crawl-delay`` longer than ``delay`` is honoured.
        """
        url = f"{SITE_ROOT}/robots.txt"
        try:
            response = self.get(url, check_robots=False, html_only=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return f"robots.txt: HTTP {exc.status}, no rules (RFC 9309)"
            raise ProbeError(f"site unreachable: robots.txt: {exc}") from exc
        from protego import Protego

        self._robots = Protego.parse(response.body.decode("utf-8", "replace"))
        crawl_delay = self._robots.crawl_delay(self.agent)
        line = f"robots.txt: read ({len(response.body)} bytes)"
        if crawl_delay and float(crawl_delay) > self.delay:
            self.delay = float(crawl_delay)
            line += f", Crawl-delay {self.delay:g} s honoured"
        return line

    def _wait(self) -> None:
        if self._last is not None:
            remaining = self.delay - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)

    def get(self, url: str, *, check_robots: bool = True, html_only: bool = True) -> Response:
        """GET site URL ``url`` once; return its 200 answer or raise FetchError (one line)."""
        if check_robots and not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        self._wait()
        # http.client writes headers as latin-1; the crawl (Scrapy) sends the UTF-8 bytes of
        # the User-Agent ("Báo Điện Biên Phủ"): send the same bytes.
        wire_agent = self.agent.encode("utf-8").decode("latin-1")
        request = urllib.request.Request(
            self.to_wire(url), headers={"User-Agent": wire_agent, "Accept": "text/html,*/*"}
        )
        self.requests += 1
        started = self.clock()
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                content_type = answer.headers.get("Content-Type")
                length = answer.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_size:
                    raise FetchError(f"over the size limit ({length} > {self.max_size} bytes)")
                if html_only and "html" not in (content_type or "html").lower():
                    raise FetchError(f"not HTML ({content_type})")
                body = self._read(answer, started)
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code}", status=exc.code) from exc
        except urllib.error.URLError as exc:
            raise FetchError(f"connection failed: {exc.reason}") from exc
        except (OSError, ValueError, http.client.HTTPException) as exc:  # timeouts, resets…
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            self._last = self.clock()
        return Response(url=url, body=body, content_type=content_type)

    def _read(self, answer: Any, started: float) -> bytes:
        """Read the body in chunks: over ``max_size`` or ``timeout`` in all is refused."""
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read(READ_CHUNK):
            size += len(chunk)
            if size > self.max_size:
                raise FetchError(f"over the size limit ({self.max_size} bytes)")
            if self.clock() - started > self.timeout:
                raise FetchError(f"took longer than {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


# --- Discovery (pure) --------------------------------------------------------------------------


def section_listings(listing_urls: Sequence[str]) -> list[str]:
    """Return one first listing page per section, in page order, from a page's listing links.

    Pagers (``trang-N.html``), the home page and ``/recent-article`` are left out; of several
    first-page forms of one section (``/kinh-te``, ``/kinh-te.html``) the first linked wins.
    """
    chosen: dict[str, str] = {}
    for url in listing_urls:
        section = urls.category(url)
        if section and urls.page_number(url) == 1 and urls.classify(url) == "listing":
            chosen.setdefault(section, urls.canonical(url))
    return list(chosen.values())


def spread_articles(article_lists: Sequence[Sequence[str]]) -> list[str]:
    """Return article URLs taken in turn from each section, deduplicated by article id.

    ``article_lists`` are the article links of each listing page in page order; an article
    counts for the section of its own URL, so a listing that shows other sections' news does
    not make its section count twice.
    """
    by_section: dict[str | None, list[str]] = {}
    seen: set[str] = set()
    for links in article_lists:
        for url in links:
            ident = urls.article_id(url)
            if not ident or ident in seen:
                continue
            seen.add(ident)
            by_section.setdefault(urls.category(url), []).append(urls.canonical(url))
    queues = list(by_section.values())
    spread: list[str] = []
    for rank in range(max((len(q) for q in queues), default=0)):
        spread.extend(queue[rank] for queue in queues if rank < len(queue))
    return spread


# --- Judging (pure) ----------------------------------------------------------------------------


@dataclass(kw_only=True, slots=True)
class Finding:
    """One thing a person should look at: ``field`` (or ``page``), ``message``, ``url``."""

    field: str
    message: str
    url: str | None = None


@dataclass(kw_only=True, slots=True)
class FieldReport:
    """One field over the probed articles: how many filled, by which steps, what looks wrong."""

    name: str
    filled: int
    total: int
    steps: list[tuple[str, int]]
    findings: list[Finding] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.filled / self.total if self.total else 0.0


def is_filled(value: object) -> bool:
    """Return True for a value that says something: not None, not empty or blank."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return bool(value)
    return True


def _shown(value: object, width: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_same_value(name: str, values: Sequence[object]) -> Finding | None:
    """Return a finding if every filled value of field ``name`` is the same (3 or more)."""
    filled = [json.dumps(v, ensure_ascii=False, sort_keys=True) for v in values if is_filled(v)]
    if len(filled) < SAME_VALUE_MINIMUM or len(set(filled)) != 1:
        return None
    value = next(v for v in values if is_filled(v))
    return Finding(
        field=name,
        message=f"same value on all {len(filled)} articles ({_shown(value)}): page chrome?",
    )


def check_fetch_day(published: Sequence[str | None], fetched_at: datetime) -> Finding | None:
    """Return a finding if 2 or more articles are dated the fetch day, both days taken in the
    paper's time zone (+07:00: a "today" widget shows the local day)."""
    fetch_day = fetched_at.astimezone(PAPER_TZ).date()
    today = 0
    for value in published:
        try:
            when = datetime.fromisoformat(value) if value else None
        except ValueError:
            continue
        if when is not None:
            local = when.astimezone(PAPER_TZ) if when.tzinfo else when
            today += local.date() == fetch_day
    if today < FETCH_DAY_MINIMUM:
        return None
    return Finding(
        field="published_at",
        message=f"{today} of {len(published)} articles dated the fetch day: a 'today' widget?",
    )


def check_title(title: str | None) -> str | None:
    """Return why ``title`` is suspicious (empty, or the site's name), else None."""
    if not is_filled(title):
        return "no title"
    assert title is not None
    if SITE_NAME_RE.fullmatch(" - " + title.strip()) or title.strip().casefold() in {
        host.casefold() for host in SITE_HOSTS
    }:
        return f"title is the site's name ({_shown(title)})"
    return None


def check_body(body: str | None) -> str | None:
    """Return why ``body`` is suspicious (empty, shorter than 300 characters), else None."""
    if not is_filled(body):
        return "empty body"
    assert body is not None
    if len(body.strip()) < SHORT_BODY_CHARS:
        return f"body only {len(body.strip())} characters (< {SHORT_BODY_CHARS})"
    return None


def check_fill(name: str, filled: int, total: int) -> Finding | None:
    """Return a finding if watched field ``name`` is filled for under 90 % of ``total``."""
    if name not in WATCHED_FIELDS or not total or filled / total >= FILL_THRESHOLD:
        return None
    return Finding(
        field=name,
        message=f"filled on {filled} of {total} ({filled / total:.0%} < {FILL_THRESHOLD:.0%})",
    )


def field_reports(
    extractions: Sequence[tuple[str, ArticleExtraction]], fetched_at: datetime
) -> list[FieldReport]:
    """Return one report per record field for ``(url, extraction)`` pairs, in record order."""
    reports = []
    for name in PROBE_FIELDS:
        values = [getattr(ex.article, name) for _, ex in extractions]
        steps: Counter[str] = Counter(
            ex.provenance.get(name, "(no provenance)")
            for _, ex in extractions
            if is_filled(getattr(ex.article, name))
        )
        report = FieldReport(
            name=name,
            filled=sum(steps.values()),
            total=len(extractions),
            steps=steps.most_common(),
        )
        candidates = [check_fill(name, report.filled, report.total)]
        if name in SAME_VALUE_FIELDS:
            candidates.append(check_same_value(name, values))
        if name == "published_at":
            candidates.append(check_fetch_day(values, fetched_at))
        report.findings = [finding for finding in candidates if finding]
        for url, ex in extractions:
            problem = {"title": check_title, "body": check_body}.get(name)
            message = problem(getattr(ex.article, name)) if problem else None
            if message:
                report.findings.append(Finding(field=name, message=message, url=url))
        reports.append(report)
    return reports


def page_findings(articles: Sequence[ProbedArticle]) -> list[Finding]:
    """Return the extractor's warnings and errors, one finding each, with the page's URL."""
    findings = []
    for article in articles:
        if article.error:
            findings.append(Finding(field="page", message=article.error, url=article.url))
        for warning in article.extraction.warnings if article.extraction else []:
            findings.append(Finding(field="warning", message=warning, url=article.url))
    return findings


def all_findings(report: ProbeReport) -> list[Finding]:
    """Return every finding of ``report``: per field, then per page, then discovery."""
    extracted = [(a.url, a.extraction) for a in report.articles if a.extraction]
    findings = [f for r in field_reports(extracted, report.fetched_at) for f in r.findings]
    findings += page_findings(report.articles)
    if report.listings and not report.article_links:
        findings.append(
            Finding(field="page", message="no article link on any listing page: layout changed?")
        )
    elif not extracted:
        findings.append(Finding(field="page", message="no article could be extracted"))
    return findings


def judge(report: ProbeReport) -> ExitCode:
    """Return 1 if article links were found but no article page could be fetched, 3 if
    anything is suspicious or under-filled, else 0."""
    if report.article_links and not report.articles and report.failed:
        return ExitCode.FAILED
    return ExitCode.DEGRADED if all_findings(report) else ExitCode.OK


def _short(url: str | None) -> str:
    return urlsplit(url).path if url else ""


def render_report(report: ProbeReport) -> str:
    """Return the probe's printout: what was fetched, the field table, the findings."""
    via = f" via {report.mirror}" if report.mirror else ""
    lines = [
        f"probe of {report.site}{via} at {report.fetched_at:%Y-%m-%d %H:%M} UTC",
        f"User-Agent: {report.user_agent}",
        f"{report.robots}; {report.delay:g} s between requests; {report.requests} requests",
        f"sections ({len(report.sections)}): {', '.join(report.sections) or 'none found'}",
        f"listing pages: {report.listings}, article links: {report.article_links}, "
        f"articles fetched: {len(report.articles)}",
    ]
    for url, reason in report.refused:
        lines.append(f"  refused {_short(url)}: {reason}")
    for url, reason in report.failed:
        lines.append(f"  failed  {_short(url)}: {reason}")
    for article in report.articles:
        title = article.extraction.article.title if article.extraction else None
        lines.append(f"  article {_short(article.url)}  {_shown(title or '(no title)', 50)}")
    extracted = [(a.url, a.extraction) for a in report.articles if a.extraction]
    lines += ["", f"{'field':<16}{'filled':<12}produced by"]
    for field_report in field_reports(extracted, report.fetched_at):
        steps = ", ".join(f"{step} {count}" for step, count in field_report.steps) or "-"
        fill = f"{field_report.filled}/{field_report.total} {field_report.rate:.0%}"
        lines.append(f"{field_report.name:<16}{fill:<12}{steps}")
    findings = all_findings(report)
    lines += ["", f"suspicious ({len(findings)}):" if findings else "suspicious: nothing found"]
    for finding in findings:
        where = f"  [{_short(finding.url)}]" if finding.url else ""
        lines.append(f"  {finding.field}: {finding.message}{where}")
    return "\n".join(lines)


# --- Saving fixture candidates ----------------------------------------------------------------

SAVE_README: Final = """\
# Fixture CANDIDATES from `dbp-archive probe --save` ({date})

These pages were fetched from {site} and extracted by the extractor as it was then. They are
**candidates**, not golden tests: the `.json` beside each page is what the extractor produced,
not what is right. A person must review every file before any of it is committed under
`tests/fixtures/` (one folder per layout family, laid out like `tests/fixtures/site`: the URL
path is the file path, a `%20` in the URL is a space in the folder name).

For each `{{stem}}.html` + `{{stem}}.json` (`{{stem}}.provenance.json` says which step
produced each field):

- Open the page in a browser and compare every field of the JSON with what a reader sees:
  title; lead without the `ĐBP -` dateline; body complete, in order, with no caption, credit,
  byline, share bar, comment form or Recent news in it; authors (names only); category label;
  published_at and modified_at against the dates shown (+07:00), never today's date from a
  header widget; images with their captions and credits; related links = the Recent news block.
- Fix the JSON by hand where the extractor is wrong (that is the point: the test will then fail
  until the extractor is fixed), and note in the commit what was fixed.
- Strip nothing from the HTML but trackers or personal data (e.g. commenters' e-mail
  addresses); keep it byte-for-byte otherwise. The golden test reads the file without the HTTP
  header, so check the page declares its charset (`<meta charset>`).
- Check the site's terms allow keeping the page in a public repository.
- Then `pytest tests/test_extract_golden.py` (after adding the folder to its page list).
"""


def saved_path(directory: Path, url: str) -> Path:
    """Return where the page of site URL ``url`` is saved under ``directory`` (its URL path,
    percent-decoded); raise ValueError if that would leave ``directory``."""
    relative = unquote(urlsplit(url).path).lstrip("/")
    target = (directory / relative).resolve()
    if not relative or directory.resolve() not in target.parents:
        raise ValueError(f"cannot save {url} under {directory}")
    return target


def record_json(data: object) -> str:
    """Return ``data`` as the fixtures write it: sorted keys, UTF-8 as is, indent 2, newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def save_candidates(directory: Path, articles: Sequence[ProbedArticle], site: str) -> list[Path]:
    """Write each extracted page, its record and provenance under ``directory``, plus a README.

    Returns the page paths written. Layout: ``{url path}`` (raw bytes as fetched), ``{stem}.json``
    (``Article.to_dict()``), ``{stem}.provenance.json``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for article in articles:
        if article.extraction is None:
            continue
        page = saved_path(directory, article.url)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(article.body)
        stem = page.with_suffix("")
        Path(f"{stem}.json").write_text(
            record_json(article.extraction.article.to_dict()), encoding="utf-8"
        )
        Path(f"{stem}.provenance.json").write_text(
            record_json(article.extraction.provenance), encoding="utf-8"
        )
        written.append(page)
    readme = SAVE_README.format(date=f"{datetime.now(UTC):%Y-%m-%d}", site=site)
    (directory / "README.md").write_text(readme, encoding="utf-8")
    return written


# --- The probe ---------------------------------------------------------------------------------


def run_probe(
    options: ProbeOptions,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    progress: Callable[[str], None] = lambda line: None,
) -> ProbeReport:
    """Fetch robots.txt, the home page, one listing per section and ``pages`` articles.

    Raises ProbeError when robots.txt says stop (5xx, unreachable) or the home page cannot be
    fetched; every other failure is recorded in the report.
    """
    agent = user_agent(options.contact or contact_from_env())
    fetcher = Fetcher(
        agent=agent,
        delay=options.delay,
        timeout=options.timeout,
        max_size=options.max_size,
        mirror=options.mirror,
    )
    robots = fetcher.read_robots()
    report = ProbeReport(
        site=SITE_ROOT,
        mirror=options.mirror,
        user_agent=agent,
        fetched_at=now(),
        robots=robots,
        delay=fetcher.delay,
    )
    progress(robots)
    if not fetcher.allowed(HOME_URL):
        raise ProbeError("robots.txt disallows the home page: nothing may be probed")
    try:
        home = fetcher.get(HOME_URL)
    except FetchError as exc:
        raise ProbeError(f"site unreachable: home page: {exc}") from exc
    progress(f"home page: {len(home.body)} bytes")
    home_listing = extract_listing(home.body, HOME_URL)
    article_lists = []
    for url in section_listings(home_listing.listing_urls):
        section = urls.category(url) or url
        report.sections.append(section)
        try:
            page = fetcher.get(url)
        except FetchError as exc:
            (report.refused if "robots.txt" in str(exc) else report.failed).append((url, str(exc)))
            continue
        report.listings += 1
        links = extract_listing(page.body, url).article_urls
        progress(f"listing {section}: {len(links)} article links")
        article_lists.append(links)
    report.article_links = len({urls.article_id(u) for links in article_lists for u in links})
    # The home page's own article links come last: used only when the listings give too few.
    candidates = spread_articles([*article_lists, home_listing.article_urls])
    if not report.article_links:
        report.article_links = len(candidates)
    attempts = 0
    for url in candidates:
        if len(report.articles) >= options.pages or attempts >= 2 * options.pages + 3:
            break
        if not fetcher.allowed(url):
            report.refused.append((url, "disallowed by robots.txt"))
            continue
        attempts += 1
        try:
            page = fetcher.get(url)
        except FetchError as exc:
            report.failed.append((url, str(exc)))
            continue
        fetched_at = now()
        probed = ProbedArticle(url=url, body=page.body, fetched_at=fetched_at)
        try:
            probed.extraction = extract_article(
                page.body, url, fetched_at, content_type=page.content_type
            )
        except ExtractionError as exc:
            probed.error = f"not extracted: {exc}"
        except Exception as exc:  # noqa: BLE001 - one bad page must not end the probe
            probed.error = f"extraction crashed: {type(exc).__name__}: {exc}"
        report.articles.append(probed)
        progress(f"article {urlsplit(url).path}")
    report.requests = fetcher.requests
    if options.save:
        save_candidates(options.save, report.articles, SITE_ROOT)
    return report
