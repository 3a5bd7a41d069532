"""HTML pages: the main text and metadata come from trafilatura (no network)."""
from __future__ import annotations

import codecs
import datetime as dt
import logging
import re

from tieline.ingest.common import (
    decode_text_bytes,
    finish_article,
    parse_date,
    reject,
    stable_id,
    with_title,
)
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_UTF8_NAMES = frozenset({"utf-8", "utf8"})


def declared_charset(data: bytes) -> str | None:
    """The charset named in a ``<meta>`` tag near the start of an HTML page."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_html(data: bytes, *, origin: str, article_id: str | None,
                charset: str | None = None) -> str | Rejection:
    """Decode an HTML page: UTF-8, or the charset given by the HTTP header
    (``charset``) or a ``<meta>`` tag when that is not UTF-8."""
    as_utf8 = decode_text_bytes(data, origin=origin, article_id=article_id)
    if isinstance(as_utf8, str) or as_utf8.reason == "BINARY":
        return as_utf8
    declared = charset or declared_charset(data)
    if not declared or declared in _UTF8_NAMES:
        return as_utf8
    try:
        codecs.lookup(declared)
        return data.decode(declared)
    except LookupError:
        return reject("ENCODING", f"unknown charset {declared!r}; {as_utf8.detail}", origin,
                      article_id)
    except UnicodeDecodeError as exc:
        return reject("ENCODING", f"not valid {declared} at byte offset {exc.start}", origin,
                      article_id)


def _paragraphs(text: str) -> str:
    """trafilatura's lines, one paragraph each, separated by blank lines."""
    lines = (line.strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def article_from_html(markup: str, *, origin: str, article_id: str | None = None,
                      published: dt.date | None = None,
                      fallback_published: dt.date | None = None, url: str | None = None,
                      outlet: str | None = None, title: str | None = None) -> Article | Rejection:
    """An article from an HTML page.

    The title (given, else from the page) becomes the first line of the text.
    ``published`` overrides the page's date; ``fallback_published`` is used
    when the page has none.  Comments and tables are left out.  Nothing is
    ever fetched: ``url`` only helps the metadata.
    """
    import trafilatura

    aid = article_id or stable_id("html", markup)
    try:
        doc = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, include_links=False,
        )
    except (ValueError, TypeError, LookupError) as exc:
        return reject("MALFORMED", f"HTML could not be parsed: {exc}", origin, aid)
    if doc is None or not (doc.text or "").strip():
        return reject("EMPTY", "no main text found in the HTML", origin, aid)
    title = title or (doc.title or "").strip() or None
    text = with_title(title, _paragraphs(doc.text))
    return finish_article(
        text, article_id=aid, origin=origin, title=title,
        published=published or parse_date(doc.date) or fallback_published,
        url=url or doc.url, outlet=outlet or doc.sitename,
    )


def article_from_html_bytes(data: bytes, *, origin: str, article_id: str | None = None,
                            charset: str | None = None, published: dt.date | None = None,
                            fallback_published: dt.date | None = None, url: str | None = None,
                            outlet: str | None = None) -> Article | Rejection:
    """:func:`article_from_html` for undecoded bytes (``BINARY`` and
    ``ENCODING`` checks first)."""
    markup = decode_html(data, origin=origin, article_id=article_id, charset=charset)
    if isinstance(markup, Rejection):
        return markup
    return article_from_html(markup, origin=origin, article_id=article_id, published=published,
                             fallback_published=fallback_published, url=url, outlet=outlet)
