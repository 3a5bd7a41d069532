"""RSS and Atom feeds, parsed from bytes with feedparser (never fetched)."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from tieline.ingest.common import (
    finish_article,
    html_fragment_to_text,
    reject,
    sniff_binary,
    stable_id,
    with_title,
)
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry_body(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    candidates = [block.get("value", "") for block in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_fragment_to_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len, default="")


def read_feed(data: bytes, *, source: str, published: dt.date | None = None
              ) -> Iterator[Article | Rejection]:
    """One article per feed entry: title (first line of the text), summary or
    content without HTML, date, link, and the feed's title as outlet.

    A document that is not a feed gives one ``MALFORMED`` rejection; a feed
    without entries one ``EMPTY`` rejection.  ``published`` overrides the
    entries' dates.
    """
    import feedparser

    binary = sniff_binary(data)
    if binary:
        yield reject("BINARY", binary, source)
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if problem is not None:
            yield reject("MALFORMED", f"not a readable feed: {problem}", source)
        elif not parsed.get("version"):
            yield reject("MALFORMED", "not an RSS or Atom feed", source)
        else:
            yield reject("EMPTY", "feed has no entries", source)
        return
    if problem is not None:
        logger.warning("%s: feed is not well-formed (%s); reading its %d entries anyway",
                       source, problem, len(entries))
    outlet = (parsed.get("feed", {}).get("title") or "").strip() or None
    for index, entry in enumerate(entries, 1):
        origin = f"{source}:entry {index}"
        title = " ".join((entry.get("title") or "").split()) or None
        link = entry.get("link") or None
        body = _entry_body(entry)
        text = with_title(title, body)
        article_id = entry.get("id") or link or stable_id("entry", text or origin)
        yield finish_article(text, article_id=article_id, origin=origin, title=title,
                             published=published or _entry_date(entry), url=link, outlet=outlet)
