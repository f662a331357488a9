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
parsing stay cdx_toolkit's and warcio's (a Common Crawl record's byte range is asked here, so
that its answer can be checked before warcio reads it).

The routing replaces a module-global function, so the backfill is single-threaded: one
``WebArchive`` (one client) works at a time. The patch is held only while cdx_toolkit runs
(``list()`` fetches each CDX page inside it and yields outside it), or for a whole run inside
``WebArchive.routed()``; nested use with the same client is a no-op.
"""

from __future__ import annotations

import http.client
import io
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from scraper import retry_after_seconds, settings

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
# Request errors that say the URL or the headers asked are wrong: bad input, not a refusal.
BAD_REQUEST_ERRORS: Final = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.URLRequired,
    requests.exceptions.InvalidHeader,
)
# Whatever can break a request or the reading of its body on the way: a refusal (retried).
NETWORK_ERRORS: Final = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)


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


def _one_line(text: str, limit: int = 300) -> str:
    """Return ``text`` on one line (whitespace runs collapsed), at most ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def timestamp_to_iso(timestamp: str) -> str:
    """Return a 14-digit CDX timestamp (shorter: padded) as ``YYYY-MM-DDThh:mm:ss+00:00``."""
    digits = (timestamp + "0101000000"[max(0, len(timestamp) - 4) :])[:14]
    if len(timestamp) < 4:
        raise ValueError(f"not a CDX timestamp: {timestamp!r}")
    return datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC).isoformat()


@dataclass(kw_only=True)
class Pace:
    """How the backfill treats a source: requests a minute, back-off, limits.

    ``per_minute`` caps requests to each host (CDX and captures alike); a 429, 5xx or network
    error (any error of the request or of reading its body) waits ``Retry-After`` or
    ``backoff`` seconds doubling, and after ``max_refusals`` in a row the source is given up
    (``SourceRefused``). A ``Retry-After`` over ``retry_after_cap`` gives the source up at once:
    the server asked for a longer pause than a run waits.
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
    A URL or header it cannot send (bad input) raises ``CaptureError``.
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
            except BAD_REQUEST_ERRORS as exc:
                raise CaptureError(
                    _one_line(f"cannot ask {url!r}: {type(exc).__name__}: {exc}")
                ) from exc
            except CaptureError:
                raise
            except NETWORK_ERRORS as exc:
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
            if asked is not None and asked > self.pace.retry_after_cap:
                raise SourceRefused(
                    f"{host} asked to wait {asked:.0f} s (Retry-After); stopped, run again later"
                )
            backoff = min(self.pace.backoff * 2 ** (refusals - 1), self.pace.retry_after_cap)
            wait = backoff if asked is None else asked
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


# The clients cdx_toolkit is routed through, innermost last (see ``_routed``).
_ROUTES: list[PoliteClient] = []


@contextmanager
def _routed(client: PoliteClient) -> Iterator[None]:
    """Route cdx_toolkit's HTTP (its one function, imported in three modules) via ``client``.

    Re-entrant: inside a ``_routed`` of the same client it does nothing, and the original
    function is restored only when the outermost one exits. The patch is module-global, so it
    is for one thread (the backfill is single-threaded): never hold it across a ``yield``.
    """
    if _ROUTES and _ROUTES[-1] is client:
        yield
        return
    import cdx_toolkit
    import cdx_toolkit.commoncrawl
    import cdx_toolkit.warc

    modules = (cdx_toolkit, cdx_toolkit.warc, cdx_toolkit.commoncrawl)
    saved = [module.myrequests_get for module in modules]  # type: ignore[attr-defined]
    for module in modules:
        module.myrequests_get = client.get  # type: ignore[attr-defined]
    _ROUTES.append(client)
    try:
        yield
    finally:
        _ROUTES.pop()
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

    @contextmanager
    def routed(self) -> Iterator[None]:
        """Route cdx_toolkit through this source's client for a whole run (patched once).

        ``list`` and ``fetch`` route it themselves while cdx_toolkit runs; inside ``routed``
        that is a no-op. Single-threaded: the patch is module-global.
        """
        with _routed(self.client):
            yield

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
        cdx_toolkit is routed through the client only while it fetches (a CDX page at a time),
        never while this generator is suspended or after it is abandoned.
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
            captures = fetcher.iter(prefix, **params)  # fetches the first page
        while True:
            with _routed(self.client):  # a page is fetched when the last one is used up
                capture = next(captures, None)
            if capture is None:
                return
            yield _listed(capture.data)

    def fetch(self, listed: Listed) -> Raw:
        """Return the archived response of one capture (Wayback ``id_``, or a WARC record).

        Raises ``CaptureError`` (one line) for any capture it cannot read, ``SourceRefused``
        when the source keeps refusing; never another exception.
        """
        try:
            if self.source == "wayback":
                return self._fetch_wayback(listed)
            return self._fetch_commoncrawl(listed)
        except (CaptureError, SourceRefused):
            raise
        except Exception as exc:  # anything else is this capture's problem, said in one line
            raise CaptureError(
                _one_line(f"unreadable capture: {type(exc).__name__}: {exc}")
            ) from exc

    def _fetch_wayback(self, listed: Listed) -> Raw:
        """The ``id_`` replay, as cdx_toolkit's ``fake_wb_warc`` record (status, headers)."""
        import cdx_toolkit

        data = {"url": listed.url, "timestamp": listed.timestamp, "status": listed.status}
        wb = f"{self.base_url.rstrip('/')}/web"
        capture = cdx_toolkit.CaptureObject(data, wb=wb)
        with _routed(self.client):
            record = capture.fetch_warc_record()
        where = f"{wb}/{listed.timestamp}id_/{listed.url}"
        status, headers, body = _read_record(record, listed)
        if 400 <= status < 500 and listed.status == "200":
            # The index says the site answered 200: the replay's 4xx is the archive's own
            # (a capture withheld or not yet served), worth another run.
            raise CaptureError(f"the archive answered HTTP {status} for this capture")
        return Raw(status=status, headers=headers, body=body, source_url=where)

    def _fetch_commoncrawl(self, listed: Listed) -> Raw:
        """The WARC record at ``filename``/``offset``/``length``, read by byte range."""
        from warcio.bufferedreaders import DecompressingBufferedReader
        from warcio.recordloader import ArcWarcRecordLoader

        filename, offset, length = listed.filename, listed.offset, listed.warc_length
        if not filename or offset is None or offset < 0 or not length or length <= 0:
            raise CaptureError("the index line gives no WARC record (filename, offset, length)")
        warc_url = f"{self.cc_data_url.rstrip('/')}/{filename}"
        where = f"{warc_url}#{offset}"
        asked = f"bytes={offset}-{offset + length - 1}"
        response = self.client.get(warc_url, headers={"Range": asked})
        if response.status_code == 200:
            raise CaptureError("the data server ignored the byte range (HTTP 200)")
        if response.status_code != 206:
            raise CaptureError(
                f"the data server answered HTTP {response.status_code} for the byte range"
            )
        content = response.content
        if len(content) != length:
            raise CaptureError(
                f"the data server sent {len(content)} bytes for a record of {length}"
            )
        try:
            stream = DecompressingBufferedReader(io.BytesIO(content))
            record = ArcWarcRecordLoader().parse_record_stream(stream)
        except Exception as exc:  # warcio's ArchiveLoadFailed, a bad gzip member …
            raise CaptureError(
                _one_line(f"unreadable WARC record: {type(exc).__name__}: {exc}")
            ) from exc
        status, headers, body = _read_record(record, listed)
        return Raw(status=status, headers=headers, body=body, source_url=where)


def _read_record(record: Any, listed: Listed) -> tuple[int, dict[str, str], bytes]:
    """Return a response record's HTTP status, headers and body; close it in every case.

    ``CaptureError`` if it is no response of the capture's URL, is truncated or holds no HTTP.
    """
    try:
        if record.rec_type != "response":
            raise CaptureError(f"the archived record is a {record.rec_type} record, no response")
        target = record.rec_headers.get_header("WARC-Target-URI")
        if target != listed.url:
            raise CaptureError(
                _one_line(f"the archived record is of {target!r}, not of {listed.url!r}")
            )
        truncated = record.rec_headers.get_header("WARC-Truncated")
        if truncated is not None:
            raise CaptureError(_one_line(f"the archived record is truncated ({truncated})"))
        if record.http_headers is None:
            raise CaptureError("the archived record holds no HTTP response")
        status = int(record.http_headers.get_statuscode() or 0)
        headers = {k.lower(): v for k, v in record.http_headers.headers}
        body = record.content_stream().read()
    finally:
        record.raw_stream.close()  # warcio may spool the payload to a temporary file
    return status, headers, body


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
