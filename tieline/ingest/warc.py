"""WARC archives (plain or gzipped): every HTML ``response`` (or ``resource``)
record is read as an HTML page.  Other records are skipped."""
from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.ingest.common import reject
from tieline.ingest.html import article_from_html_bytes
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: Any) -> str:
    if record.rec_type == "response":
        headers = record.http_headers
        return (headers.get_header("Content-Type") or "") if headers is not None else ""
    return record.rec_headers.get_header("Content-Type") or ""


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _is_ok_status(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return True
    status = record.http_headers.get_statuscode() or ""
    return status.startswith("2")


def read_warc(path: Path, *, source: str, published: dt.date | None = None,
              max_bytes: int = 10_000_000) -> Iterator[Article | Rejection]:
    """Articles from the HTML records of a WARC file.

    A record larger than ``max_bytes`` gives a ``TOO_LARGE`` rejection; a
    corrupt archive one ``MALFORMED`` rejection (after the articles read
    before the damage); an archive without HTML responses one ``EMPTY``.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    # warcio reports some damage as low-level errors from its parsers.
    corrupt = (ArchiveLoadFailed, ValueError, EOFError, OSError, zlib.error, AttributeError,
               KeyError, IndexError)
    records = html_records = 0
    with path.open("rb") as stream:
        iterator = iter(ArchiveIterator(stream))
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                break
            except corrupt as exc:
                yield reject("MALFORMED", f"corrupt WARC after {records} records: {exc}", source)
                return
            records += 1
            if record.format != "warc" or not record.rec_type:
                yield reject("MALFORMED", f"record {records} is not a valid WARC record "
                             f"(format {record.format!r}, type {record.rec_type!r})", source)
                return
            if record.rec_type not in ("response", "resource"):
                continue
            content_type = _content_type(record)
            if not content_type.lower().startswith(_HTML_TYPES):
                logger.debug("%s: skipping %s record (%s)", source, record.rec_type,
                             content_type or "no content type")
                continue
            if not _is_ok_status(record):
                logger.debug("%s: skipping HTTP %s response", source,
                             record.http_headers.get_statuscode())
                continue
            html_records += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            article_id = record_id or url or f"{path.stem}-{records}"
            origin = f"{source}:record {records}"
            if record.length is not None and record.length > max_bytes:
                yield reject("TOO_LARGE", f"record of {record.length} bytes (limit {max_bytes})",
                             origin, article_id)
                continue
            try:
                payload = record.content_stream().read(max_bytes + 1)
            except corrupt as exc:
                yield reject("MALFORMED", f"record {records} could not be read: {exc}", origin,
                             article_id)
                return
            yield article_from_html_bytes(payload, origin=origin, article_id=article_id,
                                          charset=_charset(content_type), published=published,
                                          url=url)
    if records == 0 and path.stat().st_size > 0:
        yield reject("MALFORMED", "no WARC records could be read", source)
    elif html_records == 0:
        yield reject("EMPTY", f"no HTML responses among {records} WARC records", source)
