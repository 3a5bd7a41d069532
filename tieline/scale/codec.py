"""Partition files: coded documents as Parquet, and back.

A partition file has one row per document, in input order: the article as
read and cleaned (id, title, text, date, URL, outlet, origin), its input hash
(sha256 of the article as read, the same value a local ingest stores), its
content hash, the rejection if any, and its events as JSON (every field of
:class:`~tieline.model.Event`, floats exact).  :func:`documents_from_table`
rebuilds the very :class:`~tieline.model.Document` objects a local run gives
(``extract --engine dask`` yields them).  The file also carries, per
document, its ``mentions`` rows as the store's writer computes them (and
``n_chars``, ``warnings``): the merge into the store
(:func:`tieline.store.bulk.ingest_prepared`) writes those columns as they
are, through the store's own writer.

:func:`event_table` is the flat, one-row-per-event form ``tieline extract
--engine dask --format parquet`` writes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tieline.model import Actor, Article, Document, Event, Location, Rejection

_DATE = "$date"


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"cannot encode {type(value).__name__}")


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and _DATE in obj:
        return dt.date.fromisoformat(obj[_DATE])
    return obj


def events_to_json(events: Sequence[Event]) -> str:
    """Every field of every event (nested actors and places included)."""
    return json.dumps([dataclasses.asdict(e) for e in events], default=_default,
                      ensure_ascii=False, allow_nan=True)


def _tuple_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if "tuple" in str(f.type))


_TUPLES = {cls: _tuple_fields(cls) for cls in (Event, Actor, Location)}


def _build(cls: type, data: dict[str, Any]) -> Any:
    """``cls(**data)`` with JSON lists turned back into the tuples the fields hold."""
    values = dict(data)
    for name in _TUPLES[cls]:
        if isinstance(values.get(name), list):
            values[name] = tuple(values[name])
    return cls(**values)


def event_from_dict(data: dict[str, Any]) -> Event:
    values = dict(data)
    for name in ("source", "target"):
        if values.get(name) is not None:
            values[name] = _build(Actor, values[name])
    if values.get("location") is not None:
        values["location"] = _build(Location, values["location"])
    return _build(Event, values)


def events_from_json(text: str | None) -> tuple[Event, ...]:
    if not text:
        return ()
    return tuple(event_from_dict(d) for d in json.loads(text, object_hook=_hook))


def _schema() -> Any:
    import pyarrow as pa

    s = pa.string()
    return pa.schema([
        ("seq", pa.int32()), ("article_id", s), ("title", s), ("text", s),
        ("published", pa.date32()), ("url", s), ("outlet", s), ("origin", s),
        ("removed", pa.list_(s)), ("input_hash", s), ("content_hash", s),
        ("reject_reason", s), ("reject_detail", s), ("reject_origin", s),
        ("reject_article_id", s), ("n_events", pa.int32()), ("events", s)])


def documents_table(documents: Sequence[Document], input_hashes: Sequence[str | None]) -> Any:
    """One partition's documents as an Arrow table; ``input_hashes`` holds, for
    each document, the hash of the article as read (None for a rejected input)."""
    import pyarrow as pa

    from tieline.store.writer import content_hash

    rows: dict[str, list[Any]] = {name: [] for name in _schema().names}
    for seq, (doc, in_hash) in enumerate(zip(documents, input_hashes, strict=True)):
        art, rej = doc.article, doc.rejection
        values = {
            "seq": seq, "article_id": art.id, "title": art.title, "text": art.text,
            "published": art.published, "url": art.url, "outlet": art.outlet,
            "origin": art.origin, "removed": list(art.removed),
            "input_hash": in_hash,
            "content_hash": content_hash(art) if rej is None else None,
            "reject_reason": rej.reason if rej else None,
            "reject_detail": rej.detail if rej else None,
            "reject_origin": rej.origin if rej else None,
            "reject_article_id": rej.article_id if rej else None,
            "n_events": len(doc.events),
            "events": events_to_json(doc.events) if doc.events else None}
        for name, value in values.items():
            rows[name].append(value)
    schema = _schema()
    table = pa.table({n: pa.array(rows[n], schema.field(n).type) for n in schema.names},
                     schema=schema)
    return with_prepared_columns(table, documents)


def with_prepared_columns(table: Any, documents: Sequence[Document] | None = None) -> Any:
    """``table`` with the columns the store's bulk writer reads
    (:mod:`tieline.store.bulk`: each article's mention rows, computed here,
    on the worker, so the driver's merge does no per-event work); a partition
    file written before they existed gets them from its events."""
    from tieline.store.bulk import prepared_columns

    missing = [n for n in ("n_chars", "mentions", "warnings") if n not in table.column_names]
    if not missing:
        return table
    if documents is None:
        documents = [doc for doc, _ in documents_from_table(table)]
    columns = prepared_columns(documents)
    for name in missing:
        table = table.append_column(name, columns[name])
    return table


def documents_from_table(table: Any) -> Iterator[tuple[Document, str | None]]:
    """The documents of a partition table, each with its input hash."""
    names = [n for n in _schema().names if n in table.column_names]
    for row in table.select(names).to_pylist():  # not the mention rows: the store's
        article = Article(id=row["article_id"], text=row["text"] or "", title=row["title"],
                          published=row["published"], url=row["url"], outlet=row["outlet"],
                          origin=row["origin"], removed=tuple(row["removed"] or ()))
        rejection = None
        if row["reject_reason"] is not None:
            rejection = Rejection(row["reject_reason"], row["reject_detail"] or "",
                                  row["reject_origin"], row["reject_article_id"])
        yield (Document(article=article, events=events_from_json(row["events"]),
                        rejection=rejection), row["input_hash"])


# -- flat events (extract --format parquet) ------------------------------------------------

def _event_schema() -> Any:
    import pyarrow as pa

    s, i32, f64 = pa.string(), pa.int32(), pa.float64()
    actor = [(f"{p}_{c}", s) for p in ("source", "target")
             for c in ("text", "name", "country", "org", "role", "code")]
    return pa.schema([
        ("article_id", s), ("sentence_index", i32), ("span_start", i32), ("span_end", i32),
        *actor, ("cameo", s), ("root", s), ("quad_class", pa.int8()), ("goldstein", f64),
        ("plover", s), ("mode", s), ("trigger", s), ("date", pa.date32()),
        ("date_precision", s), ("date_text", s), ("location_name", s),
        ("location_country", s), ("location_lat", f64), ("location_lon", f64),
        ("attributed_to", s), ("quote", s), ("confidence", f64), ("symmetric", pa.bool_()),
        ("trigger_start", i32), ("trigger_end", i32), ("inferred", pa.bool_()),
        ("sentence", s)])


def event_row(e: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "article_id": e.article_id, "sentence_index": e.sentence_index,
        "span_start": e.span[0], "span_end": e.span[1], "cameo": e.cameo, "root": e.root,
        "quad_class": e.quad_class, "goldstein": float(e.goldstein), "plover": e.plover,
        "mode": e.mode, "trigger": e.trigger, "date": e.date,
        "date_precision": e.date_precision, "date_text": e.date_text,
        "location_name": e.location.name if e.location else None,
        "location_country": e.location.country if e.location else None,
        "location_lat": e.location.lat if e.location else None,
        "location_lon": e.location.lon if e.location else None,
        "attributed_to": e.attributed_to, "quote": e.quote,
        "confidence": float(e.confidence), "symmetric": e.symmetric,
        "trigger_start": e.trigger_span[0] if e.trigger_span else None,
        "trigger_end": e.trigger_span[1] if e.trigger_span else None,
        "inferred": e.inferred, "sentence": e.sentence}
    for prefix, actor in (("source", e.source), ("target", e.target)):
        for column in ("text", "name", "country", "org", "role", "code"):
            row[f"{prefix}_{column}"] = getattr(actor, column) if actor is not None else None
    return row


def event_table(events: Iterable[Event]) -> Any:
    import pyarrow as pa

    schema = _event_schema()
    rows = [event_row(e) for e in events]
    return pa.table({n: pa.array([r[n] for r in rows], schema.field(n).type)
                     for n in schema.names}, schema=schema)


class EventParquetWriter:
    """Streams events into one Parquet file (a row group per :meth:`write` call).

    The file is written under a temporary name beside ``path`` and renamed
    into place by :meth:`close`, so a reader never sees half a file;
    :meth:`abort` drops it."""

    def __init__(self, path: str) -> None:
        import os
        import uuid

        import pyarrow.parquet as pq

        self.path = path
        self._tmp = os.path.join(os.path.dirname(os.path.abspath(path)),
                                 f".{os.path.basename(path)}.tmp-{uuid.uuid4().hex}")
        self._writer: Any = pq.ParquetWriter(self._tmp, _event_schema())

    def write(self, events: Sequence[Event]) -> None:
        if events:
            self._writer.write_table(event_table(events))

    def close(self) -> None:
        import os

        if self._writer is not None:
            self._writer.close()
            self._writer = None
            os.replace(self._tmp, self.path)

    def abort(self) -> None:
        import os

        if self._writer is not None:
            self._writer.close()
            self._writer = None
            os.unlink(self._tmp)
