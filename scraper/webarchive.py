"""Web archives as sources of the site's past: list captures (CDX) and fetch them, politely.

Two sources, both through cdx_toolkit (one client for both CDX dialects, any server URL):

* ``wayback``: the Internet Archive, or any Wayback-compatible service at ``BASE``: its CDX
  API at ``BASE/cdx/search/cdx``, a raw capture at ``BASE/web/TIMESTAMPid_/URL`` (``id_``:
  the bytes as archived, unrewritten).
* ``commoncrawl``: the Common Crawl index server (``collinfo.json`` lists one CDX API per
  crawl) and its data server, where a capture is one WARC record read by byte range.

cdx_toolkit does its HTTP in one function, ``myrequests_get``, which retries a 429 or a 5xx
for ever (doubling up to 60 s), ignores ``Retry-After`` and sends its own User-Agent. A
backfill must stop when a source keeps refusing, honour ``Retry-After`` and say who it is, so
while a ``WebArchive`` works it routes that function through ``PoliteClient.get``
(``_routed``): the pace, the back-off, the refusal limit, the size and time limits and the
User-Agent are ours; the CDX protocol, pagination, Common Crawl's crawl list and the WARC
parsing stay cdx_toolkit's and warcio's.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal
from urllib.parse import urlsplit

import requests

from scraper import settings

logger = logging.getLogger(__name__)

Source = Literal["wayback", "commoncrawl"]
SOURCES: Final[tuple[Source, ...]] = ("wayback", "commoncrawl")
WAYBACK_URL: Final = "https://web.archive.org"
CC_INDEX_URL: Final = "https://index.commoncrawl.org/"
CC_DATA_URL: Final = "https://data.commoncrawl.org"
CC_FIRST_YEAR: Final = "2008"  # Common Crawl's first crawl: cdx_toolkit's default is 1 year back
# Requests a minute to one host of the source: the Internet Archive asks for restraint (it
# answers 429 to fast clients); Common Crawl's data server is a CDN.
DEFAULT_PER_MINUTE: Final[dict[str, float]] = {"wayback": 24.0, "commoncrawl": 60.0}
REFUSAL_STATUSES: Final = frozenset({429, 500, 502, 503, 504, 509})
MAX_REFUSALS: Final = 5  # refusals in a row (429/5xx/network) before the source is given up
CDX_FILTERS: Final = ("mimetype:text/html",)  # pages only: no images, scripts, revisits
CHUNK: Final = 64 * 1024
# Wayback CDX pages of 5 blocks (about 15,000 lines, 2-3 MB) rather than the Internet Archive's
# default 50 (about 150,000 lines): each stays far below the size limit, and in memory.
CDX_PAGE_SIZE: Final = 5


class SourceRefused(RuntimeError):
    """The source keeps refusing (429/5xx/network errors in a row): stop, resume later."""


class CaptureError(RuntimeError):
    """One capture cannot be fetched (over the size limit, an unreadable record …)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Listed:
    """One CDX line: a capture of ``url`` at ``timestamp`` (14 digits, UTC).

    ``status`` is the archived HTTP status as the index writes it (``"200"``, ``"302"``,
    ``"-"`` for a revisit); ``digest`` the base32 SHA-1 of the archived body; ``filename``,
    ``offset``, ``length``: the WARC record (Common Crawl only).
    """

    url: str
    timestamp: str
    status: str
    mime: str
    digest: str
    length: int | None = None
    filename: str | None = None
    offset: int | None = None
    warc_length: int | None = None

    @property
    def captured_at(self) -> str:
        """The capture time as the archive writes times (``2024-03-05T10:20:30+00:00``)."""
        return timestamp_to_iso(self.timestamp)


@dataclass(frozen=True, kw_only=True, slots=True)
class Raw:
    """A capture's archived response: status, headers (lower-case names), body, where read."""

    status: int
    headers: dict[str, str]
    body: bytes
    source_url: str  # the replay URL, or ``WARC-URL#offset`` for a WARC record


def timestamp_to_iso(timestamp: str) -> str:
    """Return a 14-digit CDX timestamp (shorter: padded) as ``YYYY-MM-DDThh:mm:ss+00:00``."""
    digits = (timestamp + "0101000000"[max(0, len(timestamp) - 4) :])[:14]
    if len(timestamp) < 4:
        raise ValueError(f"not a CDX timestamp: {timestamp!r}")
    return datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC).isoformat()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Return the wait a ``Retry-After`` header asks for (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(kw_only=True)
class Pace:
    """How the backfill treats a source: requests a minute, back-off, limits.

    ``per_minute`` caps requests to each host (CDX and captures alike); a 429, 5xx or network
    error waits ``Retry-After`` (capped at ``retry_after_cap``) or ``backoff`` seconds doubling,
    and after ``max_refusals`` in a row the source is given up (``SourceRefused``).
    """

    per_minute: float = DEFAULT_PER_MINUTE["wayback"]
    backoff: float = 1.0
    retry_after_cap: float = 60.0
    max_refusals: int = MAX_REFUSALS
    max_size: int = settings.DOWNLOAD_MAXSIZE
    timeout: float = float(settings.DOWNLOAD_TIMEOUT)

    @property
    def interval(self) -> float:
        """Seconds between two requests to one host."""
        return 60.0 / self.per_minute if self.per_minute > 0 else 0.0


@dataclass(kw_only=True)
class PoliteClient:
    """HTTP GET for the backfill: paced per host, backing off, bounded; counts its requests.

    ``get`` has ``cdx_toolkit.myrequests.myrequests_get``'s signature and meaning (it answers
    404s and 400s instead of raising, so cdx_toolkit reads "no captures" and "last page"), but
    returns after at most ``pace.max_refusals`` refusals in a row, raising ``SourceRefused``.
    """

    pace: Pace
    user_agent: str
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    sent: int = 0  # requests sent (retries included)
    refusals_waited: int = 0
    _next: dict[str, float] = field(default_factory=dict)
    _session: requests.Session = field(default_factory=requests.Session)

    def get(
        self,
        url: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **_: Any,
    ) -> requests.Response:
        """GET ``url`` politely; see the class docstring."""
        params = dict(params or {})
        if "from_ts" in params:  # cdx_toolkit's name for the CDX API's `from`
            params["from"] = params.pop("from_ts")
        sent = {**(headers or {}), "User-Agent": self.user_agent}
        host = urlsplit(url).hostname or ""
        refusals = 0
        while True:
            self._wait_turn(host)
            self.sent += 1
            try:
                response = self._fetch(url, params, sent)
                problem = None if response.status_code not in REFUSAL_STATUSES else response
            except (requests.ConnectionError, requests.Timeout) as exc:
                response, problem = None, exc
            if problem is None and response is not None:
                return response
            refusals += 1
            what = (
                f"HTTP {response.status_code}" if response is not None else type(problem).__name__
            )
            if refusals >= self.pace.max_refusals:
                raise SourceRefused(
                    f"{host} refused {refusals} times in a row ({what}); stopped, run again later"
                )
            asked = (
                retry_after_seconds(response.headers.get("Retry-After"))
                if response is not None  # (a Response of 429 is falsy)
                else None
            )
            wait = self.pace.backoff * 2 ** (refusals - 1) if asked is None else asked
            wait = min(wait, self.pace.retry_after_cap)
            logger.info("%s: %s, waiting %.1f s (%d in a row)", host, what, wait, refusals)
            self.refusals_waited += 1
            self.sleep(wait)

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``host`` may be asked again (``pace.interval`` after the last request)."""
        now = self.clock()
        turn = self._next.get(host, now)
        if turn > now:
            self.sleep(turn - now)
        self._next[host] = max(turn, now) + self.pace.interval

    def _fetch(self, url: str, params: dict[str, Any], headers: dict[str, str]) -> Any:
        """GET once, the body read whole up to ``pace.max_size`` within ``pace.timeout``."""
        response = self._session.get(
            url,
            params=params or None,
            headers=headers,
            timeout=self.pace.timeout,
            allow_redirects=False,
            stream=True,
        )
        deadline = self.clock() + self.pace.timeout
        chunks: list[bytes] = []
        size = 0
        with response:
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                if size > self.pace.max_size:
                    raise CaptureError(f"response over the size limit ({self.pace.max_size} B)")
                if self.clock() > deadline:
                    raise requests.Timeout(f"response took over {self.pace.timeout:g} s")
                chunks.append(chunk)
        response._content = b"".join(chunks)  # what .content/.text/.json() read
        return response


@contextmanager
def _routed(client: PoliteClient) -> Iterator[None]:
    """Route cdx_toolkit's HTTP (its one function, imported in three modules) via ``client``."""
    import cdx_toolkit
    import cdx_toolkit.commoncrawl
    import cdx_toolkit.warc

    modules = (cdx_toolkit, cdx_toolkit.warc, cdx_toolkit.commoncrawl)
    saved = [module.myrequests_get for module in modules]  # type: ignore[attr-defined]
    for module in modules:
        module.myrequests_get = client.get  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module, original in zip(modules, saved, strict=True):
            module.myrequests_get = original  # type: ignore[attr-defined]


@dataclass(kw_only=True)
class WebArchive:
    """One source: list the captures under a URL prefix, fetch one capture's response.

    ``base_url``: a Wayback-compatible service (default the Internet Archive);
    ``cc_index_url`` / ``cc_data_url``: Common Crawl's index and data servers.
    """

    source: Source
    client: PoliteClient
    base_url: str = WAYBACK_URL
    cc_index_url: str = CC_INDEX_URL
    cc_data_url: str = CC_DATA_URL
    _fetcher: Any = None

    def _cdx(self) -> Any:
        """Return the cdx_toolkit fetcher (built once: for Common Crawl it reads the crawl list)."""
        if self._fetcher is None:
            import cdx_toolkit

            if self.source == "wayback":
                # The Internet Archive's dialect (field names ``mimetype``, ``statuscode``,
                # which pywb reads too) at the service's own address.
                base = self.base_url.rstrip("/")
                fetcher = cdx_toolkit.CDXFetcher(source="ia")
                fetcher.index_list = (f"{base}/cdx/search/cdx",)
                fetcher.wb = f"{base}/web"
                self._fetcher = fetcher
            else:
                self._fetcher = cdx_toolkit.CDXFetcher(
                    source="cc",
                    cc_mirror=self.cc_index_url.rstrip("/") + "/",
                    warc_download_prefix=self.cc_data_url.rstrip("/"),
                )
        return self._fetcher

    def list(self, prefix: str, *, since: str | None, until: str | None) -> Iterator[Listed]:
        """Yield the HTML captures of every URL under ``prefix`` (``host/``) in the period.

        ``since`` / ``until``: CDX timestamps (``2019``, ``20190301`` …), inclusive.
        """
        params: dict[str, Any] = {"filter": list(CDX_FILTERS), "matchType": "prefix"}
        if self.source == "wayback":
            params["pageSize"] = CDX_PAGE_SIZE
        if since or self.source == "commoncrawl":
            params["from_ts"] = since or CC_FIRST_YEAR
        if until:
            params["to"] = until
        with _routed(self.client):
            fetcher = self._cdx()
            if self.source == "commoncrawl" and (since or until):
                fetcher.crawl = _crawls_of_period(fetcher, params)
            for capture in fetcher.iter(prefix, **params):
                yield _listed(capture.data)

    def fetch(self, listed: Listed) -> Raw:
        """Return the archived response of one capture (Wayback ``id_``, or a WARC record)."""
        import cdx_toolkit

        data: dict[str, Any] = {
            "url": listed.url,
            "timestamp": listed.timestamp,
            "status": listed.status,
        }
        if self.source == "commoncrawl":
            data |= {
                "filename": listed.filename,
                "offset": listed.offset,
                "length": listed.warc_length,
            }
        capture = cdx_toolkit.CaptureObject(
            data,
            wb=f"{self.base_url.rstrip('/')}/web" if self.source == "wayback" else None,
            warc_download_prefix=self.cc_data_url.rstrip("/")
            if self.source == "commoncrawl"
            else None,
        )
        with _routed(self.client):
            try:
                record = capture.fetch_warc_record()
            except (ValueError, KeyError, IndexError, OSError, EOFError) as exc:
                raise CaptureError(f"unreadable capture: {type(exc).__name__}: {exc}") from exc
        try:
            if record.http_headers is None:
                raise CaptureError("the archived record holds no HTTP response")
            status = int(record.http_headers.get_statuscode() or 0)
            headers = {k.lower(): v for k, v in record.http_headers.headers}
            body = record.content_stream().read()
        finally:
            record.raw_stream.close()  # warcio may spool the payload to a temporary file
        if self.source == "wayback":
            where = f"{self.base_url.rstrip('/')}/web/{listed.timestamp}id_/{listed.url}"
        else:
            where = f"{self.cc_data_url.rstrip('/')}/{listed.filename}#{listed.offset}"
        return Raw(status=status, headers=headers, body=body, source_url=where)


def _crawls_of_period(fetcher: Any, params: dict[str, Any]) -> list[str]:
    """Return the Common Crawl index endpoints whose crawls can hold captures of the period.

    cdx_toolkit's ``iter`` always asks every crawl's index (over a hundred, two requests
    each); its own date selection (``filter_cc_endpoints``) is reached only through a ``crawl``
    list, so the period's crawls are chosen with it and handed over as that list.
    """
    from cdx_toolkit.commoncrawl import filter_cc_endpoints

    period = {key: params[key] for key in ("from_ts", "to") if key in params}
    return list(filter_cc_endpoints(fetcher.raw_index_list, fetcher.cc_sort, params=period))


def _int(value: Any) -> int | None:
    """Return ``value`` as an int, or None (CDX fields may be ``-`` or missing)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _listed(data: dict[str, Any]) -> Listed:
    """Return the ``Listed`` of one CDX line (pywb field names, as cdx_toolkit gives them)."""
    return Listed(
        url=str(data.get("url", "")),
        timestamp=str(data.get("timestamp", "")),
        status=str(data.get("status", "")),
        mime=str(data.get("mime", "")),
        digest=str(data.get("digest", "")),
        length=_int(data.get("length")) if "filename" not in data else None,
        filename=data.get("filename"),
        offset=_int(data.get("offset")),
        warc_length=_int(data.get("length")) if "filename" in data else None,
    )
