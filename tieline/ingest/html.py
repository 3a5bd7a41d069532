"""HTML pages: the main text and metadata come from trafilatura (no network)."""
from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from typing import Any

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
#: libxml2 drops what is nested deeper than this unless asked for a "huge" tree
_PARSER_DEPTH = 255
#: pages with elements nested deeper are rejected ``MALFORMED`` (real pages nest a few dozen
#: levels; extracting from much deeper trees gets slow fast)
MAX_HTML_DEPTH = 500


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
    aid = article_id or stable_id("html", markup)
    try:
        doc: Any = _extract(markup, url)
    except (ValueError, TypeError, LookupError) as exc:
        return reject("MALFORMED", f"HTML could not be parsed: {exc}", origin, aid)
    if doc is None or not (doc.text or "").strip():
        deep = _deep_extraction(markup, url=url, origin=origin, article_id=aid)
        if deep is None:
            return reject("EMPTY", "no main text found in the HTML", origin, aid)
        if isinstance(deep, Rejection):
            return deep
        doc = deep
    title = title or (doc.title or "").strip() or None
    text = with_title(title, _paragraphs(doc.text))
    return finish_article(
        text, article_id=aid, origin=origin, title=title,
        published=published or parse_date(doc.date) or fallback_published,
        url=url or doc.url, outlet=outlet or doc.sitename,
    )


def _extract(tree_or_markup: object, url: str | None) -> object:
    import trafilatura

    # the page's own date from its markup (meta tags, <time>, JSON-LD, the URL), the original not the
    # update; no "extensive" guess, which reads a copyright line "© 2024" as 1 January 2024 and would
    # shift every relative date of the story
    return trafilatura.bare_extraction(
        tree_or_markup, url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False, include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def nesting_depth(tree: object) -> int:
    """How many levels of elements the deepest one sits under the root."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _deep_extraction(markup: str, *, url: str | None, origin: str,
                     article_id: str) -> object | Rejection | None:
    """The main text of a page nested deeper than the HTML parser reads by
    default (its text was cut off), or a ``MALFORMED`` rejection when it is
    nested deeper than :data:`MAX_HTML_DEPTH`; None when depth was not the problem."""
    import lxml.html

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (ValueError, TypeError, LookupError, lxml.etree.ParserError):
        return None
    depth = nesting_depth(tree)
    if depth < _PARSER_DEPTH - 1:
        return None
    if depth > MAX_HTML_DEPTH:
        return reject("MALFORMED", f"HTML nested too deeply: elements more than {MAX_HTML_DEPTH} "
                      "levels deep", origin, article_id)
    try:
        doc = _extract(tree, url)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        return reject("MALFORMED", f"HTML could not be parsed: {exc}", origin, article_id)
    return doc if doc is not None and (getattr(doc, "text", "") or "").strip() else None


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
