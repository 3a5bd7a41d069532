"""Asking the store: events (happenings) by actor, dyad, family, mode, date, text.

Actor terms
-----------
An actor term such as ``RUS``, ``NATO`` or ``RUSGOV`` matches an actor whose
key (country or organisation) equals it, or whose CAMEO code equals it or --
for terms of three or more letters -- starts with it.  So ``RUS`` matches
``RUS``, ``RUSGOV`` and ``RUSMIL``; ``RUSGOV`` matches only the government.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from tieline.errors import InputError
from tieline.model import MODES, Actor, Event, Location
from tieline.store.database import EventStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredEvent:
    """One happening as stored: the representative mention's coding plus counts."""

    event_id: int
    date: dt.date | None
    date_precision: str | None  # day | week | month | published (the article date) | None
    source_key: str | None
    source_code: str | None
    source_name: str | None
    target_key: str | None
    target_code: str | None
    target_name: str | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    num_mentions: int
    num_articles: int
    num_sources: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    sentence: str
    url: str | None
    article_id: str
    confidence: float
    symmetric: bool = False  # direction does not matter; actors in the order the text gives
    inferred: bool = False  # the target is implied by the article, not named
    location_admin1: str | None = None  # GeoNames admin1 code of the place
    location_feature: str | None = None  # country | admin1 | city | place
    location_geonames_id: int | None = None
    source_country: str | None = None
    source_org: str | None = None
    source_role: str | None = None
    target_country: str | None = None
    target_org: str | None = None
    target_role: str | None = None
    added_at: dt.datetime | None = None  # when the happening was first stored
    global_event_id: int | None = None  # the stable 63-bit id of the GDELT export (GLOBALEVENTID)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("date", "first_seen", "last_seen", "added_at"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        return out


@dataclass(frozen=True)
class StoredMention:
    """One report of a happening: the coded event as extracted, with its article."""

    mention_id: int
    event_id: int
    outlet: str | None
    url: str | None
    published: dt.date | None
    event: Event

    def to_dict(self) -> dict[str, Any]:
        return {"mention_id": self.mention_id, "event_id": self.event_id,
                "outlet": self.outlet, "url": self.url,
                "published": self.published.isoformat() if self.published else None,
                **self.event.to_dict()}


#: StoredEvent field -> events column (where the names differ).
_EVENT_FIELD_COLUMNS = {"date": "event_date", "lat": "location_lat", "lon": "location_lon",
                        "article_id": "rep_article_id"}
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(StoredEvent))
#: fields computed when read (not columns of ``events``)
_COMPUTED_FIELDS = frozenset({"global_event_id"})
EVENT_COLUMNS = ", ".join(f'"{_EVENT_FIELD_COLUMNS.get(f, f)}"' for f in EVENT_FIELDS
                          if f not in _COMPUTED_FIELDS)


def global_event_id_sql(alias: str = "events", first_article: str | None = None) -> str:
    """SQL for the GDELT export's ``GLOBALEVENTID`` of the ``events`` row ``alias``:
    :func:`tieline.store.gdelt.global_event_id` of its
    :func:`~tieline.store.gdelt.happening_key` (cluster key, place country, anchor
    rank and date; the first article at that rank when undated), computed in the query.
    ``first_article``: an expression giving that article (see :func:`first_articles_sql`)
    instead of a subquery over every mention."""
    a = alias
    first_article = first_article or (
        f"(SELECT min(k.article_id) FROM mentions k WHERE k.event_id = {a}.event_id "
        f"AND k.eff_rank = {a}.anchor_rank)")
    key = (f"{a}.cluster_key || '|' || coalesce({a}.location_country, '') || '|' || "
           f"CAST({a}.anchor_rank AS VARCHAR) || '|' || coalesce(strftime({a}.event_date, '%Y-%m-%d'), '')"
           f" || CASE WHEN {a}.event_date IS NULL THEN '|' || coalesce({first_article}, '') ELSE '' END")
    return f"greatest((('0x' || substr(sha256({key}), 1, 16))::UBIGINT >> 1)::BIGINT, 1)"


def event_select(alias: str = "events", prefix: str = "",
                 first_article: str | None = None) -> str:
    """The select list of a :class:`StoredEvent` from the ``events`` row ``alias``,
    each item named ``prefix`` + its column (``global_event_id`` computed;
    ``first_article`` as in :func:`global_event_id_sql`)."""
    items = [f'{alias}."{c}" AS "{prefix}{c}"' for c in (c.strip().strip('"') for c in
                                                        EVENT_COLUMNS.split(","))]
    gid = global_event_id_sql(alias, first_article)
    return ", ".join([*items, f'{gid} AS "{prefix}global_event_id"'])


def first_articles_sql(rows: str) -> str:
    """SQL of ``(event_id, first_article)`` for the undated happenings among the
    ``events`` rows of the CTE ``rows``: the first article at their anchor rank (what
    :func:`global_event_id_sql` needs).  Only those happenings' mentions are read,
    not every mention's, as the correlated subquery would."""
    return (f"SELECT k.event_id, min(k.article_id) AS first_article FROM mentions k "
            f"JOIN (SELECT event_id, anchor_rank FROM {rows} WHERE event_date IS NULL) u "
            f"ON k.event_id = u.event_id AND k.eff_rank = u.anchor_rank GROUP BY k.event_id")


def row_dicts(cursor: Any, rows: Sequence[Sequence[Any]] | None = None) -> list[dict[str, Any]]:
    """Rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in (cursor.fetchall() if rows is None else rows)]


def stored_event(row: dict[str, Any]) -> StoredEvent:
    """A :class:`StoredEvent` from an ``events`` row read by column name."""
    values = {f: row[_EVENT_FIELD_COLUMNS.get(f, f)] for f in EVENT_FIELDS}
    values["symmetric"] = bool(values["symmetric"])
    values["inferred"] = bool(values["inferred"])
    return StoredEvent(**values)


def actor_condition(prefix: str, param: str, term: str) -> str:
    """SQL for "the ``prefix`` actor matches ``$param``" (see the module docs)."""
    if len(term) >= 3:
        return f"({prefix}_key = ${param} OR starts_with({prefix}_code, ${param}))"
    return f"({prefix}_key = ${param} OR {prefix}_code = ${param})"


def dyad_condition(a: str, b: str, *, directed: bool = False,
                   params: tuple[str, str] = ("a", "b")) -> str:
    pa_, pb = params
    forward = f"({actor_condition('source', pa_, a)} AND {actor_condition('target', pb, b)})"
    if directed:
        return forward
    backward = f"({actor_condition('source', pb, b)} AND {actor_condition('target', pa_, a)})"
    return f"({forward} OR {backward})"


def _term(value: str, what: str) -> str:
    term = value.strip().upper()
    if not term:
        raise InputError(f"empty {what}")
    return term


#: What every count, series and export shows unless told otherwise.
DEFAULT_MODES: tuple[str, ...] = ("asserted",)
ALL_MODES = "all"


def resolve_modes(modes: str | Sequence[str] | None = None,
                  mode: str | None = None) -> tuple[str, ...] | None:
    """The modes a query keeps: ``None`` for every mode.

    ``modes`` is a mode, a sequence of them, a comma-separated string or
    ``"all"``; ``mode`` (one mode) is the older spelling.  Neither given:
    :data:`DEFAULT_MODES` (asserted events only).
    """
    chosen: list[str] = []
    if mode:
        chosen.append(mode)
    if isinstance(modes, str):
        modes = [modes]
    for item in modes or ():
        chosen.extend(m.strip().lower() for m in str(item).split(",") if m.strip())
    if not chosen:
        return DEFAULT_MODES
    if ALL_MODES in chosen:
        return None
    unknown = [m for m in chosen if m not in MODES]
    if unknown:
        raise InputError(f"mode must be one of {', '.join(MODES)} or all: {unknown[0]!r}")
    return tuple(dict.fromkeys(chosen))


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards (``%``, ``_``) and the escape character escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_filters(*, actor: str | None = None, between: tuple[str, str] | None = None,
                  root: str | None = None, mode: str | None = None,
                  since: dt.date | None = None, until: dt.date | None = None,
                  text: str | None = None, modes: str | Sequence[str] | None = None,
                  precision: str | None = None) -> tuple[str, dict[str, Any]]:
    """A WHERE clause over ``events`` and its parameters.

    Modes: see :func:`resolve_modes` (asserted only by default).  ``precision``
    ``"exact"`` leaves out events dated only by their article (precision
    ``published``) and undated ones.
    """
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if actor:
        term = _term(actor, "actor")
        params["actor"] = term
        clauses.append(f"({actor_condition('source', 'actor', term)} OR "
                       f"{actor_condition('target', 'actor', term)})")
    if between:
        a, b = (_term(x, "actor") for x in between)
        params.update(a=a, b=b)
        clauses.append(dyad_condition(a, b))
    if root:
        roots = [r.strip().zfill(2) for r in root.split(",") if r.strip()]
        if not all(r.isdigit() and len(r) == 2 for r in roots):
            raise InputError(f"--root takes two-digit CAMEO roots (e.g. 19 or 18,19): {root!r}")
        unknown = [r for r in roots if not 1 <= int(r) <= 20]
        if unknown:
            raise InputError(f"no CAMEO root {unknown[0]}: roots are 01 to 20 "
                             "(see `tieline codes`)")
        params["roots"] = roots
        clauses.append("list_contains($roots, root)")
    kept = resolve_modes(modes, mode)
    if kept is not None:
        params["modes"] = list(kept)
        clauses.append("list_contains($modes, mode)")
    if precision not in (None, "any", "exact"):
        raise InputError(f"precision must be any or exact: {precision!r}")
    if precision == "exact":
        clauses.append("event_date IS NOT NULL AND coalesce(date_precision, 'day') <> 'published'")
    if since:
        params["since"] = since
        clauses.append("event_date >= $since")
    if until:
        params["until"] = until
        clauses.append("event_date <= $until")
    if text:
        params["text"] = f"%{escape_like(text)}%"
        clauses.append("(source_name ILIKE $text ESCAPE '\\' OR target_name ILIKE $text "
                       "ESCAPE '\\' OR event_id IN (SELECT event_id FROM mentions "
                       "WHERE sentence ILIKE $text ESCAPE '\\'))")
    return (" AND ".join(clauses) or "TRUE"), params


ORDERS = {
    "date": "event_date DESC NULLS LAST, num_mentions DESC, event_id",
    "mentions": "num_mentions DESC, num_articles DESC, event_date DESC NULLS LAST, event_id",
    "id": "event_id",
}


def events(store: EventStore, actor: str | None = None, between: tuple[str, str] | None = None,
           root: str | None = None, mode: str | None = None, since: dt.date | None = None,
           until: dt.date | None = None, text: str | None = None, limit: int | None = 100,
           *, order: str = "date", offset: int = 0, modes: str | Sequence[str] | None = None,
           precision: str | None = None) -> list[StoredEvent]:
    """Stored happenings matching every given filter.

    ``between=(A, B)`` matches either direction; ``root`` is a CAMEO root or a
    comma-separated list (``"18,19"``); ``since``/``until`` bound the event
    date (inclusive); ``text`` is a case-insensitive substring of any
    mention's sentence or of an actor name.  ``order`` is ``date`` (newest
    first), ``mentions`` (most reported first) or ``id``; ``limit=None`` for all.
    """
    if order not in ORDERS:
        raise InputError(f"order must be one of {', '.join(ORDERS)}")
    where, params = event_filters(actor=actor, between=between, root=root, mode=mode,
                                  since=since, until=until, text=text, modes=modes,
                                  precision=precision)
    if limit is None:
        sql = f"SELECT {event_select()} FROM events WHERE {where} ORDER BY {ORDERS[order]}"
    else:  # the page's ids first, then its rows: the wide select runs on one page, not on every match
        page = (f"SELECT event_id FROM events WHERE {where} ORDER BY {ORDERS[order]} "
                f"LIMIT {int(limit)} OFFSET {int(offset)}")
        sql = _page_rows(page, order)
    return [stored_event(r) for r in row_dicts(store.con.execute(sql, params))]


def _page_rows(page: str, order: str, *, matches: str | None = None) -> str:
    """SQL of the wide rows of the happenings whose ids the query ``page`` selects,
    in ``order``; with ``matches`` (a query, the CTE ``m`` that ``page`` may read)
    also their count, as ``__total``.  An undated happening's first article
    (for ``global_event_id``) is looked up among the page's mentions only."""
    ctes = [f"m AS MATERIALIZED ({matches})"] if matches else []
    ctes += [f"page AS ({page})",
             "r AS MATERIALIZED (SELECT events.* FROM page JOIN events USING (event_id))",
             f"f AS ({first_articles_sql('r')})"]
    total = ', (SELECT count(*) FROM m) AS "__total"' if matches else ""
    return (f"WITH {', '.join(ctes)} "
            f"SELECT {event_select('r', first_article='f.first_article')}{total} "
            f"FROM r LEFT JOIN f USING (event_id) ORDER BY {ORDERS[order]}")


def events_page(store: EventStore, *, limit: int, offset: int = 0, order: str = "date",
                **filters: Any) -> tuple[int, list[StoredEvent]]:
    """How many happenings match ``filters`` and one page of them, in one scan:
    the matches' ids and sort keys are kept once (a materialised CTE), counted
    and cut to the page; only the page's wide rows are read."""
    if order not in ORDERS:
        raise InputError(f"order must be one of {', '.join(ORDERS)}")
    where, params = event_filters(**filters)
    matches = (f"SELECT event_id, event_date, num_mentions, num_articles FROM events "
               f"WHERE {where}")
    page = f"SELECT event_id FROM m ORDER BY {ORDERS[order]} LIMIT {int(limit)} OFFSET {int(offset)}"
    sql = _page_rows(page, order, matches=matches)
    rows = row_dicts(store.con.execute(sql, params))
    if not rows:  # an empty page carries no total
        return count_events(store, **filters), []
    return int(rows[0]["__total"]), [stored_event(r) for r in rows]


def count_events(store: EventStore, **filters: Any) -> int:
    where, params = event_filters(**filters)
    return int(store.con.execute(f"SELECT count(*) FROM events WHERE {where}",
                                 params).fetchall()[0][0])


def get_event(store: EventStore, event_id: int) -> StoredEvent | None:
    rows = row_dicts(store.con.execute(f"SELECT {event_select()} FROM events WHERE event_id = ?",
                                       [event_id]))
    return stored_event(rows[0]) if rows else None


MENTION_COLUMNS = (
    "mention_id, event_id, outlet, url, published, article_id, sentence, sentence_index, "
    "span_start, span_end, source_text, source_name, source_country, source_org, source_role, "
    "source_code, target_text, target_name, target_country, target_org, target_role, "
    "target_code, cameo, root, quad_class, goldstein, plover, mode, trigger, event_date, "
    "date_precision, date_text, location_name, location_country, location_lat, location_lon, "
    "attributed_to, quote, confidence, \"symmetric\", inferred, trigger_start, trigger_end, "
    "location_admin1, location_feature, location_geonames_id")


def _actor(row: dict[str, Any], prefix: str) -> Actor | None:
    text, name = row[f"{prefix}_text"], row[f"{prefix}_name"]
    if text is None and name is None:
        return None
    return Actor(text=text, name=name, country=row[f"{prefix}_country"],
                 org=row[f"{prefix}_org"], role=row[f"{prefix}_role"],
                 code=row[f"{prefix}_code"] or "")


def make_location(name: str, country: str | None, lat: float | None, lon: float | None,
                  **detail: Any) -> Location:
    """A :class:`~tieline.model.Location`; the gazetteer's details (``admin1``,
    ``feature``, ``geonames_id``) are passed on where the model has them."""
    known = {f.name for f in fields(Location)}
    return Location(name, country, lat, lon,
                    **{k: v for k, v in detail.items() if k in known and v is not None})


def stored_mention(row: dict[str, Any]) -> StoredMention:
    """A :class:`StoredMention` from a ``mentions`` row read by column name."""
    loc_name, loc_country = row["location_name"], row["location_country"]
    location = (make_location(loc_name or "", loc_country, row["location_lat"],
                              row["location_lon"], admin1=row.get("location_admin1"),
                              feature=row.get("location_feature"),
                              geonames_id=row.get("location_geonames_id"))
                if loc_name is not None or loc_country is not None else None)
    start, end = row.get("trigger_start"), row.get("trigger_end")
    event = Event(article_id=row["article_id"], sentence=row["sentence"],
                  sentence_index=row["sentence_index"],
                  span=(row["span_start"], row["span_end"]),
                  source=_actor(row, "source"),  # type: ignore[arg-type]
                  target=_actor(row, "target"), cameo=row["cameo"], root=row["root"],
                  quad_class=row["quad_class"], goldstein=row["goldstein"],
                  plover=row["plover"], mode=row["mode"], trigger=row["trigger"] or "",
                  date=row["event_date"], date_precision=row["date_precision"],
                  date_text=row["date_text"], location=location,
                  attributed_to=row["attributed_to"], quote=row["quote"],
                  confidence=row["confidence"], symmetric=bool(row.get("symmetric")),
                  trigger_span=(start, end) if start is not None and end is not None else None,
                  inferred=bool(row.get("inferred")))
    return StoredMention(row["mention_id"], row["event_id"], row["outlet"], row["url"],
                         row["published"], event)


def event_mentions(store: EventStore, event_id: int) -> list[StoredMention]:
    """Every report of one happening, oldest article first: the evidence."""
    cursor = store.con.execute(
        f"SELECT {MENTION_COLUMNS} FROM mentions WHERE event_id = ? "
        "ORDER BY published NULLS LAST, mention_id", [event_id])
    return [stored_mention(r) for r in row_dicts(cursor)]


def article_mentions(store: EventStore, article_id: str) -> list[StoredMention]:
    """The coded events stored for one article, in text order."""
    cursor = store.con.execute(
        f"SELECT {MENTION_COLUMNS} FROM mentions WHERE article_id = ? "
        "ORDER BY sentence_index, span_start, mention_id", [article_id])
    return [stored_mention(r) for r in row_dicts(cursor)]
