"""End-to-end ingest: read inputs, skip what is stored, extract, store.

This lives beside the readers, not in the store: the store never imports
the ingest or the pipeline (layers point one way).

:func:`ingest_paths` is what ``tieline ingest`` calls.  Before extraction it
drops articles whose id and input hash (sha256 of the article as read) are
already in the store or among its rejections, so a resumed or repeated
ingest does not pay for extraction twice; :func:`ingest_documents` then
applies the full identity rules on the extracted articles.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from tieline.model import Article, Rejection
from tieline.store.database import EventStore
from tieline.store.writer import IngestStats, content_hash, ingest_documents, stored_input_hashes

logger = logging.getLogger(__name__)


class KnownInputFilter:
    """Drops raw articles already stored (same id and input hash).

    Records the input hash of every article it lets through in ``hashes``
    (article id -> hash) for the writer to store.  Queries go through a
    cursor of their own, so the filter may run in the pipeline's feeder thread.
    """

    def __init__(self, store: EventStore, *, chunk: int = 64) -> None:
        self.store = store
        self.chunk = chunk
        self.hashes: dict[str, str] = {}
        self.skipped = 0

    def __call__(self, items: Iterable[Article | Rejection]) -> Iterator[Article | Rejection]:
        cursor = None
        buffer: list[Article | Rejection] = []
        try:
            for item in items:
                buffer.append(item)
                if len(buffer) >= self.chunk:
                    cursor = cursor or self.store.con.cursor()
                    yield from self._drain(cursor, buffer)
                    buffer = []
            if buffer:
                cursor = cursor or self.store.con.cursor()
                yield from self._drain(cursor, buffer)
        finally:
            if cursor is not None:
                cursor.close()

    def _drain(self, cursor: Any,
               buffer: list[Article | Rejection]) -> Iterator[Article | Rejection]:
        hashed = {id(item): content_hash(item) for item in buffer if isinstance(item, Article)}
        pairs = [(item.id, hashed[id(item)]) for item in buffer if isinstance(item, Article)]
        known = stored_input_hashes(cursor, pairs)
        for item in buffer:
            if isinstance(item, Article):
                pair = (item.id, hashed[id(item)])
                if pair in known:
                    self.skipped += 1
                    continue
                self.hashes[item.id] = pair[1]
            yield item


def ingest_paths(store: EventStore, paths: Sequence[str | os.PathLike[str]], *,
                 pipeline: Any = None, config: Any = None, n_process: int | None = None,
                 published: dt.date | None = None, batch_size: int = 200,
                 pipeline_batch_size: int | None = None, skip_known: bool = True,
                 progress: Callable[[IngestStats], None] | None = None,
                 on_rejection: Callable[[Rejection], None] | None = None) -> IngestStats:
    """Read ``paths`` (files, directories, feeds, WARC, ``-`` for stdin), run the
    extraction pipeline (``pipeline``, else one built from ``config``) and
    store the result.  Returns what was done; articles skipped before
    extraction count in ``skipped`` and ``seen``."""
    from tieline.api import load_pipeline
    from tieline.ingest.readers import read_paths

    store.require_writable()
    if pipeline is None:
        pipeline = load_pipeline(config)
    read_options: dict[str, Any] = {"published": published}
    max_bytes = getattr(getattr(pipeline, "config", None), "max_bytes", None)
    if max_bytes:
        read_options["max_bytes"] = max_bytes
    items: Iterable[Article | Rejection] = read_paths([str(p) for p in paths], **read_options)
    known = KnownInputFilter(store) if skip_known else None
    if known is not None:
        items = known(items)
    documents = pipeline.run(items, n_process=n_process, batch_size=pipeline_batch_size)

    def adjust(stats: IngestStats) -> IngestStats:
        extra = known.skipped if known is not None else 0
        return replace(stats, skipped=stats.skipped + extra, seen=stats.seen + extra)

    report = (lambda stats: progress(adjust(stats))) if progress is not None else None
    stats = ingest_documents(store, documents, batch_size=batch_size, progress=report,
                             on_rejection=on_rejection,
                             input_hashes=known.hashes if known is not None else None)
    return adjust(stats)
