"""Exporting the store: Parquet, CSV, JSON lines and the GDELT 2.0 event table.

``parquet`` and ``csv``
    one row per happening with the columns, and names, of a ``jsonl`` line
    (``StoredEvent``: ``event_id``, ``date``, ``mode``, ...), or one row per
    mention with ``table="mentions"``; internal bookkeeping (cluster key,
    anchor and effective dates) is not exported.
``jsonl``
    one happening per line with all its mentions (the evidence) nested under
    ``"mentions"``, each mention in the shape of ``Event.to_dict()`` plus its
    ids, article metadata and content hash.  :func:`import_jsonl` reads it
    back into an empty store, reproducing events and mentions exactly.
``gdelt``
    the GDELT 2.0 event table (61 columns) or, with ``table="mentions"``, its
    mentions table, tab-separated, in GDELT's conventions (FIPS place codes,
    CAMEO group codes, stable 63-bit ``GLOBALEVENTID``): see
    :mod:`tieline.store.gdelt`.

Every export keeps asserted events only unless ``modes`` says otherwise; the
mode is a column of every table.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from tieline.errors import InputError, StoreError
from tieline.model import Article, Event
from tieline.store.database import EventStore
from tieline.store.dedup import refresh_events
from tieline.store.gdelt import GDELT_COLUMNS, GDELT_MENTION_COLUMNS, export_gdelt
from tieline.store.queries import EVENT_COLUMNS, EVENT_FIELDS, MENTION_COLUMNS, event_filters, \
    event_select, global_event_id_sql, make_location, row_dicts, stored_event, stored_mention

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "jsonl", "gdelt")
__all__ = ["FORMATS", "GDELT_COLUMNS", "GDELT_MENTION_COLUMNS", "export", "export_text",
           "import_jsonl"]

@contextmanager
def _text_out(out: str | os.PathLike[str] | IO[str]) -> Iterator[IO[str]]:
    if isinstance(out, (str, os.PathLike)):
        if str(out) == "-":
            yield sys.stdout
            sys.stdout.flush()
            return
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield out


def _batches(cursor: Any, size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]:
    while True:
        rows = cursor.fetchmany(size)
        if not rows:
            return
        yield rows


def export(store: EventStore, out: str | os.PathLike[str] | IO[str], format: str, *,
           header: bool | None = None, table: str = "events", **filters: Any) -> int:
    """Write the store's events in ``format``; returns the number of rows.

    ``out`` is a path, ``"-"`` for standard output, or an open text stream
    (not for parquet).  ``filters`` are those of
    :func:`tieline.store.queries.events` (``actor``, ``between``, ``root``,
    ``mode``, ``since``, ``until``, ``text``) and select the events exported.
    ``header`` defaults to True for csv and False for gdelt.
    """
    if format not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}: {format!r}")
    if table not in ("events", "mentions"):
        raise InputError("table must be events or mentions")
    where, params = event_filters(**filters)
    con = store.con.cursor()
    try:
        if format == "parquet":
            return _export_parquet(con, out, table, where, params)
        if format == "csv":
            return _export_csv(con, out, table, where, params, True if header is None else header)
        if format == "gdelt":
            with _text_out(out) as handle:
                return export_gdelt(con, handle, where, params, header=bool(header),
                                    table=table)
        return _export_jsonl(con, out, where, params)
    finally:
        con.close()


#: The columns of a ``mentions`` export (csv, parquet): the stored mention as
#: :func:`~tieline.store.queries.stored_mention` reads it; bookkeeping
#: (cluster key, effective date and rank, ...) stays internal.
MENTION_EXPORT_COLUMNS: tuple[str, ...] = tuple(
    c.strip().strip('"') for c in MENTION_COLUMNS.split(","))


def _select(table: str, where: str) -> str:
    """The rows of a csv or parquet export.  Events carry the same columns,
    under the same names, as a ``jsonl`` line (``StoredEvent.to_dict()``)."""
    if table == "events":
        columns = [c.strip() for c in EVENT_COLUMNS.split(",")]
        named = ", ".join([*(f'{c} AS "{f}"' for c, f in zip(columns, EVENT_FIELDS)),
                           f'{global_event_id_sql()} AS "global_event_id"'])
        return f"SELECT {named} FROM events WHERE {where} ORDER BY event_id"
    named = ", ".join(f'"{c}"' for c in MENTION_EXPORT_COLUMNS)
    return (f"SELECT {named} FROM mentions WHERE event_id IN (SELECT event_id FROM events "
            f"WHERE {where}) ORDER BY mention_id")


def _export_parquet(con: Any, out: Any, table: str, where: str, params: dict[str, Any]) -> int:
    import pyarrow.parquet as pq

    if not isinstance(out, (str, os.PathLike)) or str(out) == "-":
        raise InputError("parquet export needs a file path (--output FILE)")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    reader = con.sql(_select(table, where), params=params).to_arrow_reader(50_000)
    n = 0
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            n += batch.num_rows
    return n


def _export_csv(con: Any, out: Any, table: str, where: str, params: dict[str, Any],
                header: bool) -> int:
    cursor = con.execute(_select(table, where), params)
    names = [d[0] for d in cursor.description]
    n = 0
    with _text_out(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if header:
            writer.writerow(names)
        for rows in _batches(cursor):
            writer.writerows(rows)
            n += len(rows)
    return n


def _export_jsonl(con: Any, out: Any, where: str, params: dict[str, Any]) -> int:
    mention_cols = [c.strip().strip('"') for c in MENTION_COLUMNS.split(",")]
    selected = ", ".join([event_select("e", "e."),
                          *(f'm."{c}" AS "m.{c}"' for c in mention_cols)])
    cursor = con.execute(f"""
        SELECT {selected}, m.added_at AS "m.added_at", a.content_hash AS "a.content_hash"
        FROM (SELECT * FROM events WHERE {where}) e
        JOIN mentions m ON m.event_id = e.event_id
        LEFT JOIN articles a ON a.article_id = m.article_id
        ORDER BY e.event_id, m.mention_id""", params)
    n = 0
    current: dict[str, Any] | None = None
    with _text_out(out) as handle:
        for rows in _batches(cursor):
            for full in row_dicts(cursor, rows):
                e_row = {k[2:]: v for k, v in full.items() if k.startswith("e.")}
                m_row = {k[2:]: v for k, v in full.items() if k.startswith("m.")}
                if current is None or current["event_id"] != e_row["event_id"]:
                    if current is not None:
                        handle.write(json.dumps(current, ensure_ascii=False) + "\n")
                        n += 1
                    current = {**stored_event(e_row).to_dict(), "mentions": []}
                mention = stored_mention(m_row)
                added_at = m_row["added_at"]
                item = mention.to_dict()
                item["confidence"] = mention.event.confidence  # full precision
                item["added_at"] = added_at.isoformat() if added_at else None
                item["content_hash"] = full["a.content_hash"]
                current["mentions"].append(item)
        if current is not None:
            handle.write(json.dumps(current, ensure_ascii=False) + "\n")
            n += 1
    return n


def _event_from_dict(d: dict[str, Any]) -> Event:
    from tieline.model import Actor

    def actor(a: dict[str, Any] | None) -> Actor | None:
        return Actor(**a) if a else None

    loc = d.get("location")
    return Event(
        article_id=d["article_id"], sentence=d["sentence"], sentence_index=d["sentence_index"],
        span=tuple(d["span"]), source=actor(d["source"]),  # type: ignore[arg-type]
        target=actor(d.get("target")), cameo=d["cameo"], root=d["root"],
        quad_class=d["quad_class"], goldstein=d["goldstein"], plover=d.get("plover"),
        mode=d["mode"], trigger=d.get("trigger") or "",
        date=dt.date.fromisoformat(d["date"]) if d.get("date") else None,
        date_precision=d.get("date_precision"), date_text=d.get("date_text"),
        location=make_location(**loc) if loc else None, attributed_to=d.get("attributed_to"),
        quote=d.get("quote"), confidence=d.get("confidence", 0.5),
        symmetric=bool(d.get("symmetric", False)),
        trigger_span=tuple(d["trigger_span"]) if d.get("trigger_span") else None,  # type: ignore[arg-type]
        inferred=bool(d.get("inferred", False)))


def import_jsonl(store: EventStore, source: str | os.PathLike[str] | IO[str], *,
                 chunk: int = 20_000) -> int:
    """Load a ``jsonl`` export into an empty store (ids kept); returns events loaded.

    Articles are restored from the mentions' metadata (id, URL, outlet,
    publication date, content hash), so re-ingesting the original articles
    afterwards is still idempotent.
    """
    from tieline.store.writer import _columns, _schemas, mention_row

    store.require_writable()
    con = store.con
    if any(store.counts()[t] for t in ("articles", "mentions", "events")):
        raise StoreError("import_jsonl loads into an empty store only")
    art_schema, men_schema, _ = _schemas()
    articles: dict[str, dict[str, Any]] = {}
    event_ids: list[int] = []
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        if rows:
            con.register("_tl_rows", _columns(rows, men_schema))
            try:
                con.execute("INSERT INTO mentions BY NAME SELECT * FROM _tl_rows")
            finally:
                con.unregister("_tl_rows")
            rows.clear()

    handle: IO[str]
    opened = isinstance(source, (str, os.PathLike))
    handle = open(source, encoding="utf-8") if opened else source  # type: ignore[arg-type]
    con.begin()
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                event_ids.append(int(record["event_id"]))
                for m in record["mentions"]:
                    published = dt.date.fromisoformat(m["published"]) if m.get("published") \
                        else None
                    event = _event_from_dict(m)
                    stub = Article(id=event.article_id, text="", url=m.get("url"),
                                   outlet=m.get("outlet"), published=published)
                    added = dt.datetime.fromisoformat(m["added_at"])
                    row = mention_row(event, stub, outlet=m.get("outlet"),
                                      mention_id=int(m["mention_id"]), added_at=added)
                    row["event_id"] = int(m["event_id"])
                    rows.append(row)
                    art = articles.setdefault(event.article_id, {
                        "article_id": event.article_id, "url": m.get("url"),
                        "outlet": m.get("outlet"), "published": published,
                        "content_hash": m.get("content_hash") or "", "n_chars": 0,
                        "n_events": 0, "ingested_at": added})
                    art["n_events"] += 1
                    art["ingested_at"] = min(art["ingested_at"], added)
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(f"line {number}: not a tieline jsonl export ({exc})") from exc
            if len(rows) >= chunk:
                flush()
        flush()
        if articles:
            con.register("_tl_rows", _columns(list(articles.values()), art_schema))
            try:
                con.execute("INSERT INTO articles BY NAME SELECT * FROM _tl_rows")
                con.execute("""INSERT INTO article_versions
                               SELECT article_id, url, content_hash, NULL, ingested_at
                               FROM _tl_rows""")
            finally:
                con.unregister("_tl_rows")
        for start in range(0, len(event_ids), chunk):
            refresh_events(con, event_ids[start:start + chunk])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        if opened:
            handle.close()
    logger.info("imported %d events", len(event_ids))
    return len(event_ids)


def export_text(store: EventStore, format: str, **kwargs: Any) -> str:
    """The export as a string (csv, jsonl, gdelt); handy in tests and notebooks."""
    buffer = io.StringIO()
    export(store, buffer, format, **kwargs)
    return buffer.getvalue()
