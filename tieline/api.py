"""The Python API: code events from a string, an article, or files."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tieline.config import Config
from tieline.errors import InputError
from tieline.model import Article, Document, Event, Rejection

if TYPE_CHECKING:
    from tieline.pipeline import Pipeline

#: configurations whose loaded pipeline is kept (the model and lexicon load once per process)
PIPELINE_CACHE_SIZE = 4


def _published(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def make_article(text: str, *, published: str | dt.date | None = None, title: str | None = None,
                 article_id: str | None = None, url: str | None = None, outlet: str | None = None) -> Article:
    """An :class:`Article` from a string (the first line is the title when it looks like one).

    Raises :class:`~tieline.errors.InputError` with the rejection's reason for
    text that cannot be coded (empty, binary, not English)."""
    from tieline.ingest.readers import read_text

    item = read_text(text, article_id=article_id, title=title, published=_published(published),
                     url=url, outlet=outlet)
    if isinstance(item, Rejection):
        raise InputError(f"{item.reason}: {item.detail}")
    return item


def load_pipeline(config: Config | None = None) -> "Pipeline":
    """The pipeline for ``config`` (default settings when None), loaded once per
    process and configuration and reused by :func:`extract`, :func:`extract_article`
    and :func:`extract_paths`.  ``load_pipeline.cache_clear()`` drops the loaded ones."""
    config = config or Config()
    try:
        return _cached_pipeline(config)
    except TypeError:  # an unhashable setting (a list where a tuple belongs): load, do not keep
        from tieline.pipeline import Pipeline

        return Pipeline.from_config(config)


@functools.lru_cache(maxsize=PIPELINE_CACHE_SIZE)
def _cached_pipeline(config: Config) -> "Pipeline":
    from tieline.pipeline import Pipeline

    return Pipeline.from_config(config)


load_pipeline.cache_clear = _cached_pipeline.cache_clear  # type: ignore[attr-defined]


def extract_article(article: Article, *, config: Config | None = None, pipeline: "object | None" = None) -> Document:
    """Run the whole pipeline over one article; the result carries events or a rejection."""
    from tieline.pipeline import Pipeline

    pipe = pipeline if isinstance(pipeline, Pipeline) else load_pipeline(config)
    return pipe(article)


def extract(text: str, published: str | dt.date | None = None, *, title: str | None = None,
            article_id: str | None = None, config: Config | None = None) -> list[Event]:
    """The events a news text states, as :class:`Event` objects."""
    document = extract_article(make_article(text, published=published, title=title, article_id=article_id),
                               config=config)
    return list(document.events)


def extract_paths(paths: Iterable[str | Path], *, published: str | dt.date | None = None,
                  config: Config | None = None, n_process: int | None = None) -> Iterator[Document]:
    """Read files (text, HTML, JSON Lines, feeds, WARC, directories) and code them, in order."""
    from tieline.ingest.readers import read_paths

    config = config or Config()
    items: Iterator[Article | Rejection] = read_paths(list(paths), published=_published(published),
                                                      max_bytes=config.max_bytes)
    yield from load_pipeline(config).run(items, n_process=n_process)
