"""Build small WARC files in tests (shared by the HTML and CLI tests)."""

from __future__ import annotations

import io

import warcio
from warcio.statusandheaders import StatusAndHeaders

Record = tuple[str, str, bytes, list[tuple[str, str]] | None]


def build_warc(records: list[Record], *, gzipped: bool) -> bytes:
    """A WARC file: ``(type, uri, payload, HTTP headers or None)`` per record; a
    ``(":status", ...)`` header sets the HTTP status (default 200). ``resource``
    records are typed ``text/html``."""
    buffer = io.BytesIO()
    writer = warcio.WARCWriter(buffer, gzip=gzipped)
    for rec_type, uri, payload, headers in records:
        http = None
        if headers is not None:
            status = dict(headers).get(":status", "200 OK")
            http = StatusAndHeaders(status, [h for h in headers if h[0] != ":status"],
                                    protocol="HTTP/1.1")
        # an explicit length keeps warcio from buffering into an unclosed temp file
        writer.write_record(writer.create_warc_record(
            uri, rec_type, payload=io.BytesIO(payload), length=len(payload), http_headers=http,
            warc_content_type="text/html" if rec_type == "resource" else None))
    return buffer.getvalue()
