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
import hashlib
import logging
import time
import unicodedata
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from tieline.errors import StoreError
from tieline.model import Article, Document, Event, Rejection
from tieline.store.database import EventStore
from tieline.store.dedup import PendingMention, assign_events, cluster_key, effective_date, \
    event_root, refresh_events, sane_date

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


def normalise(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def content_hash(article: Article) -> str:
    """sha256 (hex) of the normalised title and text."""
    digest = hashlib.sha256()
    digest.update(normalise(article.title).encode("utf-8"))
    digest.update(b"\x00")
    digest.update(normalise(article.text).encode("utf-8"))
    return digest.hexdigest()


def outlet_of(article: Article) -> str | None:
    """The outlet, else the host of the URL without ``www.``."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = (urlsplit(article.url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        return host or None
    return None


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# -- Arrow schemas -----------------------------------------------------------------------

def _schemas() -> tuple[Any, Any, Any]:
    import pyarrow as pa

    s, i32, i64, f64, d, ts = (pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32(),
                               pa.timestamp("us"))
    articles = pa.schema([
        ("article_id", s), ("url", s), ("outlet", s), ("title", s), ("published", d),
        ("origin", s), ("content_hash", s), ("input_hash", s), ("n_chars", i32),
        ("n_events", i32), ("ingested_at", ts), ("text", s)])
    actor = [(f"{p}_{c}", s) for p in ("source", "target")
             for c in ("text", "name", "country", "org", "role", "code", "key")]
    mentions = pa.schema([
        ("mention_id", i64), ("event_id", i64), ("article_id", s), ("outlet", s), ("url", s),
        ("published", d), ("sentence_index", i32), ("span_start", i32), ("span_end", i32),
        ("sentence", s), ("trigger", s), *actor, ("cluster_key", s), ("cameo", s), ("root", s),
        ("quad_class", pa.int8()), ("goldstein", f64), ("plover", s), ("mode", s),
        ("event_date", d), ("date_precision", s), ("date_text", s), ("eff_date", d),
        ("eff_rank", pa.int8()), ("location_name", s), ("location_country", s),
        ("location_lat", f64), ("location_lon", f64), ("attributed_to", s), ("quote", s),
        ("confidence", f64), ("added_at", ts), ("symmetric", pa.bool_()),
        ("inferred", pa.bool_()), ("trigger_start", i32), ("trigger_end", i32),
        ("location_admin1", s), ("location_feature", s), ("location_geonames_id", pa.int64())])
    rejections = pa.schema([
        ("article_id", s), ("origin", s), ("reason", s), ("detail", s), ("input_hash", s),
        ("rejected_at", ts)])
    return articles, mentions, rejections


def _version_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("article_id", pa.string()), ("url", pa.string()),
                      ("content_hash", pa.string()), ("input_hash", pa.string()),
                      ("seen_at", pa.timestamp("us"))])


def _columns(rows: list[dict[str, Any]], schema: Any) -> Any:
    import pyarrow as pa

    return pa.table({name: pa.array([r.get(name) for r in rows], schema.field(name).type)
                     for name in schema.names}, schema=schema)


# -- batch planning ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Incoming:
    doc: Document
    hash: str
    input_hash: str | None
    outlet: str | None


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
        "article_id": pa.array([i.doc.article.id for i in incoming], pa.string()),
        "url": pa.array([i.doc.article.url for i in incoming], pa.string()),
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
        art = item.doc.article
        currents = [c for c in (by_id.get(art.id), by_url.get(art.url) if art.url else None)
                    if c is not None]
        if (any(c.hash == item.hash for c in currents)
                or ("id", art.id, item.hash) in history
                or (art.url and ("url", art.url, item.hash) in history)
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
        current = _Current(art.id, art.url, item.hash, item)
        by_id[art.id] = current
        if art.url:
            by_url[art.url] = current
            history.add(("url", art.url, item.hash))
        history.add(("id", art.id, item.hash))
        copies.add((item.hash, item.outlet))
        plan.new.append(item)
        plan.versions.append(item)
    return plan


def _actor_cols(prefix: str, actor: Any) -> dict[str, Any]:
    if actor is None:
        return {}
    return {f"{prefix}_text": actor.text, f"{prefix}_name": actor.name,
            f"{prefix}_country": actor.country, f"{prefix}_org": actor.org,
            f"{prefix}_role": actor.role, f"{prefix}_code": actor.code or None,
            f"{prefix}_key": actor.key}


def mention_row(event: Event, article: Article, *, outlet: str | None, mention_id: int,
                added_at: dt.datetime) -> dict[str, Any]:
    """One ``mentions`` row (event_id still unset).

    Dates outside :func:`~tieline.store.dedup.sane_date` (before 1800, or more
    than a year ahead) are logged as a warning and stored as no date.
    """
    published = sane_date(article.published, f"article {article.id}: publication date")
    date = sane_date(event.date, f"article {article.id}: event date")
    if date != event.date:
        event = replace(event, date=None, date_precision=None)
    if published != article.published:
        article = replace(article, published=published)
    eff_date, eff_rank = effective_date(event, article.published)
    trigger_span = event.trigger_span
    loc = event.location
    row: dict[str, Any] = {
        "mention_id": mention_id, "article_id": article.id, "outlet": outlet,
        "url": article.url, "published": article.published,
        "sentence_index": event.sentence_index, "span_start": event.span[0],
        "span_end": event.span[1], "sentence": event.sentence, "trigger": event.trigger or None,
        "cluster_key": cluster_key(event), "cameo": event.cameo, "root": event_root(event),
        "quad_class": event.quad_class, "goldstein": float(event.goldstein),
        "plover": event.plover, "mode": event.mode, "event_date": event.date,
        "date_precision": event.date_precision, "date_text": event.date_text,
        "eff_date": eff_date, "eff_rank": eff_rank,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_admin1": getattr(loc, "admin1", None),
        "location_feature": getattr(loc, "feature", None),
        "location_geonames_id": getattr(loc, "geonames_id", None),
        "attributed_to": event.attributed_to, "quote": event.quote,
        "confidence": float(event.confidence), "added_at": added_at,
        "symmetric": bool(event.symmetric), "inferred": bool(event.inferred),
        "trigger_start": trigger_span[0] if trigger_span else None,
        "trigger_end": trigger_span[1] if trigger_span else None,
    }
    row.update(_actor_cols("source", event.source))
    row.update(_actor_cols("target", event.target))
    return row


# -- the writer --------------------------------------------------------------------------

class _Writer:
    """Per-ingest state: id counters and the schemas (one writer per store)."""

    def __init__(self, store: EventStore) -> None:
        store.require_writable()
        self.con = store.con
        self.schemas = _schemas()
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
                rej = doc.rejection
                rejections.append({"article_id": rej.article_id or doc.article.id or None,
                                   "origin": rej.origin or doc.article.origin,
                                   "reason": rej.reason, "detail": rej.detail,
                                   "input_hash": in_hash, "rejected_at": now})
                if on_rejection is not None:
                    on_rejection(rej)
                continue
            incoming.append(_Incoming(doc, content_hash(doc.article), in_hash,
                                      outlet_of(doc.article)))
        con = self.con
        con.begin()
        try:
            stats = self._write(incoming, rejections, now)
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
               now: dt.datetime) -> IngestStats:
        con = self.con
        art_schema, men_schema, rej_schema = self.schemas
        plan = _plan(con, incoming)
        pending: list[PendingMention] = []
        freed: list[int] = []
        if plan.remove:
            pending_old, freed = self._remove_articles(plan.remove)
            pending.extend(pending_old)
        article_rows: list[dict[str, Any]] = []
        mention_rows: list[dict[str, Any]] = []
        for item in plan.new:
            art = item.doc.article
            article_rows.append({
                "article_id": art.id, "url": art.url, "outlet": item.outlet,
                "title": art.title,
                "published": sane_date(art.published, f"article {art.id}: publication date",
                                       warn=False),
                "origin": art.origin,
                "content_hash": item.hash, "input_hash": item.input_hash,
                "n_chars": len(art.text), "n_events": len(item.doc.events), "ingested_at": now,
                "text": art.text})  # the cleaned text the events' spans point into
            for event in item.doc.events:
                row = mention_row(event, art, outlet=item.outlet, mention_id=self.next_mention,
                                  added_at=now)
                self.next_mention += 1
                mention_rows.append(row)
                pending.append(PendingMention(row["mention_id"], row["cluster_key"],
                                              row["eff_date"], row["eff_rank"],
                                              row["location_country"], art.id))
        assignment = assign_events(con, pending, next_event_id=self.next_event, freed=freed)
        self.next_event = assignment.next_event_id
        for row in mention_rows:
            row["event_id"] = assignment.event_of[row["mention_id"]]
        if article_rows:
            self._insert("articles", _columns(article_rows, art_schema))
            con.execute("DELETE FROM rejections WHERE list_contains(?, article_id)",
                        [[r["article_id"] for r in article_rows]])
        if plan.versions:
            self._insert("article_versions", _columns([
                {"article_id": v.doc.article.id, "url": v.doc.article.url,
                 "content_hash": v.hash, "input_hash": v.input_hash, "seen_at": now}
                for v in plan.versions], self.version_schema))
        if mention_rows:
            self._insert("mentions", _columns(mention_rows, men_schema))
        old = [(m.mention_id, assignment.event_of[m.mention_id]) for m in pending
               if m.old_event_id is not None]
        if old:
            self._reassign(old)
        refresh_events(con, set(assignment.touched) | set(freed))
        n_rej = self._insert_rejections(rejections, rej_schema)
        return IngestStats(articles=len(article_rows), replaced=plan.replaced,
                           skipped=plan.skipped, events=assignment.created,
                           mentions=len(mention_rows), rejections=n_rej, batches=1)

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

