"""What each endpoint asks the library, as plain records for the response models.

Every function takes an open (read-only) :class:`EventStore` and calls the
same library functions as the CLI: :func:`tieline.store.queries.events` and
:func:`~tieline.store.queries.count_events` (``tieline events``),
:func:`tieline.relations.relation_series` (``tieline relations``),
:func:`~tieline.store.queries.get_event` / :func:`~tieline.store.queries.event_mentions`
(the evidence), :func:`tieline.reference.cameo.load_cameo` (the codebook) and
the knowledge base (actors).  Nothing here knows about HTTP.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tieline.errors import InputError
from tieline.store.database import EventStore


class UnknownActor(InputError):
    """An actor term matching nothing stored and nothing the knowledge base knows."""

    def __init__(self, term: str, suggestions: Sequence[str] = ()) -> None:
        self.term = term
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no actor {term}{hint}")


class NotFound(InputError):
    """An event or article id that is not in the store."""


# -- actors ------------------------------------------------------------------------------

def _kb_actors() -> list[tuple[str, str, str]]:
    from tieline.actors.kb import load_knowledge_base

    kb = load_knowledge_base()
    out = [(c.iso3, c.name, "country") for c in kb.countries]
    out += [(o.id, o.name, "organization") for o in kb.organizations]
    return out


def _stored_keys(store: EventStore) -> dict[str, int]:
    rows = store.con.execute("""
        SELECT k, count(*) FROM (SELECT source_key AS k FROM events UNION ALL
                                 SELECT target_key FROM events WHERE target_key IS DISTINCT
                                 FROM source_key)
        WHERE k IS NOT NULL GROUP BY k""").fetchall()
    return {k: int(n) for k, n in rows}


def _stored_codes(store: EventStore, prefix: str) -> dict[str, int]:
    rows = store.con.execute("""
        SELECT c, count(*) FROM (SELECT source_code AS c FROM events UNION ALL
                                 SELECT target_code FROM events WHERE target_code IS DISTINCT
                                 FROM source_code)
        WHERE starts_with(c, $p) GROUP BY c ORDER BY count(*) DESC, c LIMIT 50""",
                             {"p": prefix}).fetchall()
    return {c: int(n) for c, n in rows if c}


def check_actor(store: EventStore, term: str) -> str:
    """``term`` upper-cased if the store or the knowledge base knows it, else
    :class:`UnknownActor` with the closest codes and names."""
    code = term.strip().upper()
    if not code:
        raise InputError("empty actor")
    condition = ("source_key = $t OR target_key = $t OR starts_with(source_code, $t) OR "
                 "starts_with(target_code, $t)") if len(code) >= 3 else \
        "source_key = $t OR target_key = $t OR source_code = $t OR target_code = $t"
    if store.con.execute(f"SELECT 1 FROM events WHERE {condition} LIMIT 1",
                         {"t": code}).fetchall():
        return code
    known = _kb_actors()
    if any(c == code for c, _, _ in known):
        return code
    by_name = {name.casefold(): c for c, name, _ in known}
    found = [by_name[n] for n in difflib.get_close_matches(term.strip().casefold(),
                                                           list(by_name), 3, 0.7)]
    found += difflib.get_close_matches(code, sorted({c for c, _, _ in known}
                                                    | set(_stored_keys(store))), 3, 0.6)
    raise UnknownActor(code, tuple(dict.fromkeys(found))[:3])


@dataclass(frozen=True)
class ActorEntry:
    code: str
    name: str
    kind: str
    events: int


def find_actors(store: EventStore, q: str | None, *, limit: int = 50) -> list[ActorEntry]:
    """Countries and organisations whose code starts with ``q`` or whose name
    contains it, and actor codes in the store starting with it; most events first."""
    counts = _stored_keys(store)
    term = (q or "").strip()
    found: dict[str, ActorEntry] = {}
    for code, name, kind in _kb_actors():
        if not term or code.startswith(term.upper()) or term.casefold() in name.casefold():
            found[code] = ActorEntry(code, name, kind, counts.get(code, 0))
    if term and len(term) >= 2:
        for code, n in _stored_codes(store, term.upper()).items():
            found.setdefault(code, ActorEntry(code, code, "stored", n))
    ordered = sorted(found.values(), key=lambda a: (-a.events, a.code))
    return ordered[:limit]


def country_names() -> dict[str, str]:
    return {code: name for code, name, kind in _kb_actors() if kind == "country"}


# -- codebook ------------------------------------------------------------------------------

def find_codes(q: str | None) -> list[Any]:
    """CAMEO codes starting with ``q`` (digits) or whose description or PLOVER
    type contains every word of it."""
    from tieline.reference.cameo import load_cameo

    codes = sorted(load_cameo().codes.values(), key=lambda c: c.code)
    term = (q or "").strip()
    if not term:
        return codes
    if term.isdigit():
        return [c for c in codes if c.code.startswith(term)]
    words = term.casefold().split()
    return [c for c in codes if all(w in f"{c.description} {c.plover or ''}".casefold()
                                    for w in words)]


# -- evidence -------------------------------------------------------------------------------

Span = tuple[int, int]


def find_span(sentence: str, needle: str | None, near: int | None = None) -> Span | None:
    """Where ``needle`` occurs in ``sentence`` (the occurrence nearest ``near``)."""
    if not needle:
        return None
    hits = [m.start() for m in re.finditer(re.escape(needle), sentence)] or \
        [m.start() for m in re.finditer(re.escape(needle), sentence, re.IGNORECASE)]
    if not hits:
        return None
    start = min(hits, key=lambda h: abs(h - near)) if near is not None else hits[0]
    return (start, start + len(needle))


def spans(event: Any) -> tuple[Span | None, Span | None, Span | None]:
    """Trigger, source and target spans into ``event.sentence``."""
    trigger: Span | None = None
    own = getattr(event, "trigger_span", None)
    if own is not None:
        start, end = own[0] - event.span[0], own[1] - event.span[0]
        if 0 <= start < end <= len(event.sentence):
            trigger = (start, end)
    if trigger is None:
        trigger = find_span(event.sentence, event.trigger or None)
    near = trigger[0] if trigger else None
    source = find_span(event.sentence, event.source.text if event.source else None, near)
    target = find_span(event.sentence, event.target.text if event.target else None, near)
    if source is not None and source == target:
        target = None
    return trigger, source, target


def _titles(store: EventStore, article_ids: Sequence[str]) -> dict[str, str | None]:
    if not article_ids:
        return {}
    return dict(store.con.execute(
        "SELECT article_id, title FROM articles WHERE list_contains($ids, article_id)",
        {"ids": list(article_ids)}).fetchall())


def event_evidence(store: EventStore, event_id: int) -> dict[str, Any]:
    """One happening with every mention, oldest first (see ``tieline events``)."""
    from tieline.store.queries import event_mentions, get_event

    event = get_event(store, event_id)
    if event is None:
        raise NotFound(f"no event {event_id} in the store")
    mentions = event_mentions(store, event_id)
    titles = _titles(store, sorted({m.event.article_id for m in mentions}))
    out = []
    for m in mentions:
        e = m.event
        trigger, source, target = spans(e)
        out.append({**_event_fields(e), "mention_id": m.mention_id, "event_id": m.event_id,
                    "article_id": e.article_id, "title": titles.get(e.article_id),
                    "outlet": m.outlet, "url": m.url, "published": m.published,
                    "trigger_span": trigger, "source_span": source, "target_span": target})
    return {"event": event, "mentions": out}


def _event_fields(e: Any) -> dict[str, Any]:
    return {"sentence": e.sentence, "sentence_index": e.sentence_index, "span": e.span,
            "trigger": e.trigger, "source": e.source, "target": e.target, "cameo": e.cameo,
            "root": e.root, "quad_class": e.quad_class, "goldstein": e.goldstein,
            "plover": e.plover, "mode": e.mode, "date": e.date,
            "date_precision": e.date_precision, "date_text": e.date_text,
            "location": e.location, "attributed_to": e.attributed_to, "quote": e.quote,
            "confidence": e.confidence}


def extracted_event(e: Any) -> dict[str, Any]:
    """An extracted :class:`~tieline.model.Event` with its spans into the sentence."""
    trigger, _, _ = spans(e)
    return {**_event_fields(e), "trigger_span": trigger}


def article_view(store: EventStore, article_id: str) -> dict[str, Any]:
    """An article's metadata and its coded events with their evidence spans."""
    from tieline.store.queries import article_mentions

    rows = store.con.execute(
        "SELECT article_id, title, url, outlet, published FROM articles WHERE article_id = ?",
        [article_id]).fetchall()
    if not rows:
        raise NotFound(f"no article {article_id!r} in the store")
    aid, title, url, outlet, published = rows[0]
    events = []
    for m in article_mentions(store, article_id):
        e = m.event
        trigger, source, target = spans(e)
        events.append({"mention_id": m.mention_id, "event_id": m.event_id,
                       "sentence_index": e.sentence_index, "span": e.span,
                       "sentence": e.sentence, "trigger": e.trigger, "trigger_span": trigger,
                       "source_span": source, "target_span": target,
                       "source_code": e.source.code if e.source else None,
                       "target_code": e.target.code if e.target else None,
                       "cameo": e.cameo, "mode": e.mode})
    return {"article_id": aid, "title": title, "url": url, "outlet": outlet,
            "published": published, "text": None, "events": events}


# -- stats -----------------------------------------------------------------------------------

def stats(store: EventStore) -> dict[str, Any]:
    from tieline import __version__
    from tieline.store.migrations import applied_migrations

    counts = store.counts()
    first, last = store.con.execute(
        "SELECT min(event_date), max(event_date) FROM events").fetchall()[0]
    applied = applied_migrations(store.con)
    return {"articles": counts["articles"], "events": counts["events"],
            "mentions": counts["mentions"], "rejections": counts["rejections"],
            "first_date": first, "last_date": last,
            "store_version": applied[-1] if applied else None, "tieline_version": __version__}


def parse_date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{what} must be a date (YYYY-MM-DD): {value!r}") from exc
