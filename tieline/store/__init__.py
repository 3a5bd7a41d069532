"""The event store: articles, coded events (mentions) and deduplicated
happenings (events) in one DuckDB file, with queries and exports.

>>> from tieline.store import EventStore, ingest_documents, events
>>> with EventStore("tieline.duckdb") as store:          # doctest: +SKIP
...     ingest_documents(store, pipeline.run(items))
...     events(store, between=("RUS", "CHN"), root="19")

Modules: :mod:`~tieline.store.database` (opening, locking, migrations),
:mod:`~tieline.store.writer` (ingest), :mod:`~tieline.store.dedup` (one event
per happening), :mod:`~tieline.store.queries`, :mod:`~tieline.store.export`,
:mod:`~tieline.store.api` (what the command line and the HTTP API ask:
pages of events with their total, the evidence of one event, the codebook,
actor look-up).  Reading, extracting and storing in one call is
:func:`tieline.ingest.into_store.ingest_paths` (the store never imports the
ingest or the pipeline).
"""
from __future__ import annotations

from tieline.store.database import DEFAULT_DB, ENV_DB, EventStore, default_db_path
from tieline.store.dedup import cluster_key, effective_date, recluster_all
from tieline.store.export import FORMATS, GDELT_COLUMNS, export, export_text, import_jsonl
from tieline.store.migrations import MIGRATIONS, Migration, applied_migrations
from tieline.store.queries import StoredEvent, StoredMention, article_mentions, count_events, \
    event_mentions, events, get_event
from tieline.store.writer import IngestStats, content_hash, delete_articles, ingest_documents

__all__ = [
    "DEFAULT_DB", "ENV_DB", "FORMATS", "GDELT_COLUMNS", "MIGRATIONS", "EventStore",
    "IngestStats", "Migration", "StoredEvent", "StoredMention",
    "applied_migrations", "article_mentions", "cluster_key", "content_hash", "count_events",
    "default_db_path", "delete_articles", "effective_date", "event_mentions", "events", "export",
    "export_text", "get_event", "import_jsonl", "ingest_documents",
    "recluster_all",
]
