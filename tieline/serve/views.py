"""What each endpoint asks the library, as plain records for the response models.

The endpoints call the library functions the CLI calls --
:func:`tieline.store.api.find_events` (``tieline events``),
:func:`~tieline.store.api.show_event` (the evidence),
:func:`tieline.relations.relation_series` (``tieline relations``),
:func:`~tieline.store.api.codebook` and :func:`~tieline.store.api.actor_codes`
(the codes) -- directly; this module holds the few reads that have no CLI
counterpart (an article's events, the store's figures, event counts per
actor).  Nothing here knows about HTTP.
"""
from __future__ import annotations

import re
from typing import Any

from tieline.errors import InputError
from tieline.store.database import EventStore


class NotFound(InputError):
    """An event or article id that is not in the store."""


# -- actors ------------------------------------------------------------------------------

def actor_counts(store: EventStore) -> dict[str, int]:
    """Stored happenings per actor key (country or organisation), either side."""
    rows = store.con.execute("""
        SELECT k, count(*) FROM (SELECT source_key AS k FROM events UNION ALL
                                 SELECT target_key FROM events WHERE target_key IS DISTINCT
                                 FROM source_key)
        WHERE k IS NOT NULL GROUP BY k""").fetchall()
    return {k: int(n) for k, n in rows}


def country_names() -> dict[str, str]:
    from tieline.actors.kb import load_knowledge_base

    return {c.iso3: c.name for c in load_knowledge_base().countries}


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


def _in_text(text: str | None, span: Span, sentence: str) -> int | None:
    """Where ``sentence`` starts in the article ``text``: at ``span`` when the text
    there is the sentence, else its occurrence nearest ``span``; None without it."""
    if not text:
        return None
    if text[span[0]:span[0] + len(sentence)] == sentence:
        return span[0]
    hits = [m.start() for m in re.finditer(re.escape(sentence), text)] if sentence else []
    return min(hits, key=lambda h: abs(h - span[0])) if hits else None


def _shifted(span: Span | None, by: int | None) -> Span | None:
    return None if span is None or by is None else (span[0] + by, span[1] + by)


def article_view(store: EventStore, article_id: str) -> dict[str, Any]:
    """An article's metadata, its cleaned text (when the store keeps it) and its
    coded events with their evidence spans: into the event's sentence
    (``trigger_span``, ``source_span``, ``target_span``) and into the text
    (``text_spans``: the sentence, trigger and actors; null where not found)."""
    from tieline.store.queries import article_mentions

    rows = store.con.execute(
        'SELECT article_id, title, url, outlet, published, "text" FROM articles '
        "WHERE article_id = ?", [article_id]).fetchall()
    if not rows:
        raise NotFound(f"no article {article_id!r} in the store")
    aid, title, url, outlet, published, text = rows[0]
    events = []
    for m in article_mentions(store, article_id):
        e = m.event
        trigger, source, target = spans(e)
        at = _in_text(text, e.span, e.sentence)
        events.append({"mention_id": m.mention_id, "event_id": m.event_id,
                       "sentence_index": e.sentence_index, "span": e.span,
                       "sentence": e.sentence, "trigger": e.trigger, "trigger_span": trigger,
                       "source_span": source, "target_span": target,
                       "source_code": e.source.code if e.source else None,
                       "target_code": e.target.code if e.target else None,
                       "cameo": e.cameo, "mode": e.mode,
                       "text_spans": {"sentence": _shifted((0, len(e.sentence)), at),
                                      "trigger": _shifted(trigger, at),
                                      "source": _shifted(source, at),
                                      "target": _shifted(target, at)}})
    return {"article_id": aid, "title": title, "url": url, "outlet": outlet,
            "published": published, "text": text, "events": events}


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
