"""Bulk writing of prepared article tables: the merge of Dask partitions.

A *prepared table* has one row per input document, in input order, with the
article's fields and, computed where the document was coded (a Dask worker),
its mention rows: :func:`prepared_columns` turns documents into its columns.
:func:`ingest_prepared` writes such tables through the store's own writer
(:class:`tieline.store.writer._Writer`): the same batches (``batch_size``
documents each, cut across table boundaries), the same identity rules, the
same mention values and one-event-per-happening clustering as
:func:`tieline.store.ingest_documents` of the same documents, so the store is
the same.  What it saves is the per-event Python of the driver: events are
not decoded back into :class:`~tieline.model.Event` objects, their mention
rows arrive as Arrow columns and go into DuckDB as they are.

Columns of a prepared table: ``article_id``, ``title``, ``published``,
``url``, ``outlet``, ``origin``, ``input_hash``, ``content_hash``,
``reject_reason``, ``reject_detail``, ``reject_origin``,
``reject_article_id``, ``n_events``, ``n_chars``, ``mentions`` (a list of
structs of :func:`~tieline.store.rows.mention_row_schema`) and
``warnings`` (the date warnings the mention rows gave, logged when the
article is stored, as a local ingest logs them).
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from tieline.model import Document, Rejection
from tieline.store.database import EventStore
from tieline.store.rows import _utcnow, mention_row, mention_row_schema, outlet_of, \
    outlet_or_host, rejection_row
from tieline.store.writer import IngestStats, _Incoming, _Writer

logger = logging.getLogger(__name__)

PREPARED_COLUMNS = ("article_id", "title", "published", "url", "outlet", "origin", "input_hash",
                    "content_hash", "reject_reason", "reject_detail", "reject_origin",
                    "reject_article_id", "n_events", "n_chars", "mentions", "warnings")
_ARTICLE_COLUMNS = PREPARED_COLUMNS[:-2]
#: the article's cleaned text, stored with it, read when a table has it
TEXT_COLUMN = "text"


def merged_columns(names: Iterable[str]) -> list[str]:
    """The columns of a table with ``names`` that the merge reads: the prepared
    columns and the text, if the table has it."""
    return [*PREPARED_COLUMNS, *([TEXT_COLUMN] if TEXT_COLUMN in set(names) else [])]
# DuckDB's write-ahead log grows this far before a checkpoint during a merge
# (the default, 16 MiB, checkpoints every few batches: 25 of the 50 s a merge of
# 1M events took; 256 MiB: 7 s, for 100 MB more memory)
CHECKPOINT_THRESHOLD = "256MiB"


def prepared_types() -> dict[str, Any]:
    """The Arrow types of the columns :func:`prepared_columns` adds."""
    import pyarrow as pa

    return {"n_chars": pa.int32(), "mentions": pa.list_(pa.struct(list(mention_row_schema()))),
            "warnings": pa.list_(pa.string())}


def prepared_columns(documents: Sequence[Document]) -> dict[str, Any]:
    """``n_chars``, ``mentions`` and ``warnings`` of each document, as Arrow
    arrays (empty lists for a rejected one)."""
    import pyarrow as pa

    names = mention_row_schema().names
    mentions: list[list[dict[str, Any]]] = []
    warnings: list[list[str]] = []
    for doc in documents:
        rows: list[dict[str, Any]] = []
        messages: list[str] = []
        if doc.rejection is None:
            outlet = outlet_of(doc.article)
            for event in doc.events:
                row = mention_row(event, doc.article, outlet=outlet, mention_id=0, added_at=None,
                                  warnings=messages)
                rows.append({n: row.get(n) for n in names})
        mentions.append(rows)
        warnings.append(messages)
    types = prepared_types()
    return {"n_chars": pa.array([len(d.article.text) for d in documents], types["n_chars"]),
            "mentions": pa.array(mentions, types["mentions"]),
            "warnings": pa.array(warnings, types["warnings"])}


class _Batches:
    """Cuts a stream of tables into tables of exactly ``size`` rows (the last one shorter)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.parts: list[Any] = []
        self.rows = 0

    def add(self, table: Any) -> Iterable[Any]:
        self.parts.append(table)
        self.rows += table.num_rows
        while self.rows >= self.size:
            yield self._take(self.size)

    def rest(self) -> Iterable[Any]:
        if self.rows:
            yield self._take(self.rows)

    def _take(self, n: int) -> Any:
        import pyarrow as pa

        whole = pa.concat_tables(self.parts) if len(self.parts) > 1 else self.parts[0]
        batch, rest = whole.slice(0, n), whole.slice(n)
        self.parts, self.rows = ([rest] if rest.num_rows else []), rest.num_rows
        return batch


def _write_batch(writer: _Writer, table: Any, hashes: dict[str, str],
                 on_rejection: Callable[[Rejection], None] | None) -> IngestStats:
    import pyarrow as pa
    import pyarrow.compute as pc

    cols = {name: table.column(name).to_pylist() for name in _ARTICLE_COLUMNS}
    ids = cols["article_id"]
    # the cleaned text, as the partition files carry it (stored with the article)
    texts = table.column(TEXT_COLUMN).to_pylist() if TEXT_COLUMN in table.column_names \
        else [None] * len(ids)
    # the input hashes as a local ingest pairs them: by article id, the batch read first
    for article_id, in_hash in zip(ids, cols["input_hash"]):
        if in_hash is not None:
            hashes[article_id] = in_hash
    now = _utcnow()
    incoming: list[_Incoming] = []
    rejections: list[dict[str, Any]] = []
    for i, article_id in enumerate(ids):
        in_hash = hashes.pop(article_id, None)
        if cols["reject_reason"][i] is not None:
            rej = Rejection(cols["reject_reason"][i], cols["reject_detail"][i] or "",
                            cols["reject_origin"][i], cols["reject_article_id"][i])
            rejections.append(rejection_row(rej, article_id, cols["origin"][i], in_hash, now))
            if on_rejection is not None:
                on_rejection(rej)
            continue
        incoming.append(_Incoming(
            article_id, cols["url"][i], cols["title"][i], cols["published"][i],
            cols["origin"][i], cols["n_chars"][i], cols["n_events"][i],
            cols["content_hash"][i], in_hash, outlet_or_host(cols["outlet"][i], cols["url"][i]),
            i, texts[i]))

    def mentions_of(kept: list[_Incoming], _now: dt.datetime) -> Any:
        rows = pa.array([item.ref for item in kept], pa.int64())
        for messages in pc.take(table.column("warnings"), rows).to_pylist():
            for message in messages or ():
                logger.warning("%s", message)
        lists = pc.take(table.column("mentions"), rows).combine_chunks()
        flat = pc.list_flatten(lists)
        return pa.Table.from_struct_array(flat).cast(writer.row_schema)

    return writer.commit(incoming, rejections, now, mentions_of)


def ingest_prepared(store: EventStore, tables: Iterable[Any], *, batch_size: int = 200,
                    progress: Callable[[IngestStats], None] | None = None,
                    on_rejection: Callable[[Rejection], None] | None = None) -> IngestStats:
    """Store prepared tables (see the module docs), in order, ``batch_size``
    documents per transaction; ``progress`` is called with the running totals
    after every transaction.  Returns what was done, as
    :func:`~tieline.store.ingest_documents` does."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    writer = _Writer(store)
    start = time.perf_counter()
    totals = IngestStats()
    hashes: dict[str, str] = {}
    batches = _Batches(batch_size)

    def write(batch: Any) -> None:
        nonlocal totals
        n_rejected = batch.num_rows - batch.column("reject_reason").null_count
        done = _write_batch(writer, batch, hashes, on_rejection)
        totals = totals + replace(done, seen=batch.num_rows, rejections=n_rejected)
        if progress is not None:
            progress(replace(totals, seconds=time.perf_counter() - start))

    con = store.con
    threshold = con.execute("SELECT current_setting('checkpoint_threshold')").fetchall()[0][0]
    # checkpoint less often than every 16 MiB of log: a checkpoint rewrites the
    # tables' changed row groups, and a merge changes some in every batch
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    try:
        for table in tables:
            for batch in batches.add(table.select(merged_columns(table.column_names))):
                write(batch)
        for batch in batches.rest():
            write(batch)
    finally:
        con.execute("SET checkpoint_threshold = ?", [threshold])
    totals = replace(totals, seconds=time.perf_counter() - start)
    if progress is not None:
        progress(totals)
    return totals
