"""Fake web archives on 127.0.0.1: a Wayback Machine and a Common Crawl, for backfill tests.

Both speak what ``cdx_toolkit`` (0.9.39) sends and expects, and answer plain HTTP GETs at the same
URLs. Standard library ``http.server`` plus ``warcio``; no external network; every response is
built in memory.

:class:`FakeWayback` (Internet Archive semantics), at ``base_url`` = ``http://127.0.0.1:PORT``:

* ``GET /cdx/search/cdx?url=...`` -- the IA CDX API. ``output=json`` answers a JSON list of lists,
  the first row the field names (default ``urlkey timestamp original mimetype statuscode digest
  length``, all values strings; ``length`` is the body length), rows sorted by urlkey, then
  timestamp; no rows -> ``[]``. Without ``output=json``: space-separated text lines.
  Params: ``url`` (exact; ``matchType=prefix|host|domain``, a trailing ``*`` = prefix, a leading
  ``*.`` = domain), ``from``/``to`` (4-14 digit timestamp prefixes, inclusive: ``from`` is padded
  with 0s, ``to`` with 9s), ``filter`` (repeatable ``[~][!]field:regex``, full match, ``~`` =
  contains; IA field names ``statuscode``, ``mimetype``, ``original``, ``digest``, ``urlkey``,
  ``timestamp``, ``length`` or their 0-based index; as on the real server an unknown name such
  as pywb's ``status`` is matched against the whole line, i.e. matches nothing), ``collapse``
  (``field`` or ``field:N``: drop a row whose value (first N chars) equals the previous kept
  row's), ``fl`` (comma-separated field list), ``limit`` (first N; negative = last N),
  ``showNumPages=true`` (a plain int), ``page=N`` / ``pageSize=R`` (R rows a page, default:
  every row on page 0; a page past the end answers 200 with an EMPTY body, which is how
  cdx_toolkit's iterator learns it is done). Order of operations: match url/from/to, filter,
  collapse, paginate, limit.
* ``GET /web/<timestamp>id_/<url>`` -- replay (the ``id_`` is optional; ``<url>`` may be
  percent-quoted, with or without scheme). The capture with exactly that 14-digit timestamp and
  URL (compared as SURT keys) answers its raw body with its own status and headers (a 302 answers
  302 + its ``Location`` unrewritten, unless ``rewrite_location=True``); anything else -> 404.

:class:`FakeCommonCrawl` (pywb semantics), at ``base_url``:

* ``GET /collinfo.json`` -- the crawls of :data:`CRAWL_IDS`, newest first, each
  ``{"id", "name", "timegate", "cdx-api": base + "/{id}-index", "from", "to"}``.
* ``GET /{id}-index?url=...`` -- pywb CDX for one crawl: ``output=json`` answers JSON lines
  ``{"urlkey","timestamp","url","mime","mime-detected","status","digest","length","offset",
  "filename"}`` (+ ``"redirect"`` for a 3xx with a Location), all values strings, ``length`` and
  ``offset`` address the capture's gzipped WARC record in ``filename``. Params as above but with
  pywb names (``status``, ``mime``, ``url``, ``digest`` ...) and pywb filters (``field:regex`` is
  ``re.match``, ``=field:value`` exact, ``~field:value`` contains, ``!`` negates any);
  ``showNumPages=true`` -> ``{"pages": n, "pageSize": 5, "blocks": n}``; a page past the last ->
  400; no captures (on page 0) -> 404 ``{"message": "No Captures found for: URL"}``.
* ``GET /data/{filename}`` -- the WARC files (one ``.warc.gz`` per crawl that has captures,
  a warcinfo record first, then one gzip member per WARC/1.0 response record). ``Range:
  bytes=a-b`` -> 206 with exactly those bytes and ``Content-Range: bytes a-b/total``; no Range ->
  200 with the whole file; an unsatisfiable range -> 416.

Bookkeeping: every request is logged (:class:`LoggedRequest`: path with query, kind, status,
whether the response was written completely), before the response's last byte is sent, so once a
client holds a whole response its entry is in the log. Faults: ``refuse(...)`` answers an error
status with ``Retry-After`` after a number of completed responses; ``stall(...)`` holds the
answer serving a capture (a replay, or a range fetch of exactly its record) before writing
anything, and a response whose client has gone is logged as not completed.

Use :func:`fast_cdx_toolkit` in tests so cdx_toolkit neither sleeps 3 s between requests nor
writes its collinfo cache to ``~/.cache``.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import http
import io
import json
import re
import select
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast
from urllib.parse import parse_qs, quote, unquote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.site import SITE_ROOT

if TYPE_CHECKING:
    import pytest

__all__ = [
    "CRAWL_IDS",
    "Capture",
    "FakeCommonCrawl",
    "FakeWayback",
    "LoggedRequest",
    "crawl_for_timestamp",
    "edited",
    "fast_cdx_toolkit",
    "iter_captures",
    "ia_digest",
    "redirect",
    "site_captures",
    "surt",
]

TIMESTAMP_RE = re.compile(r"^\d{14}$")

# --- Captures ---------------------------------------------------------------------------------


def ia_digest(body: bytes) -> str:
    """Return the digest the Internet Archive and Common Crawl give ``body``: base32(SHA-1)."""
    return base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass
class Capture:
    """One archived fetch of ``url`` at ``timestamp`` (14 digits, ``YYYYMMDDhhmmss``, UTC).

    ``body`` is the raw HTTP payload; ``status``/``headers`` are what the site answered (e.g.
    ``status=302, headers={"Location": "https://en.baodienbienphu.com.vn/"}``); ``mime`` is the
    CDX mimetype and the default Content-Type. ``digest`` defaults to :func:`ia_digest` of the
    body, so captures with identical bodies share it.
    """

    url: str
    timestamp: str
    body: bytes = field(repr=False)
    status: int = 200
    mime: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    digest: str | None = None

    def __post_init__(self) -> None:
        if not TIMESTAMP_RE.match(self.timestamp):
            raise ValueError(f"timestamp must be 14 digits, got {self.timestamp!r}")
        if self.digest is None:
            self.digest = ia_digest(self.body)

    @property
    def urlkey(self) -> str:
        """The SURT key archives sort and match by (see :func:`surt`)."""
        return surt(self.url)

    @property
    def content_type(self) -> str:
        """The Content-Type served: the ``Content-Type`` header if given, else ``mime``."""
        for name, value in self.headers.items():
            if name.lower() == "content-type":
                return value
        return self.mime

    def response_headers(self) -> list[tuple[str, str]]:
        """HTTP headers as the site sent them: Content-Type first, then ``headers``."""
        out = [("Content-Type", self.content_type)]
        out += [(k, v) for k, v in self.headers.items() if k.lower() != "content-type"]
        return out

    @property
    def when(self) -> dt.datetime:
        """The timestamp as an aware UTC datetime."""
        return dt.datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


def edited(capture: Capture, timestamp: str, replace: tuple[str, str]) -> Capture:
    """Return a capture of the same URL at ``timestamp`` with ``replace[0]`` -> ``replace[1]``.

    Every occurrence is replaced (UTF-8); the digest is recomputed. Raises ``ValueError`` if the
    old text is not in the body (a silently unchanged "edit" would make a useless test).
    """
    old, new = (s.encode("utf-8") for s in replace)
    if old not in capture.body:
        raise ValueError(f"{replace[0]!r} not in the body of {capture.url}")
    return Capture(
        url=capture.url,
        timestamp=timestamp,
        body=capture.body.replace(old, new),
        status=capture.status,
        mime=capture.mime,
        headers=dict(capture.headers),
    )


def redirect(url: str, timestamp: str, location: str, status: int = 302) -> Capture:
    """Return a capture of ``url`` answering ``status`` with ``Location: location``, empty body."""
    return Capture(url, timestamp, b"", status=status, headers={"Location": location})


def site_captures(root: Path, *, timestamp: str) -> list[Capture]:
    """Captures at ``timestamp`` of every ``.html`` page of the offline fixture site at ``root``.

    URL mapping (``SITE_ROOT`` = ``https://en.baodienbienphu.com.vn``): ``index.html`` -> the home
    page ``SITE_ROOT/``; ``folder/index.html`` -> ``SITE_ROOT/folder`` (``/recent-article``);
    any other file -> ``SITE_ROOT/<path>`` percent-quoted (a space -> ``%20``), so section
    listings (``/kinh-te.html``), their pagers (``/kinh-te/trang-2.html``) and articles
    (``/kinh-te/<slug>-<id>.html``). Sorted by URL; ``mime`` ``text/html``, Content-Type
    ``text/html; charset=utf-8``, status 200. The ``.json`` expectation files are skipped.
    """
    captures = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel == "index.html":
            url = f"{SITE_ROOT}/"
        elif path.name == "index.html":
            url = f"{SITE_ROOT}/{quote(path.parent.relative_to(root).as_posix())}"
        else:
            url = f"{SITE_ROOT}/{quote(rel)}"
        captures.append(
            Capture(
                url=url,
                timestamp=timestamp,
                body=path.read_bytes(),
                headers={"Content-Type": "text/html; charset=utf-8"},
            )
        )
    return sorted(captures, key=lambda c: c.url)


# --- SURT and CDX query semantics -------------------------------------------------------------

_WWW_RE = re.compile(r"^www\d*\.")
_PATH_SAFE = "/:@!$&'()*+,;=~"


def _with_scheme(url: str) -> str:
    url = url.strip()
    url = re.sub(r"^(https?):/+", r"\1://", url, flags=re.I)  # "https:/x" as some paths carry it
    return url if "://" in url else "http://" + url


def surt(url: str) -> str:
    """Return the SURT key of ``url`` as IA/pywb write it: ``vn,com,baodienbienphu,en)/path``.

    Scheme and a leading ``www.`` are dropped, the host reversed, a non-default port kept
    (``host:8080``), the path percent-encoding normalised, query parameters sorted, all lowercased.
    """
    parts = urlsplit(_with_scheme(url))
    host = _WWW_RE.sub("", (parts.hostname or "").lower())
    key = ",".join(reversed(host.split(".")))
    if parts.port and parts.port not in (80, 443):
        key += f":{parts.port}"
    key += ")" + quote(unquote(parts.path or "/"), safe=_PATH_SAFE)
    if parts.query:
        key += "?" + "&".join(sorted(parts.query.split("&")))
    return key.lower()


def _url_matcher(url: str, match_type: str | None) -> Callable[[str], bool]:
    """Return a predicate over urlkeys for the CDX ``url`` + ``matchType`` params."""
    if url.endswith("*"):
        url, match_type = url[:-1], "prefix"
    if url.startswith("*."):
        url, match_type = url[2:], "domain"
    key = surt(url)
    host_key = key.split(")", 1)[0]
    if match_type in (None, "", "exact"):
        return lambda k: k == key
    if match_type == "prefix":
        return lambda k: k.startswith(key)
    if match_type == "host":
        return lambda k: k.startswith(host_key + ")")
    if match_type == "domain":
        return lambda k: k.startswith(host_key + ")") or k.startswith(host_key + ",")
    raise _BadRequest(f"unknown matchType {match_type!r}")


class _BadRequest(Exception):
    """A CDX query the real server rejects with 400."""


def _timestamp_bound(value: str | None, pad: str) -> str | None:
    if value is None or value == "":
        return None
    if not value.isdigit() or not 1 <= len(value) <= 14:
        raise _BadRequest(f"invalid timestamp {value!r}")
    return value + pad * (14 - len(value))


def _int_param(params: dict[str, list[str]], name: str) -> int | None:
    if name not in params or params[name][-1] == "":
        return None
    try:
        return int(params[name][-1])
    except ValueError:
        raise _BadRequest(f"invalid {name}") from None


@dataclass
class _Query:
    """A parsed CDX query, common to both dialects."""

    rows: list[dict[str, str]]
    fields: list[str]
    output_json: bool
    page: int | None
    num_pages: int
    show_num_pages: bool


def _run_query(
    params: dict[str, list[str]],
    rows: Sequence[dict[str, str]],
    *,
    known_fields: Sequence[str],
    default_fields: Sequence[str],
    filter_fn: Callable[[str, Sequence[str]], Callable[[dict[str, str]], bool]],
) -> _Query:
    """Apply url/from/to, filters, collapse, pagination and limit to ``rows`` (sorted here)."""
    if "url" not in params or not params["url"][-1]:
        raise _BadRequest("url is required")
    matches = _url_matcher(params["url"][-1], params.get("matchType", [None])[-1])
    low = _timestamp_bound(params.get("from", [None])[-1], "0")
    high = _timestamp_bound(params.get("to", [None])[-1], "9")
    out = [
        r
        for r in rows
        if matches(r["urlkey"])
        and (low is None or r["timestamp"] >= low)
        and (high is None or r["timestamp"] <= high)
    ]
    out.sort(key=lambda r: (r["urlkey"], r["timestamp"]))
    for spec in params.get("filter", []):
        keep = filter_fn(spec, known_fields)
        out = [r for r in out if keep(r)]
    for spec in params.get("collapse", []):
        name, _, width = spec.partition(":")
        if name not in known_fields:
            raise _BadRequest(f"unknown collapse field {name!r}")
        n = int(width) if width.isdigit() else None
        collapsed: list[dict[str, str]] = []
        for r in out:
            if not collapsed or collapsed[-1].get(name, "")[:n] != r.get(name, "")[:n]:
                collapsed.append(r)
        out = collapsed
    page_size = _int_param(params, "pageSize")
    page = _int_param(params, "page")
    per_page = page_size if page_size and page_size > 0 else max(len(out), 1)
    num_pages = (len(out) + per_page - 1) // per_page
    if page is not None:
        out = out[page * per_page : (page + 1) * per_page] if page >= 0 else []
    limit = _int_param(params, "limit")
    if limit is not None:
        out = out[:limit] if limit >= 0 else out[limit:]
    fields = list(default_fields)
    if params.get("fl", [""])[-1]:
        fields = params["fl"][-1].split(",")
        for name in fields:
            if name not in known_fields:
                raise _BadRequest(f"unknown field {name!r} in fl")
    return _Query(
        rows=out,
        fields=fields,
        output_json=params.get("output", [""])[-1] == "json",
        page=page,
        num_pages=num_pages,
        show_num_pages=params.get("showNumPages", [""])[-1].lower() == "true",
    )


def _ia_filter(spec: str, known: Sequence[str]) -> Callable[[dict[str, str]], bool]:
    """IA's FieldRegexFilter: ``[~][!]field:pattern``, field by name or index, regex full match.

    As the real server does, an unknown field name (or no ``field:``) matches the pattern against
    the whole space-joined line, so ``status:200`` silently matches nothing.
    """
    text = spec
    contains = text.startswith("~")
    text = text[1:] if contains else text
    invert = text.startswith("!")
    text = text[1:] if invert else text
    name, sep, pattern = text.partition(":")
    column: str | None = None
    if not sep:
        pattern = text
    elif name.isdigit():
        column = known[int(name)] if int(name) < len(known) else None
    elif name in known:
        column = name
    rx = None if contains else re.compile(pattern)

    def keep(r: dict[str, str]) -> bool:
        value = r[column] if column else " ".join(r[f] for f in known)
        hit = pattern in value if rx is None else rx.fullmatch(value) is not None
        return hit != invert

    return keep


def _pywb_filter(spec: str, known: Sequence[str]) -> Callable[[dict[str, str]], bool]:
    m = re.match(r"^(!?)([=~]?)([A-Za-z-]+):(.*)$", spec, re.S)
    if not m:
        raise _BadRequest(f"invalid filter {spec!r}")
    invert, op, name, value = m.group(1) == "!", m.group(2), m.group(3), m.group(4)
    if op == "=":
        return lambda r: (r.get(name, "") == value) != invert
    if op == "~":
        return lambda r: (value in r.get(name, "")) != invert
    rx = re.compile(value)
    return lambda r: (rx.match(r.get(name, "")) is not None) != invert


# --- The HTTP server and its bookkeeping ------------------------------------------------------


@dataclass
class LoggedRequest:
    """One request as the fake answered it.

    ``path`` is the request target (path + query, as sent); ``kind`` is ``"cdx"``, ``"replay"``,
    ``"collinfo"``, ``"data"`` or ``"other"``; ``status`` what was answered; ``completed`` whether
    the whole response was written (False: the client had gone); ``refused`` whether a
    :meth:`refuse` fault answered it; ``range`` the Range header if any; ``capture`` the capture
    whose content was served (a replay, or a range addressing exactly its WARC record).
    """

    path: str
    kind: str
    status: int
    completed: bool
    refused: bool = False
    range: str | None = None
    capture: Capture | None = None
    started: float = 0.0
    finished: float = 0.0


@dataclass
class _Fault:
    after: int
    status: int
    times: int | None
    retry_after: str | None
    kind: str
    seen: int = 0  # completed responses of ``kind`` since the fault was armed
    used: int = 0  # requests it has refused


@dataclass
class _Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    capture: Capture | None = None
    stall: float = 0.0


def _peer_closed(sock: socket.socket) -> bool:
    """True if the client has closed its end (readable with EOF, or reset)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


class _Handler(BaseHTTPRequestHandler):
    server_version = "fakearchive/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        cast("_Server", self.server).fake._handle(self)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: _FakeServer


class _FakeServer:
    """Base: a ThreadingHTTPServer on 127.0.0.1 (free port), request log, refusal faults."""

    KINDS: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()
        self._log: list[LoggedRequest] = []
        self._faults: list[_Fault] = []
        self._stalls: dict[tuple[str, str | None], float] = {}
        self._stalling: list[Capture] = []  # captures whose answer a stall is holding
        self._stop = threading.Event()
        self.errors: list[str] = []  # tracebacks of requests the fake failed to answer (500)

    # lifecycle

    def start(self) -> None:
        """Start serving (``with`` does this)."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._stop.clear()
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; releases any stalled request (its response is then not written)."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Any:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port served on."""
        if self._server is None:
            raise RuntimeError("not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, no trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    # bookkeeping

    @property
    def log(self) -> list[LoggedRequest]:
        """A snapshot of every request answered so far, in the order they finished."""
        with self._cond:
            return list(self._log)

    def requests_count(self, kind: str | None = None, status: int | None = None) -> int:
        """Number of requests answered, of ``kind`` (None: any) and ``status`` (None: any)."""
        return sum(
            1
            for r in self.log
            if (kind is None or r.kind == kind) and (status is None or r.status == status)
        )

    def clear_log(self) -> None:
        """Forget the request log (faults keep their counts)."""
        with self._cond:
            self._log.clear()

    def wait_for(self, predicate: Callable[[list[LoggedRequest]], bool], timeout: float) -> bool:
        """Wait until ``predicate(log)`` holds (re-checked on every logged request)."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self._log), timeout)

    # faults

    def _refuse(
        self, after: int, status: int, times: int | None, retry_after: str | None, kind: str
    ) -> None:
        if kind != "any" and kind not in self.KINDS:
            raise ValueError(f"kind must be 'any' or one of {self.KINDS}, got {kind!r}")
        with self._cond:
            self._faults.append(_Fault(after, status, times, retry_after, kind))

    def clear_faults(self) -> None:
        """Disarm every fault (refusals and stalls)."""
        with self._cond:
            self._faults.clear()
            self._clear_stalls()

    def _clear_stalls(self) -> None:
        self._stalls.clear()

    def _stall_for(self, capture: Capture) -> float:
        """Seconds a stall holds the answer serving ``capture`` (0: none). Call under the lock."""
        by_url = self._stalls.get((capture.timestamp, capture.urlkey))
        return by_url if by_url is not None else self._stalls.get((capture.timestamp, None), 0.0)

    def stall(self, timestamp: str, seconds: float, url: str | None = None) -> None:
        """Hold the answer serving the capture at ``timestamp`` (and ``url``, if given) for
        ``seconds`` before writing anything (Wayback: its replay; Common Crawl: a range fetch of
        exactly its record). If the client has gone by then, nothing is written and the request
        is logged with ``completed=False``. Released early by :meth:`stop`.
        """
        with self._cond:
            self._stalls[(timestamp, surt(url) if url else None)] = seconds

    def wait_stalled(self, timestamp: str, timeout: float = 10.0) -> bool:
        """Wait until an answer serving a capture at ``timestamp`` is held by :meth:`stall`."""
        with self._cond:
            return self._cond.wait_for(
                lambda: any(c.timestamp == timestamp for c in self._stalling), timeout
            )

    # request handling

    def _kind(self, path: str) -> str:
        raise NotImplementedError

    def _answer(self, handler: BaseHTTPRequestHandler, kind: str) -> _Answer:
        raise NotImplementedError

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        started = time.monotonic()
        path = handler.path
        kind = self._kind(path)
        refusal: _Fault | None = None
        with self._cond:
            for fault in self._faults:
                if (
                    fault.kind in ("any", kind)
                    and fault.seen >= fault.after
                    and (fault.times is None or fault.used < fault.times)
                ):
                    fault.used += 1
                    refusal = fault
                    break
        if refusal is not None:
            headers = [("Content-Type", "text/plain")]
            if refusal.retry_after is not None:
                headers.append(("Retry-After", refusal.retry_after))
            phrase = http.HTTPStatus(refusal.status).phrase
            answer = _Answer(refusal.status, headers, f"{refusal.status} {phrase}\n".encode())
        else:
            try:
                answer = self._answer(handler, kind)
            except (_BadRequest, re.error) as e:
                answer = _Answer(400, [("Content-Type", "text/plain")], f"{e}\n".encode())
            except Exception as e:  # a bug in the fake: answer 500 and keep it for the test
                with self._cond:
                    self.errors.append(f"{path}: {traceback.format_exc()}")
                answer = _Answer(500, [("Content-Type", "text/plain")], f"{e!r}\n".encode())
        if answer.stall > 0 and answer.capture is not None:
            with self._cond:
                self._stalling.append(answer.capture)
                self._cond.notify_all()
            self._stop.wait(answer.stall)
            with self._cond:
                self._stalling.remove(answer.capture)
        entry = LoggedRequest(
            path=path,
            kind=kind,
            status=answer.status,
            completed=False,
            refused=refusal is not None,
            range=handler.headers.get("Range"),
            capture=answer.capture,
            started=started,
        )
        handler.close_connection = True
        logged = False
        if not self._stop.is_set() and not _peer_closed(handler.connection):
            data = _raw_response(handler, answer)
            try:
                handler.wfile.write(data[:-1])
                # Log before the last byte, so a client that has its response sees it logged.
                self._record(entry, completed=True)
                logged = True
                handler.wfile.write(data[-1:])
                handler.wfile.flush()
            except OSError:
                if logged:
                    self._unrecord(entry)
                    logged = False
        if not logged:
            self._record(entry, completed=False)

    def _record(self, entry: LoggedRequest, *, completed: bool) -> None:
        with self._cond:
            entry.completed = completed
            entry.finished = time.monotonic()
            self._log.append(entry)
            if completed and not entry.refused:
                for fault in self._faults:
                    if fault.kind in ("any", entry.kind):
                        fault.seen += 1
            self._cond.notify_all()

    def _unrecord(self, entry: LoggedRequest) -> None:
        with self._cond:
            self._log.remove(entry)
            if not entry.refused:
                for fault in self._faults:
                    if fault.kind in ("any", entry.kind):
                        fault.seen -= 1


def _raw_response(handler: BaseHTTPRequestHandler, answer: _Answer) -> bytes:
    """The whole HTTP/1.0 response as bytes (status line, headers, body)."""
    try:
        phrase = http.HTTPStatus(answer.status).phrase
    except ValueError:
        phrase = "Unknown"
    lines = [
        f"HTTP/1.0 {answer.status} {phrase}",
        f"Server: {handler.version_string()}",
        f"Date: {handler.date_time_string()}",
        *(f"{name}: {value}" for name, value in answer.headers),
        f"Content-Length: {len(answer.body)}",
        "Connection: close",
    ]
    head = "".join(line + "\r\n" for line in lines) + "\r\n"
    return head.encode("latin-1") + answer.body


def _query_of(path: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(path).query, keep_blank_values=True)


# --- Wayback ----------------------------------------------------------------------------------

IA_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
_REPLAY_RE = re.compile(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$", re.S)


class FakeWayback(_FakeServer):
    """A Wayback Machine (CDX API + ``id_`` replay) serving ``captures``; see the module doc.

    ``rewrite_location=True`` makes a redirect capture's replay answer ``Location:
    {base}/web/{timestamp}id_/{location}`` as the real IA does (cdx_toolkit's
    ``CaptureObject.content`` needs that form: it raises IndexError on a bare Location).
    """

    KINDS = ("cdx", "replay")

    def __init__(self, captures: Iterable[Capture], *, rewrite_location: bool = False) -> None:
        super().__init__()
        self.captures: list[Capture] = list(captures)
        self.rewrite_location = rewrite_location

    def __enter__(self) -> FakeWayback:
        self.start()
        return self

    @property
    def cdx_url(self) -> str:
        """``{base}/cdx/search/cdx``: the ``source=`` for ``cdx_toolkit.CDXFetcher``."""
        return f"{self.base_url}/cdx/search/cdx"

    @property
    def wb_url(self) -> str:
        """``{base}/web``: the ``wb=`` for ``cdx_toolkit.CDXFetcher``."""
        return f"{self.base_url}/web"

    def replay_url(self, capture: Capture) -> str:
        """The ``id_`` replay URL cdx_toolkit fetches for ``capture``."""
        return f"{self.wb_url}/{capture.timestamp}id_/{quote(capture.url)}"

    def add(self, *captures: Capture) -> None:
        """Add captures while serving (e.g. a later edit)."""
        with self._cond:
            self.captures.extend(captures)

    # faults

    def refuse(
        self,
        after: int,
        status: int = 429,
        times: int | None = None,
        retry_after: str | None = "1",
        kind: Literal["replay", "cdx", "any"] = "replay",
    ) -> None:
        """After ``after`` more completed responses of ``kind``, answer the next ``times``
        requests of ``kind`` (None: all of them, forever) with ``status`` + ``Retry-After``.

        ``after`` counts from this call; refused answers do not count. Faults stack (the first
        armed that applies answers).
        """
        self._refuse(after, status, times, retry_after, kind)

    # bookkeeping

    def replays_completed(self, url: str | None = None, timestamp: str | None = None) -> int:
        """Replays that served a capture (of ``url``/``timestamp`` if given) completely."""
        key = surt(url) if url else None
        return sum(
            1
            for r in self.log
            if r.kind == "replay"
            and r.completed
            and r.capture is not None
            and (key is None or r.capture.urlkey == key)
            and (timestamp is None or r.capture.timestamp == timestamp)
        )

    def replays(self) -> list[LoggedRequest]:
        """Every replay request answered (any status), oldest first."""
        return [r for r in self.log if r.kind == "replay"]

    # serving

    def _kind(self, path: str) -> str:
        route = urlsplit(path).path
        if route == "/cdx/search/cdx":
            return "cdx"
        if route.startswith("/web/"):
            return "replay"
        return "other"

    def _answer(self, handler: BaseHTTPRequestHandler, kind: str) -> _Answer:
        if kind == "cdx":
            return self._cdx(_query_of(handler.path))
        if kind == "replay":
            return self._replay(handler.path)
        return _Answer(404, [("Content-Type", "text/plain")], b"not found\n")

    def _row(self, c: Capture) -> dict[str, str]:
        return {
            "urlkey": c.urlkey,
            "timestamp": c.timestamp,
            "original": c.url,
            "mimetype": c.mime,
            "statuscode": str(c.status),
            "digest": c.digest or "",
            "length": str(len(c.body)),
        }

    def _cdx(self, params: dict[str, list[str]]) -> _Answer:
        with self._cond:
            rows = [self._row(c) for c in self.captures]
        q = _run_query(
            params,
            rows,
            known_fields=IA_FIELDS,
            default_fields=IA_FIELDS,
            filter_fn=_ia_filter,
        )
        if q.show_num_pages:
            return _Answer(200, [("Content-Type", "text/plain")], f"{q.num_pages}\n".encode())
        if q.page is not None and q.page >= max(q.num_pages, 1):
            return _Answer(200, [("Content-Type", "text/plain")], b"")
        table = [[r[f] for f in q.fields] for r in q.rows]
        if q.output_json:
            if not table:
                body = "[]\n"
            else:
                body = "[" + ",\n".join(json.dumps(row) for row in [q.fields, *table]) + "]\n"
            return _Answer(200, [("Content-Type", "application/json")], body.encode())
        text = "".join(" ".join(row) + "\n" for row in table)
        return _Answer(200, [("Content-Type", "text/plain")], text.encode())

    def _replay(self, path: str) -> _Answer:
        m = _REPLAY_RE.match(path)
        not_found = _Answer(404, [("Content-Type", "text/plain")], b"not in archive\n")
        if not m or len(m.group(1)) != 14:
            return not_found
        timestamp, url = m.group(1), unquote(m.group(3))
        key = surt(url)
        with self._cond:
            found = next(
                (c for c in self.captures if c.timestamp == timestamp and c.urlkey == key), None
            )
            stall = self._stall_for(found) if found else 0.0
        if found is None:
            return not_found
        headers = []
        for name, value in found.response_headers():
            if name.lower() == "location" and self.rewrite_location:
                value = f"{self.wb_url}/{found.timestamp}id_/{value}"
            headers.append((name, value))
        return _Answer(found.status, headers, found.body, capture=found, stall=stall)


# --- Common Crawl -----------------------------------------------------------------------------

# Crawl ids, oldest first: the real ones 2018-2025 (as listed at index.commoncrawl.org), then a
# plausible monthly series for 2026. cdx_toolkit wants >= 60 and takes a crawl's name week
# (CC-MAIN-YYYY-WW, %W weeks, Sunday) as the END of its data.
CRAWL_IDS: tuple[str, ...] = tuple(
    f"CC-MAIN-{y}-{w:02d}"
    for y, weeks in (
        (2018, (5, 9, 13, 17, 22, 26, 30, 34, 39, 43, 47, 51)),
        (2019, (4, 9, 13, 18, 22, 26, 30, 35, 39, 43, 47, 51)),
        (2020, (5, 10, 16, 24, 29, 34, 40, 45, 50)),
        (2021, (4, 10, 17, 21, 25, 31, 39, 43, 49)),
        (2022, (5, 21, 27, 33, 40, 49)),
        (2023, (6, 14, 23, 40, 50)),
        (2024, (10, 18, 22, 26, 30, 33, 38, 42, 46, 51)),
        (2025, (5, 8, 13, 18, 21, 26, 30, 33, 38, 43, 47, 51)),
        (2026, (4, 8, 12, 17, 21, 25, 30, 34, 38, 43, 47, 51)),
    )
    for w in weeks
)


def _crawl_end(crawl_id: str) -> dt.datetime:
    """The end of a crawl's data as cdx_toolkit computes it (``%Y-%W-0``: that week's Sunday)."""
    m = re.fullmatch(r"CC-MAIN-(\d{4})-(\d{2})", crawl_id)
    if not m:
        raise ValueError(crawl_id)
    day = dt.datetime.strptime(f"{m.group(1)}-{m.group(2)}-0", "%Y-%W-%w")
    return day.replace(tzinfo=dt.UTC)


def crawl_for_timestamp(timestamp: str) -> str:
    """The crawl a capture at ``timestamp`` belongs to: the first whose end is at or after it.

    Raises ``ValueError`` past the newest crawl (CC-MAIN-2026-51) or before 2018.
    """
    when = dt.datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    if when < _crawl_end(CRAWL_IDS[0]) - dt.timedelta(days=60):
        raise ValueError(f"no fake crawl covers {timestamp}")
    for crawl_id in CRAWL_IDS:
        if when <= _crawl_end(crawl_id):
            return crawl_id
    raise ValueError(f"no fake crawl covers {timestamp}")


PYWB_FIELDS = (
    "urlkey",
    "timestamp",
    "url",
    "mime",
    "mime-detected",
    "status",
    "digest",
    "length",
    "offset",
    "filename",
    "redirect",
)


@dataclass
class _Record:
    capture: Capture
    crawl: str
    filename: str
    offset: int
    length: int


class FakeCommonCrawl(_FakeServer):
    """A Common Crawl index server + data bucket serving ``captures``; see the module doc.

    Each capture goes to the crawl :func:`crawl_for_timestamp` names; the WARC files are built
    once, here. ``records`` maps each capture to its (crawl, filename, offset, length).
    """

    KINDS = ("cdx", "data", "collinfo")

    def __init__(self, captures: Iterable[Capture]) -> None:
        super().__init__()
        self.captures: list[Capture] = list(captures)
        self.records: list[_Record] = []
        self.files: dict[str, bytes] = {}
        by_crawl: dict[str, list[Capture]] = {}
        for c in self.captures:
            by_crawl.setdefault(crawl_for_timestamp(c.timestamp), []).append(c)
        for crawl_id, caps in sorted(by_crawl.items()):
            segment = f"crawl-data/{crawl_id}/segments/0000000000000.00"
            filename = f"{segment}/warc/{crawl_id}-00000.warc.gz"
            data, spans = _build_warc(filename, caps)
            self.files[filename] = data
            for cap, (offset, length) in zip(caps, spans, strict=True):
                self.records.append(_Record(cap, crawl_id, filename, offset, length))
        self._by_span = {(r.filename, r.offset, r.length): r for r in self.records}

    def __enter__(self) -> FakeCommonCrawl:
        self.start()
        return self

    @property
    def index_url(self) -> str:
        """``{base}/``: the ``cc_mirror=`` for ``cdx_toolkit.CDXFetcher``."""
        return f"{self.base_url}/"

    @property
    def data_url(self) -> str:
        """``{base}/data``: the ``warc_download_prefix=`` for ``cdx_toolkit.CDXFetcher``."""
        return f"{self.base_url}/data"

    def cdx_api(self, crawl_id: str) -> str:
        """The index endpoint of one crawl, ``{base}/{id}-index``."""
        return f"{self.base_url}/{crawl_id}-index"

    def record_of(self, capture: Capture) -> _Record:
        """Where ``capture`` lives: crawl, filename, offset, length."""
        for r in self.records:
            if r.capture is capture:
                return r
        raise KeyError(capture.url)

    def collinfo(self) -> list[dict[str, str]]:
        """The ``/collinfo.json`` document: newest crawl first."""
        out = []
        previous: dt.datetime | None = None
        for crawl_id in CRAWL_IDS:
            end = _crawl_end(crawl_id)
            start = previous + dt.timedelta(days=1) if previous else end - dt.timedelta(days=21)
            out.append(
                {
                    "id": crawl_id,
                    "name": f"{end.strftime('%B %Y')} Index",
                    "timegate": f"{self.base_url}/{crawl_id}/",
                    "cdx-api": self.cdx_api(crawl_id),
                    "from": start.strftime("%Y-%m-%dT%H:%M:%S"),
                    "to": end.strftime("%Y-%m-%dT23:59:59"),
                }
            )
            previous = end
        return out[::-1]

    # faults and bookkeeping

    def refuse(
        self,
        after: int,
        status: int = 429,
        times: int | None = None,
        retry_after: str | None = "1",
        kind: Literal["data", "cdx", "collinfo", "any"] = "data",
    ) -> None:
        """As :meth:`FakeWayback.refuse`; kinds: ``data`` (WARC fetches), ``cdx`` (the
        ``/{id}-index`` endpoints), ``collinfo``, ``any``."""
        self._refuse(after, status, times, retry_after, kind)

    def range_requests(self) -> list[LoggedRequest]:
        """Every ``/data/`` request that carried a Range header, oldest first."""
        return [r for r in self.log if r.kind == "data" and r.range is not None]

    def records_completed(self, url: str | None = None, timestamp: str | None = None) -> int:
        """Range fetches that served exactly one capture's record (of ``url``/``timestamp``)."""
        key = surt(url) if url else None
        return sum(
            1
            for r in self.log
            if r.kind == "data"
            and r.completed
            and r.capture is not None
            and (key is None or r.capture.urlkey == key)
            and (timestamp is None or r.capture.timestamp == timestamp)
        )

    # serving

    def _kind(self, path: str) -> str:
        route = urlsplit(path).path
        if route == "/collinfo.json":
            return "collinfo"
        if route.startswith("/data/"):
            return "data"
        if re.fullmatch(r"/CC-MAIN-[\w-]+-index", route):
            return "cdx"
        return "other"

    def _answer(self, handler: BaseHTTPRequestHandler, kind: str) -> _Answer:
        route = urlsplit(handler.path).path
        if kind == "collinfo":
            body = json.dumps(self.collinfo(), indent=1).encode()
            return _Answer(200, [("Content-Type", "application/json")], body)
        if kind == "cdx":
            crawl_id = route[1 : -len("-index")]
            if crawl_id in CRAWL_IDS:
                return self._cdx(crawl_id, _query_of(handler.path))
        if kind == "data":
            return self._data(unquote(route[len("/data/") :]), handler.headers.get("Range"))
        return _Answer(404, [("Content-Type", "text/plain")], b"not found\n")

    def _row(self, r: _Record) -> dict[str, str]:
        c = r.capture
        row = {
            "urlkey": c.urlkey,
            "timestamp": c.timestamp,
            "url": c.url,
            "mime": c.mime,
            "mime-detected": c.mime,
            "status": str(c.status),
            "digest": c.digest or "",
            "length": str(r.length),
            "offset": str(r.offset),
            "filename": r.filename,
        }
        location = next((v for k, v in c.headers.items() if k.lower() == "location"), None)
        if 300 <= c.status < 400 and location:
            row["redirect"] = location
        return row

    def _cdx(self, crawl_id: str, params: dict[str, list[str]]) -> _Answer:
        rows = [self._row(r) for r in self.records if r.crawl == crawl_id]
        q = _run_query(
            params,
            rows,
            known_fields=PYWB_FIELDS,
            default_fields=PYWB_FIELDS,
            filter_fn=_pywb_filter,
        )
        json_type = [("Content-Type", "application/json")]
        if q.show_num_pages:
            info = {"pages": q.num_pages, "pageSize": 5, "blocks": q.num_pages}
            return _Answer(200, json_type, json.dumps(info).encode())
        if q.page is not None and q.page >= max(q.num_pages, 1):
            last = max(q.num_pages, 1) - 1
            msg = {"message": f"Page {q.page} invalid: First Page is 0, Last Page is {last}"}
            return _Answer(400, json_type, json.dumps(msg).encode())
        if not q.rows:
            msg = {"message": f"No Captures found for: {params['url'][-1]}"}
            return _Answer(404, json_type, json.dumps(msg).encode())
        if q.output_json:
            lines = [json.dumps({f: r[f] for f in q.fields if f in r}) for r in q.rows]
        else:
            lines = [
                f"{r['urlkey']} {r['timestamp']} "
                + json.dumps(
                    {f: r[f] for f in q.fields if f in r and f not in ("urlkey", "timestamp")}
                )
                for r in q.rows
            ]
        ctype = "text/x-ndjson" if q.output_json else "text/x-cdxj"
        return _Answer(200, [("Content-Type", ctype)], ("\n".join(lines) + "\n").encode())

    def _data(self, filename: str, range_header: str | None) -> _Answer:
        data = self.files.get(filename)
        if data is None:
            return _Answer(404, [("Content-Type", "application/xml")], b"<Error>NoSuchKey</Error>")
        ctype = [("Content-Type", "application/octet-stream"), ("Accept-Ranges", "bytes")]
        if range_header is None:
            return _Answer(200, ctype, data)
        m = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", range_header)
        if not m or (m.group(1) == "" and m.group(2) == ""):
            return _Answer(416, [("Content-Range", f"bytes */{len(data)}")], b"")
        if m.group(1) == "":  # suffix: the last N bytes
            start, end = max(len(data) - int(m.group(2)), 0), len(data) - 1
        else:
            start = int(m.group(1))
            end = min(int(m.group(2)), len(data) - 1) if m.group(2) else len(data) - 1
        if start >= len(data) or end < start:
            return _Answer(416, [("Content-Range", f"bytes */{len(data)}")], b"")
        record = self._by_span.get((filename, start, end - start + 1))
        capture = record.capture if record else None
        with self._cond:
            stall = self._stall_for(capture) if capture else 0.0
        headers = [*ctype, ("Content-Range", f"bytes {start}-{end}/{len(data)}")]
        return _Answer(206, headers, data[start : end + 1], capture=capture, stall=stall)


_STATUSES = {s.value for s in http.HTTPStatus}


def _build_warc(filename: str, captures: Sequence[Capture]) -> tuple[bytes, list[tuple[int, int]]]:
    """Build a ``.warc.gz`` (warcinfo + one gzipped WARC/1.0 response record per capture).

    Returns the bytes and each capture's (offset, length) of its gzip member.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.0")
    info = writer.create_warcinfo_record(
        filename.rsplit("/", 1)[-1], {"software": "dbp-archive tests/fakearchive.py"}
    )
    writer.write_record(info)
    spans = []
    for c in captures:
        phrase = http.HTTPStatus(c.status).phrase if c.status in _STATUSES else "Unknown"
        http_headers = StatusAndHeaders(
            f"{c.status} {phrase}",
            [*c.response_headers(), ("Content-Length", str(len(c.body)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            c.url,
            "response",
            payload=io.BytesIO(c.body),
            length=len(c.body),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Date": c.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "WARC-Payload-Digest": f"sha1:{c.digest}",
            },
        )
        start = buf.tell()
        writer.write_record(record)
        spans.append((start, buf.tell() - start))
    data = buf.getvalue()
    for offset, length in spans:  # each span must be one whole gzip member
        gzip.decompress(data[offset : offset + length])
    return data, spans


# --- cdx_toolkit in tests ---------------------------------------------------------------------


def fast_cdx_toolkit(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    """Make cdx_toolkit usable against the fakes within a test.

    Sets the per-host minimum interval to 0 (default 3 s; it also doubles as the first 429/5xx
    retry delay, so retries become immediate) for new hosts and for 127.0.0.1 (whose entry
    persists process-wide once created), points the collinfo cache at ``cache_dir``, and makes
    Wayback record building buffer in memory (see :class:`_InMemoryWARCWriter`).
    """
    import cdx_toolkit.commoncrawl
    import cdx_toolkit.myrequests
    import cdx_toolkit.warc

    info = cdx_toolkit.myrequests.retry_info
    monkeypatch.setitem(info, "default", {"next_fetch": 0, "minimum_interval": 0.0})
    monkeypatch.setitem(info, "127.0.0.1", {"next_fetch": 0, "minimum_interval": 0.0})
    monkeypatch.setattr(cdx_toolkit.commoncrawl, "CACHE_DIR", str(cache_dir).rstrip("/") + "/")
    monkeypatch.setattr(cdx_toolkit.warc, "WARCWriter", _InMemoryWARCWriter)


class _InMemoryWARCWriter(WARCWriter):
    """cdx_toolkit's Wayback path builds each record without a length, so warcio buffers the
    payload in a SpooledTemporaryFile nobody closes: a ResourceWarning, an error under this
    project's ``filterwarnings = error``. This writer buffers in memory instead."""

    @staticmethod
    def _create_temp_file() -> io.BytesIO:  # type: ignore[override]
        return io.BytesIO()


def iter_captures(objs: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """(url, timestamp) of cdx_toolkit CaptureObjects, for compact assertions."""
    for o in objs:
        yield (o["url"], o["timestamp"])
