"""Export the stored raw responses as WARC 1.1 (ISO 28500), with warcio.

The file opens with a ``warcinfo`` record naming the archive it came from (its path, runs,
counts, the User-Agent and robots policy of the crawl). Then, per stored page (``pages``, in
the order they were stored), a ``request`` record and its ``response`` record, linked by
``WARC-Concurrent-To`` (warcio's ``write_request_response_pair``); robots.txt is one of them
when the crawl stored it. Every record names the ``warcinfo`` record (``WARC-Warcinfo-ID``).

The response payload is the stored body byte for byte (already content-decoded, so
``Content-Encoding`` is not repeated); ``DBP-Page-Sha256`` is the sha256 of that body, the
``page_sha256`` of ``pages`` and of the export's citation columns. The request record holds
what the archive knows of the request: method, target, ``Host`` and the run's User-Agent
(other request headers were not stored). A page a backfill read from a web archive
(``pages.source`` not ``live``) is a response record alone, dated at its capture, with
``WARC-Source-URI`` naming where it was read (the Wayback replay URL, or the Common Crawl
WARC file and offset). Replay with pywb: see docs/schema.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper import __version__, utc_now
from scraper.archive.store import Archive, decompress
from scraper.site import SITE_HOST

DROPPED_HEADERS: Final = frozenset({"content-encoding", "transfer-encoding", "content-length"})
HTTP_REASONS: Final = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found"}
WARC_VERSION: Final = "1.1"
CONFORMS_TO: Final = "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1-1_latestdraft.pdf"


@dataclass(kw_only=True, slots=True)
class WarcCounts:
    """What ``export_warc`` wrote: response records (with their requests), robots.txt among them."""

    responses: int = 0
    requests: int = 0
    robots: int = 0


def _warc_date(iso: str) -> str:
    """Return a WARC-Date (``2026-11-23T12:00:00Z``) from our ISO 8601 UTC time."""
    return iso.replace("+00:00", "Z")


def _user_agents(archive: Archive) -> dict[int, str]:
    """Return each run's User-Agent, for the runs that recorded it (``summary.user_agent``)."""
    agents = {}
    for run_id, summary in archive.conn.execute("SELECT id, summary FROM crawl_runs"):
        try:
            agent = json.loads(summary or "{}").get("user_agent")
        except (ValueError, AttributeError):
            agent = None
        if agent:
            agents[run_id] = agent
    return agents


def warcinfo_fields(archive: Archive, agents: dict[int, str]) -> dict[str, str]:
    """Return the ``warcinfo`` fields: what this WARC is and which archive it came from."""
    one = archive.conn.execute
    pages, articles = one(
        "SELECT (SELECT count(*) FROM pages), (SELECT count(*) FROM articles)"
    ).fetchone()
    runs = one("SELECT min(id), max(id), min(started_at), max(ended_at) FROM crawl_runs").fetchone()
    ignored = [
        str(run_id)
        for run_id, argv in one("SELECT id, argv FROM crawl_runs")
        if "--ignore-robots" in (argv or "")
    ]
    latest_agent = agents[max(agents)] if agents else ""
    span = (
        f"runs {runs[0]}-{runs[1]}, {runs[2]} to {runs[3] or 'running'}"
        if runs[0] is not None
        else "no runs"
    )
    return {
        "software": f"dbp-archive {__version__} (warcio)",
        "format": f"WARC File Format {WARC_VERSION}",
        "conformsTo": CONFORMS_TO,
        "isPartOf": archive.path.name,
        "description": (
            f"Raw responses of https://{SITE_HOST}/ stored in the dbp-archive archive "
            f"{archive.path.resolve()} ({span}; {pages} pages, {articles} articles)"
        ),
        "robots": "obey" if not ignored else f"obey, ignored in runs {', '.join(ignored)}",
        "http-header-user-agent": latest_agent,
        "dbp-archive-file": str(archive.path.resolve()),
        "dbp-archive-runs": span,
        "dbp-exported-at": utc_now(),
    }


def _http_response(status: int, headers_json: str | None, length: int) -> StatusAndHeaders:
    """Return the response's status line and stored headers (decoded body: no encoding)."""
    headers = json.loads(headers_json or "{}")
    pairs = [(k.title(), v) for k, v in headers.items() if k not in DROPPED_HEADERS]
    pairs.append(("Content-Length", str(length)))
    return StatusAndHeaders(
        f"{status} {HTTP_REASONS.get(status, 'OK')}", pairs, protocol="HTTP/1.1"
    )


def _http_request(url: str, agent: str | None) -> StatusAndHeaders:
    """Return the request line and the headers the archive knows (Host, User-Agent)."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pairs = [("Host", parts.netloc)]
    if agent:
        pairs.append(("User-Agent", agent))
    return StatusAndHeaders(f"GET {target} HTTP/1.1", pairs, is_http_request=True)


def export_warc(archive: Archive, out_path: Path) -> WarcCounts:
    """Write every stored page of ``archive`` to ``out_path`` (gzipped if it ends in ``.gz``).

    Streams: one page's body in memory at a time.
    """
    counts = WarcCounts()
    agents = _user_agents(archive)
    with open(out_path, "wb") as stream:
        writer = WARCWriter(stream, gzip=out_path.suffix == ".gz", warc_version=WARC_VERSION)
        info = writer.create_warcinfo_record(out_path.name, warcinfo_fields(archive, agents))
        writer.write_record(info)
        info_id = info.rec_headers.get_header("WARC-Record-ID")
        rows = archive.conn.execute(
            "SELECT sha256, final_url, status, headers, fetched_at, run_id, source, source_url"
            " FROM pages ORDER BY rowid"
        )
        for sha, url, status, headers_json, fetched_at, run_id, source, source_url in rows:
            (blob,) = archive.conn.execute(
                "SELECT body FROM pages WHERE sha256 = ?", (sha,)
            ).fetchone()
            body = decompress(blob)
            common: dict[str, Any] = {"WARC-Warcinfo-ID": info_id}
            response = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=_http_response(status, headers_json, len(body)),
                warc_headers_dict={
                    **common,
                    "WARC-Date": _warc_date(fetched_at),
                    "DBP-Page-Sha256": sha,
                    **({"WARC-Source-URI": source_url} if source_url else {}),
                },
            )
            if source != "live":
                # A web archive's capture (backfill): its date is the capture's, and the
                # request that made it was not ours, so no request record is written.
                writer.write_record(response)
                counts.responses += 1
                continue
            request = writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(b""),
                length=0,
                http_headers=_http_request(url, agents.get(run_id)),
                warc_headers_dict=dict(common),
            )
            writer.write_request_response_pair(request, response)
            counts.responses += 1
            counts.requests += 1
            counts.robots += urlsplit(url).path == "/robots.txt"
    return counts
