"""Plain-text articles: UTF-8 files, standard input and Python strings."""
from __future__ import annotations

import datetime as dt
import logging

from tieline.ingest.common import (
    decode_text_bytes,
    detect_title,
    finish_article,
    stable_id,
)
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)


def article_from_string(text: str, *, article_id: str | None = None, title: str | None = None,
                        published: dt.date | None = None, url: str | None = None,
                        outlet: str | None = None, origin: str | None = None,
                        id_prefix: str = "text") -> Article | Rejection:
    """An article from an already decoded text, kept exactly as given.

    Without ``title``, the first line is taken as the title when it looks
    like one (it stays the first line of ``text``).  Without ``article_id``,
    the id is a hash of the text.
    """
    aid = article_id or stable_id(id_prefix, text)
    if title is None:
        title = detect_title(text)
    return finish_article(text, article_id=aid, origin=origin, title=title,
                          published=published, url=url, outlet=outlet)


def article_from_text_bytes(data: bytes, *, article_id: str | None, origin: str,
                            published: dt.date | None = None,
                            id_prefix: str = "text") -> Article | Rejection:
    """An article from the bytes of a UTF-8 text file (``BINARY`` and
    ``ENCODING`` checks first)."""
    text = decode_text_bytes(data, origin=origin, article_id=article_id)
    if isinstance(text, Rejection):
        return text
    return article_from_string(text, article_id=article_id, published=published,
                               origin=origin, id_prefix=id_prefix)
