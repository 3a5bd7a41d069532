"""Parquet of articles: one article per row.

The columns are the JSON Lines fields (``id``, ``title``, ``text`` or
``html``, ``published`` as a string, date or timestamp, ``url``,
``outlet``); other columns are not read.  Rows are numbered from 1 across
the file (``path:row N``; an article without an id is ``stem-N``).
:func:`read_parquet` reads a range of row groups, so a large file can be
split across a cluster at row-group boundaries with the same ids and
origins as a whole read.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.ingest.common import reject
from tieline.ingest.jsonl import article_from_record
from tieline.model import Article, Rejection

FIELDS = ("id", "title", "text", "html", "published", "url", "outlet")


def row_group_sizes(path: Path) -> list[tuple[int, int]]:
    """``(rows, compressed bytes)`` of each row group; empty for a file that
    is not Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (pa.ArrowException, OSError):
        return []
    return [(meta.row_group(i).num_rows,
             sum(meta.row_group(i).column(c).total_compressed_size
                 for c in range(meta.row_group(i).num_columns)))
            for i in range(meta.num_row_groups)]


def _record(row: dict[str, Any]) -> dict[str, Any]:
    value = row.get("published")
    if isinstance(value, dt.datetime):
        row["published"] = value.date().isoformat()
    elif isinstance(value, dt.date):
        row["published"] = value.isoformat()
    if row.get("id") is not None and not isinstance(row["id"], str):
        row["id"] = str(row["id"])
    return row


def read_parquet(path: Path, *, source: str, stem: str, published: dt.date | None = None,
                 max_bytes: int = 10_000_000,
                 row_groups: tuple[int, int] | None = None) -> Iterator[Article | Rejection]:
    """Articles and rejections from the rows of a Parquet file (row groups
    ``[start, stop)`` of ``row_groups``, default all).  A file that is not
    Parquet, or has no ``text`` or ``html`` column, is one ``MALFORMED``
    rejection; a row over ``max_bytes`` of text is ``TOO_LARGE``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        yield reject("MALFORMED", f"not a Parquet file: {exc}", source, stem)
        return
    names = set(parquet.schema_arrow.names)
    if not names & {"text", "html"}:
        yield reject("MALFORMED", "no 'text' or 'html' column", source, stem)
        return
    columns = [c for c in FIELDS if c in names]
    start, stop = row_groups or (0, parquet.num_row_groups)
    row = sum(parquet.metadata.row_group(i).num_rows for i in range(start))
    for group in range(start, stop):
        try:
            table = parquet.read_row_group(group, columns=columns)
        except (pa.ArrowException, OSError) as exc:
            yield reject("MALFORMED", f"row group {group}: {exc}", source, f"{stem}-rg{group}")
            row += parquet.metadata.row_group(group).num_rows
            continue
        for values in table.to_pylist():
            row += 1
            origin = f"{source}:row {row}"
            size = sum(len(v) for v in (values.get("text"), values.get("html"))
                       if isinstance(v, str))
            if size > max_bytes:
                yield reject("TOO_LARGE", f"row {row}: {size} characters (limit {max_bytes})",
                             origin, f"{stem}-{row}")
                continue
            yield article_from_record(_record(values), lineno=row, stem=stem, origin=origin,
                                      published=published)
