"""Export the stored raw responses as WARC (ISO 28500) response records, with warcio.

The payload of each record is the stored body byte for byte (already content-decoded, so
``Content-Encoding`` is not repeated). Replay with pywb: see docs/schema.md.
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from typing import Final

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper import __version__
from scraper.archive.store import Archive, decompress

DROPPED_HEADERS: Final = frozenset({"content-encoding", "transfer-encoding", "content-length"})
HTTP_REASONS: Final = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found"}


def _warc_date(iso: str) -> str:
    """Return a WARC-Date (``2026-11-23T12:00:00Z``) from our ISO 8601 UTC time."""
    return iso.replace("+00:00", "Z")


def export_warc(archive: Archive, out_path: Path) -> int:
    """Write every stored page of ``archive`` to ``out_path`` (``.warc.gz``); return the count."""
    count = 0
    with open(out_path, "wb") as stream:
        writer = WARCWriter(stream, gzip=out_path.suffix == ".gz")
        info = {
            "software": f"dbp-archive {__version__}",
            "format": "WARC File Format 1.1",
            "description": "Raw responses of en.baodienbienphu.com.vn from archive.db",
        }
        writer.write_record(writer.create_warcinfo_record(out_path.name, info))
        rows = archive.conn.execute(
            "SELECT url, status, headers, fetched_at, body FROM pages ORDER BY fetched_at, url"
        )
        for url, status, headers_json, fetched_at, blob in rows:
            headers = json.loads(headers_json or "{}")
            pairs = [(k.title(), v) for k, v in headers.items() if k not in DROPPED_HEADERS]
            body = decompress(blob)
            pairs.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders(
                f"{status} {HTTP_REASONS.get(status, 'OK')}", pairs, protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
            )
            writer.write_record(record)
            count += 1
    return count
