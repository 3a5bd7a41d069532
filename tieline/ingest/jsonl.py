"""JSON Lines: one article object per line.

Recognised fields: ``id``, ``title``, ``text`` or ``html``, ``published``
(ISO date or datetime), ``url``, ``outlet``; anything else (``events``,
``note``, ...) is ignored, so gold files are valid input.  ``text`` is kept
exactly as given; an article built from ``html`` gets its title as first line.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from tieline.ingest.common import decode_utf8, parse_date, reject
from tieline.ingest.html import article_from_html
from tieline.ingest.text import article_from_string
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)


def _optional_str(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    logger.warning("%s: ignoring non-string %r field (%s)", origin, key, type(value).__name__)
    return None


def article_from_record(record: dict[str, Any], *, lineno: int, stem: str, origin: str,
                        published: dt.date | None = None) -> Article | Rejection:
    """An article from one decoded JSON Lines record."""
    raw_id = record.get("id")
    article_id = str(raw_id) if raw_id not in (None, "") else f"{stem}-{lineno}"
    text, html = record.get("text"), record.get("html")
    if text is not None and not isinstance(text, str):
        return reject("MALFORMED", f"line {lineno}: 'text' is not a string", origin, article_id)
    if html is not None and not isinstance(html, str):
        return reject("MALFORMED", f"line {lineno}: 'html' is not a string", origin, article_id)
    if text is None and html is None:
        return reject("MALFORMED", f"line {lineno}: no 'text' or 'html' field", origin, article_id)
    title = _optional_str(record, "title", origin)
    url = _optional_str(record, "url", origin)
    outlet = _optional_str(record, "outlet", origin)
    date = published
    if date is None and record.get("published") not in (None, ""):
        date = parse_date(record["published"])
        if date is None:
            logger.warning("%s: unreadable published date %r", origin, record["published"])
    if html is None or (text is not None and text.strip()):
        return article_from_string(text or "", article_id=article_id, title=title, published=date,
                                   url=url, outlet=outlet, origin=origin)
    return article_from_html(html, origin=origin, article_id=article_id, published=date,
                             url=url, outlet=outlet, title=title)


def read_jsonl(lines: Iterable[bytes], *, source: str, stem: str, published: dt.date | None = None,
               max_bytes: int = 10_000_000, first_line: int = 1,
               first_offset: int = 0) -> Iterator[Article | Rejection]:
    """Articles and rejections from the raw lines of a JSON Lines stream.

    ``first_line`` and ``first_offset`` are the line number and byte offset
    of the first line given, for a slice of a larger file (a Dask shard).

    Blank lines are skipped; every other line gives one article or one
    rejection (``MALFORMED``, ``ENCODING``, ``TOO_LARGE`` for a line over
    ``max_bytes``, or the article checks), and reading goes on after it.
    """
    offset = first_offset
    for lineno, raw in enumerate(lines, first_line):
        start, offset = offset, offset + len(raw)
        origin = f"{source}:line {lineno}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield reject("TOO_LARGE", f"line {lineno}: {len(raw)} bytes (limit {max_bytes})",
                         origin, f"{stem}-{lineno}")
            continue
        decoded = decode_utf8(raw, origin=origin, offset=start)
        if isinstance(decoded, Rejection):
            yield decoded
            continue
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as exc:
            yield reject("MALFORMED", f"line {lineno}: {exc.msg} (column {exc.colno})", origin)
            continue
        if not isinstance(record, dict):
            yield reject("MALFORMED",
                         f"line {lineno}: expected a JSON object, got {type(record).__name__}",
                         origin)
            continue
        yield article_from_record(record, lineno=lineno, stem=stem, origin=origin,
                                  published=published)
