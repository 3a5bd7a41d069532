"""Writing pipeline output into the event store.

:func:`ingest_documents` consumes :class:`~tieline.model.Document` objects in
batches; each batch is one transaction (all or nothing), so an interrupted
ingest loses at most the batch in flight and a rerun skips what is stored.

Article identity and idempotence
--------------------------------
The content hash is sha256 over the NFC-normalised, whitespace-collapsed
title and text.  For each incoming article, in order:

1. a stored article with the same id: same hash -> skipped; else replaced;
2. else a stored article with the same URL: same hash -> skipped; else replaced;
3. else a stored article with the same hash from the same outlet (both
   unknown counts as the same) -> skipped, it is a copy;
4. else it is new.

A version that was stored once and has since been replaced (same id or URL,
same hash: ``article_versions``) is a replay and skipped, so re-reading an
input that holds two versions of one article changes nothing.  Documents are
decided in input order, within a batch as across batches.

Replacing an article deletes its mentions and re-clusters the events they
belonged to (:mod:`tieline.store.dedup`).  Identical wire copy published by
two different outlets is kept twice: it counts as two sources.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any

from tieline.errors import StoreError
from tieline.model import Document, Rejection
from tieline.store.database import EventStore
from tieline.store.dedup import PendingMention, assign_events, refresh_events, sane_date
from tieline.store.rows import MENTION_IDS, _columns, _schemas, _utcnow, _version_schema, \
    content_hash, mention_row, mention_row_schema, normalise, outlet_of, outlet_or_host, \
    rejection_row

__all__ = ["MENTION_IDS", "IngestStats", "content_hash", "delete_articles", "ingest_documents",
           "mention_row", "mention_row_schema", "normalise", "outlet_of", "outlet_or_host",
           "rejection_row", "stored_input_hashes", "_columns", "_schemas", "_utcnow",
           "_version_schema"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestStats:
    """What an ingest did.  ``articles`` counts articles stored (new or
    replaced), ``replaced`` those that replaced an older version, ``skipped``
    those already stored, ``events`` the happenings created, ``mentions`` the
    coded events written, ``rejections`` the rejected inputs, ``seen`` every
    document consumed, ``batches`` the transactions committed."""

    articles: int = 0
    replaced: int = 0
    skipped: int = 0
    events: int = 0
    mentions: int = 0
    rejections: int = 0
    seen: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Documents consumed per second."""
        return self.seen / self.seconds if self.seconds > 0 else 0.0

    def __add__(self, other: IngestStats) -> IngestStats:
        return IngestStats(*(getattr(self, f) + getattr(other, f) for f in (
            "articles", "replaced", "skipped", "events", "mentions", "rejections", "seen",
            "batches", "seconds")))


# -- batch planning ----------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class _Incoming:
    """An article arriving in a batch: what the identity rules and the
    ``articles`` row need; ``ref`` is where its mention rows come from (its
    :class:`Document`, or its row in a prepared table: :mod:`tieline.store.bulk`)."""

    article_id: str
    url: str | None
    title: str | None
    published: dt.date | None
    origin: str | None
    n_chars: int
    n_events: int
    hash: str
    input_hash: str | None
    outlet: str | None
    ref: Any
    text: str | None = None  # the cleaned text the events' spans point into


def _incoming(doc: Document, digest: str, input_hash: str | None) -> _Incoming:
    art = doc.article
    return _Incoming(art.id, art.url, art.title, art.published, art.origin, len(art.text),
                     len(doc.events), digest, input_hash, outlet_of(art), doc, art.text)


@dataclass
class _Plan:
    new: list[_Incoming] = field(default_factory=list)
    remove: set[str] = field(default_factory=set)  # stored article ids to delete first
    versions: list[_Incoming] = field(default_factory=list)  # every version accepted
    replaced: int = 0
    skipped: int = 0


@dataclass
class _Current:
    article_id: str
    url: str | None
    hash: str
    item: _Incoming | None  # None: the stored version


def _plan(con: Any, incoming: list[_Incoming]) -> _Plan:
    """Decide, in input order, which documents are new, replace, or are skipped.

    An article version (id or URL, content hash) that was ever stored and
    since replaced is a replay, not a change: it is skipped, so re-reading an
    input that holds two versions of one article changes nothing.
    """
    import pyarrow as pa

    plan = _Plan()
    if not incoming:
        return plan
    keys = pa.table({
        "article_id": pa.array([i.article_id for i in incoming], pa.string()),
        "url": pa.array([i.url for i in incoming], pa.string()),
        "content_hash": pa.array([i.hash for i in incoming], pa.string())})
    con.register("_tl_keys", keys)
    try:
        stored = con.execute("""
            SELECT article_id, url, content_hash, outlet FROM articles
            WHERE article_id IN (SELECT article_id FROM _tl_keys)
               OR url IN (SELECT url FROM _tl_keys WHERE url IS NOT NULL)
               OR content_hash IN (SELECT content_hash FROM _tl_keys)""").fetchall()
        seen = con.execute("""
            SELECT article_id, url, content_hash FROM article_versions
            WHERE article_id IN (SELECT article_id FROM _tl_keys)
               OR url IN (SELECT url FROM _tl_keys WHERE url IS NOT NULL)""").fetchall()
    finally:
        con.unregister("_tl_keys")
    by_id: dict[str, _Current] = {}
    by_url: dict[str, _Current] = {}
    for article_id, url, digest, _ in stored:
        current = _Current(article_id, url, digest, None)
        by_id[article_id] = current
        if url:
            by_url[url] = current
    history = {("id", a, h) for a, _, h in seen} | {("url", u, h) for _, u, h in seen if u}
    copies = {(digest, outlet) for _, _, digest, outlet in stored}
    for item in incoming:
        art_id, art_url = item.article_id, item.url
        currents = [c for c in (by_id.get(art_id), by_url.get(art_url) if art_url else None)
                    if c is not None]
        if (any(c.hash == item.hash for c in currents)
                or ("id", art_id, item.hash) in history
                or (art_url and ("url", art_url, item.hash) in history)
                or (not currents and (item.hash, item.outlet) in copies)):
            plan.skipped += 1
            continue
        for current in {id(c): c for c in currents}.values():
            if current.item is None:
                plan.remove.add(current.article_id)
                plan.replaced += 1
            else:  # an earlier version in this batch: superseded before it was stored
                plan.new.remove(current.item)
                plan.skipped += 1
            if by_id.get(current.article_id) is current:
                del by_id[current.article_id]
            if current.url and by_url.get(current.url) is current:
                del by_url[current.url]
        current = _Current(art_id, art_url, item.hash, item)
        by_id[art_id] = current
        if art_url:
            by_url[art_url] = current
            history.add(("url", art_url, item.hash))
        history.add(("id", art_id, item.hash))
        copies.add((item.hash, item.outlet))
        plan.new.append(item)
        plan.versions.append(item)
    return plan


# -- the writer --------------------------------------------------------------------------

class _Writer:
    """Per-ingest state: id counters and the schemas (one writer per store)."""

    def __init__(self, store: EventStore) -> None:
        store.require_writable()
        self.con = store.con
        self.schemas = _schemas()
        self.row_schema = mention_row_schema()
        self.version_schema = _version_schema()
        self.next_mention = int(self.con.execute(
            "SELECT coalesce(max(mention_id), 0) + 1 FROM mentions").fetchall()[0][0])
        self.next_event = int(self.con.execute(
            "SELECT coalesce(max(event_id), 0) + 1 FROM events").fetchall()[0][0])

    def write(self, docs: list[Document], input_hashes: MutableMapping[str, str] | None,
              on_rejection: Callable[[Rejection], None] | None) -> IngestStats:
        incoming: list[_Incoming] = []
        rejections: list[dict[str, Any]] = []
        now = _utcnow()
        for doc in docs:
            in_hash = input_hashes.pop(doc.article.id, None) if input_hashes is not None else None
            if doc.rejection is not None:
                rejections.append(rejection_row(doc.rejection, doc.article.id, doc.article.origin,
                                                in_hash, now))
                if on_rejection is not None:
                    on_rejection(doc.rejection)
                continue
            incoming.append(_incoming(doc, content_hash(doc.article), in_hash))
        return self.commit(incoming, rejections, now, self._document_mentions)

    def _document_mentions(self, items: list[_Incoming], now: dt.datetime) -> Any:
        """The mention rows (without ids) of the documents ``items`` refer to."""
        rows = []
        for item in items:
            doc: Document = item.ref
            for event in doc.events:
                rows.append(mention_row(event, doc.article, outlet=item.outlet, mention_id=0,
                                        added_at=now))
        return _columns(rows, self.row_schema)

    def commit(self, incoming: list[_Incoming], rejections: list[dict[str, Any]],
               now: dt.datetime, mentions_of: Callable[[list[_Incoming], dt.datetime], Any]
               ) -> IngestStats:
        """Write one batch in one transaction: ``incoming`` articles in input
        order, ``mentions_of(kept, now)`` giving the mention rows (an Arrow
        table of :attr:`row_schema`) of the articles kept, in their order."""
        con = self.con
        con.begin()
        try:
            stats = self._write(incoming, rejections, now, mentions_of)
            con.commit()
        except BaseException as exc:
            con.rollback()
            if isinstance(exc, Exception) and not isinstance(exc, StoreError):
                import duckdb

                if isinstance(exc, duckdb.Error):
                    raise StoreError(f"writing a batch failed: {exc}") from exc
            raise
        return stats

    def _write(self, incoming: list[_Incoming], rejections: list[dict[str, Any]],
               now: dt.datetime, mentions_of: Callable[[list[_Incoming], dt.datetime], Any]
               ) -> IngestStats:
        import pyarrow as pa

        con = self.con
        art_schema, _, rej_schema = self.schemas
        plan = _plan(con, incoming)
        pending: list[PendingMention] = []
        freed: list[int] = []
        if plan.remove:
            pending_old, freed = self._remove_articles(plan.remove)
            pending.extend(pending_old)
        article_rows = [{
            "article_id": item.article_id, "url": item.url, "outlet": item.outlet,
            "title": item.title,
            "published": sane_date(item.published, f"article {item.article_id}: publication date",
                                   warn=False),
            "origin": item.origin, "content_hash": item.hash, "input_hash": item.input_hash,
            "n_chars": item.n_chars, "n_events": item.n_events, "ingested_at": now,
            "text": item.text}
            for item in plan.new]
        mentions = mentions_of(plan.new, now) if any(i.n_events for i in plan.new) else None
        n_mentions = mentions.num_rows if mentions is not None else 0
        first = self.next_mention
        self.next_mention += n_mentions
        if n_mentions:
            columns = [mentions.column(c).to_pylist() for c in (
                "cluster_key", "eff_date", "eff_rank", "location_country", "article_id")]
            pending.extend(PendingMention(mid, *values)
                           for mid, *values in zip(range(first, self.next_mention), *columns))
        assignment = assign_events(con, pending, next_event_id=self.next_event, freed=freed)
        self.next_event = assignment.next_event_id
        if article_rows:
            self._insert("articles", _columns(article_rows, art_schema))
            con.execute("DELETE FROM rejections WHERE list_contains(?, article_id)",
                        [[r["article_id"] for r in article_rows]])
        if plan.versions:
            self._insert("article_versions", _columns([
                {"article_id": v.article_id, "url": v.url,
                 "content_hash": v.hash, "input_hash": v.input_hash, "seen_at": now}
                for v in plan.versions], self.version_schema))
        if n_mentions:
            event_of = assignment.event_of
            ids = range(first, self.next_mention)
            mentions = mentions.append_column(
                "mention_id", pa.array(ids, pa.int64())).append_column(
                "event_id", pa.array([event_of[m] for m in ids], pa.int64()))
            self.con.register("_tl_rows", mentions)
            try:
                self.con.execute("INSERT INTO mentions BY NAME SELECT *, ?::TIMESTAMP AS added_at "
                                 "FROM _tl_rows", [now])
            finally:
                self.con.unregister("_tl_rows")
        old = [(m.mention_id, assignment.event_of[m.mention_id]) for m in pending
               if m.old_event_id is not None]
        if old:
            self._reassign(old)
        refresh_events(con, set(assignment.touched) | set(freed))
        n_rej = self._insert_rejections(rejections, rej_schema)
        return IngestStats(articles=len(article_rows), replaced=plan.replaced,
                           skipped=plan.skipped, events=assignment.created,
                           mentions=n_mentions, rejections=n_rej, batches=1)

    def _insert(self, table: str, data: Any) -> None:
        self.con.register("_tl_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _tl_rows")
        finally:
            self.con.unregister("_tl_rows")

    def _remove_articles(self, article_ids: Iterable[str]
                         ) -> tuple[list[PendingMention], list[int]]:
        """Delete articles and their mentions; return the orphaned mentions of their events."""
        import pyarrow as pa

        con = self.con
        con.register("_tl_gone", pa.table({"article_id": pa.array(sorted(article_ids),
                                                                   pa.string())}))
        try:
            affected = [r[0] for r in con.execute(
                "SELECT DISTINCT event_id FROM mentions WHERE article_id IN "
                "(SELECT article_id FROM _tl_gone)").fetchall()]
            for table in ("mentions", "articles"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN "
                            "(SELECT article_id FROM _tl_gone)")
        finally:
            con.unregister("_tl_gone")
        if not affected:
            return [], []
        con.register("_tl_affected", pa.table({"event_id": pa.array(affected, pa.int64())}))
        try:
            rows = con.execute("""
                SELECT mention_id, cluster_key, eff_date, eff_rank, location_country, article_id,
                       event_id
                FROM mentions WHERE event_id IN (SELECT event_id FROM _tl_affected)""").fetchall()
            con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _tl_affected)")
        finally:
            con.unregister("_tl_affected")
        return [PendingMention(*r) for r in rows], affected

    def _reassign(self, pairs: list[tuple[int, int]]) -> None:
        import pyarrow as pa

        self.con.register("_tl_assign", pa.table({
            "mention_id": pa.array([p[0] for p in pairs], pa.int64()),
            "event_id": pa.array([p[1] for p in pairs], pa.int64())}))
        try:
            self.con.execute("""UPDATE mentions SET event_id = a.event_id FROM _tl_assign a
                                WHERE mentions.mention_id = a.mention_id""")
        finally:
            self.con.unregister("_tl_assign")

    def _insert_rejections(self, rows: list[dict[str, Any]], schema: Any) -> int:
        unique: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            unique.setdefault((row["article_id"], row["origin"], row["reason"], row["detail"]), row)
        if not unique:
            return 0
        self.con.register("_tl_rej", _columns(list(unique.values()), schema))
        try:
            self.con.execute("""
                INSERT INTO rejections BY NAME
                SELECT r.* FROM _tl_rej r WHERE NOT EXISTS (
                    SELECT 1 FROM rejections x
                    WHERE x.article_id IS NOT DISTINCT FROM r.article_id
                      AND x.origin IS NOT DISTINCT FROM r.origin
                      AND x.reason = r.reason AND x.detail IS NOT DISTINCT FROM r.detail)""")
        finally:
            self.con.unregister("_tl_rej")
        return len(rows)


def ingest_documents(store: EventStore, documents: Iterable[Document], *, batch_size: int = 200,
                     max_wait: float = 10.0,
                     progress: Callable[[IngestStats], None] | None = None,
                     on_rejection: Callable[[Rejection], None] | None = None,
                     input_hashes: MutableMapping[str, str] | None = None) -> IngestStats:
    """Store documents (articles, their events, rejections) in batches.

    A batch is committed when it holds ``batch_size`` documents or its first
    document has waited ``max_wait`` seconds.  ``progress`` is called with the
    running totals after every document; ``on_rejection`` with each rejection
    as it arrives.  ``input_hashes`` maps article ids to the hash of the
    article as read (see :func:`tieline.ingest.into_store.ingest_paths`).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    writer = _Writer(store)
    start = time.perf_counter()
    totals = IngestStats()
    batch: list[Document] = []
    batch_started = 0.0

    def flush() -> None:
        nonlocal totals, batch
        if not batch:
            return
        done = writer.write(batch, input_hashes, on_rejection)
        # rejections are counted as they arrive (below), not again here
        totals = totals + replace(done, rejections=0)
        batch = []
        logger.debug("committed batch %d (%d articles)", totals.batches, done.articles)

    for doc in documents:
        if not batch:
            batch_started = time.perf_counter()
        batch.append(doc)
        totals = replace(totals, seen=totals.seen + 1)
        if doc.rejection is not None:
            totals = replace(totals, rejections=totals.rejections + 1)
        if len(batch) >= batch_size or time.perf_counter() - batch_started >= max_wait:
            flush()
        if progress is not None:
            progress(replace(totals, seconds=time.perf_counter() - start))
    flush()
    totals = replace(totals, seconds=time.perf_counter() - start)
    if progress is not None:
        progress(totals)
    return totals


def delete_articles(store: EventStore, article_ids: Iterable[str]) -> int:
    """Delete articles with their mentions; the events they fed are re-clustered."""
    writer = _Writer(store)
    ids = set(article_ids)
    con = writer.con
    con.begin()
    try:
        n = int(con.execute("SELECT count(*) FROM articles WHERE list_contains(?, article_id)",
                            [sorted(ids)]).fetchall()[0][0])
        pending, freed = writer._remove_articles(ids)
        con.execute("DELETE FROM article_versions WHERE list_contains(?, article_id)",
                    [sorted(ids)])
        assignment = assign_events(con, pending, next_event_id=writer.next_event, freed=freed)
        if pending:
            writer._reassign([(m.mention_id, assignment.event_of[m.mention_id]) for m in pending])
        refresh_events(con, set(assignment.touched) | set(freed))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return n


def stored_input_hashes(con: Any, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (article id, input hash) pairs are already stored or rejected."""
    import pyarrow as pa

    if not pairs:
        return set()
    con.register("_tl_in", pa.table({"article_id": pa.array([p[0] for p in pairs], pa.string()),
                                     "input_hash": pa.array([p[1] for p in pairs], pa.string())}))
    try:
        rows = con.execute("""
            SELECT article_id, input_hash FROM article_versions
            SEMI JOIN _tl_in USING (article_id, input_hash)
            UNION
            SELECT article_id, input_hash FROM rejections
            SEMI JOIN _tl_in USING (article_id, input_hash)
        """).fetchall()
    finally:
        con.unregister("_tl_in")
    return {(r[0], r[1]) for r in rows}

