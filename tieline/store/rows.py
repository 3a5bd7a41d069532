"""The rows the store's writer writes: content hashes, outlets, Arrow schemas
and the ``mentions`` row of a coded event (:mod:`tieline.store.writer` writes
them, :mod:`tieline.store.bulk` and the Dask workers prepare them)."""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from tieline.model import Article, Event, Rejection
from tieline.store.dedup import cluster_key, effective_date, event_root, sane_date


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
    return outlet_or_host(article.outlet, article.url)


def outlet_or_host(outlet: str | None, url: str | None) -> str | None:
    if outlet:
        return outlet
    if url:
        host = (urlsplit(url).hostname or "").lower()
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


MENTION_IDS = ("mention_id", "event_id", "added_at")


def mention_row_schema() -> Any:
    """The ``mentions`` columns a batch brings, without the ids and time the writer adds."""
    import pyarrow as pa

    schema = _schemas()[1]
    return pa.schema([f for f in schema if f.name not in MENTION_IDS])


def rejection_row(rej: Rejection, article_id: str | None, origin: str | None,
                  input_hash: str | None, now: dt.datetime) -> dict[str, Any]:
    """The ``rejections`` row of a rejected input (its article's id and origin by default)."""
    return {"article_id": rej.article_id or article_id or None,
            "origin": rej.origin or origin, "reason": rej.reason,
            "detail": rej.detail, "input_hash": input_hash, "rejected_at": now}


def _version_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("article_id", pa.string()), ("url", pa.string()),
                      ("content_hash", pa.string()), ("input_hash", pa.string()),
                      ("seen_at", pa.timestamp("us"))])


def _columns(rows: list[dict[str, Any]], schema: Any) -> Any:
    import pyarrow as pa

    return pa.table({name: pa.array([r.get(name) for r in rows], schema.field(name).type)
                     for name in schema.names}, schema=schema)


def _actor_cols(prefix: str, actor: Any) -> dict[str, Any]:
    if actor is None:
        return {}
    return {f"{prefix}_text": actor.text, f"{prefix}_name": actor.name,
            f"{prefix}_country": actor.country, f"{prefix}_org": actor.org,
            f"{prefix}_role": actor.role, f"{prefix}_code": actor.code or None,
            f"{prefix}_key": actor.key}


def mention_row(event: Event, article: Article, *, outlet: str | None, mention_id: int,
                added_at: dt.datetime | None, warnings: list[str] | None = None
                ) -> dict[str, Any]:
    """One ``mentions`` row (event_id still unset).

    Dates outside :func:`~tieline.store.dedup.sane_date` (before 1800, or more
    than a year ahead) are a warning (logged, or appended to ``warnings``) and
    stored as no date.
    """
    published = sane_date(article.published, f"article {article.id}: publication date",
                          warnings=warnings)
    date = sane_date(event.date, f"article {article.id}: event date", warnings=warnings)
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
